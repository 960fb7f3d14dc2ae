"""The public assessment: one indicator (:func:`beoordeel_indicator`) and all of them
(:func:`beoordeel_alles`). Numbers only; the Dutch sentence is made in
:mod:`evaluatie.hoofdstukken.zinnen`. Every output column is described in
``voortgang.meta.yml`` beside this file; the method in ``docs/methodologie.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import ArrowStringArray

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.voortgang.landelijk import Vergelijkingsgolven, eenvoudig
from evaluatie.voortgang.methoden import (
    _doel_bereikt,
    afstand_gesloten,
    eurostat_beoordeling,
    tempo_ratio,
)
from evaluatie.voortgang.onzekerheid import (
    BELEIDSTEKST,
    SOORTEN,
    Meting,
    _golven,
    als_float,
    als_int,
    decimalen,
    leeg,
    soort_van,
    splits_reeks,
)
from evaluatie.voortgang.status import (
    GEHAALD,
    GEHAALD_MARGE,
    NIET_GEHAALD,
    NIET_GEHAALD_MARGE,
    NOG_NIET,
    STATUS_OPMAAK,
    bepaal_status,
)
from evaluatie.voortgang.toetsen import HOGER, LAGER, benjamini_hochberg, herbeoordeel, vergelijk
from evaluatie.voortgang.trend import trend_en_projectie

#: Defaults; the pipeline passes the ``drempels`` block of params.yaml.
DEFAULT_DREMPELS: dict[str, Any] = {
    "alpha": 0.05,  # significance level of every z-test
    "interval_niveau": 0.95,  # level of the published intervals
    "kans_op_koers": 0.5,  # P(target met) from the projection needed for "op koers"
    "tempo_op_koers": 0.95,  # linear pace ratio needed for "op koers" without a projection
    "min_punten_trend": 5,  # fewest waves for a projection and "kans"
    "materialiteit": 0.01,  # registrations: |relative change| below this is no change
    "design_effect": 1.5,  # surveys with n but no interval
    "benjamini_hochberg": False,  # FDR correction over the report's z-tests
}

RICHTINGEN = ("lager", "hoger")
DOEL_TYPES = ("waarde", "richting_per_jaar", "geen")

#: Output columns of :func:`beoordeel_indicator` (in order) and their dtype.
KOLOMMEN: dict[str, str] = {
    "indicator_id": "string", "naam": "string", "eenheid": "string", "is_percentage": "boolean",
    "richting": "string", "doel_type": "string", "onzekerheid": "string",
    "basis_jaar": "Int64", "basis_waarde": "float64", "basis_decimalen": "Int64", "basis_bron": "string",
    "basis_meting": "float64", "basis_meting_onder": "float64", "basis_meting_boven": "float64",
    "laatste_jaar": "Int64", "laatste_waarde": "float64", "laatste_onder": "float64",
    "laatste_boven": "float64", "laatste_decimalen": "Int64",
    "doel_waarde": "float64", "doel_jaar": "Int64", "doel_decimalen": "Int64",
    "doel_oordeel": "string", "doel_tekort": "float64",
    "doel_meting_jaar": "Int64", "doel_meting_waarde": "float64", "doel_meting_decimalen": "Int64",
    "afstand_gesloten": "float64", "tempo_ratio": "float64",
    "cagr_actueel": "float64", "cagr_vereist": "float64", "eurostat_ratio": "float64", "eurostat_klasse": "string",
    "verandering": "float64", "verandering_oordeel": "string", "verandering_methode": "string",
    "verandering_p": "float64", "verandering_p_bh": "float64",
    "trend_methode": "string", "trend_punten": "Int64", "trend_helling": "float64", "trend_tau2": "float64",
    "projectie": "float64", "projectie_onder": "float64", "projectie_boven": "float64",
    "kans_doel_gehaald": "float64", "projectie_reden": "string",
    "nl_jaar": "Int64", "nl_waarde": "float64", "nl_onder": "float64", "nl_boven": "float64",
    "nl_decimalen": "Int64", "nl_verschil": "float64", "nl_oordeel": "string", "nl_methode": "string",
    "nl_p": "float64", "nl_p_bh": "float64",
    "vergelijking_gemeenten": "string",
    "jaren_in_richting": "string", "jaren_in_richting_vorig": "string", "jaren_niet_in_richting": "string",
    "status": "string", "kleur": "string", "symbool": "string", "uitgesloten": "string",
}


def _veld(indicator: Mapping[str, Any] | pd.Series, naam: str) -> Any:
    try:
        waarde = indicator[naam]
    except (KeyError, IndexError):
        return None
    return None if leeg(waarde) else waarde


def _in_richting(oordeel: str | None, richting: str) -> bool | None:
    if oordeel in (HOGER, LAGER):
        return (oordeel == LAGER) == (richting == "lager")
    return None


def _doel_oordeel(laatste: Meting, doel: float, doel_jaar: int, richting: str) -> tuple[str, float]:
    """Target code and shortfall (>0: still short of the target, in the unit of the indicator)."""
    tekort = (laatste.waarde - doel) if richting == "lager" else (doel - laatste.waarde)
    gehaald = _doel_bereikt(round(laatste.waarde, 9), round(doel, 9), richting)
    heeft_interval = laatste.onder is not None and laatste.boven is not None
    bevat = heeft_interval and laatste.onder <= doel <= laatste.boven  # type: ignore[operator]
    if gehaald:
        return (GEHAALD_MARGE if bevat else GEHAALD), tekort
    if laatste.jaar >= doel_jaar:
        return (NIET_GEHAALD_MARGE if bevat else NIET_GEHAALD), tekort
    return NOG_NIET, tekort


def _richting_per_jaar(metingen: list[Meting], referentie: Meting, richting: str, vanaf: int, tot: int,
                       opties: dict[str, Any]) -> tuple[int, int, int, list[int]]:
    """(years demonstrably better than the reference, years demonstrably better than the previous wave,
    years measured, the years demonstrably *worse* than the reference). A year within the margin or whose
    change cannot be tested is only in the count of years measured: it is not evidence either way."""
    k_ref = k_vor = n = 0
    mis: list[int] = []
    vorige = referentie
    for m in metingen:
        if m.jaar <= referentie.jaar:
            continue
        if m.jaar < vanaf:
            vorige = m
            continue
        if m.jaar > tot:
            break
        n += 1
        oordeel = vergelijk(referentie, m, **opties)["oordeel"]
        in_richting = _in_richting(oordeel, richting)
        k_ref += bool(in_richting)
        if in_richting is False:
            mis.append(m.jaar)
        k_vor += bool(_in_richting(vergelijk(vorige, m, **opties)["oordeel"], richting))
        vorige = m
    return k_ref, k_vor, n, mis


class _Reeks:
    """One (indicator_id, gebied) series of a frame grouped by :class:`_Groepen`: its rows as
    positions, split into waves without building a DataFrame when the plain-list checks pass
    (the same rules as :func:`splits_reeks`); otherwise, or for the exact error, the rows as a
    frame go through :func:`splits_reeks` / :func:`soort_van` themselves."""

    __slots__ = ("_soort", "groepen", "posities")

    def __init__(self, groepen: _Groepen, posities: list[int]) -> None:
        self.groepen, self.posities, self._soort = groepen, posities, None

    def __len__(self) -> int:
        return len(self.posities)

    def frame(self) -> pd.DataFrame:
        return self.groepen.frame.take(self.posities)

    def splits(self, niveau: float, sleutel: str | None, is_percentage: bool
               ) -> tuple[list[Meting], list[tuple[int, str]]]:
        kol = self.groepen.kolommen
        if kol is not None:
            jaren = [kol["jaar"][i] for i in self.posities]
            soorten = {str(s) for s in (kol["onzekerheid"][i] for i in self.posities) if not leeg(s)}
            if len(set(jaren)) == len(jaren) and len(soorten) == 1 and next(iter(soorten)) in SOORTEN:
                # years distinct, so sorting by year gives the one order sort_values gives
                volgorde = sorted(self.posities, key=kol["jaar"].__getitem__)
                self._soort = next(iter(soorten))
                return _golven({k: [kol[k][i] for i in volgorde] for k in _SPLITS_KOLOMMEN},
                               self.groepen.heeft_n, self._soort, niveau, is_percentage)
        return splits_reeks(self.frame(), niveau, sleutel=sleutel, is_percentage=is_percentage)

    def soort(self, sleutel: str | None) -> str | None:
        return self._soort if self._soort is not None else soort_van(self.frame(), sleutel)


def _kaal(df: pd.DataFrame) -> pd.DataFrame:
    """A shallow copy without ``attrs``, for reading columns: pandas deep-copies a frame's
    ``attrs`` into every column it hands out, which cost more than the reading itself."""
    kaal = df.copy(deep=False)
    kaal.attrs = {}
    return kaal


_SPLITS_KOLOMMEN = ("jaar", "waarde", "markering", "ondergrens", "bovengrens", "n")


class _Groepen(Mapping[tuple[str, str], Any]):
    """``metingen_gekoppeld`` grouped by (str(indicator_id), str(gebied)) as ``groupby`` does
    (groups in sorted key order, rows in input order, rows with a missing key dropped).

    When both key columns hold only text, the grouping and the columns are plain lists and a
    group is a :class:`_Reeks`; otherwise each group is the DataFrame ``groupby`` yields."""

    def __init__(self, metingen: pd.DataFrame, kaal: pd.DataFrame | None = None) -> None:
        self.frame = metingen  # the groups as frames are cut from this one (with its attrs)
        metingen = _kaal(metingen) if kaal is None else kaal
        self.kolommen: dict[str, list[Any]] | None = None
        self.heeft_n = "n" in metingen.columns
        ids, gebieden = metingen["indicator_id"].tolist(), metingen["gebied"].tolist()
        self.gebieden = gebieden  # column gebied as a list, in row order
        if all(type(x) is str for x in ids) and all(type(x) is str for x in gebieden):
            posities: dict[tuple[str, str], list[int]] = {}
            for i, sleutel in enumerate(zip(ids, gebieden)):
                posities.setdefault(sleutel, []).append(i)
            self._groepen: dict[tuple[str, str], Any] = {k: _Reeks(self, posities[k]) for k in sorted(posities)}
            jaar = metingen["jaar"]
            # a NumPy integer column cannot hold a missing value (hasnans on it costs 60 µs)
            if "onzekerheid" in metingen.columns and pd.api.types.is_integer_dtype(jaar) \
                    and (isinstance(jaar.dtype, np.dtype) or not jaar.hasnans):
                leeg_kolom = [None] * len(metingen)
                self.kolommen = {k: metingen[k].tolist() if k in metingen.columns else leeg_kolom
                                 for k in (*_SPLITS_KOLOMMEN, "onzekerheid")}
                if "markering" not in metingen.columns:
                    self.kolommen["markering"] = [""] * len(metingen)
        else:
            self._groepen = {(str(i), str(g)): df
                             for (i, g), df in self.frame.groupby(["indicator_id", "gebied"], sort=True)}

    def __getitem__(self, sleutel: tuple[str, str]) -> Any:
        return self._groepen[sleutel]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._groepen)

    def __len__(self) -> int:
        return len(self._groepen)

    def als_frame(self, sleutel: tuple[str, str]) -> pd.DataFrame:
        groep = self._groepen[sleutel]
        return groep.frame() if isinstance(groep, _Reeks) else groep


class _Frames(Mapping[str, pd.DataFrame]):
    """code -> that peer's series as a DataFrame, built only when read."""

    def __init__(self, groepen: _Groepen, indicator_id: str, codes: list[str]) -> None:
        self.groepen, self.indicator_id, self.codes = groepen, indicator_id, codes

    def __getitem__(self, code: str) -> pd.DataFrame:
        if code not in self.codes:
            raise KeyError(code)
        return self.groepen.als_frame((self.indicator_id, code))

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


