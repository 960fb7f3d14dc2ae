"""The parquet reader's fast path on the real KWB 2020 folder (CBS 84799NED, all 17,341 areas).

The same check as ``tests/unit/ingest/test_csvregels.py`` does on the fixtures' parquet folders,
here on the whole real table when it is on this machine (``/work/shared/realdata``): ± 30 s, so
it runs in `make test`, not in `make test-snel`."""

from __future__ import annotations

from pathlib import Path

import pytest

from gedeelde_controles import parquet_map_zoals_voorheen

ECHT = Path("/work/shared/realdata/09_odata_84799NED_kwb2020_statline-bq")


@pytest.mark.skipif(not ECHT.is_dir(), reason=f"de echte KWB 2020-map staat niet op deze machine ({ECHT})")
def test_parquet_rijen_en_frame_gelijk_aan_to_dict_en_from_records_op_echte_kwb(monkeypatch):
    parquet_map_zoals_voorheen(ECHT, monkeypatch)
