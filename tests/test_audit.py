"""The audit machinery: the batch engine equals score(), runs are reproducible, counts
give the same answers as keeping every run, and the CLI writes what it says."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskscore
from conftest import run
from riskscore.audit import audit
from riskscore.audit.engine import AGGREGATIONS, THRESHOLDS, Choice, Engine, ranks
from riskscore.audit.factors import factor_space
from riskscore.audit.uncertainty import run_uncertainty
from riskscore.score import compute
from riskscore.weights import Weights, nominal

EXAMPLE = Path(__file__).resolve().parent / "example"
EX = ("--data", EXAMPLE / "country_data", "--indicators", EXAMPLE / "indicators")


@pytest.fixture(scope="module")
def example():
    return riskscore.load(EXAMPLE / "country_data", EXAMPLE / "indicators")


def _multipliers(n):
    return st.lists(st.floats(0.75, 1.25), min_size=n, max_size=n)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), aggregation=st.sampled_from(AGGREGATIONS),
       threshold=st.sampled_from(THRESHOLDS),
       missing=st.sampled_from(["catalogue", "latest_earlier_year"]),
       unknown=st.sampled_from(["skip", "lower_bound"]))
def test_engine_computes_what_score_computes(engine, ds, data, aggregation, threshold,
                                             missing, unknown):
    w0 = nominal(ds)
    w = Weights(w0.pillars * data.draw(_multipliers(len(w0.pillars))),
                w0.indicators * data.draw(_multipliers(len(w0.indicators))),
                w0.categories * data.draw(_multipliers(len(w0.categories))))
    ref = compute(engine.p, w, threshold, "current", aggregation, missing, unknown)
    batch = engine.run(Choice(aggregation, threshold, missing, unknown),
                       *engine.weights_matrix(w, 1))
    np.testing.assert_allclose(batch.exposure[:, 0], ref["exposure"] * 100, rtol=1e-10,
                               equal_nan=True)
    assert np.array_equal(batch.ranked[:, 0], ref["ranked"])


def test_alternative_bounds_change_only_indicators_that_have_them(example):
    e = Engine(example)
    base, alt = e.risk("catalogue", "catalogue"), e.risk("catalogue", "alternative")
    changed = ~np.isclose(base, alt, equal_nan=True).all(axis=0)
    assert [i for i, c in zip(e.indicator_ids, changed, strict=True) if c] == ["ex_courts"]
    # ex_courts: value 2 on the alternative 1-9 scale (safer): risk = 1 - (2-1)/8
    row = e.p.states.index("XAA")
    assert alt[row, e.indicator_ids.index("ex_courts")] == pytest.approx(1 - 1 / 8)


def test_ranks_match_the_score_table(engine, ds):
    batch = engine.run(Choice(), *engine.weights_matrix(nominal(ds), 1))
    r = ranks(batch.exposure, batch.ranked)[:, 0]
    table = riskscore.score(ds).set_index("iso3")["rank"].reindex(engine.p.states)
    assert np.array_equal(np.where(r > 0, r, -1), table.fillna(-1).to_numpy(int))


def test_no_uncertainty_means_every_run_is_the_nominal_one(example):
    e = Engine(example)
    space = factor_space(nominal(example), e.pillar_ids, e.indicator_ids, e.category_ids,
                         spread=0.0, vary_discrete=False)
    u = run_uncertainty(e, space, runs=50, seed=1)
    frame = u.frame().set_index("iso3")
    assert frame.loc["XAA", ["nominal_rank", "median_rank", "rank_p05", "rank_p95"]
                     ].tolist() == [1, 1, 1, 1]
    assert frame.loc["XAA", "p_very_high"] == 1.0
    assert frame.loc["XAC", "p_not_ranked"] == 1.0
    assert np.all(u.shift == 0)


def test_counts_give_the_same_quantiles_as_keeping_every_run(engine, ds):
    space = factor_space(nominal(ds), engine.pillar_ids, engine.indicator_ids,
                         engine.category_ids)
    u = run_uncertainty(engine, space, runs=300, seed=5, chunk=70)
    # Recompute the same runs explicitly (same generator, same chunking).
    rng = np.random.default_rng(5)
    all_ranks = []
    for size in (70, 70, 70, 70, 20):
        groups, pw, iw, cw = space.to_runs(rng.random((size, space.k)))
        block = np.zeros((engine.n, size), dtype=int)
        for choice, idx in groups.items():
            b = engine.run(choice, pw[idx], iw[idx], cw[idx])
            block[:, idx] = ranks(b.exposure, b.ranked)
        all_ranks.append(block)
    r = np.concatenate(all_ranks, axis=1)
    i = engine.p.states.index("TUR")
    mine = np.sort(r[i][r[i] > 0])
    assert u.rank_quantile(0.5)[i] == mine[int(np.ceil(0.5 * len(mine))) - 1]
    assert u.rank_quantile(0.95)[i] == mine[int(np.ceil(0.95 * len(mine))) - 1]
    assert u.share_ranked()[i] == pytest.approx((r[i] > 0).mean())


def test_same_seed_identical_results_different_seed_different(ds):
    a = audit(ds, runs=400, seed=11, sobol_n=64)
    b = audit(ds, runs=400, seed=11, sobol_n=64)
    c = audit(ds, runs=400, seed=12, sensitivity=False)
    assert np.array_equal(a.uncertainty.rank_counts, b.uncertainty.rank_counts)
    assert np.array_equal(a.sensitivity.shift.total, b.sensitivity.shift.total)
    assert not np.array_equal(a.uncertainty.rank_counts, c.uncertainty.rank_counts)


def test_discrete_choices_are_factors_with_their_own_indices(ds):
    a = audit(ds, runs=100, seed=0, sobol_n=256)
    frame = a.sensitivity.frame().set_index("factor")
    for name in ("aggregation", "threshold", "missing_rule", "unknown_rule", "bounds"):
        assert name in frame.index
    # The method choices (aggregation, serious-crime threshold) reorder states more than
    # any single weight does.
    assert set(frame["total"].nlargest(2).index) == {"aggregation", "threshold"}


def test_claim_shares_are_probabilities_consistent_with_classes(ds):
    a = audit(ds, runs=500, seed=3, sensitivity=False)
    rob = a.robustness["BLR"]
    assert rob.rank_low <= rob.median_rank <= rob.rank_high
    assert sum(rob.class_probabilities.values()) == pytest.approx(1.0)
    top_claim = rob.claims[0]
    assert top_claim[0].startswith("Among the highest-risk states")
    assert top_claim[1] == pytest.approx(rob.class_probabilities["very_high"])


def test_cli_audit_json_and_html(tmp_path):
    result = run("audit", *EX, "--runs", "200", "--sobol-n", "64", "--format", "json")
    assert result.exit_code in (0, 4), result.output
    payload = json.loads(result.stdout)
    assert payload["settings"]["runs"] == 200
    assert {r["iso3"] for r in payload["uncertainty"]} == {"XAA", "XAB"}
    html = run("audit", *EX, "--runs", "100", "--sobol-n", "0", "--format", "html",
               "--out", tmp_path)
    assert html.exit_code in (0, 4)
    page = (tmp_path / "audit.html").read_text()
    assert "Rank uncertainty" in page and "Aldoria" in page


def test_reports_show_rank_intervals_when_audited(tmp_path):
    result = run("report", "--all", *EX, "--out", tmp_path / "s", "--audit-runs", "200")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "s" / "countries" / "XAA.html").read_text()
    assert "in 90% of runs" in page
    assert (tmp_path / "s" / "audit.html").exists()
    index = (tmp_path / "s" / "index.html").read_text()
    assert "Rank 90% interval" in index
