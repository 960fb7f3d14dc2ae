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


def test_rond_af_hides_last_bit_differences_and_noise_around_zero():
    import numpy as np

    from evaluatie.gedeeld.bestanden import rond_af

    # the same sum on two processors: 661230.1277491167 vs ...169 (seen in wie_betaalt_wie_baat.csv)
    a, b = rond_af(np.array([661230.1277491167, 661230.1277491169]))
    assert a == b == 661230.127749
    # the slope of a flat series is 5.6e-17 on one processor and 2.8e-17 on another: both 0
    assert rond_af(np.array([5.551115123125783e-17, -2.7755575615628914e-17])).tolist() == [0.0, 0.0]
    assert np.signbit(rond_af(np.array([-1e-17]))).tolist() == [False]  # no negative zero
    uit = rond_af(np.array([np.nan, np.inf, 544.5, 0.3333333333333333]))
    assert np.isnan(uit[0]) and uit[1] == np.inf and uit[2] == 544.5 and uit[3] == 0.3333333333


def test_parquet_and_csv_write_the_same_bytes_for_last_bit_differences(tmp_path):
    import pandas as pd

    from evaluatie.gedeeld.bestanden import schrijf_csv, schrijf_parquet

    for i, x in enumerate((661230.1277491167, 661230.1277491169)):
        df = pd.DataFrame({"bedrag": [x, None], "naam": ["a", "b"]})
        schrijf_parquet(df, tmp_path / f"{i}.parquet")
        schrijf_csv(df, tmp_path / f"{i}.csv")
    assert (tmp_path / "0.parquet").read_bytes() == (tmp_path / "1.parquet").read_bytes()
    assert (tmp_path / "0.csv").read_text() == (tmp_path / "1.csv").read_text() == "bedrag,naam\n661230.127749,a\n,b\n"


def test_zet_terug_puts_a_folder_back_as_the_snapshot_found_it(tmp_path):
    from evaluatie.gedeeld.bestanden import momentopname, zet_terug

    map_ = tmp_path / "figuren"
    map_.mkdir()
    (map_ / "a.svg").write_bytes(b"oud a")
    (map_ / "b.svg").write_bytes(b"oud b")
    vorige = momentopname(map_)
    assert vorige == {"a.svg": b"oud a", "b.svg": b"oud b"}
    (map_ / "a.svg").write_bytes(b"nieuw a")   # rewritten halfway
    (map_ / "b.svg").unlink()                  # removed
    (map_ / "c.svg").write_bytes(b"nieuw c")   # new
    zet_terug(map_, vorige)
    assert momentopname(map_) == vorige
    # a folder that did not exist before is removed again
    nieuw = tmp_path / "nieuw"
    assert momentopname(nieuw) is None
    nieuw.mkdir()
    (nieuw / "x.svg").write_bytes(b"x")
    zet_terug(nieuw, None)
    assert not nieuw.exists()

