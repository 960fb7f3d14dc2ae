"""Benefit scenarios in the manner of a Dutch social cost-benefit analysis (MKBA).

Present values use the standard Dutch discount rate of 2,25 % (real), set by the Werkgroep
discontovoet 2020 and in force for MKBA's started from 1 January 2021 (see docs/kosten_baten.md
for the source and why). All functions are pure: they take the validated ``baten`` table
(from :func:`evaluatie.kosten_baten.baten.laad_baten`) and the ``subsidies`` table.

Benefits of an assumption in scenario s (laag/centraal/hoog): every year from ``startjaar``
for ``looptijd_jaren`` years, ``waarde_<s>_eur x volume_<s>``. Costs: the municipality's
subsidy per year (default: all budgets, because the municipality paid the bracketed amounts
too). Contributions of partner organisations are not in the sources and are therefore
missing from the cost side.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.kosten_baten._invoer import _eis_kolommen, controleer_subsidies, kies_budget
from evaluatie.kosten_baten.baten import BATEN_KOLOMMEN, SCENARIOS
from evaluatie.kosten_baten.tellingen import _project_sleutel

DISCONTOVOET_STANDAARD = 0.0225
"""Standaarddiscontovoet 2,25 % (reëel), Werkgroep discontovoet 2020, in force from
1 January 2021: a risk-free part of -1 % plus a risk premium of 3,25 %."""

DISCONTOVOET_BANDBREEDTE = (-0.01, 0.03)
"""Range for the sensitivity (tornado) check: -1 % is the risk-free part of the 2020 rate
(only for proven risk-free flows), 3 % the standard rate of 2015-2020 (Werkgroep 2015) that
applied while the programme ran."""

TABEL_BATEN = "tabel baten"


# --------------------------------------------------------------------------- basics


def _controleer_voet(discontovoet: float) -> float:
    if isinstance(discontovoet, bool) or not isinstance(discontovoet, int | float) or math.isnan(discontovoet):
        raise InvoerFout(None, f"discontovoet moet een getal zijn, kreeg {discontovoet!r}", sleutel="discontovoet")
    if discontovoet <= -1:
        raise InvoerFout(None, f"discontovoet {discontovoet} is onmogelijk (moet groter dan -1 zijn)", sleutel="discontovoet")
    if discontovoet > 1:
        raise InvoerFout(
            None,
            f"discontovoet {discontovoet} lijkt een percentage; geef een fractie, bijv. 0.0225 voor 2,25 %",
            sleutel="discontovoet",
        )
    return float(discontovoet)


def contante_waarde(
    bedragen_per_jaar: Mapping[int, float] | pd.Series | Iterable[tuple[int, float]],
    discontovoet: float = DISCONTOVOET_STANDAARD,
    basisjaar: int | None = None,
) -> float:
    """Present value in ``basisjaar``: sum of bedrag_t / (1 + discontovoet) ** (t - basisjaar).

    ``bedragen_per_jaar``: mapping jaar -> bedrag, a Series indexed by jaar, or (jaar, bedrag)
    pairs (years may repeat; they are added). ``discontovoet`` is a fraction (0.0225 = 2,25 %).
    ``basisjaar`` defaults to the earliest year; amounts before the base year are compounded
    forward. Empty input gives 0.0. Amounts are taken as given (no price indexation).
    """
    r = _controleer_voet(discontovoet)
    if isinstance(bedragen_per_jaar, pd.Series):
        paren = list(bedragen_per_jaar.items())
    elif isinstance(bedragen_per_jaar, Mapping):
        paren = list(bedragen_per_jaar.items())
    else:
        paren = list(bedragen_per_jaar)
    if not paren:
        return 0.0
    jaren = [int(j) for j, _ in paren]
    basis = min(jaren) if basisjaar is None else int(basisjaar)
    totaal = 0.0
    for jaar, bedrag in paren:
        b = float(bedrag)
        if math.isnan(b):
            raise InvoerFout(None, f"bedrag voor jaar {jaar} ontbreekt (NaN)", sleutel=str(jaar))
        totaal += b / (1.0 + r) ** (int(jaar) - basis)
    return totaal


def break_even(subsidie_eur: float, waarde_per_eenheid_eur: float) -> float | None:
    """Units of effect needed to pay back a subsidy: subsidie / waarde per eenheid (a plain ratio).

    Give both on the same basis. :func:`break_even_tabel` (and the report) give present values:
    e.g. 93.034,09 euro (the Flatcoach subsidy 2016-2018 in 2016 euros) / 95.647,44 euro (one
    resident-year in 2018, in 2016 euros) = 0,97 resident-years. Nominal inputs give the
    undiscounted ratio (95.000 / 100.000 = 0,95), which the report does not use.
    Returns None when the value per unit is 0 (no break-even possible). Negative or non-numeric
    inputs raise InvoerFout.
    """
    for naam, w in (("subsidie_eur", subsidie_eur), ("waarde_per_eenheid_eur", waarde_per_eenheid_eur)):
        if isinstance(w, bool) or not isinstance(w, int | float) or math.isnan(w):
            raise InvoerFout(None, f"{naam} moet een getal zijn, kreeg {w!r}", sleutel=naam)
        if w < 0:
            raise InvoerFout(None, f"{naam} mag niet negatief zijn ({w})", sleutel=naam)
    if waarde_per_eenheid_eur == 0:
        return None
    return subsidie_eur / waarde_per_eenheid_eur


def reden_niet_vergelijkbaar(onderdeel: str) -> str:
    """Why a project whose benefit comes from ``onderdeel`` only gets no saldo, ratio or break-even
    (Dutch, two sentences; the ``toelichting`` column of the published tables)."""
    return (f"Baat en kosten zijn niet te vergelijken: de baat komt alleen uit {' '.join(str(onderdeel).split())}. "
            "Wat dat deel kostte, staat niet in de bron.")


def _controleer_baten(baten: pd.DataFrame) -> pd.DataFrame:
    _eis_kolommen(baten, tuple(BATEN_KOLOMMEN), TABEL_BATEN)
    return baten.reset_index(drop=True)


def _baten_stroom(rij: Mapping, waarde: float, volume: float) -> dict[int, float]:
    start = int(rij["startjaar"])
    return {start + k: waarde * volume for k in range(int(rij["looptijd_jaren"]))}


def _cw_aanname(rij: Mapping, scenario_waarde: str, scenario_volume: str, r: float, basis: int) -> float:
    stroom = _baten_stroom(rij, float(rij[f"waarde_{scenario_waarde}_eur"]), float(rij[f"volume_{scenario_volume}"]))
    return contante_waarde(stroom, r, basis)


def _subsidie_stromen(subsidies: pd.DataFrame, budget: str) -> dict[str, dict[int, float]]:
    sub = kies_budget(controleer_subsidies(subsidies), budget)
    stromen: dict[str, dict[int, float]] = {}
    for (pid, jaar), bedrag in sub.groupby(["project_id", "jaar"])["bedrag_eur"].sum().items():
        stromen.setdefault(str(pid), {})[int(jaar)] = float(bedrag)
    return stromen


def _kies_basisjaar(basisjaar: int | None, subsidies: pd.DataFrame, baten: pd.DataFrame) -> int:
    if basisjaar is not None:
        return int(basisjaar)
    if len(subsidies):
        return int(pd.to_numeric(subsidies["jaar"]).min())
    if len(baten):
        return int(baten["startjaar"].min())
    raise InvoerFout(None, "geen basisjaar te bepalen: geen subsidies en geen baten", sleutel="basisjaar")


def _nl_pct(r: float) -> str:
    """0.0225 -> '2,25 %' (Babel, nl_NL)."""
    from babel.numbers import format_decimal

    return format_decimal(r * 100, format="#,##0.##", locale="nl_NL") + " %"


# --------------------------------------------------------------------------- tables


def scenario_tabel(
    baten: pd.DataFrame,
    subsidies: pd.DataFrame,
    *,
    discontovoet: float = DISCONTOVOET_STANDAARD,
    basisjaar: int | None = None,
    budget: str = "alle",
) -> pd.DataFrame:
    """Present value of benefits (laag/centraal/hoog) against the present value of the subsidy.

    One row per project that has benefit assumptions, per scenario. In scenario s every
    assumption uses waarde_s x volume_s (so 'laag' combines low value and low volume).
    ``basisjaar`` defaults to the first subsidy year. ``budget``: 'alle' (default),
    'innovatiebudget' or 'ander budget'.

    A project whose benefit comes from one part only (an assumption with ``onderdeel``, see
    :func:`projecten_met_onderdeel`) keeps its rows with the benefits, but ``cw_subsidie_eur``,
    ``netto_cw_eur`` and ``baten_kosten_verhouding`` are NaN: what that part cost is not in the
    sources, and the report refuses the comparison; ``vergelijkbaar`` is False and ``toelichting``
    says why (:func:`reden_niet_vergelijkbaar`).

    Columns: ``project_id, scenario, cw_baten_eur, cw_subsidie_eur, netto_cw_eur,
    baten_kosten_verhouding`` (NaN when the subsidy is 0), ``baathebbers`` (';'-joined),
    ``aannames`` (';'-joined ids), ``volume_illustratief`` (True when any volume used is an
    illustrative scenario rather than a figure from a source), ``discontovoet, basisjaar,
    vergelijkbaar`` (bool), ``toelichting`` ('' when vergelijkbaar). Amounts in euro at the
    price level of the sources, present value in ``basisjaar``.
    """
    r = _controleer_voet(discontovoet)
    b = _controleer_baten(baten)
    basis = _kies_basisjaar(basisjaar, subsidies, b)
    stromen = _subsidie_stromen(subsidies, budget)
    onvergelijkbaar = projecten_met_onderdeel(b)
    nan = float("nan")
    rijen = []
    for pid in sorted(b["project_id"].unique(), key=_project_sleutel):
        deel = b[b["project_id"] == pid]
        vergelijkbaar = pid not in onvergelijkbaar
        cw_sub = contante_waarde(stromen.get(pid, {}), r, basis) if vergelijkbaar else nan
        for s in SCENARIOS:
            cw_baten = sum(_cw_aanname(rij, s, s, r, basis) for rij in deel.to_dict("records"))
            rijen.append(
                {
                    "project_id": pid,
                    "scenario": s,
                    "cw_baten_eur": cw_baten,
                    "cw_subsidie_eur": cw_sub,
                    "netto_cw_eur": cw_baten - cw_sub if vergelijkbaar else nan,
                    "baten_kosten_verhouding": cw_baten / cw_sub if vergelijkbaar and cw_sub else nan,
                    "baathebbers": ";".join(sorted(deel["baathebber"].unique())),
                    "aannames": ";".join(deel["id"]),
                    "volume_illustratief": bool(deel["volume_illustratief"].any()),
                    "discontovoet": r,
                    "basisjaar": basis,
                    "vergelijkbaar": vergelijkbaar,
                    "toelichting": "" if vergelijkbaar else reden_niet_vergelijkbaar(onvergelijkbaar[pid]),
                }
            )
    kolommen = ["project_id", "scenario", "cw_baten_eur", "cw_subsidie_eur", "netto_cw_eur",
                "baten_kosten_verhouding", "baathebbers", "aannames", "volume_illustratief",
                "discontovoet", "basisjaar", "vergelijkbaar", "toelichting"]
    return pd.DataFrame(rijen, columns=kolommen)


def break_even_tabel(
    baten: pd.DataFrame,
    subsidies: pd.DataFrame,
    *,
    discontovoet: float = DISCONTOVOET_STANDAARD,
    basisjaar: int | None = None,
    budget: str = "alle",
) -> pd.DataFrame:
    """Per assumption: how many units of effect would pay back the project's whole subsidy.

    The volume is often unknown (e.g. how many resident-years of nursing-home admission the
    Flatcoach delayed); this turns the question around. Each assumption is taken alone, as if
    it had to carry the project's full subsidy. One basis throughout, as in :func:`scenario_tabel`:
    present values in ``basisjaar`` (default: the first subsidy year) at ``discontovoet``.

    ``break_even_s`` = cw subsidy / cw of one unit a year during the looptijd at waarde_s, i.e. units
    per year in each of the ``looptijd_jaren`` years from ``startjaar`` (with a looptijd of 1: units
    in ``startjaar``). By hand for the Flatcoach (subsidy 35.000 + 30.000 + 30.000 in 2016-2018,
    one resident-year = 100.000 in 2018, 2,25 %, base 2016): 93.034,09 / 95.647,44 = 0,9727.

    A project whose benefit comes from one part only (``onderdeel``) gets no break-even: the cost
    and break-even columns are NaN, ``vergelijkbaar`` False, ``toelichting`` says why.

    Columns: ``aanname_id, project_id, eenheid, baathebber, looptijd_jaren, startjaar,
    cw_subsidie_eur, cw_een_eenheid_laag_eur, cw_een_eenheid_centraal_eur,
    cw_een_eenheid_hoog_eur`` (present value of one unit a year during the looptijd),
    ``break_even_laag, break_even_centraal, break_even_hoog`` (units; NaN when the value is 0),
    ``volume_centraal, volume_illustratief, vergelijkbaar, toelichting, discontovoet, basisjaar``.
    """
    r = _controleer_voet(discontovoet)
    b = _controleer_baten(baten)
    basis = _kies_basisjaar(basisjaar, subsidies, b)
    stromen = _subsidie_stromen(subsidies, budget)
    onvergelijkbaar = projecten_met_onderdeel(b)
    nan = float("nan")
    rijen = []
    for rij in b.to_dict("records"):
        pid = rij["project_id"]
        vergelijkbaar = pid not in onvergelijkbaar
        cw_sub = contante_waarde(stromen.get(pid, {}), r, basis) if vergelijkbaar else nan
        een = {s: contante_waarde(_baten_stroom(rij, float(rij[f"waarde_{s}_eur"]), 1.0), r, basis)
               for s in SCENARIOS}
        per_scenario = {}
        for s in SCENARIOS:
            be = break_even(cw_sub, een[s]) if vergelijkbaar else None
            per_scenario[s] = nan if be is None else be
        rijen.append(
            {
                "aanname_id": rij["id"],
                "project_id": pid,
                "eenheid": rij["eenheid"],
                "baathebber": rij["baathebber"],
                "looptijd_jaren": int(rij["looptijd_jaren"]),
                "startjaar": int(rij["startjaar"]),
                "cw_subsidie_eur": cw_sub,
                "cw_een_eenheid_laag_eur": een["laag"],
                "cw_een_eenheid_centraal_eur": een["centraal"],
                "cw_een_eenheid_hoog_eur": een["hoog"],
                "break_even_laag": per_scenario["laag"],
                "break_even_centraal": per_scenario["centraal"],
                "break_even_hoog": per_scenario["hoog"],
                "volume_centraal": float(rij["volume_centraal"]),
                "volume_illustratief": bool(rij["volume_illustratief"]),
                "vergelijkbaar": vergelijkbaar,
                "toelichting": "" if vergelijkbaar else reden_niet_vergelijkbaar(onvergelijkbaar[pid]),
                "discontovoet": r,
                "basisjaar": basis,
            }
        )
    kolommen = ["aanname_id", "project_id", "eenheid", "baathebber", "looptijd_jaren", "startjaar",
                "cw_subsidie_eur", "cw_een_eenheid_laag_eur", "cw_een_eenheid_centraal_eur",
                "cw_een_eenheid_hoog_eur", "break_even_laag", "break_even_centraal", "break_even_hoog",
                "volume_centraal", "volume_illustratief", "vergelijkbaar", "toelichting", "discontovoet",
                "basisjaar"]
    return pd.DataFrame(rijen, columns=kolommen)


def tornado(
    baten: pd.DataFrame,
    subsidies: pd.DataFrame,
    project_id: str,
    *,
    discontovoet: float = DISCONTOVOET_STANDAARD,
    basisjaar: int | None = None,
    budget: str = "alle",
    discontovoet_bandbreedte: tuple[float, float] = DISCONTOVOET_BANDBREEDTE,
) -> pd.DataFrame:
    """Data for a tornado chart of one project: vary one parameter, keep the rest central.

    Parameters varied: for each assumption of the project its ``waarde_per_eenheid_eur`` and
    its ``volume`` (low and high from baten.yaml), and once the ``discontovoet`` (low/high from
    ``discontovoet_bandbreedte``, default -1 % and 3 %; this also moves the subsidy's present
    value). ``looptijd_jaren`` is a single value and is not varied.

    Columns: ``project_id, parameter, aanname_id`` ('' for discontovoet), ``param_laag,
    param_centraal, param_hoog, cw_baten_bij_laag_eur, cw_baten_centraal_eur,
    cw_baten_bij_hoog_eur, netto_bij_laag_eur, netto_centraal_eur, netto_bij_hoog_eur,
    spreiding_eur`` (|netto_bij_hoog - netto_bij_laag|), ``illustratief`` (the range is an
    illustrative scenario, not from a source). Sorted by spreiding (largest first), then
    parameter and aanname_id.
    """
    r = _controleer_voet(discontovoet)
    b = _controleer_baten(baten)
    pid = str(project_id)
    deel = b[b["project_id"] == pid].to_dict("records")
    if not deel:
        raise InvoerFout(None, f"geen batenaannames voor project {pid!r}", sleutel="project_id")
    basis = _kies_basisjaar(basisjaar, subsidies, b)
    stroom_sub = _subsidie_stromen(subsidies, budget).get(pid, {})

    def totaal(voet: float, vervang: tuple[str, str, str] | None = None) -> float:
        """Sum of cw over assumptions; ``vervang`` = (aanname_id, 'waarde'|'volume', scenario)."""
        som = 0.0
        for rij in deel:
            sw = sv = "centraal"
            if vervang and rij["id"] == vervang[0]:
                if vervang[1] == "waarde":
                    sw = vervang[2]
                else:
                    sv = vervang[2]
            som += _cw_aanname(rij, sw, sv, voet, basis)
        return som

    cw_sub = contante_waarde(stroom_sub, r, basis)
    centraal = totaal(r)
    rijen = []
    for rij in deel:
        for param, prefix, suffix in (("waarde_per_eenheid_eur", "waarde_", "_eur"), ("volume", "volume_", "")):
            kort = "waarde" if param.startswith("waarde") else "volume"
            laag = totaal(r, (rij["id"], kort, "laag"))
            hoog = totaal(r, (rij["id"], kort, "hoog"))
            ill = bool(rij["volume_illustratief"]) if kort == "volume" else False
            rijen.append(
                {
                    "project_id": pid,
                    "parameter": param,
                    "aanname_id": rij["id"],
                    "param_laag": float(rij[f"{prefix}laag{suffix}"]),
                    "param_centraal": float(rij[f"{prefix}centraal{suffix}"]),
                    "param_hoog": float(rij[f"{prefix}hoog{suffix}"]),
                    "cw_baten_bij_laag_eur": laag,
                    "cw_baten_centraal_eur": centraal,
                    "cw_baten_bij_hoog_eur": hoog,
                    "netto_bij_laag_eur": laag - cw_sub,
                    "netto_centraal_eur": centraal - cw_sub,
                    "netto_bij_hoog_eur": hoog - cw_sub,
                    "illustratief": ill,
                }
            )
    v_laag, v_hoog = (_controleer_voet(v) for v in discontovoet_bandbreedte)
    b_laag, b_hoog = totaal(v_laag), totaal(v_hoog)
    rijen.append(
        {
            "project_id": pid,
            "parameter": "discontovoet",
            "aanname_id": "",
            "param_laag": v_laag,
            "param_centraal": r,
            "param_hoog": v_hoog,
            "cw_baten_bij_laag_eur": b_laag,
            "cw_baten_centraal_eur": centraal,
            "cw_baten_bij_hoog_eur": b_hoog,
            "netto_bij_laag_eur": b_laag - contante_waarde(stroom_sub, v_laag, basis),
            "netto_centraal_eur": centraal - cw_sub,
            "netto_bij_hoog_eur": b_hoog - contante_waarde(stroom_sub, v_hoog, basis),
            "illustratief": False,
        }
    )
    df = pd.DataFrame(rijen)
    df["spreiding_eur"] = (df["netto_bij_hoog_eur"] - df["netto_bij_laag_eur"]).abs()
    df = df.sort_values(["spreiding_eur", "parameter", "aanname_id"], ascending=[False, True, True], kind="stable")
    kolommen = ["project_id", "parameter", "aanname_id", "param_laag", "param_centraal", "param_hoog",
                "cw_baten_bij_laag_eur", "cw_baten_centraal_eur", "cw_baten_bij_hoog_eur",
                "netto_bij_laag_eur", "netto_centraal_eur", "netto_bij_hoog_eur", "spreiding_eur",
                "illustratief"]
    return df[kolommen].reset_index(drop=True)


def wie_betaalt_wie_baat(
    baten: pd.DataFrame,
    subsidies: pd.DataFrame,
    *,
    discontovoet: float = DISCONTOVOET_STANDAARD,
    basisjaar: int | None = None,
    budget: str = "alle",
    pm_posten: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Who pays and who gains, per project with benefit assumptions and in total.

    The municipality ('gemeente') pays the subsidy; each assumption's baathebber gains. The
    split-incentive problem of the evaluation's conclusion 6 shows up as rows where the payer
    and the gainer differ. ``pm_posten`` (optional, from laad_pm_posten) adds the ids of
    unquantified benefits to the row of their project and baathebber (a row is added if needed).

    A project whose benefit comes from one part only (an assumption with ``onderdeel``) has costs
    for the whole project and a benefit for that part: its rows carry ``vergelijkbaar`` False and no
    saldo (NaN), and the total rows leave the project out, so no sum sets the one against the other.

    Columns: ``niveau`` ('project' | 'totaal'), ``project_id`` ('totaal' on total rows),
    ``partij, rol`` ('betaalt' | 'baat' | 'betaalt en baat' | 'pm'), ``cw_kosten_eur,
    cw_baten_laag_eur, cw_baten_centraal_eur, cw_baten_hoog_eur, saldo_centraal_eur``
    (baten centraal - kosten), ``pm_posten`` (';'-joined ids), ``vergelijkbaar`` (False: the
    costs are the whole project's, the benefit one part's), ``toelichting`` (why not, '' when
    vergelijkbaar; :func:`reden_niet_vergelijkbaar`). Partner contributions to
    project costs are not in the sources and not included.
    """
    r = _controleer_voet(discontovoet)
    b = _controleer_baten(baten)
    basis = _kies_basisjaar(basisjaar, subsidies, b)
    stromen = _subsidie_stromen(subsidies, budget)
    projecten = set(b["project_id"])
    if pm_posten is not None:
        projecten |= set(pm_posten["project_id"].astype(str))

    cellen: dict[tuple[str, str], dict] = {}

    def cel(pid: str, partij: str) -> dict:
        return cellen.setdefault(
            (pid, partij),
            {"kosten": 0.0, "laag": 0.0, "centraal": 0.0, "hoog": 0.0, "pm": []},
        )

    for pid in projecten:
        cel(pid, "gemeente")["kosten"] += contante_waarde(stromen.get(pid, {}), r, basis)
    for rij in b.to_dict("records"):
        c = cel(rij["project_id"], rij["baathebber"])
        for s in SCENARIOS:
            c[s] += _cw_aanname(rij, s, s, r, basis)
    if pm_posten is not None:
        for rij in pm_posten.to_dict("records"):
            cel(str(rij["project_id"]), rij["baathebber"])["pm"].append(rij["id"])

    def rol(c: dict) -> str:
        betaalt = c["kosten"] > 0
        baat = c["centraal"] > 0 or c["hoog"] > 0
        if betaalt and baat:
            return "betaalt en baat"
        if betaalt:
            return "betaalt"
        if baat:
            return "baat"
        return "pm" if c["pm"] else "baat"

    onvergelijkbaar = projecten_met_onderdeel(b)

    def rij_uit(niveau: str, pid: str, partij: str, c: dict) -> dict:
        vergelijkbaar = pid not in onvergelijkbaar
        return {
            "niveau": niveau,
            "project_id": pid,
            "partij": partij,
            "rol": rol(c),
            "cw_kosten_eur": c["kosten"],
            "cw_baten_laag_eur": c["laag"],
            "cw_baten_centraal_eur": c["centraal"],
            "cw_baten_hoog_eur": c["hoog"],
            "saldo_centraal_eur": c["centraal"] - c["kosten"] if vergelijkbaar else float("nan"),
            "pm_posten": ";".join(sorted(c["pm"])),
            "vergelijkbaar": vergelijkbaar,
            "toelichting": "" if vergelijkbaar else reden_niet_vergelijkbaar(onvergelijkbaar[pid]),
        }

    partij_volgorde = {p: i for i, p in enumerate(("gemeente", "zorgverzekeraar", "Wlz", "woningcorporatie", "inwoner", "onbekend"))}
    rijen = [
        rij_uit("project", pid, partij, c)
        for (pid, partij), c in sorted(cellen.items(), key=lambda kv: (_project_sleutel(kv[0][0]), partij_volgorde.get(kv[0][1], 99)))
    ]
    totalen: dict[str, dict] = {}
    for (pid, partij), c in cellen.items():
        if pid in onvergelijkbaar:
            continue
        t = totalen.setdefault(partij, {"kosten": 0.0, "laag": 0.0, "centraal": 0.0, "hoog": 0.0, "pm": []})
        for k in ("kosten", "laag", "centraal", "hoog"):
            t[k] += c[k]
        t["pm"].extend(c["pm"])
    for partij in sorted(totalen, key=lambda p: partij_volgorde.get(p, 99)):
        rijen.append(rij_uit("totaal", "totaal", partij, totalen[partij]))
    kolommen = ["niveau", "project_id", "partij", "rol", "cw_kosten_eur", "cw_baten_laag_eur",
                "cw_baten_centraal_eur", "cw_baten_hoog_eur", "saldo_centraal_eur", "pm_posten", "vergelijkbaar",
                "toelichting"]
    return pd.DataFrame(rijen, columns=kolommen)


def projecten_met_onderdeel(baten: pd.DataFrame) -> dict[str, str]:
    """Project id -> the part (``onderdeel``) its benefit comes from, for the projects where that is not
    the whole project: their subsidy and their benefit cannot be compared."""
    if "onderdeel" not in baten:
        return {}
    return {str(r["project_id"]): str(r["onderdeel"]) for r in baten.to_dict("records")
            if isinstance(r.get("onderdeel"), str) and r["onderdeel"].strip()}
