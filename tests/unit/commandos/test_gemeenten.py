"""`evaluatie alle-gemeenten`: the -S override builder (hand-made settings, and applied with DVC's own Hydra
code to the shipped params.yaml it gives every configuration back), the plan with every configuration checked
first, and the refusals (untracked files, other tasks in the queue, a bad configuration, --jobs 0)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from evaluatie import gemeenten as gm
from evaluatie.cli import app
from evaluatie.edities import samengesteld
from evaluatie.gedeeld.fouten import InvoerFout

runner = CliRunner()


def _project(tmp_path: Path) -> Path:
    """The inputs the plan reads: params.yaml, dvc.yaml, configuraties/, kaders, voortzetten, recorded metrics."""
    root = tmp_path / "p"
    root.mkdir()
    for naam in ("params.yaml", "dvc.yaml"):
        shutil.copy(ROOT / naam, root / naam)
    shutil.copytree(ROOT / "configuraties", root / "configuraties")
    for sub in ("kader", "voortzetten", "edities"):
        shutil.copytree(ROOT / "data" / "raw" / sub, root / "data" / "raw" / sub)
    return root


def _git_repo(root: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "t"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _toegepast(params: Path, args: list[str], tmp_path: Path) -> dict:
    """params.yaml after DVC's own code applies the -S overrides (what `dvc exp run -S` writes)."""
    from dvc.utils.hydra import apply_overrides

    kopie = tmp_path / "toegepast" / "params.yaml"
    kopie.parent.mkdir(exist_ok=True)
    shutil.copy(params, kopie)
    assert args[::2] == ["-S"] * (len(args) // 2)
    if args:
        apply_overrides(kopie, args[1::2])
    return yaml.safe_load(kopie.read_text(encoding="utf-8"))


def _exact(d) -> str:
    """Equality that tells 1, 1.0 and true apart."""
    return json.dumps(d, sort_keys=True)


# --- the override builder -------------------------------------------------------------------------------

HUIDIG = {"gemeente": "a", "editie": "2021-2022", "themas": ["x", "y"], "drempels": {"alpha": 0.05, "n": 5},
          "vastgesteld": None, "oud": 1, "k": {"a": 1}, "m": 2}
DOEL = {"gemeente": "b", "editie": "2021-2022", "themas": ["x"], "drempels": {"alpha": 0.1, "n": 5, "nieuw": True},
        "vastgesteld": "2026-12-15", "extra": {"a": 1, "b": [1, "it's"]}, "k": 3, "m": {"c": None}}


def test_overrides_hand_made():
    assert gm.overrides(DOEL, HUIDIG) == [
        "-S", "gemeente='b'",
        "-S", "themas=['x']",
        "-S", "drempels.alpha=0.1",
        "-S", "+drempels.nieuw=true",
        "-S", "vastgesteld='2026-12-15'",
        "-S", "+extra.a=1",
        "-S", "+extra.b=[1,'it\\'s']",
        "-S", "~k", "-S", "+k=3",
        "-S", "~m", "-S", "+m.c=null",
        "-S", "~oud",
    ]


def test_overrides_applied_by_dvc_give_the_target(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump(HUIDIG), encoding="utf-8")
    assert _exact(_toegepast(params, gm.overrides(DOEL, HUIDIG), tmp_path)) == _exact(DOEL)


@pytest.mark.parametrize("oud, nieuw, verwacht", [
    (1, True, ["-S", "x=true"]),
    (1, 1.0, ["-S", "x=1.0"]),
    ("1", 1, ["-S", "x=1"]),
    (1, "1", ["-S", "x='1'"]),
    ([1, 2], [1, 2], []),
    ("a\\b", "a\\b", []),
    (None, "ja", ["-S", "x='ja'"]),  # a quoted string, never YAML's boolean
])
def test_overrides_tell_types_apart(oud, nieuw, verwacht, tmp_path):
    assert gm.overrides({"x": nieuw}, {"x": oud}) == verwacht
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({"x": oud}), encoding="utf-8")
    assert _exact(_toegepast(params, verwacht, tmp_path)) == _exact({"x": nieuw})


def test_hydra_values():
    assert gm.hydra_waarde("it's") == "'it\\'s'"
    assert gm.hydra_waarde("a\\b") == "'a\\\\b'"
    assert gm.hydra_waarde([1, "a", None, False, 0.0225]) == "[1,'a',null,false,0.0225]"
    with pytest.raises(TypeError):
        gm.hydra_waarde(dt.date(2026, 12, 1))


