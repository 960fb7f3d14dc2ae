"""Deterministic demo monitor data (VOORBEELDDATA) in the real source formats.

:func:`genereer_demo` writes into ``uitmap``:

``50120NED/``
    RIVM table 50120NED "Gezondheid per wijk en buurt" in the layout
    ``cbsodata.download_data(dir=...)`` writes and ``evaluatie ophalen`` writes too: one
    ``<Endpoint>.json`` (the list of rows, ``json.dump(..., indent=2)``) per endpoint —
    TableInfos, DataProperties, CategoryGroups, Marges, Leeftijd, WijkenEnBuurten, Perioden,
    UntypedDataSet (untyped, so the CBS symbols survive) — for Nederland,
    Rijswijk, Leidschendam-Voorburg and five Rijswijk districts labelled
    "Wijk 00 (demo)" ... "Wijk 04 (demo)"; waves 2012, 2016, 2020, 2022; value
    plus 95% bounds; three age groups; a few 'x' and '.' symbols.
``gezondheidsmonitor_jeugd.csv``
    template CSV, youth (12–18) loneliness for Rijswijk.
``sociaal_domein.csv``
    template CSV, the 11 indicators of the Programma Sociaal Domein, from the
    reference year (2019/2020) through 2024.
``inclusie.csv``
    template CSV, provisional inclusion indicator.

Each file gets a sidecar ``<file>.bron.yaml`` with ``demo: true``, the
generator, the seed and a Dutch note that it is VOORBEELDDATA. The numbers are
made up, except the *anchors*: in the reference year each series starts at the
real baseline transcribed from the policy documents (listed under ``ankers``
in the sidecar, with document, file and section). Everything else moves
plausibly around those anchors with a seeded random walk.

Output is byte-identical for the same seed: numpy ``default_rng(seed)``, fixed
iteration order, no timestamps. All content is generated and parsed with the
project's own readers before anything is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from evaluatie.gedeeld.bestanden import schrijf_tekst

STANDAARD_SEED = 20210101
GENERATOR = "evaluatie.demo.genereer_demo"

BRON_002 = {
    "document": "Coalitie in Rijswijk, Zuid-Holland (coalitie tegen eenzaamheid)",
    "bestand": "002_5e9e29e7f646534a.txt",
    "sectie": "Wat wil gemeente Rijswijk bereiken?",
}
BRON_004 = {
    "document": "Programma Sociaal Domein",
    "bestand": "004_6aaf5ce4ffb994ec.txt",
    "sectie": "Indicatoren",
}

VOORBEELD_NOTITIE = (
    "VOORBEELDDATA — dit zijn geen echte metingen. Het bestand is gemaakt door {gen} "
    "(seed {seed}) in hetzelfde formaat als de echte bron, zodat de keten en het rapport "
    "kunnen draaien voordat echte cijfers zijn opgehaald. Alleen de ankerwaarden (zie "
    "'ankers') komen uit de beleidsdocumenten; alle andere getallen zijn verzonnen. "
    "Vervang dit bestand door een echte levering (sidecar met demo: false); er is geen "
    "codewijziging nodig."
)

# --- 50120NED -----------------------------------------------------------------

TABEL_50120 = "50120NED"
TITEL_50120 = "Gezondheid per wijk en buurt; 2012/2016/2020/2022"

MARGES = [
    ("MW00000", "Waarde"),
    ("MOG0095", "Ondergrens 95%-betrouwbaarheidsinterval"),
    ("MBG0095", "Bovengrens 95%-betrouwbaarheidsinterval"),
]
LEEFTIJDEN = [
    ("20300", "18 jaar of ouder"),
    ("53115", "18 tot 65 jaar"),
    ("80200", "65 jaar of ouder"),
]
JAREN_50120 = [2012, 2016, 2020, 2022]
GEBIEDEN_50120 = [
    ("NL01", "Nederland", "Land", ""),
    ("GM0603", "Rijswijk", "Gemeente", "Rijswijk"),
    ("GM1916", "Leidschendam-Voorburg", "Gemeente", "Leidschendam-Voorburg"),
] + [(f"WK0603{i:02d}", f"Wijk {i:02d} (demo)", "Wijk", "Rijswijk") for i in range(5)]

# field key, title, ankerjaar-level per age group (18+, 18-65, 65+), first wave measured
VELDEN_50120 = [
    ("Eenzaam_27", "Eenzaam", (47.0, 46.0, 52.0), 2012),
    ("ErnstigZeerErnstigEenzaam_28", "Ernstig/zeer ernstig eenzaam", (8.0, 8.0, 9.0), 2012),
    ("Mantelzorger_31", "Mantelzorger", (14.0, 13.0, 17.0), 2016),
    ("Vrijwilligerswerk_32", "Vrijwilligerswerk", (27.0, 25.0, 33.0), 2016),
]
ANKERJAAR_50120 = 2016
"""The Rijswijk baselines of the loneliness coalition are placed on the 2016
wave: the most recent Gezondheidsmonitor before the Uitvoeringsagenda Welzijn
(written in 2020). This year is an assumption of the demo, not a fact from the
document."""

ANKERS_50120 = [
    ("ErnstigZeerErnstigEenzaam_28", "18 jaar of ouder", 8.0, "ernstig eenzamen: van 8% naar 4%"),
    ("Eenzaam_27", "18 tot 65 jaar", 46.0, "matig tot zeer ernstig eenzaam 19-65 jaar: van 46% naar 40%"),
    ("Eenzaam_27", "65 jaar of ouder", 52.0, "matig en ernstig eenzaam boven 65: van 52% naar 40%"),
]

# --- template sources ----------------------------------------------------------

JEUGD = {
    "bron": "GGD",
    "tabel": "gezondheidsmonitor_jeugd",
    "veld": "eenzaam_matig_zeer_ernstig",
    "leeftijd": "12 tot 18 jaar",
    "jaren": [2019, 2021, 2023],
    "anker": 46.0,
}

# indicator_id, bron (seed), veld, leeftijd, eenheid, peiljaar, baseline (seed), decimals
SOCIAAL_DOMEIN = [
    ("banen", "Diverse", "banen_per_1000_15_64", "15 t/m 64 jaar", "aantal per 1.000 inwoners", 2020, 971.7, 1),
    ("jongeren_delict", "CBS Jeugd", "jongeren_delict_rechter_pct", "12 t/m 21 jaar", "%", 2019, 2.0, 1),
    ("kinderen_uitkeringsgezin", "CBS Jeugd", "kinderen_uitkeringsgezin_pct", "0 t/m 17 jaar", "%", 2019, 8.0, 1),
    ("netto_arbeidsparticipatie", "CBS", "netto_arbeidsparticipatie_pct", "", "%", 2020, 66.4, 1),
    ("werkloze_jongeren", "CBS Jeugd", "werkloze_jongeren_pct", "16 t/m 22 jaar", "%", 2019, 2.0, 1),
    ("bijstand", "CBS", "bijstand_per_10000_18plus", "18 jaar of ouder", "aantal per 10.000 inwoners", 2020, 544.5, 1),
    ("reintegratie", "CBS", "reintegratievoorzieningen_per_10000_15_64", "15 t/m 64 jaar", "aantal per 10.000 inwoners", 2020, 295.3, 1),
    ("jeugdhulp", "CBS Jeugd", "jeugdhulp_pct", "0 t/m 17 jaar", "%", 2020, 11.7, 1),
    ("jeugdbescherming", "CBS Jeugd", "jeugdbescherming_pct", "0 t/m 17 jaar", "%", 2020, 1.0, 1),
    ("jeugdreclassering", "CBS Jeugd", "jeugdreclassering_pct", "12 t/m 22 jaar", "%", 2020, 0.3, 1),
    ("wmo_maatwerk", "CBS MSD WMO", "wmo_maatwerk_per_10000", "", "aantal per 10.000 inwoners", 2020, 690.0, 0),
]
SOCIAAL_DOMEIN_TABEL = "sociaal_domein_indicatoren"
LAATSTE_JAAR = 2024

INCLUSIE = {
    "bron": "partners",
    "tabel": "inclusie_partnercijfers",
    "veld": "ervaren_discriminatie_pct",
    "leeftijd": "18 jaar of ouder",
    "jaren": [2020, 2021, 2022, 2023, 2024],
}

SJABLOON_KOP = "bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid"


def _fmt(x: float, decimalen: int) -> str:
    """Dutch decimal comma, fixed decimals (template CSVs)."""
    return f"{x:.{decimalen}f}".replace(".", ",")


def _cel(x: float | str) -> str:
    """UntypedDataSet cell: right-aligned text as the API serves it."""
    if isinstance(x, str):
        return f"{x:>6}"
    return f"{int(x):>6d}"


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def _cbsodata_json(rijen: list) -> str:
    """One endpoint as cbsodata.download_data saves it: ``json.dump(data, f, indent=2)``."""
    return json.dumps(rijen, indent=2)


def _als_map(bundel: dict[str, Any]) -> dict[str, str]:
    """The endpoints of a bundle as ``{"<tabel>/<Endpoint>.json": text}`` (cbsodata layout)."""
    uit = {f"{bundel['tabel']}/CategoryGroups.json": _cbsodata_json([])}
    for naam, antwoord in bundel.items():
        if isinstance(antwoord, dict) and "value" in antwoord:
            uit[f"{bundel['tabel']}/{naam}.json"] = _cbsodata_json(antwoord["value"])
    return dict(sorted(uit.items()))


def _yaml(obj: dict) -> str:
    return yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, width=100)


def _sidecar(seed: int, extra: dict) -> str:
    inhoud = {
        "demo": True,
        "generator": GENERATOR,
        "seed": seed,
        **extra,
        "opmerking": VOORBEELD_NOTITIE.format(gen=GENERATOR, seed=seed),
    }
    return _yaml(inhoud)


def _bundel_50120(rng: np.random.Generator) -> dict[str, Any]:
    basis = "https://dataderden.cbs.nl/ODataApi/OData/50120NED"
    eigenschappen: list[dict] = [
        {"odata.type": "Cbs.OData.Dimension", "ID": 0, "Position": 0, "ParentID": None, "Type": "Dimension",
         "Key": "Marges", "Title": "Marges", "Description": None},
        {"odata.type": "Cbs.OData.Dimension", "ID": 1, "Position": 1, "ParentID": None, "Type": "Dimension",
         "Key": "Leeftijd", "Title": "Leeftijd", "Description": None},
        {"odata.type": "Cbs.OData.GeoDimension", "ID": 2, "Position": 2, "ParentID": None, "Type": "GeoDimension",
         "Key": "WijkenEnBuurten", "Title": "Wijken en buurten", "Description": None},
        {"odata.type": "Cbs.OData.TimeDimension", "ID": 3, "Position": 3, "ParentID": None, "Type": "TimeDimension",
         "Key": "Perioden", "Title": "Perioden", "Description": None},
        {"odata.type": "Cbs.OData.TopicGroup", "ID": 4, "Position": None, "ParentID": None, "Type": "TopicGroup",
         "Key": "Regioaanduiding", "Title": "Regioaanduiding", "Description": None},
    ]
    tekstvelden = [("Gemeentenaam_1", "Gemeentenaam"), ("SoortRegio_2", "Soort regio"), ("Codering_3", "Codering")]
    pos = 4
    for key, titel in tekstvelden:
        eigenschappen.append(
            {"odata.type": "Cbs.OData.Topic", "ID": len(eigenschappen), "Position": pos, "ParentID": 4,
             "Type": "Topic", "Key": key, "Title": titel, "Description": None, "Datatype": "String",
             "Unit": None, "Decimals": 0, "Default": "Missing", "PresentationType": "Absolute"}
        )
        pos += 1
    groep = len(eigenschappen)
    eigenschappen.append(
        {"odata.type": "Cbs.OData.TopicGroup", "ID": groep, "Position": None, "ParentID": None,
         "Type": "TopicGroup", "Key": "EenzaamheidMantelzorgVrijwilligerswerk",
         "Title": "Eenzaamheid, mantelzorg en vrijwilligerswerk", "Description": None}
    )
    for key, titel, _, _ in VELDEN_50120:
        eigenschappen.append(
            {"odata.type": "Cbs.OData.Topic", "ID": len(eigenschappen), "Position": pos, "ParentID": groep,
             "Type": "Topic", "Key": key, "Title": titel,
             "Description": "VOORBEELDDATA: omschrijving niet overgenomen.", "Datatype": "Double",
             "Unit": "%", "Decimals": 0, "Default": "Impossible", "PresentationType": "Relative"}
        )
        pos += 1

    # --- generate the underlying (true) values -----------------------------------
    gebied_effect = {}
    for code, _, soort, _ in GEBIEDEN_50120:
        sd = {"Land": 0.0, "Gemeente": 2.0, "Wijk": 4.0}[soort]
        gebied_effect[code] = rng.normal(0.0, sd, size=len(VELDEN_50120))
    gebied_effect["GM0603"] = np.zeros(len(VELDEN_50120))
    gebied_effect["NL01"] = np.array([-3.0, 2.0, 1.0, 2.0]) + rng.normal(0, 0.5, size=len(VELDEN_50120))
    golf_effect = {
        2012: rng.normal(-1.0, 1.0, size=len(VELDEN_50120)),
        2016: np.zeros(len(VELDEN_50120)),
        2020: rng.normal(1.5, 1.0, size=len(VELDEN_50120)),
        2022: rng.normal(2.5, 1.0, size=len(VELDEN_50120)),
    }
    halve_breedte = {"Land": 0.4, "Gemeente": 2.5, "Wijk": 5.5}
    # few realistic symbols: secret cells for a small district
    geheim = {("WK060304", "65 jaar of ouder", 2012), ("WK060304", "65 jaar of ouder", 2016),
              ("WK060303", "65 jaar of ouder", 2012)}

    cellen: dict[tuple, tuple] = {}  # (veld, code, leeftijd, jaar) -> (value|symbol, lo, hi)
    for vi, (veld, _, niveaus, eerste) in enumerate(VELDEN_50120):
        for code, _, soort, _ in GEBIEDEN_50120:
            for li, (_, leeftijd) in enumerate(LEEFTIJDEN):
                for jaar in JAREN_50120:
                    if jaar < eerste:
                        cellen[(veld, code, leeftijd, jaar)] = (".", ".", ".")
                        continue
                    if (code, leeftijd, jaar) in geheim:
                        cellen[(veld, code, leeftijd, jaar)] = ("x", "x", "x")
                        continue
                    anker = code == "GM0603" and jaar == ANKERJAAR_50120
                    ruis = 0.0 if anker else rng.normal(0.0, 0.8 if soort != "Wijk" else 1.5)
                    schaal = niveaus[li] / niveaus[0]
                    t = niveaus[li] + (gebied_effect[code][vi] + golf_effect[jaar][vi]) * schaal + ruis
                    t = float(np.clip(t, 1.0, 95.0))
                    hw = halve_breedte[soort] * (1.4 if leeftijd == "65 jaar of ouder" else 1.0)
                    if soort == "Land":
                        hw = halve_breedte[soort]
                    v = round(t)
                    lo, hi = min(v, round(t - hw)), max(v, round(t + hw))
                    cellen[(veld, code, leeftijd, jaar)] = (v, max(lo, 0), min(hi, 100))

    rijen = []
    for mi, (mkey, _) in enumerate(MARGES):
        for lkey, leeftijd in LEEFTIJDEN:
            for code, naam, soort, gemeente in GEBIEDEN_50120:
                for jaar in JAREN_50120:
                    rij = {
                        "ID": len(rijen),
                        "Marges": mkey,
                        "Leeftijd": lkey,
                        "WijkenEnBuurten": f"{code:<10}",
                        "Perioden": f"{jaar}JJ00",
                        "Gemeentenaam_1": f"{gemeente:<40}",
                        "SoortRegio_2": f"{soort:<10}",
                        "Codering_3": f"{code:<10}",
                    }
                    for veld, _, _, _ in VELDEN_50120:
                        rij[veld] = _cel(cellen[(veld, code, leeftijd, jaar)][mi])
                    rijen.append(rij)

    meta = f"{basis}/$metadata#Cbs.OData.WebAPI."
    return {
        "bundel": "cbs-odata-v3",
        "tabel": TABEL_50120,
        "basis_url": basis,
        "TableInfos": {"odata.metadata": meta + "TableInfos", "value": [{
            "ID": 0, "Title": TITEL_50120, "ShortTitle": "Gezondheid per wijk en buurt",
            "Identifier": TABEL_50120, "Summary": "VOORBEELDDATA in het formaat van tabel 50120NED.",
            "Catalog": "RIVM", "Language": "nl", "Period": "2012, 2016, 2020, 2022",
        }]},
        "DataProperties": {"odata.metadata": meta + "DataProperties", "value": eigenschappen},
        "Marges": {"odata.metadata": meta + "Marges", "value": [
            {"Key": k, "Title": t, "Description": None} for k, t in MARGES]},
        "Leeftijd": {"odata.metadata": meta + "Leeftijd", "value": [
            {"Key": k, "Title": t, "Description": None} for k, t in LEEFTIJDEN]},
        "WijkenEnBuurten": {"odata.metadata": meta + "WijkenEnBuurten", "value": [
            {"Key": f"{code:<10}", "Title": naam, "Description": None}
            for code, naam, _, _ in GEBIEDEN_50120]},
        "Perioden": {"odata.metadata": meta + "Perioden", "value": [
            {"Key": f"{j}JJ00", "Title": str(j), "Description": None, "Status": "Definitief"}
            for j in JAREN_50120]},
        "UntypedDataSet": {"odata.metadata": meta + "UntypedDataSet", "value": rijen},
    }


def _jeugd_csv(rng: np.random.Generator) -> str:
    regels = [SJABLOON_KOP]
    t = JEUGD["anker"]
    for i, jaar in enumerate(JEUGD["jaren"]):
        if i > 0:
            t = float(np.clip(t + rng.normal(-0.5, 2.0), 20, 70))
        hw = 3.0
        regels.append(";".join([
            JEUGD["bron"], JEUGD["tabel"], JEUGD["veld"], "GM0603", JEUGD["leeftijd"], str(jaar),
            _fmt(t, 0), _fmt(t - hw, 0), _fmt(t + hw, 0), "", "%",
        ]))
    return "\n".join(regels) + "\n"


def _sociaal_domein_csv(rng: np.random.Generator) -> str:
    regels = [SJABLOON_KOP]
    for _, bron, veld, leeftijd, eenheid, peiljaar, basis, dec in SOCIAAL_DOMEIN:
        drift = rng.normal(0.0, 0.015)
        t = basis
        for jaar in range(peiljaar, LAATSTE_JAAR + 1):
            if jaar > peiljaar:
                t = t * (1.0 + drift + rng.normal(0.0, 0.03))
            waarde = basis if jaar == peiljaar else round(t, dec)
            regels.append(";".join([
                bron, SOCIAAL_DOMEIN_TABEL, veld, "GM0603", leeftijd, str(jaar),
                _fmt(waarde, dec), "", "", "", eenheid,
            ]))
    return "\n".join(regels) + "\n"


def _inclusie_csv(rng: np.random.Generator) -> str:
    regels = [SJABLOON_KOP]
    t = float(rng.uniform(8.0, 14.0))
    for i, jaar in enumerate(INCLUSIE["jaren"]):
        if i > 0:
            t = float(np.clip(t + rng.normal(0.0, 0.8), 1, 40))
        markering = "." if jaar == 2021 else ""  # no survey that year (demo)
        waarde = "" if markering else _fmt(t, 1)
        regels.append(";".join([
            INCLUSIE["bron"], INCLUSIE["tabel"], INCLUSIE["veld"], "GM0603", INCLUSIE["leeftijd"],
            str(jaar), waarde, "", "", markering, "%",
        ]))
    return "\n".join(regels) + "\n"


def demo_bestanden(seed: int = STANDAARD_SEED) -> dict[str, str]:
    """All demo files as ``{relative path: text}`` (data files, the 50120NED directory's
    endpoint files and the sidecars)."""
    rng = np.random.default_rng(seed)
    bundel = _bundel_50120(rng)
    jeugd = _jeugd_csv(rng)
    sociaal = _sociaal_domein_csv(rng)
    inclusie = _inclusie_csv(rng)

    ankers_50120 = [
        {"veld": veld, "gebied": "GM0603", "leeftijd": lft, "jaar": ANKERJAAR_50120, "waarde": w,
         "doel": doel, "bron": BRON_002,
         "opmerking": "ankerjaar 2016 is een aanname van de demo (laatste meting vóór de agenda)"}
        for veld, lft, w, doel in ANKERS_50120
    ]
    ankers_jeugd = [{
        "veld": JEUGD["veld"], "gebied": "GM0603", "leeftijd": JEUGD["leeftijd"], "jaar": JEUGD["jaren"][0],
        "waarde": JEUGD["anker"], "doel": "jongeren 12-18 matig tot zeer ernstig eenzaam: van 46% naar 40%",
        "bron": BRON_002, "opmerking": "ankerjaar 2019 is een aanname van de demo",
    }]
    ankers_sd = [
        {"indicator": ind, "veld": veld, "gebied": "GM0603", "jaar": peiljaar, "waarde": basis, "bron": BRON_004}
        for ind, _, veld, _, _, peiljaar, basis, _ in SOCIAAL_DOMEIN
    ]
    return {
        **_als_map(bundel),
        "50120NED.bron.yaml": _sidecar(seed, {
            "bron": "RIVM", "tabel": TABEL_50120, "titel": TITEL_50120,
            "basis_url": bundel["basis_url"], "ankers": ankers_50120}),
        "gezondheidsmonitor_jeugd.csv": jeugd,
        "gezondheidsmonitor_jeugd.csv.bron.yaml": _sidecar(seed, {
            "bron": JEUGD["bron"], "tabel": JEUGD["tabel"], "ankers": ankers_jeugd}),
        "sociaal_domein.csv": sociaal,
        "sociaal_domein.csv.bron.yaml": _sidecar(seed, {
            "tabel": SOCIAAL_DOMEIN_TABEL, "ankers": ankers_sd}),
        "inclusie.csv": inclusie,
        "inclusie.csv.bron.yaml": _sidecar(seed, {
            "bron": INCLUSIE["bron"], "tabel": INCLUSIE["tabel"], "ankers": []}),
    }


def echte_leveringen(uitmap: Path, namen: list[str]) -> list[tuple[Path, str]]:
    """The files among ``namen`` (data files or snapshot folders in ``uitmap``) that exist and are not
    marked ``demo: true`` in their sidecar: a real delivery, with the reason in Dutch."""
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.gedeeld.yaml_lezer import lees_yaml
    from evaluatie.ingest.monitor.bron import sidecar_pad

    echt = []
    for naam in namen:
        pad = Path(uitmap) / naam
        sidecar = sidecar_pad(pad)
        if not pad.exists() and not sidecar.exists():
            continue
        if not sidecar.exists():
            echt.append((pad, "heeft geen sidecar met demo: true en geldt dus als echte levering"))
            continue
        try:
            inhoud = lees_yaml(sidecar).data
        except InvoerFout:
            inhoud = {}
        if inhoud.get("demo") is not True:
            echt.append((sidecar, f"zegt demo: {str(inhoud.get('demo', 'ontbreekt')).lower()}: dit is een echte "
                                  "levering"))
    return echt


def genereer_demo(uitmap: Path, seed: int = STANDAARD_SEED, *, overschrijf: bool = False) -> list[Path]:
    """Write the demo snapshot into ``uitmap``; returns the written paths (sorted).

    Every data file is parsed with the project's readers before anything is
    written, so a broken generator never leaves half a snapshot behind. A real delivery in
    ``uitmap`` under one of the demo's names (its sidecar does not say ``demo: true``) is refused
    with :class:`~evaluatie.gedeeld.fouten.InvoerFout` unless ``overschrijf``.
    """
    import tempfile

    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.ingest import lees_bestand

    uitmap = Path(uitmap)
    bestanden = demo_bestanden(seed)
    datanamen = sorted({n.split("/")[0] for n in bestanden if not n.endswith(".bron.yaml")} | {"50120NED.json"})
    echt = [] if overschrijf else echte_leveringen(uitmap, datanamen)
    if echt:
        pad, reden = echt[0]
        andere = f" (en nog {len(echt) - 1} andere)" if len(echt) > 1 else ""
        raise InvoerFout(pad, f"{reden}{andere}. evaluatie demo overschrijft een echte levering niet; "
                              "geef --overschrijf als u die echt door voorbeelddata wilt vervangen",
                         sleutel="demo" if pad.name.endswith(".bron.yaml") else None)
    with tempfile.TemporaryDirectory() as tmp:
        for naam, tekst in bestanden.items():
            (Path(tmp) / naam).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / naam).write_text(tekst, encoding="utf-8")
        for naam in sorted({n.split("/")[0] for n in bestanden if not n.endswith(".bron.yaml")}):
            lees_bestand(Path(tmp) / naam)
    # the earlier layout (one bundle file) would be read next to the directory: remove it
    for oud in ("50120NED.json", "50120NED.json.bron.yaml"):
        if (uitmap / oud).exists():
            (uitmap / oud).unlink()
    geschreven = []
    for naam in sorted(bestanden):
        schrijf_tekst(uitmap / naam, bestanden[naam])
        geschreven.append(uitmap / naam)
    return geschreven
