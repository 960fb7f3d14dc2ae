"""The `themas` stage (evaluatie.stages.themas): one forked child per theme, errors, clean-up.

The theme's own work (:func:`evaluatie.stages.thema.run`) is replaced by a small fake, so these tests show how
the stage schedules, isolates and reports, in a second or two. tests/e2e/test_themas_gevorkt.py checks with the real
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
import json, os, signal, sys, time
from pathlib import Path
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import laad_instellingen
from evaluatie.stages import thema, themas

acties = dict(a.split("=") for a in sys.argv[2].split(",") if a)   # theme=fout|kill|exit0|slaap
tegelijk = int(sys.argv[3])

def nep(t, inst):
    import evaluatie
    map_ = inst.rapport / "thema"
    map_.mkdir(parents=True, exist_ok=True)
    gezien = getattr(evaluatie, "VERVUILD", None)   # what an earlier theme left in the process
    evaluatie.VERVUILD = t
    actie = acties.get(t)
    if actie == "fout":
        raise InvoerFout(inst.processed / "thema" / t / "voortgang.parquet", "kapot voor de test")
    if actie in ("kill", "exit0", "exit3"):   # halfway: one figure rewritten, one new, then gone without clean-up
        figuren = inst.rapport / "figuren" / t
        figuren.mkdir(parents=True, exist_ok=True)
        (figuren / "oud.svg").write_text("nieuw", encoding="utf-8")
        (figuren / "nieuw.svg").write_text("nieuw", encoding="utf-8")
        if actie == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(0 if actie == "exit0" else 3)
    if actie == "koppig":   # a cell with a bare `except:` around a long loop swallows every interrupt
        (inst.root / "gestart").write_text(json.dumps([os.getpid(), ""]), encoding="utf-8")
        eind = time.monotonic() + 30
        while time.monotonic() < eind:
            try:
                time.sleep(0.05)
            except BaseException:
                pass
    if actie == "slaap":   # as voer_uit does: a temporary folder that only clean-up removes
        import tempfile
        with tempfile.TemporaryDirectory(prefix="evaluatie-test-") as werkmap:
            (inst.root / "gestart").write_text(json.dumps([os.getpid(), werkmap]), encoding="utf-8")
            time.sleep(60)
    (map_ / f"{t}.md").write_text(json.dumps({"pid": os.getpid(), "gezien": gezien}), encoding="utf-8")
    (map_ / f"{t}.ipynb").write_text("{}", encoding="utf-8")
    (inst.rapport / "figuren" / t).mkdir(parents=True, exist_ok=True)

thema.run = nep
themas.VOORAF = ()
themas.WACHT_S = (0.5, 1.0)
print(json.dumps({"ouder": os.getpid(), "vorken": themas.kan_vorken()}), flush=True)
themas.hoofd(laad_instellingen(Path(sys.argv[1])), tegelijk)
"""

def _project(tmp_path: Path) -> Path:
    (tmp_path / "params.yaml").write_bytes((ROOT / "params.yaml").read_bytes())
    return tmp_path


def _args(root: Path, acties: str, tegelijk: int) -> tuple[list[str], dict[str, str]]:
    import os

    omgeving = {k: v for k, v in os.environ.items() if k != "EVALUATIE_KERNEL"}
    omgeving["PYTHONPATH"] = str(ROOT / "src")
    omgeving["TMPDIR"] = str(root)  # the stage's temporary folder: also when a test kills the stage itself
    return [sys.executable, "-c", SCRIPT, str(root), acties, str(tegelijk)], omgeving


def _draai(root: Path, acties: str = "", tegelijk: int = 2) -> subprocess.CompletedProcess:
    args, omgeving = _args(root, acties, tegelijk)
    return subprocess.run(args, cwd=root, capture_output=True, text=True, env=omgeving, timeout=120, check=False)


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
    proc = _draai(root, "inclusie=fout", tegelijk=1)
    assert proc.returncode == 1
    regels = proc.stderr.splitlines()
    assert regels[0].startswith("fout: thema 'inclusie': ") and "kapot voor de test" in regels[0], proc.stderr
    assert regels[-1] == ("fout: geen nieuw hoofdstuk voor inclusie (niet meer gestart: sociaal_domein); "
                          "de vorige hoofdstukken en figuren van deze thema's blijven staan"), proc.stderr
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


@pytest.mark.parametrize(("actie", "melding"), [
    ("kill", "fout: thema 'mantelzorg': het proces werd gestopt met SIGKILL (vaak: het geheugen was op)"),
    ("exit0", "fout: thema 'mantelzorg': het proces stopte zonder het hoofdstuk af te maken"),
    ("exit3", "fout: thema 'mantelzorg': het proces stopte met exitcode 3 zonder melding"),
])
def test_a_child_that_dies_or_stops_early_is_named_and_its_figures_put_back(tmp_path: Path, actie: str,
                                                                             melding: str):
    """A child killed (out of memory) or ended with os._exit cannot clean up: the stage names it and puts its
    figures back, so no new figure sits beside the old chapter (tester finding)."""
    root = _project(tmp_path)
    figuren = _editie(root) / "figuren" / "mantelzorg"
    figuren.mkdir(parents=True)
    (figuren / "oud.svg").write_text("oud", encoding="utf-8")
    proc = _draai(root, f"mantelzorg={actie}", tegelijk=1)
    assert proc.returncode == 1
    assert melding in proc.stderr, proc.stderr
    assert "geen nieuw hoofdstuk voor mantelzorg (niet meer gestart: inclusie, sociaal_domein)" in proc.stderr
    assert {p.name: p.read_text(encoding="utf-8") for p in figuren.iterdir()} == {"oud.svg": "oud"}


