"""Stage `rapport`: two documents per edition.

- the council report ``evaluatie.pdf`` / ``.html`` / ``.docx``: cover, summary with key messages and
  dashboard, one chapter per theme, costs and benefits, recommendations, what continues;
- the technical account ``verantwoording.pdf`` / ``.html``: methods, sources and provenance, input files
  with checksums, indicator definitions, assumptions.

Everything is rendered first; files are written only when all renderings succeeded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd

from evaluatie import __version__
from evaluatie.gedeeld.bestanden import schrijf_bytes, schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import EIGEN_TEKSTEN, Instellingen, controleer_tekstnamen, laad_instellingen
from evaluatie.gedeeld.yaml_lezer import lees_yaml
from evaluatie.stages import draai

#: The researchers' own texts per edition (besides one per theme).

T = TypeVar("T")


def bronepoch(inst: Instellingen) -> int:
    """The report date (``datum`` in params.yaml) as seconds since 1970, 00:00 UTC.

    It is the date printed on the cover and the ``SOURCE_DATE_EPOCH`` of the PDF and DOCX, so the same
    inputs give the same bytes whenever and wherever the report is built.
    """
    import datetime as dt

    return int(dt.datetime.combine(inst.datum, dt.time(), tzinfo=dt.timezone.utc).timestamp())


def sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def gebruikte_bestanden(metingen: pd.DataFrame, gekoppeld: pd.DataFrame) -> set[str]:
    """Monitor files, demo or real, whose fields feed an indicator of this report (not merely present on disk)."""
    if metingen.empty or gekoppeld.empty:
        return set()
    velden = set(zip(gekoppeld["tabel"].astype(str), gekoppeld["veld"].astype(str)))
    gebruikt = [(t, v) in velden for t, v in zip(metingen["tabel"].astype(str), metingen["veld"].astype(str))]
    return set(metingen.loc[gebruikt, "bestand"].astype(str))


def gebruikte_demo(metingen: pd.DataFrame, gekoppeld: pd.DataFrame) -> set[str]:
    """Demo files whose fields feed an indicator of this report (not merely present on disk)."""
    if metingen.empty:
        return set()
    return gebruikte_bestanden(metingen[metingen["demo"].astype(bool)], gekoppeld)


def alle_demo(metingen: pd.DataFrame) -> set[str]:
    """Every demo file among the monitor inputs, used by this report or not."""
    if metingen.empty:
        return set()
    return set(metingen.loc[metingen["demo"].astype(bool), "bestand"].astype(str))


def invoerbestanden(inst: Instellingen, demo: set[str], demo_ongebruikt: set[str] = frozenset()) -> list[dict]:
    """Raw inputs of this edition with checksum and demo flags (for the technical account): ``demo`` a demo
    file that feeds the report, ``voorbeelddata`` any demo file (also one in ``demo_ongebruikt``, demo files
    no indicator reads); hidden files and README.md are not inputs. Raises ``InvoerFout`` naming a file
    whose name is not valid UTF-8."""

    def in_(namen: set[str], pad: Path, rel: str, map_: Path) -> bool:
        # a snapshot directory (50120NED/, 50150NED/) is demo with every file in it
        return (pad.name in namen or any(rel.endswith(d) for d in namen)
                or (map_ in monitor and pad.relative_to(map_).parts[0] in namen))

    uit = []
    monitor = inst.monitormappen  # a directory listing: once, not per file
    vorige = inst.voortzetten.parent / f"{inst.vorige_editie}.yaml" if inst.vorige_editie else None
    mappen = (inst.kader, *monitor, inst.raw / "programma", inst.voortzetten.parent, inst.tekst)
    for map_ in mappen:
        if not map_.exists():
            continue
        for pad in sorted(p for p in map_.rglob("*")
                          if p.is_file() and not p.name.startswith(".") and p.name != "README.md"):
            if map_ == inst.voortzetten.parent and pad not in (inst.voortzetten, vorige):
                continue
            rel = pad.relative_to(inst.root).as_posix()
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:  # a name from a Windows share or a zip: the account cannot list it
                raise InvoerFout(pad, "de bestandsnaam is geen geldige UTF-8; hernoem het bestand, of haal het "
                                      "uit deze map als het geen invoer is") from None
            gebruikt_demo = in_(demo, pad, rel, map_)
            uit.append({"bestand": rel, "sha256": sha256(pad), "demo": gebruikt_demo,
                        "voorbeelddata": gebruikt_demo or in_(set(demo_ongebruikt), pad, rel, map_)})
    if inst.vorige_metrics is not None and inst.vorige_metrics.exists():  # the previous edition's record
        uit.append({"bestand": inst.vorige_metrics.relative_to(inst.root).as_posix(),
                    "sha256": sha256(inst.vorige_metrics), "demo": False, "voorbeelddata": False})
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
    from evaluatie.zetwerk.render import lees_eigen_tekst, maak_onschadelijk

    tekst = lees_eigen_tekst(pad)  # size, UTF-8, line length, no images
    if not tekst.strip():
        return None

    from evaluatie.hoofdstukken.rapport import verschuif_koppen

    # a chapter's own text (inleiding, samenvatting, aanbevelingen) sits under "# <hoofdstuk>", a theme's
    # conclusion under "## Conclusie"
    return verschuif_koppen(maak_onschadelijk(tekst, bron=pad, rapportmap=inst.rapport),
                            2 if naam in EIGEN_TEKSTEN else 3)


def kaderbestanden(inst: Instellingen) -> list[dict]:
    """The policy frameworks as plain data (validated by the ingest stage), in the order of the report's
    themes; frameworks without a theme of this report (such as a predecessor programme) come last."""
    rang = {t: i for i, t in enumerate(inst.themas)}
    kaders = [lees_yaml(p).data for p in sorted(inst.kader.glob("*.yaml"))]

    def volgorde(k: dict) -> int:
        return min((rang.get(t.get("id"), len(rang)) for t in (k.get("themas") or []) if isinstance(t, dict)),
                   default=len(rang) + 1)

    return sorted(kaders, key=volgorde)


def monitorbronnen(inst: Instellingen, gebruikt: set[str]) -> list[dict]:
    """Title, owner, address and demo flag of every monitor file, and whether it feeds this report (its name is
    in ``gebruikt``, the files an indicator reads, demo or real)."""
    uit = []
    koppeling = inst.monitor / "koppeling.yaml"
    tabellen = (lees_yaml(koppeling).data.get("tabellen") or {}) if koppeling.exists() else {}
    for pad in sorted((p for m in inst.monitormappen for p in m.glob("*.bron.yaml")), key=lambda p: p.name):
        databestand = pad.name[: -len(".bron.yaml")]
        d = lees_yaml(pad).data
        tabel = tabellen.get(d.get("tabel")) or {}
        uit.append({"bestand": databestand,
                    "titel": str(d.get("titel") or tabel.get("titel") or d.get("tabel") or databestand),
                    "bron": str(d.get("bron") or tabel.get("bron") or "onbekend"), "url": d.get("basis_url"),
                    "demo": bool(d.get("demo")), "gebruikt": databestand in gebruikt})
    return uit


def wat_overgenomen(indicatoren: bool, acties: bool, projecten: bool, begroting: bool) -> str:
    """What the report took from the policy documents, as the start of a sentence ('Thema's, acties en de
    begroting'), naming only what it contains."""
    delen = ([*(["doelen", "beginwaarden"] if indicatoren else ["thema's"]), *(["acties"] if acties else []),
              *(["projecten", "subsidies", "bereik"] if projecten else ["de begroting"] if begroting else [])])
    tekst = delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]
    return tekst[0].upper() + tekst[1:]


