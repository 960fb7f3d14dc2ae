"""The dashboard: every indicator in chapter order with base, target, latest value, unit, Nederland, status.

Status colour, symbol and word come from the ``voortgang`` table as given. The comparison with
Nederland is shown when ``voortgang`` carries it (value, optionally year and a verdict code) and
degrades to "–" when it does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from evaluatie.gedeeld.definities import STATUS_OPMAAK
from evaluatie.hoofdstukken import opmaak

KLEUR_TYPST = {"groen": "rgb(\"#cfe8d7\")", "oranje": "rgb(\"#fde0bd\")",
               "rood": "rgb(\"#f6c6c0\")", "grijs": "rgb(\"#e4e4e4\")"}
KOPPEN = ["Indicator", "Basis", "Doel", "Laatste meting", "Eenheid", "Nederland", "Status"]
#: Verdict codes of the comparison with Nederland, in words.
NL_CODES = {"hoger": "hoger", "lager": "lager", "binnen_foutmarge": "niet aantoonbaar anders",
            "gelijk": "gelijk", "niet_te_toetsen": "niet te toetsen"}
#: Column names the comparison verdict may carry.
NL_CODE_KOLOMMEN = ("nl_vergelijking", "nl_uitkomst", "nl_code", "nl_oordeel")
#: The marker put after an assumed year or a mismatched age group.
MARKER = "*"
#: The marker put after the year of a base value that is not in the kader but is the first measurement.
MARKER_EERSTE_METING = "†"
#: What that marker means, under the dashboard and under a theme's indicator table.
UITLEG_EERSTE_METING = ("Het beleidskader noemt voor deze indicator geen beginwaarde; als vergelijkingspunt dient de "
                        "eerste meting, met het jaar van die meting.")


def status_tekst(v: Mapping[str, Any]) -> str:
    """The status as symbol + word(s), so it survives black-and-white printing: '✘ doel niet gehaald'.

    A missed target whose latest interval still contains the target (``doel_oordeel``
    ``niet_gehaald_binnen_foutmarge``) stays 'doel niet gehaald' (a missed target is called missed) but
    carries the caveat, as 'doel gehaald, binnen de foutmarge' does: '✘ doel niet gehaald, binnen de
    foutmarge'."""
    tekst = f"{v.get('symbool', '') or ''} {v['status']}".strip()
    if str(v.get("doel_oordeel")) == "niet_gehaald_binnen_foutmarge":  # missing (None, NA) -> no caveat
        tekst += ", binnen de foutmarge"
    return tekst


@dataclass(frozen=True)
class Rij:
    thema: str
    indicator: str
    basis: str
    doel: str
    laatste: str
    eenheid: str
    nederland: str
    status: str
    kleur: str


def typst_str(s: str) -> str:
    """A Typst string literal on one line (inside a raw ```{=typst} block a line break could end it)."""
    return _letterlijk(opmaak.een_regel(s))


def _letterlijk(s: str) -> str:
    """``s`` (already on one line) as a Typst string literal, spaces kept."""
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    # '#' and '@' as escapes: the string can never look like code to the final guard on the Typst source
    return '"' + s.replace("#", "\\u{23}").replace("@", "\\u{40}") + '"'


#: a word of 16 or more letters, not part of a file name, code or number (see zetwerk/bijschriften.lua)
_LANG_WOORD = re.compile(r"(?<![\w./@])([^\W\d_]{16,})(?![\w./@])")


def typst_cel(s: str) -> str:
    """A table cell's content as Typst markup of string literals; a word of 16 or more letters
    ("beroepsbevolking") may be hyphenated so it does not run into the next column (the dashboard is
    raw Typst, which the Lua filter for the other tables does not reach)."""
    s = opmaak.een_regel(s)
    delen, pos = [], 0
    for m in _LANG_WOORD.finditer(s):
        if m.start() > pos:
            delen.append("#" + _letterlijk(s[pos:m.start()]))
        delen.append(f"#text(hyphenate: true, {_letterlijk(m.group(1))})")
        pos = m.end()
    if pos < len(s) or not delen:
        delen.append("#" + _letterlijk(s[pos:]))
    return "[" + "".join(delen) + "]"


