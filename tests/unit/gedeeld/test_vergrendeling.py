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
