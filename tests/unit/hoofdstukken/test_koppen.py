"""Own texts' headings land under their place in the report, whatever level the researcher started at."""

from __future__ import annotations

from evaluatie.hoofdstukken.rapport import verschuif_koppen


def test_introduction_heading_becomes_a_section_of_the_chapter():
    # "### Waarom deze evaluatie" in inleiding.md printed as "1.0.1" (tester)
    assert verschuif_koppen("### Waarom deze evaluatie\n\nTekst.\n\n#### Opzet\n", 2) == (
        "## Waarom deze evaluatie\n\nTekst.\n\n### Opzet\n")


def test_theme_conclusion_starts_under_conclusie_and_keeps_distances():
    assert verschuif_koppen("# Kop\n\n## Sub\n\n### Subsub\n", 3) == "### Kop\n\n#### Sub\n\n##### Subsub\n"
    assert verschuif_koppen("#### Kop {#eigen-id}\n", 3) == "### Kop {#eigen-id}\n"


def test_deepest_level_is_six_and_code_blocks_and_text_are_left_alone():
    tekst = "# A\n\n```\n# geen kop\n```\n\n~~~~\n## ook niet\n~~~~\n\nGeen #kop hier.\n\n###### Z\n"
    assert verschuif_koppen(tekst, 3) == (
        "### A\n\n```\n# geen kop\n```\n\n~~~~\n## ook niet\n~~~~\n\nGeen #kop hier.\n\n###### Z\n")


def test_text_without_headings_is_unchanged():
    assert verschuif_koppen("Alleen tekst.\n\n- een punt\n", 2) == "Alleen tekst.\n\n- een punt\n"
