"""Property tests of reading and validating single tables, on frames generated from the
schemas themselves."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskscore.schemas import DATA_TABLES, INDICATOR_TABLES
from riskscore.validate import read_table
from strategies import rows, to_csv

SPECS = [s for s in (*DATA_TABLES, *INDICATOR_TABLES)]
FAST = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
@FAST
@given(data=st.data())
def test_generated_valid_tables_pass_and_round_trip(tmp_path, spec, data):
    records = data.draw(rows(spec))
    path = tmp_path / spec.name
    path.write_text(to_csv(spec, records), encoding="utf-8")
    frame, problems = read_table(path, spec)
    assert problems == []
    assert list(frame.index) == list(range(2, len(records) + 2))
    for (_, got), want in zip(frame.iterrows(), records, strict=True):
        for name in spec.columns:
            w, g = want[name], got[name]
            if w is None:
                assert g is None or g is pd.NA or (isinstance(g, float) and math.isnan(g)), name
            elif isinstance(w, float):
                assert g == pytest.approx(w), name
            else:
                assert g == w, name


NUMERIC = [(s, c) for s in SPECS for c, col in s.columns.items() if col.kind in ("float", "int")]


@pytest.mark.parametrize(("spec", "column"), NUMERIC, ids=[f"{s.name}:{c}" for s, c in NUMERIC])
@FAST
@given(data=st.data(), junk=st.sampled_from(["abc", "1,5", "--", "1e", "twelve"]))
def test_text_in_a_numeric_cell_is_reported_at_its_line(tmp_path, spec, column, data, junk):
    records = data.draw(rows(spec, min_size=1, max_size=5))
    target = data.draw(st.integers(0, len(records) - 1))
    records[target][column] = junk
    path = tmp_path / spec.name
    path.write_text(to_csv(spec, records), encoding="utf-8")
    _, problems = read_table(path, spec)
    located = [(p.row, p.column) for p in problems]
    assert (target + 2, column) in located
    assert all(p.row == target + 2 for p in problems if p.column == column)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
@FAST
@given(data=st.data())
def test_row_order_changes_no_verdict(tmp_path, spec, data):
    records = data.draw(rows(spec, min_size=2, max_size=6))
    records.append(dict(records[0]))  # a duplicate key: one problem, wherever it stands
    shuffled = data.draw(st.permutations(records))
    counts = []
    for i, recs in enumerate((records, shuffled)):
        path = tmp_path / f"{i}" / spec.name
        path.parent.mkdir(exist_ok=True)
        path.write_text(to_csv(spec, list(recs)), encoding="utf-8")
        _, problems = read_table(path, spec)
        counts.append(sorted(p.message.split(",")[0] for p in problems))
    assert counts[0] == counts[1]
    assert len(counts[0]) == 1 and counts[0][0].startswith("duplicate key")
