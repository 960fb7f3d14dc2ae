"""The OData reader's fast paths against the per-cell reader on many broken bundles.

Moved out of ``tests/unit/ingest/test_ingest_gelijkwaardigheid.py`` (issue 20): ± 10 s of old-vs-new
equality, so it runs in `make test`, not in `make test-snel`. The unit file keeps the clean inputs, a
few of the named damages (``GEBROKEN_SNEL``) and the messages a user sees; here the other named
damages (through ``lees_odata_bundel`` and through ``lees_bestand`` on a file) and random edits
(hypothesis).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import voorbeelden
from evaluatie.ingest.monitor.bron import lees_sidecar
from gedeelde_odata import DEMO, GEBROKEN, GEBROKEN_SNEL, controleer, demo, gebroken_zelfde_uitkomst, rijen


@pytest.mark.parametrize("naam", sorted(set(GEBROKEN) - set(GEBROKEN_SNEL)))
def test_gebroken_invoer_zelfde_uitkomst(naam, tmp_path):
    gebroken_zelfde_uitkomst(naam, tmp_path)


waarde_strategie = st.sampled_from([
    "    47", " 47.5", "47", "-", "x", "?", ".", "", "   ", None, 47, 47.5, True, "abc", "1,5",
    "4 7", "\u00a047", "٣", "1e400", "1e2", "+3", ".5", "5.", float("nan"), "nan", "   150", "-3", "\t12\n",
])
veld_strategie = st.sampled_from(["Eenzaam_27", "ErnstigZeerErnstigEenzaam_28", "Mantelzorger_31",
                                  "Vrijwilligerswerk_32"])
dimensie_strategie = st.sampled_from([
    ("Perioden", "2030JJ00"), ("Perioden", "2016"), ("Perioden", "2016JJ00 "), ("Perioden", None),
    ("WijkenEnBuurten", "GM0603"), ("WijkenEnBuurten", "XX"), ("Leeftijd", "53115"),
    ("Marges", "MOG0095"), ("Marges", "MBG0095"), ("Marges", "ONBEKEND"),
])
mutatie = st.one_of(
    st.tuples(st.just("cel"), st.integers(0, 287), veld_strategie, waarde_strategie),
    st.tuples(st.just("dim"), st.integers(0, 287), dimensie_strategie),
    st.tuples(st.just("weg"), st.integers(0, 287), st.sampled_from(["Eenzaam_27", "Perioden", "ID"])),
    st.tuples(st.just("dubbel"), st.integers(0, 287)),
    st.tuples(st.just("schrap"), st.integers(0, 287)),
)


@settings(max_examples=voorbeelden(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutaties=st.lists(mutatie, min_size=0, max_size=3))
def test_willekeurige_wijzigingen_zelfde_uitkomst(mutaties):
    bundel = demo()
    rijen_ = rijen(bundel)
    for m in mutaties:
        if m[0] == "cel":
            rijen_[m[1] % len(rijen_)][m[2]] = m[3]
        elif m[0] == "dim":
            rijen_[m[1] % len(rijen_)][m[2][0]] = m[2][1]
        elif m[0] == "weg":
            rijen_[m[1] % len(rijen_)].pop(m[2], None)
        elif m[0] == "dubbel":
            rijen_.append(copy.deepcopy(rijen_[m[1] % len(rijen_)]))
        elif len(rijen_) > 1:
            rijen_.pop(m[1] % len(rijen_))
    controleer(bundel, Path("50120NED.json"), lees_sidecar(DEMO))
