"""Editions side by side: build another edition or gemeente without losing the researcher's params.yaml,
scaffold the next edition, and record an edition's metrics for the comparison in the next one.

Why params.yaml is swapped for the duration of a build (and put back byte for byte): DVC resolves
``${editie}`` in dvc.yaml (the folders under reports/) and tracks every stage's parameters from
``params.yaml``, and every stage reads its settings there. A build of another edition therefore needs
that edition's values in params.yaml while ``dvc repro`` runs. :func:`bouw` writes the merged settings
under the project lock, runs the build, and always writes the researcher's bytes back (also after a
failed build; after a crash, the copy in :data:`BEWAARD` is put back by the next command).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml

from evaluatie.gedeeld.bestanden import schrijf_bytes, schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.gedeeld.yaml_lezer import lees_yaml

#: The researcher's params.yaml while another edition builds (put back afterwards; ignored by git).
BEWAARD = ".params.yaml.bewaard"
EDITIE = re.compile(r"(\d{4})-(\d{4})")


def controleer_editie(editie: str, bron: str | Path = "EDITIE") -> str:
    """An edition id ``jjjj-jjjj`` with the second year not before the first (at most ten years)."""
    m = EDITIE.fullmatch(str(editie))
    if not m or not 0 <= int(m.group(2)) - int(m.group(1)) <= 10:
        raise InvoerFout(bron, f"ongeldige editie {editie!r} (verwacht jjjj-jjjj, bijv. 2023-2024)",
                         sleutel="editie")
    return str(editie)


def editiebestand(root: Path, gemeente: str, editie: str) -> Path:
    """The settings of one edition of a gemeente, laid over its base settings."""
    return Path(root) / "configuraties" / "edities" / gemeente / f"{editie}.yaml"


def herstel(root: Path) -> bool:
    """Put the researcher's params.yaml back if a build of another edition was killed. True if it did."""
    bewaard = Path(root) / BEWAARD
    if not bewaard.exists():
        return False
    schrijf_bytes(Path(root) / "params.yaml", bewaard.read_bytes())
    bewaard.unlink()
    return True


def samengesteld(root: Path, gemeente: str | None = None, editie: str | None = None) -> bytes | None:
    """The settings for a build of ``gemeente``/``editie``, as params.yaml bytes, or None when the
    researcher's params.yaml is that build already.

    Base: params.yaml when it is of this gemeente (or none is asked), else ``configuraties/<gemeente>.yaml``.
    On top, for another edition: ``configuraties/edities/<gemeente>/<editie>.yaml`` (top-level keys replace
    the base's). The result is checked like params.yaml before anything is written.
    """
    root = Path(root)
    eigen = root / "params.yaml"
    basis_pad = eigen
    basis = lees_yaml(eigen).data
    if gemeente and gemeente != basis.get("gemeente"):
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", gemeente):
            raise InvoerFout("GEMEENTE", f"ongeldige gemeente {gemeente!r}", sleutel="gemeente")
        basis_pad = root / "configuraties" / f"{gemeente}.yaml"
        if not basis_pad.exists():
            raise InvoerFout(basis_pad, f"onbekende gemeente {gemeente!r}: dit bestand ontbreekt (zie configuraties/)")
        basis = lees_yaml(basis_pad).data
    if editie is not None:
        controleer_editie(editie)
    if editie in (None, str(basis.get("editie"))):
        if basis_pad == eigen:
            return None
        tekst = basis_pad.read_bytes()
    else:
        laag_pad = editiebestand(root, str(basis["gemeente"]), str(editie))
        if not laag_pad.exists():
            raise InvoerFout(laag_pad, f"editie {editie} van {basis['gemeente']} bestaat niet; maak haar met "
                                       f"`evaluatie nieuwe-editie {editie}`")
        laag = lees_yaml(laag_pad).data
        if str(laag.get("editie")) != editie:
            raise InvoerFout(laag_pad, f"verwacht editie: \"{editie}\"", sleutel="editie")
        if laag.get("gemeente", basis["gemeente"]) != basis["gemeente"]:
            raise InvoerFout(laag_pad, "een editiebestand hoort bij één gemeente", sleutel="gemeente")
        samen: dict[str, Any] = {**basis, **laag}
        kop = (f"# Tijdelijk samengesteld door `evaluatie bouw` uit {basis_pad.relative_to(root).as_posix()} en "
               f"{laag_pad.relative_to(root).as_posix()};\n# na de bouw staat hier weer het eigen params.yaml.\n")
        tekst = (kop + yaml.safe_dump(samen, sort_keys=False, allow_unicode=True)).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="evaluatie-editie-") as tmp:
        proef = Path(tmp) / "params.yaml"
        proef.write_bytes(tekst)
        try:
            inst = laad_instellingen(root, pad=proef)
        except InvoerFout as fout:
            bron = laag_pad if editie not in (None, str(basis.get("editie"))) else basis_pad
            raise InvoerFout(bron, fout.melding, sleutel=fout.sleutel) from None
    if inst.vorige_metrics is not None:  # refused before the build starts, naming the file
        from evaluatie.hoofdstukken.veranderd import lees

        lees(inst.vorige_metrics)
    return tekst


