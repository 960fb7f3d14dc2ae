"""The demo generator is deterministic, writes the real source formats, and
anchors every series on the baselines from the policy documents."""

from __future__ import annotations

import json

import yaml

from evaluatie.demo import SOCIAAL_DOMEIN, demo_bestanden, genereer_demo
from evaluatie.ingest import formaat, lees_bestand, lees_monitor_map
from conftest import ROOT

MONITOR = ROOT / "data" / "raw" / "monitor"


def test_twee_runs_zijn_byte_identiek(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    paden_a = genereer_demo(a)
    genereer_demo(b)
    relatief = [str(p.relative_to(a)) for p in paden_a]
    assert relatief == sorted(relatief)
    for r in relatief:
        assert (a / r).read_bytes() == (b / r).read_bytes(), r
    # another seed gives other numbers but the same files
    c = tmp_path / "c"
    genereer_demo(c, seed=7)
    assert sorted(str(x.relative_to(c)) for x in c.rglob("*")) == sorted(str(x.relative_to(a)) for x in a.rglob("*"))
    data = "50120NED/UntypedDataSet.json"
    assert (c / data).read_bytes() != (a / data).read_bytes()


def test_gecommitte_snapshot_is_actueel_en_klein():
    """data/raw/monitor holds exactly what genereer_demo() writes (seed 20210101)."""
    for naam, tekst in demo_bestanden().items():
        assert (MONITOR / naam).read_text(encoding="utf-8") == tekst, naam
    totaal = sum(p.stat().st_size for p in MONITOR.rglob("*") if p.is_file())
    assert totaal < 1_000_000


def test_bestanden_in_bronformaat_met_sidecar(tmp_path):
    genereer_demo(tmp_path)
    data = [p for p in sorted(tmp_path.iterdir()) if not p.name.endswith(".bron.yaml")]
    assert {p.name: formaat(p) for p in data} == {
        "50120NED": "odata",
        "gezondheidsmonitor_jeugd.csv": "sjabloon",
        "inclusie.csv": "sjabloon",
        "sociaal_domein.csv": "sjabloon",
    }
    for p in data:
        naam = p.name + ".bron.yaml"  # a directory's sidecar sits beside it: 50120NED.bron.yaml
        sidecar = yaml.safe_load((tmp_path / naam).read_text(encoding="utf-8"))
        assert sidecar["demo"] is True
        assert sidecar["seed"] == 20210101
        assert sidecar["generator"] == "evaluatie.demo.genereer_demo"
        assert "VOORBEELDDATA" in sidecar["opmerking"]
        assert lees_bestand(p)["demo"].all()
    # the layout cbsodata.download_data writes: one JSON list per endpoint, indent 2
    map_ = tmp_path / "50120NED"
    assert sorted(p.name for p in map_.iterdir()) == [
        "CategoryGroups.json", "DataProperties.json", "Leeftijd.json", "Marges.json", "Perioden.json",
        "TableInfos.json", "UntypedDataSet.json", "WijkenEnBuurten.json"]
    gebieden = json.loads((map_ / "WijkenEnBuurten.json").read_text(encoding="utf-8"))
    assert isinstance(gebieden, list)
    assert all(len(i["Key"]) == 10 for i in gebieden)  # CBS padding
    tekst = (map_ / "UntypedDataSet.json").read_text(encoding="utf-8")
    assert tekst == json.dumps(json.loads(tekst), indent=2)
    assert "timestamp" not in tekst.lower()


def test_demo_inhoud_en_ankers(tmp_path):
    genereer_demo(tmp_path)
    df = lees_monitor_map(tmp_path)
    rivm = df[df["tabel"] == "50120NED"]
    assert sorted(set(rivm["gebied"])) == [
        "GM0603", "GM1916", "NL01", "WK060300", "WK060301", "WK060302", "WK060303", "WK060304",
    ]
    assert sorted(set(rivm["jaar"])) == [2012, 2016, 2020, 2022]
    assert set(rivm.loc[rivm["gebied_niveau"] == "wijk", "gebied_naam"]) == {
        f"Wijk {i:02d} (demo)" for i in range(5)
    }
    assert {"x", "."} <= set(rivm["markering"])
    gemeten = rivm[rivm["markering"] == ""]
    assert (gemeten["ondergrens"] <= gemeten["waarde"]).all()
    assert (gemeten["bovengrens"] >= gemeten["waarde"]).all()

    def een(**filter_):
        sel = df
        for k, v in filter_.items():
            sel = sel[sel[k] == v]
        assert len(sel) == 1, filter_
        return sel.iloc[0]["waarde"]

    # seed 002 (coalitie tegen eenzaamheid): 8 %, 46 %, 52 %, youth 46 %
    assert een(veld="ErnstigZeerErnstigEenzaam_28", gebied="GM0603", leeftijd="18 jaar of ouder", jaar=2016) == 8
    assert een(veld="Eenzaam_27", gebied="GM0603", leeftijd="18 tot 65 jaar", jaar=2016) == 46
    assert een(veld="Eenzaam_27", gebied="GM0603", leeftijd="65 jaar of ouder", jaar=2016) == 52
    assert een(tabel="gezondheidsmonitor_jeugd", gebied="GM0603", jaar=2019) == 46
    # seed 004 (Programma Sociaal Domein): each indicator starts at its baseline in its peiljaar
    sd = df[df["tabel"] == "sociaal_domein_indicatoren"]
    for _, _, veld, _, _, peiljaar, basis, _ in SOCIAAL_DOMEIN:
        reeks = sd[sd["veld"] == veld].sort_values("jaar")
        assert list(reeks["jaar"]) == list(range(peiljaar, 2025)), veld
        assert reeks.iloc[0]["waarde"] == basis, veld
        # plausible movement: at most 15 % per year
        verandering = reeks["waarde"].pct_change().dropna().abs()
        assert (verandering < 0.15).all(), veld
    assert een(veld="bijstand_per_10000_18plus", jaar=2020) == 544.5
    assert len(set(sd["veld"])) == 11
