"""Long file names and checksums wrap in the PDF without a character being added: text copied from the PDF
is the exact string (a zero-width space, U+200B, used to be inserted as break opportunity, and a checksum
copied from the technical account no longer compared equal to ``sha256sum``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pypdf import PdfReader

from evaluatie.hoofdstukken import verantwoording as v
from evaluatie.zetwerk import render

META = {"gemeente": "Rijswijk", "titel": "Verantwoording", "ondertitel": "Sub", "periode": "2021-2022",
        "editie": "2021-2022", "datum": "1 december 2026", "versie": "0.1.0", "datahash": "abc", "demo": False}
ZWSP = "\u200b"
HASH = hashlib.sha256(b"evaluatie").hexdigest()


def _pdf_tekst(typ: str, tmp_path: Path) -> str:
    pad = tmp_path / "x.pdf"
    pad.write_bytes(render.compileer_pdf(typ, tmp_path / "rapport", 0))
    return "\n".join(p.extract_text() or "" for p in PdfReader(pad).pages)


def _regels(tekst: str) -> list[str]:
    return [r.strip() for r in tekst.splitlines()]


def test_a_checksum_in_a_narrow_table_column_wraps_without_a_zero_width_space(tmp_path):
    """Three wide columns: the checksum's column is narrower than the checksum, so it wraps at a group of 16
    hex digits; the file name wraps after '/' or '_'. The PDF's text has no U+200B, and the pieces on the
    lines put together are the checksum and the file name exactly."""
    pad = "data/raw/monitor/gezondheidsmonitor_jeugd_volwassenen_ouderen.csv.bron.yaml"
    md = ("| Bestand | SHA-256 | Toelichting |\n|---|---|---|\n"
          f"| {pad.replace('_', chr(92) + '_')} | {HASH} | een toelichting die zelf ook een flink deel van de "
          "breedte van de bladzijde vraagt |\n\n: Invoer\n")
    typ = render.naar_typst(md, META)
    assert ZWSP not in typ
    assert "#box[];" in typ  # the break opportunities: empty boxes, no character
    tekst = _pdf_tekst(typ, tmp_path)
    assert ZWSP not in tekst
    regels = _regels(tekst)
    assert HASH not in regels and not any(HASH in r for r in regels), "the checksum should wrap here"
    stukken = [r for r in regels if r and set(r) <= set("0123456789abcdef") and len(r) % 16 == 0]
    assert "".join(stukken) == HASH and len(stukken) >= 2  # wrapped at groups of 16, nothing added or lost
    assert pad in "".join(regels)  # the file name's pieces are the file name


def test_every_checksum_of_the_technical_account_is_one_line_equal_to_the_file_checksum(tmp_path):
    """The input-file chapter as the build sets it: every checksum stands whole on one line of the PDF's
    text and equals the SHA-256 of its file; a file name longer than a line wraps without U+200B and its
    lines put together are the file name."""
    bestanden = []
    for i, naam in enumerate(["kader/rijswijk/welzijn.yaml", "monitor/50120NED/UntypedDataSet.json",
                              "monitor/gezondheidsmonitor_jeugd.csv.bron.yaml",
                              "tekst/2021-2022/" + "_".join(["conclusie_mantelzorgondersteuning"] * 3) + ".md"]):
        pad = tmp_path / "data" / "raw" / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(f"invoer {i}\n".encode())
        bestanden.append({"bestand": f"data/raw/{naam}", "sha256": hashlib.sha256(pad.read_bytes()).hexdigest(),
                          "demo": i == 1, "voorbeelddata": i == 1})
    md = v.invoerbestanden(bestanden)
    tekst = _pdf_tekst(render.naar_typst(md, META), tmp_path)
    assert ZWSP not in tekst
    regels = _regels(tekst)
    for b in bestanden:
        echt = hashlib.sha256((tmp_path / b["bestand"]).read_bytes()).hexdigest()
        assert f"SHA-256: {echt}" in regels
    lang = bestanden[-1]["bestand"]
    assert lang not in regels  # longer than a line: wrapped ...
    assert lang in "".join(regels)  # ... and nothing added between its pieces


def test_the_html_shows_checksums_and_file_names_as_they_are(tmp_path):
    md = v.invoerbestanden([{"bestand": "data/raw/monitor/gezondheidsmonitor_jeugd.csv.bron.yaml", "sha256": HASH,
                             "demo": False, "voorbeelddata": False}])
    html = render.naar_html(md, META, tmp_path)
    assert ZWSP not in html
    assert "<dt>data/raw/monitor/gezondheidsmonitor_jeugd.csv.bron.yaml</dt>" in html
    assert f"<code>{HASH}</code>" in html