def bouw(root: Path, gemeente: str | None, editie: str | None, opdracht: list[str]) -> int:
    """Run ``opdracht`` (``dvc repro``) with the settings of ``gemeente``/``editie`` in params.yaml and put
    the researcher's params.yaml back byte for byte afterwards. Returns the command's exit code.

    The caller holds the project lock (``make rapport`` does).
    """
    root = Path(root)
    herstel(root)
    tekst = samengesteld(root, gemeente, editie)
    if tekst is None:
        return subprocess.run(opdracht, cwd=root).returncode
    eigen = root / "params.yaml"
    origineel = eigen.read_bytes()
    schrijf_bytes(root / BEWAARD, origineel)
    try:
        schrijf_bytes(eigen, tekst)
        return subprocess.run(opdracht, cwd=root).returncode
    finally:
        schrijf_bytes(eigen, origineel)
        (root / BEWAARD).unlink()


def vastleggen(root: Path) -> Path:
    """Record the metrics of the edition last built (params.yaml's) as ``data/raw/edities/<editie>/
    voortgang_metrics.json``: status and code per indicator from the voortgang stage, with the latest value,
    its year and unit, so the next edition can show what changed without rebuilding this one."""
    import pandas as pd

    root = Path(root)
    inst = laad_instellingen(root)
    bron = inst.processed / "voortgang_metrics.json"
    tabel = inst.processed / "voortgang.parquet"
    for pad in (bron, tabel):
        if not pad.exists():
            raise InvoerFout(pad, "ontbreekt: bouw eerst de huidige editie (make rapport)")
    metrics = json.loads(bron.read_text(encoding="utf-8"))
    voortgang = pd.read_parquet(tabel).set_index("indicator_id")
    if set(voortgang.index) != set(metrics.get("indicatoren") or {}):
        raise InvoerFout(bron, "hoort niet bij voortgang.parquet: bouw eerst de huidige editie (make rapport)")
    uit: dict[str, Any] = {"editie": inst.editie, "gemeente": inst.params["gemeente"], "indicatoren": {}}
    for ind, m in sorted(metrics["indicatoren"].items()):
        v = voortgang.loc[ind]
        waarde = None if pd.isna(v["laatste_waarde"]) else round(float(v["laatste_waarde"]), 4)
        uit["indicatoren"][ind] = {
            **m,
            "naam": str(v["naam"]),
            "is_percentage": bool(v["is_percentage"]),
            "laatste_waarde": waarde,
            "laatste_jaar": None if pd.isna(v["laatste_jaar"]) else int(v["laatste_jaar"]),
            "laatste_decimalen": None if pd.isna(v["laatste_decimalen"]) else int(v["laatste_decimalen"]),
        }
    uit["per_status"] = metrics.get("per_status", {})
    doel = inst.raw / "edities" / inst.editie / "voortgang_metrics.json"
    schrijf_tekst(doel, json.dumps(uit, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    return doel


def nieuwe_editie(root: Path, editie: str) -> list[str]:
    """Scaffold edition ``editie`` after the one in params.yaml: texts folder, monitor folder for the waves that
    arrive for it (``data/raw/edities/<editie>/monitor/``), kerncoalitie statuses (activities 'nog niet
    beoordeeld', last edition's assessments kept as history) and the edition's settings file.

    Refuses an id that is not ``jjjj-jjjj``, that is not later than the current edition, or that exists;
    nothing is written then.
    """
    root = Path(root)
    controleer_editie(editie)
    inst = laad_instellingen(root)
    huidig, gemeente = inst.editie, str(inst.params["gemeente"])
    tekstmap = inst.raw / "tekst" / editie
    statussen = inst.raw / "voortzetten" / f"{editie}.yaml"
    instelling = editiebestand(root, gemeente, editie)
    for pad in (tekstmap, statussen, instelling):
        if pad.exists():
            raise InvoerFout(pad, f"editie {editie} bestaat al")
    if int(editie[:4]) <= int(huidig[:4]):
        raise InvoerFout(root / "params.yaml", f"editie {editie} komt niet na de huidige editie {huidig}",
                         sleutel="editie")
    vorige = lees_yaml(inst.voortzetten).data if inst.voortzetten.exists() else {"gemeente": gemeente}
    nieuw: dict[str, Any] = {"gemeente": gemeente, "voorgangers": vorige.get("voorgangers") or [],
                             "beoordelingen": []}
    kop = (f"# Wat gaat door? — editie {editie} ({gemeente}), gemaakt door `evaluatie nieuwe-editie`.\n"
           f"# Alle activiteiten staan op \"nog niet beoordeeld\" tot de kerncoalitie ze hier beoordeelt\n"
           f"# (zie data/raw/voortzetten/{huidig}.yaml voor de uitleg van de sleutels).\n")
    if vorige.get("beoordelingen"):
        kop += f"# Het oordeel van editie {huidig}:\n" + "".join(
            f"#   {b.get('activiteit')}: {b.get('status')}; besluit {b.get('besluit')}\n"
            for b in vorige["beoordelingen"] if isinstance(b, dict))
    basis_tekst = yaml.safe_dump(nieuw, sort_keys=False, allow_unicode=True)
    j1, j2 = editie.split("-")
    laag = {"editie": editie, "periode": editie, "vorige_editie": huidig,
            "datum": f"{int(j2) + 1}-12-01",
            "ondertitel": f"{inst.params.get('ondertitel') or ''} — editie {editie}".strip(" —")}
    laag_tekst = (f"# Instellingen van editie {editie}, boven op params.yaml (of configuraties/{gemeente}.yaml).\n"
                  f"# Bouwen: make rapport EDITIE={editie}\n"
                  + yaml.safe_dump(laag, sort_keys=False, allow_unicode=True))
    meldingen = []
    metrics = inst.raw / "edities" / huidig / "voortgang_metrics.json"
    if not metrics.exists():
        metrics = vastleggen(root)
        meldingen.append(f"Cijfers van editie {huidig} vastgelegd in {metrics.relative_to(root).as_posix()}")
    schrijf_tekst(tekstmap / "README.md", f"Eigen teksten van editie {editie}; zie data/raw/tekst/README.md.\n")
    monitormap = inst.raw / "edities" / editie / "monitor"
    if not (monitormap / "README.md").exists():
        schrijf_tekst(monitormap / "README.md",
                      f"Monitorgolven die binnenkwamen voor editie {editie} (met hun .bron.yaml); editie {editie} en\n"
                      f"latere edities lezen ze, eerdere niet. Zie data/raw/edities/README.md.\n")
    schrijf_tekst(statussen, kop + basis_tekst)
    schrijf_tekst(instelling, laag_tekst)
    meldingen += [f"Gemaakt: {p.relative_to(root).as_posix()}" for p in (tekstmap, monitormap, statussen, instelling)]
    meldingen.append(f"Bouwen: make rapport EDITIE={editie}")
    return meldingen
