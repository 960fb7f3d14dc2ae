"""'Wat is er veranderd sinds de vorige evaluatie': per indicator the previous edition's status and latest
value beside today's, from the previous edition's recorded metrics
(``data/raw/edities/<vorige>/voortgang_metrics.json``, written by ``evaluatie nieuwe-editie``), so the old
edition is not rebuilt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaluatie.gedeeld.definities import STATUS_OPMAAK
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.hoofdstukken import opmaak

VERBETERD, VERSLECHTERD, GELIJK, NIEUW, VERVALLEN = "verbeterd", "verslechterd", "gelijk", "nieuw", "vervallen"
NIET_TE_VERGELIJKEN = "niet te vergelijken"


def met_symbool(status: str) -> str:
    """'✘ doel niet gehaald': the status with the dashboard's symbol, readable in black and white."""
    symbool = STATUS_OPMAAK.get(status, ("", ""))[1]
    return f"{symbool} {status}".strip() if status != opmaak.LEEG else status


@dataclass(frozen=True)
class Vorig:
    status: str
    status_code: int
    waarde: float | None
    jaar: int | None
    decimalen: int | None


def lees(pad: Path) -> dict[str, Vorig]:
    """The previous edition's metrics per indicator; a missing or malformed file is refused naming it."""
    if not pad.exists():
        raise InvoerFout(pad, f"de cijfers van de vorige editie ontbreken; leg ze vast met `evaluatie vastleggen "
                              f"--editie {pad.parent.name}` of zet vorige_editie leeg", sleutel="vorige_editie")
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as fout:
        raise InvoerFout(pad, f"geen geldige JSON ({fout})") from None
    if not isinstance(data, dict) or not isinstance(data.get("indicatoren"), dict):
        raise InvoerFout(pad, "verwacht een object met 'indicatoren'", sleutel="indicatoren")
    uit = {}
    for ind, m in data["indicatoren"].items():
        plek = f"indicatoren.{ind}"
        if not isinstance(m, dict):
            raise InvoerFout(pad, "verwacht een object", sleutel=plek)
        code, status = m.get("status_code"), m.get("status")
        if isinstance(code, bool) or not isinstance(code, int) or not isinstance(status, str):
            raise InvoerFout(pad, "verwacht status (tekst) en status_code (geheel getal)", sleutel=plek)
        waarde, jaar, dec = m.get("laatste_waarde"), m.get("laatste_jaar"), m.get("laatste_decimalen")
        if waarde is not None and (isinstance(waarde, bool) or not isinstance(waarde, (int, float))):
            raise InvoerFout(pad, f"verwacht een getal, gevonden {waarde!r}", sleutel=f"{plek}.laatste_waarde")
        for naam, x in (("laatste_jaar", jaar), ("laatste_decimalen", dec)):
            if x is not None and (isinstance(x, bool) or not isinstance(x, int)):
                raise InvoerFout(pad, f"verwacht een geheel getal, gevonden {x!r}", sleutel=f"{plek}.{naam}")
        uit[str(ind)] = Vorig(status, code, None if waarde is None else float(waarde), jaar, dec)
    return uit


@dataclass(frozen=True)
class Rij:
    indicator_id: str
    naam: str
    vorig_status: str
    vorig_waarde: str
    status: str
    waarde: str
    verandering: str
    #: True when today's latest measurement is the one the previous edition already had (same year)
    zelfde_meting: bool = False
    #: the unit in words when it is not a plain percentage ('aantal per 10.000 inwoners'), else ''
    eenheid: str = ""
    #: today's target was missed while the interval of its wave still contains it (shown as in the dashboard)
    binnen_marge: bool = False


def _waarde(w: float | None, jaar: int | None, is_pct: bool, dec: int | None) -> str:
    if w is None or pd.isna(w):
        return opmaak.LEEG
    tekst = opmaak.waarde_met_eenheid(w, is_pct, 1 if dec is None or pd.isna(dec) else int(dec))
    return f"{tekst} ({opmaak.jaar(jaar)})" if jaar is not None and not pd.isna(jaar) else tekst


