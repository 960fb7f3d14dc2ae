"""'Wat gaat door?': every agenda activity with its predecessor project(s), cost and reach, and the
status, recommendation and decision recorded by the body that assesses the activities.

Input: ``data/raw/voortzetten/<editie>.yaml`` (see :func:`lees`). Links to predecessor projects come
from the policy documents and carry their source; the assessments are added per edition. Activities
without an assessment read "nog niet beoordeeld" and the chapter counts them.

Who assesses, and what the policy says about continuing activities, comes from the gemeente's own
kader (:func:`toezicht_uit`: sections ``toezicht`` and ``evaluatie.voortzetting``), never from another
gemeente's: Rijswijk's kerncoalitie and its two-year rule, Leidschendam-Voorburg's subsidietafel
without such a rule. A kader without them gets neutral sentences that name no body and no rule.
How the text names the plan ("de agenda", "het plan") and its successor come from the kader's section
``plan`` (:func:`plan_uit`); predecessor projects are only explained when an activity has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from evaluatie.gedeeld.yaml_lezer import YamlBestand, lees_yaml
from evaluatie.hoofdstukken import opmaak
from evaluatie.hoofdstukken.opmaak import md_tekst as md
from evaluatie.hoofdstukken.tabellen import met_breedtes

BESLUITEN = ("voortzetten", "aanpassen", "stoppen", "nog te besluiten")
STATUSSEN = ("uitgevoerd", "deels uitgevoerd", "niet uitgevoerd", "loopt nog")
VERBANDEN = ("zelfde activiteit", "onderdeel van het project", "verwant")
NIET_BEOORDEELD = "nog niet beoordeeld"
_VERBODEN = re.compile(r"[<>`$\\|]")


@dataclass(frozen=True)
class Voorganger:
    activiteit: str
    projecten: tuple[str, ...]
    verband: str
    toelichting: str
    bron_document: str
    bron_sectie: str
    bron_bestand: str


@dataclass(frozen=True)
class Beoordeling:
    activiteit: str
    status: str
    aanbeveling: str
    besluit: str


@dataclass(frozen=True)
class Toezicht:
    """Who assesses the activities and the continuation rule, as the gemeente's kader transcribes them.

    ``orgaan``: the body with its article ("de kerncoalitie"), or None when the kader names none;
    ``taak``: what it does, a relative clause after "die"; ``besluit``: who decides ("college en raad"),
    or None; ``voortzetting``: the kader's sentence on when continuation is decided, or None.
    """

    orgaan: str | None = None
    taak: str | None = None
    besluit: str | None = None
    voortzetting: str | None = None


GEEN_TOEZICHT = Toezicht()


@dataclass(frozen=True)
class Plan:
    """How the report names the gemeente's plan in running text, as the kader gives it (section ``plan``).

    ``naam``: with its article ("de agenda" for Rijswijk's uitvoeringsagenda, "het plan" for
    Leidschendam-Voorburg's subsidietafel plan); without a section the neutral "het plan".
    ``vervolg``: the successor the source prescribes ("de volgende uitvoeringsagenda"), or None when the
    source names none; the report then speaks of no next plan.
    """

    naam: str = "het plan"
    vervolg: str | None = None

    @property
    def volgende(self) -> str | None:
        """The successor named after the plan ("de volgende agenda", "het volgende plan"), or None when the
        source names no successor."""
        if not self.vervolg:
            return None
        lidwoord, _, rest = self.naam.partition(" ")
        return f"{lidwoord} volgende {rest}" if lidwoord in ("de", "het") and rest else self.vervolg


NEUTRAAL_PLAN = Plan()


def _zin(waarde: Any) -> str | None:
    return " ".join(waarde.split()) if isinstance(waarde, str) and waarde.strip() else None


def toezicht_uit(kaders: list[dict]) -> Toezicht:
    """The assessing body and continuation rule from the gemeente's kader files (plain data, in report
    order): the first kader with a ``toezicht`` section names the body, the first with
    ``evaluatie.voortzetting`` the rule. Without either the report uses neutral wording."""
    t = next((k["toezicht"] for k in kaders if isinstance(k.get("toezicht"), dict)), {})
    regel = next((_zin(k["evaluatie"].get("voortzetting")) for k in kaders
                  if isinstance(k.get("evaluatie"), dict) and _zin(k["evaluatie"].get("voortzetting"))), None)
    orgaan = _zin(t.get("naam"))
    return Toezicht(orgaan=orgaan, taak=_zin(t.get("taak")) if orgaan else None,
                    besluit=_zin(t.get("besluit")) if orgaan else None, voortzetting=regel)


def plan_uit(kaders: list[dict]) -> Plan:
    """The plan's name and successor from the gemeente's kader files (plain data, in report order): the first
    kader with a ``plan`` section that has a ``naam``. Without one the report says "het plan" and names no
    successor."""
    m = next((k["plan"] for k in kaders if isinstance(k.get("plan"), dict) and _zin(k["plan"].get("naam"))), None)
    if m is None:
        return NEUTRAAL_PLAN
    return Plan(naam=str(_zin(m["naam"])), vervolg=_zin(m.get("vervolg")))


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


@dataclass(frozen=True)
class Voortzetten:
    bestand: Path | None
    voorgangers: tuple[Voorganger, ...] = ()
    beoordelingen: dict[str, Beoordeling] = field(default_factory=dict)


def _tekst(y: YamlBestand, waarde: Any, pad: tuple) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise y.fout(pad, "verwacht een tekst")
    if _VERBODEN.search(waarde):
        raise y.fout(pad, "tekst zonder < > ` $ \\ of |")
    return " ".join(waarde.split())


def _mapping(y: YamlBestand, waarde: Any, pad: tuple, verplicht: tuple[str, ...], optioneel: tuple[str, ...]) -> dict:
    if not isinstance(waarde, dict):
        raise y.fout(pad, "verwacht een mapping (sleutel: waarde)")
    for sleutel in waarde:
        if sleutel not in verplicht + optioneel:
            raise y.fout(pad + (str(sleutel),), f"onbekende sleutel '{sleutel}'; toegestaan: "
                                                f"{', '.join(verplicht + optioneel)}")
    for sleutel in verplicht:
        if sleutel not in waarde:
            raise y.fout(pad + (sleutel,), f"verplichte sleutel '{sleutel}' ontbreekt")
    return waarde


def _keuze(y: YamlBestand, waarde: Any, pad: tuple, keuzes: tuple[str, ...]) -> str:
    if waarde not in keuzes:
        raise y.fout(pad, f"ongeldige waarde {waarde!r}; kies uit: {', '.join(keuzes)}")
    return str(waarde)


def _lijst(y: YamlBestand, waarde: Any, pad: tuple) -> list:
    if waarde is None:
        return []
    if not isinstance(waarde, list):
        raise y.fout(pad, "verwacht een lijst")
    return waarde


def lees(pad: Path, gemeente: str, actie_ids: set[str], project_ids: set[str]) -> Voortzetten:
    """Read and check the edition's voortzetten file; an absent file means nothing recorded yet.

    Raises
    ------
    InvoerFout
        naming the file, the key path and its line: unknown keys, another gemeente, an unknown
        activity or project, a status or decision outside the allowed list, an activity assessed twice.
    """
    if not pad.exists():
        return Voortzetten(None)
    y = lees_yaml(pad)
    d = _mapping(y, y.data, (), ("gemeente",), ("voorgangers", "beoordelingen", "opmerking"))
    if d["gemeente"] != gemeente:
        raise y.fout(("gemeente",), f"dit bestand is voor gemeente {d['gemeente']!r}, het rapport voor {gemeente!r}")

    def activiteit(waarde: Any, p: tuple) -> str:
        if waarde not in actie_ids:
            raise y.fout(p, f"onbekende activiteit {waarde!r}; bekend: {', '.join(sorted(actie_ids)) or '(geen)'}")
        return str(waarde)

    voorgangers = []
    for i, item in enumerate(_lijst(y, d.get("voorgangers"), ("voorgangers",))):
        p = ("voorgangers", i)
        m = _mapping(y, item, p, ("activiteit", "projecten", "verband", "bron"), ("toelichting",))
        projecten = _lijst(y, m["projecten"], p + ("projecten",))
        if not projecten:
            raise y.fout(p + ("projecten",), "noem minstens één project")
        for j, pid in enumerate(projecten):
            if str(pid) not in project_ids:
                raise y.fout(p + ("projecten", j), f"onbekend project {pid!r}")
        bron = _mapping(y, m["bron"], p + ("bron",), ("document", "bestand", "sectie"), ("citaat",))
        voorgangers.append(Voorganger(
            activiteit=activiteit(m["activiteit"], p + ("activiteit",)),
            projecten=tuple(str(x) for x in projecten),
            verband=_keuze(y, m["verband"], p + ("verband",), VERBANDEN),
            toelichting=_tekst(y, m["toelichting"], p + ("toelichting",)) if "toelichting" in m else "",
            bron_document=_tekst(y, bron["document"], p + ("bron", "document")),
            bron_sectie=_tekst(y, bron["sectie"], p + ("bron", "sectie")),
            bron_bestand=_tekst(y, bron["bestand"], p + ("bron", "bestand")),
        ))
    beoordelingen: dict[str, Beoordeling] = {}
    for i, item in enumerate(_lijst(y, d.get("beoordelingen"), ("beoordelingen",))):
        p = ("beoordelingen", i)
        m = _mapping(y, item, p, ("activiteit", "status", "besluit"), ("aanbeveling",))
        aid = activiteit(m["activiteit"], p + ("activiteit",))
        if aid in beoordelingen:
            raise y.fout(p + ("activiteit",), f"activiteit {aid!r} is al eerder in dit bestand beoordeeld")
        beoordelingen[aid] = Beoordeling(
            activiteit=aid,
            status=_keuze(y, m["status"], p + ("status",), STATUSSEN),
            aanbeveling=_tekst(y, m["aanbeveling"], p + ("aanbeveling",)) if m.get("aanbeveling") else "",
            besluit=_keuze(y, m["besluit"], p + ("besluit",), BESLUITEN),
        )
    return Voortzetten(pad, tuple(voorgangers), beoordelingen)


def _kosten_bereik(pids: tuple[str, ...], projecten: pd.DataFrame, subsidies: pd.DataFrame) -> tuple[str, str, str]:
    p = projecten.set_index("project_id")
    namen, kosten, bereik = [], [], []
    for pid in pids:
        rij = p.loc[pid]
        namen.append(f"project {pid} {rij['naam']}")
        s = subsidies[subsidies["project_id"] == pid]
        innov = s.loc[s["budget"] == "innovatiebudget", "bedrag_eur"].sum()
        ander = s.loc[s["budget"] == "ander budget", "bedrag_eur"].sum()
        jaren = f"{int(s['jaar'].min())}–{int(s['jaar'].max())}" if len(s) else ""
        stuk = opmaak.euro(innov) + (f" + {opmaak.euro(ander)} ander budget" if ander else "")
        kosten.append(f"{stuk} ({jaren})" if jaren else opmaak.LEEG)
        bereik.append(opmaak.getal(rij["bereik"], 0) if pd.notna(rij["bereik"]) else opmaak.LEEG)
    return "; ".join(namen), "; ".join(kosten), "; ".join(bereik)


def beslistabel(acties: pd.DataFrame, v: Voortzetten, projecten: pd.DataFrame,
                subsidies: pd.DataFrame, met_voorgangers: bool = True) -> list[list[str]]:
    """Rows: activity, predecessor, cost, reach, status, recommendation, decision; without
    ``met_voorgangers`` (no activity has a predecessor) activity, status, recommendation, decision."""
    per_actie: dict[str, list[Voorganger]] = {}
    for vg in v.voorgangers:
        per_actie.setdefault(vg.activiteit, []).append(vg)
    rijen = []
    for a in acties.itertuples(index=False):
        links = per_actie.get(a.actie_id, [])
        pids = tuple(dict.fromkeys(p for vg in links for p in vg.projecten))
        voorganger, kosten, bereik = (_kosten_bereik(pids, projecten, subsidies) if pids
                                      else ("geen in de bronnen", opmaak.LEEG, opmaak.LEEG))
        b = v.beoordelingen.get(a.actie_id)
        oordeel = [b.status if b else NIET_BEOORDEELD, (b.aanbeveling or opmaak.LEEG) if b else opmaak.LEEG,
                   b.besluit if b else "nog te besluiten"]
        rijen.append([a.naam, voorganger, kosten, bereik, *oordeel] if met_voorgangers else [a.naam, *oordeel])
    return rijen


def geschiedenis(acties: pd.DataFrame, v: Voortzetten, vorige_editie: str, vorig: Voortzetten,
                 toezicht: Toezicht = GEEN_TOEZICHT) -> list[str]:
    """Activities the previous edition's assessment recommended to continue (or adapt), with that verdict
    beside today's: the history of an activity across editions."""
    kop = [f"## Doorgezet uit de evaluatie {vorige_editie}", ""]
    door = [b for b in vorig.beoordelingen.values() if b.besluit in ("voortzetten", "aanpassen")]
    orgaan = toezicht.orgaan
    if not vorig.beoordelingen:
        wie = f"heeft {md(orgaan)} geen activiteiten beoordeeld" if orgaan else "is geen activiteit beoordeeld"
        return kop + [f"In de editie {vorige_editie} {wie}; er is dus nog geen besluit om door te zetten.", ""]
    if not door:
        wie = (f"besloot {md(orgaan)} bij geen enkele activiteit tot" if orgaan
               else "is bij geen enkele activiteit besloten tot")
        return kop + [f"In de editie {vorige_editie} {wie} voortzetten of aanpassen.", ""]
    naam = acties.set_index("actie_id")["naam"].astype(str).to_dict() if not acties.empty else {}
    rijen = []
    for b in door:
        nu = v.beoordelingen.get(b.activiteit)
        rijen.append([naam.get(b.activiteit, b.activiteit), b.status, b.aanbeveling, b.besluit,
                      nu.status if nu else NIET_BEOORDEELD, nu.besluit if nu else "nog te besluiten"])
    advies = (f"Deze activiteiten adviseerde {md(orgaan)} in de editie {vorige_editie} door te zetten" if orgaan
              else f"Voor deze activiteiten was het advies in de editie {vorige_editie} om ze door te zetten")
    return kop + [f"{advies}; daarnaast hun stand nu.", "",
                  opmaak.markdown_tabel(rijen, ["Activiteit", f"Status {vorige_editie}", "Aanbeveling toen",
                                               "Besluit toen", "Status nu", "Besluit nu"])]


