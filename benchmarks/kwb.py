"""National scale on REAL data: Kerncijfers wijken en buurten 2020 (CBS 84799NED), read by the
project's own reader and every region assessed against Nederland.

Input: a folder with one parquet per OData endpoint (``cbs.v3.84799NED_TypedDataSet.parquet``,
``..._DataProperties.parquet``, ``..._WijkenEnBuurten.parquet``, ``..._Metadata.json``), by
default ``/work/shared/realdata/09_odata_84799NED_kwb2020_statline-bq`` (17,341 regions:
Nederland, 355 municipalities, districts and neighbourhoods; ~110 fields). The project never
reads that folder itself; only this benchmark does, and it skips with a message when the folder
is absent.

A child process (peak RSS read by the parent with ``os.wait4``) does, per phase:

1. imports (pandas, the reader, the assessment);
2. ``lees_monitor_map`` on a temporary folder holding a symlink to the table folder: exactly what
   stage ``ingest`` does for ``data/raw/monitor`` (the reader: ``laad_parquet_map`` +
   ``lees_odata_bundel`` + pandera check);
3. the assessment of EVERY region against Nederland, column-wise
   (``evaluatie.voortgang.landelijk.vergelijk_met_nederland``), for the four fields with a value
   for the most regions (a table of one year: each indicator gets a kader baseline of 2018 equal to
   Nederland's 2020 value, so that the change test and the comparison with Nederland both run;
   the fields are registrations, judged by materiality); the peak RSS right after it is the
   goal's peak (read + assessment);
4. the baseline in the same run: the scalar path, the public ``beoordeel_alles`` per region
   (region + Nederland), on ``--max-gebieden`` regions spread over all levels (its rate
   extrapolated to all regions, labelled as such), and whether its ``nl_*`` columns equal the
   column-wise ones for those regions.

Each phase records wall time and the child's CPU time (``time.process_time``): on a machine
shared with other work the CPU time is the steadier figure. Besides, a cProfile of the read splits it into: parquet to records,
records back to a frame, the column-wise reader and the pandera check.

Usage::

    .venv/bin/python benchmarks/kwb.py [PAD] [--max-gebieden N] [--zonder-profiel]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gemeen import PYTHON, ROOT, log, meet_met_geheugen, omgeving, schrijf_resultaat  # noqa: E402

STANDAARD = Path("/work/shared/realdata/09_odata_84799NED_kwb2020_statline-bq")
N_VELDEN = 4
DOEL = {"lezen_en_beoordelen_s": 5.0, "piek_mb": 1024.0}


def _piek_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _indicatoren(metingen):
    """Indicator rows (the kader's columns) for the N_VELDEN fields with a value for the most
    regions, and the linked series of every region + Nederland in koppel()'s columns."""
    import pandas as pd

    from evaluatie.ingest.koppeling import KOPPEL_KOLOMMEN

    # rates (per 1 000 inwoners, per huishouden, %): comparable between a region and Nederland
    # only the columns the choice needs (a copy of all 15 columns of ~1.9 million rows would set
    # the benchmark's memory peak, which is not the reader's nor the assessment's)
    m = metingen.loc[metingen["waarde"].notna() & metingen["eenheid"].str.match(r"^(per |%)"),
                     ["veld", "gebied", "eenheid", "waarde"]]
    telling = m.groupby("veld", sort=True)["gebied"].nunique()
    velden = list(telling.sort_values(ascending=False, kind="stable").index[:N_VELDEN])
    nl_code = str(metingen.loc[metingen["gebied_niveau"] == "land", "gebied"].iloc[0])
    rijen = []
    for veld in velden:
        nl = m[(m["veld"] == veld) & (m["gebied"] == nl_code)]
        eenheid = str(m.loc[m["veld"] == veld, "eenheid"].iloc[0])
        rijen.append({
            "kader_id": "benchmark_kwb", "indicator_id": veld, "naam": veld, "eenheid": eenheid,
            "is_percentage": eenheid == "%", "richting": "hoger", "doel_type": "geen",
            "basis_jaar": 2018, "basis_waarde": float(nl["waarde"].iloc[0]) if len(nl) else float("nan"),
            "doel_waarde": float("nan"), "doel_jaar": pd.NA, "doel_vanaf_jaar": pd.NA,
        })
    ind = pd.DataFrame(rijen)
    for k in ("basis_jaar", "doel_jaar", "doel_vanaf_jaar"):
        ind[k] = ind[k].astype("Int64")
    sel = metingen[metingen["veld"].isin(velden)].copy()
    sel["onzekerheid"] = "registratie"  # 84799NED: counts from registers
    # as koppel() marks it: a count of people (by the kind of its unit) falls under disclosure control
    from evaluatie.gedeeld.definities import eenheid_soort

    sel["telling"] = sel["eenheid"].map(lambda e: eenheid_soort(e) == "telling").astype(bool)
    sel.insert(0, "indicator_id", sel["veld"])
    return ind, sel[KOPPEL_KOLOMMEN], velden, nl_code


def job(pad: Path, uit: Path, max_gebieden: int | None) -> None:
    fasen: dict[str, dict] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    import pandas as pd

    from evaluatie.ingest import lees_monitor_map
    from evaluatie.voortgang.beoordeel import beoordeel_alles

    try:
        from evaluatie.voortgang.landelijk import vergelijk_met_nederland
    except ImportError:  # an older source tree (--src): only the scalar path exists
        vergelijk_met_nederland = None

    fasen["imports"] = {"s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "piek_mb": _piek_mb()}

    with tempfile.TemporaryDirectory(prefix="evaluatie-kwb-") as tmp:
        (Path(tmp) / pad.name).symlink_to(pad.resolve(), target_is_directory=True)
        t, c = time.perf_counter(), time.process_time()
        metingen = lees_monitor_map(Path(tmp))
        fasen["lezen"] = {"s": time.perf_counter() - t, "cpu_s": time.process_time() - c, "piek_mb": _piek_mb(), "metingen": len(metingen),
                          "gebieden": int(metingen["gebied"].nunique()),
                          "velden": int(metingen["veld"].nunique()),
                          "per_niveau": {str(k): int(v) for k, v in
                                         metingen.drop_duplicates("gebied")["gebied_niveau"].value_counts().items()}}

    t, c = time.perf_counter(), time.process_time()
    ind, gekoppeld, velden, nl_code = _indicatoren(metingen)
    del metingen  # the selection is all the assessment needs
    fasen["selectie"] = {"s": time.perf_counter() - t, "cpu_s": time.process_time() - c, "velden": velden,
                         "gebieden": int(gekoppeld.loc[gekoppeld["gebied"] != nl_code, "gebied"].nunique())}

    # every region against Nederland, column-wise (no extrapolation)
    n_totaal = fasen["selectie"]["gebieden"]
    alle = None
    if vergelijk_met_nederland is not None:
        t, c = time.perf_counter(), time.process_time()
        pct = {str(i): bool(p) for i, p in zip(ind["indicator_id"], ind["is_percentage"])}
        # the kader has a basis_waarde, so beoordeel_indicator's latest wave is the last one after basis_jaar
        na_jaar = {str(i): int(j) for i, j in zip(ind["indicator_id"], ind["basis_jaar"])}
        alle = vergelijk_met_nederland(gekoppeld, pct, nederland=nl_code, na_jaar=na_jaar)
        s, cpu = time.perf_counter() - t, time.process_time() - c
        fasen["beoordelen"] = {
            "s": s, "cpu_s": cpu, "piek_mb": _piek_mb(), "methode": "vergelijk_met_nederland (gevectoriseerd)",
            "gebieden_beoordeeld": n_totaal, "gebieden_totaal": n_totaal,
            "gebieden_met_laatste_meting": int(alle["gebied"].nunique()),
            "beoordelingen": len(alle), "per_gebied_ms": 1000 * s / max(1, n_totaal),
            "geextrapoleerd_alle_gebieden_s": s,
            "nl_oordelen": {str(k): int(v) for k, v in alle["nl_oordeel"].value_counts(dropna=False).items()},
        }
    fasen["lezen_en_beoordelen"] = {"piek_mb": _piek_mb()}

    # baseline in the same run: the scalar path, beoordeel_alles per region, on a sample
    nl = gekoppeld[gekoppeld["gebied"] == nl_code]
    per_gebied = {g: df for g, df in gekoppeld[gekoppeld["gebied"] != nl_code].groupby("gebied", sort=True)}
    codes = list(per_gebied)
    if max_gebieden is not None and max_gebieden < len(codes):
        stap = len(codes) / max_gebieden  # spread over all levels (codes sort BU < GM < WK)
        codes = [codes[int(i * stap)] for i in range(max_gebieden)]
    t, c = time.perf_counter(), time.process_time()
    uitslagen = [beoordeel_alles(ind, pd.concat([nl, per_gebied[c]], ignore_index=True), c) for c in codes]
    s, cpu = time.perf_counter() - t, time.process_time() - c
    voortgang = pd.concat(uitslagen, ignore_index=True)
    per_gebied_s = s / max(1, len(codes))
    # the same verdicts? (rows with a latest wave; the column-wise frame has one row per such series)
    oud = voortgang[voortgang["laatste_jaar"].notna()].rename(columns={"gemeente": "gebied"})
    oud = oud.sort_values(["indicator_id", "gebied"]).reset_index(drop=True)
    kolommen = ["indicator_id", "gebied", "nl_jaar", "nl_waarde", "nl_onder", "nl_boven", "nl_decimalen",
                "nl_verschil", "nl_oordeel", "nl_methode", "nl_p"]
    nieuw = None if alle is None else \
        alle[alle["gebied"].isin(codes)].sort_values(["indicator_id", "gebied"]).reset_index(drop=True)
    gelijk = None if nieuw is None else len(oud) == len(nieuw) and all(
        [None if pd.isna(x) else x for x in oud[k].astype(object)] == [None if pd.isna(x) else x for x in nieuw[k].astype(object)]
        for k in kolommen)
    fasen["beoordelen_per_gebied_steekproef"] = {
        "s": s, "cpu_s": cpu, "piek_mb": _piek_mb(), "methode": "beoordeel_alles per gebied (scalair)",
        "gebieden_beoordeeld": len(codes), "gebieden_totaal": len(per_gebied),
        "beoordelingen": len(voortgang), "per_gebied_ms": 1000 * per_gebied_s,
        "geextrapoleerd_alle_gebieden_s": per_gebied_s * len(per_gebied),
        "nl_oordelen": {str(k): int(v) for k, v in voortgang["nl_oordeel"].value_counts(dropna=False).items()},
        "statussen": {str(k): int(v) for k, v in voortgang["status"].value_counts().items()},
        "gelijk_aan_gevectoriseerd": gelijk, "vergeleken_rijen": len(oud),
    }
    if alle is None:  # older source tree: the scalar path is all there is
        fasen["beoordelen"] = fasen["beoordelen_per_gebied_steekproef"]
    fasen["totaal_in_proces"] = {"s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "piek_mb": _piek_mb()}
    uit.write_text(json.dumps(fasen, indent=2, ensure_ascii=False), encoding="utf-8")


def profiel(pad: Path, uit: Path) -> None:
    """Where the read goes: cumulative time of the reader's parts (one cProfile run)."""
    import cProfile
    import pstats

    from evaluatie.ingest import lees_bestand

    prof = cProfile.Profile()
    prof.enable()
    lees_bestand(pad)
    prof.disable()
    st = pstats.Stats(prof)
    delen = {
        "laad_parquet_map (parquet -> records)": "laad_parquet_map",
        "to_dict('records')": "to_dict",
        "DataFrame.from_records (records -> frame)": "from_records",
        "_lees_kolomsgewijs (totaal)": "_lees_kolomsgewijs",
        "valideer_schema (snelle controle, zo nodig pandera)": "valideer_schema",
        "pandera validate (volledig)": "validate",
        "_niveau_past": "_niveau_past",
        "DataFrame.duplicated (uniciteitscontrole)": "duplicated",
    }
    uitslag: dict[str, float] = {"totaal": max(v[3] for v in st.stats.values())}
    for label, func in delen.items():
        kand = [v[3] for (bestand, _, naam), v in st.stats.items()
                if naam == func and ("pandera" in bestand if func == "validate" else True)]
        uitslag[label] = max(kand) if kand else 0.0
    uit.write_text(json.dumps(uitslag, indent=2, ensure_ascii=False), encoding="utf-8")


def draai(pad: Path, max_gebieden: int | None = None, met_profiel: bool = True, src: Path | None = None) -> dict | None:
    """``src``: measure another source tree (an older commit's ``src`` via ``git archive``) in the
    same run, for a before/after comparison."""
    if not (pad.is_dir() and any(pad.glob("*DataProperties.parquet"))):
        log(f"kwb: overgeslagen, {pad} bestaat niet of is geen map met één parquet per eindpunt")
        return None
    env = omgeving(ROOT)
    if src is not None:
        env["PYTHONPATH"] = str(Path(src).resolve())
    with tempfile.TemporaryDirectory(prefix="evaluatie-kwb-uit-") as tmp:
        uit = Path(tmp) / "fasen.json"
        args = [str(PYTHON), __file__, str(pad), "--job", str(uit)]
        if max_gebieden is not None:
            args += ["--max-gebieden", str(max_gebieden)]
        log("kwb: lezen en beoordelen (kindproces) ...")
        r = meet_met_geheugen(args, cwd=ROOT, env=env)
        fasen = json.loads(uit.read_text(encoding="utf-8"))
        resultaat = {
            "bron": str(pad),
            "lezen_en_beoordelen_s": round(fasen["lezen"]["s"] + fasen["selectie"]["s"] + fasen["beoordelen"]["s"], 2),
            "lezen_en_beoordelen_cpu_s": round(fasen["lezen"]["cpu_s"] + fasen["selectie"]["cpu_s"]
                                               + fasen["beoordelen"]["cpu_s"], 2),
            "alle_gebieden_beoordeeld": fasen["beoordelen"]["gebieden_beoordeeld"] == fasen["beoordelen"]["gebieden_totaal"],
            # the goal's peak: read + assessment of every region (ru_maxrss right after it); the
            # child's own peak also holds the scalar baseline that follows
            "piek_mb": round(fasen["lezen_en_beoordelen"]["piek_mb"], 1),
            "piek_mb_kindproces": round(r["piek_mb"], 1),
            "kindproces_wand_s": round(r["seconden"], 2),
            "fasen": fasen,
            "doel": DOEL,
            "src": str(src) if src else "src",
        }
        if met_profiel:
            log("kwb: cProfile van het lezen ...")
            pr = Path(tmp) / "profiel.json"
            meet_met_geheugen([str(PYTHON), __file__, str(pad), "--profiel", str(pr)], cwd=ROOT, env=env)
            resultaat["profiel_lezen_cumulatief_s"] = json.loads(pr.read_text(encoding="utf-8"))
    return resultaat


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pad", nargs="?", type=Path, default=STANDAARD)
    ap.add_argument("--max-gebieden", type=int, default=1000,
                    help="vergelijkingsbasis: zoveel gebieden ook met beoordeel_alles per gebied (0: alle)")
    ap.add_argument("--zonder-profiel", action="store_true")
    ap.add_argument("--src", type=Path, help="een andere broncode meten (bijv. een oudere commit, via git archive)")
    ap.add_argument("--naam", default="kwb", help="naam van het resultaatbestand (standaard kwb)")
    ap.add_argument("--job", metavar="UIT")
    ap.add_argument("--profiel", metavar="UIT")
    a = ap.parse_args(argv)
    if a.job:
        job(a.pad, Path(a.job), a.max_gebieden or None)
        return
    if a.profiel:
        profiel(a.pad, Path(a.profiel))
        return
    r = draai(a.pad, a.max_gebieden or None, not a.zonder_profiel, a.src)
    if r is not None:
        log(f"kwb: -> {schrijf_resultaat(a.naam, r)}")


if __name__ == "__main__":
    main()
