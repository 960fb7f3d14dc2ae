"""The column-wise view of simple CSV texts (csvregels, issue 20) against the csv module.

For every CSV in the fixtures, the corpus and the example data, and for random texts
(hypothesis) built from separators, blanks, line breaks, quotes and non-ASCII characters:
the separator chosen, the blank lines, the first row and the cells are the same as what
``bron`` gets from the csv module (``_detecteer_scheiding_rijen``, ``lees_csv_rijen``).
The template reader's fast path is compared with its row-by-row loop on hand-made variants here,
on every template file in tests/integratie/test_csvregels_zwaar.py (`make test` only)."""

from __future__ import annotations

import io
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings, HealthCheck
from hypothesis import strategies as st

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor import csvregels
from evaluatie.ingest.monitor.bron import _detecteer_scheiding_rijen, decodeer, lees_csv_rijen
from conftest import voorbeelden
from gedeelde_controles import csv_bestanden, parquet_fout_na_vrijgeven, parquet_map_zoals_voorheen, sjabloon_zoals_lus

ROOT = Path(__file__).resolve().parents[3]


_csv_bestanden = csv_bestanden


def _tekst(pad: Path) -> str | None:
    try:
        return decodeer(pad.read_bytes(), pad)
    except InvoerFout:
        return None


def _zelfde_als_csv_module(tekst: str) -> bool:
    """Assert equality with the csv module for a simple text; False when the text is not simple."""
    regels = csvregels.csv_regels(tekst)
    if regels is None:
        return False
    assert csvregels.detecteer_scheiding(regels) == _detecteer_scheiding_rijen(tekst)
    for scheiding in csvregels.SCHEIDINGEN:
        rijen = lees_csv_rijen(tekst, scheiding)
        assert len(rijen) == len(regels), (scheiding, tekst[:200])
        assert [r == [] for r in rijen] == regels.leeg(scheiding).tolist()
        breedtes = [len(r) for r in csv.reader(io.StringIO(tekst), delimiter=scheiding)]
        assert all((b == 0 and a == 0) or b == a + 1 for b, a in zip(breedtes, regels.aantal(scheiding).tolist()))
        gevuld = [(i, r) for i, r in enumerate(rijen) if r]
        eerste = csvregels.eerste_rij(regels, scheiding)
        assert eerste == (gevuld[0] if gevuld else None)
        if gevuld:
            kop_index, kop = gevuld[0]
            gelezen = csvregels.lees_cellen(regels, scheiding, kop_index, len(kop))
            data = [(nr, r) for nr, r in enumerate(rijen[kop_index + 1:], start=1) if r]
            if gelezen is not None:
                rijnummers, kolommen = gelezen
                assert rijnummers.tolist() == [nr for nr, _ in data]
                for j, (codes, teksten) in enumerate(kolommen):
                    assert [teksten[c].strip() for c in codes] == [r[j] for _, r in data]
            else:  # refused only for rows of another width or blank lines that are not empty
                echt = list(csv.reader(io.StringIO(tekst), delimiter=scheiding))[kop_index + 1:]
                assert any(len(r) != len(kop) for _, r in data) or any(
                    r == [] and e != [] for r, e in zip(rijen[kop_index + 1:], echt))
    return True


@pytest.mark.parametrize("pad", _csv_bestanden(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_zelfde_als_csv_module_op_bestaande_bestanden(pad):
    tekst = _tekst(pad)
    if tekst is not None:
        _zelfde_als_csv_module(tekst)


def test_eenvoudige_teksten_worden_herkend():
    assert csvregels.csv_regels("a;b\n1;2\n") is not None
    assert csvregels.csv_regels("a;b\r\n1;2\r\n") is not None
    for tekst in ('a;"b"\n1;2\n', "a;b\r1;2\n", "a;b\x00\n", "\ufeffa;b\n", "a;" + "x" * 200_000 + "\n"):
        assert csvregels.csv_regels(tekst) is None


TEKENS = [";", ",", "\t", " ", "\n", "\r\n", "a", "1", "x", ".", "\xa0", "é", "\u2003", "\u2028", "\x0b", '"', "\r"]


@settings(max_examples=voorbeelden(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TEKENS), max_size=60))
def test_zelfde_als_csv_module_op_willekeurige_teksten(delen):
    _zelfde_als_csv_module("".join(delen))


TEKENS_REGELS = TEKENS + ["\x0c", "\x1c", "\x1f", "\x85", "\u2029", "\r", "|"]


@settings(max_examples=voorbeelden(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TEKENS_REGELS), max_size=40))
def test_eerste_gevulde_regel_zoals_splitlines(delen):
    tekst = "".join(delen)
    assert csvregels.eerste_gevulde_regel(tekst) == next((r for r in tekst.splitlines() if r.strip()), "")


