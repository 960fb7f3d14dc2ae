"""Bad kader input is refused with InvoerFout naming file + key path, before anything is written.

Each case copies a real kader YAML into tmp_path, mutates it, and checks the refusal.
Key paths use 0-based list positions (``indicatoren[0]`` is the first indicator).
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from evaluatie.gedeeld.bestanden import schrijf_parquet
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.kader import kader_tabellen, laad_kader, laad_kaders, valideer_map
from conftest import ROOT

KADER = ROOT / "data" / "raw" / "kader"
FIXTURES = ROOT / "tests" / "fixtures" / "kader"
BRON = {
    "W": KADER / "rijswijk" / "welzijn.yaml",
    "S": KADER / "rijswijk" / "sociaal_domein.yaml",
    "I": KADER / "rijswijk" / "innovatieprogramma.yaml",
    "L": KADER / "leidschendam-voorburg" / "sociale_cohesie.yaml",
}
_GELADEN: dict[str, Any] = {k: yaml.safe_load(p.read_text(encoding="utf-8")) for k, p in BRON.items()}


def _zet(pad: str, waarde: Any) -> Callable[[dict], None]:
    """Mutation: set a dotted path ('indicatoren.0.doel.waarde') to a value."""

    def f(d: dict) -> None:
        *kop, laatste = pad.split(".")
        for deel in kop:
            d = d[int(deel)] if isinstance(d, list) else d[deel]
        if isinstance(d, list):
            d[int(laatste)] = waarde
        else:
            d[int(laatste) if laatste.isdigit() and isinstance(next(iter(d), None), int) else laatste] = waarde

    return f


def _weg(pad: str) -> Callable[[dict], None]:
    def f(d: dict) -> None:
        *kop, laatste = pad.split(".")
        for deel in kop:
            d = d[int(deel)] if isinstance(d, list) else d[deel]
        del d[laatste]

    return f


def _hernoem(pad: str, oud: str, nieuw: str) -> Callable[[dict], None]:
    def f(d: dict) -> None:
        for deel in filter(None, pad.split(".")):
            d = d[int(deel)] if isinstance(d, list) else d[deel]
        d[nieuw] = d.pop(oud)

    return f


def _toevoegen(pad: str, waarde: Any) -> Callable[[dict], None]:
    def f(d: dict) -> None:
        for deel in pad.split("."):
            d = d[int(deel)] if isinstance(d, list) else d[deel]
        d.append(waarde)

    return f


def _schrijf(doel: Path, data: Any) -> Path:
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return doel


def _gemuteerd(tmp_path: Path, kader: str, mutatie: Callable[[dict], None]) -> Path:
    data = copy.deepcopy(_GELADEN[kader])
    mutatie(data)
    return _schrijf(tmp_path / "kader" / BRON[kader].name, data)


# (case id, source kader, mutation, expected key path, expected message fragment)
GEVALLEN = [
    # unknown theme / indicator / project references
    ("onbekend_thema_indicator", "W", _zet("indicatoren.0.thema", "eenzaamheidd"), "indicatoren[0].thema", "onbekend thema 'eenzaamheidd'"),
    ("onbekend_thema_actie", "W", _zet("acties.3.thema", "armoede"), "acties[3].thema", "onbekend thema 'armoede'"),
    ("onbekend_ook_thema", "L", _zet("acties.0.ook_themas", ["panden"]), "acties[0].ook_themas[0]", "onbekend thema 'panden'"),
    ("onbekende_programmalijn", "I", _zet("projecten.5.programmalijn", "zorg_sport"), "projecten[5].programmalijn", "onbekend thema (programmalijn) 'zorg_sport'"),
    ("onbekend_project_landelijk", "I", _toevoegen("landelijke_themas.0.projecten", "9.9"), "landelijke_themas[0].projecten[6]", "onbekend project '9.9'"),
    ("onbekend_project_claim", "I", _zet("claims.0.project", "2.9"), "claims[0].project", "onbekend project '2.9'"),
    # duplicate ids
    ("dubbel_indicator", "W", _zet("indicatoren.1.id", "eenzaam_ernstig"), "indicatoren[1].id", "dubbel indicator-id 'eenzaam_ernstig'"),
    ("dubbel_thema", "W", _zet("themas.2.id", "vrijwilligers"), "themas[2].id", "dubbel thema-id 'vrijwilligers'"),
    ("dubbel_actie", "L", _zet("acties.1.id", "gezamenlijke_programmering"), "acties[1].id", "dubbel actie-id"),
    ("dubbel_project", "I", _zet("projecten.2.id", "1.1"), "projecten[2].id", "dubbel project-id '1.1'"),
    ("dubbele_subsidie", "I", _zet("projecten.1.subsidies.1.jaar", 2016), "projecten[1].subsidies[1]", "dubbel subsidie (jaar / budget) '2016 / innovatiebudget'"),
    # direction of a target
    ("doel_boven_basis_bij_lager", "W", _zet("indicatoren.0.doel.waarde", 10), "indicatoren[0].doel.waarde", "doel 10 ligt boven de basiswaarde 8, maar de gewenste richting is 'lager'"),
    ("doel_onder_basis_bij_hoger", "W", _zet("indicatoren.0.richting", "hoger"), "indicatoren[0].doel.waarde", "doel 4 ligt onder de basiswaarde 8, maar de gewenste richting is 'hoger'"),
    ("richting_per_jaar_tegenstrijdig", "S", _zet("indicatoren.5.doel.richting_per_jaar.2024", "hoger"), "indicatoren[5].doel.richting_per_jaar.2024", "spreekt de gewenste richting 'lager'"),
    ("doeljaar_voor_basisjaar", "W", _zet("indicatoren.0.doel.jaar", 2010), "indicatoren[0].doel.jaar", "doeljaar 2010 ligt vóór het basisjaar 2016"),
    # percentages
    ("percentage_boven_100", "W", _zet("indicatoren.3.basis.waarde", 152), "indicatoren[3].basis.waarde", "percentage 152 valt buiten 0-100"),
    ("percentage_negatief", "W", _zet("indicatoren.0.doel.waarde", -4), "indicatoren[0].doel.waarde", "percentage -4 valt buiten 0-100"),
    ("percentage_budget", "L", _zet("budget.kosten_boven_plafond_pct", 150), "budget.kosten_boven_plafond_pct", "percentage 150 valt buiten 0-100"),
    # years
    ("basisjaar_te_vroeg", "W", _zet("indicatoren.0.basis.jaar", 1890), "indicatoren[0].basis.jaar", "jaar 1890 valt buiten het bereik 1990-2100"),
    ("subsidiejaar_te_laat", "I", _zet("projecten.1.subsidies.0.jaar", 2101), "projecten[1].subsidies[0].jaar", "jaar 2101 valt buiten het bereik 1990-2100"),
    ("periode_te_vroeg", "L", _zet("periode.van", 1900), "periode.van", "jaar 1900 valt buiten het bereik"),
    ("richting_jaar_te_laat", "S", _zet("indicatoren.0.doel.richting_per_jaar.2150", "hoger"), "indicatoren[0].doel.richting_per_jaar.2150", "jaar 2150 valt buiten het bereik"),
    # negative amounts
    ("negatief_bedrag", "I", _zet("projecten.1.subsidies.0.bedrag_x1000_eur", -90), "projecten[1].subsidies[0].bedrag_x1000_eur", "negatief bedrag of aantal (-90)"),
    ("negatief_bereik", "I", _zet("projecten.3.bereik", -1000), "projecten[3].bereik", "negatief bedrag of aantal (-1000)"),
    ("negatief_plafond", "L", _zet("budget.budget_plafond_eur", -1580267), "budget.budget_plafond_eur", "negatief bedrag"),
    ("negatief_innovatiebudget", "I", _zet("budget.innovatiebudget_per_jaar_eur", -450000), "budget.innovatiebudget_per_jaar_eur", "negatief bedrag"),
    # figures without a source
    ("basis_zonder_bron", "W", _weg("indicatoren.0.basis.bron"), "indicatoren[0].basis.bron", "gegeven zonder bron"),
    ("subsidie_zonder_bron", "I", _weg("projecten.1.subsidies.2.bron"), "projecten[1].subsidies[2].bron", "gegeven zonder bron"),
    ("budget_zonder_bron", "L", _weg("budget.bron"), "budget.bron", "gegeven zonder bron"),
    ("project_zonder_bron", "I", _weg("projecten.4.bron"), "projecten[4].bron", "gegeven zonder bron"),
    ("doel_bron_leeg", "W", _zet("indicatoren.2.doel.bron", None), "indicatoren[2].doel.bron", "gegeven zonder bron"),
    ("bron_zonder_sectie", "S", _weg("indicatoren.5.basis.bron.sectie"), "indicatoren[5].basis.bron.sectie", "verplichte sleutel 'sectie' ontbreekt"),
    # unknown keys (typos)
    ("typfout_doel", "W", _hernoem("indicatoren.0.doel", "waarde", "waard"), "indicatoren[0].doel.waard", "onbekende sleutel 'waard'; bedoelt u 'waarde'?"),
    ("typfout_top", "W", _hernoem("", "themas", "themass"), "themass", "onbekende sleutel 'themass'; bedoelt u 'themas'?"),
    ("typfout_subsidie", "I", _hernoem("projecten.1.subsidies.0", "budget", "budgett"), "projecten[1].subsidies[0].budgett", "onbekende sleutel 'budgett'"),
    # wrong types / values
    ("tekst_als_getal", "W", _zet("indicatoren.0.basis.waarde", "acht"), "indicatoren[0].basis.waarde", "verwacht een getal, gevonden tekst 'acht'"),
    ("bedrag_als_tekst", "I", _zet("projecten.1.subsidies.0.bedrag_x1000_eur", "90"), "projecten[1].subsidies[0].bedrag_x1000_eur", "verwacht een getal"),
    ("projectnummer_als_getal", "I", _zet("projecten.1.id", 1.1), "projecten[1].id", "zet het tussen aanhalingstekens"),
    ("boolean_als_tekst", "W", _zet("indicatoren.0.is_percentage", "ja"), "indicatoren[0].is_percentage", "verwacht true of false"),
    ("jaar_als_tekst", "S", _zet("indicatoren.0.basis.jaar", "2020"), "indicatoren[0].basis.jaar", "verwacht een jaartal"),
    ("lijst_verwacht", "W", _zet("themas", {"id": "x"}), "themas", "verwacht een lijst"),
    ("ongeldige_richting", "W", _zet("indicatoren.0.richting", "omlaag"), "indicatoren[0].richting", "ongeldige waarde 'omlaag'"),
    ("ongeldig_doeltype", "W", _zet("indicatoren.0.doel.type", "streefwaarde"), "indicatoren[0].doel.type", "ongeldige waarde 'streefwaarde'"),
    ("ongeldige_status", "L", _zet("acties.0.status", "geel"), "acties[0].status", "kies uit: groen, oranje, rood"),
    ("ongeldige_gemeentecode", "L", _zet("gemeente_code", "1916"), "gemeente_code", "ongeldige gemeentecode"),
    ("ongeldig_budget", "I", _zet("projecten.1.subsidies.0.budget", "eigen budget"), "projecten[1].subsidies[0].budget", "ongeldige waarde 'eigen budget'"),
    # consistency
    ("factsheet_totaal_klopt_niet", "I", _zet("projecten.1.subsidies.0.bedrag_x1000_eur", 91), "factsheet.totalen_x1000_eur.2016", "tellen op tot 447, de factsheet noemt 446"),
    ("aanname_zonder_uitleg", "W", _weg("indicatoren.0.basis.opmerking"), "indicatoren[0].basis.opmerking", "leg de aanname uit"),
    ("actie_zonder_thema_en_uitleg", "L", _weg("acties.4.opmerking"), "acties[4].thema", "actie zonder thema"),
]


@pytest.mark.parametrize(("kader", "mutatie", "sleutel", "fragment"), [g[1:] for g in GEVALLEN], ids=[g[0] for g in GEVALLEN])
def test_weigert_met_bestand_en_sleutel(tmp_path, kader, mutatie, sleutel, fragment):
    pad = _gemuteerd(tmp_path, kader, mutatie)
    with pytest.raises(InvoerFout) as info:
        laad_kader(pad)
    fout = info.value
    assert fout.bestand == str(pad)
    assert fout.sleutel == sleutel
    assert fragment in fout.melding
    tekst = str(fout)
    assert tekst.startswith(f"{pad} (sleutel '{sleutel}'): ")
    assert "(regel " in tekst  # every refusal points at a line in the file


def _pijplijn(kadermap: Path, uitmap: Path) -> None:
    """What a stage does: validate everything first, then write each table atomically."""
    tabellen = kader_tabellen(valideer_map(kadermap))
    for naam, df in tabellen.items():
        schrijf_parquet(df, uitmap / f"{naam}.parquet")


@pytest.mark.parametrize(("kader", "mutatie"), [g[1:3] for g in GEVALLEN], ids=[g[0] for g in GEVALLEN])
def test_niets_geschreven_bij_fout(tmp_path, kader, mutatie):
    pad = _gemuteerd(tmp_path, kader, mutatie)
    uit = tmp_path / "uit"
    uit.mkdir()
    (uit / "indicatoren.parquet").write_bytes(b"vorige uitvoer")
    with pytest.raises(InvoerFout):
        _pijplijn(pad.parent, uit)
    assert (uit / "indicatoren.parquet").read_bytes() == b"vorige uitvoer"
    assert sorted(p.name for p in uit.iterdir()) == ["indicatoren.parquet"]


def test_pijplijn_schrijft_bij_geldige_invoer(tmp_path):
    kmap = tmp_path / "kader"
    kmap.mkdir()
    shutil.copy(BRON["W"], kmap / "welzijn.yaml")
    uit = tmp_path / "uit"
    _pijplijn(kmap, uit)
    assert sorted(p.name for p in uit.iterdir()) == [
        "acties.parquet",
        "indicatoren.parquet",
        "kaders.parquet",
        "projecten.parquet",
        "subsidies.parquet",
        "themas.parquet",
    ]


# --------------------------------------------------------------------------- YAML-level problems


def test_ongeldige_yaml_noemt_regel(tmp_path):
    pad = shutil.copy(FIXTURES / "kapot.yaml", tmp_path / "kapot.yaml")
    with pytest.raises(InvoerFout) as info:
        laad_kader(Path(pad))
    assert str(info.value).startswith(f"{pad}: ongeldige YAML op regel 6, kolom 7: syntaxfout")


def test_geen_code_uit_data(tmp_path, capfd):
    pad = shutil.copy(FIXTURES / "code.yaml", tmp_path / "code.yaml")
    with pytest.raises(InvoerFout) as info:
        laad_kader(Path(pad))
    assert "ongeldige YAML op regel 1" in str(info.value)
    assert "niet-toegestane YAML-tag" in str(info.value)
    assert "gehackt" not in capfd.readouterr().out


def test_regelnummer_van_fout(tmp_path):
    tekst = BRON["W"].read_text(encoding="utf-8")
    regels = tekst.splitlines(keepends=True)
    # the first 'waarde: 4' is the target of eenzaam_ernstig
    index = next(i for i, r in enumerate(regels) if r == "      waarde: 4\n")
    regels[index] = "      waarde: 10\n"
    pad = tmp_path / "welzijn.yaml"
    pad.write_text("".join(regels), encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        laad_kader(pad)
    assert info.value.sleutel == "indicatoren[0].doel.waarde"
    assert f"(regel {index + 1})" in info.value.melding


def test_dubbele_sleutel(tmp_path):
    tekst = BRON["W"].read_text(encoding="utf-8")
    regels = tekst.splitlines(keepends=True)
    index = next(i for i, r in enumerate(regels) if r == "      waarde: 4\n")
    regels.insert(index + 1, "      waarde: 3\n")  # safe_load alone would silently keep 3
    pad = tmp_path / "welzijn.yaml"
    pad.write_text("".join(regels), encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        laad_kader(pad)
    assert info.value.sleutel == "indicatoren[0].doel.waarde"
    assert f"staat twee keer in dezelfde mapping (regel {index + 2})" in info.value.melding


@pytest.mark.parametrize("inhoud", ["", "- a\n- b\n", "gewoon tekst\n"])
def test_bovenste_niveau_moet_mapping_zijn(tmp_path, inhoud):
    pad = tmp_path / "x.yaml"
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(InvoerFout, match="verwacht een mapping"):
        laad_kader(pad)


def test_bestand_ontbreekt(tmp_path):
    with pytest.raises(InvoerFout, match="bestand niet gevonden"):
        laad_kader(tmp_path / "weg.yaml")


def test_minimaal_fixture_geldig():
    k = laad_kader(FIXTURES / "minimaal.yaml")
    assert k.indicator("test_indicator").doel.waarde == 20.0


# --------------------------------------------------------------------------- folder-level checks


def test_lege_map(tmp_path):
    with pytest.raises(InvoerFout, match="geen kaderbestanden"):
        valideer_map(tmp_path)


def test_map_ontbreekt(tmp_path):
    with pytest.raises(InvoerFout, match="niet gevonden"):
        laad_kaders(tmp_path / "nergens")


def test_dubbel_kader_id_over_bestanden(tmp_path):
    shutil.copy(BRON["W"], tmp_path / "a.yaml")
    shutil.copy(BRON["W"], tmp_path / "b.yaml")
    with pytest.raises(InvoerFout) as info:
        valideer_map(tmp_path)
    assert info.value.bestand == str(tmp_path / "b.yaml")
    assert info.value.sleutel == "kader_id"
    assert "dubbel kader_id 'rijswijk_welzijn' (ook in a.yaml)" in info.value.melding


def test_dubbel_indicator_id_over_bestanden(tmp_path):
    shutil.copy(BRON["W"], tmp_path / "a.yaml")
    data = copy.deepcopy(_GELADEN["W"])
    data["kader_id"] = "rijswijk_welzijn_kopie"
    _schrijf(tmp_path / "b.yaml", data)
    with pytest.raises(InvoerFout) as info:
        valideer_map(tmp_path)
    assert info.value.sleutel == "indicatoren[0].id"
    assert "dubbel indicator-id 'eenzaam_ernstig' (ook in a.yaml)" in info.value.melding
    # kader_tabellen applies the same guard when handed kaders directly
    kaders = [laad_kader(tmp_path / "a.yaml"), laad_kader(tmp_path / "b.yaml")]
    with pytest.raises(InvoerFout, match="dubbel indicator-id"):
        kader_tabellen(kaders)
