"""Editions: building another edition/gemeente leaves params.yaml byte-identical; the next edition is
scaffolded; bad edition ids and missing or malformed previous-edition metrics are refused naming the file."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from evaluatie.cli import app
from evaluatie.edities import BEWAARD, bouw, controleer_editie, herstel, nieuwe_editie, samengesteld
from evaluatie.gedeeld.fouten import InvoerFout

runner = CliRunner()


def _project(tmp_path: Path) -> Path:
    """The inputs an edition needs: params.yaml, configuraties/, kaders, voortzetten, recorded metrics."""
    root = tmp_path / "p"
    root.mkdir()
    shutil.copy(ROOT / "params.yaml", root / "params.yaml")
    shutil.copy(ROOT / "dvc.yaml", root / "dvc.yaml")
    shutil.copytree(ROOT / "configuraties", root / "configuraties")
    for sub in ("kader", "voortzetten", "edities"):
        shutil.copytree(ROOT / "data" / "raw" / sub, root / "data" / "raw" / sub)
    return root


def _bestanden(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fout", ["2023", "23-24", "2024-2023", "2023-2040", "2023_2024", "../2023-2024"])
def test_bad_edition_id_is_refused(fout):
    with pytest.raises(InvoerFout, match="ongeldige editie"):
        controleer_editie(fout)


@pytest.mark.parametrize("fout,reden", [
    ("2024-2023", "ongeldige editie '2024-2023': het tweede jaar ligt vóór het eerste (bedoeld: 2023-2024?)"),
    ("2023-2040", "ongeldige editie '2023-2040': het tweede jaar ligt hoogstens tien jaar na het eerste "
                  "(bij 2023 uiterlijk 2033)"),
    ("2023/2024", "ongeldige editie '2023/2024' (verwacht jjjj-jjjj, bijv. 2023-2024)"),
])
def test_a_refused_edition_id_says_what_is_wrong(fout, reden):
    with pytest.raises(InvoerFout) as info:
        controleer_editie(fout)
    assert str(info.value) == reden


def test_default_build_needs_no_swap(tmp_path):
    root = _project(tmp_path)
    assert samengesteld(root) is None
    assert samengesteld(root, gemeente="rijswijk", editie="2021-2022") is None


def test_edition_settings_are_params_plus_the_edition_file(tmp_path):
    root = _project(tmp_path)
    samen = yaml.safe_load(samengesteld(root, editie="2023-2024"))
    eigen = yaml.safe_load((root / "params.yaml").read_text(encoding="utf-8"))
    laag = yaml.safe_load((root / "configuraties/edities/rijswijk/2023-2024.yaml").read_text(encoding="utf-8"))
    assert samen["editie"] == "2023-2024" and samen["vorige_editie"] == "2021-2022"
    assert samen["themas"] == eigen["themas"] and samen["drempels"] == eigen["drempels"]
    assert samen["periode"] == laag["periode"] == "2023-2024"


def test_researchers_own_edits_carry_into_another_edition(tmp_path):
    root = _project(tmp_path)
    pad = root / "params.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("auteur:  ", "auteur: Team Onderzoek  "),
                   encoding="utf-8")
    assert yaml.safe_load(samengesteld(root, editie="2023-2024"))["auteur"] == "Team Onderzoek"


def test_unknown_edition_or_gemeente_refused_naming_the_file(tmp_path):
    root = _project(tmp_path)
    voor = _bestanden(root)
    with pytest.raises(InvoerFout, match=r"configuraties/edities/rijswijk/2025-2026\.yaml"):
        samengesteld(root, editie="2025-2026")
    with pytest.raises(InvoerFout, match=r"configuraties/zoetermeer\.yaml"):
        samengesteld(root, gemeente="zoetermeer")
    assert _bestanden(root) == voor


def test_bad_value_in_edition_file_refused_naming_it(tmp_path):
    root = _project(tmp_path)
    laag = root / "configuraties/edities/rijswijk/2023-2024.yaml"
    laag.write_text(laag.read_text(encoding="utf-8").replace('datum: "2026-12-01"', 'datum: "1 december"'),
                    encoding="utf-8")
    with pytest.raises(InvoerFout, match=r"2023-2024\.yaml.*datum"):
        samengesteld(root, editie="2023-2024")


def _meet_opdracht(root: Path) -> list[str]:
    """A stand-in for `dvc repro` that records which settings it saw."""
    code = ("import pathlib, yaml; p = yaml.safe_load(pathlib.Path('params.yaml').read_text()); "
            "pathlib.Path('gezien.txt').write_text(f\"{p['gemeente']} {p['editie']} {p.get('vorige_editie')}\")")
    return [sys.executable, "-c", code]


@pytest.mark.parametrize("gemeente,editie,verwacht", [
    (None, "2023-2024", "rijswijk 2023-2024 2021-2022"),
    ("leidschendam-voorburg", None, "leidschendam-voorburg 2020-2022 None"),
    (None, None, "rijswijk 2021-2022 None"),
])
def test_build_sees_the_edition_and_leaves_params_byte_identical(tmp_path, gemeente, editie, verwacht):
    root = _project(tmp_path)
    voor = (root / "params.yaml").read_bytes()
    assert bouw(root, gemeente, editie, _meet_opdracht(root)) == 0
    assert (root / "gezien.txt").read_text() == verwacht
    assert (root / "params.yaml").read_bytes() == voor
    assert not (root / BEWAARD).exists()


def test_failed_build_still_restores_params(tmp_path):
    root = _project(tmp_path)
    voor = (root / "params.yaml").read_bytes()
    assert bouw(root, None, "2023-2024", [sys.executable, "-c", "raise SystemExit(3)"]) == 3
    assert (root / "params.yaml").read_bytes() == voor


def test_params_left_by_a_killed_build_are_put_back(tmp_path):
    root = _project(tmp_path)
    voor = (root / "params.yaml").read_bytes()
    (root / BEWAARD).write_bytes(voor)
    (root / "params.yaml").write_bytes(samengesteld(root, editie="2023-2024"))
    assert herstel(root)
    assert (root / "params.yaml").read_bytes() == voor and not (root / BEWAARD).exists()


def test_nieuwe_editie_scaffolds_the_next_edition(tmp_path):
    root = _project(tmp_path)
    shutil.rmtree(root / "configuraties" / "edities")
    (root / "data/raw/voortzetten/2023-2024.yaml").unlink()
    voor = (root / "params.yaml").read_bytes()
    meldingen = nieuwe_editie(root, "2023-2024")
    assert "Bouwen: make rapport EDITIE=2023-2024" in meldingen
    assert (root / "data/raw/tekst/2023-2024").is_dir()
    assert "editie 2023-2024" in (root / "data/raw/edities/2023-2024/monitor/README.md").read_text(encoding="utf-8")
    statussen = yaml.safe_load((root / "data/raw/voortzetten/2023-2024.yaml").read_text(encoding="utf-8"))
    vorige = yaml.safe_load((root / "data/raw/voortzetten/2021-2022.yaml").read_text(encoding="utf-8"))
    assert statussen["beoordelingen"] == [] and statussen["voorgangers"] == vorige["voorgangers"]
    laag = yaml.safe_load((root / "configuraties/edities/rijswijk/2023-2024.yaml").read_text(encoding="utf-8"))
    assert laag["editie"] == "2023-2024" and laag["vorige_editie"] == "2021-2022"
    assert (root / "params.yaml").read_bytes() == voor
    # and the new edition's settings pass the same checks as params.yaml
    assert yaml.safe_load(samengesteld(root, editie="2023-2024"))["editie"] == "2023-2024"


@pytest.mark.parametrize("editie,fout", [("2023", "ongeldige editie"), ("2021-2022", "bestaat al"),
                                         ("2019-2020", "komt niet na")])
def test_nieuwe_editie_refuses_bad_or_existing_id_and_writes_nothing(tmp_path, editie, fout):
    root = _project(tmp_path)
    if editie == "2021-2022":
        (root / "data/raw/tekst/2021-2022").mkdir(parents=True)
    voor = _bestanden(root)
    with pytest.raises(InvoerFout, match=fout):
        nieuwe_editie(root, editie)
    assert _bestanden(root) == voor


def test_cli_nieuwe_editie_refuses_bad_id_with_exit_1(tmp_path, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    uit = runner.invoke(app, ["nieuwe-editie", "2023/2024"])
    assert uit.exit_code == 1
    # an id typed on the command line is no file: the message alone (was "fout: EDITIE (sleutel 'editie'): …")
    assert "fout: ongeldige editie '2023/2024' (verwacht jjjj-jjjj, bijv. 2023-2024)" in uit.output
    assert "EDITIE" not in uit.output and "sleutel" not in uit.output


def test_recorded_metrics_of_2021_2022_are_complete():
    """The committed record the 2023-2024 edition compares with: every indicator with status, code and value."""
    data = json.loads((ROOT / "data/raw/edities/2021-2022/voortgang_metrics.json").read_text(encoding="utf-8"))
    assert data["editie"] == "2021-2022"
    assert len(data["indicatoren"]) == 22
    for ind, m in data["indicatoren"].items():
        assert isinstance(m["status_code"], int) and m["status"], ind
        assert "laatste_waarde" in m and "laatste_jaar" in m, ind


@pytest.mark.parametrize("inhoud", [None, "{kapot"])
def test_missing_or_malformed_previous_metrics_refused_before_the_build(tmp_path, inhoud):
    root = _project(tmp_path)
    pad = root / "data/raw/edities/2021-2022/voortgang_metrics.json"
    if inhoud is None:
        pad.unlink()
    else:
        pad.write_text(inhoud, encoding="utf-8")
    voor = _bestanden(root)
    with pytest.raises(InvoerFout, match=r"data/raw/edities/2021-2022/voortgang_metrics\.json"):
        bouw(root, None, "2023-2024", _meet_opdracht(root))
    assert _bestanden(root) == voor


# `dvc metrics show` (a DVC subprocess) on the recorded edition: tests/integratie/test_edities_dvc.py


def test_an_edition_reads_its_own_and_earlier_monitor_folders_only(tmp_path):
    """A wave that came in for 2023-2024 is read by 2023-2024 and later editions, never by 2021-2022."""
    from evaluatie.gedeeld.instellingen import laad_instellingen

    root = _project(tmp_path)
    for e in ("2021-2022", "2023-2024", "2025-2026"):
        (root / "data/raw/edities" / e / "monitor").mkdir(parents=True, exist_ok=True)
    raw = root / "data/raw"
    tekst = (root / "params.yaml").read_text(encoding="utf-8")
    verwacht = {"2021-2022": ["2021-2022"], "2023-2024": ["2021-2022", "2023-2024"]}
    for editie, mappen in verwacht.items():
        (root / "params.yaml").write_text(tekst.replace('editie: "2021-2022"', f'editie: "{editie}"', 1),
                                          encoding="utf-8")
        inst = laad_instellingen(root)
        assert inst.monitormappen == [raw / "monitor", *(raw / "edities" / m / "monitor" for m in mappen)]


def test_next_edition_follows_the_latest_one_and_needs_its_record(tmp_path):
    """After 2021-2022 and 2023-2024, `nieuwe-editie 2025-2026` compares with 2023-2024; until 2023-2024's
    metrics are recorded it is refused with the command that records them, and nothing is written."""
    root = _project(tmp_path)
    voor = _bestanden(root)
    with pytest.raises(InvoerFout) as fout:
        nieuwe_editie(root, "2025-2026")
    assert "edities/2023-2024/voortgang_metrics.json" in str(fout.value)
    assert "`evaluatie vastleggen --editie 2023-2024`" in fout.value.melding
    assert _bestanden(root) == voor
    with pytest.raises(InvoerFout) as te_vroeg:
        nieuwe_editie(root, "2022-2023")
    # a typed id: the message alone, no settings file that does not exist (tester, session 9)
    assert str(te_vroeg.value) == ("editie 2022-2023 komt niet na de laatste editie van rijswijk (2023-2024); het "
                                   "eerste jaar moet na 2024 liggen")
    shutil.copy(root / "data/raw/edities/2021-2022/voortgang_metrics.json",
                root / "data/raw/edities/2023-2024/voortgang_metrics.json")
    meldingen = nieuwe_editie(root, "2025-2026")
    assert meldingen[0].startswith("Vorige editie: 2023-2024")
    laag = yaml.safe_load((root / "configuraties/edities/rijswijk/2025-2026.yaml").read_text(encoding="utf-8"))
    assert laag["vorige_editie"] == "2023-2024" and laag["ondertitel"] == "Vervolg op de evaluatie 2023-2024"
    assert (root / "data/raw/edities/2025-2026/monitor/README.md").exists()


def test_another_gemeentes_edition_is_made_with_gemeente_and_its_own_previous_edition(tmp_path):
    root = _project(tmp_path)
    with pytest.raises(InvoerFout) as fout:
        samengesteld(root, gemeente="leidschendam-voorburg", editie="2023-2024")
    # 2023-2024 is Rijswijk's id: the advice is another id, not the command that would be refused
    assert "is al van rijswijk" in fout.value.melding
    assert "`evaluatie nieuwe-editie 2023-2025 --gemeente leidschendam-voorburg`" in fout.value.melding
    with pytest.raises(InvoerFout) as fout:  # its latest edition (2020-2022) has no record yet
        nieuwe_editie(root, "2023-2026", gemeente="leidschendam-voorburg")
    assert "`evaluatie vastleggen --editie 2020-2022 --gemeente leidschendam-voorburg`" in fout.value.melding
    # edition folders are shared by all gemeenten (data/raw/voortzetten/<editie>.yaml): Rijswijk's is not overwritten
    with pytest.raises(InvoerFout, match="bestaat al voor rijswijk.*kies een ander editie-id"):
        nieuwe_editie(root, "2023-2024", gemeente="leidschendam-voorburg")


def test_record_is_made_inside_the_build_of_that_edition(tmp_path):
    """`vastleggen` runs after the build, while the edition's settings are in params.yaml; not after a failure."""
    from evaluatie.gedeeld.instellingen import laad_instellingen

    root = _project(tmp_path)
    voor = (root / "params.yaml").read_bytes()
    gezien: list[str] = []
    assert bouw(root, None, "2023-2024", [sys.executable, "-c", "pass"],
                na=lambda: gezien.append(laad_instellingen(root).editie)) == 0
    assert bouw(root, None, "2023-2024", [sys.executable, "-c", "raise SystemExit(1)"],
                na=lambda: gezien.append("na een fout")) == 1
    assert gezien == ["2023-2024"] and (root / "params.yaml").read_bytes() == voor


