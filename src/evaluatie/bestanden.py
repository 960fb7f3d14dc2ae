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


def schrijf_parquet(df: "pd.DataFrame", doel: str | Path) -> None:
    """Deterministic parquet: no pandas index, fixed compression, no creation time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tabel = pa.Table.from_pandas(df, preserve_index=False)
    tabel = tabel.replace_schema_metadata(None)
    schrijf_met(doel, lambda p: pq.write_table(tabel, p, compression="zstd"))


def schrijf_csv(df: "pd.DataFrame", doel: str | Path) -> None:
    schrijf_met(doel, lambda p: df.to_csv(p, index=False, lineterminator="\n"))
