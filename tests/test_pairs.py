"""The pair model (METHODOLOGY.md 14): a hand-worked pair on the invented example, and the
properties the method promises."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from test_score_properties import SETTINGS, build, datasets

from conftest import EX, run
from riskscore.crossborder import headlines, pair_arrays, pairs


@pytest.fixture(scope="module")
def ds(example_ds):
    return example_ds


def test_aldoria_asking_corvania_by_hand(ds):
    p = pairs(ds).set_index(["requesting", "requested"]).loc[("XAA", "XAC")]
    # Aldoria: speech (5 y) and identity (life) are serious crimes; assembly 2 y is not.
    # Corvania punishes identity (minimum 5 y) for certain; its speech penalty is open and
    # its assembly row needs violence, so neither is known to be criminal there.
    # Proven reach: identity only (0.25); possible: speech and identity (0.75), since no
    # dual-criminality requirement of Corvania's is known.
    assert p["passing"] == "identity_b"
    assert p["possibly_passing"] == "speech_a, identity_b"
    # Corvania's courts: safeguard deficit 0.5; parties: min(signed 0.6, ratified 1.0)
    # pair components: reach 0.5, requested safeguard 0.3, parties 0.2
    assert p["risk_proven"] == pytest.approx(100 * 0.25 ** 0.5 * 0.5 ** 0.3 * 0.6 ** 0.2)
    assert p["risk_possible"] == pytest.approx(100 * 0.75 ** 0.5 * 0.5 ** 0.3 * 0.6 ** 0.2)
    assert p["risk_proven"] == pytest.approx(36.67, abs=0.01)
    assert p["people"] == 200  # 150 refugees and 50 asylum-seekers from Aldoria in Corvania


def test_a_state_that_has_not_signed_has_no_current_pair_risk(ds):
    p = pairs(ds)
    brevia = p[(p["requesting"] == "XAB") | (p["requested"] == "XAB")]
    assert (brevia["risk_possible"] == 0).all()
    latent = pairs(ds, scenario="latent")
    assert (latent.loc[latent["requesting"] == "XAA", "risk_possible"] > 0).any()


def test_people_add_up_to_unhcr_totals(ds):
    a = pair_arrays(ds)
    h = headlines(ds, a)
    assert h["people_total_unhcr"] == 1260  # every row, the unknown origin included
    assert h["people_in_state_pairs"] == 1250  # state-to-state rows only
    assert a.people.sum() == 1250


@SETTINGS
@given(datasets(min_states=2, max_states=5))
def test_pair_properties(states):
    ds = build(states)
    a = pair_arrays(ds)
    latent = pair_arrays(ds, scenario="latent")
    # bounds are ordered, on 0-100, and zero on the diagonal
    assert (a.risk_proven <= a.risk_possible + 1e-9).all()
    assert ((a.risk_possible >= 0) & (a.risk_possible <= 100 + 1e-9)).all()
    assert (np.diag(a.risk_possible) == 0).all()
    # a requesting state with no serious category, known or possible, reaches no one
    none_possible = ~a.pass_possible.any(axis=(1, 2))
    assert (latent.risk_possible[none_possible] == 0).all()
    # what is proven to pass could pass
    assert (a.pass_proven <= a.pass_possible).all()
    # being parties (latent) never lowers a pair's risk
    assert (latent.risk_possible >= a.risk_possible - 1e-9).all()


def test_cli_pairs_json_lists_every_ordered_pair():
    result = run("pairs", *EX, "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["pairs"]) == 4 * 3
    assert payload["headline"]["people_in_state_pairs"] == 1250
    one = run("pairs", *EX, "--from", "xaa", "--to", "XAC", "--format", "csv")
    assert one.stdout.count("\n") == 2 and "XAA,XAC" in one.stdout
    assert run("pairs", *EX, "--from", "ZZZ").exit_code == 2
