"""The Dutch sentences about one indicator, built from the numbers of ``voortgang.parquet``.

The `voortgang` stage writes numbers and codes only; this module turns a row of that table
into plain Dutch for the council. Numbers are printed with the decimals the source
published (columns ``*_decimalen``) through :mod:`evaluatie.hoofdstukken.opmaak`. The
Eurostat classes never appear here: their thresholds are not verified against Eurostat's
text (docs/methodologie.md).

Public: :func:`zin` (the finding per indicator), :func:`vergelijking_nederland` (the
comparison phrase, also for the dashboard), :func:`doel_zin`, :func:`waarde`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from evaluatie.hoofdstukken import opmaak


def _leeg(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(math.isnan(x))
    except TypeError:
        return str(x) in ("<NA>", "nan", "None")


def _v(r: Mapping[str, Any], k: str) -> Any:
    x = r.get(k)
    return None if _leeg(x) else x


def _dec(r: Mapping[str, Any], k: str, standaard: int = 1) -> int:
    x = _v(r, k)
    return standaard if x is None else int(x)


def waarde(r: Mapping[str, Any], x: float | None, decimalen: int) -> str:
    """A value of this indicator with its unit: '11,0 %', '544,5', '4 %'."""
    return opmaak.waarde_met_eenheid(x, bool(_v(r, "is_percentage")), decimalen)


def _verschil(r: Mapping[str, Any], x: float, decimalen: int) -> str:
    """An absolute difference: '7,0 procentpunt' for percentages, else the plain number."""
    return opmaak.verschil(x, bool(_v(r, "is_percentage")), decimalen)


def _interval(r: Mapping[str, Any], onder: Any, boven: Any, decimalen: int) -> str:
    if _leeg(onder) or _leeg(boven):
        return ""
    return f"; foutmarge {opmaak.interval(onder, boven, bool(_v(r, 'is_percentage')), decimalen)}"


def _midden(naam: str) -> str:
    naam = (naam or "de indicator").strip()
    return naam[:1].lower() + naam[1:] if naam[1:2].islower() else naam


#: words that end the head of an indicator name ('Deelname aan vrijwilligerswerk', 'Jongeren met jeugdhulp')
_NA_KERN = re.compile(r"\s(?:aan|van|met|in|voor|die|dat|boven|onder|tot)\s|\s?\(")
#: endings of an abstract noun (a rate or an activity, not a group of people): 'arbeidsparticipatie',
#: 'belasting', 'deelname', 'tevredenheid'; all take 'de'
_ABSTRACT = ("ie", "ing", "name", "heid")
#: abstract nouns that take 'het'
_HET_WOORDEN = ("gebruik",)


def _lidwoord_abstract(naam: str) -> str | None:
    """'De' or 'Het' when ``naam`` names a rate or an activity ('Netto arbeidsparticipatie', 'Gebruik van
    respijtzorg'), so the sentence says 'De netto arbeidsparticipatie steeg' and not 'Het percentage netto
    arbeidsparticipatie'; None for a group of people ('Jongeren met jeugdhulp', 'Ernstig eenzamen')."""
    kern = _NA_KERN.split(naam, maxsplit=1)[0].lower().split()
    if any(w in _HET_WOORDEN for w in kern):
        return "Het"
    if any(w.endswith(_ABSTRACT) for w in kern):
        return "De"
    return None


def _onderwerp(r: Mapping[str, Any], naam: str) -> str:
    naam = (naam or "de indicator").strip()
    if naam.lower().startswith(("het ", "de ")):
        return naam[:1].upper() + naam[1:]
    if _v(r, "is_percentage"):
        lidwoord = _lidwoord_abstract(naam)
        if lidwoord:
            return f"{lidwoord} {_midden(naam)}"
        return f"Het percentage {_midden(naam)}"
    eenheid = opmaak.voluit(str(_v(r, "eenheid") or ""))
    if eenheid.lower().startswith("aantal per "):
        return f"Het aantal {_midden(naam)} {eenheid[len('aantal '):]}"
    return naam[:1].upper() + naam[1:]


def vergelijking_nederland(r: Mapping[str, Any]) -> str:
    """The comparison with Nederland as a phrase, e.g. 'hoger dan Nederland (9 %)',
    'verschil met Nederland (12 %) binnen de foutmarge', 'niet te toetsen tegen Nederland
    (modelschatting zonder interval)'; '' when there is no national figure for that year."""
    oordeel = _v(r, "nl_oordeel")
    if oordeel is None or _v(r, "nl_waarde") is None:
        return ""
    nl = waarde(r, _v(r, "nl_waarde"), _dec(r, "nl_decimalen"))
    if oordeel in ("hoger", "lager"):
        return f"{oordeel} dan Nederland ({nl})"
    if oordeel == "binnen_foutmarge":
        if _v(r, "nl_methode") == "materialiteit":
            return f"vrijwel gelijk aan Nederland ({nl}; verschil kleiner dan de materialiteitsgrens)"
        return f"verschil met Nederland ({nl}) binnen de foutmarge"
    soort = {"modelschatting": "modelschatting zonder interval", "directe_schatting": "geen foutmarge bekend"}
    return f"niet te toetsen tegen Nederland ({nl}; {soort.get(str(_v(r, 'onzekerheid')), 'geen foutmarge bekend')})"


def vergelijking_gemeenten(r: Mapping[str, Any], namen: Mapping[str, str]) -> str:
    """The verdict against each comparable municipality as one sentence, e.g. 'Ten opzichte van
    Leidschendam-Voorburg: hoger.' ('' without comparison). ``namen``: CBS code -> name."""
    tekst = _v(r, "vergelijking_gemeenten")
    if not tekst:
        return ""
    woorden = {"hoger": "hoger", "lager": "lager", "binnen_foutmarge": "verschil binnen de foutmarge",
               "niet_te_toetsen": "niet te toetsen"}
    delen = []
    for deel in str(tekst).split(";"):
        code, _, oordeel = deel.partition(":")
        delen.append(f"{namen.get(code, code)}: {woorden.get(oordeel, oordeel)}")
    return "Ten opzichte van " + "; ".join(delen) + "."


def _opsomming(delen: list[str]) -> str:
    """'2022', '2022 en 2023', '2021, 2022 en 2023'."""
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def doel_zin(r: Mapping[str, Any]) -> str:
    """What became of the target, in one sentence (empty without a target).

    The verdict rests on the wave in ``doel_meting_jaar`` (the first in or after the target year, else the
    latest); when that is not the target year (a survey without a wave in the target year, judged on the
    first wave after it) the sentence names its year."""
    doel_type = _v(r, "doel_type")
    richting = _v(r, "richting")
    oordeel = _v(r, "doel_oordeel")
    if doel_type == "waarde":
        dd = _dec(r, "doel_decimalen", 0)
        doel = waarde(r, _v(r, "doel_waarde"), dd)
        jaar = opmaak.jaar(_v(r, "doel_jaar"))
        kant = "boven" if richting == "lager" else "onder"
        # the verdict rests on the latest wave; when that is not from the target year, say which year it is
        meetjaar = _v(r, "doel_meting_jaar") or _v(r, "laatste_jaar")
        # name the wave's year when it is not the target year, or not the latest wave the sentence quoted before
        ander_jaar = meetjaar is not None and (opmaak.jaar(meetjaar) != jaar
                                               or opmaak.jaar(meetjaar) != opmaak.jaar(_v(r, "laatste_jaar")))
        meting = f"de meting van {opmaak.jaar(meetjaar)}" if ander_jaar else "de meting"
        if oordeel in ("gehaald", "gehaald_binnen_foutmarge"):
            zin = f"Het doel van {doel} in {jaar} is gehaald"
            if ander_jaar:
                zin += f" volgens {meting}"
            if oordeel == "gehaald_binnen_foutmarge":
                zin += f", binnen de foutmarge: het interval van {meting} bevat het doel nog"
            return zin + "."
        if oordeel in ("niet_gehaald", "niet_gehaald_binnen_foutmarge"):
            dm = _dec(r, "doel_meting_decimalen") if _v(r, "doel_meting_decimalen") is not None else _dec(r, "laatste_decimalen")
            tekort = _verschil(r, float(_v(r, "doel_tekort")), max(dd, dm))
            zin = f"Het doel van {doel} in {jaar} is niet gehaald: {meting} ligt {tekort} {kant} het doel"
            if oordeel == "niet_gehaald_binnen_foutmarge":
                zin += f", al valt het doel nog binnen de foutmarge van {meting}"
            # judged on the target year's wave; a later wave that reaches the target is said, not counted
            lj, lw, dw = _v(r, "laatste_jaar"), _v(r, "laatste_waarde"), _v(r, "doel_waarde")
            if (lj is not None and meetjaar is not None and int(lj) > int(meetjaar) and lw is not None
                    and dw is not None and (float(lw) <= float(dw) if richting == "lager" else float(lw) >= float(dw))):
                zin += f"; de meting van {opmaak.jaar(lj)} haalt het inmiddels wel"
            return zin + "."
        zin = f"Het doel is {doel} in {jaar}"
        if _v(r, "afstand_gesloten") is not None:
            zin += f"; {opmaak.aandeel(_v(r, 'afstand_gesloten'))} van de afstand is afgelegd"
        if _v(r, "tempo_ratio") is not None:
            zin += f", in {opmaak.aandeel(_v(r, 'tempo_ratio'))} van het benodigde tempo"
        return zin + "."
    if doel_type == "richting_per_jaar":
        woord = "lager" if richting == "lager" else "hoger"
        tegen = "hoger" if richting == "lager" else "lager"
        basisjaar = opmaak.jaar(_v(r, "basis_jaar"))
        zin = f"Het streven is elk jaar {woord} dan in {basisjaar}"
        k = n = 0
        if _v(r, "jaren_in_richting"):
            k, n = (int(x) for x in str(_v(r, "jaren_in_richting")).split("/"))
        slechter = _opsomming(str(_v(r, "jaren_niet_in_richting")).split(", ")) if _v(r, "jaren_niet_in_richting") else ""
        doeljaar, laatste_jaar = _v(r, "doel_jaar"), _v(r, "laatste_jaar")
        voorbij = doeljaar is not None and laatste_jaar is not None and int(laatste_jaar) >= int(doeljaar)
        if oordeel == "niet_gehaald" and slechter and not voorbij:
            zin += f"; dat is niet meer te halen, want in {slechter} was het aantoonbaar {tegen} dan in {basisjaar}"
            if k:
                zin += f" (in {k} van de {n} gemeten jaren van de doelperiode was het wel aantoonbaar {woord})"
            return zin + "."
        if n == 1:
            zin += f"; in het enige gemeten jaar van de doelperiode was dat {'aantoonbaar zo' if k else 'niet aantoonbaar zo'}"
        elif n and k == n:
            zin += f"; dat was aantoonbaar zo in {'beide' if n == 2 else f'alle {n}'} gemeten jaren van de doelperiode"
        elif n:
            zin += f"; dat was aantoonbaar zo in {'geen' if k == 0 else k} van de {n} gemeten jaren van de doelperiode"
        if oordeel == "gehaald":
            zin += "; het streven is over de hele doelperiode gehaald"
        elif oordeel == "niet_gehaald":
            zin += "; het streven is over de doelperiode niet gehaald"
            if slechter:
                zin += f" (in {slechter} aantoonbaar {tegen} dan in {basisjaar})"
        return zin + "."
    woord = "daling" if richting == "lager" else "stijging"
    return f"Er is geen streefwaarde; gewenst is een {woord}."


def _afgerond_gelijk(r: Mapping[str, Any]) -> str:
    """Why a change of a registration counts as none when the two values differ but are equal at the
    coarser of their precisions (:func:`evaluatie.voortgang.toetsen.vergelijk` compares them so):
    'de beginwaarde (8 %) staat in de beleidstekst in hele procenten, en zo afgerond is 7,5 % ook 8 %'.
    '' when that is not the reason (the values differ after rounding, or are equal as given)."""
    b, l_, verandering = _v(r, "basis_waarde"), _v(r, "laatste_waarde"), _v(r, "verandering")
    if b is None or l_ is None or verandering is None or float(verandering) != 0 or float(b) == float(l_):
        return ""
    bd, ld = _dec(r, "basis_decimalen"), _dec(r, "laatste_decimalen")
    d = min(bd, ld)
    if d == 0:
        precisie = "in hele procenten" if _v(r, "is_percentage") else "in hele getallen"
    else:
        precisie = "op één decimaal" if d == 1 else f"op {d} decimalen"
    eerste, laatste = (waarde(r, float(b), bd), waarde(r, float(l_), ld)) if bd <= ld else \
        (waarde(r, float(l_), ld), waarde(r, float(b), bd))
    waar = "staat in de beleidstekst" if _v(r, "basis_bron") == "kader" and bd <= ld else "is gegeven"
    wie = "de beginwaarde" if bd <= ld else "de laatste meting"
    # the verdict compared both at the coarser precision and found them equal: rounded, the finer value is the
    # coarser one as given (no rounding here, so the sentence cannot round otherwise than the verdict did)
    zin = f"{wie} ({eerste}) {waar} {precisie}, en zo afgerond is {laatste} ook {eerste}"
    if _helft_anders_dan_omhoog(float(l_) if bd <= ld else float(b), d):
        # 2,5 -> 2: true for the verdict's rule, not for a reader who rounds a half up (a tester's finding)
        zin += " (een exacte helft wordt naar het even getal afgerond, zodat 'x' en '100 - x' hetzelfde oordeel krijgen)"
    return zin


def _helft_anders_dan_omhoog(x: float, d: int) -> bool:
    """Is ``x`` an exact half at ``d`` decimals that rounds to the even digit differently than half up
    (2,5 -> 2 instead of 3)? The verdict rounds half to even (``voortgang.onzekerheid.rond``)."""
    from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-d)
    w = Decimal(repr(x))
    return w.quantize(q, rounding=ROUND_HALF_EVEN) != w.quantize(q, rounding=ROUND_HALF_UP)