def _splits(reeks: pd.DataFrame | _Reeks | None, niveau: float, sleutel: str | None, is_percentage: bool
            ) -> tuple[list[Meting], list[tuple[int, str]]]:
    if isinstance(reeks, _Reeks):
        return reeks.splits(niveau, sleutel, is_percentage)
    return splits_reeks(reeks, niveau, sleutel=sleutel, is_percentage=is_percentage)


def beoordeel_indicator(
    indicator: Mapping[str, Any] | pd.Series,
    reeks: pd.DataFrame | None,
    nationaal: pd.DataFrame | None = None,
    drempels: Mapping[str, Any] = DEFAULT_DREMPELS,
    vergelijkingsgemeenten: Mapping[str, pd.DataFrame] | Any | None = None,
    p_gecorrigeerd: Mapping[str, float | None] | None = None,
) -> dict[str, Any]:
    """All numbers of one indicator as a flat dict with the keys of :data:`KOLOMMEN`.

    ``indicator``: a row of ``indicatoren.parquet`` (indicator_id, naam, eenheid, richting,
    is_percentage, basis_jaar, basis_waarde, doel_type, doel_waarde, doel_jaar,
    doel_vanaf_jaar). ``reeks``/``nationaal``/``vergelijkingsgemeenten``: waves (jaar, waarde,
    ondergrens, bovengrens, markering, onzekerheid, optionally n). ``p_gecorrigeerd``: the
    Benjamini–Hochberg p-values of this indicator's change and Nederland tests (keys
    ``verandering``, ``nl``), used for the verdicts when given. ``vergelijkingsgemeenten`` may
    also be ``Vergelijkingsgolven.voor(indicator_id, series)`` (:mod:`evaluatie.voortgang.landelijk`):
    the same comparisons, made column-wise over all peers (``beoordeel_alles`` does this).

    Baseline: the kader's value defines distance and target; the change test uses the
    measured base-year wave when the series holds it (its value and interval; for a registration
    its value at the precision the source published), else the kader value at its own precision. Raises :class:`InvoerFout`
    for an unknown direction or target type, a target value without year, or a series
    without a declared uncertainty kind.
    """
    drempels = {**DEFAULT_DREMPELS, **dict(drempels or {})}
    alpha = float(drempels["alpha"])
    niveau = float(drempels["interval_niveau"])
    indicator_id = _veld(indicator, "indicator_id")
    sleutel = None if indicator_id is None else str(indicator_id)
    richting = _veld(indicator, "richting")
    if richting not in RICHTINGEN:
        raise InvoerFout(None, f"richting moet 'lager' of 'hoger' zijn, niet {richting!r}",
                         kolom="richting", sleutel=sleutel)
    doel_type = _veld(indicator, "doel_type") or "geen"
    if doel_type not in DOEL_TYPES:
        raise InvoerFout(None, f"doel_type moet een van {', '.join(DOEL_TYPES)} zijn, niet {doel_type!r}",
                         kolom="doel_type", sleutel=sleutel)
    is_pct = bool(_veld(indicator, "is_percentage") or False)
    doel_waarde = als_float(_veld(indicator, "doel_waarde"))
    doel_jaar = als_int(_veld(indicator, "doel_jaar"))
    vanaf_jaar = als_int(_veld(indicator, "doel_vanaf_jaar"))
    if doel_type == "waarde" and doel_waarde is None:
        raise InvoerFout(None, "doel_type 'waarde' zonder doel_waarde", kolom="doel_waarde", sleutel=sleutel)
    if doel_type == "waarde" and doel_jaar is None:
        raise InvoerFout(None, "doelwaarde zonder doeljaar", kolom="doel_jaar", sleutel=sleutel)
    basis_jaar = als_int(_veld(indicator, "basis_jaar"))
    basis_waarde = als_float(_veld(indicator, "basis_waarde"))
    if basis_waarde is not None and basis_jaar is None:
        raise InvoerFout(None, "basiswaarde zonder basisjaar", kolom="basis_jaar", sleutel=sleutel)
    opties = {"is_percentage": is_pct, "alpha": alpha, "niveau": niveau,
              "materialiteit": float(drempels["materialiteit"]), "design_effect": float(drempels["design_effect"])}

    metingen, uitgesloten = _splits(reeks, niveau, sleutel, is_pct)
    soort = reeks.soort(sleutel) if isinstance(reeks, _Reeks) else soort_van(reeks, sleutel)
    per_jaar = {m.jaar: m for m in metingen}
    r: dict[str, Any] = dict.fromkeys(KOLOMMEN)
    r.update(indicator_id=sleutel, naam=_veld(indicator, "naam"), eenheid=_veld(indicator, "eenheid"),
             is_percentage=is_pct, richting=richting, doel_type=doel_type, onzekerheid=soort,
             doel_waarde=doel_waarde if doel_type == "waarde" else None, doel_jaar=doel_jaar,
             doel_decimalen=decimalen(doel_waarde) if doel_type == "waarde" else None,
             uitgesloten="; ".join(f"{j}: {t}" for j, t in uitgesloten))

    # -- baseline: the kader value defines the target; the measured wave carries the test --------
    basis_meting = per_jaar.get(basis_jaar) if basis_jaar is not None else None
    if basis_waarde is not None:
        basis = Meting(basis_jaar, basis_waarde, decimalen=decimalen(basis_waarde), soort=BELEIDSTEKST)  # type: ignore[arg-type]
        r["basis_bron"] = "kader"
        # the change is tested against the measured base-year wave wherever the series holds it, also for a
        # registration: the kader's "2 %" is that registration rounded, and the wave (2,0) has the precision
        # the source published; without the wave, against the kader value at its own precision
        toets_basis = basis if basis_meting is None else basis_meting
    else:
        kandidaten = [m for m in metingen if basis_jaar is None or m.jaar >= basis_jaar]
        basis = basis_meting = kandidaten[0] if kandidaten else None
        toets_basis = basis
        r["basis_bron"] = "meting" if basis else None
    r["basis_jaar"] = basis.jaar if basis else basis_jaar
    if basis is not None:
        r["basis_waarde"], r["basis_decimalen"] = basis.waarde, basis.decimalen
    if basis_meting is not None:
        r.update(basis_meting=basis_meting.waarde, basis_meting_onder=basis_meting.onder,
                 basis_meting_boven=basis_meting.boven)

    na_basis = [m for m in metingen if basis is not None and m.jaar > basis.jaar]
    laatste = na_basis[-1] if na_basis else None
    if laatste is not None:
        r.update(laatste_jaar=laatste.jaar, laatste_waarde=laatste.waarde, laatste_onder=laatste.onder,
                 laatste_boven=laatste.boven, laatste_decimalen=laatste.decimalen)

    # -- comparison with Nederland and the comparable municipalities (year of the latest wave) ----
    correctie = dict(p_gecorrigeerd or {})
    if laatste is not None and nationaal is not None and len(nationaal):
        nl = {m.jaar: m for m in _splits(nationaal, niveau, sleutel, is_pct)[0]}.get(laatste.jaar)
        if nl is not None:
            v = vergelijk(nl, laatste, **opties)
            if drempels["benjamini_hochberg"]:
                v = herbeoordeel(v, correctie.get("nl"), alpha)
            r.update(nl_jaar=nl.jaar, nl_waarde=nl.waarde, nl_onder=nl.onder, nl_boven=nl.boven,
                     nl_decimalen=nl.decimalen, nl_verschil=v["verschil"], nl_oordeel=v["oordeel"],
                     nl_methode=v["methode"], nl_p=v["p"], nl_p_bh=correctie.get("nl"))
    if laatste is not None and vergelijkingsgemeenten and not isinstance(vergelijkingsgemeenten, Mapping):
        r["vergelijking_gemeenten"] = vergelijkingsgemeenten.oordelen(laatste, opties, sleutel)
    elif laatste is not None and vergelijkingsgemeenten:
        delen = []
        for code in sorted(vergelijkingsgemeenten):
            ander = {m.jaar: m for m in splits_reeks(vergelijkingsgemeenten[code], niveau, sleutel=sleutel,
                                                      is_percentage=is_pct)[0]}.get(laatste.jaar)
            if ander is not None:
                delen.append(f"{code}:{vergelijk(ander, laatste, **opties)['oordeel']}")
        r["vergelijking_gemeenten"] = ";".join(delen) or None

    # -- trend: slope always, projection only with enough waves ----------------------------------
    trend_metingen = [m for m in metingen if basis is None or m.jaar >= basis.jaar]
    ses = [m.se for m in trend_metingen]
    trend = trend_en_projectie(
        [m.jaar for m in trend_metingen], [m.waarde for m in trend_metingen],
        None if any(s is None or s == 0 for s in ses) else ses,
        doel_jaar=doel_jaar if doel_type == "waarde" else None,
        doel_waarde=doel_waarde if doel_type == "waarde" else None,
        richting=richting, alpha=alpha, min_punten=int(drempels["min_punten_trend"]), is_percentage=is_pct)
    for k in ("trend_methode", "trend_punten", "trend_helling", "trend_tau2", "projectie", "projectie_onder",
              "projectie_boven", "kans_doel_gehaald", "projectie_reden"):
        r[k] = trend[k]

    if laatste is None or basis is None or toets_basis is None:
        r["status"] = bepaal_status(doel_type=doel_type, heeft_latere_meting=False, doel_oordeel=None,
                                    verandering_in_richting=None, verandering_oordeel=None, drempels=drempels)
        r["kleur"], r["symbool"] = STATUS_OPMAAK[r["status"]]
        return r

    # -- change since the peiljaar ---------------------------------------------------------------
    v = vergelijk(toets_basis, laatste, **opties)
    if drempels["benjamini_hochberg"]:
        v = herbeoordeel(v, correctie.get("verandering"), alpha)
    r.update(verandering=v["verschil"], verandering_oordeel=v["oordeel"], verandering_methode=v["methode"],
             verandering_p=v["p"], verandering_p_bh=correctie.get("verandering"))

    euro = eurostat_beoordeling(basis.waarde, basis.jaar, laatste.waarde, laatste.jaar, richting,
                                doel_waarde if doel_type == "waarde" else None,
                                doel_jaar if doel_type == "waarde" else None)
    for k in ("cagr_actueel", "cagr_vereist", "eurostat_ratio", "eurostat_klasse"):
        r[k] = euro[k]

    doel_oordeel = None
    alle_in_richting = None
    if doel_type == "waarde":
        r["afstand_gesloten"] = afstand_gesloten(basis.waarde, laatste.waarde, doel_waarde)  # type: ignore[arg-type]
        r["tempo_ratio"] = tempo_ratio(basis.waarde, basis.jaar, laatste.waarde, laatste.jaar,
                                       doel_waarde, doel_jaar)  # type: ignore[arg-type]
        # a target whose year has been measured is judged on the first wave in or after that year (the
        # measurement of the target year itself where there is one), not on whatever came later: a later
        # edition gives the same verdict on a 2022 target as the edition of 2022 did
        doel_meting = laatste
        if doel_jaar is not None and laatste.jaar >= doel_jaar:
            doel_meting = next(m for m in na_basis if m.jaar >= doel_jaar)
        r.update(doel_meting_jaar=doel_meting.jaar, doel_meting_waarde=doel_meting.waarde,
                 doel_meting_decimalen=doel_meting.decimalen)
        doel_oordeel, r["doel_tekort"] = _doel_oordeel(doel_meting, doel_waarde, doel_jaar, richting)  # type: ignore[arg-type]
    elif doel_type == "richting_per_jaar":
        vanaf = vanaf_jaar if vanaf_jaar is not None else basis.jaar + 1
        tot = doel_jaar if doel_jaar is not None else laatste.jaar
        k_ref, k_vor, n, mis = _richting_per_jaar(metingen, toets_basis, richting, vanaf, tot, opties)
        if n:
            r["jaren_in_richting"], r["jaren_in_richting_vorig"] = f"{k_ref}/{n}", f"{k_vor}/{n}"
            alle_in_richting = k_ref == n
        r["jaren_niet_in_richting"] = ", ".join(str(j) for j in mis) or None
        if mis:
            # "every year better than the reference": a year of the period demonstrably worse settles it,
            # also before the period ends (it can no longer be met). A year within the margin does not
            # (no evidence either way); at the end of the period it still keeps the target from 'gehaald'.
            doel_oordeel = NIET_GEHAALD
        elif doel_jaar is not None and laatste.jaar >= doel_jaar and n:
            doel_oordeel = GEHAALD if alle_in_richting else NIET_GEHAALD
    r["doel_oordeel"] = doel_oordeel

    r["status"] = bepaal_status(
        doel_type=doel_type, heeft_latere_meting=True, doel_oordeel=doel_oordeel,
        verandering_in_richting=_in_richting(v["oordeel"], richting), verandering_oordeel=v["oordeel"],
        tempo=r["tempo_ratio"], kans_doel_gehaald=r["kans_doel_gehaald"],
        alle_jaren_in_richting=alle_in_richting, drempels=drempels)
    r["kleur"], r["symbool"] = STATUS_OPMAAK[r["status"]]
    return r


