"""Atomic output: write to a temporary file beside the target, then rename.

A stage that fails or is killed mid-write leaves the previous output intact.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd


@contextmanager
def atomisch_pad(doel: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``doel``; on success rename it over ``doel``."""
    doel = Path(doel)
    doel.parent.mkdir(parents=True, exist_ok=True)
    for oud in doel.parent.glob(f".{glob.escape(doel.name)}.*.tmp"):
        oud.unlink(missing_ok=True)  # left by a run that was killed mid-write
    fd, tmp = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=doel.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
    tmp_pad = Path(tmp)
    try:
        yield tmp_pad
        with open(tmp_pad, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_pad, doel)
    finally:
        if tmp_pad.exists():
            tmp_pad.unlink()


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


def schrijf_bytes(doel: str | Path, data: bytes) -> None:
    with atomisch_pad(doel) as tmp:
        tmp.write_bytes(data)


def schrijf_tekst(doel: str | Path, tekst: str) -> None:
    schrijf_bytes(doel, tekst.encode("utf-8"))


def schrijf_met(doel: str | Path, schrijver: Callable[[Path], None]) -> None:
    """Call ``schrijver(tmp_pad)`` and move the result into place atomically."""
    with atomisch_pad(doel) as tmp:
        schrijver(tmp)


#: Significant bits kept of every float written to parquet (40 of 53: about 12 decimal digits).
MANTISSE_BITS = 40


def rond_af(waarden: "np.ndarray") -> "np.ndarray":
    """Round floats to :data:`MANTISSE_BITS` significant bits (NaN and infinities unchanged).

    Linear algebra (BLAS) may differ in the last bits between processors; rounding before writing
    keeps those differences out of the files, so two machines write the same bytes.
    """
    import numpy as np

    mantisse, exponent = np.frexp(waarden)
    schaal = float(2**MANTISSE_BITS)
    return np.ldexp(np.round(mantisse * schaal) / schaal, exponent)


def schrijf_parquet(df: "pd.DataFrame", doel: str | Path) -> None:
    """Deterministic parquet: floats rounded (:func:`rond_af`), no pandas index, fixed compression,
    no creation time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import numpy as np
    import pandas as pd

    df = df.copy(deep=False)
    for kolom in df.columns:
        reeks = df[kolom]
        if isinstance(reeks.dtype, np.dtype) and reeks.dtype.kind == "f":
            df[kolom] = rond_af(reeks.to_numpy())
        elif isinstance(reeks.dtype, pd.Float64Dtype):
            leeg = reeks.isna().to_numpy()
            waarden = rond_af(reeks.to_numpy(dtype="float64", na_value=np.nan))
            afgerond = pd.Series(np.where(leeg, 0.0, waarden), index=reeks.index, dtype="Float64")
            afgerond[leeg] = pd.NA
            df[kolom] = afgerond
    tabel = pa.Table.from_pandas(df, preserve_index=False)
    tabel = tabel.replace_schema_metadata(None)
    schrijf_met(doel, lambda p: pq.write_table(tabel, p, compression="zstd"))


def schrijf_csv(df: "pd.DataFrame", doel: str | Path) -> None:
    schrijf_met(doel, lambda p: df.to_csv(p, index=False, lineterminator="\n"))
