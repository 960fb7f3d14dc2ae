"""Executed notebooks as Markdown for the document (nbconvert, code hidden)."""

from __future__ import annotations

import re
from pathlib import Path


def notebook_naar_markdown(pad: Path) -> str:
    """nbconvert's Markdown export of an executed notebook, code hidden."""
    import nbformat
    from nbconvert import MarkdownExporter

    exporter = MarkdownExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    tekst, _ = exporter.from_notebook_node(nbformat.read(pad, as_version=4))
    tekst = re.sub(r"<!--.*?-->\n?", lambda m: m.group(0) if "conclusie:" in m.group(0) else "", tekst,
                   flags=re.S)
    return tekst.strip() + "\n"
