"""Stage kosten_baten keeps its folder during a run (persist: true) and removes afterwards what the run did
not write: a tornado chart of a project that left the programme stayed in reports/<editie>/kosten_baten/ and
in dvc.lock (12 files on one machine, 10 in a fresh clone)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

import evaluatie.stages.notebook as notebook
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.stages import kosten_baten


def _inst(tmp_path):
    processed = tmp_path / "data" / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"project_id": pd.Series(dtype=str)}).to_parquet(processed / "projecten.parquet")
    (tmp_path / "data" / "raw" / "kader").mkdir(parents=True)
    rapport = tmp_path / "reports" / "2021-2022"
    (rapport / "kosten_baten").mkdir(parents=True)
    (rapport / "kosten_baten" / "tornado_1_1.svg").write_text("oud", encoding="utf-8")
    (rapport / "kosten_baten" / "scenarios.csv").write_text("oud", encoding="utf-8")
    return SimpleNamespace(root=tmp_path, raw=tmp_path / "data" / "raw", processed=processed,
                           kader=tmp_path / "data" / "raw" / "kader", rapport=rapport,
                           params={"gemeente_naam": "Rijswijk", "editie": "2021-2022"}, discontovoet=0.0225,
                           innovatiebudget_per_jaar=0, min_aantal=5)


def test_a_file_the_run_did_not_write_is_removed(tmp_path, monkeypatch):
    inst = _inst(tmp_path)

    def notebook_schrijft(bron, doel, parameters, cwd, markdown):
        (inst.rapport / "kosten_baten" / "scenarios.csv").write_text("nieuw", encoding="utf-8")
        (inst.rapport / "kosten_baten" / "tornado_2_3.svg").write_text("nieuw", encoding="utf-8")

    monkeypatch.setattr(notebook, "voer_uit", notebook_schrijft)
    kosten_baten.run(inst)
    assert sorted(p.name for p in (inst.rapport / "kosten_baten").iterdir()) == ["scenarios.csv", "tornado_2_3.svg"]
    assert (inst.rapport / "kosten_baten" / "scenarios.csv").read_text(encoding="utf-8") == "nieuw"


def test_a_failed_run_leaves_every_earlier_file(tmp_path, monkeypatch):
    inst = _inst(tmp_path)

    def notebook_faalt(*args, **kwargs):
        raise InvoerFout(None, "geweigerd")

    monkeypatch.setattr(notebook, "voer_uit", notebook_faalt)
    with pytest.raises(InvoerFout):
        kosten_baten.run(inst)
    assert sorted(p.name for p in (inst.rapport / "kosten_baten").iterdir()) == ["scenarios.csv", "tornado_1_1.svg"]