def html(s: str) -> str:
    """Text for raw HTML, on one line (inside a raw ```{=html} block a line break could end it)."""
    s = opmaak.een_regel(s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _decimalen(v: pd.Series | None, kolom: str, standaard: int = 1) -> int:
    """Decimals as the source published them (``voortgang`` columns ``*_decimalen``)."""
    d = None if v is None else v.get(kolom)
    return standaard if d is None or pd.isna(d) else int(d)


def _waarde(w: object, jaar: object, is_pct: bool, aangenomen: bool = False, decimalen: int = 1) -> str:
    if w is None or pd.isna(w):
        return opmaak.LEEG
    j = "" if jaar is None or pd.isna(jaar) else f" ({opmaak.jaar(jaar)}{MARKER if aangenomen else ''})"
    return opmaak.waarde_met_eenheid(w, is_pct, decimalen) + j


def basis(ind: pd.Series, v: pd.Series | None) -> tuple[object, object, bool]:
    """The base value shown for an indicator: ``(waarde, jaar, eerste_meting)``.

    The kader's base value with its year when the kader gives one; otherwise the reference the
    ``voortgang`` stage measured the change against (``basis_bron == "meting"``: the first valid
    measurement, with that measurement's year), flagged ``eerste_meting=True``; otherwise nothing.
    Every table of the report shows the base through this function, so they agree.
    """
    w = ind.get("basis_waarde")
    if w is not None and not pd.isna(w):
        return w, ind.get("basis_jaar"), False
    if v is not None and v.get("basis_bron") == "meting":
        w = v.get("basis_waarde")
        if w is not None and not pd.isna(w):
            return w, v.get("basis_jaar"), True
    return None, None, False


def basis_tekst(ind: pd.Series, v: pd.Series | None, aangenomen: bool = False, decimalen: int = 1) -> str:
    """'27 % (2016†)' for a first measurement, '46 % (2016*)' for an assumed year, '–' without a base."""
    w, jaar, eerste = basis(ind, v)
    tekst = _waarde(w, jaar, bool(ind["is_percentage"]), aangenomen, decimalen)
    if eerste and tekst.endswith(")"):
        tekst = tekst[:-1] + MARKER_EERSTE_METING + ")"
    return tekst


def doel_tekst(ind: pd.Series, doel_aangenomen: bool = False, decimalen: int = 1) -> str:
    """The target as a reader says it; 'geen doel vastgesteld' when the council set none."""
    if ind["doel_type"] == "waarde":
        return _waarde(ind["doel_waarde"], ind["doel_jaar"], bool(ind["is_percentage"]), doel_aangenomen, decimalen)
    if ind["doel_type"] == "richting_per_jaar":
        return opmaak.richtingsdoel(ind["richting"], ind.get("basis_jaar"), ind["doel_vanaf_jaar"], ind["doel_jaar"])
    return "geen doel vastgesteld"


def nederland(v: pd.Series, is_pct: bool) -> str:
    """'47,0 % (2022), hoger' — as much of the comparison as ``voortgang`` carries, else '–'."""
    waarde = v.get("nl_waarde")
    if waarde is None or pd.isna(waarde):
        return opmaak.LEEG
    tekst = _waarde(waarde, v.get("nl_jaar"), is_pct, decimalen=_decimalen(v, "nl_decimalen"))
    for kolom in NL_CODE_KOLOMMEN:
        code = v.get(kolom)
        if isinstance(code, str) and code:
            tekst += f", {gemeente_woord(code)}"
            break
    return tekst


def gemeente_woord(code: str) -> str:
    return NL_CODES.get(code, code.replace("_", " "))


def rijen(voortgang: pd.DataFrame, indicatoren: pd.DataFrame, themas: pd.DataFrame,
          thema_volgorde: list[str], aannames: dict[str, list[str]] | None = None) -> list[Rij]:
    """One row per indicator, themes in chapter order, indicators in kader order within a theme."""
    aannames = aannames or {}
    namen = themas.drop_duplicates("thema_id").set_index("thema_id")["naam"]
    vg = voortgang.set_index("indicator_id")
    volgorde = {t: i for i, t in enumerate(thema_volgorde)}
    ind = indicatoren.reset_index(drop=True)
    ind = ind.assign(_t=ind["thema_id"].map(lambda t: volgorde.get(t, len(volgorde))), _i=range(len(ind)))
    uit = []
    for _, i in ind.sort_values(["_t", "_i"]).iterrows():
        if i["indicator_id"] not in vg.index:
            continue
        v = vg.loc[i["indicator_id"]]
        soorten = aannames.get(i["indicator_id"], [])
        pct = bool(i["is_percentage"])
        naam = str(i["naam"]) + (f" {MARKER}" if {"leeftijd", "tabel"} & set(soorten) else "")
        uit.append(Rij(
            thema=str(namen.get(i["thema_id"], i["thema_id"])),
            indicator=naam,
            basis=basis_tekst(i, v, "basisjaar" in soorten, _decimalen(v, "basis_decimalen")),
            doel=doel_tekst(i, "doeljaar" in soorten, _decimalen(v, "doel_decimalen")),
            laatste=_waarde(v.get("laatste_waarde"), v.get("laatste_jaar"), pct,
                            decimalen=_decimalen(v, "laatste_decimalen")),
            eenheid=opmaak.voluit(str(i["eenheid"])),  # 'jr. eo' -> 'jaar en ouder' (the kader's words)
            nederland=nederland(v, pct),
            status=status_tekst(v),
            kleur=str(v.get("kleur", "grijs")),
        ))
    return uit


def _per_thema(rs: list[Rij]) -> list[tuple[str, list[Rij]]]:
    groepen: list[tuple[str, list[Rij]]] = []
    for r in rs:
        if not groepen or groepen[-1][0] != r.thema:
            groepen.append((r.thema, []))
        groepen[-1][1].append(r)
    return groepen


BIJSCHRIFT = "Dashboard: de stand van alle indicatoren, in de volgorde van de hoofdstukken"


def als_markdown(rs: list[Rij], met_raw: bool = True) -> str:
    """Raw Typst (coloured status cells) and raw HTML; or, ``met_raw=False``, a plain table (Word)."""
    if not met_raw:
        tabel = [[r.thema + ": " + r.indicator, r.basis, r.doel, r.laatste, r.eenheid, r.nederland, r.status]
                 for r in rs]
        return opmaak.markdown_tabel(tabel, KOPPEN, bijschrift=BIJSCHRIFT)
    typ = ["```{=typst}", f"#figure(kind: table, caption: [{BIJSCHRIFT}])[",
           "#set text(size: 7.5pt)",
           "#table(columns: (2.1fr, 1.1fr, 1.15fr, 1.1fr, 1.2fr, 1.5fr, 1.45fr), "
           "align: (left, right, right, right, left, left, left),",
           "table.header(" + ", ".join(f"[{k}]" for k in KOPPEN) + "),"]
    for thema, groep in _per_thema(rs):
        typ.append(f"table.cell(colspan: 7, fill: luma(96%))[#strong({typst_str(thema)})],")
        for r in groep:
            cellen = ", ".join(typst_cel(x) for x in (r.indicator, r.basis, r.doel, r.laatste, r.eenheid, r.nederland))
            typ.append(f"{cellen}, table.cell(fill: {KLEUR_TYPST.get(r.kleur, KLEUR_TYPST['grijs'])})"
                       f"[#strong({typst_str(r.status)})],")
    typ += [")]", "```"]
    h = ["```{=html}", '<table class="dashboard">', f"<caption>{html(BIJSCHRIFT)}</caption>",
         "<thead><tr>" + "".join(f'<th scope="col">{k}</th>' for k in KOPPEN) + "</tr></thead><tbody>"]
    for thema, groep in _per_thema(rs):
        h.append(f'<tr class="thema"><th colspan="7" scope="rowgroup">{html(thema)}</th></tr>')
        for r in groep:
            h.append(f'<tr><th scope="row">{html(r.indicator)}</th><td>{html(r.basis)}</td><td>{html(r.doel)}</td>'
                     f"<td>{html(r.laatste)}</td><td>{html(r.eenheid)}</td><td>{html(r.nederland)}</td>"
                     f'<td class="status kleur-{html(r.kleur)}">{html(r.status)}</td></tr>')
    h += ["</tbody></table>", "```"]
    return "\n".join(typ) + "\n\n" + "\n".join(h) + "\n"


def legenda(voortgang: pd.DataFrame) -> str:
    """The status legend: every status that occurs in ``voortgang``, in the vocabulary's order."""
    aanwezig = set(voortgang["status"].astype(str)) if "status" in voortgang else set()
    delen = [f"{symbool} {status}" for status, (_kleur, symbool) in STATUS_OPMAAK.items() if status in aanwezig]
    return ("Status in woorden én met een symbool, zodat de tabel ook in zwart-wit leesbaar is: "
            + " · ".join(delen) + ".")


def voetnoot_aannames(aannames: dict[str, list[str]], rs: list[Rij] | None = None) -> str:
    """One sentence per marker, only when some row carries it: ``*`` (an assumption, from ``aannames``)
    and ``†`` (a first measurement as base, seen in the rows ``rs``)."""
    delen = []
    if any(aannames.values()):
        delen.append(f"\\{MARKER} Aanname: de bron noemt dit jaar niet, de monitor meet een iets andere "
                     "leeftijdsgroep dan het doel noemt, of de reeks komt uit twee versies van een tabel. Per "
                     "indicator staat de aanname in het hoofdstuk en in de verantwoording.\n")
    if any(MARKER_EERSTE_METING in r.basis for r in rs or []):
        delen.append(f"{MARKER_EERSTE_METING} {UITLEG_EERSTE_METING}\n")
    return "\n".join(delen)
