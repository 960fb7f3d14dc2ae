"""The one escaping path for input text (kader, params, koppeling, baten, voortzetten) in the report's
Markdown: hand-computed inputs and outputs, and pandoc reading the result back as the same text."""

from __future__ import annotations

import json
import subprocess

import pytest

from evaluatie.hoofdstukken.opmaak import markdown_tabel, md_code, md_tekst

NBSP = "\u00a0"


@pytest.mark.parametrize("invoer, verwacht", [
    ("Eenzaamheid onder ouderen", "Eenzaamheid onder ouderen"),
    ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
    ('`#read("/etc/passwd")`{=typst}', '\\`\\#read("/etc/passwd")\\`\\{=typst\\}'),
    ("![x](http://voorbeeld.nl/a.png)", "!\\[x\\](http://voorbeeld.nl/a.png)"),
    ("*vet* en _schuin_", "\\*vet\\* en \\_schuin\\_"),
    ("a | b", "a \\| b"),
    ("Zorg & Welzijn", "Zorg \\& Welzijn"),
    ("$x$ ^y^ ~z~ @ref", "\\$x\\$ \\^y\\^ \\~z\\~ \\@ref"),
    ("C:\\pad", "C:\\\\pad"),
    # block markers at the start
    ("- punt", "\\- punt"),
    ("+ punt", "\\+ punt"),
    (": definitie", "\\: definitie"),
    ("# kop", "\\# kop"),
    ("> citaat", "\\> citaat"),
    ("1. Eerste", "1\\. Eerste"),
    ("2019. Een jaar", "2019\\. Een jaar"),
    ("a) optie", "a\\) optie"),
    ("(iv) optie", "\\(iv\\) optie"),
    # one line; no-break spaces and typography-only characters stay
    ("regel een\n\n# kop\n  - punt", "regel een \\# kop - punt"),
    (f"8,5{NBSP}% van 65+ (’s-Hertogenbosch, 'goed', 2019–2022, t/m)",
     f"8,5{NBSP}% van 65+ (’s-Hertogenbosch, 'goed', 2019–2022, t/m)"),
    (None, ""),
    (12, "12"),
])
def test_md_tekst(invoer, verwacht):
    assert md_tekst(invoer) == verwacht


def test_md_code_fences_backticks():
    assert md_code("data/raw/monitor/a.csv") == "`data/raw/monitor/a.csv`"
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x") == "`` `x ``"


def test_table_cells_and_caption_are_escaped():
    tabel = markdown_tabel([["a|b", "<b>c</b>"]], ["Kop*", "Twee"], bijschrift="Tabel [1]")
    assert tabel.splitlines()[0] == "| Kop\\* | Twee |"
    assert tabel.splitlines()[2] == "| a\\|b | \\<b\\>c\\</b\\> |"
    assert tabel.splitlines()[-1] == ": Tabel \\[1\\]"


def _pandoc_tekst(markdown: str) -> list:
    from evaluatie.zetwerk.render import INVOER, pandoc_pad

    uit = subprocess.run([pandoc_pad(), "-f", INVOER, "-t", "json"], input=markdown.encode(),
                         capture_output=True, check=True).stdout
    return json.loads(uit)["blocks"]


@pytest.mark.parametrize("invoer", [
    "<img src=x onerror=alert(1)>", '`#read("/etc/passwd")`{=typst}', '<img src="/etc/passwd">',
    "![a](http://voorbeeld.nl/a.png)", "1. lijst", "- lijst", "> citaat", "# kop", "| a | b |",
    "[link](#nergens) *x* <!-- c --> $m$ [^1] ^[voetnoot] \\", "::: {.div}", "```{=html}",
    "(@) voorbeeld", "~~~", "A.  Hoofdletter", "Term\n: definitie",
])
def test_pandoc_reads_escaped_text_as_one_plain_paragraph(invoer):
    """Whatever the input, pandoc sees one paragraph of plain strings and spaces: no raw HTML/Typst,
    image, link, code, emphasis, list, quote or heading; and the text is exactly the input's."""
    blokken = _pandoc_tekst(md_tekst(invoer))
    assert len(blokken) == 1 and blokken[0]["t"] in ("Para", "Plain"), blokken
    soorten = {e["t"] for e in blokken[0]["c"]}
    assert soorten <= {"Str", "Space", "Quoted", "SoftBreak"}, blokken
    assert _platte_tekst(blokken[0]["c"]) == " ".join(invoer.split())


def _platte_tekst(inlines: list) -> str:
    uit = []
    for e in inlines:
        if e["t"] == "Str":
            uit.append(e["c"])
        elif e["t"] == "Quoted":
            teken = '"' if e["c"][0]["t"] == "DoubleQuote" else "'"
            uit.append(teken + _platte_tekst(e["c"][1]) + teken)
        else:
            uit.append(" ")
    return "".join(uit)
