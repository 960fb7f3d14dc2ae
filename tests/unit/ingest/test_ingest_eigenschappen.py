"""Property tests: whatever numbers a partner writes in the template (decimal
comma or point, ';' or ','), the reader gives back the same numbers."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluatie.ingest import lees_bestand
from evaluatie.ingest.monitor.bron import getal, parse_periode
from conftest import voorbeelden

KOP = ["bron", "tabel", "veld", "gebied", "leeftijd", "jaar", "waarde", "ondergrens", "bovengrens", "markering", "eenheid"]

waarden = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=100_000),  # value in hundredths
        st.integers(min_value=0, max_value=500),  # half width in hundredths
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=voorbeelden(40), deadline=None)
@given(rijen=waarden, scheiding=st.sampled_from([";", ","]), komma=st.booleans())
def test_sjabloon_getallen_heen_en_terug(rijen, scheiding, komma):
    def fmt(x: float) -> str:
        t = f"{x:.2f}"
        if komma:
            t = t.replace(".", ",")
            if scheiding == ",":
                t = f'"{t}"'
        return t

    regels = [scheiding.join(KOP)]
    for i, (w, hw) in enumerate(rijen):
        w_, hw_ = w / 100, hw / 100
        regels.append(scheiding.join(
            ["Partner", "registratie", "deelnemers", "GM0603", "", str(2000 + i),
             fmt(w_), fmt(max(w_ - hw_, 0)), fmt(w_ + hw_), "", "aantal"]
        ))
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "partner.csv"
        pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
        df = lees_bestand(pad)
    assert list(df["jaar"]) == [2000 + i for i in range(len(rijen))]
    for (w, hw), (_, r) in zip(rijen, df.iterrows()):
        assert math.isclose(r["waarde"], w / 100)
        assert math.isclose(r["bovengrens"], (w + hw) / 100)


@given(st.integers(min_value=-10**9, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_getal_komma_en_punt(geheel, fractie):
    tekst = f"{geheel}.{fractie:02d}"
    assert getal(tekst, ".") == float(tekst)
    assert getal(tekst.replace(".", ","), ",") == float(tekst)
    assert getal(tekst.replace(".", ","), ".") is None


@given(st.integers(min_value=1900, max_value=2100))
def test_periode(jaar):
    assert parse_periode(f"{jaar}JJ00") == jaar == parse_periode(str(jaar)) == parse_periode(f"{jaar}*")
    assert parse_periode(f"{jaar}KW01") is None
    assert parse_periode(f"{jaar}MM12") is None
