"""Dutch typography in both outputs, PDF metadata, the HTML edition's structure, and researchers'
Markdown refused with file and line when it cannot be typeset."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.zetwerk import render, typografie as t

NB, AP = "\u00a0", "\u2019"

META = {"gemeente": "Rijswijk", "titel": "Evaluatie", "ondertitel": "Sub", "periode": "2021-2022",
        "editie": "2021-2022", "datum": "1 december 2026", "versie": "0.1.0", "datahash": "abc", "demo": False}


@pytest.mark.parametrize("invoer, verwacht", [
    ("'s avonds en 's morgens", f"{AP}s avonds en {AP}s morgens"),
    ("in 's-Hertogenbosch", f"in {AP}s-Hertogenbosch"),
    ("de jaren '95 en '20", f"de jaren {AP}95 en {AP}20"),
    ("auto's en 't huis, 'n boek", f"auto{AP}s en {AP}t huis, {AP}n boek"),
    ("een 'goed' resultaat", "een 'goed' resultaat"),  # a quotation is not an elision
])
def test_elision_apostrophe(invoer, verwacht):
    assert t.elisie(invoer) == verwacht


def test_no_break_spaces_between_number_and_unit():
    assert t.onbreekbaar("11,7 % en € 99.000 en € -5 voor 12 t/m 21 jaar") == \
        f"11,7{NB}% en €{NB}99.000 en €{NB}-5 voor 12{NB}t/m{NB}21 jaar"


def test_zet_leaves_code_alone_but_typesets_raw_blocks():
    md = "'s avonds `'s code`\n\n```\n's code 8 %\n```\n\n```{=typst}\n[#\"'s-Gravenhage 8 %\"]\n```\n"
    uit = t.zet(md)
    assert uit.startswith(f"{AP}s avonds `'s code`")
    assert "\n's code 8 %\n" in uit
    assert f"[#\"{AP}s-Gravenhage 8{NB}%\"]" in uit


def test_typst_string_literal_escapes_for_a_string():
    assert t.typst_tekenreeks('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'


def _pdf(tmp_path: Path, meta: dict, markdown: str = "Tekst.\n") -> tuple[PdfReader, str]:
    typ = render.naar_typst(markdown, meta)
    pdf = render.compileer_pdf(typ, tmp_path, 0)
    pad = tmp_path / "x.pdf"
    pad.write_bytes(pdf)
    lezer = PdfReader(pad)
    return lezer, "\n".join(p.extract_text() or "" for p in lezer.pages)


@pytest.mark.parametrize("naam", ["'s-Hertogenbosch", "Naam_met *sterren* @ [haak"])
def test_pdf_metadata_author_is_the_gemeente_name(tmp_path, naam):
    lezer, tekst = _pdf(tmp_path, {**META, "gemeente": naam})
    assert lezer.metadata.author == naam
    assert lezer.metadata.title == "Evaluatie"
    zichtbaar = t.elisie(naam)
    assert zichtbaar in tekst  # the cover shows the name, with ’ for an elision
    assert "\u2018s" not in tekst and "\\'" not in tekst


def test_pdf_sets_elision_and_keeps_units_with_numbers(tmp_path):
    md = ("Hij kwam 's avonds naar 's-Gravenhage in '95. " + "Een lange zin met woorden " * 8
          + "en een getal van 11,7 % en € 99.000 voor 12 t/m 21 jaar.\n")
    _, tekst = _pdf(tmp_path, META, md)
    assert "\u2018s" not in tekst and "\u20189" not in tekst
    assert f"{AP}s avonds" in tekst and f"{AP}95" in tekst


def test_missing_glyphs_are_reported_with_line():
    tekst = "Latijn é Ω مرحبا\nChinees 中文 hier\n"
    gevonden = t.ontbrekende_tekens(tekst)
    assert [(r, c) for r, c, _ in gevonden] == [(2, "中"), (2, "文")]


def test_html_structure_skip_link_cover_first_one_h1_no_gaps():
    html = ('<html><head></head><body>\n<header id="title-block-header"><h1 class="title">T</h1></header>\n'
            '<nav id="TOC" role="doc-toc"><ul><li>x</li></ul></nav>\n'
            '<div class="kaft"><p>Gemeente X</p></div>\n'
            '<h1 id="a">A</h1><p>x</p><h2 id="b">B</h2><h1 id="c">Bijlage</h1><h3 id="d">D</h3></body></html>')
    uit = t.html_huisstijl(html, {**META, "kleur": "#123456"})
    assert uit.index('class="overslaan"') < uit.index("<header")
    assert uit.index('class="kaft"') < uit.index("</header>") < uit.index("<nav")
    assert uit.count("<h1") == 1 and '<main id="inhoud">' in uit and uit.index("</main>") < uit.index("</body>")
    niveaus = [int(n) for n in re.findall(r"<h([1-6])", uit)]
    assert all(b <= a + 1 for a, b in zip(niveaus, niveaus[1:])), niveaus
    assert re.findall(r"</h(\d)>", uit) == re.findall(r"<h(\d)[ >]", uit)  # tags still pair up
    assert "--huiskleur: #123456" in uit
    with pytest.raises(ValueError):
        t.html_huisstijl(html, {**META, "kleur": "red; }"})


def _labels(html: str) -> list[list[tuple[str, str | None]]]:
    """Per body row: (cell text, data-label or None) for every cell."""
    rijen = re.findall(r"<tr\b[^>]*>(.*?)</tr>", html.split("</thead>", 1)[-1], re.DOTALL)
    return [[(inhoud, (re.search(r'data-label="([^"]*)"', attrs) or [None, None])[1])
             for _s, attrs, inhoud in re.findall(r"<(td|th)\b([^>]*)>(.*?)</\1>", rij, re.DOTALL)] for rij in rijen]


def test_card_table_cells_are_labelled_with_their_own_column_header():
    html = ('<p>x</p><table class="dashboard"><caption>C</caption><thead><tr><th scope="col">Indicator</th>'
            '<th scope="col">Basis</th><th scope="col"><strong>Doel</strong> &amp; "norm"</th>'
            '<th scope="col">Laatste meting</th><th scope="col" class="s">Status</th></tr></thead><tbody>\n'
            '<tr class="thema"><th colspan="5" scope="rowgroup">Eenzaamheid</th></tr>\n'
            '<tr><th scope="row">Ernstig</th><td>8 %</td><td>4 %</td><td>11 %</td><td class="status">rood</td></tr>\n'
            '<tr><th scope="row">Breed</th><td colspan="2">–</td><td>9 %</td><td data-label="Eigen">x</td></tr>\n'
            '</tbody></table><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>')
    uit = t.kaartlabels(html)
    dash = uit[uit.index('<table class="dashboard">'):uit.index("</table>")]
    assert _labels(dash) == [
        [("Eenzaamheid", None)],  # a theme row is a header cell: no label
        [("Ernstig", None), ("8 %", "Basis"), ("4 %", "Doel &amp; &quot;norm&quot;"), ("11 %", "Laatste meting"),
         ("rood", "Status")],
        [("Breed", None), ("–", "Basis"), ("9 %", "Laatste meting"), ("x", "Eigen")],  # colspan counted; kept
    ]
    assert '<td class="status" data-label="Status">rood</td>' in dash
    assert uit[uit.index("</table>"):] == html[html.index("</table>"):]  # other tables untouched
    assert uit.replace(' data-label="', "").count("<td") == html.count("<td")
    assert t.kaartlabels(uit) == uit  # a second pass changes nothing


def test_html_edition_dashboard_labels_follow_the_header_not_a_position(tmp_path):
    from evaluatie.hoofdstukken import dashboard

    r = dashboard.Rij(thema="Eenzaamheid", indicator="Ernstig eenzamen", basis="8 % (2016)", doel="4 % (2022)",
                      laatste="11 % (2022)", eenheid="%", nederland="12 % (2022)", status="✘ doel niet gehaald",
                      kleur="rood")
    uit = render.naar_html("# Samenvatting\n\n" + dashboard.als_markdown([r]), META, tmp_path)
    dash = uit[uit.index('<table class="dashboard">'):]
    dash = dash[:dash.index("</table>")]
    rij = _labels(dash)[1]
    assert rij[0] == ("Ernstig eenzamen", None)
    waarden = [r.basis, r.doel, r.laatste, r.eenheid, r.nederland, r.status]
    assert [label for _w, label in rij[1:]] == dashboard.KOPPEN[1:]
    assert [t.onbreekbaar(w) for w in waarden] == [w for w, _label in rij[1:]]
    css = uit[uit.index("@media (max-width: 600px)"):]
    assert "nth-child" not in css[:css.index("\n}")]  # no label guessed from a column position


def test_researchers_rule_block_keeps_its_text(tmp_path):
    tekst = "Inleiding.\n\n---\nNoot: dit blijft staan: ook met dubbele punten\n---\n\nSlot.\n"
    uit = render.maak_onschadelijk(tekst, bron=tmp_path / "conclusie.md", rapportmap=tmp_path)
    assert "dit blijft staan" in uit and "Slot." in uit


def test_researchers_text_that_typst_refuses_names_file_and_line(tmp_path):
    tekst = "Eerste alinea.\n\nTweede alinea met\neen link [naar nergens](#nergens).\n"
    with pytest.raises(InvoerFout) as fout:
        render.maak_onschadelijk(tekst, bron=tmp_path / "eenzaamheid.md", rapportmap=tmp_path)
    melding = str(fout.value)
    assert "eenzaamheid.md" in melding and "regel 4" in melding and "bestaat niet in deze tekst" in melding
    assert not [p for p in tmp_path.iterdir()]  # nothing left behind


def test_glyph_lookup_per_font_equals_the_union_of_all_character_maps():
    """``_gedekt`` stops at the first font that has the character; the answer must be membership of
    the union of every fallback font's character map, read here directly with fontTools."""
    from fontTools.ttLib import TTFont

    unie: set[int] = set()
    for pad in sorted(t.lettertypemap().glob("*.ttf")):
        if pad.name.startswith(("LastResort", "cm")):
            continue
        with TTFont(pad, lazy=True) as font:
            unie |= set(font.getBestCmap() or {})
    assert len(unie) > 5000  # DejaVu and STIX: Greek, Cyrillic, Arabic, symbols
    proef = unie | set(range(0x250, 0x3400)) | set(range(0x4E00, 0x4F00)) | set(range(0x1F300, 0x1F700))
    assert {p for p in proef if t._gedekt(p)} == unie & proef


