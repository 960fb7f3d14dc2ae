"""Input checks for the subsidies and projecten tables (shared by all tallies).

Errors are :class:`evaluatie.gedeeld.fouten.InvoerFout` with ``bestand`` set to the table name
("tabel subsidies" / "tabel projecten") and ``rij`` the 1-based data row as a user sees it
in the table (first data row = 1), so a message reads like
``tabel subsidies (rij 3, kolom 'bedrag_eur'): ...``.
"""

from __future__ import annotations

import math

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout

BUDGETTEN = ("innovatiebudget", "ander budget")
"""The two budget labels of the factsheet (amounts in brackets = 'ander budget')."""

SUBSIDIE_KOLOMMEN = ("project_id", "jaar", "bedrag_eur", "budget", "raming")
PROJECT_KOLOMMEN = (
    "project_id",
    "naam",
    "programmalijn",
    "geborgd",
    "bereik",
    "landelijke_themas",
)

TABEL_SUBSIDIES = "tabel subsidies"
TABEL_PROJECTEN = "tabel projecten"


def _eis_kolommen(df: pd.DataFrame, kolommen: tuple[str, ...], naam: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InvoerFout(naam, f"verwacht een tabel (DataFrame), kreeg {type(df).__name__}")
    ontbrekend = [k for k in kolommen if k not in df.columns]
    if ontbrekend:
        raise InvoerFout(
            naam,
            "ontbrekende kolom(men): " + ", ".join(repr(k) for k in ontbrekend),
        )


def _is_leeg(waarde: object) -> bool:
    if waarde is None or waarde is pd.NA:
        return True
    return isinstance(waarde, float) and math.isnan(waarde)


def controleer_subsidies(subsidies: pd.DataFrame) -> pd.DataFrame:
    """Validate the subsidies table and return a clean copy with plain dtypes.

    Refuses (InvoerFout): missing columns, empty/negative/non-integer ``bedrag_eur``,
    a ``budget`` other than 'innovatiebudget' / 'ander budget', a missing ``jaar``.
    """
    _eis_kolommen(subsidies, SUBSIDIE_KOLOMMEN, TABEL_SUBSIDIES)
    df = subsidies.reset_index(drop=True).copy()
    for i, rij in enumerate(df.itertuples(index=False), start=1):
        bedrag = rij.bedrag_eur
        if _is_leeg(bedrag):
            raise InvoerFout(TABEL_SUBSIDIES, "bedrag ontbreekt", rij=i, kolom="bedrag_eur")
        try:
            bedrag_f = float(bedrag)
        except (TypeError, ValueError):
            raise InvoerFout(
                TABEL_SUBSIDIES, f"bedrag is geen getal: {bedrag!r}", rij=i, kolom="bedrag_eur"
            ) from None
        if bedrag_f < 0:
            raise InvoerFout(
                TABEL_SUBSIDIES,
                f"negatief bedrag ({bedrag_f:.0f} euro) is niet toegestaan",
                rij=i,
                kolom="bedrag_eur",
            )
        if rij.budget not in BUDGETTEN:
            raise InvoerFout(
                TABEL_SUBSIDIES,
                f"onbekend budget {rij.budget!r}; toegestaan: {', '.join(BUDGETTEN)}",
                rij=i,
                kolom="budget",
            )
        if _is_leeg(rij.jaar):
            raise InvoerFout(TABEL_SUBSIDIES, "jaar ontbreekt", rij=i, kolom="jaar")
        if _is_leeg(rij.project_id) or str(rij.project_id).strip() == "":
            raise InvoerFout(TABEL_SUBSIDIES, "project_id ontbreekt", rij=i, kolom="project_id")
    df["project_id"] = df["project_id"].astype(str)
    df["jaar"] = df["jaar"].astype(int)
    df["bedrag_eur"] = df["bedrag_eur"].astype("int64")
    df["raming"] = df["raming"].fillna(False).astype(bool)
    df["budget"] = df["budget"].astype(str)
    return df


def controleer_projecten(projecten: pd.DataFrame) -> pd.DataFrame:
    """Validate the projecten table (required columns, unique project_id, bereik >= 0)."""
    _eis_kolommen(projecten, PROJECT_KOLOMMEN, TABEL_PROJECTEN)
    df = projecten.reset_index(drop=True).copy()
    df["project_id"] = df["project_id"].astype(str)
    gezien: dict[str, int] = {}
    for i, rij in enumerate(df.itertuples(index=False), start=1):
        if rij.project_id in gezien:
            raise InvoerFout(
                TABEL_PROJECTEN,
                f"project_id {rij.project_id!r} komt dubbel voor (ook in rij {gezien[rij.project_id]})",
                rij=i,
                kolom="project_id",
            )
        gezien[rij.project_id] = i
        if not _is_leeg(rij.bereik) and float(rij.bereik) < 0:
            raise InvoerFout(TABEL_PROJECTEN, "negatief bereik", rij=i, kolom="bereik")
    df["bereik"] = df["bereik"].astype("Int64")
    df["geborgd"] = df["geborgd"].fillna(False).astype(bool)
    df["landelijke_themas"] = df["landelijke_themas"].fillna("").astype(str)
    return df


def controleer_koppeling(subsidies: pd.DataFrame, projecten: pd.DataFrame) -> None:
    """Every subsidy must belong to a known project (row numbers refer to the subsidies table)."""
    bekend = set(projecten["project_id"])
    for i, pid in enumerate(subsidies["project_id"], start=1):
        if pid not in bekend:
            raise InvoerFout(
                TABEL_SUBSIDIES,
                f"project_id {pid!r} staat niet in de tabel projecten",
                rij=i,
                kolom="project_id",
            )


def kies_budget(subsidies: pd.DataFrame, budget: str) -> pd.DataFrame:
    """Filter on 'innovatiebudget' / 'ander budget', or keep all with 'alle'."""
    if budget == "alle":
        return subsidies
    if budget not in BUDGETTEN:
        raise InvoerFout(
            None,
            f"onbekende budgetkeuze {budget!r}; kies 'innovatiebudget', 'ander budget' of 'alle'",
        )
    return subsidies[subsidies["budget"] == budget]