def koppeling_leeftijden(inst: Instellingen) -> dict[str, dict]:
    pad = inst.monitor / "koppeling.yaml"
    if not pad.exists():
        return {}
    return dict(lees_yaml(pad).data.get("indicatoren") or {})


def _typst_en_pdf(render, markdown: str, meta: dict, rapportmap: Path, epoch: int, document: str) -> tuple[str, bytes]:
    """Typst source and PDF bytes of one document (:func:`render.naar_typst`, :func:`render.compileer_pdf`)."""
    typ = render.naar_typst(markdown, meta)
    return typ, render.compileer_pdf(typ, rapportmap, epoch, document)


def zet_documenten(taken: list[Callable[[], T]]) -> list[T]:
    """Run independent typesetting tasks side by side and return their results in the order given.

    Each task is mostly pandoc in a subprocess or Typst's compiler (which releases the GIL), so
    threads let them use both cores. Every task runs to its end. Afterwards, in the given order, each
    task's warnings about characters no PDF font has (:func:`typografie.waarschuw_ontbrekende_tekens`,
    collected per task) are printed and, at the first task that failed, its exception is raised: the
    same warnings and the same error as running the tasks one after another (they do not depend on
    each other). Nothing is written here: the caller writes files only when all succeeded.
    """
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from evaluatie.zetwerk.typografie import vang_waarschuwingen

    def met_meldingen(taak: Callable[[], T]) -> tuple[T | None, list[str], BaseException | None]:
        with vang_waarschuwingen() as meldingen:
            try:
                return taak(), meldingen, None
            except BaseException as fout:  # re-raised below, in the order of the tasks
                return None, meldingen, fout

    with ThreadPoolExecutor(max_workers=len(taken) or 1, thread_name_prefix="zetwerk") as pool:
        lopend = [pool.submit(met_meldingen, taak) for taak in taken]
    uit = []
    for f in lopend:
        waarde, meldingen, fout = f.result()
        for melding in meldingen:
            print(melding, file=sys.stderr)
        if fout is not None:
            raise fout
        uit.append(waarde)
    return uit