def beoordeel_alles(
    indicatoren: pd.DataFrame,
    metingen_gekoppeld: pd.DataFrame,
    gemeente_code: str,
    drempels: Mapping[str, Any] = DEFAULT_DREMPELS,
) -> pd.DataFrame:
    """One row per indicator (sorted by indicator_id, then kader_id), columns kader_id,
    gemeente, then :data:`KOLOMMEN` with fixed dtypes.

    ``metingen_gekoppeld``: indicator_id, gebied, jaar, waarde, ondergrens, bovengrens,
    markering, onzekerheid (optionally n, gebied_niveau), with rows for ``gemeente_code``,
    ``NL01`` and comparable municipalities (gebied_niveau ``gemeente``). The Benjamini–Hochberg
    p-values over all change and Nederland z-tests of the report are always reported
    (``*_p_bh``); they decide the verdicts only with ``drempels['benjamini_hochberg']``.
    """
    drempels = {**DEFAULT_DREMPELS, **dict(drempels or {})}
    nodig = {"indicator_id", "gebied", "jaar", "waarde"}
    ontbreekt = nodig - set(metingen_gekoppeld.columns)
    if ontbreekt:
        raise InvoerFout(None, f"gekoppelde metingen missen kolom(men): {', '.join(sorted(ontbreekt))}")
    kaal = _kaal(metingen_gekoppeld)
    groepen = _Groepen(metingen_gekoppeld, kaal)
    niveau = kaal.get("gebied_niveau")
    peers = sorted({str(g) for g, nv in zip(groepen.gebieden, niveau if niveau is not None
                                             else ["gemeente"] * len(metingen_gekoppeld))
                    if nv == "gemeente" and str(g) != gemeente_code and str(g).startswith("GM")})
    # the peers' waves split once for all indicators, compared column-wise (same verdicts as a
    # splits_reeks + vergelijk per peer; series it cannot vouch for still go through splits_reeks)
    peer_golven = None
    if peers:
        peer_rijen = metingen_gekoppeld[metingen_gekoppeld["gebied"].isin(peers)]
        if eenvoudig(peer_rijen):
            peer_golven = Vergelijkingsgolven(peer_rijen, float(drempels["interval_niveau"]))

    def een(ind: Mapping[str, Any], correctie: Mapping[str, float | None] | None) -> dict[str, Any]:
        iid = str(ind["indicator_id"])
        anderen = _Frames(groepen, iid, [c for c in peers if (iid, c) in groepen])
        return beoordeel_indicator(ind, groepen.get((iid, gemeente_code)), groepen.get((iid, "NL01")),
                                   drempels, peer_golven.voor(iid, anderen) if peer_golven else anderen,
                                   correctie)

    rij_lijst = _rijen(indicatoren)
    eerste = [een(ind, None) for ind in rij_lijst]
    p_ver = benjamini_hochberg([r["verandering_p"] for r in eerste] + [r["nl_p"] for r in eerste])
    k = len(eerste)
    correcties = [{"verandering": p_ver[i], "nl": p_ver[k + i]} for i in range(k)]
    if drempels["benjamini_hochberg"]:
        # the corrected p-values decide the verdicts: assess again with them
        rijen = [een(ind, correcties[i]) for i, ind in enumerate(rij_lijst)]
    else:
        # without the correction deciding anything, a second pass would differ from the
        # first only in the two *_p_bh columns (see beoordeel_indicator: the correction is
        # read nowhere else), so they are filled in directly. Where a test did not run, its
        # p is None, and benjamini_hochberg keeps None there: the same as the second pass.
        rijen = eerste
        for r, c in zip(rijen, correcties):
            r["verandering_p_bh"], r["nl_p_bh"] = c["verandering"], c["nl"]
    uitvoer = [{"kader_id": ind.get("kader_id"), "gemeente": gemeente_code, **u} for ind, u in zip(rij_lijst, rijen)]
    if all(not leeg(r["indicator_id"]) and not leeg(r["kader_id"]) for r in uitvoer):
        # no missing sort key: a stable sort of the rows on the text the columns will hold is the
        # order sort_values(kind="stable") gives (string columns compare by code point)
        uitvoer.sort(key=lambda r: (str(r["indicator_id"]), str(r["kader_id"])))
        return _uitvoer(uitvoer)
    df = _uitvoer(uitvoer)
    return df.sort_values(["indicator_id", "kader_id"], kind="stable").reset_index(drop=True)


