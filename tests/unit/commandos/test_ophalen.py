"""ophalen() against recorded CBS OData responses (the `responses` library;
never the network)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests
import responses
import yaml
from responses import matchers

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import lees_bestand, lees_monitor_map
from evaluatie.ophalen import DATADERDEN, OPENDATA, OphaalFout, dvc_add, ophalen
from conftest import FIXTURES

FIX = FIXTURES / "monitor"
OPEN = f"{OPENDATA}/50120NED"
DERDEN = f"{DATADERDEN}/50120NED"
NU = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
FILTER = (
    "WijkenEnBuurten eq 'NL01      ' or WijkenEnBuurten eq 'GM0603    ' "
    "or WijkenEnBuurten eq 'WK060300  '"
)


@pytest.fixture
def opname():
    """Recorded answers of dataderden.cbs.nl for table 50120NED; opendata.cbs.nl says 404."""
    bundel = json.loads((FIX / "50120NED_typed.json").read_text(encoding="utf-8"))
    listing = dict(bundel["WijkenEnBuurten"])
    listing["value"] = [
        {"Key": "NL01      ", "Title": "Nederland", "Description": None},
        *bundel["WijkenEnBuurten"]["value"],
        {"Key": "GM1916    ", "Title": "Leidschendam-Voorburg", "Description": None},
        {"Key": "WK191600  ", "Title": "Wijk 00 elders", "Description": None},
        {"Key": "BU06030000", "Title": "Buurt 00 Test", "Description": None},
    ]
    rijen = bundel["TypedDataSet"]["value"]
    volgende = f"{DERDEN}/TypedDataSet?$format=json&$skip=12"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.GET, f"{OPEN}/", status=404)
        rsps.add(
            responses.GET,
            f"{DERDEN}/",
            json={"odata.metadata": f"{DERDEN}/$metadata", "value": [{"name": "TypedDataSet", "url": f"{DERDEN}/TypedDataSet"}]},
        )
        for naam in ("TableInfos", "DataProperties", "Marges", "Leeftijd", "Perioden"):
            rsps.add(responses.GET, f"{DERDEN}/{naam}", json=bundel[naam])
        rsps.add(responses.GET, f"{DERDEN}/WijkenEnBuurten", json=listing)
        rsps.add(
            responses.GET,
            f"{DERDEN}/TypedDataSet",
            json={"odata.metadata": "m", "value": rijen[12:]},
            match=[matchers.query_param_matcher({"$format": "json", "$skip": "12"})],
        )
        rsps.add(
            responses.GET,
            f"{DERDEN}/TypedDataSet",
            json={"odata.metadata": "m", "value": rijen[:12], "odata.nextLink": volgende},
            match=[matchers.query_param_matcher({"$format": "json", "$filter": FILTER})],
        )
        yield rsps


def test_ophalen_schrijft_bundel_en_sidecar(tmp_path, opname):
    paden = ophalen(["50120NED"], "GM0603", tmp_path, nu=NU)
    assert paden == [tmp_path / "50120NED.json"]
    data = paden[0].read_bytes()
    sidecar = yaml.safe_load((tmp_path / "50120NED.json.bron.yaml").read_text(encoding="utf-8"))
    assert sidecar["demo"] is False
    assert sidecar["tabel"] == "50120NED"
    assert sidecar["bron"] == "RIVM"
    assert sidecar["url"] == f"{DERDEN}/TypedDataSet"
    assert sidecar["opgehaald_op"] == "2024-05-01T12:30:00+00:00"
    assert sidecar["sha256"] == hashlib.sha256(data).hexdigest()
    assert sidecar["filter"] == FILTER
    bundel = json.loads(data)
    # the area listing is cut down to the areas asked for; both pages are in
    assert [i["Key"].strip() for i in bundel["WijkenEnBuurten"]["value"]] == ["NL01", "GM0603", "WK060300"]
    assert len(bundel["TypedDataSet"]["value"]) == 24
    # the snapshot reads back to exactly the rows of the recorded table
    terug = lees_bestand(paden[0]).drop(columns="bestand")
    verwacht = lees_bestand(FIX / "50120NED_typed.json").drop(columns="bestand")
    assert terug.equals(verwacht)
    # first candidate (opendata) answered 404, so the third-party host was used
    urls = [c.request.url for c in opname.calls]
    assert urls[0] == f"{OPEN}/?$format=json" and urls[1] == f"{DERDEN}/?$format=json"


def test_opgehaald_bestand_vervangt_demo_zonder_codewijziging(tmp_path, opname):
    from evaluatie.demo import genereer_demo

    genereer_demo(tmp_path)
    voor = lees_monitor_map(tmp_path)
    assert voor["demo"].all()
    ophalen(["50120NED"], "GM0603", tmp_path, sessie=requests.Session(), nu=NU)
    na = lees_monitor_map(tmp_path)
    assert not na.loc[na["tabel"] == "50120NED", "demo"].any()
    assert na.loc[na["tabel"] != "50120NED", "demo"].all()


def test_basis_url_uit_koppeling(tmp_path, opname):
    (tmp_path / "koppeling.yaml").write_text(
        f"tabellen:\n  50120NED:\n    basis_url: {DERDEN}\n", encoding="utf-8"
    )
    ophalen(["50120NED"], "GM0603", tmp_path, nu=NU)
    assert opname.calls[0].request.url == f"{DERDEN}/?$format=json"


def test_geen_verbinding(tmp_path):
    (tmp_path / "50120NED.json").write_text("oud", encoding="utf-8")
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{OPEN}/", body=requests.exceptions.ConnectionError("geen netwerk"))
        with pytest.raises(OphaalFout) as info:
            ophalen(["50120NED"], "GM0603", tmp_path)
    assert isinstance(info.value, InvoerFout)
    assert "Geen verbinding met CBS" in str(info.value) and OPEN in str(info.value)
    assert (tmp_path / "50120NED.json").read_text(encoding="utf-8") == "oud"
    assert not (tmp_path / "50120NED.json.bron.yaml").exists()


def test_time_out(tmp_path):
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{OPEN}/", body=requests.exceptions.ReadTimeout("traag"))
        with pytest.raises(OphaalFout) as info:
            ophalen(["50120NED"], "GM0603", tmp_path, timeout=1)
    assert "Geen verbinding met CBS (time-out)" in info.value.melding


def test_http_fout(tmp_path):
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{OPEN}/", status=500)
        with pytest.raises(OphaalFout) as info:
            ophalen(["50120NED"], "GM0603", tmp_path)
    assert "HTTP 500" in info.value.melding


def test_onbekende_tabel(tmp_path):
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{OPENDATA}/12345XYZ/", status=404)
        rsps.add(responses.GET, f"{DATADERDEN}/12345XYZ/", status=404)
        with pytest.raises(OphaalFout) as info:
            ophalen(["12345XYZ"], "GM0603", tmp_path)
    assert "niet gevonden" in info.value.melding


def test_gemeente_niet_in_tabel(tmp_path, opname):
    with pytest.raises(OphaalFout) as info:
        ophalen(["50120NED"], "GM0999", tmp_path)
    assert "GM0999" in info.value.melding
    assert list(tmp_path.iterdir()) == []


def test_onbruikbare_gegevens_worden_niet_geschreven(tmp_path, opname):
    from evaluatie.demo import genereer_demo

    genereer_demo(tmp_path)
    demo = (tmp_path / "50120NED.json").read_bytes()
    opname.replace(
        responses.GET,
        f"{DERDEN}/Perioden",
        json={"value": [{"Key": "2016JJ00", "Title": "2016"}, {"Key": "2022XX00", "Title": "?"}]},
    )
    # the data rows use 2022JJ00, which the new listing lacks
    with pytest.raises(InvoerFout) as info:
        ophalen(["50120NED"], "GM0603", tmp_path)
    assert "Perioden" in str(info.value)
    assert (tmp_path / "50120NED.json").read_bytes() == demo


def test_ongeldige_gemeentecode(tmp_path):
    with pytest.raises(InvoerFout):
        ophalen(["50120NED"], "Rijswijk", tmp_path)


def test_dvc_add_zonder_repository(tmp_path):
    pad = tmp_path / "a.json"
    pad.write_text("{}", encoding="utf-8")
    assert "overgeslagen" in dvc_add(pad)


def test_dvc_add_in_repository(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "dvc", "init", "--no-scm", "-q"], cwd=tmp_path, check=True, capture_output=True
    )
    pad = tmp_path / "data" / "50120NED.json"
    pad.parent.mkdir()
    pad.write_text("{}", encoding="utf-8")
    melding = dvc_add(pad)
    assert "uitgevoerd" in melding
    assert (tmp_path / "data" / "50120NED.json.dvc").exists()


def test_dvc_add_takes_over_a_snapshot_that_git_tracks(tmp_path):
    """Replacing the shipped demo snapshot: the fetched file moves from git to DVC."""
    import subprocess
    import sys

    from evaluatie.ophalen import dvc_add

    def run(*args):
        subprocess.run(args, cwd=tmp_path, check=True, capture_output=True)

    run("git", "init", "-q")
    run("git", "config", "user.email", "t@example.org")
    run("git", "config", "user.name", "t")
    run(sys.executable, "-m", "dvc", "init", "-q")
    monitor = tmp_path / "data" / "raw" / "monitor"
    monitor.mkdir(parents=True)
    (monitor / "50120NED.json").write_text("{}\n", encoding="utf-8")
    run("git", "add", "-A")
    run("git", "commit", "-qm", "demo")
    melding = dvc_add(monitor / "50120NED.json")
    assert "git rm --cached" in melding and "dvc add" in melding
    assert (monitor / "50120NED.json.dvc").exists()
    getrackt = subprocess.run(["git", "ls-files", "data/raw/monitor/50120NED.json"], cwd=tmp_path,
                              capture_output=True, text=True).stdout
    assert getrackt == ""
