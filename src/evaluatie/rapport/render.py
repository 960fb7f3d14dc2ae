"""Markdown -> pandoc -> Typst -> PDF, and Markdown -> pandoc -> self-contained HTML."""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path

from evaluatie.bestanden import schrijf_bytes, schrijf_tekst


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


def _pandoc(args: list[str], invoer: str) -> str:
    proc = subprocess.run([pandoc_pad(), *args], input=invoer.encode("utf-8"), capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc faalde: {proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout.decode("utf-8")


def naar_typst(markdown: str, meta: dict[str, object]) -> str:
    sjabloon = resources.files("evaluatie.rapport") / "sjabloon.typ"
    with resources.as_file(sjabloon) as pad:
        return _pandoc(["-f", "markdown-implicit_figures+implicit_figures", "-t", "typst", "-s",
                        "--template", str(pad), *_meta_args(meta)], markdown)


def compileer_pdf(typ: str, rapportmap: Path, pdf: Path, tijdstempel: int) -> None:
    """Compile Typst source (images resolved relative to ``rapportmap``) into ``pdf``."""
    import datetime as dt

    import typst

    bron = rapportmap / "evaluatie.typ"
    schrijf_tekst(bron, typ)
    data = typst.compile(
        str(bron), root=str(rapportmap), ignore_system_fonts=True,
        timestamp=dt.datetime.fromtimestamp(tijdstempel, tz=dt.timezone.utc),
    )
    schrijf_bytes(pdf, data)


def naar_html(markdown: str, meta: dict[str, object], rapportmap: Path, html: Path) -> None:
    css = resources.files("evaluatie.rapport") / "stijl.css"
    with resources.as_file(css) as css_pad:
        uit = _pandoc(["-f", "markdown", "-t", "html5", "-s", "--embed-resources", "--toc",
                       "--toc-depth=2", "--number-sections", "--css", str(css_pad),
                       "--resource-path", str(rapportmap), "-M", "lang=nl",
                       "--metadata", f"title={meta['titel']}",
                       "--metadata", f"subtitle={meta.get('ondertitel', '')}",
                       *_meta_args({k: v for k, v in meta.items() if k not in {"titel", "ondertitel"}})],
                      markdown)
    if meta.get("demo"):
        uit = uit.replace("<body>", '<body class="voorbeelddata">', 1)
    schrijf_tekst(html, uit)