# ---- the template reader's fast path against its row-by-row loop ------------------------------
# Hand-made variants here; every template in the fixtures, the corpus and the example data, a
# generated national-shaped template and damaged ones: tests/integratie/test_csvregels_zwaar.py.
@pytest.mark.parametrize("variant", ["crlf", "lege_regels", "gebied_naam", "extra_lege_kolom", "sidecar",
                                     "symbool_en_markering", "komma", "punt_duizendtal"])
def test_sjabloon_snel_pad_varianten(tmp_path, monkeypatch, variant):
    kop = "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid"
    rijen = [
        "GGD;gm;eenzaam;GM0603;18+;2020;12,5;10,1;14,9;;%",
        "GGD;gm;eenzaam;gm1916 ;18+;2020JJ00;x;;;;%",
        ";;eenzaam;NL01;18+;2022;;;;;%",
        "GGD;gm;eenzaam;NL01;18+;2020;.;;;x;%",
        "CBS;t;inwoners;GM0603;;2021; 55 ;;;;aantal",
    ]
    if variant == "crlf":
        tekst = "\r\n".join([kop] + rijen) + "\r\n"
    elif variant == "lege_regels":
        tekst = "\n".join([kop, ""] + rijen[:2] + ["", ""] + rijen[2:])
    elif variant == "gebied_naam":
        tekst = "\n".join([kop + ";gebied_naam"] + [r + (";Ergens" if i % 2 else ";") for i, r in enumerate(rijen)])
    elif variant == "extra_lege_kolom":
        tekst = "\n".join([kop + ";"] + [r + ";" for r in rijen]) + "\n"
    elif variant == "sidecar":
        tekst = "\n".join([kop] + rijen)
        (tmp_path / "s.csv.bron.yaml").write_text("demo: true\nbron: GGD Haaglanden\ntabel: monitor\n",
                                                  encoding="utf-8")
    elif variant == "symbool_en_markering":
        tekst = "\n".join([kop] + rijen + ["GGD;gm;eenzaam;WK060300;18+;2020;-;;;?;%"])
    elif variant == "komma":
        tekst = "\n".join([kop.replace(";", ",")] + [r.replace(",", ".").replace(";", ",") for r in rijen])
    else:
        tekst = "\n".join([kop] + ["CBS;t;inwoners;GM0603;;2021;1.234;;;;aantal", "CBS;t;inwoners;NL01;;2021;12,5;;;;aantal"])
    pad = tmp_path / "s.csv"
    pad.write_text(tekst, encoding="utf-8")
    assert sjabloon_zoals_lus(pad, monkeypatch)


# ---- parquet folders: the rows' frame instead of DataFrame.from_records, rows dropped early ----
# (the real KWB 2020 folder in /work/shared/realdata: tests/integratie/test_csvregels_kwb.py)
def _parquet_mappen() -> list[Path]:
    return sorted({p.parent for p in (ROOT / "tests" / "fixtures").rglob("*DataProperties.parquet")})


@pytest.mark.parametrize("pad", _parquet_mappen(), ids=lambda p: p.name)
def test_parquet_rijen_en_frame_gelijk_aan_to_dict_en_from_records(pad, monkeypatch):
    parquet_map_zoals_voorheen(pad, monkeypatch)