def _start_en_wacht(root: Path) -> tuple[subprocess.Popen, int, Path]:
    """Start the stage with one theme that sleeps; return the process, the sleeping child and its temp folder."""
    import time

    args, omgeving = _args(root, "eenzaamheid=slaap", 1)
    proc = subprocess.Popen(args, cwd=root, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)  # its own process group, as under a terminal
    eind = time.monotonic() + 60
    while not (root / "gestart").exists() and time.monotonic() < eind:
        time.sleep(0.05)
    time.sleep(0.1)
    kind, werkmap = json.loads((root / "gestart").read_text(encoding="utf-8"))
    return proc, kind, Path(werkmap)


def _weg(pid: int) -> bool:
    """The process has ended (a zombie that nobody has reaped yet counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def test_sigterm_to_the_stage_alone_stops_its_children_too(tmp_path: Path):
    """`kill <stage pid>`: no child may live on (and write a chapter) after the stage has ended; the child
    cleans up (its temporary folder is gone)."""
    import signal

    root = _project(tmp_path)
    proc, kind, werkmap = _start_en_wacht(root)
    try:
        proc.send_signal(signal.SIGTERM)
        _, fout = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, fout
    assert "gestopt: signaal SIGTERM" in fout
    assert _weg(kind) and not werkmap.exists()
    assert not (_editie(root) / "thema" / "eenzaamheid.md").exists()


def test_ctrl_c_stops_the_children_and_they_clean_up(tmp_path: Path):
    """Ctrl-C reaches the whole process group; the stage waits for its children, which remove their temporary
    folders (tester finding: the stage killed them at once and left one folder per child in /tmp)."""
    import os
    import signal

    root = _project(tmp_path)
    proc, kind, werkmap = _start_en_wacht(root)
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert _weg(kind) and not werkmap.exists()


def test_nothing_that_reads_mplbackend_is_imported_before_the_fork():
    """matplotlib reads MPLBACKEND when imported, and `hoofdstukken.figuren` picks its backend when imported:
    both must happen in the notebook run, after a student's `%matplotlib` cell, as in a process of its own."""
    import os

    code = ("import importlib, sys\nfrom evaluatie.stages import themas\n"
            "[importlib.import_module(n) for n in themas.VOORAF]\n"
            "print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'evaluatie.hoofdstukken.figuren'))))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert uit.strip() == "[]"


def test_a_theme_that_fails_halfway_leaves_its_figures_as_they_were(tmp_path, monkeypatch):
    """The notebook writes figures while it runs; a later cell that fails must not leave new figures beside the
    old chapter (tester finding)."""
    import shutil

    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.gedeeld.instellingen import laad_instellingen
    from evaluatie.stages import thema

    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    inst = laad_instellingen(tmp_path)
    figuren = inst.rapport / "figuren" / "mantelzorg"
    figuren.mkdir(parents=True)
    (figuren / "mantelzorg_mantelzorgers.svg").write_bytes(b"<svg>oud</svg>")

    def halverwege(inst, t):
        (figuren / "mantelzorg_mantelzorgers.svg").write_bytes(b"<svg>nieuw</svg>")
        (figuren / "mantelzorg_nieuw.svg").write_bytes(b"<svg>nieuw</svg>")
        raise InvoerFout(None, "het notebook stopte in cel [7]")

    monkeypatch.setattr(thema, "_voer_uit", halverwege)
    with pytest.raises(InvoerFout):
        thema.run("mantelzorg", inst)
    assert {p.name: p.read_bytes() for p in figuren.iterdir()} == {"mantelzorg_mantelzorgers.svg": b"<svg>oud</svg>"}


@pytest.mark.parametrize("sein", ["TERM", "KILL"])
def test_a_child_that_swallows_interrupts_does_not_outlive_the_stage(tmp_path: Path, sein: str):
    """A cell with a bare `except:` ignores the interrupt: after SIGTERM the stage kills it after a grace period;
    after SIGKILL of the stage the kernel kills it (PR_SET_PDEATHSIG). Either way it writes nothing after the
    stage has ended (tester finding)."""
    import signal
    import time

    root = _project(tmp_path)
    args, omgeving = _args(root, "eenzaamheid=koppig", 1)
    proc = subprocess.Popen(args, cwd=root, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        eind = time.monotonic() + 60
        while not (root / "gestart").exists() and time.monotonic() < eind:
            time.sleep(0.05)
        time.sleep(0.1)
        kind = json.loads((root / "gestart").read_text(encoding="utf-8"))[0]
        proc.send_signal(getattr(signal, f"SIG{sein}"))
        proc.communicate(timeout=30)
        eind = time.monotonic() + 10
        while not _weg(kind) and time.monotonic() < eind:
            time.sleep(0.05)
    finally:
        proc.kill()
    assert _weg(kind)
    assert not (_editie(root) / "thema" / "eenzaamheid.md").exists()


def test_why_a_child_failed():
    from evaluatie.stages.themas import GEMELD, KLAAR, _reden

    assert _reden(0, KLAAR) is None
    assert _reden(1, GEMELD) == ""  # it printed its own error
    assert _reden(0, b"") == ("het proces stopte zonder het hoofdstuk af te maken "
                              "(os._exit of iets dergelijks in een cel?)")
    assert _reden(3, b"").startswith("het proces stopte met exitcode 3 zonder melding")
    assert _reden(-9, b"") == "het proces werd gestopt met SIGKILL (vaak: het geheugen was op)"
    assert _reden(-11, b"") == "het proces werd gestopt met SIGSEGV"