def test_params_edited_after_a_killed_build_are_kept_and_the_command_refused(tmp_path):
    root = _project(tmp_path)
    (root / BEWAARD).write_bytes((root / "params.yaml").read_bytes())
    eigen = b"# mijn nieuwe aanpassing\n" + (root / "params.yaml").read_bytes()
    (root / "params.yaml").write_bytes(eigen)
    with pytest.raises(InvoerFout, match="sindsdien gewijzigd"):
        herstel(root)
    assert (root / "params.yaml").read_bytes() == eigen and (root / BEWAARD).exists()
    with pytest.raises(InvoerFout, match="sindsdien gewijzigd"):
        nieuwe_editie(root, "2025-2026")


def test_default_build_checks_params_before_dvc_runs(tmp_path):
    """`gemeente: "../../.."` is refused naming params.yaml and the key, before `dvc repro` reads dvc.yaml."""
    root = _project(tmp_path)
    pad = root / "params.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("gemeente: rijswijk ", 'gemeente: "../../.." ', 1),
                   encoding="utf-8")
    with pytest.raises(InvoerFout, match="ongeldige gemeente") as fout:
        bouw(root, None, None, _meet_opdracht(root))
    assert str(pad) in str(fout.value) and not (root / "gezien.txt").exists()


def test_writing_commands_run_only_in_the_project_folder(tmp_path, monkeypatch):
    """From a subfolder or outside the project the commands that write are refused, naming the project folder;
    nothing is written and no lock file is left outside the project root."""
    root = _project(tmp_path)
    (root / "data").mkdir(exist_ok=True)
    monkeypatch.chdir(root / "data")
    for args in (["demo"], ["nieuwe-editie", "2025-2026"], ["bouw"], ["demo-2024"]):
        uit = runner.invoke(app, args)
        assert uit.exit_code == 1, (args, uit.output)
        assert "geen projectmap" in uit.output and f"({root})" in uit.output.replace("\n", "")
    assert not (root / "data" / ".evaluatie.lock").exists() and not (root / "data" / "data").exists()