def hoofdstuk(acties: pd.DataFrame, themas: pd.DataFrame, v: Voortzetten, projecten: pd.DataFrame,
              subsidies: pd.DataFrame, volgorde: list[str],
              vorig: tuple[str, Voortzetten] | None = None, toezicht: Toezicht = GEEN_TOEZICHT) -> str:
    """The chapter; ``toezicht`` (from the gemeente's own kader, :func:`toezicht_uit`) names who assesses
    and the continuation rule; without them the text names neither."""
    orgaan = md(toezicht.orgaan) if toezicht.orgaan else None
    inleiding = []
    if toezicht.voortzetting:
        inleiding.append(md(toezicht.voortzetting))
    if orgaan:
        zin = _hoofdletter(orgaan) + (f", die {md(toezicht.taak)}," if toezicht.taak else "") + " beoordeelt elke activiteit"
        inleiding.append(zin + (f"; {md(toezicht.besluit)} besluiten." if toezicht.besluit else "."))
    oordeel = f"wat {orgaan} vond." if orgaan else "hoe de activiteit is beoordeeld."
    if v.voorgangers:  # predecessors are explained only when an activity has one
        inleiding.append("Dit hoofdstuk zet per activiteit op een rij wat eraan voorafging, wat dat kostte en wie het "
                         "bereikte, en " + oordeel)
        inleiding.append("Een voorganger is een project uit een eerder programma waarop de activiteit voortbouwt; "
                         "kosten en bereik zijn die van dat project.")
    else:
        inleiding.append("Dit hoofdstuk zet per activiteit op een rij " + oordeel)
    delen = ["# Wat gaat door?", "", " ".join(inleiding), ""]
    if acties.empty:
        delen.append("_In het beleidskader staan geen activiteiten om over te besluiten._")
        return "\n".join(delen) + "\n"
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
    rang = {t: i for i, t in enumerate(volgorde)}
    acties = acties.assign(_r=acties["thema_id"].map(lambda t: rang.get(t, len(rang)))).sort_values(["_r"], kind="stable")
    n_open = sum(1 for a in acties["actie_id"] if a not in v.beoordelingen)
    n = len(acties)
    if n_open == n and n == 1:
        delen.append((f"**{_hoofdletter(orgaan)} heeft de enige activiteit nog niet beoordeeld.**" if orgaan
                      else "**De enige activiteit is nog niet beoordeeld.**") + " Daarom staat bij die "
                     "activiteit \"nog niet beoordeeld\" en als besluit \"nog te besluiten\".")
    elif n_open == n:
        delen.append((f"**{_hoofdletter(orgaan)} heeft nog geen van de {n} activiteiten beoordeeld.**" if orgaan
                      else f"**Nog geen van de {n} activiteiten is beoordeeld.**") + " Daarom staat bij elke "
                     "activiteit \"nog niet beoordeeld\" en als besluit \"nog te besluiten\".")
    elif n_open:
        delen.append(f"**{n_open} van de {n} activiteiten {'is' if n_open == 1 else 'zijn'} nog niet beoordeeld**"
                     + (f" door {orgaan}." if orgaan else "."))
    elif n == 1:
        delen.append(f"{_hoofdletter(orgaan)} heeft de enige activiteit beoordeeld." if orgaan
                     else "De enige activiteit is beoordeeld.")
    else:
        delen.append(f"{_hoofdletter(orgaan)} heeft alle {n} activiteiten beoordeeld." if orgaan
                     else f"Alle {n} activiteiten zijn beoordeeld.")
    delen.append("")
    for thema, groep in acties.groupby("_r", sort=True):
        tid = groep["thema_id"].iloc[0]
        titel = namen.get(tid, tid) if isinstance(tid, str) else "Zonder thema"
        if v.voorgangers:
            rijen = beslistabel(groep, v, projecten, subsidies)
            delen.append(met_breedtes(opmaak.markdown_tabel(
                rijen, ["Activiteit", "Voorganger", "Kosten", "Bereik", "Status", "Aanbeveling", "Besluit"],
                bijschrift=f"{titel}: activiteiten, voorgangers en besluit"), [27, 18, 15, 9, 11, 12, 10]))
        else:  # no predecessor anywhere: no columns of dashes for them
            rijen = beslistabel(groep, v, projecten, subsidies, met_voorgangers=False)
            delen.append(met_breedtes(opmaak.markdown_tabel(
                rijen, ["Activiteit", "Status", "Aanbeveling", "Besluit"],
                bijschrift=f"{titel}: activiteiten en besluit"), [46, 18, 20, 16]))
    if vorig is not None:
        delen += geschiedenis(acties, v, *vorig, toezicht=toezicht)
    if v.voorgangers:
        delen += ["## Hoe hangen de activiteiten samen met eerdere projecten?", ""]
        naam_actie = acties.set_index("actie_id")["naam"]
        for vg in v.voorgangers:
            projectnamen = "; ".join(f"{md(p)} {md(projecten.set_index('project_id').loc[p, 'naam'])}"
                                     for p in vg.projecten)
            zin = (f"- **{md(naam_actie.get(vg.activiteit, vg.activiteit))}** volgt op project {projectnamen} "
                   f"({md(vg.verband)}).")
            if vg.toelichting:
                zin += f" {md(vg.toelichting)}"
            zin += f" Bron: {md(vg.bron_document)}, {md(vg.bron_sectie)}."
            delen.append(zin)
        delen += ["", "De kosten en het bereik gelden voor het hele voorgangerproject; waar de activiteit maar een "
                      "onderdeel was, staat dat in de toelichting. Een inwoner kan in meer projecten zijn meegeteld."]
    return "\n".join(delen) + "\n"