@dataclass(frozen=True)
class Documenten:
    """The Markdown of both documents, ready for pandoc, with their metadata.

    ``markdown`` is the council report for PDF and HTML (cover as raw HTML), ``markdown_docx`` the same
    report for Word (cover as text), ``verantwoording`` the technical account; ``meta`` and
    ``meta_verantwoording`` the pandoc metadata (title, edition, demo flag, ...); ``epoch`` the report
    date in seconds since 1970 (:func:`bronepoch`).
    """

    markdown: str
    markdown_docx: str
    verantwoording: str
    meta: dict
    meta_verantwoording: dict
    epoch: int


def run(inst: Instellingen | None = None) -> None:
    inst = inst or laad_instellingen()
    d = stel_samen(inst)
    markdown, markdown_docx, verantwoording_md = d.markdown, d.markdown_docx, d.verantwoording
    meta, meta_v, epoch, rapport = d.meta, d.meta_verantwoording, d.epoch, inst.rapport
    from evaluatie.zetwerk import render

    (typ, pdf), html, docx, (typ_v, pdf_v), html_v = zet_documenten([
        lambda: _typst_en_pdf(render, markdown, meta, rapport, epoch, "evaluatie.typ"),
        lambda: render.naar_html(markdown, meta, rapport),
        lambda: render.naar_docx(markdown_docx, meta, rapport, epoch),
        lambda: _typst_en_pdf(render, verantwoording_md, meta_v, rapport, epoch, "verantwoording.typ"),
        lambda: render.naar_html(verantwoording_md, meta_v, rapport, "verantwoording.md"),
    ])

    # save outputs
    schrijf_tekst(rapport / "evaluatie.md", markdown)
    schrijf_tekst(rapport / "evaluatie.typ", typ)
    schrijf_bytes(rapport / "evaluatie.pdf", pdf)
    schrijf_tekst(rapport / "evaluatie.html", html)
    schrijf_bytes(rapport / "evaluatie.docx", docx)
    schrijf_tekst(rapport / "verantwoording.md", verantwoording_md)
    schrijf_bytes(rapport / "verantwoording.pdf", pdf_v)
    schrijf_tekst(rapport / "verantwoording.html", html_v)


