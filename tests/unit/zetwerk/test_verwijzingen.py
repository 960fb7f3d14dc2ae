"""Final guards of the rendering: pandoc embeds only the report's own files, the generated Typst
loads no file or package, and researchers' texts stay within their limits and hold no image."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.zetwerk import render, typografie


@pytest.fixture
def rapportmap(tmp_path: Path) -> Path:
    (tmp_path / "figuren").mkdir()
    (tmp_path / "figuren" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path.parent / "buiten.svg").write_text("<svg/>", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("doel, goed", [
    ("figuren/a.svg", True),
    ("figuren/b.svg", False),  # does not exist
    ("/etc/passwd", False),
    ("../buiten.svg", False),
    ("figuren/../../buiten.svg", False),
    ("http://voorbeeld.nl/a.png", False),
    ("file:///etc/passwd", False),
    ("data:image/png;base64,AAAA", False),
    ("~/a.svg", False),
    ("", False),
])
def test_eigen_bestand(rapportmap, doel, goed):
    assert render.eigen_bestand(doel, rapportmap) is goed


def test_symlink_out_of_the_report_folder_is_not_its_own(rapportmap):
    (rapportmap / "figuren" / "link.svg").symlink_to(rapportmap.parent / "buiten.svg")
    assert not render.eigen_bestand("figuren/link.svg", rapportmap)


def test_generated_markdown_with_own_figure_passes(rapportmap):
    render.controleer_verwijzingen("# Kop\n\n![Bijschrift](figuren/a.svg)\n\n```{=html}\n<table><tr><td>x</td>"
                                   "</tr></table>\n<a href=\"data:text/csv;base64,AA\">CSV</a>\n```\n", rapportmap,
                                   "evaluatie.md")


@pytest.mark.parametrize("markdown", [
    "![a](/etc/passwd)\n", "![a](http://voorbeeld.nl/a.png)\n", "![a](../buiten.svg)\n",
    "Tekst ![a][r].\n\n[r]: /etc/passwd\n",
    "```{=html}\n<img src=\"/etc/passwd\">\n```\n", "Tekst `<script src=\"http://x/a.js\"></script>`{=html}.\n",
    "```{=html}\n<div style=\"background: url(http://x/a.png)\">x</div>\n```\n",
])
def test_generated_markdown_loading_anything_else_is_refused(rapportmap, markdown):
    with pytest.raises(InvoerFout) as fout:
        render.controleer_verwijzingen(markdown, rapportmap, "evaluatie.md")
    assert "evaluatie.md" in str(fout.value)


def test_typst_guard_accepts_pandoc_output_and_escaped_text(rapportmap):
    typ = ('#set page(numbering: "1")\n#figure(image("figuren/a.svg"), caption: [Bijschrift])\n'
           'Tekst \\#import \\"\\@preview/x:0.1.0\\" en \\#read(\\"/etc/passwd\\"), import "x", csv (a).\n'
           '#table([#"\\u{23}import \\u{40}preview"])\n')
    render.controleer_typst(typ, rapportmap, "evaluatie.typ")


@pytest.mark.parametrize("typ", [
    '#import "@preview/cetz:0.2.0": canvas\n', '#include "../geheim.typ"\n', '#read("/etc/passwd")\n',
    '#let x = json("/etc/x.json")\n', '#{ import "@preview/x:0.1.0" }\n',
    '#figure(image("/etc/passwd"))\n', '#box(image("../buiten.svg"))\n', '#image("http://x/a.png")\n',
])
def test_typst_guard_refuses_imports_reads_and_foreign_images(rapportmap, typ):
    with pytest.raises(InvoerFout) as fout:
        render.controleer_typst(typ, rapportmap, "evaluatie.typ")
    assert "evaluatie.typ" in str(fout.value)


def test_compile_refuses_before_typst_runs(rapportmap):
    with pytest.raises(InvoerFout, match="pakket"):
        render.compileer_pdf('#import "@preview/cetz:0.2.0"\nTekst\n', rapportmap, 0)


# --------------------------------------------------------------------------- researchers' texts


def test_text_above_the_size_limit_is_refused_before_reading(tmp_path):
    pad = tmp_path / "inleiding.md"
    pad.write_text(("Een gewone zin van een onderzoeker.\n" * 6000), encoding="utf-8")
    with pytest.raises(InvoerFout, match=r"hoogstens 200 kB") as fout:
        render.lees_eigen_tekst(pad)
    assert str(pad) in str(fout.value)


def test_long_line_is_refused_with_its_number(tmp_path):
    pad = tmp_path / "inleiding.md"
    pad.write_text("Kop\n\n" + "x" * (typografie.MAX_REGEL_TEKENS + 1) + "\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        render.lees_eigen_tekst(pad)
    # the place as every refusal names it: file (regel n): message
    assert str(fout.value).startswith(f"{pad} (regel 3): deze regel is 10001 tekens lang")


def test_text_not_in_utf8_is_refused_with_its_line(tmp_path):
    """A Windows-1252 'é' on the third line: the message counts lines ("regel"), as an editor does."""
    pad = tmp_path / "inleiding.md"
    pad.write_bytes("Kop\n\nCaf".encode() + b"\xe9 open.\n")
    with pytest.raises(InvoerFout) as fout:
        render.lees_eigen_tekst(pad)
    assert str(fout.value) == (f"{pad} (regel 3): geen geldige UTF-8-tekst (teken 4 van de regel, byte 8 van het "
                               "bestand); sla het bestand op als UTF-8")


def test_text_at_the_limits_is_accepted(tmp_path):
    pad = tmp_path / "inleiding.md"
    pad.write_text("Tekst.\n\n" + "x" * typografie.MAX_REGEL_TEKENS + "\n", encoding="utf-8")
    assert render.lees_eigen_tekst(pad).startswith("Tekst.")


def _weigering(pad: Path, tekst: str) -> str:
    """The message with which a researcher's text ``tekst`` in ``pad`` is refused."""
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        render.lees_eigen_tekst(pad)
    melding = str(fout.value)
    assert str(pad) in melding
    return melding


