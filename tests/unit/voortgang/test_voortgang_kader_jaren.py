"""Issue 14, point 11: the kader reader refuses a baseline value without its year and a target
value without its target year, naming file, key path and line (before anything is assessed)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.kader import laad_kader

WELZIJN = ROOT / "data" / "raw" / "kader" / "rijswijk" / "welzijn.yaml"
# the first indicator with a baseline and a target: eenzaam_ernstig (8 % in 2016 -> 4 % in 2022, seed 002)
BASIS = "    basis:\n      jaar: 2016\n      waarde: 8\n"
DOEL = "      type: waarde\n      waarde: 4\n      jaar: 2022\n"


@pytest.mark.parametrize("oud, nieuw, sleutel, woord", [
    (BASIS, BASIS.replace("jaar: 2016", "jaar: null"), ".basis.jaar", "basiswaarde zonder basisjaar"),
    (DOEL, DOEL.replace("jaar: 2022", "jaar: null"), ".doel.jaar", "doelwaarde zonder doeljaar"),
])
def test_waarde_zonder_jaar_geweigerd(tmp_path, oud, nieuw, sleutel, woord):
    tekst = WELZIJN.read_text(encoding="utf-8")
    assert tekst.count(oud) >= 1
    kopie = tmp_path / "welzijn.yaml"
    kopie.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_kader(kopie)
    melding = str(fout.value)
    assert "welzijn.yaml" in melding and sleutel in melding and woord in melding
    assert "regel" in melding
