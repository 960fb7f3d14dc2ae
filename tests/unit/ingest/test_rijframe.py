"""frame_uit_rijen gives exactly pd.DataFrame.from_records's frame (evaluatie.ingest.monitor.rijframe)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import voorbeelden
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluatie.ingest.monitor.rijframe import frame_uit_rijen

ROOT = Path(__file__).resolve().parents[3]
ECHT = [
    ROOT / "tests/fixtures/monitor/50120NED_untyped/UntypedDataSet.json",      # texts, right-aligned numbers
    ROOT / "tests/fixtures/echt/08_odata_84489NED_typeddataset_json/TypedDataSet.json",  # numbers, null
    ROOT / "tests/fixtures/monitor/50120NED_untyped/WijkenEnBuurten.json",
]


def _gelijk(rijen: list[dict]) -> None:
    verwacht = pd.DataFrame.from_records(rijen)
    uit = frame_uit_rijen(rijen)
    assert list(uit.columns) == list(verwacht.columns)
    assert list(uit.dtypes) == list(verwacht.dtypes)
    pd.testing.assert_frame_equal(uit, verwacht, check_exact=True)


@pytest.mark.parametrize("pad", ECHT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_cbs_rows_as_from_records(pad):
    data = json.loads(pad.read_text(encoding="utf-8"))
    rijen = data["value"] if isinstance(data, dict) else data
    assert len(rijen) >= 4
    _gelijk(rijen)


def test_untyped_rows_become_str_columns_and_the_id_stays_int():
    rijen = [{"ID": 0, "RegioS": "GM0603  ", "Eenzaam_1": "   41.2"},
             {"ID": 1, "RegioS": "NL01    ", "Eenzaam_1": None}]
    uit = frame_uit_rijen(rijen)
    assert str(uit["RegioS"].dtype) == "str" and str(uit["ID"].dtype) == "int64"
    assert uit["RegioS"].tolist() == ["GM0603  ", "NL01    "]
    assert uit["Eenzaam_1"].iloc[0] == "   41.2" and math.isnan(uit["Eenzaam_1"].iloc[1])
    _gelijk(rijen)


@pytest.mark.parametrize("rijen", [
    [],
    [{"a": None}, {"a": None}],                          # only None: object, as from_records
    [{"a": "x", "b": 1}, {"b": 2}],                      # a key missing in one row
    [{"a": "x"}, {"a": "y", "b": "z"}],                   # a key only in a later row
    [{"b": "1", "a": "x"}, {"a": "y", "b": "2"}],         # another key order
    [{"a": "x"}, {"a": float("nan")}],                  # a float NaN among texts
    [{"a": "x"}, {"a": 1}],                              # mixed text and number
    [{"a": True}, {"a": "x"}],
    [{"a": ""}, {"a": " "}],
    [{"a": "é\u2028"}, {"a": "\x00"}],
    [{"a": 2**70}, {"a": "x"}],
])
def test_odd_rows_as_from_records(rijen):
    _gelijk(rijen)


_CEL = st.one_of(st.text(max_size=4), st.none(), st.integers(-5, 5), st.floats(allow_nan=True),
                 st.booleans())


@settings(max_examples=voorbeelden(150), deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.one_of(st.text(max_size=4), st.none())
                                | _CEL, max_size=3), min_size=1, max_size=8))
def test_generated_rows_as_from_records(rijen):
    _gelijk(rijen)


@settings(max_examples=voorbeelden(100), deadline=None)
@given(st.integers(1, 30).flatmap(lambda n: st.lists(
    st.fixed_dictionaries({"k": st.text(min_size=1, max_size=3), "v": st.one_of(st.text(max_size=3), st.none())}),
    min_size=n, max_size=n)))
def test_generated_text_rows_as_from_records(rijen):
    _gelijk(rijen)