def _ptekst(r: Mapping[str, Any], gecorrigeerd: bool) -> str:
    """The p-value of a change within the margin, in brackets, and what it means for a council reader.

    With ``gecorrigeerd`` (setting ``drempels.benjamini_hochberg``) the corrected p-value decided, so that
    one is shown, with the uncorrected one beside it. A ``*_grens`` test (the source gives its margin only
    bounded, e.g. rounded to equal bounds) knows its p-value only as a lower bound: shown as 'p ≥'."""
    p = _v(r, "verandering_p")
    if p is None:
        return ""
    grens = str(_v(r, "verandering_methode") or "").endswith("_grens")
    teken, minstens = ("≥", "minstens ") if grens else ("=", "")
    q = _v(r, "verandering_p_bh") if gecorrigeerd else None
    if q is not None:
        return (f" (p {teken} {opmaak.getal(q, 2)} na correctie voor het aantal toetsen in dit rapport; zonder "
                f"die correctie p {teken} {opmaak.getal(p, 2)})")
    uitleg = (f"als er niets veranderd was, zou een verschil van minstens deze grootte in {minstens}"
              f"{opmaak.procent(p * 100, 0)} van de steekproeven door toeval ontstaan")
    if grens:
        uitleg += "; de bron geeft de foutmarge niet precies, en dit is de kleinste kans die daarbij past"
    return f" (p {teken} {opmaak.getal(p, 2)}: {uitleg})"


