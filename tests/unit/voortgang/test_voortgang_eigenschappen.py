"""Property tests (hypothesis) for evaluatie.voortgang.

1. afstand_gesloten is invariant under affine rescaling x -> a x + b (a != 0): a change
   of unit or a switch to "100 - x" does not change the share of the distance covered.
2. Mirror symmetry: mirror every number of an indicator around 50 (x -> 100 - x: values,
   bounds, baseline, target) and flip "lager"/"hoger". The indicator then describes the
   same policy situation ("% eenzaam" versus "% niet eenzaam"), so the status, colour,
   symbol, distance and probability must be the same. Values are multiples of 0.5 so
   that mirroring is exact in floating point.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from evaluatie.voortgang.beoordeling import afstand_gesloten, beoordeel_indicator, tempo_ratio
from conftest import voorbeelden

halve = st.integers(min_value=2, max_value=196).map(lambda k: k / 2)  # 1,0 .. 98,0 in stappen van 0,5


@given(
    basis=st.integers(-1000, 1000),
    laatste=st.integers(-1000, 1000),
    doel=st.integers(-1000, 1000),
    a=st.sampled_from([-3.0, -1.0, -0.5, 0.25, 2.0, 10.0]),
    b=st.integers(-500, 500),
)
def test_afstand_invariant_onder_affiene_schaling(basis, laatste, doel, a, b):
    origineel = afstand_gesloten(basis, laatste, doel)
    geschaald = afstand_gesloten(a * basis + b, a * laatste + b, a * doel + b)
    if origineel is None:
        assert geschaald is None
    else:
        assert geschaald == pytest.approx(origineel, rel=1e-9, abs=1e-9)


@given(
    basis=st.integers(-100, 100),
    laatste=st.integers(-100, 100),
    doel=st.integers(-100, 100),
    a=st.sampled_from([-2.0, -1.0, 0.5, 3.0]),
    b=st.integers(-50, 50),
)
def test_tempo_invariant_onder_affiene_schaling(basis, laatste, doel, a, b):
    origineel = tempo_ratio(basis, 2016, laatste, 2020, doel, 2024)
    geschaald = tempo_ratio(a * basis + b, 2016, a * laatste + b, 2020, a * doel + b, 2024)
    if origineel is None:
        assert geschaald is None
    else:
        assert geschaald == pytest.approx(origineel, rel=1e-9, abs=1e-9)


@st.composite
def indicator_met_reeks(draw):
    basis_jaar = 2016
    aantal = draw(st.integers(min_value=0, max_value=5))
    stappen = draw(st.lists(st.integers(1, 3), min_size=aantal, max_size=aantal))
    begin = draw(st.integers(0, 1))  # 0: reeks begint in het peiljaar, 1: erna
    jaren, jaar = [], basis_jaar + begin
    for stap in stappen:
        jaren.append(jaar)
        jaar += stap
    waarden = [draw(halve) for _ in jaren]
    met_grenzen = draw(st.booleans())
    soort = draw(st.sampled_from(["directe_schatting", "modelschatting", "registratie"]))
    breedtes = [draw(st.integers(1, 6)) / 2 for _ in jaren]
    gemarkeerd = [draw(st.booleans()) and draw(st.booleans()) for _ in jaren]
    reeks = pd.DataFrame(
        {
            "jaar": jaren,
            "waarde": [math.nan if m else w for w, m in zip(waarden, gemarkeerd, strict=True)],
            "ondergrens": [w - h if met_grenzen else math.nan for w, h in zip(waarden, breedtes, strict=True)],
            "bovengrens": [w + h if met_grenzen else math.nan for w, h in zip(waarden, breedtes, strict=True)],
            "markering": ["x" if m else "" for m in gemarkeerd],
            "onzekerheid": soort,
        },
        columns=["jaar", "waarde", "ondergrens", "bovengrens", "markering", "onzekerheid"],
    )
    doel_type = draw(st.sampled_from(["waarde", "richting_per_jaar", "geen"]))
    indicator = {
        "indicator_id": "x",
        "naam": "Test",
        "richting": draw(st.sampled_from(["lager", "hoger"])),
        "basis_jaar": basis_jaar,
        "basis_waarde": draw(halve),
        "doel_type": doel_type,
        "doel_waarde": draw(halve) if doel_type == "waarde" else None,
        "doel_jaar": draw(st.integers(2017, 2030)) if doel_type != "geen" else None,
        "doel_vanaf_jaar": 2017 if doel_type == "richting_per_jaar" else None,
        "is_percentage": True,
    }
    return indicator, reeks


def spiegel(indicator, reeks, c=50.0):
    ind = dict(indicator)
    ind["richting"] = "hoger" if indicator["richting"] == "lager" else "lager"
    ind["basis_waarde"] = 2 * c - indicator["basis_waarde"]
    if indicator["doel_waarde"] is not None:
        ind["doel_waarde"] = 2 * c - indicator["doel_waarde"]
    r = reeks.copy()
    r["waarde"] = 2 * c - reeks["waarde"]
    r["ondergrens"] = 2 * c - reeks["bovengrens"]
    r["bovengrens"] = 2 * c - reeks["ondergrens"]
    return ind, r


@settings(max_examples=voorbeelden(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indicator_met_reeks())
def test_spiegelen_en_richting_omdraaien_behoudt_status(geval):
    indicator, reeks = geval
    origineel = beoordeel_indicator(indicator, reeks)
    event(f"{indicator['doel_type']}: {origineel['status']}")
    gespiegeld = beoordeel_indicator(*spiegel(indicator, reeks))
    for kolom in ("status", "kleur", "symbool", "jaren_in_richting", "jaren_in_richting_vorig",
                  "projectie_reden", "doel_oordeel", "verandering_methode"):
        assert gespiegeld[kolom] == origineel[kolom], kolom
    for kolom in ("afstand_gesloten", "tempo_ratio", "kans_doel_gehaald", "verandering_p"):
        if origineel[kolom] is None:
            assert gespiegeld[kolom] is None, kolom
        else:
            assert gespiegeld[kolom] == pytest.approx(origineel[kolom], rel=1e-6, abs=1e-9), kolom
    spiegel_oordeel = {"hoger": "lager", "lager": "hoger"}
    assert gespiegeld["verandering_oordeel"] == spiegel_oordeel.get(origineel["verandering_oordeel"],
                                                                   origineel["verandering_oordeel"])
    if origineel["verandering"] is not None:
        assert gespiegeld["verandering"] == pytest.approx(-origineel["verandering"])
