"""The project lock: a second writer is refused at once, also against util-linux flock (make rapport)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.vergrendeling import SLOTBESTAND, vergrendeld


def test_second_holder_is_refused_and_lock_is_released(tmp_path):
    with vergrendeld(tmp_path, "eerste"):
        with pytest.raises(InvoerFout, match="tweede geweigerd: .* loopt al een bouw"):
            with vergrendeld(tmp_path, "tweede"):
                pass
    with vergrendeld(tmp_path, "derde"):  # free again after the first block
        pass


@pytest.mark.skipif(shutil.which("flock") is None, reason="util-linux flock ontbreekt")
def test_make_rapport_lock_and_python_lock_are_the_same(tmp_path):
    """`flock -n -E 75 .evaluatie.lock ...` (the Makefile) is refused while a command holds the lock."""
    with vergrendeld(tmp_path, "evaluatie demo"):
        proc = subprocess.run(["flock", "-n", "-E", "75", SLOTBESTAND, "true"], cwd=tmp_path)
    assert proc.returncode == 75
    assert subprocess.run(["flock", "-n", "-E", "75", SLOTBESTAND, "true"], cwd=tmp_path).returncode == 0


@pytest.mark.skipif(shutil.which("flock") is None, reason="util-linux flock ontbreekt")
def test_a_waiting_holder_is_told_once_and_runs_when_the_build_ends(tmp_path):
    """`evaluatie voorbeeld --volg` waits for `make rapport` (util-linux flock holding the lock) instead of
    being refused: ``bij_wachten`` is called once, the block runs only after the build let go."""
    import time

    bouw = subprocess.Popen(["flock", SLOTBESTAND, "sh", "-c", "echo vast; sleep 0.6"], cwd=tmp_path,
                            stdout=subprocess.PIPE, text=True)
    assert bouw.stdout.readline() == "vast\n"  # the "build" holds the lock now
    vast = time.monotonic()
    gemeld: list[float] = []
    with vergrendeld(tmp_path, "voorbeeld", bij_wachten=lambda: gemeld.append(time.monotonic())):
        binnen = time.monotonic()
        # the build let go: the lock is released while its process exits, a moment before the
        # parent can reap it, so wait() rather than poll() (which raced under load)
        assert bouw.wait(timeout=10) == 0
    assert len(gemeld) == 1 and binnen >= gemeld[0]
    assert binnen - vast >= 0.5  # the block did not run while the build slept with the lock
    bouw.stdout.close()
    gemeld.clear()
    with vergrendeld(tmp_path, "voorbeeld", bij_wachten=lambda: gemeld.append(0.0)):
        pass
    assert gemeld == []  # a free lock: nothing to tell
