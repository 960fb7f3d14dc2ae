"""ophalen() through cbsodata against recorded CBS OData v3 answers (never the network).

A small fake of the CBS bulk feed (``https://<catalog>/ODataFeed/odata/<table>/...``, what
cbsodata requests) answers from fixtures: 50120NED (RIVM, only on dataderden.cbs.nl) from
``tests/fixtures/monitor/50120NED_typed.json`` and 84799NED (CBS, opendata.cbs.nl) from the real
per-endpoint parquet files in ``tests/fixtures/echt/09_...`` (Amsterdam, GM0363, has 99 districts).
It evaluates the ``$filter`` terms cbsodata sends (``eq`` and ``substringof``), pages with
``odata.nextLink`` (10,000 rows a page as CBS does, so the 17,341 regions of 84799NED come in two
pages; 5 rows a page in the paging test), and refuses URLs longer than its limit with HTTP 414, as
a real server does.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlparse

import pytest
import requests
import responses
import yaml

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import lees_bestand, lees_monitor_map
from evaluatie.ingest.monitor.sleutels import laad_parquet_map
from evaluatie.ophalen import DATADERDEN, MAX_URL, OPENDATA, OphaalFout, dvc_add, filters, ophalen
from conftest import FIXTURES

NU = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
KWB = FIXTURES / "echt" / "09_odata_84799NED_kwb2020_statline-bq"


def _50120() -> dict[str, list]:
    bundel = json.loads((FIXTURES / "monitor" / "50120NED_typed.json").read_text(encoding="utf-8"))
    uit = {k: v["value"] for k, v in bundel.items() if isinstance(v, dict) and "value" in v}
    uit["WijkenEnBuurten"] = [
        {"Key": "NL01      ", "Title": "Nederland", "Description": None},
        *uit["WijkenEnBuurten"],
        {"Key": "GM1916    ", "Title": "Leidschendam-Voorburg", "Description": None},
        {"Key": "WK191600  ", "Title": "Wijk 00 elders", "Description": None},
    ]
    return uit


@functools.cache
def _84799() -> dict[str, list]:
    """84799NED's endpoints as the feed serves them; read once per process (the fake only reads it)."""
    bundel = laad_parquet_map(KWB)
    uit = {k: v["value"] for k, v in bundel.items()}
    for rijen in uit.values():  # JSON has null where parquet has NaN
        for r in rijen:
            for k, v in r.items():
                if isinstance(v, float) and v != v:
                    r[k] = None
    return uit


class NepCbs:
    """Answers cbsodata's requests from ``tabellen`` = {(host, table): {endpoint: rows}}."""

    def __init__(self, rsps, tabellen, *, pagina=10_000, max_url=4000, weiger_substringof=False):
        self.tabellen, self.pagina, self.max_url = tabellen, pagina, max_url
        self.weiger_substringof = weiger_substringof
        self.urls: list[str] = []
        rsps.add_callback(responses.GET, re.compile(r"https://[^/]+/ODataFeed/odata/.*"), callback=self)

    def __call__(self, verzoek):
        self.urls.append(verzoek.url)
        if len(verzoek.url) > self.max_url:
            return 414, {}, "URI Too Long"
        u = urlparse(verzoek.url)
        delen = u.path.split("/")  # ['', 'ODataFeed', 'odata', table, endpoint]
        tabel, eindpunt = delen[3], delen[4] if len(delen) > 4 else ""
        data = self.tabellen.get((u.netloc, tabel))
        if data is None:
            return 404, {}, json.dumps({"odata.error": {"message": {"value": "Not found"}}})
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        basis = f"https://{u.netloc}/ODataFeed/odata/{tabel}"
        if eindpunt == "":
            namen = ["TableInfos", "UntypedDataSet", "TypedDataSet", *data]  # as the CBS root listing
            return 200, {}, json.dumps({"value": [{"name": n, "url": f"{basis}/{n}"}
                                                  for n in dict.fromkeys(namen)]})
        if eindpunt == "UntypedDataSet":  # cbsodata 1.3.5 asks this one when typed=True
            eindpunt = "TypedDataSet"
        if eindpunt not in data:
            return 404, {}, "{}"
        rijen = data[eindpunt]
        if "$filter" in q:
            if self.weiger_substringof and "substringof" in q["$filter"]:
                return 400, {}, "Bad Request"
            rijen = [r for r in rijen if self._past(r, q["$filter"])]
        begin = int(q.get("$skip", 0))
        antwoord = {"odata.metadata": f"{basis}/$metadata#{eindpunt}", "value": rijen[begin:begin + self.pagina]}
        if begin + self.pagina < len(rijen):
            rest = "&".join(f"{k}={requests.utils.quote(v, safe='')}" for k, v in q.items() if k != "$skip")
            antwoord["odata.nextLink"] = f"{basis}/{eindpunt}?{rest}&$skip={begin + self.pagina}"
        return 200, {}, json.dumps(antwoord)

    @staticmethod
    def _past(rij, filter_):
        for term in filter_.split(" or "):
            m = re.fullmatch(r"(\w+) eq '(.*)'", term.strip())
            if m and str(rij.get(m.group(1))) == m.group(2):
                return True
            m = re.fullmatch(r"substringof\('(.*)',(\w+)\)", term.strip())
            if m and m.group(1) in str(rij.get(m.group(2))):
                return True
        return False


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as r:
        yield r


