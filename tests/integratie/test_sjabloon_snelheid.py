"""lees_sjabloon builds its frame from column lists and evaluates the pure per-cell functions once
per distinct text (issue 20: a one-million-row template). Equality test: the same DataFrame, or
the same InvoerFout (message, file, row, column, key), as the row-by-row version it replaced,
kept verbatim below as the reference, on every template in the fixtures, the corpus and the
example data, on a generated national template, and on randomly damaged copies of it.

In tests/integratie (`make test` only; issue 20: ± 6 s of old-vs-new equality). The fast loop
(`make test-snel`) keeps hand-made template variants against the row-by-row loop in
tests/unit/ingest/test_csvregels.py and the template checks of the other unit tests."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd
import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import (
    Sidecar,
    decodeer,
    bestandsdecimaal,
    detecteer_scheiding,
    gebiedsnamen,
    kies_decimaal,
    lees_getal,
    lees_csv_rijen,
    lees_sidecar,
    marker,
    parse_periode,
)
from evaluatie.ingest.monitor.schema import gebied_niveau, valideer_metingen
from evaluatie.ingest.monitor.sjabloon import OPTIONELE_KOLOMMEN, SJABLOON_KOLOMMEN, lees_sjabloon
from gedeelde_controles import zelfde_uitkomst

ROOT = Path(__file__).resolve().parents[2]


# ---- the previous implementation, verbatim (reference) -------------------------------------
def _lees_sjabloon_oud(pad: Path, tekst: str | None = None, sidecar: Sidecar | None = None) -> pd.DataFrame:
    pad = Path(pad)
    if tekst is None:
        tekst = decodeer(pad.read_bytes(), pad)
    sidecar = sidecar or lees_sidecar(pad)
    scheiding = detecteer_scheiding(tekst)
    if scheiding is None:
        eerste = next((r for r in tekst.splitlines() if r.strip()), "")
        raise InvoerFout(
            pad,
            "scheidingsteken niet herkend: het bestand heeft maar één kolom; gebruik ';' of ','",
            kolom=eerste.strip()[:60],
        )
    rijen = lees_csv_rijen(tekst, scheiding)
    while rijen and not rijen[0]:
        rijen.pop(0)
    kop = [c.strip().lower() for c in rijen[0]]
    while kop and kop[-1] == "":
        kop.pop()
    for naam in kop:
        if naam not in SJABLOON_KOLOMMEN and naam not in OPTIONELE_KOLOMMEN:
            raise InvoerFout(
                pad,
                f"onbekende kolom in de kopregel; verwacht: {';'.join(SJABLOON_KOLOMMEN)}",
                kolom=naam,
            )
    ontbrekend = [k for k in SJABLOON_KOLOMMEN if k not in kop]
    if ontbrekend:
        raise InvoerFout(
            pad, f"kolom ontbreekt in de kopregel (nodig: {';'.join(SJABLOON_KOLOMMEN)})", kolom=ontbrekend[0]
        )
    if len(set(kop)) != len(kop):
        dubbel = next(k for k in kop if kop.count(k) > 1)
        raise InvoerFout(pad, "kolom staat twee keer in de kopregel", kolom=dubbel)

    data = [(nr, r) for nr, r in enumerate(rijen[1:], start=1) if r]
    if not data:
        raise InvoerFout(pad, "alleen een kopregel, geen gegevensrijen", rij=1)
    pos = {k: i for i, k in enumerate(kop)}
    cellen = {
        k: [(nr, r[pos[k]]) for nr, r in data if pos[k] < len(r) and marker(r[pos[k]]) is None]
        for k in ("waarde", "ondergrens", "bovengrens")
    }
    hint = bestandsdecimaal(list(cellen.values()), pad)
    decimalen = {k: kies_decimaal(c, pad, k, bestandsbreed=hint, instelling=sidecar.decimaalteken)
                 for k, c in cellen.items()}
    _, naar_naam = gebiedsnamen(sidecar)

    records = []
    for nr, r in data:
        if len(r) > len(kop) and any(r[len(kop):]):
            raise InvoerFout(
                pad,
                f"rij heeft {len(r)} velden, de kopregel {len(kop)} "
                "(decimaalkomma zonder aanhalingstekens in een komma-gescheiden bestand?)",
                rij=nr,
            )
        r = r + [""] * (len(kop) - len(r))
        cel = {k: r[pos[k]] for k in kop}
        jaar = parse_periode(cel["jaar"])
        if jaar is None:
            raise InvoerFout(pad, f"'{cel['jaar']}' is geen jaartal", rij=nr, kolom="jaar")
        getallen: dict[str, float] = {}
        mark = cel["markering"]
        for k in ("waarde", "ondergrens", "bovengrens"):
            if marker(cel[k]) is not None:
                if k == "waarde" and cel[k] and not mark:
                    mark = cel[k]  # a symbol typed in the value cell
                getallen[k] = float("nan")
                continue
            g = lees_getal(cel[k], decimalen[k])
            if g is None:
                raise InvoerFout(
                    pad,
                    f"'{cel[k]}' is geen getal (decimaalteken in deze kolom: '{decimalen[k]}')",
                    rij=nr,
                    kolom=k,
                )
            getallen[k] = g
        if pd.isna(getallen["waarde"]) and not mark:
            mark = "."
        gebied = cel["gebied"].strip().upper()
        records.append(
            {
                "bron": cel["bron"] or (sidecar.bron or ""),
                "tabel": cel["tabel"] or (sidecar.tabel or ""),
                "veld": cel["veld"],
                "gebied": gebied,
                "gebied_niveau": gebied_niveau(gebied),
                "gebied_naam": cel.get("gebied_naam") or naar_naam.get(gebied, ""),
                "leeftijd": cel["leeftijd"],
                "jaar": jaar,
                "waarde": getallen["waarde"],
                "ondergrens": getallen["ondergrens"],
                "bovengrens": getallen["bovengrens"],
                "markering": mark,
                "eenheid": cel["eenheid"],
                "demo": sidecar.demo,
                "bestand": pad.name,
                "_rij": nr,
            }
        )
    df = pd.DataFrame.from_records(records)
    return valideer_metingen(df, pad, {"gebied_niveau": "gebied"})


# ---- comparison ----------------------------------------------------------------------------
def _uitkomst(lezer, pad: Path):
    try:
        df = lezer(pad)
    except InvoerFout as fout:
        return ("fout", str(fout), fout.melding, fout.bestand, fout.rij, fout.kolom, fout.sleutel)
    return ("df", df)


def _zelfde(pad: Path) -> None:
    zelfde_uitkomst(_uitkomst(lees_sjabloon, pad), _uitkomst(_lees_sjabloon_oud, pad), pad)


def _sjablonen() -> list[Path]:
    uit = []
    for map_ in (ROOT / "tests" / "fixtures", ROOT / "tests" / "corpus", ROOT / "data" / "raw" / "monitor"):
        for pad in sorted(map_.rglob("*.csv")):
            kop = pad.read_bytes()[:400].decode("utf-8", errors="replace").lower()
            if "veld" in kop and "gebied" in kop and "jaar" in kop and "waarde" in kop:
                uit.append(pad)
    return uit


@pytest.mark.parametrize("pad", _sjablonen(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_zelfde_uitkomst_op_bestaande_sjablonen(pad):
    _zelfde(pad)


def _gegenereerd(tmp_path: Path, rijen: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from sjabloon_csv import schrijf_sjabloon

    pad = tmp_path / "sjabloon.csv"
    schrijf_sjabloon(pad, rijen)
    return pad


def test_zelfde_uitkomst_op_gegenereerd_landelijk_sjabloon(tmp_path):
    _zelfde(_gegenereerd(tmp_path, 5_000))


KAPOT = ["abc", "", "x", "12,5,3", "1.234", "2022KW01", "GM06O3", "101", "-1", ".", "?", "12.5", " 7 "]


@pytest.mark.parametrize("seed", range(8))
def test_zelfde_uitkomst_op_beschadigde_sjablonen(tmp_path, seed):
    """One to three cells replaced by odd texts (numbers in the other decimal sign, symbols,
    bad years and codes, out-of-range percentages): other errors, other rows, other paths."""
    bron = _gegenereerd(tmp_path, 1_000)
    regels = bron.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(1, len(regels))
        cellen = regels[i].split(";")
        cellen[rng.choice([3, 5, 6, 7, 8, 9])] = rng.choice(KAPOT)
        regels[i] = ";".join(cellen)
    pad = tmp_path / f"kapot_{seed}.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    _zelfde(pad)
