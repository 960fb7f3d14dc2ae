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
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from evaluatie.gedeeld.definities import GEBIED_PATROON, MAX_GETAL, NIVEAU_PER_PREFIX, eenheid_soort
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.pandera_laden import laad_pandera_controles

laad_pandera_controles()  # before any validation: pandera without hypothesis (see that module)

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

#: One-entry cache: the checks of one validation (and the key check of :func:`_zeker_geldig`)
#: share the integer codes and distinct values of the frame's text columns. Holds the frame
#: itself (identity is the key); emptied after every validation.
_CODES_CACHE: dict = {}


def _codes(df: pd.DataFrame, kolom: str) -> tuple[np.ndarray, Any]:
    """``pd.factorize(df[kolom], use_na_sentinel=False)``, once per validated frame."""
    if _CODES_CACHE.get("df") is not df:
        _CODES_CACHE.clear()
        _CODES_CACHE["df"] = df
    if kolom not in _CODES_CACHE:
        reeks = df[kolom]
        eerste = reeks.iloc[0] if len(reeks) else None
        if isinstance(eerste, str) and bool((reeks == eerste).all()):
            # one text in every row (bron, tabel, leeftijd of one table): no hashing needed
            _CODES_CACHE[kolom] = (np.zeros(len(reeks), dtype="int64"), reeks.array[:1])
        else:
            _CODES_CACHE[kolom] = pd.factorize(reeks, use_na_sentinel=False)
    return _CODES_CACHE[kolom]


def _soort_in(df: pd.DataFrame, soorten: tuple[str, ...]) -> np.ndarray:
    """Per row: is the kind of its unit (:func:`~evaluatie.gedeeld.definities.eenheid_soort`) one of
    ``soorten``? Looked up once per distinct unit."""
    codes, uniek = _codes(df, "eenheid")
    return np.asarray([eenheid_soort(e) in soorten for e in uniek], dtype=bool)[codes]


def _getallen(df: pd.DataFrame, kolom: str) -> np.ndarray:
    return df[kolom].to_numpy(dtype="float64", na_value=np.nan)


def _eindig(kolom: str):
    def check(df: pd.DataFrame) -> pd.Series:
        v = _getallen(df, kolom)
        with np.errstate(invalid="ignore"):
            return pd.Series(np.isnan(v) | (np.isfinite(v) & (np.abs(v) <= MAX_GETAL)), index=df.index)

    return check


def _niet_negatief(kolom: str):
    def check(df: pd.DataFrame) -> pd.Series:
        v = _getallen(df, kolom)
        ok = ~_soort_in(df, ("telling", "ratio")) | np.isnan(v) | (v >= 0)
        if not ok.all():
            codes, uniek = _codes(df, "veld")
            ok |= np.asarray([bool(_KAN_NEGATIEF.search(str(u))) for u in uniek], dtype=bool)[codes]
        return pd.Series(ok, index=df.index)

    return check


def _binnen_0_100(kolom: str):
    def check(df: pd.DataFrame) -> pd.Series:
        v = _getallen(df, kolom)
        return pd.Series(~_soort_in(df, ("percentage",)) | np.isnan(v) | ((v >= 0) & (v <= 100)), index=df.index)

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
    # ~2 million rows); the comparison on integer codes of both columns
    codes, uniek = _codes(df, "gebied")
    n_codes, niveaus = _codes(df, "gebied_niveau")
    positie = {v: i for i, v in enumerate(niveaus) if isinstance(v, str)}
    # per distinct code: -2 when it has no level (any gebied_niveau passes), else the position of
    # its level among gebied_niveau's values (-1: that level occurs nowhere, so never equal)
    verwacht = np.asarray([-2 if (n := gebied_niveau(c)) == "" else positie.get(n, -1) for c in uniek],
                          dtype="int64")[codes]
    return pd.Series((verwacht == -2) | (verwacht == n_codes), index=df.index)


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