def test_derden_catalogus_paginering_en_mapindeling(tmp_path, rsps):
    """50120NED is not on opendata.cbs.nl (404) but on dataderden.cbs.nl; the data set comes in
    pages (odata.nextLink); the snapshot is the cbsodata directory and reads back the same."""
    nep = NepCbs(rsps, {(DATADERDEN, "50120NED"): _50120()}, pagina=5)
    paden = ophalen(["50120NED"], "GM0603", tmp_path, nu=NU)
    assert paden == [tmp_path / "50120NED"]
    assert any(OPENDATA in u for u in nep.urls) and any("$skip=5" in u for u in nep.urls)
    assert sorted(p.name for p in (tmp_path / "50120NED").iterdir()) == sorted(
        f"{n}.json" for n in ("TableInfos", "UntypedDataSet", "DataProperties", "Marges", "Leeftijd",
                              "WijkenEnBuurten", "Perioden"))
    assert isinstance(json.loads((tmp_path / "50120NED" / "UntypedDataSet.json").read_text()), list)
    sidecar = yaml.safe_load((tmp_path / "50120NED.bron.yaml").read_text(encoding="utf-8"))
    assert sidecar["demo"] is False and sidecar["tabel"] == "50120NED" and sidecar["opgehaald_op"] == "2024-05-01T12:30:00+00:00"
    assert sidecar["url"] == f"https://{DATADERDEN}/ODataFeed/odata/50120NED/UntypedDataSet"
    assert "substringof('WK0603',WijkenEnBuurten)" in sidecar["filter"]
    df = lees_bestand(tmp_path / "50120NED")  # sha256 in the sidecar is checked here
    assert not df["demo"].any() and "GM0603" in set(df["gebied"])
    assert "GM1916" not in set(df["gebied"]) and "WK191600" not in set(df["gebied"])
    verwacht = lees_bestand(FIXTURES / "monitor" / "50120NED_typed.json")
    sel = verwacht[verwacht["gebied"].isin(set(df["gebied"]))]
    cols = ["veld", "gebied", "leeftijd", "jaar", "waarde", "ondergrens", "bovengrens", "markering"]
    assert df[cols].reset_index(drop=True).equals(sel[cols].reset_index(drop=True))


def test_99_wijken_in_een_kort_verzoek(tmp_path, rsps):
    """Amsterdam (GM0363) has 99 districts in the real 2020 listing: one prefix term, one short URL."""
    nep = NepCbs(rsps, {(OPENDATA, "84799NED"): _84799()}, max_url=MAX_URL)
    ophalen(["84799NED"], "GM0363", tmp_path, nu=NU)
    data = [u for u in nep.urls if "DataSet" in u and "skip" not in u]  # first pages only
    assert len(data) == 1 and len(data[0]) < 300
    assert any("WijkenEnBuurten" in u and "$skip=10000" in u for u in nep.urls)  # 17,341 regions: 2 pages
    df = lees_bestand(tmp_path / "84799NED")
    assert df["gebied"].str.startswith("WK0363").sum() > 0
    assert df[df["gebied"].str.startswith("WK0363")]["gebied"].nunique() == 99
    # hand-checked against the real parquet: AantalInwoners_5 of Nederland (NL00) = 17407585
    nl = df[(df["gebied"] == "NL01") & (df["veld"] == "AantalInwoners_5")]
    assert nl["waarde"].tolist() == [17407585.0] and nl["jaar"].tolist() == [2020]


def test_99_wijken_per_gebied_in_delen_onder_de_grens(tmp_path, rsps):
    """One eq term per district: split over several requests, none longer than MAX_URL, and the
    same snapshot as with the prefix filter."""
    nep = NepCbs(rsps, {(OPENDATA, "84799NED"): _84799()}, max_url=MAX_URL)
    ophalen(["84799NED"], "GM0363", tmp_path / "a", nu=NU, per_gebied=True)
    data = [u for u in nep.urls if "DataSet" in u and "skip" not in u]
    assert len(data) >= 3 and max(len(u) for u in data) <= MAX_URL
    ophalen(["84799NED"], "GM0363", tmp_path / "b", nu=NU)
    assert (tmp_path / "a" / "84799NED" / "UntypedDataSet.json").read_bytes() == \
        (tmp_path / "b" / "84799NED" / "UntypedDataSet.json").read_bytes()


