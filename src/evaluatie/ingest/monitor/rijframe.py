"""A frame from the data rows of an OData data set, as ``pd.DataFrame.from_records`` builds it.

A national table has ~200,000 rows of ~40 cells (CBS UntypedDataSet: every cell a text, numbers
right-aligned as ``"   12.3"``). ``from_records`` turns the dicts into object arrays and then
infers each column's dtype from its Python objects: 4,3 s for the synthetic national case
(211.716 rows x 38 keys, session 9). :func:`frame_uit_rijen` lets pandas collect the rows
into object columns without inference (``pd.DataFrame(rijen, dtype=object)``, 1,5 s) and
turns each column that holds only texts into pandas' ``str`` dtype through pyarrow (1,7 s for
all 38); any other column (numbers of a TypedDataSet, booleans, only ``None``, mixed types) is
made by ``from_records`` itself, so its dtype and values are pandas' own.
tests/unit/ingest/test_rijframe.py compares the result with ``from_records`` on real CBS files
and on generated rows.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

#: the dtype ``from_records`` gives a column of only texts (pandas >= 3: ``str``, NaN for missing)
_TEKST = pd.Series(["a"]).dtype


def _tekstkolom(waarden) -> pd.Series | None:
    """The column as pandas' ``str`` dtype when every value is a ``str`` or ``None`` (at least one
    ``str``), else None. pyarrow refuses any other Python type (int, float, NaN, bool) here."""
    try:
        arr = pa.array(waarden, type=pa.large_string(), from_pandas=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if arr.null_count == len(arr):  # only None: from_records keeps an object column
        return None
    return arr.to_pandas(types_mapper={pa.large_string(): _TEKST}.get)


def frame_uit_rijen(rijen: list[dict]) -> pd.DataFrame:
    """``pd.DataFrame.from_records(rijen)``, faster for rows of texts.

    ``rijen``: a list of dicts. Returns what ``from_records`` returns: one column per key in
    order of first appearance, a ``RangeIndex``, missing keys as missing values; text-only
    columns have dtype ``str``, the others the dtype ``from_records`` infers. Raises nothing
    of its own.
    """
    if not rijen or not isinstance(_TEKST, pd.StringDtype):  # pandas without the str dtype
        return pd.DataFrame.from_records(rijen)
    objecten = pd.DataFrame(rijen, dtype=object)
    namen = list(objecten.columns)
    if not namen:  # rows without keys: from_records's own empty column index
        return pd.DataFrame.from_records(rijen)
    delen: dict = {}
    for naam in namen:
        kolom = _tekstkolom(objecten[naam].to_numpy())
        if kolom is not None:
            delen[naam] = kolom
    overig = [n for n in namen if n not in delen]
    del objecten
    if overig:
        rest = pd.DataFrame.from_records(rijen, columns=overig)
        delen.update({n: rest[n] for n in overig})
    return pd.DataFrame({naam: delen[naam] for naam in namen})
