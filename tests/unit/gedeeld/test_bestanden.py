"""Atomic writes: the target is either the old or the complete new file, never a fragment."""

import os

import pytest

from evaluatie.gedeeld.bestanden import atomisch_pad, schrijf_tekst


def test_failed_write_keeps_old_content(tmp_path):
    doel = tmp_path / "uit.txt"
    doel.write_text("oud", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomisch_pad(doel) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("stage crashed")
    assert doel.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uit.txt"]  # no temp file left


def test_new_content_and_normal_permissions(tmp_path):
    doel = tmp_path / "map" / "uit.txt"
    schrijf_tekst(doel, "nieuw")
    assert doel.read_text(encoding="utf-8") == "nieuw"
    umask = os.umask(0)
    os.umask(umask)
    assert doel.stat().st_mode & 0o777 == 0o666 & ~umask


def test_stale_temp_files_of_a_killed_run_are_removed(tmp_path):
    doel = tmp_path / "uit.txt"
    (tmp_path / ".uit.txt.abc123.tmp").write_text("fragment", encoding="utf-8")
    (tmp_path / ".ander.txt.abc123.tmp").write_text("van een ander bestand", encoding="utf-8")
    schrijf_tekst(doel, "nieuw")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ander.txt.abc123.tmp", "uit.txt"]
