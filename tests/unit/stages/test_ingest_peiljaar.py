"""Stage ingest leaves out measurements after the edition's last year (peiljaar)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.stages import ingest


def _project(tmp_path: Path, editie: str) -> Path:
    root = tmp_path / "p"
    (root / "data" / "raw").mkdir(parents=True)
    tekst = (ROOT / "params.yaml").read_text(encoding="utf-8")
    assert 'editie: "2021-2022"' in tekst
    (root / "params.yaml").write_text(tekst.replace('editie: "2021-2022"', f'editie: "{editie}"', 1), encoding="utf-8")
    for sub in ("kader", "monitor", "edities"):
        shutil.copytree(ROOT / "data" / "raw" / sub, root / "data" / "raw" / sub)
    return root


def test_the_2021_2022_edition_reads_no_later_year_and_says_so(tmp_path, capsys):
    # the shared file holds 2019-2024 (sociaal_domein.csv); the edition ends in 2022
    gedeeld = pd.read_csv(ROOT / "data/raw/monitor/sociaal_domein.csv", sep=";")
    later = int((gedeeld["jaar"] > 2022).sum())
    assert later > 0
    root = _project(tmp_path, "2021-2022")
    ingest.run(laad_instellingen(root))
    metingen = pd.read_parquet(root / "data/processed/metingen.parquet")
    gekoppeld = pd.read_parquet(root / "data/processed/metingen_gekoppeld.parquet")
    assert metingen["jaar"].max() == 2022 and gekoppeld["jaar"].max() == 2022
    assert 2022 in set(metingen.loc[metingen["bestand"] == "sociaal_domein.csv", "jaar"])
    fout = capsys.readouterr().err
    assert "vallen na editie 2021-2022 (peiljaar 2022) en tellen in deze editie niet mee" in fout
    assert "metingen uit 2023–2024" in fout


# the 2023-2024 edition reads 2023 and 2024 (its 2024 wave changes a status): tests/e2e/test_e2e_edities.py


def _inst(tmp_path, editie="2021-2022", vergelijk=("GM1916",)):
    from types import SimpleNamespace

    return SimpleNamespace(root=tmp_path, editie=editie, peiljaar=int(editie[-4:]), gemeente_code="GM0603",
                           gemeente_naam="Rijswijk", vergelijkingsgemeenten=list(vergelijk))


def _metingen(*rijen):
    return pd.DataFrame(rijen, columns=["gebied", "jaar"])


def test_an_edition_before_all_data_of_the_gemeente_is_refused_with_the_first_year(tmp_path):
    from evaluatie.gedeeld.fouten import InvoerFout

    alle = _metingen(("GM0603", 2012), ("GM0603", 2016), ("GM1916", 2012))
    with pytest.raises(InvoerFout) as fout:
        ingest.controleer_peiljaar(alle, alle[alle["jaar"] <= 2011], _inst(tmp_path, "2010-2011"))
    assert str(fout.value) == (
        f"{tmp_path / 'params.yaml'} (sleutel 'editie'): editie 2010-2011 (peiljaar 2011): de monitorbestanden "
        "hebben geen enkele meting van Rijswijk (GM0603) tot en met 2011; de eerste is van 2012. Kies een editie "
        "die na 2011 eindigt")


def test_a_comparable_municipality_with_only_later_data_is_left_out_with_a_note(tmp_path, capsys):
    """A municipality formed by a merger in 2023: its code is right, it simply has no data up to 2022."""
    alle = _metingen(("GM0603", 2020), ("GM0603", 2022), ("GM1916", 2021), ("GM0518", 2023), ("GM0518", 2024))
    ingest.controleer_peiljaar(alle, alle[alle["jaar"] <= 2022], _inst(tmp_path, vergelijk=("GM1916", "GM0518")))
    assert capsys.readouterr().err == ("let op: vergelijkingsgemeente GM0518 heeft geen metingen tot en met 2022 (de "
                                       "eerste is van 2023) en komt in editie 2021-2022 niet in de vergelijkingen "
                                       "voor\n")
