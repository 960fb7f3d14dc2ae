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

from evaluatie.gedeeld.fouten import schrijffout

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd


@contextmanager
def atomisch_pad(doel: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``doel``; on success rename it over ``doel``.

    An operating-system error while writing (disk full, no permission) leaves ``doel`` as it was,
    removes the temporary file and is raised as :class:`~evaluatie.gedeeld.fouten.InvoerFout`
    naming ``doel`` (:func:`~evaluatie.gedeeld.fouten.schrijffout`).
    """
    doel = Path(doel)
    tmp_pad: Path | None = None
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        for oud in doel.parent.glob(f".{glob.escape(doel.name)}.*.tmp"):
            oud.unlink(missing_ok=True)  # left by a run that was killed mid-write
        fd, tmp = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=doel.parent)
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
        tmp_pad = Path(tmp)
        yield tmp_pad
        with open(tmp_pad, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_pad, doel)
    except OSError as fout:
        raise schrijffout(fout, doel) from fout
    finally:
        if tmp_pad is not None and tmp_pad.exists():
            tmp_pad.unlink()


def ruim_op(map_: str | Path, behouden: set[str]) -> list[Path]:
    """Remove the files directly in ``map_`` whose name is not in ``behouden``; return what was removed.

    DVC keeps a stage's outputs during a run (``persist: true``), so a stage that no longer makes a
    file (a theme or a figure that went away) removes it itself, after everything else succeeded.
    Sub-folders are removed whole when their name is not kept.
    """
    import shutil

    map_ = Path(map_)
    weg = []
    if not map_.is_dir():
        return weg
    for pad in sorted(map_.iterdir()):
        if pad.name in behouden:
            continue
        if pad.is_dir() and not pad.is_symlink():
            shutil.rmtree(pad)
        else:
            pad.unlink()
        weg.append(pad)
    return weg


def momentopname(map_: str | Path) -> dict[str, bytes] | None:
    """The files directly in ``map_`` with their bytes (``None`` when the folder does not exist), for
    :func:`zet_terug`. Meant for small folders (a theme's figures)."""
    map_ = Path(map_)
    if not map_.is_dir():
        return None
    return {p.name: p.read_bytes() for p in sorted(map_.iterdir()) if p.is_file()}


def zet_terug(map_: str | Path, vorige: dict[str, bytes] | None) -> None:
    """Put ``map_`` back as :func:`momentopname` found it: files written since are removed, changed ones
    rewritten (atomically). Used when a stage fails halfway, so its last good output stays whole."""
    import shutil

    map_ = Path(map_)
    if vorige is None:
        if map_.is_dir():
            shutil.rmtree(map_)
        return
    for pad in sorted(map_.iterdir()) if map_.is_dir() else ():
        if pad.name not in vorige:
            shutil.rmtree(pad) if pad.is_dir() and not pad.is_symlink() else pad.unlink()
    for naam, data in vorige.items():
        pad = map_ / naam
        if not pad.is_file() or pad.read_bytes() != data:
            schrijf_bytes(pad, data)


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


#: Stated precision of every float written to parquet or CSV: 12 significant digits, and nothing
#: below 1e-10 (numerical noise around zero, such as a slope of 5e-17 for a flat series, becomes 0).
SIGNIFICANTE_CIJFERS = 12
KLEINSTE_DECIMAAL = 10


def rond_af(waarden: "np.ndarray") -> "np.ndarray":
    """Round floats to the stated precision (:data:`SIGNIFICANTE_CIJFERS`, :data:`KLEINSTE_DECIMAAL`).

    Linear algebra (BLAS) and summation may differ in the last bits between processors; rounding
    before writing keeps those differences out of the files, so two machines write the same bytes.
    NaN and infinities are returned unchanged. Shape is preserved.
    """
    import numpy as np

    w = np.asarray(waarden, dtype="float64")
    with np.errstate(all="ignore"):
        w = np.round(w, KLEINSTE_DECIMAAL)
        exponent = np.floor(np.log10(np.abs(w)))
        exponent = np.where(np.isfinite(exponent), exponent, 0.0)
        factor = 10.0 ** (SIGNIFICANTE_CIJFERS - 1 - exponent)
        afgerond = np.round(w * factor) / factor
    return np.where(np.isfinite(w), afgerond + 0.0, w)  # + 0.0: no negative zero


def _afgeronde_kopie(df: "pd.DataFrame") -> "pd.DataFrame":
    """A shallow copy of ``df`` whose float columns (also nullable ``Float64``) went through :func:`rond_af`."""
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
    return df


def schrijf_parquet(df: "pd.DataFrame", doel: str | Path) -> None:
    """Deterministic parquet: floats at the stated precision (:func:`rond_af`), no pandas index, fixed
    compression, no creation time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    df = _afgeronde_kopie(df)
    tabel = pa.Table.from_pandas(df, preserve_index=False)
    tabel = tabel.replace_schema_metadata(None)
    schrijf_met(doel, lambda p: pq.write_table(tabel, p, compression="zstd"))


def schrijf_csv(df: "pd.DataFrame", doel: str | Path) -> None:
    """CSV (comma, point as decimal sign, UTF-8, LF) with floats at the stated precision."""
    df = _afgeronde_kopie(df)
    schrijf_met(doel, lambda p: df.to_csv(p, index=False, lineterminator="\n",
                                          float_format=f"%.{SIGNIFICANTE_CIJFERS}g"))
