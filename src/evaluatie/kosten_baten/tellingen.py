"""Tallies over the innovation programme's subsidies and projects (pure functions).

Inputs are the tidy tables ``subsidies`` and ``projecten`` (columns in the project's data
contract). Amounts are whole euros (factsheet figure x 1000). Every function validates its
input first and raises :class:`evaluatie.gedeeld.fouten.InvoerFout` on bad data; none does I/O.
Outputs are long-format DataFrames sorted deterministically.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.kosten_baten._invoer import (
    BUDGETTEN,
    controleer_koppeling,
    controleer_projecten,
    controleer_subsidies,
    kies_budget,
)

INNOVATIEBUDGET_PER_JAAR_EUR = 450_000
"""Annual innovation budget. Source: 3e Voortgangsevaluatie Innovatieprogramma Sociaal Domein
2016-2020 (Rijswijk), seed file 001_ccd4d6834e86ab33.txt, section 4 "Factsheet": "In de
afgelopen 3 jaar was jaarlijks een innovatiebudget van € 450.000 beschikbaar"."""

LANDELIJKE_THEMAS = ("Eenzaamheid", "Langer Thuis", "Inclusieve Wijk")
"""National themes in the order of section 4 of the evaluation."""

GEEN_THEMA = "geen landelijk thema"

THEMA_OPMERKING = (
    "Een project dat onder meer landelijke thema's valt, telt in elk thema volledig mee "
    "(meervoudig_geteld). Tel de bedragen daarom niet op over thema's heen: de som is groter "
    "dan wat werkelijk is uitgegeven."
)

BEREIK_OPMERKING = (
    "Totaal over projecten met bekend bereik > 0; bereik is per project opgeteld, dus een "
    "inwoner die door meer projecten is bereikt, telt meer keren mee."
)


# --------------------------------------------------------------------------- helpers


def _project_sleutel(project_id: str) -> tuple:
    """Natural sort key: '0' < '1.1' < '1.2' < '1.10' < '2.1'; text ids after numbers."""
    delen = re.split(r"[.\s]+", str(project_id).strip())
    sleutel: list[tuple[int, object]] = []
    for deel in delen:
        if deel.isdigit():
            sleutel.append((0, int(deel)))
        else:
            sleutel.append((1, deel))
    return tuple(sleutel)