def stel_samen(inst: Instellingen) -> Documenten:
    """Read the stage's inputs and assemble both documents' Markdown (everything but the typesetting).

    Raises ``InvoerFout`` for bad input (a researcher's text that cannot be typeset, a malformed
    assessment file, ...), naming the file; a missing input file raises ``OSError``.
    """
    p = inst.params
    from babel.dates import format_date

    from evaluatie.hoofdstukken import aannames as aan
    from evaluatie.hoofdstukken import aanbevelingen, kaft, samenvatting, verantwoording, voortzetten
    from evaluatie.hoofdstukken import dashboard as db
    from evaluatie.hoofdstukken import veranderd
    from evaluatie.hoofdstukken.opmaak import md_tekst as md
    from evaluatie.hoofdstukken.rapport import vervang_conclusie

    # load inputs
    lees = lambda naam: pd.read_parquet(inst.processed / f"{naam}.parquet")  # noqa: E731
    voortgang, indicatoren, themas = lees("voortgang"), lees("indicatoren"), lees("themas")
    acties, projecten, subsidies, metingen = lees("acties"), lees("projecten"), lees("subsidies"), lees("metingen")
    if len(projecten):  # a small reach is never published, nor one that the printed total would reveal
        from evaluatie.gedeeld.onthulling import onderdruk_aantallen

        projecten = onderdruk_aantallen(projecten, "bereik", inst.min_aantal).tabel
    kaders = lees("kaders")
    kaderdata = kaderbestanden(inst)
    koppeling = koppeling_leeftijden(inst)
    vz = voortzetten.lees(inst.voortzetten, str(p["gemeente"]), set(acties["actie_id"].astype(str)),
                          set(projecten["project_id"].astype(str)))
    vz_vorig = None
    if inst.vorige_editie:
        pad_vorig = inst.raw / "voortzetten" / f"{inst.vorige_editie}.yaml"
        vz_vorig = (inst.vorige_editie, voortzetten.lees(pad_vorig, str(p["gemeente"]),
                                                         set(acties["actie_id"].astype(str)),
                                                         set(projecten["project_id"].astype(str))))
    # each own text is checked by typesetting it on its own (pandoc, Typst): side by side
    controleer_tekstnamen(inst)  # a misspelt file name would be left out silently
    namen = (*EIGEN_TEKSTEN, *inst.themas)
    eigen = dict(zip(namen, zet_documenten([lambda n=n: eigen_tekst(inst, n) for n in namen])))
    # the notebook stages wrote each executed notebook's Markdown export beside it (stages/notebook.py)
    hoofdstukken = [vervang_conclusie((inst.rapport / "thema" / f"{t}.md").read_bytes().decode("utf-8"), eigen[t])
                    for t in inst.themas]
    kosten_baten = (inst.rapport / "kosten_baten.md").read_bytes().decode("utf-8")
    gekoppeld = lees("metingen_gekoppeld")
    demo = gebruikte_demo(metingen, gekoppeld)
    gebruikt = gebruikte_bestanden(metingen, gekoppeld)
    vorig = veranderd.lees(inst.vorige_metrics) if inst.vorige_metrics else None
    if vorig is not None:
        import json

        huidig = json.loads((inst.processed / "voortgang_metrics.json").read_text(encoding="utf-8"))
        status_code = {m["status"]: m["status_code"] for m in huidig["indicatoren"].values()}
    bestanden = invoerbestanden(inst, demo, alle_demo(metingen) - demo)
    demo_bestanden = [b["bestand"] for b in bestanden if b["demo"]]

    # process
    epoch = bronepoch(inst)
    volgorde = inst.themas
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"].astype(str).to_dict()
    meta = {
        "gemeente": inst.gemeente_naam, "titel": p.get("titel", "Evaluatie"),
        "ondertitel": p.get("ondertitel", ""), "periode": str(p.get("periode", p["editie"])),
        "editie": str(p["editie"]), "datum": format_date(inst.datum, "d MMMM y", locale="nl_NL"),
        "status": inst.status,
        "vastgesteld": format_date(inst.vastgesteld, "d MMMM y", locale="nl_NL") if inst.vastgesteld else None,
        "auteur": inst.kaftgegeven("auteur"), "afdeling": inst.kaftgegeven("afdeling"),
        "contact": inst.kaftgegeven("contact"), "demo": bool(demo_bestanden),
    }
    meta["statusregel"] = kaft.statusregel(meta)
    meta["disclaimer"] = kaft.disclaimer(inst.peiljaar)
    indicator_dicts = [i for k in kaderdata for i in (k.get("indicatoren") or [])]
    aannamelijst = aan.zoek(indicator_dicts, koppeling, aan.reeksbronnen(gekoppeld, inst.gemeente_code))
    per_ind = aan.per_indicator(aannamelijst)

    dash_rijen = db.rijen(voortgang, indicatoren, themas, volgorde, per_ind)
    dashboardvolgorde = [i for t in volgorde for i in indicatoren.loc[indicatoren["thema_id"] == t, "indicator_id"]]
    veranderd_rijen = (veranderd.rijen(vorig, voortgang, status_code, dashboardvolgorde)
                       if vorig is not None else [])
    toezicht = voortzetten.toezicht_uit(kaderdata)  # the gemeente's own body and rule, never another's
    plan = voortzetten.plan_uit(kaderdata)  # how the kader names its plan ("de agenda", "het plan")
    boodschappen = samenvatting.kernboodschappen(
        voortgang, indicatoren, themas, volgorde, projecten, subsidies, kaders, inst.gemeente_naam,
        voortzetten.samenvattingszin(acties, vz, heeft_projecten=not projecten.empty, toezicht=toezicht,
                                     plan=plan), acties,
        veranderd.zin(veranderd_rijen, inst.vorige_editie) if vorig is not None else None, peiljaar=inst.peiljaar)
    n_open = sum(1 for a in acties["actie_id"] if a not in vz.beoordelingen)
    punten = aanbevelingen.gegenereerd(voortgang, indicatoren, themas, volgorde, n_open, orgaan=toezicht.orgaan,
                                       besluit=toezicht.besluit, volgende=plan.volgende)
    kaderinfo = [{"titel": k.get("titel"), "omschrijving": " ".join(str(k.get("omschrijving") or "").split()),
                  "evaluatie": " ".join(str((k.get("evaluatie") or {}).get("regel") or "").split()),
                  "periode": "–".join(str(x) for x in ((k.get("periode") or {}).get("van"),
                                                         (k.get("periode") or {}).get("tot")) if x),
                  "documenten": k.get("documenten") or []} for k in kaderdata]
    voorganger = next((str(k["titel"]).split(" (")[0] for k in kaderdata if k.get("projecten")), None)
    inleiding = eigen["inleiding"] or kaft.inleiding(kaderinfo, meta, [namen.get(t, t) for t in volgorde],
                                                     dashboard=bool(dash_rijen), voorganger=voorganger,
                                                     vorige_editie=inst.vorige_editie if vorig is not None else None,
                                                     plan=plan.naam)

    def thema_aannames(t: str) -> str:
        ind = indicatoren[indicatoren["thema_id"] == t]
        zinnen = [f"- **{md(naam)}.** {md(zin)}"
                  for naam, zin in aan.kort([a for a in aannamelijst if a.indicator_id in set(ind["indicator_id"])])]
        tekst = ""
        if zinnen:
            tekst += (f"Bij deze gegevens staat in het dashboard een sterretje (*). {aan.UITLEG_JAREN}\n\n"
                      + "\n".join(zinnen) + "\n")
        if len(ind) and (ind["doel_type"] == "geen").all():
            tekst += ("\nDe raad heeft voor dit thema geen meetbaar doel vastgesteld. De indicatoren in dit hoofdstuk "
                      "komen uit beschrijvingen van eerdere projecten of uit de gezondheidsmonitor. Ze laten zien hoe "
                      "het zich ontwikkelt, maar zijn geen raadsdoel; de verantwoording noemt per indicator de "
                      "herkomst.\n")
        return f"\n\n## Aannames en kanttekeningen\n\n{tekst}" if tekst else ""

    def raadsrapport(met_raw: bool) -> str:
        return "\n\n".join([
            kaft.html_kaft(meta) if met_raw else kaft.docx_kaft(meta),
            "# Inleiding", "", inleiding.strip(), "",
            samenvatting.hoofdstuk(boodschappen, eigen["samenvatting"],
                                   db.als_markdown(dash_rijen, met_raw) if dash_rijen else "",
                                   db.voetnoot_aannames(per_ind, dash_rijen), db.legenda(voortgang)),
            *([veranderd.hoofdstuk(veranderd_rijen, str(inst.vorige_editie), inst.editie)] if vorig is not None else []),
            *[h + thema_aannames(t) for h, t in zip(hoofdstukken, volgorde)],
            kosten_baten,
            aanbevelingen.hoofdstuk(eigen["aanbevelingen"], punten, vervolg=plan.vervolg),
            voortzetten.hoofdstuk(acties, themas, vz, projecten, subsidies, volgorde, vz_vorig, toezicht=toezicht),
            "# Over dit rapport {-}", "", meta["disclaimer"] + " Hoe de cijfers zijn berekend, welke bronnen en "
            "aannames zijn gebruikt en met welke invoer dit rapport is gemaakt, staat in de verantwoording die bij "
            "dit rapport hoort.",
        ])

    geleend = [(str(i.naam), str(i.opmerking)) for i in indicatoren.itertuples(index=False)
               if i.doel_type == "geen" and isinstance(i.opmerking, str) and i.opmerking]
    bronlijst = monitorbronnen(inst, {Path(d).name for d in gebruikt})  # the same list for sources and colofon
    # the method text covers only what this report contains (indicators, kinds of source, benefits)
    heeft_indicatoren = not indicatoren.empty
    bronsoorten = ({str(s) for s in gekoppeld["onzekerheid"].dropna()} if "onzekerheid" in gekoppeld
                   else None)
    baten_pad = inst.raw / "programma" / "baten.yaml"
    heeft_baten = bool(len(projecten)) and baten_pad.exists()  # the condition of the kosten_baten stage
    baten_rel = baten_pad.relative_to(inst.root).as_posix()
    bestanden = [{**b, "gebruikt": False} if b["bestand"] == baten_rel and not heeft_baten else b
                 for b in bestanden]
    reden = (" (de doelen zijn nog niet gekwantificeerd)"
             if any((k.get("doelen") or {}).get("gekwantificeerd") is False for k in kaderdata) else "")
    verantwoording_md = "\n\n".join([
        kaft.html_kaft(meta),
        verantwoording.werkwijze(
            inst.drempels, inst.min_aantal, inst.discontovoet,
            f"Dit document hoort bij het rapport {md(meta['titel'])} van de gemeente {md(meta['gemeente'])} (periode "
            f"{md(meta['periode'])}). Het is bedoeld voor wie wil nagaan hoe de cijfers tot stand kwamen.",
            heeft_indicatoren=heeft_indicatoren, bronsoorten=bronsoorten, heeft_baten=heeft_baten,
            heeft_kleine_aantallen=heeft_indicatoren or bool(len(projecten)), geen_indicatoren_reden=reden),
        verantwoording.bronnen(kaderinfo, bronlijst, wat_overgenomen(
            heeft_indicatoren, not acties.empty, not projecten.empty, any(k.get("budget") for k in kaderdata)),
            peiljaar=inst.peiljaar),
        verantwoording.aannames(aannamelijst, geleend, heeft_indicatoren=heeft_indicatoren, reden=reden),
        verantwoording.indicatordefinities(indicatoren, volgorde, namen, reden,
                                           verantwoording.meetbronnen(gekoppeld)),
        verantwoording.eigen_teksten(
            [n for n, t in eigen.items() if t],
            {"samenvatting": "Samenvatting", "inleiding": "Inleiding", "aanbevelingen": "Aanbevelingen",
             **{t: f"Conclusie {namen.get(t, t)}" for t in volgorde}},
            {} if samenvatting.vervangt_kernboodschappen(eigen["samenvatting"]) else
            {"samenvatting": "daaronder staan de kernboodschappen, afgeleid uit de cijfers"}),
        verantwoording.invoerbestanden(bestanden),
        verantwoording.colofon({**meta, "versie": __version__, "datahash": datahash(inst),
                                "gemeente_id": str(p["gemeente"])}, demo_bestanden, bronlijst),
    ])
    verantwoording_md = verantwoording_md.rstrip("\n") + "\n"
    markdown = raadsrapport(met_raw=True).rstrip("\n") + "\n"
    markdown_docx = raadsrapport(met_raw=False).rstrip("\n") + "\n"

    meta_v = {**meta, "titel": f"Verantwoording — {meta['titel']}",
              "ondertitel": "Werkwijze, bronnen, aannames en invoer"}
    return Documenten(markdown, markdown_docx, verantwoording_md, meta, meta_v, epoch)


if __name__ == "__main__":
    draai(run)
