"""The tidy ``metingen`` table: columns, pandera schema, and translation of
schema failures into :class:`~evaluatie.gedeeld.fouten.InvoerFout`.

Readers build a frame with the metingen columns plus *location* helper columns
(all starting with ``_``):

``_rij``
    1-based data row in the source file of the record that carried the value
    (for CSV: the first row below the header is row 1; for OData: position in
    the ``value`` array of the data set, starting at 1).
``_rij_ondergrens`` / ``_rij_bovengrens``
    the same for the records that carried the bounds (OData and StatLine CSV
    keep value and bounds on separate rows, the template on one row).
``_kolom_waarde`` / ``_kolom_ondergrens`` / ``_kolom_bovengrens``
    name of the source column the number came from (CBS field key, StatLine
    column header, or the template column name).

:func:`valideer_metingen` validates, converts the first failure to an
``InvoerFout`` naming file, row and column, and returns the frame without the
helper columns, sorted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from evaluatie.gedeeld.definities import GEBIED_PATROON, MAX_GETAL, NIVEAU_PER_PREFIX, eenheid_soort
from evaluatie.gedeeld.fouten import InvoerFout

METINGEN_KOLOMMEN: list[str] = [
    "bron",
    "tabel",
    "veld",
    "gebied",
    "gebied_niveau",
    "gebied_naam",
    "leeftijd",
    "jaar",
    "waarde",
    "ondergrens",
    "bovengrens",
    "markering",
    "eenheid",
    "demo",
    "bestand",
]

SLEUTEL: list[str] = ["tabel", "veld", "gebied", "leeftijd", "jaar"]
"""A measurement is identified by these columns; duplicates are refused."""

SORTERING: list[str] = ["tabel", "veld", "gebied", "leeftijd", "jaar", "bestand"]

MARKERINGEN: tuple[str, ...] = ("", ".", "x", "-", "?")
"""CBS symbols kept as reason for a missing value: '.' no data, 'x' secret,
'-' nil, '?' unreliable. '' means a value is present."""

NIVEAUS = tuple(NIVEAU_PER_PREFIX.values())

HULPKOLOMMEN = [
    "_rij",
    "_rij_ondergrens",
    "_rij_bovengrens",
    "_kolom_waarde",
    "_kolom_ondergrens",
    "_kolom_bovengrens",
]


def gebied_niveau(code: str) -> str:
    """'GM0603' -> 'gemeente'; '' when the code is not a valid area code."""
    import re

    if not re.match(GEBIED_PATROON, code or ""):
        return ""
    return NIVEAU_PER_PREFIX[code[:2]]


#: Words in a field name that mark a balance or a change, which may be negative whatever its unit
#: ("Migratiesaldo (aantal)", "Bevolkingsgroei").
_KAN_NEGATIEF = re.compile(r"saldo|groei|verschil|mutatie|toename|afname|verandering", re.IGNORECASE)

#: One-entry cache: the checks of one validation share the kind of every row's unit.
_SOORT_CACHE: list = []


def _soort(df: pd.DataFrame) -> pd.Series:
    """Kind of every row's unit (:func:`~evaluatie.gedeeld.definities.eenheid_soort`), once per unit
    and once per validated frame."""
    if _SOORT_CACHE and _SOORT_CACHE[0] is df:
        return _SOORT_CACHE[1]
    codes, uniek = pd.factorize(df["eenheid"], use_na_sentinel=False)
    soort = pd.Series(np.asarray([eenheid_soort(e) for e in uniek], dtype=object)[codes], index=df.index)
    _SOORT_CACHE[:] = [df, soort]
    return soort


def _is_pct(df: pd.DataFrame) -> pd.Series:
    return _soort(df) == "percentage"


def _eindig(kolom: str):
    def check(df: pd.DataFrame) -> pd.Series:
        v = df[kolom]
        return v.isna() | (np.isfinite(v) & (v.abs() <= MAX_GETAL))

    return check


def _niet_negatief(kolom: str):
    def check(df: pd.DataFrame) -> pd.Series:
        v = df[kolom]
        ok = ~_soort(df).isin(("telling", "ratio")) | v.isna() | (v >= 0)
        if ok.all():
            return ok
        codes, uniek = pd.factorize(df["veld"], use_na_sentinel=False)
        saldo = np.asarray([bool(_KAN_NEGATIEF.search(str(u))) for u in uniek], dtype=bool)[codes]
        return ok | saldo

    return check


def _binnen_0_100(kolom: str):
    def check(df: pd.DataFrame) -> pd.Series:
        v = df[kolom]
        return ~_is_pct(df) | v.isna() | ((v >= 0) & (v <= 100))

    return check


def _onder_ok(df: pd.DataFrame) -> pd.Series:
    return df["ondergrens"].isna() | df["waarde"].isna() | (df["ondergrens"] <= df["waarde"])


def _boven_ok(df: pd.DataFrame) -> pd.Series:
    return df["bovengrens"].isna() | df["waarde"].isna() | (df["bovengrens"] >= df["waarde"])


def _grenzen_ok(df: pd.DataFrame) -> pd.Series:
    return (
        df["ondergrens"].isna()
        | df["bovengrens"].isna()
        | (df["ondergrens"] <= df["bovengrens"])
    )


def _markering_past(df: pd.DataFrame) -> pd.Series:
    leeg = df["markering"] == ""
    return (leeg & df["waarde"].notna()) | (~leeg & df["waarde"].isna())


def _niveau_past(df: pd.DataFrame) -> pd.Series:
    # gebied_niveau once per unique code, not per row (a national table: ~17,600 codes,
    # ~2 million rows)
    codes, uniek = pd.factorize(df["gebied"], use_na_sentinel=False)
    verwacht = pd.Series(np.asarray([gebied_niveau(c) for c in uniek], dtype=object)[codes], index=df.index)
    return (verwacht == "") | (verwacht == df["gebied_niveau"])


# check name -> (column to report, Dutch message; {w} = failing value, {r} = row dict)
_CHECKS: dict[str, tuple[str, str]] = {
    "eindig_waarde": ("waarde", "getal {r[waarde]:g} is niet eindig of onwaarschijnlijk groot (hoogstens 1e12)"),
    "eindig_ondergrens": ("ondergrens", "getal {r[ondergrens]:g} is niet eindig of onwaarschijnlijk groot (hoogstens 1e12)"),
    "eindig_bovengrens": ("bovengrens", "getal {r[bovengrens]:g} is niet eindig of onwaarschijnlijk groot (hoogstens 1e12)"),
    "negatief_waarde": ("waarde", "negatief aantal {r[waarde]:g} bij eenheid '{r[eenheid]}'"),
    "negatief_ondergrens": ("ondergrens", "negatief aantal {r[ondergrens]:g} bij eenheid '{r[eenheid]}'"),
    "negatief_bovengrens": ("bovengrens", "negatief aantal {r[bovengrens]:g} bij eenheid '{r[eenheid]}'"),
    "percentage_waarde": ("waarde", "percentage {r[waarde]:g} ligt buiten 0–100"),
    "percentage_ondergrens": ("ondergrens", "percentage {r[ondergrens]:g} ligt buiten 0–100"),
    "percentage_bovengrens": ("bovengrens", "percentage {r[bovengrens]:g} ligt buiten 0–100"),
    "ondergrens_boven_waarde": (
        "ondergrens",
        "ondergrens {r[ondergrens]:g} ligt boven de waarde {r[waarde]:g}",
    ),
    "bovengrens_onder_waarde": (
        "bovengrens",
        "bovengrens {r[bovengrens]:g} ligt onder de waarde {r[waarde]:g}",
    ),
    "grenzen_omgekeerd": (
        "ondergrens",
        "ondergrens {r[ondergrens]:g} ligt boven de bovengrens {r[bovengrens]:g}",
    ),
    "markering_en_waarde": (
        "waarde",
        "waarde en markering spreken elkaar tegen: een waarde hoort zonder markering, "
        "een markering ('.', 'x', '-', '?') zonder waarde",
    ),
    "niveau_past_bij_code": ("gebied", "gebiedsniveau past niet bij code '{r[gebied]}'"),
}

metingen_schema = pa.DataFrameSchema(
    {
        "bron": pa.Column(str, pa.Check.str_length(min_value=1)),
        "tabel": pa.Column(str, pa.Check.str_length(min_value=1)),
        "veld": pa.Column(str, pa.Check.str_length(min_value=1)),
        "gebied": pa.Column(str, pa.Check.str_matches(GEBIED_PATROON)),
        "gebied_niveau": pa.Column(str, pa.Check.isin(NIVEAUS)),
        "gebied_naam": pa.Column(str),
        "leeftijd": pa.Column(str),
        "jaar": pa.Column("int64", pa.Check.in_range(1900, 2100)),
        "waarde": pa.Column(float, nullable=True),
        "ondergrens": pa.Column(float, nullable=True),
        "bovengrens": pa.Column(float, nullable=True),
        "markering": pa.Column(str, pa.Check.isin(MARKERINGEN)),
        "eenheid": pa.Column(str),
        "demo": pa.Column(bool),
        "bestand": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    checks=[
        pa.Check(_eindig("waarde"), name="eindig_waarde"),
        pa.Check(_eindig("ondergrens"), name="eindig_ondergrens"),
        pa.Check(_eindig("bovengrens"), name="eindig_bovengrens"),
        pa.Check(_niet_negatief("waarde"), name="negatief_waarde"),
        pa.Check(_niet_negatief("ondergrens"), name="negatief_ondergrens"),
        pa.Check(_niet_negatief("bovengrens"), name="negatief_bovengrens"),
        pa.Check(_binnen_0_100("waarde"), name="percentage_waarde"),
        pa.Check(_binnen_0_100("ondergrens"), name="percentage_ondergrens"),
        pa.Check(_binnen_0_100("bovengrens"), name="percentage_bovengrens"),
        pa.Check(_onder_ok, name="ondergrens_boven_waarde"),
        pa.Check(_boven_ok, name="bovengrens_onder_waarde"),
        pa.Check(_grenzen_ok, name="grenzen_omgekeerd"),
        pa.Check(_markering_past, name="markering_en_waarde"),
        pa.Check(_niveau_past, name="niveau_past_bij_code"),
    ],
    unique=SLEUTEL,
    strict="filter",
    ordered=False,
    name="metingen",
)

_KOLOM_MELDING = {
    "gebied": "ongeldige gebiedscode '{w}' (verwacht NL01, GMnnnn, WKnnnnnn of BUnnnnnnnn)",
    "jaar": "jaar {w} ligt buiten 1900–2100",
    "markering": "onbekende markering '{w}' (toegestaan: '.', 'x', '-', '?' of leeg)",
    "gebied_niveau": "onbekend gebiedsniveau '{w}'",
}


def lege_metingen() -> pd.DataFrame:
    """An empty metingen frame with the right dtypes."""
    return pd.DataFrame(
        {
            k: pd.Series(
                dtype=(
                    "int64"
                    if k == "jaar"
                    else float
                    if k in ("waarde", "ondergrens", "bovengrens")
                    else bool
                    if k == "demo"
                    else str
                )
            )
            for k in METINGEN_KOLOMMEN
        }
    )


def normaliseer(df: pd.DataFrame) -> pd.DataFrame:
    """Coerce dtypes of the metingen columns (keeps helper columns)."""
    df = df.copy()
    for k in ("waarde", "ondergrens", "bovengrens"):
        df[k] = pd.to_numeric(df[k], errors="coerce").astype(float)
    df["jaar"] = df["jaar"].astype("int64")
    df["demo"] = df["demo"].astype(bool)
    for k in METINGEN_KOLOMMEN:
        if k not in ("waarde", "ondergrens", "bovengrens", "jaar", "demo"):
            df[k] = df[k].fillna("").astype(str)
    return df


def sorteer(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(SORTERING, kind="mergesort").reset_index(drop=True)


def _plaats(
    df: pd.DataFrame, idx, kolom: str, kolomnamen: Mapping[str, str]
) -> tuple[int | None, str]:
    rij = None
    for naam in (f"_rij_{kolom}", "_rij"):
        if naam in df.columns and pd.notna(df.at[idx, naam]):
            rij = int(df.at[idx, naam])
            break
    bronkolom = kolomnamen.get(kolom, kolom)
    hulp = f"_kolom_{kolom}"
    if hulp in df.columns and df.at[idx, hulp]:
        bronkolom = str(df.at[idx, hulp])
    return rij, bronkolom


def valideer_metingen(
    df: pd.DataFrame,
    bestand: str | Path,
    kolomnamen: Mapping[str, str] | None = None,
    sleutel: str | None = None,
) -> pd.DataFrame:
    """Validate a reader's frame against :data:`metingen_schema`.

    ``kolomnamen`` maps metingen columns to the names the user sees in the
    source file (e.g. ``{"gebied": "WijkenEnBuurten", "jaar": "Perioden"}``).
    Raises ``InvoerFout`` for the failure in the lowest source row; the message
    says how many further failures there are.
    """
    kolomnamen = dict(kolomnamen or {})
    df = normaliseer(df).reset_index(drop=True)
    try:
        metingen_schema.validate(df, lazy=True)
    except SchemaErrors as fouten:
        fout = _naar_invoerfout(fouten.failure_cases, df, bestand, kolomnamen)
        raise InvoerFout(
            fout.bestand, fout.melding, rij=fout.rij, kolom=fout.kolom, sleutel=sleutel
        ) from None
    finally:
        _SOORT_CACHE.clear()  # do not keep the frame alive
    return sorteer(df[METINGEN_KOLOMMEN])


def _naar_invoerfout(
    fc: pd.DataFrame, df: pd.DataFrame, bestand: str | Path, kolomnamen: Mapping[str, str]
) -> InvoerFout:
    # candidates: (row, priority, order, (idx, column), source column, message);
    # per row, a single column's own check is reported before cross-column checks
    kandidaten: list[tuple[int, int, int, tuple, str, str]] = []
    for volgorde, (_, f) in enumerate(fc.iterrows(), start=1):
        check = str(f["check"])
        if check == "multiple_fields_uniqueness":
            continue  # handled below with both rows named
        idx = f["index"]
        if idx is None or (isinstance(idx, float) and np.isnan(idx)):
            kolom = str(f["column"])
            kandidaten.append(
                (0, 0, volgorde, (None, kolom), kolomnamen.get(kolom, kolom), f"kolom ongeldig ({check})")
            )
            continue
        idx = int(idx)
        prioriteit = 1 if check in _CHECKS else 0
        if check in _CHECKS:
            kolom, sjabloon = _CHECKS[check]
            melding = sjabloon.format(r=df.loc[idx].to_dict())
        else:
            kolom = str(f["column"])
            sjabloon = _KOLOM_MELDING.get(kolom, "ongeldige waarde '{w}' (" + check + ")")
            melding = sjabloon.format(w=f["failure_case"])
        rij, bronkolom = _plaats(df, idx, kolom, kolomnamen)
        kandidaten.append((rij or 0, prioriteit, volgorde, (idx, kolom), bronkolom, melding))
    # duplicates: report the later occurrence and name the earlier one
    dubbel = df[df.duplicated(SLEUTEL, keep=False)]
    if len(dubbel):
        for _, indices in dubbel.groupby(SLEUTEL, sort=False).groups.items():
            indices = sorted(indices, key=lambda i: (_plaats(df, i, "waarde", kolomnamen)[0] or 0, i))
            eerste, tweede = indices[0], indices[1]
            rij1, _ = _plaats(df, eerste, "waarde", kolomnamen)
            rij2, bronkolom = _plaats(df, tweede, "waarde", kolomnamen)
            r = df.loc[tweede]
            melding = (
                f"dubbele meting voor tabel {r['tabel']}, veld {r['veld']}, gebied {r['gebied']}, "
                f"leeftijd '{r['leeftijd']}', jaar {r['jaar']}"
                + (f" (ook in rij {rij1})" if rij1 is not None else "")
            )
            kandidaten.append((rij2 or 0, 2, 0, (tweede, "sleutel"), bronkolom, melding))
    kandidaten.sort(key=lambda k: (k[0], k[1], k[2]))
    rij, _, _, _, bronkolom, melding = kandidaten[0]
    aantal = len({k[3] for k in kandidaten})
    if aantal > 1:
        melding += f" (en nog {aantal - 1} andere fout{'en' if aantal > 2 else ''})"
    return InvoerFout(bestand, melding, rij=rij or None, kolom=bronkolom)