@pytest.mark.parametrize("tekst, regel, doel", [
    ("Alinea.\n\n![Figuur](figuren/a.svg)\n", 3, "figuren/a.svg"),
    ("Alinea.\n\nZie ![x][r].\n\n[r]: /etc/passwd\n", 5, "/etc/passwd"),
    ("![web](http://voorbeeld.nl/a.png)\n", 1, "http://voorbeeld.nl/a.png"),
])
def test_image_in_researchers_text_is_refused(tmp_path, tekst, regel, doel):
    melding = _weigering(tmp_path / "eenzaamheid.md", tekst)
    assert melding.startswith(f"{tmp_path / 'eenzaamheid.md'} (regel {regel}): ")
    assert doel in melding and "geen afbeelding" in melding


def test_raw_html_image_in_researchers_text_is_text_not_refused(tmp_path):
    pad = tmp_path / "eenzaamheid.md"
    pad.write_text('Zie <img src="/etc/passwd"> hier.\n', encoding="utf-8")
    assert render.lees_eigen_tekst(pad)


@pytest.mark.parametrize("typ", [
    '#set document(title: "Evaluatie @preview/x en #read(\\"x\\")")\n',  # a title that mentions them
    '#raw("#read(\\"/etc/passwd\\")")\n',                                 # inert code span of a researcher
    'Tekst `#import "@preview/x:0.1.0"` en ```\n#read("/etc/passwd")\n```\n',  # raw text
])
def test_typst_guard_ignores_strings_and_raw_text(rapportmap, typ):
    render.controleer_typst(typ, rapportmap, "evaluatie.typ")


def test_typst_guard_names_the_line_of_the_code(rapportmap):
    typ = 'Regel 1\n```\nraw\nraw\n```\n#set text(lang: "nl")\n#read("/etc/passwd")\n'
    with pytest.raises(InvoerFout, match=r"regel 7\)"):
        render.controleer_typst(typ, rapportmap, "evaluatie.typ")


@pytest.mark.parametrize("tekst, regel, doel", [
    ("Alinea.\n\n[klik](javascript:alert(1))\n", 3, "javascript:alert(1)"),
    ("<javascript:alert(2)>\n", 1, "javascript:alert(2)"),
    ("Zie [dit](file:///etc/passwd).\n", 1, "file:///etc/passwd"),
    ("Zie [dit](data:text/html;base64,PHNjcmlwdD4=).\n", 1, "data:text/html"),
    ("Zie [dit](../geheim.md) en [dat](/etc/passwd).\n", 1, "../geheim.md"),
])
def test_unsafe_link_in_researchers_text_is_refused(tmp_path, tekst, regel, doel):
    melding = _weigering(tmp_path / "inleiding.md", tekst)
    assert melding.startswith(f"{tmp_path / 'inleiding.md'} (regel {regel}): ")
    assert doel in melding and "link" in melding


def test_web_mail_and_anchor_links_are_accepted(tmp_path):
    pad = tmp_path / "inleiding.md"
    pad.write_text("Zie [CBS](https://www.cbs.nl/nl-nl), <http://example.org>, [mail](mailto:a@b.nl) en "
                   "[de samenvatting](#samenvatting).\n", encoding="utf-8")
    assert render.lees_eigen_tekst(pad)


def test_raw_tex_in_the_document_stays_visible():
    """'\\begin{comment}…' or '\\newpage' is text, not raw TeX that pandoc would drop from Typst/HTML."""
    typ = render._pandoc(["-f", render.INVOER, "-t", "typst"], "Voor \\begin{comment}VERBORGEN\\end{comment} na \\newpage.\n")
    assert "VERBORGEN" in typ and "newpage" in typ