def test_unknown_theme_in_an_edition_file_is_refused_naming_that_file(tmp_path):
    root = _project(tmp_path)
    laag = root / "configuraties/edities/rijswijk/2023-2024.yaml"
    laag.write_text(laag.read_text(encoding="utf-8") + "themas: [eenzaamheid, bestaatniet]\n", encoding="utf-8")
    voor = _bestanden(root)
    with pytest.raises(InvoerFout, match=r"thema 'bestaatniet' staat niet in het beleidskader van rijswijk") as fout:
        bouw(root, None, "2023-2024", _meet_opdracht(root))
    assert str(laag) in str(fout.value) and fout.value.sleutel == "themas[1]"
    assert _bestanden(root) == voor and not (root / "gezien.txt").exists()


def test_build_runs_the_stages_with_this_interpreter_and_mends_a_killed_dvc_lock(tmp_path, monkeypatch):
    """`.venv/bin/evaluatie bouw` without make: the stages' `python` is the project's; an empty rwlock left by
    a killed `dvc repro` is removed, a readable one is kept."""
    root = _project(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    code = "import os, sys, pathlib; pathlib.Path('gezien.txt').write_text(os.environ['PATH'].split(os.pathsep)[0])"
    (root / ".dvc" / "tmp").mkdir(parents=True)
    (root / ".dvc" / "tmp" / "rwlock").write_text("", encoding="utf-8")
    assert bouw(root, None, None, [sys.executable, "-c", code]) == 0
    assert (root / "gezien.txt").read_text() == str(Path(sys.executable).parent)
    assert not (root / ".dvc" / "tmp" / "rwlock").exists()
    (root / ".dvc" / "tmp" / "rwlock").write_text('{"read": {}, "write": {}}', encoding="utf-8")
    assert bouw(root, None, None, [sys.executable, "-c", "pass"]) == 0
    assert (root / ".dvc" / "tmp" / "rwlock").exists()


def test_a_killed_build_of_another_gemeente_is_put_back_too(tmp_path):
    """The settings swapped in for another gemeente carry the same first line as an edition's, so the next
    command restores the researcher's params.yaml instead of refusing it as edited."""
    root = _project(tmp_path)
    voor = (root / "params.yaml").read_bytes()
    (root / BEWAARD).write_bytes(voor)
    (root / "params.yaml").write_bytes(samengesteld(root, gemeente="leidschendam-voorburg"))
    assert herstel(root)
    assert (root / "params.yaml").read_bytes() == voor and not (root / BEWAARD).exists()


@pytest.mark.parametrize("editie", [None, "2023-2024"])
def test_a_wrong_evaluatie_kernel_is_named_before_the_build_runs(tmp_path, monkeypatch, editie):
    """Even when no notebook stage needs to rerun (the stage itself checks only when it runs)."""
    root = _project(tmp_path)
    voor = _bestanden(root)
    monkeypatch.setenv("EVALUATIE_KERNEL", "juypter")
    with pytest.raises(InvoerFout, match="EVALUATIE_KERNEL heeft de onbekende waarde 'juypter'"):
        bouw(root, None, editie, [sys.executable, "-c", "open('gedraaid', 'w')"])
    assert _bestanden(root) == voor  # nothing ran, params.yaml untouched


def _kop(root: Path, editie: str) -> str:
    return "".join(r for r in (root / f"data/raw/voortzetten/{editie}.yaml").read_text(encoding="utf-8")
                   .splitlines(keepends=True) if r.startswith("#"))


def test_nieuwe_editie_names_the_gemeentes_own_assessing_body(tmp_path):
    """The scaffolded assessment file names the body of the gemeente's own kader (section toezicht), never
    Rijswijk's kerncoalitie for another gemeente; a kader without one names no body."""
    root = _project(tmp_path)
    shutil.rmtree(root / "configuraties" / "edities")
    (root / "data/raw/voortzetten/2023-2024.yaml").unlink()
    nieuwe_editie(root, "2023-2024")
    assert "# Alle activiteiten staan op \"nog niet beoordeeld\" tot de kerncoalitie ze hier beoordeelt\n" in _kop(
        root, "2023-2024")

    def lv(root: Path) -> str:
        metrics = root / "data/raw/edities/2020-2022/voortgang_metrics.json"  # only its presence is checked
        metrics.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / "data/raw/edities/2021-2022/voortgang_metrics.json", metrics)
        nieuwe_editie(root, "2023-2025", gemeente="leidschendam-voorburg")
        return _kop(root, "2023-2025")

    kop = lv(root)
    assert ("# Alle activiteiten staan op \"nog niet beoordeeld\" tot de subsidietafel Sociale cohesie ze hier "
            "beoordeelt\n") in kop
    assert "kerncoalitie" not in kop
    (tmp_path / "zonder_toezicht").mkdir()
    root = _project(tmp_path / "zonder_toezicht")
    kader = root / "data/raw/kader/leidschendam-voorburg/sociale_cohesie.yaml"
    tekst = kader.read_text(encoding="utf-8")
    begin, eind = tekst.index("\ntoezicht:"), tekst.index("\nplan:")
    kader.write_text(tekst[:begin] + tekst[eind:], encoding="utf-8")
    kop = lv(root)
    assert "# Alle activiteiten staan op \"nog niet beoordeeld\" tot hun beoordeling hier is ingevuld\n" in kop
    assert "kerncoalitie" not in kop and "subsidietafel" not in kop
