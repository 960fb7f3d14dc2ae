"""Cover metadata in params.yaml: status concept|definitief, adoption date, author, department, contact."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import laad_instellingen

BASIS = """gemeente: rijswijk
gemeente_code: GM0603
gemeente_naam: Rijswijk
editie: "2021-2022"
datum: "2026-12-01"
themas: [eenzaamheid]
"""


def _laad(tmp_path: Path, extra: str):
    (tmp_path / "params.yaml").write_text(BASIS + extra, encoding="utf-8")
    return laad_instellingen(tmp_path)


def test_standaard_is_concept(tmp_path):
    inst = _laad(tmp_path, "")
    assert inst.status == "concept" and inst.vastgesteld is None and inst.kaftgegeven("auteur") is None


def test_definitief_met_datum(tmp_path):
    inst = _laad(tmp_path, 'status: definitief\nvastgesteld: "2026-11-24"\nafdeling: Onderzoek en Statistiek\n')
    assert inst.status == "definitief" and str(inst.vastgesteld) == "2026-11-24"
    assert inst.kaftgegeven("afdeling") == "Onderzoek en Statistiek"


@pytest.mark.parametrize("extra, sleutel", [
    ("status: klaar\n", "status"),
    ("status: definitief\n", "vastgesteld"),
    ('vastgesteld: "2026-11-24"\n', "vastgesteld"),
    ('status: definitief\nvastgesteld: "24-11-2026"\n', "vastgesteld"),
    ('status: definitief\nvastgesteld: "2027-01-01"\n', "vastgesteld"),
    ("contact: <a href=x>mail</a>\n", "contact"),
])
def test_ongeldige_kaftgegevens(tmp_path, extra, sleutel):
    with pytest.raises(InvoerFout) as info:
        _laad(tmp_path, extra)
    assert info.value.sleutel == sleutel and "params.yaml" in str(info.value)
