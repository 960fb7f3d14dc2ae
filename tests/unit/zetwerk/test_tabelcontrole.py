"""Pipe tables in a researcher's text: refused where pandoc would drop text, accepted where it loses
nothing. Every case is also checked against the pandoc this project runs: a refused text really loses a
marked word in pandoc's output, an accepted one keeps every cell (found by two testers, session 8)."""

from __future__ import annotations

import re
from pathlib import Path

import pypandoc
import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.zetwerk import render
from evaluatie.zetwerk.tabelcontrole import controleer_tabellen, regels

LEZER = f"markdown{render.ONSCHADELIJK}"


def _pandoc(tekst: str) -> str:
    return re.sub(r"\s+", " ", pypandoc.convert_text(tekst, "plain", format=LEZER))


WEG = [
    # (text, line, start of the message, the word pandoc drops)
    ("Wat we zagen.\n\n| Wijk | 2020 | 2022\n|---|---|\n| Centrum | 40 % | 45 % |\n", 3,
     "de kop van deze tabel heeft 3 kolommen en de scheidingsregel eronder (|---|) 2", "2022"),
    ("| a | b |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | WEG |\n", 4, "deze tabelregel heeft 3 cellen en de tabel 2 kolommen",
     "WEG"),
    ("a | b\n--|--\n1 | 2 | WEG\n", 3, "deze tabelregel heeft 3 cellen", "WEG"),
    ("> | a | b |\n> |---|---|\n> | 1 | 2 | WEG |\n", 3, "deze tabelregel heeft 3 cellen", "WEG"),  # block quote
    ("- punt\n\n  > | a | b |\n  > |---|---|\n  > | 1 | 2 | WEG |\n", 5, "deze tabelregel", "WEG"),  # quote in a list
    ("| Wijk | 2020 | 2022 | WEG |\n|------+------|\n| Oud | 40 % | 41 % | x |\n", 1,
     "de kop van deze tabel heeft 4 kolommen en de scheidingsregel eronder (|---|) 2", "WEG"),  # org-mode separator
    ("| a | b |\n|---|---|\n| a\\\\| b | WEG |\n", 3, "deze tabelregel heeft 3 cellen", "WEG"),  # escaped backslash
    ("Een alinea.\n| a | b |\n|---|---|\n| 1 | 2 |\n", 2, "deze tabel staat direct onder een regel tekst", "---"),
    ("Tekst met ```x``` inline.\n\n| a | b |\n|---|---|\n| 1 | 2 | WEG |\n", 5, "deze tabelregel", "WEG"),
    ("| a | b |\n|---|---|\n| 1 | 2\u2028 | 3 | WEG |\n", 3, "deze tabelregel heeft 4 cellen", "WEG"),  # U+2028 in a row
]


@pytest.mark.parametrize("tekst, regel, melding, woord", WEG)
def test_a_table_that_loses_text_is_refused_with_its_line(tmp_path, tekst, regel, melding, woord):
    pad = tmp_path / "eenzaamheid.md"
    with pytest.raises(InvoerFout) as fout:
        controleer_tabellen(tekst, pad)
    assert str(fout.value).startswith(f"{pad} (regel {regel}): {melding}")
    uit = _pandoc(tekst)
    if woord == "---":  # not a table: pandoc keeps the separator row as text of the paragraph
        assert "|---|---|" in uit.replace(" ", "") or "|—|—|" in uit.replace(" ", "")
    else:
        assert woord not in uit  # what the refusal prevents


GOED = [
    "| Wijk | 2020 | 2022 |\n|---|:-:|--:|\n| Centrum | 40 % | 45 % |\n| Oud-Rijswijk | 38 % |\n",
    "| a |\n|---|---|\n| 1 | 2 |\n",  # a header shorter than the separator loses nothing
    "| a \\| x | b |\n|---|---|\n| c | 2 |\n",  # an escaped pipe is text
    "| Wmo | b |\n|---|---|\n| `eenzaam|isolement` | 2 |\n",  # a pipe in a code span is text
    "| a | b |\n|---|---|\n| x | $x|y$ |\n",  # ... and in inline math
    "| a | b |\n|---|---|\n| $5 en | $6 |\n",  # two dollar amounts are no math
    "| a | b |\n|---+---|\n| 1 | 2 |\n",  # org-mode separator
    "- | a | b |\n  |---|---|\n  | 1 | 2 |\n",  # a table on a list-marker line
    "> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
    "| a | b |\n|---|---|\n| 1 | 2 | |\n",  # an empty extra cell loses nothing
    "## Kop\n| a | b |\n|---|---|\n| 1 | 2 |\n",  # directly under a heading
    "Kop | met streep\n---\n\nTekst.\n",  # a setext heading, not a table
    "```\n| a | b |\n|---|\n| 1 | 2 | 3 |\n```\n",  # a fenced code block
    "````\n```\n| a | b |\n|---|\n| 1 | 2 | 3 |\n```\n````\n",  # a fence inside a longer fence
    "Tekst.\n\n    | a | b |\n    |---|\n    | 1 | 2 | 3 |\n",  # an indented code block
    "Tekst met een | streep.\n\n- - -\n",
]


@pytest.mark.parametrize("tekst", GOED)
def test_tables_that_lose_nothing_and_look_alikes_are_accepted(tekst):
    controleer_tabellen(tekst, Path("x.md"))
    uit = _pandoc(tekst)
    for woord in ("Centrum", "45 %", "38 %", "isolement", "x|y", "$6"):
        if woord in tekst:
            assert woord in uit


def test_the_researchers_own_file_is_checked_on_reading(tmp_path):
    pad = tmp_path / "eenzaamheid.md"
    pad.write_text("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match=r"\(regel 3\): deze tabelregel heeft 3 cellen"):
        render.lees_eigen_tekst(pad)


def test_lines_are_counted_as_an_editor_counts_them():
    assert regels("a\r\nb\u2028c\rd\ne") == ["a", "b\u2028c", "d", "e"]