def _veranderzin(r: Mapping[str, Any], materialiteit: float, gecorrigeerd: bool = False) -> str:
    oordeel = _v(r, "verandering_oordeel")
    methode = _v(r, "verandering_methode")
    sinds = opmaak.jaar(_v(r, "basis_jaar"))
    if oordeel in ("hoger", "lager"):
        woord = "stijging" if oordeel == "hoger" else "daling"
        extra = " (de intervallen overlappen niet)" if methode == "overlap" else ""
        return f"De {woord} sinds {sinds} is aantoonbaar{extra}."
    if oordeel == "binnen_foutmarge":
        if methode == "overlap":
            return f"Een verandering sinds {sinds} is niet aantoonbaar: de intervallen overlappen."
        if methode == "materialiteit":
            afgerond = _afgerond_gelijk(r)
            if afgerond:
                return f"De verandering sinds {sinds} telt niet: {afgerond}."
            grens = opmaak.procent(materialiteit * 100, 0)
            return (f"De verandering sinds {sinds} telt niet: op de precisie van de bron is ze kleiner dan "
                    f"{grens} van de beginwaarde.")
        return f"De verandering sinds {sinds} valt binnen de foutmarge{_ptekst(r, gecorrigeerd)}."
    if methode == "beleidswaarde":
        return (f"Of dit een echte verandering is, is niet te toetsen: de basiswaarde komt uit de beleidstekst "
                f"(afgerond, zonder foutmarge) en de meting van {sinds} zelf staat niet in de reeks.")
    return "Of dit een echte verandering is, is niet te toetsen: de bron geeft geen foutmarge."


