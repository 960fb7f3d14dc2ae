"""pandera's checks load without hypothesis in a product process (evaluatie.ingest.pandera_laden)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_SCRIPT = r"""
import sys
import pandas as pd
from pandera.errors import SchemaErrors
from evaluatie.ingest.kader.tabellen import SCHEMAS
from evaluatie.ingest.monitor.schema import lege_metingen, metingen_schema, valideer_schema

# a valid metingen row passes, an invalid one fails with pandera's own error: the checks are registered
df = lege_metingen()
rij = {"bron": "CBS", "tabel": "T1", "veld": "v", "gebied": "GM0603", "gebied_niveau": "gemeente",
       "gebied_naam": "Rijswijk", "leeftijd": "", "jaar": 2022, "waarde": 10.0, "ondergrens": float("nan"),
       "bovengrens": float("nan"), "markering": "", "eenheid": "%", "demo": False, "bestand": "x.csv"}
goed = pd.DataFrame([rij]).astype(df.dtypes.to_dict())
valideer_schema(goed)
fout = goed.assign(jaar=1800)
try:
    metingen_schema.validate(fout, lazy=True)
except SchemaErrors as e:
    assert "in_range" in str(e.failure_cases["check"].tolist()), e.failure_cases
else:
    raise SystemExit("in_range not checked")
assert "hypothesis" not in sys.modules, "hypothesis was imported"
import hypothesis  # still importable afterwards
print("ok", hypothesis.__version__ != "")
"""


def test_validation_without_importing_hypothesis_and_hypothesis_still_importable():
    proc = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok True"


def test_a_process_with_hypothesis_already_imported_is_left_alone():
    import hypothesis  # noqa: F401  (pytest's plugin has imported it already)

    from evaluatie.ingest.pandera_laden import laad_pandera_controles

    laad_pandera_controles()
    assert sys.modules["hypothesis"] is not None
