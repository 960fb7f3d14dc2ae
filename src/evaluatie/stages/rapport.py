"""Stage `rapport`: executed notebooks + researchers' text -> evaluatie.pdf and evaluatie.html."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from evaluatie import __version__
from evaluatie.gedeeld.bestanden import schrijf_bytes, schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import Instellingen, laad_instellingen
from evaluatie.stages import draai


def bronepoch(inst: Instellingen) -> int:
    """The report date (``datum`` in params.yaml) as seconds since 1970, 00:00 UTC.

    It is the date printed on the cover and the ``SOURCE_DATE_EPOCH`` of the PDF, so the same inputs
    give the same bytes whenever and wherever the report is built.
    """
    import datetime as dt

    return int(dt.datetime.combine(inst.datum, dt.time(), tzinfo=dt.timezone.utc).timestamp())


def sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def gebruikte_demo(metingen: pd.DataFrame, gekoppeld: pd.DataFrame) -> set[str]:
    """Demo files whose fields feed an indicator of this report (not merely present on disk)."""
    if metingen.empty or gekoppeld.empty:
        return set()
    velden = set(zip(gekoppeld["tabel"].astype(str), gekoppeld["veld"].astype(str)))
    demo = metingen[metingen["demo"].astype(bool)]
    gebruikt = [(t, v) in velden for t, v in zip(demo["tabel"].astype(str), demo["veld"].astype(str))]
    return set(demo.loc[gebruikt, "bestand"].astype(str))


def invoerbestanden(inst: Instellingen, demo: set[str]) -> list[dict]:
    """Raw inputs of this edition with checksum and demo flag (for the provenance appendix)."""
    uit = []
    for map_ in (inst.kader, inst.monitor, inst.raw / "programma", inst.tekst):
        if not map_.exists():
            continue
        for pad in sorted(p for p in map_.rglob("*")
                          if p.is_file() and not p.name.startswith(".") and p.name != "README.md"):
            rel = pad.relative_to(inst.root).as_posix()
            uit.append({"bestand": rel, "sha256": sha256(pad),
                        "demo": pad.name in demo or any(rel.endswith(d) for d in demo)})
    return uit


def datahash(inst: Instellingen) -> str:
    h = hashlib.sha256()
    for pad in sorted(inst.processed.glob("*.parquet")):
        h.update(pad.name.encode())
        h.update(pad.read_bytes())
    return h.hexdigest()[:12]


def eigen_tekst(inst: Instellingen, naam: str) -> str | None:
    """The researchers' own Markdown, made inert: raw HTML/Typst and citations are not interpreted."""
    pad = inst.tekst / f"{naam}.md"
    if not pad.exists():
        return None
    data = pad.read_bytes()
    try:
        tekst = data.decode("utf-8")
    except UnicodeDecodeError as fout:
        regel = data[: fout.start].count(b"\n") + 1
        raise InvoerFout(pad, f"geen geldige UTF-8-tekst (byte {fout.start}); sla het bestand op als UTF-8",
                         rij=regel) from None
    from evaluatie.zetwerk.render import maak_onschadelijk

    return maak_onschadelijk(tekst, bron=pad, rapportmap=inst.rapport)


def run(inst: Instellingen | None = None) -> None:
    inst = inst or laad_instellingen()
    p = inst.params
    from babel.dates import format_date

    from evaluatie.hoofdstukken import rapport as opbouw
    from evaluatie.zetwerk import render
    from evaluatie.zetwerk.notebooks import notebook_naar_markdown

    # load inputs
    lees = lambda naam: pd.read_parquet(inst.processed / f"{naam}.parquet")  # noqa: E731
    voortgang, indicatoren, themas = lees("voortgang"), lees("indicatoren"), lees("themas")
    acties, projecten, subsidies, metingen = lees("acties"), lees("projecten"), lees("subsidies"), lees("metingen")
    kaders = lees("kaders")
    hoofdstukken = []
    for thema in p["themas"]:
        md = notebook_naar_markdown(inst.rapport / "thema" / f"{thema}.ipynb")
        hoofdstukken.append(opbouw.vervang_conclusie(md, eigen_tekst(inst, thema)))
    kosten_baten = notebook_naar_markdown(inst.rapport / "kosten_baten.ipynb")
    docs = inst.root / "docs"
    bestanden = invoerbestanden(inst, gebruikte_demo(metingen, lees("metingen_gekoppeld")))
    demo_bestanden = [b["bestand"] for b in bestanden if b["demo"]]

    # process
    epoch = bronepoch(inst)
    import datetime as dt

    meta = {
        "gemeente": p["gemeente_naam"], "titel": p.get("titel", "Evaluatie"),
        "ondertitel": p.get("ondertitel", ""), "periode": str(p.get("periode", p["editie"])),
        "editie": str(p["editie"]),
        "datum": format_date(inst.datum, "d MMMM y", locale="nl_NL"),
        "versie": __version__, "datahash": datahash(inst), "demo": bool(demo_bestanden),
    }
    inleiding = eigen_tekst(inst, "inleiding") or opbouw.inleiding(kaders, meta)
    delen = [
        opbouw.html_kaft(meta),
        "# Inleiding", "", inleiding.strip(), "",
        opbouw.samenvatting(voortgang, indicatoren, themas),
        *hoofdstukken,
        kosten_baten,
        opbouw.voortzetten(acties, themas, projecten, subsidies),
        opbouw.bijlage((docs / "methodologie.md").read_text(encoding="utf-8"), "A"),
        opbouw.bijlage((docs / "kosten_baten.md").read_text(encoding="utf-8"), "B"),
        opbouw.bijlage((docs / "databronnen.md").read_text(encoding="utf-8"), "C"),
        "## Invoerbestanden van deze editie {-}", "", opbouw.herkomst(bestanden),
        opbouw.indicatordefinities(indicatoren),
        opbouw.colofon(meta, demo_bestanden),
    ]
    markdown = "\n\n".join(delen)

    # save outputs
    # render everything first; write only when all succeeded
    rapport = inst.rapport
    typ = render.naar_typst(markdown, meta)
    pdf = render.compileer_pdf(typ, rapport, epoch)
    html = render.naar_html(markdown, meta, rapport)
    schrijf_tekst(rapport / "evaluatie.md", markdown)
    schrijf_tekst(rapport / "evaluatie.typ", typ)
    schrijf_bytes(rapport / "evaluatie.pdf", pdf)
    schrijf_tekst(rapport / "evaluatie.html", html)


if __name__ == "__main__":
    draai(run)
