"""`evaluatie nieuw-thema`: scaffold a theme so that it builds on the next run.

Edits two files as text (their comments stay): the theme list in params.yaml and
the `themas:` list of the gemeente's policy framework. Both are validated again
afterwards; on any error neither file is changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from evaluatie.gedeeld.bestanden import schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.vergrendeling import vergrendeld
from evaluatie.gedeeld.instellingen import controleer_thema_id, laad_instellingen


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def voeg_toe_aan_params(tekst: str, thema: str, bestand: str | Path = "params.yaml") -> str:
    """Append ``  - thema`` after the last item of the top-level ``themas:`` list."""
    regels = tekst.splitlines(keepends=True)
    start = next((i for i, r in enumerate(regels) if re.match(r"^themas:\s*(#.*)?$", r)), None)
    if start is None:
        raise InvoerFout(bestand, "geen lijst 'themas:' gevonden", sleutel="themas")
    eind = start + 1
    while eind < len(regels) and re.match(r"^\s+-\s", regels[eind]):
        eind += 1
    regels.insert(eind, f"  - {thema}\n")
    return "".join(regels)


def voeg_toe_aan_kader(tekst: str, thema: str, naam: str, bestand: str | Path | None = None) -> str:
    """Insert a theme entry at the end of the top-level ``themas:`` list of a framework file."""
    regels = tekst.splitlines(keepends=True)
    start = next((i for i, r in enumerate(regels) if re.match(r"^themas:\s*$", r)), None)
    if start is None:
        raise InvoerFout(bestand, "het kader heeft geen lijst 'themas:'", sleutel="themas")
    eind = start + 1
    while eind < len(regels) and (regels[eind].startswith(" ") or not regels[eind].strip()):
        eind += 1
    while eind > start + 1 and not regels[eind - 1].strip():
        eind -= 1
    blok = (f"  - id: {thema}\n"
            f"    naam: {_yaml_str(naam)}\n"
            f"    omschrijving: {_yaml_str('Nieuw thema; beschrijf hier het doel en voeg indicatoren toe.')}\n"
            f"    coalitie: null\n"
            f"    bron:\n"
            f"      document: nog in te vullen door de onderzoeker\n"
            f"      bestand: nog in te vullen\n"
            f"      sectie: nog in te vullen\n"
            f"      opmerking: aangemaakt met 'evaluatie nieuw-thema'\n")
    regels.insert(eind, blok)
    return "".join(regels)


def _kader_met_themas(map_: Path) -> Path:
    """The framework file with the most themes (for Rijswijk: the welfare agenda)."""
    from evaluatie.ingest.kader import laad_kader

    kandidaten = []
    for pad in sorted(map_.glob("*.yaml")):
        kader = laad_kader(pad)  # refuses a broken file with file, key and line
        kandidaten.append((len(kader.themas), -len(kandidaten), pad))
    if not kandidaten:
        raise InvoerFout(map_, "geen beleidskader (*.yaml) gevonden")
    return max(kandidaten)[2]


def maak_thema(root: Path, thema: str, naam: str, kader: Path | None = None) -> list[str]:
    """Add ``thema`` to params.yaml and the framework; returns what was done (Dutch)."""
    controleer_thema_id(thema, "opdrachtregel")
    if not naam.strip() or "\n" in naam:
        raise InvoerFout("opdrachtregel", "de naam moet één niet-lege regel zijn", sleutel="--naam")
    inst = laad_instellingen(root)
    if thema in inst.params["themas"]:
        raise InvoerFout(root / "params.yaml", f"thema {thema!r} bestaat al", sleutel="themas")
    kader = kader or _kader_met_themas(inst.kader)
    params_tekst = (root / "params.yaml").read_text(encoding="utf-8")
    kader_tekst = kader.read_text(encoding="utf-8")
    nieuwe_params = voeg_toe_aan_params(params_tekst, thema, root / "params.yaml")
    nieuw_kader = voeg_toe_aan_kader(kader_tekst, thema, naam, kader)
    # validate before anything is written
    if thema not in (yaml.safe_load(nieuwe_params) or {}).get("themas", []):
        raise InvoerFout(root / "params.yaml", "kon het thema niet toevoegen", sleutel="themas")
    from evaluatie.ingest.kader import laad_kader

    tmp = kader.with_name(f".{kader.name}.controle.yaml")
    try:
        tmp.write_text(nieuw_kader, encoding="utf-8")
        laad_kader(tmp)
    finally:
        tmp.unlink(missing_ok=True)
    with vergrendeld(root, "evaluatie nieuw-thema"):
        schrijf_tekst(kader, nieuw_kader)
        schrijf_tekst(root / "params.yaml", nieuwe_params)
    return [f"Thema '{thema}' toegevoegd aan params.yaml en {kader.relative_to(root)}.",
            "Voeg indicatoren toe (zie docs/uitbreiden.md) en draai: make rapport"]
