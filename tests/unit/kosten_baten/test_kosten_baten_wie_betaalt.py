"""'Wie betaalt en wie heeft er baat bij' when a benefit comes from one part of a project only.

Hand computation (discount 2,25 %, base year 2016; 1,0225 ** 2 = 1,04550625), fixtures
subsidies_klein.csv and baten_geldig.yaml:

* 1.1 subsidy 90.000 (2016) + 95.000 (2017) + 75.000 (2018) = 260.000 nominal;
  present value 90.000 + 92.909,5355 + 71.735,5828 = 254.645,1183 -> € 254.645
* 1.1 benefit (buddytrajecten only), midden 26 x 5.000 = 130.000 in 2018 -> 124.341,68 -> € 124.342
* 2.3 subsidy 35.000 + 30.000/1,0225 + 30.000/1,04550625 = 93.034,09 -> € 93.034;
  Wlz benefit 100.000/1,04550625 = 95.647,44 -> € 95.647
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import FIXTURES

from evaluatie.hoofdstukken import kosten_baten as hk
from evaluatie.kosten_baten import (
    laad_baten,
    laad_pm_posten,
    projecten_met_onderdeel,
    wie_betaalt_wie_baat,
)

FIXTURES = FIXTURES / "kosten_baten"
ONDERDEEL = "de buddytrajecten, één van de vier activiteiten"


@pytest.fixture
def subsidies() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "subsidies_klein.csv", dtype={"project_id": str})


@pytest.fixture
def baten() -> pd.DataFrame:
    b = laad_baten(FIXTURES / "baten_geldig.yaml")
    b.loc[b["id"] == "buddy_test", "onderdeel"] = ONDERDEEL
    return b


def _cellen(tabel: str) -> list[list[str]]:
    return [[c.strip() for c in r.strip().strip("|").split("|")] for r in tabel.splitlines()
            if r.startswith("| ") and not r.startswith("| Project")]


def test_onvergelijkbaar_project_zonder_saldo_en_buiten_de_totalen(baten, subsidies):
    assert projecten_met_onderdeel(baten) == {"1.1": ONDERDEEL}
    w = wie_betaalt_wie_baat(baten, subsidies, pm_posten=laad_pm_posten(FIXTURES / "baten_geldig.yaml"))
    proj = w[w["niveau"] == "project"].set_index(["project_id", "partij"])
    assert proj.loc[("1.1", "gemeente"), "cw_kosten_eur"] == pytest.approx(254_645.1183, abs=1e-3)
    assert proj.loc[("1.1", "zorgverzekeraar"), "cw_baten_centraal_eur"] == pytest.approx(124_341.6766, abs=1e-3)
    assert not proj.loc[("1.1", "gemeente"), "vergelijkbaar"]
    assert math.isnan(proj.loc[("1.1", "gemeente"), "saldo_centraal_eur"])
    assert math.isnan(proj.loc[("1.1", "zorgverzekeraar"), "saldo_centraal_eur"])
    assert proj.loc[("1.1", "gemeente"), "toelichting"].startswith("Baat en kosten zijn niet te vergelijken: de baat komt alleen uit de buddytrajecten")
    assert proj.loc[("2.3", "gemeente"), "toelichting"] == ""
    assert proj.loc[("2.3", "gemeente"), "vergelijkbaar"]
    tot = w[w["niveau"] == "totaal"].set_index("partij")
    assert list(tot.index) == ["gemeente", "Wlz"]  # the zorgverzekeraar gains only in 1.1
    assert tot.loc["gemeente", "cw_kosten_eur"] == pytest.approx(93_034.0864, abs=1e-3)  # 2.3 only
    assert tot.loc["gemeente", "saldo_centraal_eur"] == pytest.approx(-93_034.0864, abs=1e-3)


def test_zonder_onderdeel_blijft_alles_vergelijkbaar(subsidies):
    b = laad_baten(FIXTURES / "baten_geldig.yaml")
    assert projecten_met_onderdeel(b) == {}
    w = wie_betaalt_wie_baat(b, subsidies)
    assert w["vergelijkbaar"].all()
    assert w.loc[(w["niveau"] == "totaal") & (w["partij"] == "gemeente"), "cw_kosten_eur"].iloc[0] == \
        pytest.approx(347_679.2046, abs=1e-3)  # 254.645,1183 + 93.034,0864


def test_tabel_markeert_hele_project_en_een_onderdeel_en_telt_niet_op(baten, subsidies):
    w = wie_betaalt_wie_baat(baten, subsidies, pm_posten=laad_pm_posten(FIXTURES / "baten_geldig.yaml"))
    tabel = hk.wie_betaalt_tabel(w, projecten_met_onderdeel(baten), subsidies)
    assert _cellen(tabel) == [
        ["1.1", "gemeente", "betaalt", "€\u00a0254.645 (hele project)", "–"],
        ["1.1", "zorgverzekeraar", "baat", "–", "€\u00a0124.342 (één onderdeel)"],
        ["2.3", "gemeente", "betaalt", "€\u00a093.034", "–"],
        ["2.3", "Wet langdurige zorg (Wlz)", "baat", "–", "€\u00a095.647"],
        ["totaal zonder 1.1", "gemeente", "betaalt", "€\u00a093.034", "–"],
        ["totaal zonder 1.1", "Wet langdurige zorg (Wlz)", "baat", "–", "€\u00a095.647"],
    ]
    assert tabel.endswith(
        "\nProject 1.1 telt niet mee in de totalen: de baat van €\u00a0124.342 komt alleen uit de buddytrajecten, "
        "één van de vier activiteiten. De kosten van €\u00a0254.645 zijn de subsidie van €\u00a0260.000 voor het "
        "hele project, omgerekend naar contante waarde. Die twee bedragen zijn dus niet met elkaar te "
        "vergelijken.\n")


def test_tabel_zonder_onderdeel_heeft_gewone_totalen_en_geen_noot(subsidies):
    b = laad_baten(FIXTURES / "baten_geldig.yaml")
    b.loc[b["id"] == "flatcoach_test", "baathebber"] = "gemeente"  # the payer gains too: both cells shown
    tabel = hk.wie_betaalt_tabel(wie_betaalt_wie_baat(b, subsidies), {}, subsidies)
    cellen = _cellen(tabel)
    assert ["2.3", "gemeente", "betaalt en baat", "€\u00a093.034", "€\u00a095.647"] in cellen
    assert ["totaal", "zorgverzekeraar", "baat", "–", "€\u00a0124.342"] in cellen
    assert "telt niet mee" not in tabel and "(hele project)" not in tabel
