"""``dvc_add`` after ``evaluatie ophalen`` in a real DVC (and git) repository.

Each test makes a repository with ``dvc init`` (and ``git init``/``git commit``) in subprocesses, a
few seconds each: they run in `make test`, not in `make test-snel`. ``dvc_add`` without a repository
is in ``tests/unit/commandos/test_ophalen.py``."""

from __future__ import annotations

import subprocess
import sys

from evaluatie.ophalen import dvc_add


def test_dvc_add_in_repository(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "dvc", "init", "--no-scm", "-q"], cwd=tmp_path, check=True, capture_output=True
    )
    pad = tmp_path / "data" / "50120NED.json"
    pad.parent.mkdir()
    pad.write_text("{}", encoding="utf-8")
    melding = dvc_add(pad)
    assert "uitgevoerd" in melding
    assert (tmp_path / "data" / "50120NED.json.dvc").exists()


def test_dvc_add_takes_over_a_snapshot_that_git_tracks(tmp_path):
    """Replacing the shipped demo snapshot: the fetched file moves from git to DVC."""
    import subprocess
    import sys

    from evaluatie.ophalen import dvc_add

    def run(*args):
        subprocess.run(args, cwd=tmp_path, check=True, capture_output=True)

    run("git", "init", "-q")
    run("git", "config", "user.email", "t@example.org")
    run("git", "config", "user.name", "t")
    run(sys.executable, "-m", "dvc", "init", "-q")
    monitor = tmp_path / "data" / "raw" / "monitor"
    (monitor / "50120NED").mkdir(parents=True)
    (monitor / "50120NED" / "DataProperties.json").write_text("[]\n", encoding="utf-8")
    run("git", "add", "-A")
    run("git", "commit", "-qm", "demo")
    melding = dvc_add(monitor / "50120NED")  # the demo snapshot is a directory (cbsodata layout)
    assert "git rm --cached" in melding and "dvc add" in melding
    assert (monitor / "50120NED.dvc").exists()
    getrackt = subprocess.run(["git", "ls-files", "data/raw/monitor/50120NED"], cwd=tmp_path,
                              capture_output=True, text=True).stdout
    assert getrackt == ""
