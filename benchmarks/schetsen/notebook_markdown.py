"""SKETCH (not used by the pipeline): ``notebook_naar_markdown`` without nbconvert.

The executed chapter notebooks hold only Markdown cells and ``display(Markdown(...))``
outputs (``text/markdown``), with the code hidden. nbconvert's MarkdownExporter costs
~0.33 s to import and ~0.5 s for six notebooks (Jinja templates); joining the cells
directly gives the same Markdown up to runs of blank lines (which Markdown ignores).
Any other output type raises, so a caller can fall back to nbconvert.

Formerly a what-if of the render step in ``benchmarks/bouw.py``; the export now runs in the notebook
stages (``stages/notebook.py:notebook_naar_markdown``), once per executed notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


class AndereUitvoer(ValueError):
    """The notebook has an output that is not text/markdown: use nbconvert."""


def notebook_naar_markdown_snel(pad: Path) -> str:
    nb = json.loads(Path(pad).read_text(encoding="utf-8"))
    delen = []
    for cel in nb.get("cells", []):
        if cel["cell_type"] == "markdown":
            bron = cel["source"]
            delen.append("".join(bron) if isinstance(bron, list) else bron)
        elif cel["cell_type"] == "code":
            for uitvoer in cel.get("outputs", []):
                data = uitvoer.get("data", {})
                if uitvoer.get("output_type") not in ("display_data", "execute_result") or "text/markdown" not in data:
                    raise AndereUitvoer(f"{pad}: uitvoer {uitvoer.get('output_type')} {sorted(data)}")
                tekst = data["text/markdown"]
                delen.append("".join(tekst) if isinstance(tekst, list) else tekst)
    tekst = "\n\n".join(delen)
    # as stages/notebook.py:notebook_naar_markdown: drop HTML comments except the conclusion markers
    tekst = re.sub(r"<!--.*?-->\n?", lambda m: m.group(0) if "conclusie:" in m.group(0) else "", tekst, flags=re.S)
    return tekst.strip() + "\n"


def normaliseer(markdown: str) -> str:
    """Collapse runs of blank lines (no meaning in Markdown) for comparison."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip()
