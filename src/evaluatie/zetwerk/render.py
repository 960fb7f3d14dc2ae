"""Markdown -> pandoc -> Typst -> PDF, Markdown -> pandoc -> self-contained HTML, and Markdown -> DOCX
(pandoc's Word writer with a reference document in the house style)."""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path



def pandoc_pad() -> str:
    """The pandoc binary shipped by pypandoc-binary (no system pandoc needed)."""
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


# The generated document uses raw Typst/HTML blocks (dashboard); citations are off so that
# an '@' in text never becomes a reference.
INVOER = "markdown-citations"


def maak_onschadelijk(tekst: str, bron: Path | None = None, rapportmap: Path | None = None) -> str:
    """Researchers' Markdown with raw HTML, raw Typst/LaTeX blocks and citations switched off.

    Pandoc reads it with those extensions disabled and writes plain Markdown back, so
    ``<script>`` becomes visible text and a ```` ```{=typst} ```` block an ordinary code block.
    Mid-document YAML metadata blocks are off too: a ``---`` / text / ``---`` block stays text.

    With ``bron`` (the researcher's file) the text is also typeset on its own and any pandoc or
    Typst error raises ``InvoerFout`` naming ``bron`` and the line (images are looked up in
    ``rapportmap``); characters no PDF font can draw are reported as warnings.
    """
    uit = "-raw_html-raw_attribute-raw_tex-citations-native_divs-native_spans-yaml_metadata_block" \
          "-inline_code_attributes-fenced_code_attributes-link_attributes-bracketed_spans-fenced_divs"
    if bron is not None:
        from evaluatie.zetwerk import typografie

        typografie.controleer_tekst(tekst, Path(bron), rapportmap, _pandoc, f"markdown{uit}")
    schoon = _pandoc(["-f", f"markdown{uit}", "-t", f"markdown{uit}", "--wrap=preserve"], tekst)
    # the writer leaves a literal "{=typst}" right after inline code; a space keeps the
    # document reader (which does know raw attributes) from attaching it to the code
    return schoon.replace("`{", "` {")


def naar_typst(markdown: str, meta: dict[str, object]) -> str:
    from evaluatie.zetwerk import typografie

    sjabloon = resources.files("evaluatie.zetwerk") / "sjabloon.typ"
    lua = resources.files("evaluatie.zetwerk") / "bijschriften.lua"
    with resources.as_file(sjabloon) as pad, resources.as_file(lua) as filter_pad:
        return _pandoc(["-f", INVOER, "-t", "typst-smart", "-s", "--template", str(pad), "--lua-filter", str(filter_pad),
                        *_meta_args(typografie.meta_voor_weergave(meta)), *typografie.typst_metadata(meta)],
                       typografie.zet(markdown))


def compileer_pdf(typ: str, rapportmap: Path, tijdstempel: int) -> bytes:
    """Compile Typst source (images resolved relative to ``rapportmap``) to PDF bytes."""
    import datetime as dt
    import tempfile

    import typst

    rapportmap.mkdir(parents=True, exist_ok=True)
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


def naar_html(markdown: str, meta: dict[str, object], rapportmap: Path) -> str:
    from evaluatie.zetwerk import typografie

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
    return typografie.html_huisstijl(uit, meta_bron)


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


def naar_docx(markdown: str, meta: dict[str, object], rapportmap: Path, tijdstempel: int) -> bytes:
    """Word edition via pandoc with the house-style reference document; same inputs, same bytes."""
    import tempfile

    rapportmap.mkdir(parents=True, exist_ok=True)
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