def _rijen(indicatoren: pd.DataFrame) -> list[Mapping[str, Any]]:
    """The rows of ``iterrows``, each as a dict (label -> value) when its Series holds objects
    (the usual mixed row): the values a label lookup on that Series returns, read once rather
    than at every ``[]``, which cost more than the rest of the reading. :func:`beoordeel_indicator`
    reads a row by label only (``[]``, ``get``), the same on both. A row pandas inferred to
    another dtype (all text, all numbers) or with a repeated label stays the Series."""
    rijen: list[Mapping[str, Any]] = []
    # every row's Series has the frame's columns as its index
    kolommen, uniek = list(indicatoren.columns), indicatoren.columns.is_unique
    for _, rij in indicatoren.iterrows():
        if rij.dtype == object and uniek:
            rijen.append(dict(zip(kolommen, rij.to_numpy(), strict=True)))
        else:
            rijen.append(rij)
    return rijen


_UITVOER_KOLOMMEN: dict[str, str] = {"kader_id": "string", "gemeente": "string", **KOLOMMEN}
_TEKST = pd.array([], dtype="string").dtype
#: whether that dtype is Arrow-backed with NA as missing value (asked once: ``na_value`` costs µs)
_TEKST_ARROW = getattr(_TEKST, "storage", None) == "pyarrow" and _TEKST.na_value is pd.NA