#: The frame-wide checks (name -> function of the frame giving one bool per row); every check
#: reads only its own row (the kind of a unit and the level of a code are looked up per distinct
#: value). Names are the keys of _CHECKS.
_RIJ_CHECKS: list[tuple[str, object]] = [
    ("eindig_waarde", _eindig("waarde")),
    ("eindig_ondergrens", _eindig("ondergrens")),
    ("eindig_bovengrens", _eindig("bovengrens")),
    ("negatief_waarde", _niet_negatief("waarde")),
    ("negatief_ondergrens", _niet_negatief("ondergrens")),
    ("negatief_bovengrens", _niet_negatief("bovengrens")),
    ("percentage_waarde", _binnen_0_100("waarde")),
    ("percentage_ondergrens", _binnen_0_100("ondergrens")),
    ("percentage_bovengrens", _binnen_0_100("bovengrens")),
    ("ondergrens_boven_waarde", _onder_ok),
    ("bovengrens_onder_waarde", _boven_ok),
    ("grenzen_omgekeerd", _grenzen_ok),
    ("markering_en_waarde", _markering_past),
    ("niveau_past_bij_code", _niveau_past),
]

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
    checks=[pa.Check(functie, name=naam) for naam, functie in _RIJ_CHECKS],
    unique=SLEUTEL,
    strict="filter",
    ordered=False,
    name="metingen",
)

#: The column part of :data:`metingen_schema` alone: dtype, nullability and each column's own
#: checks (length, pattern, allowed values, range), all judged value by value.
_kolom_schema = pa.DataFrameSchema(metingen_schema.columns, strict="filter", ordered=False, name="metingen")


def _zeker_geldig(df: pd.DataFrame) -> bool:
    """True only when ``metingen_schema.validate(df)`` would pass; evaluated cheaply.

    - the column checks (pandera, :data:`_kolom_schema`) on a frame of each column's *distinct*
      values (a column's checks look at one value at a time, so the distinct values pass exactly
      when the whole column does; dtypes are kept);
    - the frame-wide checks (:data:`_RIJ_CHECKS`, the same functions) on the whole frame, every
      row required True (pandera would also let a row of only missing values pass: stricter);
    - the key :data:`SLEUTEL` unique, from integer codes per column (missing values equal, as
      in ``DataFrame.duplicated``).

    Anything unexpected (a missing column, an empty frame, a check that raises) gives False, so
    the caller runs the full pandera validation, which gives the exact failure cases.
    """
    if len(df) == 0 or any(k not in df.columns for k in METINGEN_KOLOMMEN):
        return False
    try:
        sleutel = np.zeros(len(df), dtype="int64")
        bereik = 1
        uniek: dict[str, object] = {}
        for k in METINGEN_KOLOMMEN:
            if k in SLEUTEL:
                codes, waarden = _codes(df, k)
                bereik *= max(1, len(waarden))
                if bereik >= 2**62:
                    return False
                sleutel = sleutel * len(waarden) + codes
                uniek[k] = waarden
            else:
                uniek[k] = pd.unique(df[k])
        lang = max(len(w) for w in uniek.values())
        verschillend = pd.DataFrame({k: pd.Series(w).take(np.resize(np.arange(len(w)), lang)).reset_index(drop=True)
                                     for k, w in uniek.items()})
        if any(verschillend[k].dtype != df[k].dtype for k in METINGEN_KOLOMMEN):
            return False
        _kolom_schema.validate(verschillend, lazy=False)
        for _, functie in _RIJ_CHECKS:
            if not bool(np.asarray(functie(df), dtype=bool).all()):  # type: ignore[operator]
                return False
        if bereik <= 4 * len(df):  # small key space: count per key, no hashing
            return bool(np.bincount(sleutel, minlength=bereik).max() <= 1)
        return not bool(pd.Series(sleutel).duplicated().any())
    except Exception:  # noqa: BLE001 - any doubt: the full validation decides
        return False


def valideer_schema(df: pd.DataFrame, *, lazy: bool = True) -> None:
    """``metingen_schema.validate(df, lazy=lazy)``, cheaper on a valid frame.

    ``df``: a normalised metingen frame (helper columns allowed). Skips the full pandera run when
    :func:`_zeker_geldig` proves every check passes; otherwise runs it, so a failure raises
    exactly what pandera raises (``SchemaErrors`` when ``lazy``, else ``SchemaError``).
    """
    try:
        if not _zeker_geldig(df):
            metingen_schema.validate(df, lazy=lazy)
    finally:
        _CODES_CACHE.clear()  # do not keep the frame alive


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
        valideer_schema(df, lazy=True)
    except SchemaErrors as fouten:
        fout = _naar_invoerfout(fouten.failure_cases, df, bestand, kolomnamen)
        raise InvoerFout(
            fout.bestand, fout.melding, rij=fout.rij, kolom=fout.kolom, sleutel=sleutel
        ) from None
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