def _voorbereid(subsidies: pd.DataFrame, projecten: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    sub = controleer_subsidies(subsidies)
    proj = controleer_projecten(projecten)
    controleer_koppeling(sub, proj)
    return sub, proj


def _themas_van(veld: str) -> list[str]:
    return [t.strip() for t in str(veld).split(";") if t.strip()]


# --------------------------------------------------------------------------- per jaar


def totalen_per_jaar(subsidies: pd.DataFrame) -> pd.DataFrame:
    """Total subsidy per year and budget.

    Returns columns ``jaar, budget, bedrag_eur, aantal_projecten, raming``: one row for every
    year in the table times both budgets ('innovatiebudget', 'ander budget'; 0 when a year
    has none). ``aantal_projecten`` counts projects with an amount > 0; ``raming`` is True when
    any amount in the group is an estimate (the factsheet marks 2018 as a raming).
    Sorted by jaar, then budget in the order innovatiebudget, ander budget.
    """
    sub = controleer_subsidies(subsidies)
    rijen = []
    for jaar in sorted(sub["jaar"].unique()):
        for budget in BUDGETTEN:
            deel = sub[(sub["jaar"] == jaar) & (sub["budget"] == budget)]
            rijen.append(
                {
                    "jaar": int(jaar),
                    "budget": budget,
                    "bedrag_eur": int(deel["bedrag_eur"].sum()),
                    "aantal_projecten": int(deel.loc[deel["bedrag_eur"] > 0, "project_id"].nunique()),
                    "raming": bool(sub.loc[sub["jaar"] == jaar, "raming"].any()),
                }
            )
    return pd.DataFrame(
        rijen, columns=["jaar", "budget", "bedrag_eur", "aantal_projecten", "raming"]
    ).astype({"jaar": "int64", "bedrag_eur": "int64", "aantal_projecten": "int64", "raming": bool})


def benutting_innovatiebudget(
    subsidies: pd.DataFrame,
    budget_per_jaar: int | float | Mapping[int, int | float] = INNOVATIEBUDGET_PER_JAAR_EUR,
) -> pd.DataFrame:
    """Spending against the available innovation budget, per year.

    Only amounts with budget 'innovatiebudget' count as spent (bracketed amounts came from
    another budget). ``budget_per_jaar`` is one amount for every year (default € 450.000,
    section 4 of the evaluation) or a mapping jaar -> amount.

    Returns columns ``jaar, beschikbaar_eur, besteed_eur, benut_pct, resterend_eur, status,
    raming``. ``resterend_eur`` = beschikbaar - besteed and is negative on an overrun;
    ``status`` is 'overschrijding' or 'binnen budget' (an overrun is reported, not raised).
    """
    sub = controleer_subsidies(subsidies)
    rijen = []
    for jaar in sorted(sub["jaar"].unique()):
        jaar = int(jaar)
        if isinstance(budget_per_jaar, Mapping):
            if jaar not in budget_per_jaar:
                raise InvoerFout(
                    None, f"geen beschikbaar budget opgegeven voor jaar {jaar}", sleutel=f"budget_per_jaar.{jaar}"
                )
            beschikbaar = float(budget_per_jaar[jaar])
        else:
            beschikbaar = float(budget_per_jaar)
        if beschikbaar <= 0:
            raise InvoerFout(
                None, f"beschikbaar budget moet groter dan 0 zijn (jaar {jaar})", sleutel="budget_per_jaar"
            )
        deel = sub[(sub["jaar"] == jaar) & (sub["budget"] == "innovatiebudget")]
        besteed = int(deel["bedrag_eur"].sum())
        rest = beschikbaar - besteed
        rijen.append(
            {
                "jaar": jaar,
                "beschikbaar_eur": beschikbaar,
                "besteed_eur": besteed,
                "benut_pct": besteed / beschikbaar * 100.0,
                "resterend_eur": rest,
                "status": "overschrijding" if rest < 0 else "binnen budget",
                "raming": bool(sub.loc[sub["jaar"] == jaar, "raming"].any()),
            }
        )
    return pd.DataFrame(
        rijen,
        columns=["jaar", "beschikbaar_eur", "besteed_eur", "benut_pct", "resterend_eur", "status", "raming"],
    )


# --------------------------------------------------------------------------- per groep


def totalen_per_programmalijn(subsidies: pd.DataFrame, projecten: pd.DataFrame) -> pd.DataFrame:
    """Total subsidy per programme line and budget (all years together).

    Returns columns ``programmalijn, budget, bedrag_eur, aantal_projecten, aandeel_pct``;
    ``aandeel_pct`` is the share of that budget's total (NaN when the budget total is 0).
    Every programme line in ``projecten`` appears for both budgets. Sorted by the lowest
    project number in the line ('Overkoepelend' with project 0 first), then budget.
    """
    sub, proj = _voorbereid(subsidies, projecten)
    lijn_van = dict(zip(proj["project_id"], proj["programmalijn"], strict=True))
    sub = sub.assign(programmalijn=sub["project_id"].map(lijn_van))
    volgorde = sorted(
        proj["programmalijn"].unique(),
        key=lambda lijn: min(_project_sleutel(p) for p in proj.loc[proj["programmalijn"] == lijn, "project_id"]),
    )
    totaal_budget = {b: int(sub.loc[sub["budget"] == b, "bedrag_eur"].sum()) for b in BUDGETTEN}
    rijen = []
    for lijn in volgorde:
        for budget in BUDGETTEN:
            deel = sub[(sub["programmalijn"] == lijn) & (sub["budget"] == budget)]
            bedrag = int(deel["bedrag_eur"].sum())
            rijen.append(
                {
                    "programmalijn": lijn,
                    "budget": budget,
                    "bedrag_eur": bedrag,
                    "aantal_projecten": int(deel.loc[deel["bedrag_eur"] > 0, "project_id"].nunique()),
                    "aandeel_pct": bedrag / totaal_budget[budget] * 100.0 if totaal_budget[budget] else float("nan"),
                }
            )
    return pd.DataFrame(rijen, columns=["programmalijn", "budget", "bedrag_eur", "aantal_projecten", "aandeel_pct"])


def totalen_per_landelijk_thema(subsidies: pd.DataFrame, projecten: pd.DataFrame) -> pd.DataFrame:
    """Total subsidy per national theme (Eenzaamheid, Langer Thuis, Inclusieve Wijk) and budget.

    A project in several themes counts fully in each. The result therefore must NOT be summed
    over themes: column ``meervoudig_geteld`` is True when at least one project in the row also
    counts in another theme, ``bedrag_ook_elders_eur`` is the part of ``bedrag_eur`` that also
    appears in another theme, and ``opmerking`` (also ``df.attrs['opmerking']``) says so.
    Projects without a theme are grouped as 'geen landelijk thema'.

    Columns: ``landelijk_thema, budget, bedrag_eur, aantal_projecten, project_ids, meervoudig_geteld,
    bedrag_ook_elders_eur, opmerking``. ``project_ids`` is ';'-joined in natural order.
    """
    sub, proj = _voorbereid(subsidies, projecten)
    themas_per_project = {pid: _themas_van(v) for pid, v in zip(proj["project_id"], proj["landelijke_themas"], strict=True)}
    alle_themas = [t for t in LANDELIJKE_THEMAS if any(t in ts for ts in themas_per_project.values())]
    overige = sorted({t for ts in themas_per_project.values() for t in ts} - set(LANDELIJKE_THEMAS))
    volgorde = alle_themas + overige
    if any(not ts for ts in themas_per_project.values()):
        volgorde.append(GEEN_THEMA)

    rijen = []
    for thema in volgorde:
        if thema == GEEN_THEMA:
            leden = [p for p, ts in themas_per_project.items() if not ts]
        else:
            leden = [p for p, ts in themas_per_project.items() if thema in ts]
        leden = sorted(leden, key=_project_sleutel)
        elders = {p for p in leden if len(themas_per_project[p]) > 1}
        for budget in BUDGETTEN:
            deel = sub[sub["project_id"].isin(leden) & (sub["budget"] == budget)]
            bedrag = int(deel["bedrag_eur"].sum())
            ook_elders = int(deel.loc[deel["project_id"].isin(elders), "bedrag_eur"].sum())
            rijen.append(
                {
                    "landelijk_thema": thema,
                    "budget": budget,
                    "bedrag_eur": bedrag,
                    "aantal_projecten": int(deel.loc[deel["bedrag_eur"] > 0, "project_id"].nunique()),
                    "project_ids": ";".join(leden),
                    "meervoudig_geteld": bool(elders),
                    "bedrag_ook_elders_eur": ook_elders,
                    "opmerking": THEMA_OPMERKING,
                }
            )
    df = pd.DataFrame(
        rijen,
        columns=[
            "landelijk_thema",
            "budget",
            "bedrag_eur",
            "aantal_projecten",
            "project_ids",
            "meervoudig_geteld",
            "bedrag_ook_elders_eur",
            "opmerking",
        ],
    )
    df.attrs["opmerking"] = THEMA_OPMERKING
    return df


# --------------------------------------------------------------------------- per inwoner


def kosten_per_bereik(
    subsidies: pd.DataFrame,
    projecten: pd.DataFrame,
    budget: str = "innovatiebudget",
) -> pd.DataFrame:
    """Subsidy per resident reached, per project and overall.

    ``budget``: 'innovatiebudget' (default; bracketed amounts excluded), 'ander budget' or
    'alle'. For each project: total subsidy over all years / ``bereik`` (last factsheet
    column). ``kosten_per_bereik_eur`` is missing (``pd.NA``, nullable Float64) when bereik
    is 0 or unknown. The last row (``niveau`` 'totaal', ``project_id`` 'totaal') divides the
    summed subsidy of projects with bereik > 0 by their summed bereik; see ``opmerking``.

    Columns: ``niveau, project_id, naam, programmalijn, budget, subsidie_eur, bereik,
    kosten_per_bereik_eur, opmerking``. Project rows in natural project order.
    """
    sub, proj = _voorbereid(subsidies, projecten)
    gekozen = kies_budget(sub, budget)
    per_project = gekozen.groupby("project_id")["bedrag_eur"].sum()
    rijen = []
    for rij in sorted(proj.itertuples(index=False), key=lambda r: _project_sleutel(r.project_id)):
        subsidie = int(per_project.get(rij.project_id, 0))
        bereik = rij.bereik
        bekend = not (bereik is pd.NA or pd.isna(bereik)) and int(bereik) > 0
        rijen.append(
            {
                "niveau": "project",
                "project_id": rij.project_id,
                "naam": rij.naam,
                "programmalijn": rij.programmalijn,
                "budget": budget,
                "subsidie_eur": subsidie,
                "bereik": bereik,
                "kosten_per_bereik_eur": subsidie / int(bereik) if bekend else pd.NA,
                "opmerking": "" if bekend else "bereik 0 of onbekend: geen kosten per inwoner",
            }
        )
    met_bereik = [r for r in rijen if r["kosten_per_bereik_eur"] is not pd.NA]
    tot_subsidie = sum(r["subsidie_eur"] for r in met_bereik)
    tot_bereik = sum(int(r["bereik"]) for r in met_bereik)
    rijen.append(
        {
            "niveau": "totaal",
            "project_id": "totaal",
            "naam": "Totaal (projecten met bereik)",
            "programmalijn": "",
            "budget": budget,
            "subsidie_eur": tot_subsidie,
            "bereik": tot_bereik,
            "kosten_per_bereik_eur": tot_subsidie / tot_bereik if tot_bereik else pd.NA,
            "opmerking": BEREIK_OPMERKING,
        }
    )
    df = pd.DataFrame(rijen)
    df["subsidie_eur"] = df["subsidie_eur"].astype("int64")
    df["bereik"] = df["bereik"].astype("Int64")
    df["kosten_per_bereik_eur"] = pd.array(
        [None if v is pd.NA else float(v) for v in df["kosten_per_bereik_eur"]], dtype="Float64"
    )
    return df


def geborgd_aandeel(subsidies: pd.DataFrame, projecten: pd.DataFrame) -> pd.DataFrame:
    """How much subsidy went to projects that are now geborgd (structurally embedded).

    One row per budget: 'innovatiebudget', 'ander budget' and 'alle'. Columns ``budget,
    geborgd_eur, niet_geborgd_eur, totaal_eur, geborgd_pct, aantal_geborgd, aantal_projecten``
    (project counts: projects with an amount > 0 in that budget). ``geborgd_pct`` is NaN when
    the total is 0.
    """
    sub, proj = _voorbereid(subsidies, projecten)
    geborgd = set(proj.loc[proj["geborgd"], "project_id"])
    rijen = []
    for budget in (*BUDGETTEN, "alle"):
        deel = kies_budget(sub, budget)
        deel = deel[deel["bedrag_eur"] > 0]
        is_geborgd = deel["project_id"].isin(geborgd)
        g = int(deel.loc[is_geborgd, "bedrag_eur"].sum())
        t = int(deel["bedrag_eur"].sum())
        rijen.append(
            {
                "budget": budget,
                "geborgd_eur": g,
                "niet_geborgd_eur": t - g,
                "totaal_eur": t,
                "geborgd_pct": g / t * 100.0 if t else float("nan"),
                "aantal_geborgd": int(deel.loc[is_geborgd, "project_id"].nunique()),
                "aantal_projecten": int(deel["project_id"].nunique()),
            }
        )
    return pd.DataFrame(rijen)