def _bronzin(r: Mapping[str, Any]) -> str:
    soort = _v(r, "onzekerheid")
    if soort == "modelschatting":
        return ("Dit cijfer is een modelschatting (RIVM, schatting voor kleine gebieden); een verschil telt "
                "daarom alleen als de intervallen elkaar niet overlappen.")
    if soort == "directe_schatting" and str(_v(r, "verandering_methode") or "").startswith("z_") \
            and _v(r, "verandering_oordeel") != "niet_te_toetsen":
        return ("De enquêterondes kunnen in opzet verschillen (steekproef, vragenlijst, afname); een verschil "
                "tussen rondes kan deels daaruit voortkomen.")
    return ""


def zin(r: Mapping[str, Any], naam: str | None = None, materialiteit: float = 0.01,
        gecorrigeerd: bool = False) -> str:
    """The finding for one row of ``voortgang.parquet``: what was measured, what became of the
    target, whether the change is demonstrable, what kind of source, and Nederland.

    ``materialiteit`` and ``gecorrigeerd`` are the report's settings ``drempels.materialiteit`` (a
    fraction) and ``drempels.benjamini_hochberg``, so the sentence names the threshold and the p-value
    that decided."""
    naam = str(naam or _v(r, "naam") or _v(r, "indicator_id") or "de indicator")
    if _v(r, "laatste_waarde") is None:
        if _v(r, "basis_jaar") is not None:
            kern = f"Voor {_midden(naam)} is na het peiljaar {opmaak.jaar(_v(r, 'basis_jaar'))} geen bruikbare meting beschikbaar"
        else:
            kern = f"Voor {_midden(naam)} zijn geen bruikbare metingen beschikbaar"
        if _v(r, "uitgesloten"):
            kern += f" (uitgesloten: {_v(r, 'uitgesloten')})"
        return kern + "."
    bd, ld = _dec(r, "basis_decimalen"), _dec(r, "laatste_decimalen")
    b, l_ = float(_v(r, "basis_waarde")), float(_v(r, "laatste_waarde"))
    bj, lj = opmaak.jaar(_v(r, "basis_jaar")), opmaak.jaar(_v(r, "laatste_jaar"))
    # where the base comes from, as the dashboard and the theme table mark it (dashboard.basis)
    bron = {"kader": ", beleidstekst", "meting": ", eerste meting"}.get(str(_v(r, "basis_bron")), "")
    marge = _interval(r, _v(r, "laatste_onder"), _v(r, "laatste_boven"), ld)
    laatste = f"{waarde(r, l_, ld)} ({lj}{marge})"
    d = min(bd, ld)
    # the change is tested against the measured base-year wave where the series holds it (voortgang.beoordeel):
    # the sentence names it beside the policy text's rounded value, and its verb follows it
    bm = _v(r, "basis_meting")
    if _v(r, "basis_bron") == "kader" and bm is not None:
        if round(float(bm), 9) != round(b, 9):  # "46 %" in the text, 46,3 % measured
            bron += f"; gemeten {waarde(r, float(bm), ld)}"
        b, d = float(bm), ld
    if round(l_, d) == round(b, d):
        marge = f" ({marge[2:]})" if marge else ""
        delen = [f"{_onderwerp(r, naam)} was {waarde(r, float(_v(r, 'basis_waarde')), bd)} in {bj}"
                 f"{' (' + bron[2:] + ')' if bron else ''} "
                 f"en {waarde(r, l_, ld)} in {lj}{marge}."]
    else:
        werkwoord = "steeg" if l_ > b else "daalde"
        delen = [f"{_onderwerp(r, naam)} {werkwoord} van {waarde(r, float(_v(r, 'basis_waarde')), bd)} ({bj}{bron}) "
                 f"naar {laatste}."]
    delen.append(doel_zin(r))
    delen.append(_veranderzin(r, materialiteit, gecorrigeerd))
    if _v(r, "projectie") is not None:
        delen.append(f"Bij lineaire voortzetting komt de waarde in {opmaak.jaar(_v(r, 'doel_jaar'))} op "
                     f"{waarde(r, _v(r, 'projectie'), ld)} (voorspellingsinterval "
                     f"{opmaak.getal(_v(r, 'projectie_onder'), ld)}–{opmaak.getal(_v(r, 'projectie_boven'), ld)}).")
    bronzin = _bronzin(r)
    if bronzin:
        delen.append(bronzin)
    nlzin = _nederlandzin(r)
    if nlzin:
        delen.append(nlzin)
    return " ".join(delen)


def _nederlandzin(r: Mapping[str, Any]) -> str:
    """The comparison with Nederland as a full sentence ('' without a national figure)."""
    oordeel = _v(r, "nl_oordeel")
    frase = vergelijking_nederland(r)
    if not frase:
        return ""
    jaar = opmaak.jaar(_v(r, "nl_jaar"))
    if oordeel in ("hoger", "lager"):
        return f"In {jaar} lag de waarde {frase}."
    if oordeel == "binnen_foutmarge":
        return f"In {jaar} was het {frase}." if not frase.startswith("vrijwel") else f"In {jaar} was de waarde {frase}."
    return f"In {jaar} is het verschil met Nederland {frase[len('niet te toetsen tegen Nederland '):]} niet te toetsen."
