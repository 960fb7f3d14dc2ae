"""Markdown -> pandoc -> Typst -> PDF, Markdown -> pandoc -> self-contained HTML, and Markdown -> DOCX
(pandoc's Word writer with a reference document in the house style)."""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath

from evaluatie.gedeeld.fouten import InvoerFout


@lru_cache(maxsize=1)
def pandoc_pad() -> str:
    """The pandoc binary shipped by pypandoc-binary (no system pandoc needed); looked up once per
    process."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def _meta_args(meta: dict[str, object]) -> list[str]:
    args: list[str] = []
    for sleutel, waarde in sorted(meta.items()):
        if isinstance(waarde, bool):
            if waarde:
                args += ["-M", f"{sleutel}=true"]
        elif waarde is not None:
            args += ["-M", f"{sleutel}={waarde}"]
    return args


def _pandoc_bytes(args: list[str], invoer: str, env: dict[str, str] | None = None) -> bytes:
    import os

    omgeving = {**os.environ, **(env or {})}
    proc = subprocess.run([pandoc_pad(), *args], input=invoer.encode("utf-8"), capture_output=True, env=omgeving)
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc faalde: {proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout


def _pandoc(args: list[str], invoer: str) -> str:
    return _pandoc_bytes(args, invoer).decode("utf-8")


@lru_cache(maxsize=64)
def _pandoc_onthouden(args: tuple[str, ...], invoer: str) -> str:
    return _pandoc(list(args), invoer)


def _pandoc_tekst(args: list[str], invoer: str) -> str:
    """:func:`_pandoc` for a researcher's (small) text, remembered per process: reading a text
    (:func:`lees_eigen_tekst`) and making it inert (:func:`maak_onschadelijk`) ask pandoc the same
    questions (the JSON for the image and link check, the inert Markdown); pandoc reads no file for
    these, so the same arguments and text give the same answer. A failure (``RuntimeError``) is not
    remembered."""
    return _pandoc_onthouden(tuple(args), invoer)


# The generated document uses raw Typst/HTML blocks (dashboard); citations are off so that
# an '@' in text never becomes a reference, raw TeX is off so that '\\begin{…}' or '\\newpage' in a text
# stays visible instead of silently vanishing.
INVOER = "markdown-citations-raw_tex"


#: pandoc Markdown extensions switched off for researchers' texts: no raw HTML/Typst/LaTeX, no citations,
#: no divs, spans, attributes or metadata blocks
ONSCHADELIJK = ("-raw_html-raw_attribute-raw_tex-citations-native_divs-native_spans-yaml_metadata_block"
                "-inline_code_attributes-fenced_code_attributes-link_attributes-bracketed_spans-fenced_divs")


def maak_onschadelijk(tekst: str, bron: Path | None = None, rapportmap: Path | None = None) -> str:
    """Researchers' Markdown with raw HTML, raw Typst/LaTeX blocks and citations switched off.

    Pandoc reads it with those extensions disabled and writes plain Markdown back, so
    ``<script>`` becomes visible text and a ```` ```{=typst} ```` block an ordinary code block.
    Mid-document YAML metadata blocks are off too: a ``---`` / text / ``---`` block stays text.

    With ``bron`` (the researcher's file) the text is first checked against the size and line limits
    (:func:`typografie.controleer_omvang`) and refused when it holds an image
    (:func:`typografie.controleer_afbeeldingen`); then it is typeset on its own and any pandoc or
    Typst error raises ``InvoerFout`` naming ``bron`` and the line (images are looked up in
    ``rapportmap``); characters no PDF font can draw are reported as warnings.
    """
    uit = ONSCHADELIJK
    if bron is not None:
        from evaluatie.zetwerk import typografie

        typografie.controleer_omvang(tekst, Path(bron))
        typografie.controleer_afbeeldingen(tekst, Path(bron), _pandoc_tekst, f"markdown{uit}")
        typografie.controleer_tekst(tekst, Path(bron), rapportmap, _pandoc_tekst, f"markdown{uit}")
    schoon = _pandoc_tekst(["-f", f"markdown{uit}", "-t", f"markdown{uit}", "--wrap=preserve"], tekst)
    # the writer leaves a literal "{=typst}" right after inline code; a space keeps the
    # document reader (which does know raw attributes) from attaching it to the code
    return schoon.replace("`{", "` {")


def controleer_eigen_teksten(inst) -> list[Path]:
    """Check every own text of ``inst``'s edition (``data/raw/tekst/<editie>/*.md``) exactly as the rapport
    stage does, before a build: a name with a place in the report
    (:func:`~evaluatie.gedeeld.instellingen.controleer_tekstnamen`), size, UTF-8 and line limits, no image,
    only safe links, and typesettable on its own (:func:`maak_onschadelijk`). Returns the texts checked.

    Raises ``InvoerFout``: the refusal itself when one text is refused; with more, one error that lists every
    refused text (each naming its file and line), so a researcher fixes them in one round.
    """
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.gedeeld.instellingen import controleer_tekstnamen

    paden = controleer_tekstnamen(inst)
    fouten: list[InvoerFout] = []
    for pad in paden:
        try:
            tekst = lees_eigen_tekst(pad)
            if tekst.strip():
                maak_onschadelijk(tekst, bron=pad, rapportmap=inst.rapport)
        except InvoerFout as fout:
            fouten.append(fout)
    if len(fouten) == 1:
        raise fouten[0]
    if fouten:
        raise InvoerFout(None, f"{len(fouten)} eigen teksten geweigerd:\n" + "\n".join(f"- {f}" for f in fouten))
    return paden


def lees_eigen_tekst(pad: Path) -> str:
    """A researcher's Markdown file, checked without typesetting it (also by ``evaluatie valideer``):
    its size before it is read, UTF-8, the line limit, pipe tables that would lose cells, and no images.
    Raises ``InvoerFout`` naming the file (and the line)."""
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.zetwerk import typografie
    from evaluatie.zetwerk.tabelcontrole import controleer_tabellen

    pad = Path(pad)
    grootte = pad.stat().st_size
    if grootte > typografie.MAX_TEKST_BYTES:
        typografie.controleer_omvang("", pad, grootte)
    data = pad.read_bytes()
    try:
        tekst = data.decode("utf-8")
    except UnicodeDecodeError as fout:
        regel = data[: fout.start].count(b"\n") + 1
        # the place as an editor shows it: the character in that line (all before it is valid UTF-8)
        teken = len(data[data.rfind(b"\n", 0, fout.start) + 1: fout.start].decode("utf-8")) + 1
        raise InvoerFout(pad, f"geen geldige UTF-8-tekst (teken {teken} van de regel, byte {fout.start} van het "
                              "bestand); sla het bestand op als UTF-8", regel=regel) from None
    typografie.controleer_omvang(tekst, pad, len(data))
    controleer_tabellen(tekst, pad)
    typografie.controleer_afbeeldingen(tekst, pad, _pandoc_tekst, f"markdown{ONSCHADELIJK}")
    return tekst


class OnveiligeVerwijzing(InvoerFout):
    """The generated document refers to something outside the report's own files."""


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: raw HTML that makes pandoc's --embed-resources (or a browser) load something
_HTML_LAADT = re.compile(r"<\s*(img|script|link|iframe|frame|object|embed|video|audio|source|track|style|base|meta|"
                         r"svg|image|input)\b|\b(src|srcset|poster|background|data|xlink:href)\s*=|url\s*\(|@import",
                         re.IGNORECASE)


def eigen_bestand(doel: str, rapportmap: Path) -> bool:
    """Is ``doel`` (an image path in the document) one of the report's own files: relative, without
    ``..``, no URL, and inside ``rapportmap`` after resolving links?"""
    if not doel or _URL.match(doel) or doel.startswith(("/", "\\", "~")) or "\\" in doel:
        return False
    if ".." in PurePosixPath(doel).parts:
        return False
    wortel = Path(rapportmap).resolve()
    pad = (wortel / doel).resolve()
    return pad.is_relative_to(wortel) and pad.is_file()


def controleer_verwijzingen(markdown: str, rapportmap: Path, document: str) -> None:
    """Refuse a generated document that would make pandoc read or fetch anything but the report's own
    files: every image must be :func:`eigen_bestand`, and raw HTML may not load anything. Raises
    :class:`OnveiligeVerwijzing` (an ``InvoerFout`` naming ``document``)."""
    import json

    from evaluatie.zetwerk.typografie import _afbeeldingen

    ast = json.loads(_pandoc(["-f", INVOER, "-t", "json"], markdown))
    for doel in _afbeeldingen(ast):
        if not eigen_bestand(doel, rapportmap):
            raise OnveiligeVerwijzing(Path(rapportmap) / document,
                                      f"het document verwijst naar een afbeelding buiten de rapportmap of op het "
                                      f"internet ({doel!r}); alleen de eigen figuren van het rapport worden "
                                      "opgenomen")
    for blok in _rauw_html(ast):
        m = _HTML_LAADT.search(blok)
        if m:
            raise OnveiligeVerwijzing(Path(rapportmap) / document,
                                      f"ruwe HTML in het document laadt een extern bestand ({m.group(0)!r})")


def _rauw_html(ast: object) -> list[str]:
    uit: list[str] = []
    if isinstance(ast, dict):
        if ast.get("t") in ("RawBlock", "RawInline") and str(ast["c"][0]).lower() == "html":
            uit.append(str(ast["c"][1]))
        for waarde in ast.values():
            uit += _rauw_html(waarde)
    elif isinstance(ast, list):
        for waarde in ast:
            uit += _rauw_html(waarde)
    return uit


#: Typst code that reads a file or a package: only ``image`` with one of the report's own files is
#: expected in a generated document (pandoc writes figures so); the template imports nothing
_TYPST_LAADT = re.compile(r"(?<![\\\w])#\s*(import|include|read|json|csv|yaml|toml|xml|cbor|plugin)\b"
                          r"|(?<![\\\w.])(read|json|csv|yaml|toml|xml|cbor|plugin)\s*\(\s*\"")
#: a package import inside a code block (``#{ import "@preview/…" }``), looked for before strings are emptied
_TYPST_PAKKET = re.compile(r"(?<![\\\w.])(import|include)\s+\"@")
_TYPST_BEELD = re.compile(r"(?<![\\\w])image\s*\(\s*\"((?:[^\"\\]|\\.)*)\"")


_TYPST_STRING = re.compile(r'(?<!\\)"(?:[^"\\\n]|\\.)*"')
_TYPST_RAW = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def _zonder_tekst(typ: str) -> str:
    """Typst source with the content of string literals and raw text emptied (``"…"`` -> ``""``, raw -> ``` `` ```),
    so text that merely mentions ``#read(`` or ``@preview`` is not taken for code; the code around them stays."""
    return _TYPST_RAW.sub(lambda m: "``" + "\n" * m.group(0).count("\n"), _TYPST_STRING.sub('""', typ))


def controleer_typst(typ: str, rapportmap: Path, document: str) -> None:
    """Final guard before compiling: the generated Typst imports or includes nothing, reads no file and
    no package (``@preview``), and its images are the report's own files. Raises
    :class:`OnveiligeVerwijzing` naming ``document``."""
    for m in _TYPST_BEELD.finditer(typ):
        if not eigen_bestand(m.group(1), rapportmap):
            raise OnveiligeVerwijzing(Path(rapportmap) / document,
                                      f"de Typst-code verwijst naar een afbeelding buiten de rapportmap "
                                      f"({m.group(1)!r})")
    zonder_beelden = _zonder_tekst(_TYPST_BEELD.sub(lambda b: "\n" * b.group(0).count("\n"), typ))
    zonder_raw = _TYPST_RAW.sub(lambda r: "``" + "\n" * r.group(0).count("\n"), typ)
    pakket = _TYPST_PAKKET.search(zonder_raw)
    m = pakket or _TYPST_LAADT.search(zonder_beelden)
    if m:
        regel = (zonder_raw if pakket else zonder_beelden).count("\n", 0, m.start()) + 1  # line breaks kept
        raise OnveiligeVerwijzing(Path(rapportmap) / document,
                                  f"de Typst-code{f' (regel {regel})' if regel else ''} zou een bestand of pakket "
                                  f"laden ({m.group(0).strip()!r}); dat is in een rapport niet toegestaan")


def naar_typst(markdown: str, meta: dict[str, object]) -> str:
    from evaluatie.zetwerk import typografie

    sjabloon = resources.files("evaluatie.zetwerk") / "sjabloon.typ"
    lua = resources.files("evaluatie.zetwerk") / "bijschriften.lua"
    with resources.as_file(sjabloon) as pad, resources.as_file(lua) as filter_pad:
        return _pandoc(["-f", INVOER, "-t", "typst-smart", "-s", "--template", str(pad), "--lua-filter", str(filter_pad),
                        *_meta_args(typografie.meta_voor_weergave(meta)), *typografie.typst_metadata(meta)],
                       typografie.zet(markdown))


def compileer_pdf(typ: str, rapportmap: Path, tijdstempel: int, document: str = "evaluatie.typ") -> bytes:
    """Compile Typst source to PDF bytes with ``rapportmap`` as Typst's root: images are resolved
    there and nothing outside it can be read. :func:`controleer_typst` runs first (no imports, no
    packages, no file reads in the generated source)."""
    import datetime as dt
    import tempfile

    import typst

    rapportmap.mkdir(parents=True, exist_ok=True)
    controleer_typst(typ, rapportmap, document)
    # named like atomisch_pad temp files (".evaluatie.typ.<rand>.tmp"), which it cleans up after a kill
    with tempfile.NamedTemporaryFile("w", suffix=".tmp", dir=rapportmap, prefix=".evaluatie.typ.",
                                     encoding="utf-8", delete=False) as fh:
        fh.write(typ)
    try:
        from evaluatie.zetwerk.typografie import lettertype_paden

        return typst.compile(
            fh.name, root=str(rapportmap), ignore_system_fonts=True, font_paths=lettertype_paden(),
            timestamp=dt.datetime.fromtimestamp(tijdstempel, tz=dt.timezone.utc),
        )
    finally:
        Path(fh.name).unlink(missing_ok=True)


def naar_html(markdown: str, meta: dict[str, object], rapportmap: Path, document: str = "evaluatie.md") -> str:
    """Self-contained HTML: ``--embed-resources`` embeds the report's own figures only
    (:func:`controleer_verwijzingen` refuses any other image or loading raw HTML first)."""
    from evaluatie.zetwerk import typografie

    controleer_verwijzingen(markdown, rapportmap, document)

    markdown, meta_bron, meta = typografie.zet(markdown), meta, typografie.meta_voor_weergave(meta)
    css = resources.files("evaluatie.zetwerk") / "stijl.css"
    lua = resources.files("evaluatie.zetwerk") / "bijschriften.lua"
    with resources.as_file(css) as css_pad, resources.as_file(lua) as filter_pad:
        uit = _pandoc(["-f", INVOER, "-t", "html5", "-s", "--embed-resources", "--toc", "--lua-filter", str(filter_pad),
                       "--toc-depth=2", "--number-sections", "--css", str(css_pad),
                       "--resource-path", str(rapportmap), "-M", "lang=nl",
                       "--metadata", f"title={meta['titel']}",
                       "--metadata", f"subtitle={meta.get('ondertitel', '')}",
                       *_meta_args({k: v for k, v in meta.items() if k not in {"titel", "ondertitel"}})],
                      markdown)
    if meta.get("demo"):
        uit = uit.replace("<body>", '<body class="voorbeelddata">', 1)
    # card tables (the dashboard on a phone) label every value with its own column header
    return typografie.kaartlabels(typografie.kaartklasse(typografie.html_huisstijl(uit, meta_bron)))


HUISBLAUW = "0B4F8A"


def referentiedocument() -> bytes:
    """pandoc's default Word reference document in the house style: Dutch, 10.5 pt body text, headings
    in the house blue, every chapter on a new page. Built from pandoc's own file with fixed zip
    timestamps, so it is the same on every machine (no binary file in the repository)."""
    import io
    import re
    import zipfile

    standaard = subprocess.run([pandoc_pad(), "--print-default-data-file", "reference.docx"],
                               capture_output=True, check=True).stdout
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(standaard)) as zin, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zuit:
        for naam in sorted(zin.namelist()):
            data = zin.read(naam)
            if naam == "word/styles.xml":
                tekst = data.decode("utf-8")
                tekst = tekst.replace('w:val="en-US"', 'w:val="nl-NL"')
                tekst = re.sub(r'w:color w:val="0F4761"\s+w:themeColor="accent1"\s+w:themeShade="BF"',
                               f'w:color w:val="{HUISBLAUW}"', tekst)
                tekst = tekst.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />',
                                      '<w:sz w:val="21" />\n        <w:szCs w:val="21" />', 1)
                kop1 = tekst.index('w:styleId="Heading1"')
                ppr = tekst.index("<w:pPr>", kop1) + len("<w:pPr>")
                tekst = tekst[:ppr] + "\n      <w:pageBreakBefore />" + tekst[ppr:]
                data = tekst.encode("utf-8")
            info = zipfile.ZipInfo(naam, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zuit.writestr(info, data)
    return uit.getvalue()


_SVG_BEELD = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)\.svg(\)|\s)")


def png_voor_word(markdown: str, rapportmap: Path) -> str:
    """Image links ``![…](figuren/x.svg)`` pointed at the PNG copy ``figuren/x.png`` where the figure stage
    wrote one (:func:`evaluatie.hoofdstukken.figuren.bewaar_svg`): Word before 2016 shows nothing for an
    SVG-only picture. A link without a PNG beside it is left as it is."""
    def een(m: re.Match[str]) -> str:
        if eigen_bestand(f"{m.group(2)}.png", rapportmap):
            return f"{m.group(1)}{m.group(2)}.png{m.group(3)}"
        return m.group(0)

    return _SVG_BEELD.sub(een, markdown)


def naar_docx(markdown: str, meta: dict[str, object], rapportmap: Path, tijdstempel: int) -> bytes:
    """Word edition via pandoc with the house-style reference document; same inputs, same bytes."""
    import tempfile

    rapportmap.mkdir(parents=True, exist_ok=True)
    controleer_verwijzingen(markdown, rapportmap, "evaluatie.md")
    markdown = png_voor_word(markdown, rapportmap)
    with tempfile.TemporaryDirectory(prefix="evaluatie-docx.") as tmp:
        ref = Path(tmp) / "referentie.docx"
        ref.write_bytes(referentiedocument())
        uit = Path(tmp) / "evaluatie.docx"
        _pandoc_bytes(["-f", INVOER, "-t", "docx", "--reference-doc", str(ref), "--toc", "--toc-depth=2",
                       "--resource-path", str(rapportmap), "-o", str(uit), "-M", "lang=nl-NL",
                       "--metadata", f"title={meta['titel']}",
                       "--metadata", f"subtitle={meta.get('ondertitel', '')}",
                       "--metadata", f"date={meta['datum']}", "--metadata", "toc-title=Inhoud"],
                      markdown, env={"SOURCE_DATE_EPOCH": str(tijdstempel)})
        return uit.read_bytes()