def _tekst(waarden: list[str | None]) -> Any:
    """``pd.array(waarden, dtype="string")`` for a list of str and None, without its per-call
    dispatch when the string dtype is Arrow-backed (what pandas' own constructor then builds)."""
    if _TEKST_ARROW:
        return ArrowStringArray(pa.array(waarden, type=pa.large_string(), from_pandas=True), dtype=_TEKST)
    return pd.array(waarden, dtype="string")


def _masker(waarden: list[Any], vul: Any, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    masker = np.array([v is None for v in waarden], dtype=bool)
    return np.array([vul if v is None else v for v in waarden], dtype=dtype), masker


def _uitvoer(rijen: list[dict[str, Any]]) -> pd.DataFrame:
    """The output frame, each column coerced once to its dtype (the arrays ``pd.array`` would
    build, made directly from the Python values)."""
    kolommen: dict[str, Any] = {}
    for k, dtype in _UITVOER_KOLOMMEN.items():
        # missing (leeg) -> None, else the value converted to the column's Python type
        if dtype == "float64":
            kolommen[k] = np.array([np.nan if leeg(v := r.get(k)) else float(v) for r in rijen], dtype="float64")
        elif dtype == "Int64":
            # masked slots hold 1, as in pandas' own coercion
            kolommen[k] = pd.arrays.IntegerArray(*_masker([None if leeg(v := r.get(k)) else int(v) for r in rijen],
                                                          1, "int64"))
        elif dtype == "boolean":
            kolommen[k] = pd.arrays.BooleanArray(*_masker([None if leeg(v := r.get(k)) else bool(v) for r in rijen],
                                                          False, "bool"))
        else:
            kolommen[k] = _tekst([None if leeg(v := r.get(k)) else str(v) for r in rijen])
    return pd.DataFrame(kolommen)
