"""Dutch typography for both outputs (PDF via Typst and HTML), applied to the document's Markdown.

* Elision apostrophes (’s avonds, ’s-Hertogenbosch, ’t, ’95, auto’s) become U+2019 before pandoc
  sees the text: pandoc would otherwise read "'s avonds ... '" as a quotation, and Typst would
  set a word-initial "'" as an opening quote (‘s). Names from params get the same treatment.
* A no-break space between a number and its unit ("11,7 %", "€ 99.000") and around "t/m"
  between numbers, for every text in the document -- also numbers formatted outside ``opmaak``.
* PDF metadata (author, title) as Typst string literals escaped for a *string*
  (:func:`typst_tekenreeks`), not for running text, so "'s-Hertogenbosch" and "_ * @ [" arrive
  unchanged in the PDF's document information.
* Glyph coverage: the PDF loads matplotlib's DejaVu fonts by path as fallback for characters the
  main font lacks (Greek, Cyrillic, Arabic, many symbols); :func:`ontbrekende_tekens` lists the
  characters that no font of the PDF covers (CJK, most emoji), so the build can warn naming text
  and file instead of printing empty boxes silently.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

APOSTROF = "\u2019"
NBSP = "\u00a0"

# word-initial elisions in Dutch: 's (des), 't (het), 'n (een), 'k (ik), 'm (hem), 'r (haar), 'ns
_ELISIE = re.compile(r"(?<![\w'’])'(?=(?:s|t|n|k|m|r|ns)(?![\w])|\d\d(?!\d))", re.IGNORECASE)
_BINNEN_WOORD = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")  # auto's, Rijs'wijk
_GETAL_EENHEID = re.compile(r"(\d) (%|‰|procent\b|procentpunt\b)")
_EURO_GETAL = re.compile(r"€ (?=[-−]?\d)")
_TM = re.compile(r"(\d) t/m (\d)")


def elisie(tekst: str) -> str:
    """Straight apostrophes used for elision or inside a word become ’ (U+2019).

    A quotation in single quotes ('goed') is left alone: its opening quote is not followed by an
    elided word and it is not between two letters.
    """
    tekst = _ELISIE.sub(APOSTROF, tekst)
    return _BINNEN_WOORD.sub(APOSTROF, tekst)


def onbreekbaar(tekst: str) -> str:
    """No-break spaces: number–unit ('8,5 %'), '€ 99.000', and '12 t/m 21'."""
    tekst = _GETAL_EENHEID.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", tekst)
    tekst = _EURO_GETAL.sub(f"€{NBSP}", tekst)
    return _TM.sub(lambda m: f"{m.group(1)}{NBSP}t/m{NBSP}{m.group(2)}", tekst)


def _zet_regel(regel: str) -> str:
    # inline code spans keep their characters
    delen = re.split(r"(`+[^`]*`+)", regel)
    return "".join(d if d.startswith("`") else onbreekbaar(elisie(d)) for d in delen)


def zet(markdown: str) -> str:
    """Apply :func:`elisie` and :func:`onbreekbaar` to a Markdown document.

    Fenced code blocks and inline code are left untouched, except raw Typst/HTML blocks
    (```` ```{=typst} ````, ```` ```{=html} ````), whose text is part of the report.
    """
    uit, hek = [], None  # hek: the fence of the code block we are in, and whether it is raw
    for regel in markdown.split("\n"):
        m = re.match(r"^\s*(`{3,}|~{3,})(.*)$", regel)
        if hek is None and m:
            hek = (m.group(1), "{=" in m.group(2))
            uit.append(regel)
            continue
        if hek is not None and m and m.group(1).startswith(hek[0]) and not m.group(2).strip():
            hek = None
            uit.append(regel)
            continue
        if hek is not None and not hek[1]:
            uit.append(regel)
        else:
            uit.append(_zet_regel(regel))
    return "\n".join(uit)


def meta_voor_weergave(meta: dict[str, object]) -> dict[str, object]:
    """The same metadata with every text value typeset (:func:`elisie`, :func:`onbreekbaar`)."""
    return {k: onbreekbaar(elisie(v)) if isinstance(v, str) else v for k, v in meta.items()}


def typst_tekenreeks(waarde: object) -> str:
    """A Typst string literal for ``waarde``: "…" with backslash, quote and control characters
    escaped. Safe inside a Typst expression such as ``#set document(author: …)``."""
    tekst = str(waarde)
    vervang = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    uit = "".join(vervang.get(t, t if unicodedata.category(t) != "Cc" else f"\\u{{{ord(t):x}}}")
                  for t in tekst)
    return f'"{uit}"'