def test_font_folder_found_without_importing_matplotlib():
    import subprocess
    import sys

    code = ("import sys; from evaluatie.zetwerk import typografie as t; p = t.lettertypemap(); "
            "print('matplotlib' in sys.modules); print(p)")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    import matplotlib

    assert uit[0] == "False"
    assert Path(uit[1]) == Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    assert (Path(uit[1]) / "DejaVuSans.ttf").is_file()


def test_researchers_text_asks_pandoc_each_question_once(tmp_path, monkeypatch):
    """Reading a text and making it inert asked pandoc five times, two of them twice the same; now
    three runs, with the same inert Markdown as pandoc gives directly."""
    pad = tmp_path / "eenzaamheid.md"
    pad.write_text("De eenzaamheid daalt *minder* snel dan gehoopt (zie [CBS](https://cbs.nl)).\n", encoding="utf-8")
    aanroepen = []
    echt = render._pandoc_bytes
    monkeypatch.setattr(render, "_pandoc_bytes", lambda args, invoer, env=None: aanroepen.append(args) or echt(args, invoer, env))
    render._pandoc_onthouden.cache_clear()
    tekst = render.lees_eigen_tekst(pad)
    schoon = render.maak_onschadelijk(tekst, bron=pad, rapportmap=tmp_path)
    assert len(aanroepen) == 3
    assert len({tuple(a) for a in aanroepen}) == 3
    los = echt(["-f", f"markdown{render.ONSCHADELIJK}", "-t", f"markdown{render.ONSCHADELIJK}", "--wrap=preserve"],
               tekst).decode("utf-8")
    assert schoon == los.replace("`{", "` {")