@pytest.mark.parametrize("doel, sleutel", [
    ({"a.b": 1}, "a.b"),
    ({"drempels": {"met spatie": 1}}, "drempels.met spatie"),
    ({1: 2}, "1"),
    ({"datum": dt.date(2026, 12, 1)}, "datum"),  # an unquoted YAML date
    ({"lijst": [{"a": 1}]}, "lijst"),
])
def test_overrides_refuse_what_hydra_cannot_carry(doel, sleutel):
    with pytest.raises(InvoerFout) as fout:
        gm.overrides(doel, {"drempels": {}}, "configuraties/x.yaml")
    assert fout.value.bestand == "configuraties/x.yaml" and fout.value.sleutel == sleutel


def test_overrides_turn_the_shipped_params_into_every_configuration(tmp_path):
    """Applied with DVC's own code to the real params.yaml, the overrides give back what `evaluatie bouw`
    would put in params.yaml for every configured gemeente and edition."""
    root = _project(tmp_path)
    taken, _ = gm.plan(root)
    taken += gm.plan(root, "2023-2024")[0]
    assert [t.naam for t in taken] == ["leidschendam-voorburg-2020-2022", "rijswijk-2021-2022", "rijswijk-2023-2024"]
    for taak in taken:
        tekst = samengesteld(root, taak.gemeente, taak.editie)
        doel = yaml.safe_load(tekst) if tekst is not None else yaml.safe_load((root / "params.yaml").read_bytes())
        assert _exact(_toegepast(root / "params.yaml", taak.overrides, tmp_path)) == _exact(doel), taak.naam
    assert taken[1].overrides == []  # params.yaml is Rijswijk's 2021-2022: nothing to override


# --- the plan ----------------------------------------------------------------------------------------------

def test_plan_editie_skips_gemeenten_without_it(tmp_path):
    root = _project(tmp_path)
    taken, overgeslagen = gm.plan(root, "2023-2024")
    assert [(t.gemeente, t.editie) for t in taken] == [("rijswijk", "2023-2024")]
    assert overgeslagen == ["leidschendam-voorburg: geen editie 2023-2024 (wel: 2020-2022)"]
    with pytest.raises(InvoerFout, match="geen enkele gemeente heeft editie 2030-2032"):
        gm.plan(root, "2030-2032")
    with pytest.raises(InvoerFout, match="ongeldige editie"):
        gm.plan(root, "../2023-2024")


def test_plan_only_the_gemeenten_asked(tmp_path):
    root = _project(tmp_path)
    taken, _ = gm.plan(root, alleen=["rijswijk", "rijswijk"])
    assert [t.naam for t in taken] == ["rijswijk-2021-2022"]
    with pytest.raises(InvoerFout) as fout:
        gm.plan(root, alleen=["rijswijk", "delft"])
    assert "onbekende gemeente(n) delft" in str(fout.value) and "leidschendam-voorburg, rijswijk" in str(fout.value)


