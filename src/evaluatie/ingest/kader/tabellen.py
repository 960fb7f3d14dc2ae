"""The kaders as tidy tables (themas, indicatoren, acties, projecten, subsidies, kaders),
validated with the pandera schemas in :data:`SCHEMAS`; written by the ingest stage."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import pandera.pandas as pa

from evaluatie.ingest.kader.lezen import _controleer_uniek_over_bestanden
from evaluatie.ingest.kader.model import (
    ACTIE_STATUS,
    BUDGETTEN,
    DOEL_TYPES,
    JAAR_BEPALINGEN,
    JAAR_MAX,
    JAAR_MIN,
    Kader,
    LANDELIJKE_THEMA_NAMEN,
    RICHTINGEN,
    _GEMEENTE_CODE,
    _PROJECT_ID,
)
from evaluatie.ingest.pandera_laden import laad_pandera_controles

laad_pandera_controles()  # before any validation: pandera without hypothesis (see that module)

# --------------------------------------------------------------------------- tables


def _str(nullable: bool = False, **kw: Any) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kw)


_RICHTING_CHECK = pa.Check.isin(RICHTINGEN)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "themas": pa.DataFrameSchema(
        {
            "kader_id": _str(),
            "gemeente": _str(),
            "thema_id": _str(),
            "naam": _str(),
            "omschrijving": _str(),
            "coalitie": _str(nullable=True),
            "herkomst": _str(),
        },
        strict=True,
        ordered=True,
        unique=["kader_id", "thema_id"],
    ),
    "indicatoren": pa.DataFrameSchema(
        {
            "kader_id": _str(),
            "gemeente": _str(),
            "indicator_id": _str(unique=True),
            "thema_id": _str(),
            "naam": _str(),
            "eenheid": _str(),
            "populatie": _str(),
            "richting": _str(checks=_RICHTING_CHECK),
            "basis_jaar": pa.Column("Int64", pa.Check.in_range(JAAR_MIN, JAAR_MAX), nullable=True),
            "basis_waarde": pa.Column(float, nullable=True),
            "doel_type": _str(checks=pa.Check.isin(DOEL_TYPES)),
            "doel_waarde": pa.Column(float, nullable=True),
            "doel_jaar": pa.Column("Int64", pa.Check.in_range(JAAR_MIN, JAAR_MAX), nullable=True),
            "doel_vanaf_jaar": pa.Column("Int64", pa.Check.in_range(JAAR_MIN, JAAR_MAX), nullable=True),
            "is_percentage": pa.Column(bool),
            "bron_omschrijving": _str(),
            "herkomst": _str(),
            "opmerking": _str(nullable=True),
            "telling": pa.Column(bool),
        },
        strict=True,
        ordered=True,
    ),
    "acties": pa.DataFrameSchema(
        {
            "kader_id": _str(),
            "gemeente": _str(),
            "actie_id": _str(),
            "thema_id": _str(nullable=True),
            "naam": _str(),
            "status": _str(nullable=True, checks=pa.Check.isin(ACTIE_STATUS)),
            "herkomst": _str(),
        },
        strict=True,
        ordered=True,
        unique=["kader_id", "actie_id"],
    ),
    "projecten": pa.DataFrameSchema(
        {
            "kader_id": _str(),
            "project_id": _str(checks=pa.Check.str_matches(_PROJECT_ID.pattern)),
            "naam": _str(),
            "programmalijn": _str(),
            "status": _str(nullable=True),
            "geborgd": pa.Column(bool),
            "bereik": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "landelijke_themas": _str(),
            "indicatoren_genoemd": _str(),
            "herkomst": _str(),
        },
        strict=True,
        ordered=True,
        unique=["kader_id", "project_id"],
    ),
    "subsidies": pa.DataFrameSchema(
        {
            "kader_id": _str(),
            "project_id": _str(),
            "jaar": pa.Column(int, pa.Check.in_range(JAAR_MIN, JAAR_MAX)),
            "bedrag_eur": pa.Column(int, pa.Check.ge(0)),
            "budget": _str(checks=pa.Check.isin(BUDGETTEN)),
            "raming": pa.Column(bool),
            "jaar_bepaling": _str(checks=pa.Check.isin(JAAR_BEPALINGEN)),
            "herkomst": _str(),
        },
        strict=True,
        ordered=True,
        unique=["kader_id", "project_id", "jaar", "budget"],
    ),
    "kaders": pa.DataFrameSchema(
        {
            "kader_id": _str(unique=True),
            "gemeente": _str(),
            "gemeente_code": _str(checks=pa.Check.str_matches(_GEMEENTE_CODE.pattern)),
            "titel": _str(),
            "periode": _str(nullable=True),
            "periode_van": pa.Column("Int64", nullable=True),
            "periode_tot": pa.Column("Int64", nullable=True),
            "document": _str(),
            "bestanden": _str(),
            "evaluatie": _str(nullable=True),
            "monitoring": _str(nullable=True),
            "budget_plafond_eur": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "kosten_boven_plafond_pct": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
            "innovatiebudget_per_jaar_eur": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "herkomst": _str(),
        },
        strict=True,
        ordered=True,
    ),
}

def _pd_dtype(kolom: pa.Column) -> Any:
    dt = str(kolom.dtype)
    if dt in ("str", "string") or dt.startswith("string"):
        return "str"  # the pandas default string dtype (missing values are NaN)
    return dt


def _frame(naam: str, rijen: list[dict[str, Any]], sorteer: list[str]) -> pd.DataFrame:
    def sleutel(r: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(_project_sorteersleutel(r[k]) if k == "project_id" else r[k] for k in sorteer)

    rijen = sorted(rijen, key=sleutel)
    schema = SCHEMAS[naam]
    df = pd.DataFrame(
        {k: pd.Series([r[k] for r in rijen], dtype=_pd_dtype(c)) for k, c in schema.columns.items()}
    )
    return schema.validate(df)


def _project_sorteersleutel(pid: str) -> tuple[int, ...]:
    return tuple(int(x) for x in str(pid).split("."))


def kader_tabellen(kaders: Iterable[Kader]) -> dict[str, pd.DataFrame]:
    """Tidy tables for the given kaders, validated against :data:`SCHEMAS`.

    Keys: ``themas``, ``indicatoren``, ``acties``, ``projecten``, ``subsidies`` (columns as in
    the shared contract) and ``kaders`` (one row of metadata per kader). Tables a kader does not
    fill are returned empty with the right columns. Rows are sorted by kader_id and id.
    """
    kaders = list(kaders)
    _controleer_uniek_over_bestanden(kaders)
    themas, indicatoren, acties, projecten, subsidies, meta = [], [], [], [], [], []
    for k in kaders:
        for t in k.themas:
            themas.append(
                {
                    "kader_id": k.kader_id,
                    "gemeente": k.gemeente,
                    "thema_id": t.id,
                    "naam": t.naam,
                    "omschrijving": t.omschrijving,
                    "coalitie": t.coalitie,
                    "herkomst": t.bron.herkomst,
                }
            )
        for i in k.indicatoren:
            opmerkingen = [x for x in (i.opmerking, i.basis.opmerking if i.basis else None, i.doel.opmerking) if x]
            indicatoren.append(
                {
                    "kader_id": k.kader_id,
                    "gemeente": k.gemeente,
                    "indicator_id": i.id,
                    "thema_id": i.thema,
                    "naam": i.naam,
                    "eenheid": i.eenheid,
                    "populatie": i.populatie,
                    "richting": i.richting,
                    "basis_jaar": i.basis.jaar if i.basis else None,
                    "basis_waarde": i.basis.waarde if i.basis else None,
                    "doel_type": i.doel.type,
                    "doel_waarde": i.doel.waarde,
                    "doel_jaar": i.doel.eind_jaar,
                    "doel_vanaf_jaar": i.doel.vanaf_jaar,
                    "is_percentage": i.is_percentage,
                    "bron_omschrijving": i.bron_omschrijving,
                    "herkomst": i.bron.herkomst,
                    "opmerking": " ".join(dict.fromkeys(opmerkingen)) or None,
                    "telling": i.telling,
                }
            )
        for a in k.acties:
            acties.append(
                {
                    "kader_id": k.kader_id,
                    "gemeente": k.gemeente,
                    "actie_id": a.id,
                    "thema_id": a.thema,
                    "naam": a.naam,
                    "status": a.status,
                    "herkomst": a.bron.herkomst,
                }
            )
        lijn_namen = {t.id: t.naam for t in k.themas}
        raming_jaren = set((k.secties.get("factsheet") or {}).get("raming_jaren", []))
        for p in k.projecten:
            landelijk = [n for n in LANDELIJKE_THEMA_NAMEN if p.id in k.landelijke_themas.get(n, ())]
            herkomst = p.bron.herkomst
            if p.bron_bijlage is not None:
                herkomst += f"; {p.bron_bijlage.herkomst}"
            projecten.append(
                {
                    "kader_id": k.kader_id,
                    "project_id": p.id,
                    "naam": p.naam,
                    "programmalijn": lijn_namen[p.programmalijn],
                    "status": p.status,
                    "geborgd": p.geborgd,
                    "bereik": p.bereik,
                    "landelijke_themas": ";".join(landelijk),
                    "indicatoren_genoemd": "; ".join(p.indicatoren_genoemd),
                    "herkomst": herkomst,
                }
            )
            for s in p.subsidies:
                subsidies.append(
                    {
                        "kader_id": k.kader_id,
                        "project_id": p.id,
                        "jaar": s.jaar,
                        "bedrag_eur": s.bedrag_eur,
                        "budget": s.budget,
                        "raming": s.jaar in raming_jaren,
                        "jaar_bepaling": s.jaar_bepaling,
                        "herkomst": s.bron.herkomst,
                    }
                )
        budget = k.secties.get("budget") or {}
        evaluatie = k.secties.get("evaluatie")
        monitoring = k.secties.get("monitoring")
        periode = None
        if k.periode_van is not None or k.periode_tot is not None:
            periode = f"{k.periode_van or ''}-{k.periode_tot or ''}"
        meta.append(
            {
                "kader_id": k.kader_id,
                "gemeente": k.gemeente,
                "gemeente_code": k.gemeente_code,
                "titel": k.titel,
                "periode": periode,
                "periode_van": k.periode_van,
                "periode_tot": k.periode_tot,
                "document": "; ".join(d.document for d in k.documenten),
                "bestanden": "; ".join(d.bestand for d in k.documenten),
                "evaluatie": evaluatie["regel"].strip() if evaluatie else None,
                "monitoring": (
                    f"{monitoring['frequentie']}: {monitoring['omschrijving'].strip()}" if monitoring else None
                ),
                "budget_plafond_eur": _int_of_none(budget.get("budget_plafond_eur")),
                "kosten_boven_plafond_pct": _float_of_none(budget.get("kosten_boven_plafond_pct")),
                "innovatiebudget_per_jaar_eur": _int_of_none(budget.get("innovatiebudget_per_jaar_eur")),
                "herkomst": k.bron.herkomst,
            }
        )
    return {
        "themas": _frame("themas", themas, ["kader_id", "thema_id"]),
        "indicatoren": _frame("indicatoren", indicatoren, ["kader_id", "indicator_id"]),
        "acties": _frame("acties", acties, ["kader_id", "actie_id"]),
        "projecten": _frame("projecten", projecten, ["kader_id", "project_id"]),
        "subsidies": _frame("subsidies", subsidies, ["kader_id", "project_id", "jaar", "budget"]),
        "kaders": _frame("kaders", meta, ["kader_id"]),
    }


def _int_of_none(x: Any) -> int | None:
    return None if x is None else int(round(float(x)))


def _float_of_none(x: Any) -> float | None:
    return None if x is None else float(x)
