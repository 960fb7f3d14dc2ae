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
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import yaml

from evaluatie.gedeeld.bestanden import schrijf_bytes, schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import Instellingen, editie_probleem, laad_instellingen
from evaluatie.gedeeld.yaml_lezer import lees_yaml

#: The researcher's params.yaml while another edition builds (put back afterwards; ignored by git).
BEWAARD = ".params.yaml.bewaard"
EDITIE = re.compile(r"(\d{4})-(\d{4})")


def controleer_editie(editie: str, bron: str | Path | None = None) -> str:
    """An edition id ``jjjj-jjjj`` with the second year not before the first (at most ten years).

    ``bron``: the file the id was read from (then named with the key ``editie``); None for an id
    typed on the command line or as ``EDITIE=`` (the message alone). Raises ``InvoerFout``."""
    if (probleem := editie_probleem(str(editie))) is not None:
        raise InvoerFout(bron, probleem, sleutel="editie" if bron is not None else None)
    return str(editie)


def editiebestand(root: Path, gemeente: str, editie: str) -> Path:
    """The settings of one edition of a gemeente, laid over its base settings."""
    return Path(root) / "configuraties" / "edities" / gemeente / f"{editie}.yaml"


#: First line of the merged settings :func:`bouw` writes into params.yaml for the duration of a build.
KOP = "# Tijdelijk samengesteld door `evaluatie bouw`"


def herstel(root: Path) -> bool:
    """Put the researcher's params.yaml back if a build of another edition was killed. True if it did.

    Only a params.yaml that still holds the merged settings (first line :data:`KOP`) is replaced; one the
    researcher edited since is kept and the command is refused, naming both files, so no edit is lost.
    """
    bewaard = Path(root) / BEWAARD
    if not bewaard.exists():
        return False
    eigen = Path(root) / "params.yaml"
    if eigen.exists() and not eigen.read_text(encoding="utf-8", errors="replace").startswith(KOP):
        raise InvoerFout(eigen, f"een afgebroken bouw liet {BEWAARD} achter: dat is JOUW eigen params.yaml; "
                                "params.yaml bevat nog de tijdelijke instellingen van die bouw en is sindsdien "
                                f"gewijzigd. Zet je wijziging over naar {BEWAARD}, zet dat bestand dan terug als "
                                f"params.yaml (mv {BEWAARD} params.yaml)")
    schrijf_bytes(eigen, bewaard.read_bytes())
    bewaard.unlink()
    return True


def basisbestand(root: Path, gemeente: str | None = None) -> Path:
    """The base settings of ``gemeente``: params.yaml when it is of that gemeente (or none is asked), else
    ``configuraties/<gemeente>.yaml``. Refuses an unsafe or unknown name, naming the missing file."""
    root = Path(root)
    eigen = root / "params.yaml"
    if not gemeente or gemeente == lees_yaml(eigen).data.get("gemeente"):
        return eigen
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", gemeente):
        raise InvoerFout("GEMEENTE", f"ongeldige gemeente {gemeente!r}", sleutel="gemeente")
    pad = root / "configuraties" / f"{gemeente}.yaml"
    if not pad.exists():
        raise InvoerFout(pad, f"onbekende gemeente {gemeente!r}: dit bestand ontbreekt (zie configuraties/)")
    return pad


def edities_van(root: Path, gemeente: str | None = None) -> list[str]:
    """The editions of ``gemeente`` that exist: the one of its base settings plus every
    ``configuraties/edities/<gemeente>/<editie>.yaml``, sorted."""
    basis = lees_yaml(basisbestand(root, gemeente)).data
    naam = str(basis.get("gemeente"))
    map_ = Path(root) / "configuraties" / "edities" / naam
    extra = {p.stem for p in map_.glob("*.yaml") if EDITIE.fullmatch(p.stem)} if map_.is_dir() else set()
    return sorted({str(basis.get("editie")), *extra})


def instellingen(root: Path, gemeente: str | None = None, editie: str | None = None) -> Instellingen:
    """The checked settings of a build of ``gemeente``/``editie`` (as :func:`samengesteld` composes them)."""
    return _samenstellen(Path(root), gemeente, editie)[1]