def test_plan_checks_every_configuration_before_queueing(tmp_path):
    root = _project(tmp_path)
    lv = root / "configuraties" / "leidschendam-voorburg.yaml"
    lv.write_text(lv.read_text(encoding="utf-8").replace("  - sociale_netwerken", "  - bestaat_niet"), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        gm.plan(root)
    assert fout.value.bestand.endswith("configuraties/leidschendam-voorburg.yaml") and fout.value.sleutel == "themas[0]"
    # a second broken configuration: both are named in one refusal
    params = root / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("status: concept", "status: klaar"), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        gm.plan(root)
    tekst = str(fout.value)
    assert "2 configuraties geweigerd" in tekst and "leidschendam-voorburg.yaml" in tekst
    assert "params.yaml" in tekst and "status" in tekst


def test_plan_checks_the_own_texts_as_the_build_does(tmp_path):
    """A javascript: link in Leidschendam-Voorburg's text surfaced only in the queue log after its build, naming
    the experiment's temporary copy (tester); the plan refuses it first, naming the researcher's file and line."""
    root = _project(tmp_path)
    tekst = root / "data" / "raw" / "tekst" / "2020-2022" / "inleiding.md"
    tekst.parent.mkdir(parents=True)
    tekst.write_text("Een [link](javascript:alert(1)).\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        gm.plan(root)
    assert fout.value.bestand == str(tekst) and "regel 1" in str(fout.value)
    tekst.write_text("Een gewone inleiding.\n", encoding="utf-8")
    assert [t.naam for t in gm.plan(root)[0]] == ["leidschendam-voorburg-2020-2022", "rijswijk-2021-2022"]


# --- refusals ------------------------------------------------------------------------------------------

def test_untracked_files_are_refused_tracked_changes_are_not(tmp_path):
    root = _project(tmp_path)
    with pytest.raises(InvoerFout, match="nog geen commit"):
        gm.controleer_werkmap(root)
    (root / ".gitignore").write_text("/genegeerd/\n", encoding="utf-8")
    _git_repo(root)
    kop = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    (root / "genegeerd").mkdir()
    (root / "genegeerd" / "x.txt").write_text("x", encoding="utf-8")
    params = root / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a tracked change: seen
    assert gm.controleer_werkmap(root) == kop
    nieuw = root / "data" / "raw" / "tekst" / "2021-2022" / "eenzaamheid.md"
    nieuw.parent.mkdir(parents=True)
    nieuw.write_text("# Eigen conclusie\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        gm.controleer_werkmap(root)
    assert "data/raw/tekst/2021-2022/eenzaamheid.md" in str(fout.value) and "git add" in str(fout.value)


def test_cli_refuses_untracked_file_without_traceback(tmp_path, monkeypatch):
    root = _project(tmp_path)
    _git_repo(root)
    (root / "los.yaml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(root)
    res = runner.invoke(app, ["alle-gemeenten", "--jobs", "2"])
    assert res.exit_code == 1
    assert "los.yaml" in res.output and "git nog niet kent" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["alle-gemeenten", "--jobs", "0"])
    assert res.exit_code == 1 and "--jobs moet minstens 1 zijn" in res.output


def test_cli_is_refused_while_the_project_is_locked(tmp_path, monkeypatch):
    from evaluatie.gedeeld.vergrendeling import vergrendeld

    root = _project(tmp_path)
    monkeypatch.chdir(root)
    with vergrendeld(root, "make rapport"):
        res = runner.invoke(app, ["alle-gemeenten"])
    assert res.exit_code == 1 and "evaluatie alle-gemeenten geweigerd" in res.output


STATUS = """\
Task     Name                             Created    Status
e27964c  rijswijk-2021-2022               07:05 AM   Success
d468c6d  leidschendam-voorburg-2020-2022  Dec 01, 2026   Failed
ee5d9b9  None                             07:06 AM   Queued
01876ca  proef                            07:08 AM   Running

Worker status: 1 active, 0 idle
"""


def test_queue_status_is_read():
    assert gm.lees_status(STATUS) == {"rijswijk-2021-2022": "Success", "leidschendam-voorburg-2020-2022": "Failed",
                                      "ee5d9b9": "Queued", "proef": "Running"}
    assert gm.werkers(STATUS) == 1 and gm.werkers("No experiment tasks in the queue.") is None
    assert gm.onbekend_voor_git(" M params.yaml\n?? los.txt\nA  nieuw.md\n?? map/b c.md\n") == ["los.txt", "map/b c.md"]


def test_earlier_experiments_are_removed_and_other_tasks_refused(tmp_path, monkeypatch):
    """Old experiment refs with this command's names go (any baseline), others stay; other unfinished tasks
    in the queue refuse the run. The DVC CLI is replaced by a recorder; the refs are real git refs."""
    root = _project(tmp_path)
    _git_repo(root)
    for ref in ("refs/exps/ab/" + "c" * 38 + "/rijswijk-2021-2022", "refs/exps/de/" + "f" * 38 + "/rijswijk-2021-2022",
                "refs/exps/ab/" + "c" * 38 + "/eigen-proef", "refs/exps/celery/stash"):
        subprocess.run(["git", "update-ref", ref, "HEAD"], cwd=root, check=True)
    aanroepen: list[tuple[str, ...]] = []
    status = {"tekst": STATUS.replace("Running", "Success").replace("Queued", "Failed")}

    def dvc(_root, *args, check=True):
        aanroepen.append(args)
        return subprocess.CompletedProcess(args, 0, status["tekst"] if args[:2] == ("queue", "status") else "", "")

    monkeypatch.setattr(gm, "_dvc_run", dvc)
    taken = [gm.Taak("rijswijk", "2021-2022"), gm.Taak("leidschendam-voorburg", "2020-2022")]
    assert sorted(gm.experiment_refs(root)) == ["eigen-proef", "rijswijk-2021-2022"]
    weg = gm.ruim_op(root, taken)
    assert weg == ["leidschendam-voorburg-2020-2022", "rijswijk-2021-2022"]
    assert ("queue", "remove", "leidschendam-voorburg-2020-2022", "rijswijk-2021-2022") in aanroepen
    verwijderd = next(a for a in aanroepen if a[:2] == ("exp", "remove"))
    assert sorted(verwijderd[2:]) == ["refs/exps/ab/" + "c" * 38 + "/rijswijk-2021-2022",
                                      "refs/exps/de/" + "f" * 38 + "/rijswijk-2021-2022"]

    status["tekst"] = STATUS  # 'proef' is running and 'None' queued: they would run along
    with pytest.raises(InvoerFout, match=r"ee5d9b9 \(in de rij\), proef \(bezig\)"):
        gm.ruim_op(root, taken)


def test_a_second_ctrl_c_does_not_leave_tasks_in_the_queue(monkeypatch):
    """Ctrl-C pressed again while the tasks are being stopped: every task is still killed and removed,
    and the command's own SIGINT handling is back afterwards (tester finding: a double Ctrl-C left the
    task running)."""
    import os
    import signal

    oproepen: list[tuple[str, ...]] = []

    def nep_dvc(root, *args, check=True):
        oproepen.append(args)
        if len(oproepen) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # the second Ctrl-C, during the first `dvc queue kill`
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(gm, "_dvc_run", nep_dvc)
    voor = signal.getsignal(signal.SIGINT)
    gm.stop_taken(Path("."), ["rijswijk-2021-2022", "leidschendam-voorburg-2020-2022"])
    assert oproepen == [("queue", "kill", "rijswijk-2021-2022"), ("queue", "remove", "rijswijk-2021-2022"),
                        ("queue", "kill", "leidschendam-voorburg-2020-2022"),
                        ("queue", "remove", "leidschendam-voorburg-2020-2022")]
    assert signal.getsignal(signal.SIGINT) is voor


def test_no_more_workers_than_gemeenten(tmp_path, monkeypatch):
    """`--jobs 99999` started that many DVC queue workers on a 2-core machine (tester finding); at most one
    worker per queued gemeente is started."""
    taken = [gm.Taak("rijswijk", "2021-2022"), gm.Taak("leidschendam-voorburg", "2020-2022")]
    monkeypatch.setattr(gm, "plan", lambda root, editie, alleen: (taken, []))
    monkeypatch.setattr(gm, "controleer_werkmap", lambda root: "0" * 40)
    monkeypatch.setattr(gm, "ruim_op", lambda root, t: [])
    monkeypatch.setattr(gm, "_dvc_run", lambda root, *args, check=True: subprocess.CompletedProcess(args, 0, "", ""))
    gestart: list[int] = []

    def start(root, jobs):
        gestart.append(jobs)
        raise KeyboardInterrupt  # stop here: only the number of workers matters

    monkeypatch.setattr(gm, "_start_werkers", start)
    with pytest.raises(KeyboardInterrupt):
        gm.draai(tmp_path, jobs=99999)
    assert gestart == [2]


def test_every_refused_own_text_is_named(tmp_path):
    """Two bad own texts: both are named in one round, each with its file and line (tester finding: the check
    stopped at the first, although `evaluatie valideer` promises every error)."""
    from evaluatie.edities import instellingen
    from evaluatie.zetwerk.render import controleer_eigen_teksten

    root = _project(tmp_path)
    map_ = root / "data" / "raw" / "tekst" / "2020-2022"
    map_.mkdir(parents=True)
    (map_ / "inleiding.md").write_text("Een [link](javascript:alert(1)).\n", encoding="utf-8")
    (map_ / "samenvatting.md").write_bytes("Goed.\n\nCaf".encode() + b"\xe9.\n")
    with pytest.raises(InvoerFout) as fout:
        controleer_eigen_teksten(instellingen(root, "leidschendam-voorburg", "2020-2022"))
    melding = str(fout.value)
    assert melding.startswith("2 eigen teksten geweigerd:\n- ")
    assert f"{map_ / 'samenvatting.md'} (regel 3): geen geldige UTF-8-tekst" in melding
    assert f"{map_ / 'inleiding.md'}" in melding and "regel 1" in melding


def test_a_wrong_evaluatie_kernel_is_named_before_anything_is_queued(tmp_path, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.setenv("EVALUATIE_KERNEL", "kernel")
    with pytest.raises(InvoerFout, match="EVALUATIE_KERNEL heeft de onbekende waarde 'kernel'"):
        gm.plan(root)