# ---- format detection: the previous _herken (text part), verbatim, as the reference ----------
def _herken_tekst_oud(pad: Path, tekst: str) -> str:
    from evaluatie.ingest.monitor.bron import _detecteer_scheiding_rijen as detecteer_scheiding
    from evaluatie.ingest.monitor.sjabloon import lijkt_sjabloon
    from evaluatie.ingest.monitor.sleutels import lijkt_sleutelkop

    for nummer, regel in enumerate(tekst.splitlines()):
        if len(regel) > 131_072:  # the csv module's field limit; no real monitor row comes near it
            raise InvoerFout(pad, f"regel {nummer + 1} is te lang ({len(regel)} tekens): een cel van meer dan "
                                  "131.072 tekens past niet in een monitorbestand", rij=nummer)
    kop = next((r for r in tekst.splitlines() if r.strip()), "")
    if kop.count("|") >= 2 and (lijkt_sjabloon([c.strip().strip('"') for c in kop.split("|")]) or
                                kop.count("|") > max(kop.count(";"), kop.count(","))):
        raise InvoerFout(pad, "scheidingsteken '|' wordt niet ondersteund: gebruik ';' of ','", rij=1,
                         kolom=kop[:60])
    scheiding = detecteer_scheiding(tekst)
    if scheiding is not None:
        rijen = [r for r in lees_csv_rijen(tekst, scheiding) if r]
        if rijen and lijkt_sjabloon(rijen[0]):
            return "sjabloon"
        if rijen and scheiding == ";" and lijkt_sleutelkop(rijen[0]):
            return "portaal"
        return "statline"
    eerste = next((r for r in tekst.splitlines() if r.strip()), "")
    if eerste.count("|") >= 2:
        raise InvoerFout(pad, "scheidingsteken '|' wordt niet ondersteund: gebruik ';' of ','", rij=1,
                         kolom=eerste[:60])
    raise InvoerFout(
        pad,
        "scheidingsteken niet herkend: het bestand heeft maar één kolom; "
        "gebruik ';' of ',' (StatLine-CSV of evaluatie-sjabloon)",
        rij=None,
        kolom=eerste.strip()[:60],
    )


def _formaat_uitkomst(functie, *args):
    try:
        return ("ok", functie(*args))
    except InvoerFout as f:
        return ("fout", str(f), f.melding, f.bestand, f.rij, f.kolom, f.sleutel)


@pytest.mark.parametrize("pad", _csv_bestanden(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_formaat_zoals_voorheen_op_bestaande_bestanden(pad, tmp_path):
    from evaluatie.ingest.monitor.lezen import formaat

    kopie = tmp_path / "bestand.csv"  # the text part of the detection (name checks come before it)
    kopie.write_bytes(pad.read_bytes())
    tekst = _formaat_uitkomst(lambda p: decodeer(p.read_bytes(), p), kopie)
    if tekst[0] != "ok" or tekst[1].lstrip().startswith(("{", "[")):
        return
    assert _formaat_uitkomst(formaat, kopie) == _formaat_uitkomst(_herken_tekst_oud, kopie, tekst[1])


@settings(max_examples=voorbeelden(300), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TEKENS_REGELS + ["veld", "gebied", "jaar", "ID", "Eenzaam_27"]), min_size=1, max_size=40))
def test_formaat_zoals_voorheen_op_willekeurige_teksten(tmp_path, delen):
    from evaluatie.ingest.monitor.lezen import formaat

    tekst = "".join(delen)
    if not tekst.strip() or tekst.lstrip().startswith(("{", "[")):
        return
    pad = tmp_path / "t.csv"
    pad.write_bytes(tekst.encode("utf-8"))
    echt = decodeer(pad.read_bytes(), pad)
    assert _formaat_uitkomst(formaat, pad) == _formaat_uitkomst(_herken_tekst_oud, pad, echt)


@pytest.mark.parametrize("schade", ["onbekende_regio"])  # the other damages: tests/integratie/test_csvregels_zwaar.py
def test_parquet_fout_na_vrijgeven_zoals_voorheen(tmp_path, monkeypatch, schade):
    """After the rows were dropped the per-cell reader loads the folder again: same error or frame."""
    parquet_fout_na_vrijgeven(tmp_path, monkeypatch, schade)
