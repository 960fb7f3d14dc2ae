"""Benchmark 6: national scale — ingest and progress assessment for every municipality.

Generates (in a temporary directory, never committed) a CBS OData v3 bundle in the
shape of RIVM table 50120NED as ``evaluatie.ingest`` reads it (see
``evaluatie.demo._bundel_50120``): Nederland, 342 municipalities, 3,300 districts
and 14,000 neighbourhoods x 4 survey waves x 30 fields, each a value plus the two
bounds of the 95 % interval (dimension ``Marges``), one age group, UntypedDataSet
with right-aligned text cells and the CBS symbols 'x' and '.' where a real table
has them (small neighbourhoods, fields not yet asked in the first wave).

A child process then runs the job and reports per phase; the parent reads the
child's own peak RSS with ``os.wait4`` (ru_maxrss):

1. ingest: ``lees_monitor_map`` on the directory (= ``lees_bestand`` + duplicate
   check + sort), exactly what stage ``ingest`` does;
2. koppeling: for all municipalities the same selection as ``koppel`` makes,
   once and vectorised;
3. voortgang: ``beoordeel_alles`` per municipality on its own slice (municipality
   + Nederland), for four indicators: the two Rijswijk kader indicators measured in
   50120NED at 18+ (eenzaam_ernstig, vrijwilligers_vrijwilligerswerk; the kader
   baseline value is dropped because it is Rijswijk's) and two BENCHMARK-only
   indicators that take the heavier paths (projection to 2026; a direction-per-year
   target), so the figure is not flattered by cheap cases.

Also measured, to explain the figures: ``koppel`` for one municipality (the stage's
own call), ``beoordeel_indicator`` called directly (the overhead of
``beoordeel_alles``), ``beoordeel_alles`` handed the whole national selection (one
municipality with 341 comparable municipalities), every municipality against Nederland
in one column-wise call (``voortgang.landelijk.vergelijk_met_nederland``), a
what-if run of the ingest with the cyclic garbage collector off, and a cProfile
of ingest and assessment at scale 0.1 (written to resultaten/landelijk_profiel.json).

Usage::

    .venv/bin/python benchmarks/landelijk.py            # full scale: resultaten/landelijk.json
    .venv/bin/python benchmarks/landelijk.py --schaal 0.1 --zonder-wat-als --zonder-profiel
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import PYTHON, ROOT, log, meet_met_geheugen, omgeving, schrijf_resultaat  # noqa: E402

SEED = 20240101
N_GEMEENTEN = 342
N_WIJKEN = 3300
N_BUURTEN = 14000
JAREN = [2012, 2016, 2020, 2022]
N_VELDEN = 30
LEEFTIJD = ("20300", "18 jaar of ouder")
MARGES = [
    ("MW00000", "Waarde"),
    ("MOG0095", "Ondergrens 95%-betrouwbaarheidsinterval"),
    ("MBG0095", "Bovengrens 95%-betrouwbaarheidsinterval"),
]
# the four field keys of the real table that koppeling.yaml uses, plus neutral keys
ECHTE_VELDEN = [
    ("Eenzaam_27", "Eenzaam", 47.0, 2012),
    ("ErnstigZeerErnstigEenzaam_28", "Ernstig/zeer ernstig eenzaam", 10.0, 2012),
    ("Mantelzorger_31", "Mantelzorger", 14.0, 2016),
    ("Vrijwilligerswerk_32", "Vrijwilligerswerk", 27.0, 2016),
]
MAX_MB = 2048
HALVE_BREEDTE = {"Land": 0.4, "Gemeente": 2.5, "Wijk": 5.5, "Buurt": 9.0}


def _velden() -> list[tuple[str, str, float, int]]:
    velden = list(ECHTE_VELDEN)
    i = 40
    while len(velden) < N_VELDEN:
        # neutral synthetic topics; a quarter of them first asked in 2016 (earlier wave: '.')
        velden.append((f"Onderwerp{i}_{i}", f"Onderwerp {i}", 5.0 + (i * 7) % 60, 2016 if i % 4 == 0 else 2012))
        i += 1
    return velden


def gebieden(schaal: float = 1.0, seed: int = SEED) -> list[tuple[str, str, str, str]]:
    """(code, name, kind, municipality name) for NL, municipalities, districts, neighbourhoods.

    Deterministic. Districts are spread evenly over municipalities and neighbourhoods over
    districts, so the counts are exact: 342 / 3,300 / 14,000 at ``schaal`` 1.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    n_gm = max(2, round(N_GEMEENTEN * schaal))
    n_wk = max(n_gm, round(N_WIJKEN * schaal))
    n_bu = max(n_wk, round(N_BUURTEN * schaal))
    andere = sorted(int(c) for c in rng.choice([c for c in range(1, 2000) if c not in (603, 1916)],
                                               size=n_gm - 2, replace=False))
    gm_codes = sorted([603, 1916, *andere])
    uit = [("NL01", "Nederland", "Land", "")]
    wijken_per_gm = [n_wk // n_gm + (1 if i < n_wk % n_gm else 0) for i in range(n_gm)]
    buurten_per_wk = [n_bu // n_wk + (1 if i < n_bu % n_wk else 0) for i in range(n_wk)]
    wk_nr = 0
    for gm, n_w in zip(gm_codes, wijken_per_gm):
        gm_naam = {603: "Rijswijk", 1916: "Leidschendam-Voorburg"}.get(gm, f"Gemeente {gm:04d} (bench)")
        uit.append((f"GM{gm:04d}", gm_naam, "Gemeente", gm_naam))
        for w in range(n_w):
            wk = f"{gm:04d}{w:02d}"
            uit.append((f"WK{wk}", f"Wijk {w:02d} {gm_naam}", "Wijk", gm_naam))
            for b in range(buurten_per_wk[wk_nr]):
                uit.append((f"BU{wk}{b:02d}", f"Buurt {b:02d} wijk {w:02d} {gm_naam}", "Buurt", gm_naam))
            wk_nr += 1
    return uit


def schrijf_bundel(pad: Path, schaal: float = 1.0, seed: int = SEED) -> dict:
    """Write the OData bundle to ``pad`` (streamed, row by row); returns counts."""
    import numpy as np

    rng = np.random.default_rng(seed)
    velden = _velden()
    geb = gebieden(schaal, seed)
    basis = "https://dataderden.cbs.nl/ODataApi/OData/50120NED"
    meta = f"{basis}/$metadata#Cbs.OData.WebAPI."

    eigenschappen = [
        {"odata.type": "Cbs.OData.Dimension", "ID": 0, "Position": 0, "ParentID": None, "Type": "Dimension",
         "Key": "Marges", "Title": "Marges", "Description": None},
        {"odata.type": "Cbs.OData.Dimension", "ID": 1, "Position": 1, "ParentID": None, "Type": "Dimension",
         "Key": "Leeftijd", "Title": "Leeftijd", "Description": None},
        {"odata.type": "Cbs.OData.GeoDimension", "ID": 2, "Position": 2, "ParentID": None,
         "Type": "GeoDimension", "Key": "WijkenEnBuurten", "Title": "Wijken en buurten", "Description": None},
        {"odata.type": "Cbs.OData.TimeDimension", "ID": 3, "Position": 3, "ParentID": None,
         "Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden", "Description": None},
    ]
    for key, titel in (("Gemeentenaam_1", "Gemeentenaam"), ("SoortRegio_2", "Soort regio"),
                       ("Codering_3", "Codering")):
        eigenschappen.append({"odata.type": "Cbs.OData.Topic", "ID": len(eigenschappen),
                              "Position": len(eigenschappen), "ParentID": None, "Type": "Topic", "Key": key,
                              "Title": titel, "Description": None, "Datatype": "String", "Unit": None,
                              "Decimals": 0, "Default": "Missing", "PresentationType": "Absolute"})
    for key, titel, _, _ in velden:
        eigenschappen.append({"odata.type": "Cbs.OData.Topic", "ID": len(eigenschappen),
                              "Position": len(eigenschappen), "ParentID": None, "Type": "Topic", "Key": key,
                              "Title": titel, "Description": "BENCHMARKDATA", "Datatype": "Double",
                              "Unit": "%", "Decimals": 0, "Default": "Impossible",
                              "PresentationType": "Relative"})

    n_geb, n_jaar, n_veld = len(geb), len(JAREN), len(velden)
    niveau = np.array([v[2] for v in velden])
    soort = [g[2] for g in geb]
    sd = np.array([{"Land": 0.0, "Gemeente": 2.0, "Wijk": 4.0, "Buurt": 6.0}[s] for s in soort])
    effect = rng.normal(0.0, 1.0, size=(n_geb, n_veld)) * sd[:, None]
    golf = rng.normal(0.0, 1.5, size=(n_jaar, n_veld))
    ruis = rng.normal(0.0, 1.0, size=(n_geb, n_jaar, n_veld)) * (sd[:, None, None] / 3 + 0.3)
    waarde = np.clip(niveau[None, None, :] + effect[:, None, :] + golf[None, :, :] + ruis, 1.0, 95.0)
    hw = np.array([HALVE_BREEDTE[s] for s in soort])[:, None, None] * np.ones_like(waarde)
    v = np.rint(waarde)
    lo = np.clip(np.minimum(v, np.rint(waarde - hw)), 0, 100)
    hi = np.clip(np.maximum(v, np.rint(waarde + hw)), 0, 100)
    # symbols: a share of the small neighbourhoods is secret in a wave; fields not yet asked
    geheim = (np.array([s == "Buurt" for s in soort])[:, None] & (rng.random((n_geb, n_jaar)) < 0.15))
    niet_gevraagd = np.array([[jaar < v_[3] for v_ in velden] for jaar in JAREN])  # (jaar, veld)

    def cel(x: float) -> str:
        return f"{int(x):>6d}"

    aantal_rijen = 0
    with open(pad, "w", encoding="utf-8") as f:
        kop = {
            "bundel": "cbs-odata-v3", "tabel": "50120NED", "basis_url": basis,
            "TableInfos": {"odata.metadata": meta + "TableInfos", "value": [{
                "ID": 0, "Title": "Gezondheid per wijk en buurt; 2012/2016/2020/2022 (benchmark)",
                "ShortTitle": "Gezondheid per wijk en buurt", "Identifier": "50120NED",
                "Summary": "BENCHMARKDATA in het formaat van tabel 50120NED.", "Catalog": "RIVM",
                "Language": "nl", "Period": "2012, 2016, 2020, 2022"}]},
            "DataProperties": {"odata.metadata": meta + "DataProperties", "value": eigenschappen},
            "Marges": {"odata.metadata": meta + "Marges",
                       "value": [{"Key": k, "Title": t, "Description": None} for k, t in MARGES]},
            "Leeftijd": {"odata.metadata": meta + "Leeftijd",
                         "value": [{"Key": LEEFTIJD[0], "Title": LEEFTIJD[1], "Description": None}]},
            "WijkenEnBuurten": {"odata.metadata": meta + "WijkenEnBuurten", "value": [
                {"Key": f"{c:<10}", "Title": n, "Description": None} for c, n, _, _ in geb]},
            "Perioden": {"odata.metadata": meta + "Perioden", "value": [
                {"Key": f"{j}JJ00", "Title": str(j), "Description": None, "Status": "Definitief"}
                for j in JAREN]},
        }
        f.write(json.dumps(kop, ensure_ascii=False)[:-1])
        f.write(', "UntypedDataSet": {"odata.metadata": ' + json.dumps(meta + "UntypedDataSet") + ', "value": [')
        eerste = True
        for mi, (mkey, _) in enumerate(MARGES):
            bron = (v, lo, hi)[mi]
            for gi, (code, _, s, gm_naam) in enumerate(geb):
                for ji, jaar in enumerate(JAREN):
                    rij = {"ID": aantal_rijen, "Marges": mkey, "Leeftijd": LEEFTIJD[0],
                           "WijkenEnBuurten": f"{code:<10}", "Perioden": f"{jaar}JJ00",
                           "Gemeentenaam_1": f"{gm_naam:<40}", "SoortRegio_2": f"{s:<10}",
                           "Codering_3": f"{code:<10}"}
                    rij_bron = bron[gi, ji]
                    for vi, (key, _, _, _) in enumerate(velden):
                        if niet_gevraagd[ji, vi]:
                            rij[key] = "     ."
                        elif geheim[gi, ji]:
                            rij[key] = "     x"
                        else:
                            rij[key] = cel(rij_bron[vi])
                    f.write(("" if eerste else ",") + json.dumps(rij, ensure_ascii=False))
                    eerste = False
                    aantal_rijen += 1
        f.write("]}}\n")
    telling = {s: soort.count(s) for s in ("Land", "Gemeente", "Wijk", "Buurt")}
    return {"gebieden": telling, "jaren": len(JAREN), "velden": n_veld, "marges": len(MARGES),
            "rijen_dataset": aantal_rijen, "metingen_verwacht": n_geb * n_jaar * n_veld,
            "bestand_mb": round(pad.stat().st_size / 1e6, 1)}


def _piek_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _indicatoren():
    """(indicator rows, [(indicator_id, veld)]): two real Rijswijk indicators measured in
    50120NED at 18+ and two BENCHMARK-only ones that take the heavier code paths
    (projection to a target year after the last wave; a direction-per-year target)."""
    import pandas as pd

    from evaluatie.ingest.kader import kader_tabellen, valideer_map

    alle = kader_tabellen(valideer_map(ROOT / "data" / "raw" / "kader" / "rijswijk"))["indicatoren"]
    echt = alle[alle["indicator_id"].isin(["eenzaam_ernstig", "vrijwilligers_vrijwilligerswerk"])].copy()
    echt["basis_waarde"] = float("nan")  # the kader baseline is Rijswijk's, not every municipality's
    sjabloon = echt[echt["indicator_id"] == "eenzaam_ernstig"].iloc[0]
    extra = []
    for iid, doel_type, doel_waarde, vanaf in (("bench_projectie", "waarde", 40.0, None),
                                               ("bench_richting", "richting_per_jaar", None, 2017)):
        r = sjabloon.copy()
        r["indicator_id"], r["naam"] = iid, f"BENCHMARK {iid}"
        r["doel_type"], r["doel_waarde"], r["doel_jaar"], r["doel_vanaf_jaar"] = doel_type, doel_waarde, 2026, vanaf
        r["herkomst"], r["opmerking"] = "benchmark (synthetisch)", "alleen voor benchmarks/landelijk.py"
        extra.append(r)
    ind = pd.concat([echt, pd.DataFrame(extra).astype(echt.dtypes.to_dict())], ignore_index=True)
    velden = [("eenzaam_ernstig", "ErnstigZeerErnstigEenzaam_28"),
              ("vrijwilligers_vrijwilligerswerk", "Vrijwilligerswerk_32"),
              ("bench_projectie", "Onderwerp40_40"), ("bench_richting", "Onderwerp41_41")]
    return ind, velden


def _gekoppeld(metingen, velden):
    """koppel()'s selection for every municipality at once: (NL rows, {code: rows}, all rows)."""
    import pandas as pd

    from evaluatie.gedeeld.definities import eenheid_soort
    from evaluatie.ingest.koppeling import KOPPEL_KOLOMMEN, _NIVEAU_VOLGORDE

    basis = metingen[metingen["gebied_niveau"].isin(["land", "gemeente"])
                     & (metingen["tabel"] == "50120NED") & (metingen["leeftijd"] == LEEFTIJD[1])]
    delen = []
    for iid, veld in velden:
        sel = basis[basis["veld"] == veld].copy()
        sel["onzekerheid"] = "modelschatting"  # 50120NED: SMAP small-area model estimates
        # as koppel() marks it: a count of people (by the kind of its unit) falls under disclosure control
        sel["telling"] = sel["eenheid"].map(lambda e: eenheid_soort(e) == "telling").astype(bool)
        sel.insert(0, "indicator_id", iid)
        delen.append(sel[KOPPEL_KOLOMMEN])
    gekoppeld = pd.concat(delen, ignore_index=True)
    gekoppeld["_niveau"] = gekoppeld["gebied_niveau"].map(_NIVEAU_VOLGORDE)
    gekoppeld = gekoppeld.sort_values(["indicator_id", "_niveau", "gebied", "jaar"], kind="mergesort")
    gekoppeld = gekoppeld.drop(columns="_niveau").reset_index(drop=True)
    nl = gekoppeld[gekoppeld["gebied"] == "NL01"]
    per_gemeente = {g: df for g, df in gekoppeld[gekoppeld["gebied"] != "NL01"].groupby("gebied", sort=True)}
    return nl, per_gemeente, gekoppeld


def job(map_: Path, uit: Path) -> None:
    """The measured work (runs in a child process). Writes phase timings to ``uit``."""
    fasen: dict[str, dict] = {}
    t0 = time.perf_counter()
    import pandas as pd
    import yaml

    from evaluatie.ingest import koppel, laad_koppeling, lees_monitor_map
    from evaluatie.voortgang.beoordeel import beoordeel_alles, beoordeel_indicator

    fasen["imports"] = {"s": time.perf_counter() - t0, "piek_mb": _piek_mb()}

    t = time.perf_counter()
    metingen = lees_monitor_map(map_)
    fasen["ingest"] = {"s": time.perf_counter() - t, "piek_mb": _piek_mb(), "metingen": len(metingen)}
    t = time.perf_counter()
    indicatoren, velden = _indicatoren()
    koppeling = laad_koppeling(ROOT / "data" / "raw" / "monitor" / "koppeling.yaml")
    drempels = (yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8")) or {}).get("drempels") or {}
    fasen["kader_en_koppeling_laden"] = {"s": time.perf_counter() - t}

    # the stage's own call, for one municipality: scans the whole national table
    t = time.perf_counter()
    een = koppel(metingen, koppeling, "GM0603")
    fasen["koppel_een_gemeente"] = {"s": time.perf_counter() - t, "rijen": len(een)}

    # all municipalities at once: the same selection as koppel(), vectorised
    t = time.perf_counter()
    nl, per_gemeente, gekoppeld = _gekoppeld(metingen, velden)
    fasen["koppel_alle_gemeenten"] = {"s": time.perf_counter() - t, "rijen": len(gekoppeld),
                                      "gemeenten": len(per_gemeente)}

    # what stage voortgang does, once per municipality
    t = time.perf_counter()
    uitslagen = []
    for code, df in per_gemeente.items():
        uitslagen.append(beoordeel_alles(indicatoren, pd.concat([nl, df], ignore_index=True), code, drempels))
    voortgang = pd.concat(uitslagen, ignore_index=True)
    s = time.perf_counter() - t
    # the assessments themselves, for comparing a before/after run (--src) byte for byte
    voortgang.to_parquet(uit.with_suffix(".voortgang.parquet"), index=False)
    fasen["voortgang_alle_gemeenten"] = {
        "s": s, "piek_mb": _piek_mb(), "beoordelingen": len(voortgang),
        "indicatoren": list(indicatoren["indicator_id"]),
        "per_beoordeling_ms": 1000 * s / max(1, len(voortgang)),
        "statussen": {str(k): int(n) for k, n in voortgang["status"].value_counts().sort_index().items()},
    }

    # the same judgements through beoordeel_indicator directly (series grouped once):
    # the difference is beoordeel_alles' own overhead (groupby + per-column dtype fixing per call)
    t = time.perf_counter()
    reeksen = {k: df for k, df in gekoppeld.groupby(["indicator_id", "gebied"], sort=False)}
    rijen = [(ind, ind["indicator_id"]) for _, ind in indicatoren.iterrows()]
    n = 0
    for code in per_gemeente:
        for ind, iid in rijen:
            beoordeel_indicator(ind, reeksen.get((iid, code)), reeksen.get((iid, "NL01")), drempels)
            n += 1
    s = time.perf_counter() - t
    fasen["voortgang_alleen_beoordeel_indicator"] = {"s": s, "beoordelingen": n,
                                                    "per_beoordeling_ms": 1000 * s / max(1, n)}

    # the same public function handed the whole national selection: one municipality against
    # all 341 others as comparable municipalities (column vergelijking_gemeenten)
    t = time.perf_counter()
    hele = beoordeel_alles(indicatoren, gekoppeld, "GM0603", drempels)
    fasen["voortgang_een_gemeente_hele_tabel"] = {
        "s": time.perf_counter() - t,
        "vergelijkingen_gemeenten": int(hele["vergelijking_gemeenten"].fillna("").str.count(":").sum())}

    # every municipality against Nederland in one column-wise call (where the source has it)
    try:
        from evaluatie.voortgang.landelijk import vergelijk_met_nederland
    except ImportError:
        vergelijk_met_nederland = None
    if vergelijk_met_nederland is not None:
        t = time.perf_counter()
        pct = {str(i): bool(p) for i, p in zip(indicatoren["indicator_id"], indicatoren["is_percentage"])}
        nl_alle = vergelijk_met_nederland(gekoppeld, pct, drempels)
        fasen["nederland_alle_gemeenten_gevectoriseerd"] = {
            "s": time.perf_counter() - t, "vergelijkingen": len(nl_alle),
            "oordelen": {str(k): int(v) for k, v in nl_alle["nl_oordeel"].value_counts(dropna=False).items()}}

    fasen["totaal_in_proces"] = {"s": time.perf_counter() - t0, "piek_mb": _piek_mb()}
    uit.write_text(json.dumps(fasen, indent=2), encoding="utf-8")


def profiel(map_: Path, uit: Path) -> None:
    """cProfile of the ingest and of the assessment loop (top functions by own time)."""
    import cProfile
    import io
    import pstats

    import pandas as pd

    from evaluatie.ingest import lees_monitor_map
    from evaluatie.voortgang.beoordeel import beoordeel_alles

    def top(prof: cProfile.Profile, n: int = 15) -> str:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(n)
        tekst = buf.getvalue()
        return tekst[tekst.index("ncalls"):] if "ncalls" in tekst else tekst

    prof = cProfile.Profile()
    prof.enable()
    metingen = lees_monitor_map(map_)
    prof.disable()
    uitslag = {"ingest": top(prof)}
    indicatoren, velden = _indicatoren()
    nl, per_gemeente, _ = _gekoppeld(metingen, velden)
    prof = cProfile.Profile()
    prof.enable()
    for code, df in per_gemeente.items():
        beoordeel_alles(indicatoren, pd.concat([nl, df], ignore_index=True), code)
    prof.disable()
    uitslag["voortgang"] = top(prof)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(r"voortgang\.py|frame\.py:.*astype", 12)
    uitslag["voortgang_cumulatief"] = buf.getvalue()[buf.getvalue().find("ncalls"):]
    uit.write_text(json.dumps(uitslag, indent=2), encoding="utf-8")


def draai(schaal: float = 1.0, profiel_schaal: float | None = 0.1, src: Path | None = None) -> dict:
    """Generate, run the job in a child (wall + peak RSS), and a cProfile at a smaller scale. Returns {"landelijk": ..., "landelijk_profiel": ...}.

    ``src``: also run the job with another source tree (an older commit's ``src`` via ``git
    archive``) on the same generated data, right after, for a before/after in one run
    (``resultaat["voor"]``)."""
    uitslag: dict[str, dict] = {}
    env = omgeving(ROOT)
    # the national file (~233 MB) is above the reader's default size limit (EVALUATIE_MAX_MB=200)
    env["EVALUATIE_MAX_MB"] = str(MAX_MB)
    with tempfile.TemporaryDirectory(prefix="evaluatie-landelijk-") as tmp:
        tmp = Path(tmp)
        map_ = tmp / "monitor"
        map_.mkdir()
        log(f"landelijk: genereer dataset (schaal {schaal}) ...")
        t = time.perf_counter()
        telling = schrijf_bundel(map_ / "50120NED.json", schaal)
        genereren = time.perf_counter() - t
        log(f"landelijk: {telling['bestand_mb']} MB in {genereren:.1f} s; job ...")
        uit = tmp / "fasen.json"
        r = meet_met_geheugen([str(PYTHON), __file__, "--job", str(map_), str(uit)], cwd=ROOT, env=env)
        fasen = json.loads(uit.read_text(encoding="utf-8"))
        job_s = sum(fasen[f]["s"] for f in ("imports", "ingest", "kader_en_koppeling_laden",
                                            "koppel_alle_gemeenten", "voortgang_alle_gemeenten"))
        resultaat = {
            "schaal": schaal, "dataset": telling, "genereren_s": round(genereren, 2),
            "omgeving": {"EVALUATIE_MAX_MB": MAX_MB},
            "job_s": round(job_s, 2),
            "piek_mb": round(r["piek_mb"], 1),
            "kindproces_wand_s": round(r["seconden"], 2),
            "toelichting": "job_s = imports + ingest + kader/koppeling laden + koppeling alle gemeenten + "
                           "voortgang alle gemeenten; kindproces_wand_s bevat ook de diagnostische extra's "
                           "(koppel voor één gemeente, beoordeel_indicator-lus, beoordeel_alles op de hele tabel)",
            "fasen": fasen,
            "doel": {"job_s": 15.0, "piek_mb": 2048.0},
        }
        if src is not None:
            log(f"landelijk: dezelfde job met {src} ...")
            env_voor = dict(env, PYTHONPATH=str(Path(src).resolve()))
            uit_voor = tmp / "fasen_voor.json"
            rv = meet_met_geheugen([str(PYTHON), __file__, "--job", str(map_), str(uit_voor)], cwd=ROOT, env=env_voor)
            fv = json.loads(uit_voor.read_text(encoding="utf-8"))
            resultaat["voor"] = {
                "src": str(src), "piek_mb": round(rv["piek_mb"], 1), "kindproces_wand_s": round(rv["seconden"], 2),
                "job_s": round(sum(fv[f]["s"] for f in ("imports", "ingest", "kader_en_koppeling_laden",
                                                        "koppel_alle_gemeenten", "voortgang_alle_gemeenten")), 2),
                "fasen": fv}
            # the 1368 assessments of both runs: the same frame and the same parquet bytes?
            import pandas as pd

            na_pq, voor_pq = uit.with_suffix(".voortgang.parquet"), uit_voor.with_suffix(".voortgang.parquet")
            if na_pq.exists() and voor_pq.exists():
                resultaat["voor"]["uitkomst_gelijk"] = {
                    "frame": bool(pd.read_parquet(na_pq).equals(pd.read_parquet(voor_pq))),
                    "bytes": na_pq.read_bytes() == voor_pq.read_bytes(),
                    "rijen": len(pd.read_parquet(na_pq))}
        uitslag["landelijk"] = resultaat
        (map_ / "50120NED.json").unlink()
        if profiel_schaal:
            log(f"landelijk: cProfile op schaal {profiel_schaal} ...")
            pmap = tmp / "profiel"
            pmap.mkdir()
            ptelling = schrijf_bundel(pmap / "50120NED.json", profiel_schaal)
            pr = tmp / "profiel.json"
            meet_met_geheugen([str(PYTHON), __file__, "--profiel", str(pmap), str(pr)], cwd=ROOT,
                              env=env)
            uitslag["landelijk_profiel"] = {"schaal": profiel_schaal, "dataset": ptelling,
                                            **json.loads(pr.read_text(encoding="utf-8"))}
    return uitslag


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schaal", type=float, default=1.0)
    ap.add_argument("--zonder-profiel", action="store_true", help="sla de cProfile-run over")
    ap.add_argument("--src", type=Path, help="ook deze broncode meten op dezelfde data (bijv. een oudere commit)")
    ap.add_argument("--naam", default="landelijk", help="naam van het resultaatbestand (standaard landelijk)")
    ap.add_argument("--job", nargs=2, metavar=("MAP", "UIT"))
    ap.add_argument("--profiel", nargs=2, metavar=("MAP", "UIT"))
    a = ap.parse_args(argv)
    if a.job:
        job(Path(a.job[0]), Path(a.job[1]))
        return
    if a.profiel:
        profiel(Path(a.profiel[0]), Path(a.profiel[1]))
        return
    uitslag = draai(a.schaal, None if a.zonder_profiel else 0.1, a.src)
    achtervoegsel = "" if a.schaal == 1.0 else f"_schaal_{a.schaal:g}"
    for naam, data in uitslag.items():
        pad = schrijf_resultaat(naam.replace("landelijk", a.naam) + achtervoegsel, data)
        log(f"landelijk: {naam} -> {pad}")


if __name__ == "__main__":
    main()
