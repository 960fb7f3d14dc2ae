"""Two editions from one repository: `evaluatie bouw --editie 2023-2024` (what `make rapport EDITIE=2023-2024`
runs) builds into reports/2023-2024/ with the comparison against the recorded 2021-2022 metrics, and leaves
params.yaml byte-identical. One changed 2024 demo value improves a status; table and sentence say so."""

from __future__ import annotations

import json
import re

import pytest

from conftest import BIN, RAAD_VERBODEN, draai, kopieer_project, pdf_tekst

pytestmark = pytest.mark.e2e

MANTELZORG = "| Inwoners die mantelzorg geven | ● geen meetbare verandering; 16\u00a0% (2022) |"


def _zet_mantelzorg_2024(kopie, waarde: int, onder: int, boven: int) -> None:
    """Rijswijk, 18 jaar of ouder, Mantelzorger_30 in the demo 2024 wave (50150NED layout)."""
    pad = kopie / "data/raw/edities/2023-2024/monitor/50150NED/UntypedDataSet.json"
    rijen = json.loads(pad.read_text(encoding="utf-8"))
    nieuw = {"MW00000": waarde, "MOG0095": onder, "MBG0095": boven}
    for r in rijen:
        if r["WijkenEnBuurten"].strip() == "GM0603" and r["Leeftijd"] == "20300":
            r["Mantelzorger_30"] = f"{nieuw[r['Marges']]:>6d}"
    pad.write_text(json.dumps(rijen, indent=2), encoding="utf-8")


def test_default_report_names_its_own_edition(gebouwd):
    md = (gebouwd / "reports/2021-2022/evaluatie.md").read_text(encoding="utf-8")
    assert "<th scope=\"row\">Periode</th><td>2021-2022</td>" in md
    assert "over de periode 2021-2022" in md
    assert "Wat is er veranderd sinds de vorige evaluatie" not in md  # no previous edition
    assert not (gebouwd / "reports/2023-2024").exists()
    # the demo 2024 wave came in for 2023-2024 (data/raw/edities/2023-2024/monitor): not read by 2021-2022
    import pandas as pd

    assert "50150NED" not in set(pd.read_parquet(gebouwd / "data/processed/metingen.parquet")["tabel"])
    assert "edities/2023-2024/monitor" not in (gebouwd / "reports/2021-2022/verantwoording.md").read_text("utf-8")


def test_edition_2023_2024_side_by_side_and_a_better_2024_value_shows(tmp_path):
    kopie = kopieer_project(tmp_path / "evaluatie")
    params = (kopie / "params.yaml").read_bytes()
    bouw = [str(BIN / "evaluatie"), "bouw", "--editie", "2023-2024"]

    draai(bouw, kopie)
    assert (kopie / "params.yaml").read_bytes() == params
    md = (kopie / "reports/2023-2024/evaluatie.md").read_text(encoding="utf-8")
    assert "<th scope=\"row\">Periode</th><td>2023-2024</td>" in md and "over de periode 2023-2024" in md
    assert "# Wat is er veranderd sinds de vorige evaluatie" in md
    assert "| Indicator | Evaluatie 2021-2022 | Evaluatie 2023-2024 | Status veranderd? |" in md
    assert "Hoofdstuk 3 zet de status van elke indicator naast die uit de vorige evaluatie (2021-2022)" in md
    assert MANTELZORG in md
    voor = md.split("Veranderd sinds de vorige evaluatie.**")[1].split("\n")[0]
    assert "Ten opzichte van de evaluatie 2021-2022" in voor
    assert "## Doorgezet uit de evaluatie 2021-2022" in md
    # every key message is there, the decision on the activities included (it fell off at six messages)
    kern = md.split("## Kernboodschappen")[1].split("## Dashboard")[0]
    assert "**Wat gaat door?**" in kern and "**Sociaal domein.**" in kern
    raad = pdf_tekst(kopie / "reports/2023-2024/evaluatie.pdf").lower()
    assert [w for w in RAAD_VERBODEN if w in raad] == []  # no developer material for the council
    # dvc.lock now describes 2023-2024 while params.yaml says 2021-2022: dvc status says so
    status = draai([str(BIN / "dvc"), "status"], kopie).stdout
    assert "changed" in status or "modified" in status

    # a clearly higher share of carers in Rijswijk in 2024 (demo wave): the status improves
    _zet_mantelzorg_2024(kopie, 25, 23, 27)
    draai(bouw, kopie)
    assert (kopie / "params.yaml").read_bytes() == params
    md = (kopie / "reports/2023-2024/evaluatie.md").read_text(encoding="utf-8")
    rij = next(r for r in md.splitlines() if r.startswith("| Inwoners die mantelzorg geven |"))
    assert rij.startswith(MANTELZORG) and rij.endswith("| ▲ op koers; 25\u00a0% (2024) | verbeterd |"), rij
    na = md.split("Veranderd sinds de vorige evaluatie.**")[1].split("\n")[0]
    def verbeterd(zin: str) -> int:  # a count of zero is left out of the sentence ("2 indicatoren verslechterden")
        m = re.search(r"(\d+) indicator(?:en)? verbeterde", zin)
        return int(m.group(1)) if m else 0

    assert verbeterd(na) == verbeterd(voor) + 1, (voor, na)


def test_missing_previous_metrics_stop_the_build_naming_the_file(tmp_path):
    kopie = kopieer_project(tmp_path / "evaluatie")
    (kopie / "data/raw/edities/2021-2022/voortgang_metrics.json").unlink()
    proc = draai([str(BIN / "evaluatie"), "bouw", "--editie", "2023-2024"], kopie, check=False)
    assert proc.returncode != 0
    assert "data/raw/edities/2021-2022/voortgang_metrics.json" in proc.stderr + proc.stdout
    assert not (kopie / "reports/2023-2024").exists() and not (kopie / "data/processed").exists()
