"""`make alle-gemeenten JOBS=2` in a fresh `git clone`: every configured gemeente is built through DVC's
experiment queue and collected into reports/<gemeente>/<editie>/, with params.yaml byte-identical and the
workspace outputs untouched. A second run replaces the first run's experiments instead of failing on the
names."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, draai, pdf_tekst

pytestmark = pytest.mark.e2e


def _make(kloon: Path) -> subprocess.CompletedProcess:
    # the test environment is already installed: point the Makefile at it; `-o`: never reinstall into it
    return draai(["make", "--no-print-directory", "alle-gemeenten", "JOBS=2", f"VENV={BIN.parent}",
                  "-o", str(BIN.parent / ".evaluatie-geinstalleerd")], kloon, check=False)


def _eerste_pagina(pdf: Path) -> str:
    from pypdf import PdfReader

    return PdfReader(pdf).pages[0].extract_text() or ""


def test_all_gemeenten_through_the_queue(tmp_path):
    kloon = tmp_path / "evaluatie"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(kloon)], check=True)
    params = (kloon / "params.yaml").read_bytes()

    proc = _make(kloon)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr

    rijswijk = kloon / "reports/rijswijk/2021-2022/evaluatie.pdf"
    lv = kloon / "reports/leidschendam-voorburg/2020-2022/evaluatie.pdf"
    assert rijswijk.is_file() and lv.is_file()
    assert rijswijk.read_bytes() != lv.read_bytes()
    kaft_r, kaft_lv = _eerste_pagina(rijswijk), _eerste_pagina(lv)
    assert "Rijswijk" in kaft_r and "Welzijn en Sociaal Domein" in kaft_r and "Leidschendam" not in kaft_r
    assert "Leidschendam-Voorburg" in kaft_lv and "Sociale cohesie" in kaft_lv and "Rijswijk" not in kaft_lv
    assert "Leidschendam-Voorburg" in pdf_tekst(lv) and "Rijswijk" in pdf_tekst(rijswijk)
    # the whole edition folder came along (notebooks, figures, the technical account), read from the cache
    assert (kloon / "reports/leidschendam-voorburg/2020-2022/verantwoording.pdf").is_file()
    assert (kloon / "reports/rijswijk/2021-2022/thema/eenzaamheid.ipynb").is_file()

    # params.yaml and the workspace: untouched; no output of an ordinary build appeared
    assert (kloon / "params.yaml").read_bytes() == params
    assert not (kloon / "data/processed").exists()
    assert not (kloon / "reports/2021-2022").exists() and not (kloon / "reports/2020-2022").exists()
    assert draai(["git", "status", "--porcelain"], kloon).stdout == ""  # reports/*/ is ignored by git
    status = draai([str(BIN / "dvc"), "status"], kloon)  # DVC does not mind the new folders
    assert "ERROR" not in status.stdout + status.stderr and "WARNING" not in status.stdout + status.stderr
    refs = draai(["git", "for-each-ref", "--format=%(refname)", "refs/exps/"], kloon).stdout.split()
    assert sorted(r.rsplit("/", 1)[1] for r in refs if r.count("/") == 4) == [
        "leidschendam-voorburg-2020-2022", "rijswijk-2021-2022"]

    # a second run replaces the experiments of the first (the names are taken on this baseline)
    voor = {p: p.read_bytes() for p in (rijswijk, lv)}
    proc = _make(kloon)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Eerdere experimenten vervangen: leidschendam-voorburg-2020-2022, rijswijk-2021-2022" in proc.stdout
    assert {p: p.read_bytes() for p in (rijswijk, lv)} == voor  # same inputs, same bytes
    assert (kloon / "params.yaml").read_bytes() == params
    refs = draai(["git", "for-each-ref", "--format=%(refname)", "refs/exps/"], kloon).stdout.split()
    assert len([r for r in refs if r.count("/") == 4]) == 2
