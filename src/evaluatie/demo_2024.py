"""Demo 2024 wave (VOORBEELDDATA) in the layout of RIVM table 50150NED, for the demo edition 2023-2024.

50150NED is the successor of 50120NED: the same dimensions (Marges, Leeftijd, WijkenEnBuurten,
Perioden) with other field keys (``Eenzaam_25``, ``SterkEenzaam_26``, ``Mantelzorger_30``,
``Vrijwilligerswerk_31``; see ``koppeling.yaml``, where the indicators list them under ``ook``) and the
2024 wave. This module writes ``50150NED/`` (one ``<Endpoint>.json`` per endpoint, as ``cbsodata`` and
``evaluatie ophalen`` write them) with **only the 2024 wave**, derived from the 2022 wave of the demo
50120NED snapshot next to it plus seeded noise, and the sidecar ``50150NED.bron.yaml`` with ``demo: true``.

Same input files and seed give the same bytes. It is kept apart from :mod:`evaluatie.demo` (the base
demo snapshot); ``evaluatie demo-2024`` runs it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from evaluatie.gedeeld.bestanden import schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout

TABEL = "50150NED"
TITEL = "Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024 (indeling 2024)"
BASIS_URL = "https://dataderden.cbs.nl/ODataApi/OData/50150NED"
SEED = 20240101
GENERATOR = "evaluatie.demo_2024.genereer_golf_2024"
JAAR = 2024
#: 50120NED field -> (50150NED field, title), as in koppeling.yaml (indicators' ``ook``)
VELDEN = {
    "Eenzaam_27": ("Eenzaam_25", "Eenzaam"),
    "ErnstigZeerErnstigEenzaam_28": ("SterkEenzaam_26", "Sterk eenzaam"),
    "Mantelzorger_31": ("Mantelzorger_30", "Mantelzorger"),
    "Vrijwilligerswerk_32": ("Vrijwilligerswerk_31", "Vrijwilligerswerk"),
}
NOTITIE = (
    "VOORBEELDDATA — dit zijn geen echte metingen. Alleen de golf 2024, gemaakt door {gen} (seed {seed}) "
    "uit de golf 2022 van de voorbeelddata van 50120NED plus willekeurige ruis, in het formaat van tabel "
    "50150NED. Vervang dit bestand door een echte levering (evaluatie ophalen --tabel 50150NED, sidecar "
    "met demo: false); er is geen codewijziging nodig."
)


def _lees(pad: Path) -> Any:
    if not pad.exists():
        raise InvoerFout(pad, "ontbreekt: de golf 2024 wordt afgeleid van de voorbeelddata van 50120NED "
                              "(evaluatie demo)")
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except json.JSONDecodeError as fout:
        raise InvoerFout(pad, f"geen geldige JSON ({fout})") from None


def bestanden(monitor: Path, seed: int = SEED) -> dict[str, str]:
    """The files of the 2024 wave as ``{relative path: text}``."""
    bron = Path(monitor) / "50120NED"
    rijen = [r for r in _lees(bron / "UntypedDataSet.json") if r.get("Perioden") == "2022JJ00"]
    if not rijen:
        raise InvoerFout(bron / "UntypedDataSet.json", "geen golf 2022 gevonden", sleutel="Perioden")
    rng = np.random.default_rng(seed)
    # one shift per (area, age group, field) shared by value and bounds, so the interval moves with the value
    verschuiving: dict[tuple, int] = {}
    uit_rijen = []
    for r in rijen:
        nieuw = {k: v for k, v in r.items() if k not in VELDEN}
        nieuw["ID"] = len(uit_rijen)
        nieuw["Perioden"] = f"{JAAR}JJ00"
        for oud, (veld, _) in VELDEN.items():
            cel = str(r.get(oud, "     .")).strip()
            sleutel = (r["WijkenEnBuurten"], r["Leeftijd"], veld)
            if sleutel not in verschuiving:
                verschuiving[sleutel] = int(round(rng.normal(0.0, 1.5)))
            if cel in (".", "x", ""):
                nieuw[veld] = f"{cel or '.':>6}"
            else:
                nieuw[veld] = f"{min(100, max(0, int(cel) + verschuiving[sleutel])):>6d}"
        uit_rijen.append(nieuw)

    eigenschappen = []
    for e in _lees(bron / "DataProperties.json"):
        e = dict(e)
        if e.get("Key") in VELDEN:
            e["Key"], e["Title"] = VELDEN[e["Key"]]
        eigenschappen.append(e)
    info = dict(_lees(bron / "TableInfos.json")[0])
    info.update({"Title": TITEL, "Identifier": TABEL, "Period": str(JAAR),
                 "Summary": "VOORBEELDDATA in het formaat van tabel 50150NED (alleen de golf 2024)."})
    dump = lambda x: json.dumps(x, indent=2)  # noqa: E731  (cbsodata: json.dump(data, f, indent=2))
    uit = {
        f"{TABEL}/CategoryGroups.json": dump([]),
        f"{TABEL}/DataProperties.json": dump(eigenschappen),
        f"{TABEL}/Leeftijd.json": dump(_lees(bron / "Leeftijd.json")),
        f"{TABEL}/Marges.json": dump(_lees(bron / "Marges.json")),
        f"{TABEL}/Perioden.json": dump([{"Key": f"{JAAR}JJ00", "Title": str(JAAR), "Description": None,
                                         "Status": "Definitief"}]),
        f"{TABEL}/TableInfos.json": dump([info]),
        f"{TABEL}/UntypedDataSet.json": dump(uit_rijen),
        f"{TABEL}/WijkenEnBuurten.json": dump(_lees(bron / "WijkenEnBuurten.json")),
    }
    zijspoor = {"demo": True, "generator": GENERATOR, "seed": seed, "bron": "RIVM", "tabel": TABEL,
                "titel": TITEL, "basis_url": BASIS_URL,
                "ankers": [], "opmerking": NOTITIE.format(gen=GENERATOR, seed=seed)}
    uit[f"{TABEL}.bron.yaml"] = yaml.safe_dump(zijspoor, sort_keys=False, allow_unicode=True, width=100)
    return dict(sorted(uit.items()))


def genereer_golf_2024(monitor: Path, seed: int = SEED, uitmap: Path | None = None) -> list[Path]:
    """Write the demo 2024 wave into ``uitmap`` (default: ``monitor``), made from the 50120NED snapshot in
    ``monitor``, after reading it back with the project's reader. The project keeps it in the monitor folder of
    the edition it arrived for (``data/raw/edities/2023-2024/monitor/``), so the 2021-2022 edition never sees it.
    Returns the paths written."""
    from evaluatie.ingest import lees_bestand

    inhoud = bestanden(Path(monitor), seed)
    monitor = Path(monitor) if uitmap is None else Path(uitmap)
    with tempfile.TemporaryDirectory() as tmp:
        for naam, tekst in inhoud.items():
            (Path(tmp) / naam).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / naam).write_text(tekst, encoding="utf-8")
        lees_bestand(Path(tmp) / TABEL)
    for naam in sorted(inhoud):
        schrijf_tekst(monitor / naam, inhoud[naam])
    return [monitor / n for n in sorted(inhoud)]
