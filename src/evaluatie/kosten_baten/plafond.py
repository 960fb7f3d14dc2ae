"""Budget against a subsidy ceiling (OGSM plans). An overrun is reported, never raised."""

from __future__ import annotations

from dataclasses import dataclass, field

from evaluatie.gedeeld.fouten import InvoerFout


def budget_tegen_plafond(kosten_eur: float, plafond_eur: float) -> dict:
    """Compare (planned) costs with a subsidy ceiling.

    Returns a dict with ``kosten_eur``, ``plafond_eur``, ``verschil_eur`` (kosten - plafond),
    ``overschrijding_eur`` (>= 0), ``overschrijding_pct`` (overschrijding as % of the ceiling,
    0.0 when within), ``ruimte_eur`` (>= 0, unused room under the ceiling), ``benut_pct``
    (kosten / plafond x 100) and ``status``: 'overschrijding' when kosten > plafond, else
    'binnen plafond'. Exactly at the ceiling is 'binnen plafond'.

    Refuses (InvoerFout) negative costs and a ceiling <= 0 (no percentage possible).
    """
    for naam, waarde in (("kosten_eur", kosten_eur), ("plafond_eur", plafond_eur)):
        if isinstance(waarde, bool) or not isinstance(waarde, int | float):
            raise InvoerFout(None, f"{naam} moet een getal zijn, kreeg {waarde!r}", sleutel=naam)
    if kosten_eur < 0:
        raise InvoerFout(None, f"negatieve kosten ({kosten_eur}) zijn niet toegestaan", sleutel="kosten_eur")
    if plafond_eur <= 0:
        raise InvoerFout(None, f"plafond moet groter dan 0 zijn, kreeg {plafond_eur}", sleutel="plafond_eur")
    verschil = kosten_eur - plafond_eur
    over = max(verschil, 0)
    return {
        "kosten_eur": kosten_eur,
        "plafond_eur": plafond_eur,
        "verschil_eur": verschil,
        "overschrijding_eur": over,
        "overschrijding_pct": over / plafond_eur * 100.0,
        "ruimte_eur": max(-verschil, 0),
        "benut_pct": kosten_eur / plafond_eur * 100.0,
        "status": "overschrijding" if verschil > 0 else "binnen plafond",
    }


@dataclass(frozen=True)
class GemeldPlafond:
    """A ceiling with an overrun that a plan states only approximately (no cost figure)."""

    kader_id: str
    plafond_eur: float
    overschrijding_pct_circa: float
    kwalificatie: str
    afloop: str
    bron: dict = field(default_factory=dict)


LV_SOCIALE_COHESIE = GemeldPlafond(
    kader_id="lv_sociale_cohesie",
    plafond_eur=1_580_267.00,
    overschrijding_pct_circa=2.0,
    kwalificatie="circa, volgens plan",
    afloop=(
        "Woej en SenW hebben het hiermee gemoeide bedrag in mindering gebracht op hun "
        "ingediende begrotingen; Project Kans en (grotendeels) de Vrijwilligersacademie zijn "
        "vanwege de begroting afgevallen."
    ),
    bron={
        "document": "Leidschendam-Voorburg, subsidietafel Sociale cohesie, plan",
        "bestand": "003_c8ab55b3be27e020.txt",
        "sectie": "Begroting",
        "citaat": (
            "Bij het berekenen van de kosten voor de in dit plan beschreven activiteiten bleek dat "
            "deze ongeveer 2% uitkwamen boven het beschikbare subsidiebudget van € 1.580.267,00."
        ),
    },
)
"""Leidschendam-Voorburg, subsidietafel Sociale cohesie: ceiling € 1.580.267,00 and costs
'ongeveer 2%' above it (section 'Begroting' of the plan). The plan gives no exact cost figure."""


def gemelde_overschrijding(plafond: GemeldPlafond = LV_SOCIALE_COHESIE) -> dict:
    """Report a ceiling and the overrun a plan states approximately, inventing no cost figure.

    Returns ``kader_id, plafond_eur, overschrijding_pct`` (the stated approximate percentage),
    ``kwalificatie`` ('circa, volgens plan'), ``kosten_eur`` = None (not stated),
    ``overschrijding_eur_indicatief`` (pct x plafond, a derived order of magnitude, not a
    measured amount), ``status`` ('overschrijding' when the stated pct > 0), ``afloop`` (what
    the plan did about it), ``bron`` and ``toelichting``.
    """
    if plafond.plafond_eur <= 0:
        raise InvoerFout(None, "plafond moet groter dan 0 zijn", sleutel="plafond_eur")
    if plafond.overschrijding_pct_circa < 0:
        raise InvoerFout(None, "overschrijdingspercentage kan niet negatief zijn", sleutel="overschrijding_pct_circa")
    indicatief = plafond.plafond_eur * plafond.overschrijding_pct_circa / 100.0
    return {
        "kader_id": plafond.kader_id,
        "plafond_eur": plafond.plafond_eur,
        "overschrijding_pct": plafond.overschrijding_pct_circa,
        "kwalificatie": plafond.kwalificatie,
        "kosten_eur": None,
        "overschrijding_eur_indicatief": indicatief,
        "status": "overschrijding" if plafond.overschrijding_pct_circa > 0 else "binnen plafond",
        "afloop": plafond.afloop,
        "bron": dict(plafond.bron),
        "toelichting": (
            f"Volgens het plan kwamen de kosten circa {_nl_getal(plafond.overschrijding_pct_circa)} % "
            f"boven het plafond van € {_nl_getal(plafond.plafond_eur)} uit; een exact kostenbedrag "
            f"staat er niet in. Het bedrag van circa € {_nl_getal(round(indicatief))} is daaruit "
            "afgeleid (percentage x plafond) en is geen gemeten of begroot bedrag."
        ),
    }


def _nl_getal(x: float) -> str:
    """1580267 -> '1.580.267'; 2.0 -> '2'; 2.5 -> '2,5' (Babel, nl_NL)."""
    from babel.numbers import format_decimal

    return format_decimal(x, format="#,##0.##", locale="nl_NL")
