"""voortgang.meta.yml documents every output column of voortgang.parquet, and no other."""

from __future__ import annotations

from pathlib import Path

import yaml

from evaluatie.voortgang import beoordeel
from evaluatie.voortgang.beoordeel import KOLOMMEN

META = Path(beoordeel.__file__).with_name("voortgang.meta.yml")


def test_meta_beschrijft_elke_kolom():
    kolommen = yaml.safe_load(META.read_text(encoding="utf-8"))["kolommen"]
    verwacht = ["kader_id", "gemeente", *KOLOMMEN, "thema_id"]  # thema_id is added by the stage
    assert list(kolommen) == verwacht
    for naam, k in kolommen.items():
        assert set(k) == {"betekenis", "eenheid", "decimalen"}, naam
        assert str(k["betekenis"]).strip(), naam
