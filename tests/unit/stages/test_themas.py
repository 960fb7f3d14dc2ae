"""The `themas` stage (evaluatie.stages.themas): one forked child per theme, errors, clean-up.

The theme's own work (:func:`evaluatie.stages.thema.run`) is replaced by a small fake, so these tests show how
the stage schedules, isolates and reports, in a second or two. tests/e2e/test_themas.py checks with the real
notebook that the forked chapters are byte-identical to one process per theme.

The stage runs in a subprocess: a pytest worker has threads of its own (pytest-xdist), and the stage only forks
a process without them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork alleen op Linux")

SCRIPT = r"""
import json, os, sys
from pathlib import Path
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.stages import thema, themas

fout_bij = sys.argv[2]
tegelijk = int(sys.argv[3])

def nep(t, inst):
    import evaluatie
    map_ = inst.rapport / "thema"
    map_.mkdir(parents=True, exist_ok=True)
    gezien = getattr(evaluatie, "VERVUILD", None)   # what an earlier theme left in the process
    evaluatie.VERVUILD = t
    if t == fout_bij:
        raise InvoerFout(inst.processed / "thema" / t / "voortgang.parquet", "kapot voor de test")
    (map_ / f"{t}.md").write_text(json.dumps({"pid": os.getpid(), "gezien": gezien}), encoding="utf-8")
    (map_ / f"{t}.ipynb").write_text("{}", encoding="utf-8")
    (inst.rapport / "figuren" / t).mkdir(parents=True, exist_ok=True)

thema.run = nep
themas.VOORAF = ()
print(json.dumps({"ouder": os.getpid(), "vorken": themas.kan_vorken()}), flush=True)
raise SystemExit(themas.run(laad_instellingen(Path(sys.argv[1])), tegelijk=tegelijk))
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "params.yaml").write_bytes((ROOT / "params.yaml").read_bytes())
    return tmp_path


def _draai(root: Path, fout_bij: str = "", tegelijk: int = 2, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    omgeving = {k: v for k, v in os.environ.items() if k != "EVALUATIE_KERNEL"}
    omgeving.update({"PYTHONPATH": str(ROOT / "src"), **(env or {})})
    return subprocess.run([sys.executable, "-c", SCRIPT, str(root), fout_bij, str(tegelijk)], cwd=root,
                          capture_output=True, text=True, env=omgeving, timeout=120, check=False)


def _editie(root: Path) -> Path:
    from evaluatie.gedeeld.instellingen import laad_instellingen

    return laad_instellingen(root).rapport


def test_every_theme_runs_in_its_own_forked_child(tmp_path: Path):
    root = _project(tmp_path)
    proc = _draai(root, tegelijk=1)
    assert proc.returncode == 0, proc.stderr
    kop = json.loads(proc.stdout.splitlines()[0])
    assert kop["vorken"] is True
    rapport = _editie(root)
    themas = ["eenzaamheid", "vrijwilligers", "mantelzorg", "inclusie", "sociaal_domein"]
    uit = {t: json.loads((rapport / "thema" / f"{t}.md").read_text(encoding="utf-8")) for t in themas}
    pids = {u["pid"] for u in uit.values()}
    assert len(pids) == 5 and kop["ouder"] not in pids
    # nothing one theme leaves in its process reaches the next (one after the other here: tegelijk=1)
    assert [u["gezien"] for u in uit.values()] == [None] * 5


def test_a_failing_theme_names_its_file_keeps_old_files_and_exits_1(tmp_path: Path):
    root = _project(tmp_path)
    rapport = _editie(root)
    (rapport / "thema").mkdir(parents=True)
    (rapport / "thema" / "inclusie.md").write_text("oud hoofdstuk\n", encoding="utf-8")
    (rapport / "thema" / "vervallen.md").write_text("thema dat niet meer in params.yaml staat\n", encoding="utf-8")
    proc = _draai(root, fout_bij="inclusie")
    assert proc.returncode == 1
    assert "fout: " in proc.stderr and "inclusie" in proc.stderr and "kapot voor de test" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (rapport / "thema" / "inclusie.md").read_text(encoding="utf-8") == "oud hoofdstuk\n"
    # no clean-up after a failure: the last good build stays whole
    assert (rapport / "thema" / "vervallen.md").exists()
    # the themes before the failing one were written
    assert (rapport / "thema" / "eenzaamheid.md").exists()


def test_after_success_files_of_themes_that_left_the_list_are_removed(tmp_path: Path):
    root = _project(tmp_path)
    rapport = _editie(root)
    (rapport / "thema").mkdir(parents=True)
    (rapport / "figuren" / "vervallen").mkdir(parents=True)
    for naam in ("vervallen.md", "vervallen.ipynb"):
        (rapport / "thema" / naam).write_text("x", encoding="utf-8")
    proc = _draai(root)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (rapport / "figuren").iterdir()) == sorted(
        ["eenzaamheid", "vrijwilligers", "mantelzorg", "inclusie", "sociaal_domein"])
    assert not (rapport / "thema" / "vervallen.md").exists()
    assert not (rapport / "thema" / "vervallen.ipynb").exists()


@pytest.mark.parametrize(("kernel", "vorken"), [("inproces", True), ("jupyter", False)])
def test_fork_only_when_the_cells_run_in_the_stage_process(kernel: str, vorken: bool):
    """With ``EVALUATIE_KERNEL=jupyter`` the kernel manager starts threads: the themes then run as
    ``python -m evaluatie.stages.thema <id>``, one after the other."""
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EVALUATIE_KERNEL": kernel}
    uit = subprocess.run([sys.executable, "-c", "from evaluatie.stages import themas; print(themas.kan_vorken())"],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert uit.strip() == str(vorken)