def test_geweigerd_lang_verzoek_heet_geweigerd(tmp_path, rsps):
    """A server that refuses long URLs: the error says 'refused' and why, not 'no connection'."""
    NepCbs(rsps, {(OPENDATA, "84799NED"): _84799()}, max_url=1000)
    with pytest.raises(OphaalFout) as info:
        ophalen(["84799NED"], "GM0363", tmp_path, nu=NU, per_gebied=True, max_url=5000)
    melding = str(info.value)
    assert "CBS weigerde het verzoek (HTTP 414" in melding and "te lang" in melding
    assert "internetverbinding" not in melding
    assert list(tmp_path.iterdir()) == []


def test_geweigerd_filter_heet_geweigerd(tmp_path, rsps):
    NepCbs(rsps, {(DATADERDEN, "50120NED"): _50120()}, weiger_substringof=True)
    with pytest.raises(OphaalFout) as info:
        ophalen(["50120NED"], "GM0603", tmp_path, nu=NU)
    assert "CBS weigerde het verzoek (HTTP 400" in str(info.value) and "--per-gebied" in str(info.value)
    # one eq term per area works on such a server
    ophalen(["50120NED"], "GM0603", tmp_path, nu=NU, per_gebied=True)
    assert (tmp_path / "50120NED" / "UntypedDataSet.json").exists()


def test_filters_blijven_onder_de_grens():
    sleutels = ["NL01      ", "GM0363    "] + [f"WK0363{i:02d}  " for i in range(99)]
    assert filters("WijkenEnBuurten", sleutels, "GM0363") == [
        "WijkenEnBuurten eq 'NL01      ' or WijkenEnBuurten eq 'GM0363    ' or substringof('WK0363',WijkenEnBuurten)"]
    delen = filters("WijkenEnBuurten", sleutels, "GM0363", per_gebied=True, max_url=2000)
    assert sum(d.count(" eq ") for d in delen) == 101 and len(delen) == 3


def test_kwartalen_niet_opgeslagen_en_geteld(tmp_path, rsps):
    data = _50120()
    data["Perioden"].append({"Key": "2022KW01", "Title": "2022 1e kwartaal"})
    extra = dict(data["TypedDataSet"][0], ID=999, Perioden="2022KW01")
    data["TypedDataSet"].append(extra)
    NepCbs(rsps, {(DATADERDEN, "50120NED"): data})
    meldingen: list[str] = []
    ophalen(["50120NED"], "GM0603", tmp_path, nu=NU, meldingen=meldingen)
    assert any("1 rijen van kwartalen of maanden niet opgeslagen (2022KW01)" in m for m in meldingen)
    opgeslagen = json.loads((tmp_path / "50120NED" / "UntypedDataSet.json").read_text())
    assert all(r["Perioden"] != "2022KW01" for r in opgeslagen)


def test_opgehaalde_map_vervangt_demo(tmp_path, rsps):
    from evaluatie.demo import genereer_demo

    genereer_demo(tmp_path)
    (tmp_path / "50120NED.json").write_text("{}", encoding="utf-8")  # an older bundle is removed too
    NepCbs(rsps, {(DATADERDEN, "50120NED"): _50120()})
    ophalen(["50120NED"], "GM0603", tmp_path, nu=NU)
    assert not (tmp_path / "50120NED.json").exists()
    df = lees_monitor_map(tmp_path)
    assert not df.loc[df["tabel"] == "50120NED", "demo"].any()


def test_geen_verbinding(tmp_path, rsps):
    rsps.add(responses.GET, re.compile(r"https://.*"), body=requests.exceptions.ConnectionError("weg"))
    with pytest.raises(OphaalFout) as info:
        ophalen(["50120NED"], "GM0603", tmp_path)
    assert "Geen verbinding met CBS" in str(info.value)


def test_onbekende_tabel(tmp_path, rsps):
    NepCbs(rsps, {})
    with pytest.raises(OphaalFout) as info:
        ophalen(["99999NED"], "GM0603", tmp_path)
    assert "niet gevonden op opendata.cbs.nl of dataderden.cbs.nl" in str(info.value)


def test_gemeente_niet_in_tabel(tmp_path, rsps):
    NepCbs(rsps, {(DATADERDEN, "50120NED"): _50120()})
    with pytest.raises(OphaalFout) as info:
        ophalen(["50120NED"], "GM0014", tmp_path)
    assert "GM0014 komt niet voor" in str(info.value)


def test_onbruikbare_gegevens_worden_niet_geschreven(tmp_path, rsps):
    data = _50120()
    data["TypedDataSet"][0]["Eenzaam_27"] = 140.0  # a percentage above 100
    NepCbs(rsps, {(DATADERDEN, "50120NED"): data})
    with pytest.raises(InvoerFout):
        ophalen(["50120NED"], "GM0603", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_ongeldige_gemeentecode(tmp_path):
    with pytest.raises(InvoerFout):
        ophalen(["50120NED"], "Rijswijk", tmp_path)


def test_dvc_add_zonder_repository(tmp_path):
    pad = tmp_path / "a.json"
    pad.write_text("{}", encoding="utf-8")
    assert "overgeslagen" in dvc_add(pad)


# dvc add inside a git/DVC repository (subprocesses `dvc init`, `git commit`): tests/integratie/test_ophalen_dvc.py