def samenvattingszin(acties: pd.DataFrame, v: Voortzetten, heeft_projecten: bool = True,
                     toezicht: Toezicht = GEEN_TOEZICHT, plan: Plan = NEUTRAAL_PLAN) -> str | None:
    """The key message on continuation; ``plan`` (the kader's name for its plan, :func:`plan_uit`) is what
    counts the activities ("De agenda telt ...", "Het plan telt ...")."""
    if acties.empty:
        return None
    n = len(acties)
    gekoppeld = len({vg.activiteit for vg in v.voorgangers})
    beoordeeld = sum(1 for a in acties["actie_id"] if a in v.beoordelingen)
    zin = f"**Wat gaat door?** {_hoofdletter(md(plan.naam))} telt {opmaak.aantal(n, 'activiteit', 'activiteiten')}"
    zin += (f"; bij {gekoppeld} noemen de bronnen een voorganger uit het innovatieprogramma. " if heeft_projecten
            else ". ")
    orgaan = md(toezicht.orgaan) if toezicht.orgaan else None
    if beoordeeld == 0:
        zin += (f"{_hoofdletter(orgaan)} heeft nog geen activiteit beoordeeld" if orgaan
                else "Nog geen activiteit is beoordeeld") + ", dus over voortzetten is nog niets te zeggen."
    else:
        besluiten = pd.Series([b.besluit for b in v.beoordelingen.values()]).value_counts()
        zin += ((f"{_hoofdletter(orgaan)} beoordeelde er {beoordeeld}: " if orgaan
                 else f"Er {'is' if beoordeeld == 1 else 'zijn'} er {beoordeeld} beoordeeld: ") +
                ", ".join(f"{k} {md(b)}" for b, k in besluiten.items()) + f"; {n - beoordeeld} nog niet.")
    return zin
