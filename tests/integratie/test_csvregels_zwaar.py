"""The template and parquet readers' fast paths against the previous paths, on many files.

Moved out of ``tests/unit/ingest/test_csvregels.py`` (issue 20): ± 10 s of old-vs-new equality,
so it runs in `make test`, not in `make test-snel`. The unit file keeps hand-made template variants
and one damaged parquet folder; here:

- every template file in the fixtures, the corpus and the example data (the fast path must really be
  taken on the real-format ones), a generated national-shaped template and damaged templates: the
  same frame or the same InvoerFout with and without the fast path;
- the other damaged parquet folders: the same error (or frame) after the rows were dropped."""

from __future__ import annotations

import random

import pytest

from gedeelde_controles import (
    PARQUET_SCHADE,
    csv_bestanden,
    gegenereerd_sjabloon,
    parquet_fout_na_vrijgeven,
    sjabloon_zoals_lus,
)


def _sjablonen() -> list:
    uit = []
    for pad in csv_bestanden():
        kop = pad.read_bytes()[:400].decode("utf-8", errors="replace").lower()
        if "veld" in kop and "gebied" in kop and "jaar" in kop and "waarde" in kop:
            uit.append(pad)
    return uit


def test_sjabloon_snel_pad_gelijk_aan_lus(monkeypatch):
    snel = [sjabloon_zoals_lus(p, monkeypatch) for p in _sjablonen()]
    assert sum(snel) >= 20  # the fast path is really taken on real-format templates (24 of 36 today)


def test_sjabloon_snel_pad_op_gegenereerd_landelijk_sjabloon(tmp_path, monkeypatch):
    assert sjabloon_zoals_lus(gegenereerd_sjabloon(tmp_path, 20_000), monkeypatch)


KAPOT = ["abc", "", "x", "12,5,3", "1.234", "2022KW01", "GM06O3", "101", "-1", ".", "?", "12.5", " 7 ", "1,234"]


@pytest.mark.parametrize("seed", range(12))
def test_sjabloon_snel_pad_op_beschadigde_sjablonen(tmp_path, monkeypatch, seed):
    """Damaged cells, a row too wide or too short, a quote: the same frame or the same error."""
    bron = gegenereerd_sjabloon(tmp_path, 2_000)
    regels = bron.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(1, len(regels))
        cellen = regels[i].split(";")
        keuze = rng.random()
        if keuze < 0.1:
            cellen.append(rng.choice(["", "extra"]))
        elif keuze < 0.15:
            cellen = cellen[:-1]
        elif keuze < 0.2:
            cellen[2] = '"' + cellen[2] + '"'
        else:
            cellen[rng.choice([3, 5, 6, 7, 8, 9, 10])] = rng.choice(KAPOT)
        regels[i] = ";".join(cellen)
    pad = tmp_path / f"kapot_{seed}.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    sjabloon_zoals_lus(pad, monkeypatch)


# "onbekende_regio" stays in tests/unit/ingest/test_csvregels.py
@pytest.mark.parametrize("schade", [s for s in PARQUET_SCHADE if s != "onbekende_regio"])
def test_parquet_fout_na_vrijgeven_zoals_voorheen(tmp_path, monkeypatch, schade):
    """After the rows were dropped the per-cell reader loads the folder again: same error or frame."""
    parquet_fout_na_vrijgeven(tmp_path, monkeypatch, schade)