def test_remembered_pandoc_does_not_remember_a_failure(monkeypatch):
    render._pandoc_onthouden.cache_clear()
    for _ in range(2):
        with pytest.raises(RuntimeError, match="pandoc faalde"):
            render._pandoc_tekst(["-f", "geen-formaat"], "x")
    assert render._pandoc_onthouden.cache_info().currsize == 0


def test_long_words_in_a_pdf_table_may_be_hyphenated_but_names_of_files_and_short_words_not(tmp_path):
    """bijschriften.lua: a word of 16+ letters in a table cell gets #text(hyphenate: true) (it ran into the
    next column); file names, numbers and shorter words are left whole."""
    md = ("| Indicator | Bestand | Waarde |\n|---|---|---|\n"
          "| Lopende re-integratievoorzieningen | gezondheidsmonitor_jeugd.csv | 295,3 |\n"
          "| Ideeënbusvergaderingen van Jongeren | 12345678901234567890 | 1 |\n\n: Tabel\n")
    typ = render.naar_typst(md, META)
    assert "re-#text(hyphenate: true)[integratievoorzieningen]" in typ
    assert "#text(hyphenate: true)[Ideeënbusvergaderingen]" in typ
    assert typ.count("hyphenate: true)[") == 2  # not the file name, the number, "Jongeren" or "Indicator"
    pdf = render.compileer_pdf(typ, tmp_path, 0)
    (tmp_path / "x.pdf").write_bytes(pdf)
    tekst = "\n".join(p.extract_text() or "" for p in PdfReader(tmp_path / "x.pdf").pages)
    assert "gezondheidsmonitor_" in tekst and "Jongeren" in tekst


