"""Regenerate the notebook templates in notebooks/ (no outputs, stable ids).

Run: python tools/maak_notebooks.py — the templates are committed; this script
documents how they are built and keeps their JSON stable for clean diffs.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]


def notebook(cellen):
    nb = new_notebook(cells=cellen)
    nb.metadata = {
        "kernelspec": {"name": "evaluatie", "display_name": "evaluatie (.venv)", "language": "python"},
        "language_info": {"name": "python"},
    }
    for i, cel in enumerate(nb.cells):
        cel["id"] = f"cel-{i:02d}"
    return nb


def parameters(code):
    cel = new_code_cell(code)
    cel.metadata["tags"] = ["parameters"]
    return cel


THEMA = notebook([
    new_markdown_cell("<!-- Sjabloon voor één thema. papermill vult de parameters in; "
                      "de code wordt niet in het rapport getoond. -->"),
    parameters('gemeente_code = "GM0603"\ngemeente_naam = "Rijswijk"\neditie = "2021-2022"\n'
               'thema = "eenzaamheid"\ninvoer = "data/processed/thema/eenzaamheid"\n'
               'rapportmap = "reports/2021-2022"'),
    new_code_cell("from IPython.display import Markdown, display\n\nfrom evaluatie import hoofdstuk as h\n\n"
                  "t = h.laad(invoer)\ndisplay(Markdown(h.kop(t)))"),
    new_markdown_cell("## Indicatoren en doelen"),
    new_code_cell("display(Markdown(h.indicatortabel(t)))"),
    new_markdown_cell("## Verloop per indicator"),
    new_code_cell("display(Markdown(h.figuren(t, f\"{rapportmap}/figuren/{thema}\", rapportmap, "
                  "gemeente_code, gemeente_naam)))"),
    new_markdown_cell("## Bevindingen"),
    new_code_cell("display(Markdown(h.bevindingen(t)))"),
    new_markdown_cell("## Acties"),
    new_code_cell("display(Markdown(h.acties(t)))"),
    new_markdown_cell("## Conclusie"),
    new_code_cell("display(Markdown(h.conclusie(t)))"),
])

KOSTEN_BATEN = notebook([
    new_markdown_cell("<!-- Sjabloon voor het hoofdstuk kosten en baten. -->"),
    parameters('gemeente_naam = "Rijswijk"\neditie = "2021-2022"\ninvoer = "data/processed"\n'
               'baten = "data/raw/programma/baten.yaml"\nrapportmap = "reports/2021-2022"\n'
               'discontovoet = 0.0225\ninnovatiebudget_per_jaar = 450000'),
    new_code_cell("from IPython.display import Markdown, display\n\nfrom evaluatie import kostenhoofdstuk as k\n\n"
                  "kb = k.laad(invoer, baten, discontovoet, innovatiebudget_per_jaar)\n"
                  "display(Markdown(k.kop(kb)))"),
    new_code_cell("display(Markdown(k.subsidies(kb, rapportmap)))"),
    new_code_cell("display(Markdown(k.bereik(kb)))"),
    new_code_cell("display(Markdown(k.baten(kb, rapportmap)))"),
    new_code_cell("display(Markdown(k.plafond(kb)))"),
])

if __name__ == "__main__":
    for naam, nb in (("thema", THEMA), ("kosten_baten", KOSTEN_BATEN)):
        nbformat.write(nb, ROOT / "notebooks" / f"{naam}.ipynb")
        print(f"notebooks/{naam}.ipynb")
