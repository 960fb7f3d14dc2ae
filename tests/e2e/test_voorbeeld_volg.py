"""`evaluatie voorbeeld --volg` on a real build: it rebuilds the preview after every save of an own text,
with the bytes a fresh `evaluatie voorbeeld` gives; a refused text is reported and the watch goes on with
the last good preview; a running build is waited for; Ctrl-C ends it quietly with exit code 0."""

from __future__ import annotations

import fcntl
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import BIN, draai, omgeving

pytestmark = pytest.mark.e2e

EDITIE = "2021-2022"


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a running process."""
    import psutil

    tijden = psutil.Process(pid).cpu_times()
    return tijden.user + tijden.system


class Volger:
    """`evaluatie voorbeeld --volg` in ``kopie``, its merged output read line by line on a thread."""

    def __init__(self, kopie: Path):
        env = omgeving()
        env["PYTHONPATH"] = str(kopie / "src")
        self.proc = subprocess.Popen([str(BIN / "evaluatie"), "voorbeeld", "--volg"], cwd=kopie, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.regels: queue.Queue[str] = queue.Queue()
        self.alles = ""
        threading.Thread(target=self._lees, daemon=True).start()

    def _lees(self) -> None:
        for regel in self.proc.stdout:
            self.regels.put(regel)

    def wacht_op(self, woorden: str, tijd: float = 90) -> str:
        """Output up to and including the line where ``woorden`` appear (lines wrap at 80 columns)."""
        eind, gezien = time.monotonic() + tijd, ""
        while time.monotonic() < eind:
            try:
                regel = self.regels.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.regels.empty():
                    break
                continue
            gezien += regel
            self.alles += regel
            if woorden in " ".join(gezien.split()):
                return " ".join(gezien.split())
        raise AssertionError(f"{woorden!r} niet gezien binnen {tijd} s; uitvoer:\n{self.alles}")


def test_follow_rebuilds_on_save_reports_refusals_waits_for_a_build_and_stops_quietly(gebouwd: Path,
                                                                                   tmp_path: Path):
    kopie = tmp_path / "evaluatie"
    shutil.copytree(gebouwd, kopie, symlinks=True)
    shutil.rmtree(kopie / "voorbeeld", ignore_errors=True)
    tekst = kopie / "data" / "raw" / "tekst" / EDITIE / "eenzaamheid.md"
    pdf = kopie / "voorbeeld" / EDITIE / "evaluatie.pdf"
    volger = Volger(kopie)
    try:
        assert f"data/raw/tekst/{EDITIE}/*.md" in volger.wacht_op("Stoppen: Ctrl-C")
        volger.wacht_op("Voorbeeld bijgewerkt")
        eerste = pdf.read_bytes()

        tekst.write_text("Het aantal eenzame inwoners daalt minder snel dan gehoopt.\n", encoding="utf-8")
        volger.wacht_op("Voorbeeld bijgewerkt")
        met_tekst = pdf.read_bytes()
        assert met_tekst != eerste

        # a text the report refuses: the error names the file, the watch goes on, the preview stays
        tekst.write_text("Goed.\n\n![grafiek](figuur.png)\n", encoding="utf-8")
        melding = volger.wacht_op("sla de tekst na het verbeteren opnieuw op")
        assert "fout:" in melding and "eenzaamheid.md" in melding and "Traceback" not in melding
        assert pdf.read_bytes() == met_tekst
        assert volger.proc.poll() is None

        # a build holds the project's lock: the preview waits for it instead of reading half-written input
        with open(kopie / ".evaluatie.lock", "a+") as slot:
            fcntl.flock(slot, fcntl.LOCK_EX)
            tekst.write_text("Het aantal eenzame inwoners daalt minder snel dan gehoopt.\n", encoding="utf-8")
            volger.wacht_op("het voorbeeld wacht daarop")
            time.sleep(1.0)
            assert pdf.read_bytes() == met_tekst  # nothing built while the lock is held
        volger.wacht_op("Voorbeeld bijgewerkt")
        assert pdf.read_bytes() == met_tekst  # the same text gives the same bytes, in the same warm process

        # a finished build (dvc.lock rewritten) brings new figures: the preview follows it
        lock = kopie / "dvc.lock"
        lock.write_bytes(lock.read_bytes())
        volger.wacht_op("Voorbeeld bijgewerkt")
        nieuw = kopie / "dvc.lock.nieuw"  # written beside it and renamed over it: a new file, no longer watched
        nieuw.write_bytes(lock.read_bytes())
        time.sleep(0.3)
        os.replace(nieuw, lock)
        volger.wacht_op("Voorbeeld bijgewerkt")
        lock.write_bytes(lock.read_bytes())  # and the one after that is still seen
        volger.wacht_op("Voorbeeld bijgewerkt")

        # a text that cannot be read (a folder named like one) is reported; the watch goes on
        (tekst.parent / "inleiding.md").mkdir()
        melding = volger.wacht_op("sla de tekst na het verbeteren opnieuw op")
        assert "inleiding.md" in melding and "Traceback" not in melding
        (tekst.parent / "inleiding.md").rmdir()
        volger.wacht_op("Voorbeeld bijgewerkt")

        # a file name that is not valid UTF-8 (from a Windows share or a zip) stopped the watch (tester)
        vreemd = os.fsencode(tekst.parent) + b"/notitie caf\xe9.txt"
        with open(vreemd, "wb") as fh:
            fh.write(b"x\n")
        volger.wacht_op("Ik volg verder")
        os.unlink(vreemd)
        # a folder with such a name fails the watch at every restart: reported once, no busy loop
        vreemde_map = os.fsencode(tekst.parent.parent) + b"/d\xe9"
        os.mkdir(vreemde_map)
        cpu_voor = _cpu_s(volger.proc.pid)
        time.sleep(4)
        tekst.write_text("Het aantal eenzame inwoners daalt.\n", encoding="utf-8")
        volger.wacht_op("Voorbeeld bijgewerkt")
        assert volger.alles.count("kon niet gevolgd worden") <= 2  # the file once, the folder once
        assert _cpu_s(volger.proc.pid) - cpu_voor < 3.0  # one build (± 1,5 s cpu), not a loop of restarts
        os.rmdir(vreemde_map)
        assert volger.proc.poll() is None
        gevolgd = pdf.read_bytes()

        volger.proc.send_signal(signal.SIGINT)
        assert volger.proc.wait(timeout=30) == 0
        volger.wacht_op("Gestopt met volgen.", tijd=5)
        assert "Traceback" not in volger.alles and "KeyboardInterrupt" not in volger.alles
    finally:
        if volger.proc.poll() is None:
            volger.proc.kill()
            volger.proc.wait()

    # the warm process wrote what a fresh `evaluatie voorbeeld` writes for the same text
    draai([str(BIN / "evaluatie"), "voorbeeld"], kopie)
    assert pdf.read_bytes() == gevolgd


def test_follow_moves_with_the_edition_and_stops_on_sigterm(gebouwd: Path, tmp_path: Path):
    """params.yaml names another edition while following: the watch moves to that edition's folder and
    says that the last build was of the other edition (tester: it kept watching the old folder and told
    the researcher to fix a text that was fine). SIGTERM ends the watch as Ctrl-C does."""
    kopie = tmp_path / "evaluatie"
    shutil.copytree(gebouwd, kopie, symlinks=True)
    params = kopie / "params.yaml"
    volger = Volger(kopie)
    try:
        volger.wacht_op("Voorbeeld bijgewerkt")
        # params.yaml alone (no save in a text folder) is enough (tester: it waited for a save in the old one)
        params.write_text(params.read_text(encoding="utf-8").replace('editie: "2021-2022"', 'editie: "2023-2024"'),
                          encoding="utf-8")
        assert "data/raw/tekst/2023-2024/*.md" in volger.wacht_op("Stoppen: Ctrl-C")
        melding = volger.wacht_op("sla de tekst na het verbeteren opnieuw op")
        assert "dvc.lock" in melding and "editie 2021-2022, niet 2023-2024" in melding
        volger.proc.send_signal(signal.SIGTERM)
        assert volger.proc.wait(timeout=30) == 0
        volger.wacht_op("Gestopt met volgen.", tijd=5)
        assert "Traceback" not in volger.alles
    finally:
        if volger.proc.poll() is None:
            volger.proc.kill()
            volger.proc.wait()