def _eenheid(eenheid: object, is_pct: bool) -> str:
    """The unit after the indicator's name: '' for a plain percentage (the value carries '%'), else the
    unit in words with a lower-case first letter ('aantal per 1.000 inwoners van 15–64 jaar')."""
    tekst = opmaak.eenheid_tekst({"eenheid": "" if eenheid is None or pd.isna(eenheid) else str(eenheid),
                                  "is_percentage": is_pct})
    if tekst in {"", "Percentage"}:
        return ""
    return tekst[:1].lower() + tekst[1:]


def rijen(vorig: dict[str, Vorig], voortgang: pd.DataFrame, status_code: dict[str, int],
          volgorde: list[str] | None = None) -> list[Rij]:
    """One row per indicator of either edition: this edition's indicators in ``volgorde`` (the dashboard's
    order: by theme, then as in the kader; default the order of ``voortgang``), then indicators the previous
    edition had and this one has not.

    ``status_code`` orders the statuses (higher is better; 0 = no verdict possible). When either edition has no
    verdict ("onvoldoende gegevens"), the row reads "niet te vergelijken", also when both have none.
    """
    if volgorde is not None:
        rang = {ind: i for i, ind in enumerate(volgorde)}
        voortgang = voortgang.assign(_rang=voortgang["indicator_id"].map(rang).fillna(len(rang)))
        voortgang = voortgang.sort_values("_rang", kind="mergesort")
    uit = []
    gezien = set()
    for r in voortgang.itertuples(index=False):
        gezien.add(r.indicator_id)
        nu = _waarde(r.laatste_waarde, r.laatste_jaar, bool(r.is_percentage), r.laatste_decimalen)
        eenheid = _eenheid(getattr(r, "eenheid", None), bool(r.is_percentage))
        v = vorig.get(r.indicator_id)
        if v is None:
            uit.append(Rij(r.indicator_id, str(r.naam), opmaak.LEEG, opmaak.LEEG, str(r.status), nu, NIEUW,
                           eenheid=eenheid))
            continue
        code = status_code.get(str(r.status), -1)
        if code <= 0 or v.status_code <= 0:
            richting = NIET_TE_VERGELIJKEN
        elif code == v.status_code:
            richting = GELIJK
        else:
            richting = VERBETERD if code > v.status_code else VERSLECHTERD
        zelfde = (v.jaar is not None and not pd.isna(r.laatste_jaar) and int(r.laatste_jaar) == int(v.jaar))
        uit.append(Rij(r.indicator_id, str(r.naam), v.status,
                       _waarde(v.waarde, v.jaar, bool(r.is_percentage), v.decimalen), str(r.status), nu, richting,
                       zelfde, eenheid,
                       str(getattr(r, "doel_oordeel", None)) == "niet_gehaald_binnen_foutmarge"))
    for ind, v in sorted(vorig.items()):
        if ind not in gezien:
            uit.append(Rij(ind, ind, v.status, _waarde(v.waarde, v.jaar, False, v.decimalen), opmaak.LEEG,
                           opmaak.LEEG, VERVALLEN))
    return uit