def test_a_short_table_is_kept_on_one_page_and_a_long_one_may_break(tmp_path):
    """Tabel 3 (a header and two rows) was split after its first row; up to 8 rows stay together."""
    kort = "| Indicator | Waarde |\n|---|---|\n| A | 1 |\n| B | 2 |\n\n: Kort\n"
    lang = "| Indicator | Waarde |\n|---|---|\n" + "".join(f"| R{i} | {i} |\n" for i in range(12)) + "\n: Lang\n"
    typ = render.naar_typst("Tekst.\n\n" + kort + "\n" + lang, META)
    assert typ.count("#block(breakable: false)[") == 1
    blok = typ[typ.index("#block(breakable: false)["):]
    blok = blok[:blok.index("\n]\n")]  # the raw closing bracket on its own line
    assert "Kort" in blok and "Lang" not in blok
    # the filled page: a short table that does not fit at the bottom moves whole to the next page
    vul = "\n\n".join(["Alinea " + "woord " * 80] * 7)
    pdf = render.compileer_pdf(render.naar_typst(vul + "\n\n" + kort, META), tmp_path, 0)
    (tmp_path / "x.pdf").write_bytes(pdf)
    paginas = [p.extract_text() or "" for p in PdfReader(tmp_path / "x.pdf").pages]
    pagina_a = next(i for i, p in enumerate(paginas) if "A" in p.split() or "\nA " in p)
    assert any("Kort" in p and "B" in p.split() for p in paginas[pagina_a:pagina_a + 1])


def test_wide_tables_without_a_class_become_card_tables():
    from evaluatie.zetwerk import typografie

    breed = ("<table><thead><tr><th>Indicator</th><th>Basis</th><th colspan=\"2\">Doel</th><th>Status</th>"
             "</tr></thead><tbody><tr><td>A</td><td>1</td><td>2</td><td>3</td><td>ok</td></tr></tbody></table>")
    smal = "<table><thead><tr><th>Jaar</th><th>Bedrag</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    eigen = '<table class="kaftgegevens"><thead><tr>' + "<th>x</th>" * 6 + "</tr></thead></table>"
    uit = typografie.kaartlabels(typografie.kaartklasse(breed + smal + eigen))
    assert uit.count('class="kaarten"') == 1 and '<table class="kaftgegevens">' in uit
    assert '<td data-label="Doel">2</td><td data-label="Doel">3</td><td data-label="Status">ok</td>' in uit
    assert "<td>1</td><td>2</td>" in uit  # the narrow table is left alone


def test_word_gets_the_png_copy_of_a_figure(tmp_path):
    """Word before 2016 shows nothing for an SVG-only picture: the DOCX links the PNG the figure stage writes
    beside each SVG; a figure without a PNG keeps its SVG link."""
    from evaluatie.hoofdstukken.figuren import bewaar_svg, plt  # the module's own backend choice

    (tmp_path / "figuren").mkdir()
    fig, ax = plt.subplots()
    ax.plot([2016, 2022], [8, 11])
    bewaar_svg(fig, tmp_path / "figuren" / "a.svg")
    png = (tmp_path / "figuren" / "a.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    (tmp_path / "figuren" / "b.svg").write_text("<svg/>")
    md = "![Figuur a](figuren/a.svg)\n\n![Figuur b](figuren/b.svg)\n"
    assert render.png_voor_word(md, tmp_path) == "![Figuur a](figuren/a.png)\n\n![Figuur b](figuren/b.svg)\n"
    # the same figure twice gives the same bytes (the build is reproducible)
    fig, ax = plt.subplots()
    ax.plot([2016, 2022], [8, 11])
    bewaar_svg(fig, tmp_path / "figuren" / "c.svg")
    assert (tmp_path / "figuren" / "c.png").read_bytes() == png