def samengesteld(root: Path, gemeente: str | None = None, editie: str | None = None) -> bytes | None:
    """The settings for a build of ``gemeente``/``editie``, as params.yaml bytes, or None when the
    researcher's params.yaml is that build already.

    Base: params.yaml when it is of this gemeente (or none is asked), else ``configuraties/<gemeente>.yaml``.
    On top, for another edition: ``configuraties/edities/<gemeente>/<editie>.yaml`` (top-level keys replace
    the base's). The result is checked like params.yaml (also params.yaml itself when it is the build: a
    path-like gemeente never reaches DVC), its themes against the kader and the previous edition's record,
    before anything is written; an error names the file the researcher wrote.
    """
    return _samenstellen(Path(root), gemeente, editie)[0]


def _samenstellen(root: Path, gemeente: str | None, editie: str | None) -> tuple[bytes | None, Instellingen]:
    """:func:`samengesteld`'s bytes (None: params.yaml as it is) together with the checked settings."""
    eigen = root / "params.yaml"
    basis_pad = basisbestand(root, gemeente)
    basis = lees_yaml(basis_pad).data
    if editie is not None:
        controleer_editie(editie)
    if editie in (None, str(basis.get("editie"))):
        if basis_pad == eigen:
            return None, _controleer(laad_instellingen(root), eigen, None)
        # marked like the merged settings, so that after a killed build `herstel` knows it is not the
        # researcher's own file
        tekst = (f"{KOP} uit {basis_pad.relative_to(root).as_posix()};\n# na de bouw staat hier weer het eigen "
                 "params.yaml.\n").encode("utf-8") + basis_pad.read_bytes()
    else:
        laag_pad = editiebestand(root, str(basis["gemeente"]), str(editie))
        if not laag_pad.exists():
            optie = "" if basis_pad == eigen else f" --gemeente {basis['gemeente']}"
            statussen = root / "data" / "raw" / "voortzetten" / f"{editie}.yaml"
            ander = lees_yaml(statussen).data.get("gemeente") if statussen.exists() else None
            if ander not in (None, basis["gemeente"]):
                raise InvoerFout(laag_pad, f"editie {editie} van {basis['gemeente']} bestaat niet, en het id {editie} "
                                           f"is al van {ander} (de mappen per editie zijn nog niet per gemeente "
                                           f"gescheiden); kies voor {basis['gemeente']} een ander editie-id, bijv. "
                                           f"`evaluatie nieuwe-editie {int(editie[:4])}-{int(editie[5:]) + 1}{optie}`")
            raise InvoerFout(laag_pad, f"editie {editie} van {basis['gemeente']} bestaat niet; maak haar met "
                                       f"`evaluatie nieuwe-editie {editie}{optie}`")
        laag = lees_yaml(laag_pad).data
        if str(laag.get("editie")) != editie:
            raise InvoerFout(laag_pad, f"verwacht editie: \"{editie}\"", sleutel="editie")
        if laag.get("gemeente", basis["gemeente"]) != basis["gemeente"]:
            raise InvoerFout(laag_pad, "een editiebestand hoort bij één gemeente", sleutel="gemeente")
        samen: dict[str, Any] = {**basis, **laag}
        kop = (f"{KOP} uit {basis_pad.relative_to(root).as_posix()} en "
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
    eigen_laag = laag_pad if editie not in (None, str(basis.get("editie"))) and "themas" in laag else None
    return tekst, _controleer(inst, basis_pad, eigen_laag)


def _controleer(inst: Instellingen, basis_pad: Path, laag_pad: Path | None) -> Instellingen:
    """Checks beyond params.yaml's own rules, before a build: every theme is in the gemeente's kader (else the
    voortgang stage would refuse it, naming the temporary params.yaml instead of the file the researcher
    wrote: ``laag_pad`` when the edition file sets the themes, else ``basis_pad``), and the previous edition's
    record reads."""
    bekend = {str(t.get("id")) for p in sorted(inst.kader.glob("*.yaml"))
              for t in (lees_yaml(p).data.get("themas") or []) if isinstance(t, dict)}
    for i, thema in enumerate(inst.themas):
        if bekend and thema not in bekend:
            raise InvoerFout(laag_pad or basis_pad, f"thema {thema!r} staat niet in het beleidskader van {inst.params['gemeente']} "
                                   f"(bekend: {', '.join(sorted(bekend))})", sleutel=f"themas[{i}]")
    if inst.vorige_metrics is not None:  # refused before the build starts, naming the file
        from evaluatie.hoofdstukken.veranderd import lees

        lees(inst.vorige_metrics)
    return inst


def dvc_programma() -> str:
    """The ``dvc`` of this interpreter's environment (the project's .venv), whatever PATH says."""
    return str(Path(sys.executable).with_name("dvc"))


def project_omgeving() -> dict[str, str]:
    """The environment for ``dvc repro``: its stages call ``python``, which must be this interpreter's (the
    project's .venv) also when ``evaluatie`` is started as ``.venv/bin/evaluatie`` without ``make``."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _herstel_dvc_slot(root: Path) -> None:
    """A killed ``dvc repro`` can leave ``.dvc/tmp/rwlock`` empty; DVC then refuses every later run
    ("JSON structure is corrupted", treeverse/dvc#7615). Under the project lock no DVC run of ours is
    active, so an unreadable file is removed; a readable one (a DVC run started by hand) is left alone."""
    slot = Path(root) / ".dvc" / "tmp" / "rwlock"
    try:
        json.loads(slot.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (ValueError, UnicodeDecodeError):
        slot.unlink()


def bouw(root: Path, gemeente: str | None, editie: str | None, opdracht: list[str],
         na: Callable[[], object] | None = None) -> int:
    """Run ``opdracht`` (``dvc repro``) with the settings of ``gemeente``/``editie`` in params.yaml and put
    the researcher's params.yaml back byte for byte afterwards. Returns the command's exit code.

    ``na`` runs after a successful command, while the edition's settings are still in place (used by
    :func:`bouw_en_vastleggen`). The caller holds the project lock (``make rapport`` does).
    """
    root = Path(root)
    herstel(root)
    _herstel_dvc_slot(root)
    # checked before DVC reads dvc.yaml (params.yaml too): a path-like gemeente or editie would otherwise
    # reach DVC's own (English) error about the stage paths instead of a message naming the key
    tekst = samengesteld(root, gemeente, editie)
    from evaluatie.stages.notebook import kernelkeuze

    kernelkeuze()  # a wrong EVALUATIE_KERNEL is named now, also when no notebook stage needs to run
    if tekst is None:
        rc = subprocess.run(opdracht, cwd=root, env=project_omgeving()).returncode
        if rc == 0 and na is not None:
            na()
        return rc
    eigen = root / "params.yaml"
    origineel = eigen.read_bytes()
    schrijf_bytes(root / BEWAARD, origineel)
    try:
        schrijf_bytes(eigen, tekst)
        rc = subprocess.run(opdracht, cwd=root, env=project_omgeving()).returncode
        if rc == 0 and na is not None:
            na()
        return rc
    finally:
        schrijf_bytes(eigen, origineel)
        (root / BEWAARD).unlink()


def bouw_en_vastleggen(root: Path, gemeente: str | None, editie: str | None, opdracht: list[str]) -> tuple[int, Path | None]:
    """Build ``gemeente``/``editie`` and record its metrics (:func:`vastleggen`) from that very build, so the
    record can never come from another edition's ``data/processed``. Returns (exit code, the file written)."""
    geschreven: list[Path] = []
    rc = bouw(root, gemeente, editie, opdracht, na=lambda: geschreven.append(vastleggen(root)))
    return rc, (geschreven[0] if geschreven else None)


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


def nieuwe_editie(root: Path, editie: str, gemeente: str | None = None) -> list[str]:
    """Scaffold edition ``editie`` of ``gemeente`` (default: the one in params.yaml) after its latest edition:
    texts folder, monitor folder for the waves that arrive for it (``data/raw/edities/<editie>/monitor/``),
    assessment file (activities 'nog niet beoordeeld', the previous edition's assessments kept as history; its
    header names the assessing body of the gemeente's own kader, section ``toezicht``, or none)
    and the edition's settings file, with ``vorige_editie`` the latest existing edition.

    Raises
    ------
    InvoerFout
        An id that is not ``jjjj-jjjj``, that is not later than the latest edition, or whose files exist; the
        latest edition's metrics not recorded yet (run ``evaluatie vastleggen --editie …`` first). Nothing is
        written then.
    """
    root = Path(root)
    controleer_editie(editie)
    herstel(root)
    bestaand = edities_van(root, gemeente)
    vorige = bestaand[-1]
    inst = instellingen(root, gemeente, vorige)
    naam = str(inst.params["gemeente"])
    tekstmap = inst.raw / "tekst" / editie
    statussen = inst.raw / "voortzetten" / f"{editie}.yaml"
    instelling = editiebestand(root, naam, editie)
    for pad in (statussen, instelling, tekstmap):
        if pad.exists():
            ander = lees_yaml(pad).data.get("gemeente") if pad == statussen else None
            if ander not in (None, naam):
                raise InvoerFout(pad, f"editie {editie} bestaat al voor {ander}; de teksten en oordelen per editie "
                                      "(data/raw/tekst/<editie>/, data/raw/voortzetten/<editie>.yaml) zijn nog niet "
                                      "per gemeente gescheiden, kies een ander editie-id")
            raise InvoerFout(pad, f"editie {editie} bestaat al")
    if int(editie[:4]) <= int(vorige[-4:]):
        # the id was typed on the command line: no file to name (the settings file does not exist yet)
        raise InvoerFout(None, f"editie {editie} komt niet na de laatste editie van {naam} ({vorige}); het eerste "
                               f"jaar moet na {vorige[-4:]} liggen")
    metrics = inst.raw / "edities" / vorige / "voortgang_metrics.json"
    if not metrics.exists():
        optie = "" if gemeente in (None, lees_yaml(root / "params.yaml").data.get("gemeente")) else f" --gemeente {naam}"
        raise InvoerFout(metrics, f"de cijfers van de vorige editie {vorige} zijn nog niet vastgelegd; doe dat eerst "
                                  f"met `evaluatie vastleggen --editie {vorige}{optie}` (bouwt die editie en legt "
                                  "haar cijfers vast)")
    oud = lees_yaml(inst.voortzetten).data if inst.voortzetten.exists() else {"gemeente": naam}
    nieuw: dict[str, Any] = {"gemeente": naam, "voorgangers": oud.get("voorgangers") or [], "beoordelingen": []}
    # the assessing body of the gemeente's own kader (imported here: it loads pandas)
    from evaluatie.hoofdstukken.voortzetten import toezicht_uit

    orgaan = toezicht_uit([lees_yaml(k).data for k in sorted(inst.kader.glob("*.yaml"))]).orgaan
    tot = f"tot {orgaan} ze hier beoordeelt" if orgaan else "tot hun beoordeling hier is ingevuld"
    kop = (f"# Wat gaat door? — editie {editie} ({naam}), gemaakt door `evaluatie nieuwe-editie`.\n"
           f"# Alle activiteiten staan op \"nog niet beoordeeld\" {tot}\n"
           f"# (zie data/raw/voortzetten/{vorige}.yaml voor de uitleg van de sleutels).\n")
    if oud.get("beoordelingen"):
        kop += f"# Het oordeel van editie {vorige}:\n" + "".join(
            f"#   {b.get('activiteit')}: {b.get('status')}; besluit {b.get('besluit')}\n"
            for b in oud["beoordelingen"] if isinstance(b, dict))
    basis_tekst = yaml.safe_dump(nieuw, sort_keys=False, allow_unicode=True)
    j2 = editie.split("-")[1]
    laag = {"editie": editie, "periode": editie, "vorige_editie": vorige, "datum": f"{int(j2) + 1}-12-01",
            "ondertitel": f"Vervolg op de evaluatie {vorige}"}
    laag_tekst = (f"# Instellingen van editie {editie}, boven op params.yaml (of configuraties/{naam}.yaml).\n"
                  f"# Vul de ondertitel en de datum in; bouwen: make rapport EDITIE={editie}"
                  f"{'' if gemeente is None else f' GEMEENTE={naam}'}\n"
                  + yaml.safe_dump(laag, sort_keys=False, allow_unicode=True))
    schrijf_tekst(tekstmap / "README.md", f"Eigen teksten van editie {editie}; zie data/raw/tekst/README.md.\n")
    monitormap = inst.raw / "edities" / editie / "monitor"
    if not (monitormap / "README.md").exists():
        schrijf_tekst(monitormap / "README.md",
                      f"Monitorgolven die binnenkwamen voor editie {editie} (met hun .bron.yaml); editie {editie} en\n"
                      f"latere edities lezen ze, eerdere niet. Zie data/raw/edities/README.md.\n")
    schrijf_tekst(statussen, kop + basis_tekst)
    schrijf_tekst(instelling, laag_tekst)
    meldingen = [f"Vorige editie: {vorige} (cijfers in {metrics.relative_to(root).as_posix()})"]
    meldingen += [f"Gemaakt: {p.relative_to(root).as_posix()}" for p in (tekstmap, monitormap, statussen, instelling)]
    meldingen.append(f"Bouwen: make rapport EDITIE={editie}{'' if gemeente is None else f' GEMEENTE={naam}'}")
    return meldingen