def zin(rs: list[Rij], vorige_editie: str) -> str:
    """The summary sentence: "Ten opzichte van de evaluatie 2021-2022: 3 indicatoren verbeterden van status,
    1 verslechterde en 18 bleven gelijk"; a count of zero is left out ("geen indicator veranderde van status")."""
    n = {k: sum(1 for r in rs if r.verandering == k) for k in (VERBETERD, VERSLECHTERD, GELIJK)}

    def ind(k: int) -> str:
        return f"{k} {'indicator' if k == 1 else 'indicatoren'}"

    def werkwoord(k: int, enkel: str, meer: str) -> str:
        return enkel if k == 1 else meer

    b, sl, g = n[VERBETERD], n[VERSLECHTERD], n[GELIJK]
    if b == sl == 0:  # never '0 indicatoren verbeterden, 0 verslechterden'
        kern = (f"geen indicator veranderde van status ({g} {werkwoord(g, 'bleef', 'bleven')} gelijk)" if g else
                "geen indicator is te vergelijken")
    else:
        delen = []
        if b:
            delen.append(f"{ind(b)} {werkwoord(b, 'verbeterde', 'verbeterden')} van status")
        if sl:
            delen.append(f"{ind(sl) if not delen else sl} {werkwoord(sl, 'verslechterde', 'verslechterden')}"
                         + ("" if b else " van status"))
        if g:
            delen.append(f"{g} {werkwoord(g, 'bleef', 'bleven')} gelijk")
        kern = delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]
    tekst = f"**Veranderd sinds de vorige evaluatie.** Ten opzichte van de evaluatie {vorige_editie}: {kern}"
    rest = len(rs) - sum(n.values())
    if rest and not (b or sl or g):
        tekst = (f"**Veranderd sinds de vorige evaluatie.** Ten opzichte van de evaluatie {vorige_editie} is bij "
                 "geen enkele indicator een vergelijking mogelijk (te weinig gegevens, nieuw of vervallen)")
    elif rest:
        tekst += (f"; bij {rest} {'indicator' if rest == 1 else 'indicatoren'} is geen vergelijking mogelijk "
                  "(te weinig gegevens, nieuw of vervallen)")
    oud = sum(1 for r in rs if r.zelfde_meting)
    if oud:
        tekst += (f". Bij {oud} van de {len(rs)} indicatoren is er sinds de vorige evaluatie geen nieuwe meting; "
                  "daar is 'gelijk' dus geen gemeten stabiliteit")
    return tekst + "."


def _cel(status: str, waarde: str, binnen_marge: bool = False) -> str:
    """'✘ doel niet gehaald; 50 % (2022)': one edition's status with its latest measurement ('✘ doel niet
    gehaald, binnen de foutmarge; 42 % (2023)' when the target lies inside the wave's interval)."""
    tekst = met_symbool(status) + (", binnen de foutmarge" if binnen_marge else "")
    return tekst if waarde == opmaak.LEEG else f"{tekst}; {waarde}"


def hoofdstuk(rs: list[Rij], vorige_editie: str, editie: str) -> str:
    """The council report's section: the sentence and the table (per edition the status with the dashboard's
    symbol and the latest measurement in one cell, so the table fits a page and a phone)."""
    koppen = ["Indicator", f"Evaluatie {vorige_editie}", f"Evaluatie {editie}", "Status veranderd?"]
    tabel = opmaak.markdown_tabel([[f"{r.naam} ({r.eenheid})" if r.eenheid else r.naam,
                                    _cel(r.vorig_status, r.vorig_waarde), _cel(r.status, r.waarde, r.binnen_marge), r.verandering]
                                   for r in rs], koppen,
                                  bijschrift=f"Status en laatste meting per indicator: evaluatie {vorige_editie} "
                                             f"en {editie}")
    return "\n".join([
        "# Wat is er veranderd sinds de vorige evaluatie", "",
        f"Per indicator de status en de laatste meting (met het jaar) uit de evaluatie {vorige_editie} naast die "
        f"van nu. De cijfers van {vorige_editie} zijn de cijfers zoals ze bij die evaluatie zijn vastgelegd; komen "
        "er later nog cijfers over oude jaren binnen, dan kan de waarde van nu anders zijn dan toen. Is de "
        "eenheid geen gewoon percentage, dan staat ze tussen haakjes achter de naam van de indicator. De laatste "
        "kolom vergelijkt alleen de status, niet de waarde: een waarde kan iets veranderen terwijl de status "
        "gelijk blijft. 'Verbeterd' en 'verslechterd' volgen de volgorde van de statussen, van doel gehaald tot doel niet gehaald. Bij 'onvoldoende gegevens' is er geen "
        "oordeel, dus ook geen vergelijking; waarom de gegevens niet volstaan, staat bij de indicator in het "
        "themahoofdstuk.", "",
        zin(rs, vorige_editie), "", tabel, ""])