def typst_metadata(meta: dict[str, object]) -> list[str]:
    """pandoc ``-V`` arguments with the PDF's document information as Typst string literals:
    ``pdf-auteur`` (the gemeente's name exactly as in params) and ``pdf-titel``.

    pandoc inserts ``-V`` values verbatim (unlike metadata, which it escapes for running text).
    Also warns (stderr) about characters in the metadata that no PDF font covers, naming
    params.yaml.
    """
    waarschuw_ontbrekende_tekens("\n".join(str(v) for v in meta.values() if isinstance(v, str)), "params.yaml")
    return ["-V", f"pdf-auteur={typst_tekenreeks(meta.get('gemeente', ''))}",
            "-V", f"pdf-titel={typst_tekenreeks(meta.get('titel', ''))}"]


# --------------------------------------------------------------------------- fonts


def lettertypemap() -> Path:
    """matplotlib's font folder (DejaVu Sans/Serif, STIX): loaded by path as the PDF's fallback
    fonts, the same DejaVu Sans the figures are drawn in.

    Found without importing matplotlib (that import costs the render step ± 0.3 s): the package's
    location is looked up with ``importlib.util.find_spec``. Raises ``ImportError`` when matplotlib is
    not installed."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        import matplotlib  # not installed (or no file location): raise its own ImportError

        return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def lettertype_paden() -> list[str]:
    """Folders for ``typst.compile(font_paths=...)``."""
    return [str(lettertypemap())]


@lru_cache(maxsize=1)
def _fallback_fonts() -> tuple[Path, ...]:
    """The fallback fonts whose coverage counts (LastResort excluded: it draws boxes; the Computer
    Modern ``cm*`` fonts excluded), DejaVu Sans first: it covers most characters, so a lookup usually
    stops there."""
    paden = sorted(p for p in lettertypemap().glob("*.ttf") if not p.name.startswith(("LastResort", "cm")))
    return tuple(sorted(paden, key=lambda p: p.name != "DejaVuSans.ttf"))


@lru_cache(maxsize=None)
def _cmap(pad: Path) -> frozenset[int]:
    """Code points one font file maps to a glyph (its best cmap, via fontTools)."""
    from fontTools.ttLib import TTFont

    with TTFont(pad, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _gedekt(punt: int) -> bool:
    """Does any fallback font cover code point ``punt``? The same answer as membership of the union of
    all their character maps, but a font's map is only decoded when the fonts before it lack the
    character (decoding all 31 costs ± 0.2 s, most documents need only DejaVu Sans)."""
    return any(punt in _cmap(pad) for pad in _fallback_fonts())


def ontbrekende_tekens(tekst: str) -> list[tuple[int, str, str]]:
    """Characters no font of the PDF can draw, as ``(regel, teken, regeltekst)``.

    ``regel`` is 1-based within ``tekst``. Whitespace, control and format characters
    (zero-width joiners, bidi marks) are not reported; they draw nothing by design. The check
    uses the fallback fonts' character maps; the main font (Libertinus Serif) covers a subset of
    them for the scripts it supports.
    """
    uit = []
    for nr, regel in enumerate(tekst.splitlines(), start=1):
        for teken in dict.fromkeys(regel):
            if ord(teken) < 0x250 or teken.isspace():
                continue
            if unicodedata.category(teken) in {"Cc", "Cf", "Mn", "Me", "Zs"}:
                continue
            if _gedekt(ord(teken)):
                continue
            uit.append((nr, teken, regel.strip()))
    return uit


def waarschuw_ontbrekende_tekens(tekst: str, bestand: str | Path) -> list[str]:
    """Print a Dutch warning on stderr for every character the PDF cannot draw, naming the file,
    the line and the text around it; returns the messages (the HTML shows these characters)."""
    meldingen = []
    for nr, teken, regel in ontbrekende_tekens(tekst):
        fragment = regel if len(regel) <= 60 else regel[:57] + "…"
        meldingen.append(f"waarschuwing: {bestand} (regel {nr}): het teken {teken!r} (U+{ord(teken):04X}) "
                         f"staat in geen lettertype van de PDF en wordt daar als leeg vakje gedrukt; "
                         f"de HTML toont het wel. Tekst: {fragment!r}")
    opgevangen = _OPGEVANGEN.get()
    for melding in meldingen:
        if opgevangen is not None:
            opgevangen.append(melding)
        else:
            print(melding, file=sys.stderr)
    return meldingen


#: where :func:`waarschuw_ontbrekende_tekens` collects its warnings instead of printing them (per thread)
_OPGEVANGEN: ContextVar[list[str] | None] = ContextVar("evaluatie_waarschuwingen", default=None)


@contextmanager
def vang_waarschuwingen() -> Iterator[list[str]]:
    """Collect the warnings :func:`waarschuw_ontbrekende_tekens` would print, in this thread only, into
    the list yielded; the caller prints them. Lets work that runs side by side report its warnings in
    a fixed order."""
    meldingen: list[str] = []
    token = _OPGEVANGEN.set(meldingen)
    try:
        yield meldingen
    finally:
        _OPGEVANGEN.reset(token)


# --------------------------------------------------------------------------- HTML edition

_KLEUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _verschuif_koppen(html: str) -> str:
    """Headings one level down (the title is the only h1) and without gaps: a heading is at most
    one level deeper than the one before it (appendices jumped h1 -> h3)."""
    vorige = 1
    stapel: list[int] = []

    def vervang(m: re.Match) -> str:
        nonlocal vorige
        if m.group(1):  # closing tag: the level its opening tag got
            return f"</h{stapel.pop() if stapel else int(m.group(2))}"
        niveau = min(int(m.group(2)) + 1, vorige + 1, 6)
        stapel.append(niveau)
        vorige = niveau
        return f"<h{niveau}"

    return re.sub(r"<(/?)h([1-6])(?=[\s>])", vervang, html)


def html_huisstijl(html: str, meta: dict[str, object]) -> str:
    """pandoc's standalone HTML in the house style's structure.

    A skip link first; the cover block (``div.kaft``) inside the title header, before the table
    of contents; the table of contents as a labelled navigation; everything after it in one
    ``<main id="inhoud">``; headings shifted so the title is the only h1, without gaps. Optional
    ``meta['kleur']`` (``#rrggbb``) and ``meta['logo']`` (an image URL or data URI) set the
    gemeente's colour and logo. Raises ``ValueError`` for a colour that is not ``#rrggbb``.
    """
    kleur, logo = meta.get("kleur"), meta.get("logo")
    if kleur is not None and not _KLEUR.match(str(kleur)):
        raise ValueError(f"huisstijlkleur {kleur!r} is geen #rrggbb")
    kop, _, rest = html.partition("<body")
    body_tag, _, inhoud = rest.partition(">")
    kaft = ""
    m = re.search(r'<div class="kaft">.*?</div>\s*', inhoud, re.S)
    if m:
        kaft, inhoud = m.group(0), inhoud[:m.start()] + inhoud[m.end():]
    if logo:
        import html as _html

        kaft = f'<img class="logo" src="{_html.escape(str(logo))}" alt="Logo gemeente {_html.escape(str(meta.get("gemeente", "")))}">\n' + kaft
    inhoud = inhoud.replace("</header>", kaft + "</header>", 1) if "</header>" in inhoud else kaft + inhoud
    inhoud = inhoud.replace('<nav id="TOC" role="doc-toc">',
                            '<nav id="TOC" role="doc-toc" aria-labelledby="toc-titel">\n'
                            '<h2 id="toc-titel">Inhoud</h2>', 1)
    if "</nav>" in inhoud:
        voor, _, na = inhoud.partition("</nav>")
        voor += "</nav>\n<main id=\"inhoud\">"
    else:
        head, _, na = inhoud.partition("</header>")
        voor = head + "</header>\n<main id=\"inhoud\">"
    na = na.replace("</body>", "</main>\n</body>", 1)
    stijl = f"<style>:root {{ --huiskleur: {kleur}; }}</style>\n" if kleur else ""
    kop = kop.replace("</head>", stijl + "</head>", 1)
    return (kop + "<body" + body_tag + ">\n<a class=\"overslaan\" href=\"#inhoud\">Naar de inhoud</a>\n"
            + voor + _verschuif_koppen(na))


#: tables shown as stacked cards on a phone (stijl.css): each value is labelled with its column header there
KAARTTABELLEN = ("dashboard", "kaarten")
#: a table without a class and with at least this many columns becomes a card table ("kaarten") on a phone
KAART_VANAF_KOLOMMEN = 4
_KAARTTABEL = re.compile(r'<table\b[^>]*\bclass="(?:[^"]*\s)?(?:' + "|".join(KAARTTABELLEN) + r')(?:\s[^"]*)?"[^>]*>.*?</table>',
                         re.DOTALL)
_THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.DOTALL)
_RIJ = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_CEL = re.compile(r"<(td|th)\b([^>]*)>(.*?)</\1>", re.DOTALL)
_COLSPAN = re.compile(r'\bcolspan\s*=\s*"?(\d+)')


def _kolomkoppen(kop: str) -> list[str]:
    """The column headers of a ``<thead>`` (its last row), one entry per column (``colspan`` repeated)."""
    import html as _html

    rijen = _RIJ.findall(kop)
    koppen: list[str] = []
    for _soort, attrs, inhoud in _CEL.findall(rijen[-1] if rijen else ""):
        tekst = " ".join(_html.unescape(re.sub(r"<[^>]*>", "", inhoud)).split())
        m = _COLSPAN.search(attrs)
        koppen += [tekst] * (int(m.group(1)) if m else 1)
    return koppen


def _label_tabel(tabel: str) -> str:
    import html as _html

    kop = _THEAD.search(tabel)
    if not kop:
        return tabel
    koppen = _kolomkoppen(kop.group(1))
    tabel_rest = tabel[kop.end():]

    def rij(m: re.Match[str]) -> str:
        kolom = 0

        def cel(c: re.Match[str]) -> str:
            nonlocal kolom
            soort, attrs, inhoud = c.groups()
            breedte = _COLSPAN.search(attrs)
            label = koppen[kolom] if kolom < len(koppen) else ""
            kolom += int(breedte.group(1)) if breedte else 1
            if soort != "td" or not label or re.search(r"\bdata-label\s*=", attrs):
                return c.group(0)
            return f'<td{attrs} data-label="{_html.escape(label, quote=True)}">{inhoud}</td>'

        return tabel_rest[m.start():m.start(1)] + _CEL.sub(cel, m.group(1)) + tabel_rest[m.end(1):m.end()]

    return tabel[:kop.end()] + _RIJ.sub(rij, tabel_rest)


_TABEL_ZONDER_KLASSE = re.compile(r"<table(?![^>]*\bclass=)([^>]*)>(.*?)</table>", re.DOTALL)


def kaartklasse(html: str) -> str:
    """Class ``kaarten`` on every table without a class whose header row has at least
    :data:`KAART_VANAF_KOLOMMEN` columns (``colspan`` counted): a theme's indicator table, the cost and
    activity tables. On a phone these read as one card per row (stijl.css), like the dashboard, instead of
    a table that scrolls sideways with its status off-screen. Narrow tables and tables with a class are
    left alone."""
    def een(m: re.Match[str]) -> str:
        kop = _THEAD.search(m.group(2))
        if not kop or len(_kolomkoppen(kop.group(1))) < KAART_VANAF_KOLOMMEN:
            return m.group(0)
        return f'<table class="kaarten"{m.group(1)}>{m.group(2)}</table>'

    return _TABEL_ZONDER_KLASSE.sub(een, html)


def kaartlabels(html: str) -> str:
    """Every data cell (``td``) of a card table (:data:`KAARTTABELLEN`) gets ``data-label`` with the text of
    its column header, taken from the table's own ``<thead>`` (``colspan`` counted), so the phone layout
    labels each value with its own column (``td[data-label]::before`` in stijl.css) whatever the columns
    are. Header cells (``th``: the indicator or a theme row) and cells that already carry a label are left
    alone; ``rowspan`` is not expected in these tables. The label is visual only: the table keeps its
    header cells for screen readers, and the CSS gives the generated text an empty alternative."""
    return _KAARTTABEL.sub(lambda m: _label_tabel(m.group(0)), html)


# --------------------------------------------------------------------------- researchers' text


def _blokken(tekst: str) -> list[tuple[int, str]]:
    """Top-level blocks of a Markdown text as ``(first line, text)``: paragraphs separated by blank
    lines, a fenced code block kept whole."""
    uit, huidig, start, hek = [], [], 1, None
    for nr, regel in enumerate(tekst.splitlines(), start=1):
        m = re.match(r"^\s*(`{3,}|~{3,})", regel)
        if m:
            hek = None if hek and m.group(1).startswith(hek) else (hek or m.group(1))
        if not regel.strip() and hek is None:
            if huidig:
                uit.append((start, "\n".join(huidig) + "\n"))
            huidig = []
            continue
        if not huidig:
            start = nr
        huidig.append(regel)
    if huidig:
        uit.append((start, "\n".join(huidig) + "\n"))
    return uit


def _zetfout(tekst: str, rapportmap: Path | None, pandoc, lezer: str) -> tuple[str, int | None] | None:
    """Typeset ``tekst`` on its own as the report would (pandoc -> Typst -> PDF); the error
    message and, when pandoc names one, the line -- or None when it sets without error."""
    import tempfile

    import typst

    try:
        schoon = pandoc(["-f", lezer, "-t", lezer, "--wrap=preserve"], tekst)
        typ = pandoc(["-f", "markdown-citations", "-t", "typst-smart"], zet(schoon.replace("`{", "` {")))
    except RuntimeError as fout:
        melding = str(fout).removeprefix("pandoc faalde: ").strip()
        m = re.search(r"line (\d+)", melding)
        return melding, int(m.group(1)) if m else None
    map_ = rapportmap if rapportmap is not None and Path(rapportmap).is_dir() else None
    with tempfile.TemporaryDirectory() as tmp:
        wortel = Path(map_) if map_ is not None else Path(tmp)
        with tempfile.NamedTemporaryFile("w", suffix=".tmp", dir=wortel, prefix=".evaluatie.typ.",
                                         encoding="utf-8", delete=False) as fh:
            fh.write('#set text(lang: "nl", font: ("Libertinus Serif",))\n' + typ)
        try:
            typst.compile(fh.name, root=str(wortel), ignore_system_fonts=True, font_paths=lettertype_paden())
        except Exception as fout:  # typst raises its own error types; all mean "cannot typeset"
            return " ".join(str(fout).split()), None
        finally:
            Path(fh.name).unlink(missing_ok=True)
    return None


# Typst's messages for the errors a researcher's text can cause, in Dutch
VERTALING = {
    "file not found (searched at": "bestand niet gevonden (gezocht op",
    "maximum parsing depth exceeded": "te diep genest (citaten of lijsten in elkaar)",
    "would escape the project root": "ligt buiten de rapportmap",
    "failed to decode image": "afbeelding is onleesbaar",
    "does not exist in the document": "bestaat niet in deze tekst; een link naar een anker (#...) kan alleen "
                                      "naar een kop in dezelfde tekst",
}


def controleer_tekst(tekst: str, bron: Path, rapportmap: Path | None, pandoc, lezer: str) -> None:
    """Refuse a researcher's Markdown that pandoc or Typst cannot typeset, naming file and line.

    ``pandoc(args, invoer)`` runs pandoc (raising ``RuntimeError`` with its message), ``lezer`` is
    the reader with its extensions. The whole text is set once; only when that fails is it set
    block by block to find the first block that fails. Also warns (stderr) about characters no
    PDF font covers. Raises ``InvoerFout(bron, ..., regel=N)`` (shown as ``bron (regel N): ...``, as
    every refusal names its place).
    """
    from evaluatie.gedeeld.fouten import InvoerFout

    waarschuw_ontbrekende_tekens(tekst, bron)
    fout = _zetfout(tekst, rapportmap, pandoc, lezer)
    if fout is None:
        return
    melding, regel = fout
    if regel is None:
        for start, blok in _blokken(tekst):
            if _zetfout(blok, rapportmap, pandoc, lezer) is not None:
                regel = start
                regels = blok.splitlines()
                if len(regels) > 1:  # the line that fails on its own, if there is one
                    regel = next((start + i for i, r in enumerate(regels)
                                  if _zetfout(r + "\n", rapportmap, pandoc, lezer) is not None), start)
                break
    for engels, nederlands in VERTALING.items():
        melding = melding.replace(engels, nederlands)
    raise InvoerFout(bron, f"deze tekst kan niet in het rapport worden gezet ({melding}). Pas de "
                           "Markdown op die plaats aan.", regel=regel or None)


#: Limits for a researcher's Markdown text. pandoc's reader is quadratic in the length of one token (a
#: 1 MB word took more than 14 minutes); a conclusion or summary is a few pages at most.
MAX_TEKST_BYTES = 200_000
MAX_REGEL_TEKENS = 10_000


def controleer_omvang(tekst: str, bron: Path, grootte: int | None = None) -> None:
    """Refuse a researcher's text above :data:`MAX_TEKST_BYTES` or with a line longer than
    :data:`MAX_REGEL_TEKENS` characters, naming the file and the line (``InvoerFout``)."""
    from evaluatie.gedeeld.fouten import InvoerFout

    grootte = len(tekst.encode("utf-8")) if grootte is None else grootte
    if grootte > MAX_TEKST_BYTES:
        raise InvoerFout(bron, f"de tekst is {grootte // 1000} kB; een eigen tekst mag hoogstens "
                               f"{MAX_TEKST_BYTES // 1000} kB zijn. Kort de tekst in.")
    from evaluatie.zetwerk.tabelcontrole import regels

    for nr, regel in enumerate(regels(tekst), start=1):  # lines as pandoc and an editor count them
        if len(regel) > MAX_REGEL_TEKENS:
            raise InvoerFout(bron, f"deze regel is {len(regel)} tekens lang; een regel mag hoogstens "
                                   f"{MAX_REGEL_TEKENS} tekens hebben. Zet een witregel tussen de alinea's of "
                                   "breek de regel af.", regel=nr)


def _doelen(ast: object, soort: str) -> list[str]:
    """Targets of every ``soort`` element ("Image" or "Link") in a pandoc JSON document."""
    uit: list[str] = []
    if isinstance(ast, dict):
        if ast.get("t") == soort:
            uit.append(str(ast["c"][2][0]))
        for waarde in ast.values():
            uit += _doelen(waarde, soort)
    elif isinstance(ast, list):
        for waarde in ast:
            uit += _doelen(waarde, soort)
    return uit


def _afbeeldingen(ast: object) -> list[str]:
    """Targets of every image in a pandoc JSON document."""
    return _doelen(ast, "Image")


#: Link targets a researcher's text may use: a web address, an e-mail address, or a place in the report.
TOEGESTANE_LINK = re.compile(r"(https?://|mailto:)[^\s]+|#[\w:.-]+", re.IGNORECASE)


def controleer_afbeeldingen(tekst: str, bron: Path, pandoc, lezer: str) -> None:
    """Refuse images and unsafe links in a researcher's text, naming the file, the line and the target.

    Links may point to ``https://``/``http://``, ``mailto:`` or an anchor (``#…``); ``javascript:``,
    ``data:``, ``file:``, paths and every other target are refused (they would be live in HTML, PDF and DOCX).

    The report's figures are made from the data; an image from a researcher's text would be read (and
    embedded in the HTML) from wherever its path or address points, so none is accepted.
    """
    import json

    from evaluatie.gedeeld.fouten import InvoerFout

    ast = json.loads(pandoc(["-f", lezer, "-t", "json"], tekst))
    for link in _doelen(ast, "Link"):
        if not TOEGESTANE_LINK.fullmatch(link.strip()):
            regel = next((nr for nr, r in enumerate(tekst.splitlines(), start=1) if link and link in r), None)
            raise InvoerFout(bron, f"een link in een eigen tekst moet naar een webadres (https://…), een "
                                   f"e-mailadres (mailto:…) of een plek in het rapport (#…) wijzen, niet naar "
                                   f"{link[:80]!r}", regel=regel)
    doelen = _afbeeldingen(ast)
    if not doelen:
        return
    doel = doelen[0]
    regels = tekst.splitlines()
    regel = next((nr for nr, r in enumerate(regels, start=1) if doel and doel in r), None) \
        or next((nr for nr, r in enumerate(regels, start=1) if "![" in r), None)
    raise InvoerFout(bron, f"een eigen tekst kan geen afbeelding bevatten ({doel or 'zonder adres'}). "
                           "De figuren van het rapport worden uit de gegevens gemaakt; haal de afbeelding weg of "
                           "beschrijf in woorden wat ze laat zien.", regel=regel)
