"""The pair model (METHODOLOGY.md 14): a hand-worked pair on the invented example, and the
properties the method promises."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_score_properties import SETTINGS, build, datasets

from conftest import EX, run
from riskscore.crossborder import headlines, pair_arrays, pairs


@pytest.fixture(scope="module")
def ds(example_ds):
    return example_ds


def test_aldoria_asking_corvania_by_hand(ds):
    p = pairs(ds).set_index(["requesting", "requested"]).loc[("XAA", "XAC")]
    # Aldoria: speech (5 y) and identity (life) are serious crimes; assembly 2 y is not.
    # Corvania punishes identity (minimum 5 y) and speech (an offence whose maximum is
    # open: still a crime), so both meet its dual-criminality demand (coercive measures);
    # its assembly row needs violence. Reach, proven and possible: speech 0.5 + identity
    # 0.25 = 0.75.
    assert p["passing"] == "speech_a, identity_b"
    assert p["possibly_passing"] == "speech_a, identity_b"
    # Corvania's courts: safeguard deficit 0.5, lowered by its shields
    # (indicators/shield_features.csv): a discretionary human-rights ground (0.10) for
    # certain; political offence and notification unknown (no row) and judicial
    # authorisation searched without result, so the proven side gives them their best
    # values (0.15 + 0.10 + 0.10) and the possible side none:
    #   proven 0.5 x (1 - 0.45) = 0.275; possible 0.5 x (1 - 0.10) = 0.45.
    # Parties: min(signed 0.6, ratified 1.0). Record: Freedom House (invented) documents
    # Aldoria, so 1. Components: reach 0.45, safeguard 0.3, parties 0.15, record 0.1.
    assert p["risk_proven"] == pytest.approx(100 * 0.75 ** 0.45 * 0.275 ** 0.3 * 0.6 ** 0.15)
    assert p["risk_possible"] == pytest.approx(100 * 0.75 ** 0.45 * 0.45 ** 0.3 * 0.6 ** 0.15)
    assert p["risk_proven"] == pytest.approx(55.25, abs=0.01)
    assert p["risk_possible"] == pytest.approx(64.04, abs=0.01)
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


# Each shield feature's values from weakest to strongest (for the person asked about).
STRENGTH = {"dual_criminality": ("none", "discretionary", "coercive"),
            "political_offence": ("none", "discretionary", "mandatory"),
            "human_rights_ground": ("none", "discretionary", "mandatory"),
            "judicial_authorisation": ("no", "yes"),
            "notification_remedy": ("no", "yes")}


def _with_shields(ds, iso3: str, values: dict[str, str]):
    rows = [{"row_id": f"gen_shields.csv:{i + 2}", "iso3": iso3, "feature": f, "value": v}
            for i, (f, v) in enumerate(values.items())]
    return dataclasses.replace(ds, shields=pd.DataFrame(rows))


@SETTINGS
@given(datasets(min_states=2, max_states=4), st.data())
def test_a_stronger_shield_never_raises_a_pair_risk(states, data):
    """Issue 15.6: adding a dual-criminality requirement or a refusal ground in Q never
    raises the risk of any pair asking Q, at either bound."""
    ds = build(states)
    q = data.draw(st.sampled_from([s["iso3"] for s in states]))
    weak, strong = {}, {}
    for feature, order in STRENGTH.items():
        i = data.draw(st.integers(0, len(order) - 1))
        j = data.draw(st.integers(i, len(order) - 1))
        weak[feature], strong[feature] = order[i], order[j]
    a = pair_arrays(_with_shields(ds, q, weak))
    b = pair_arrays(_with_shields(ds, q, strong))
    col = a.states.index(q)
    assert (b.risk_proven[:, col] <= a.risk_proven[:, col] + 1e-9).all()
    assert (b.risk_possible[:, col] <= a.risk_possible[:, col] + 1e-9).all()


def test_a_documented_record_sets_the_record_to_one_and_unknown_spans_the_floor(ds):
    from riskscore.crossborder import shields

    sh = shields(ds, ["XAA", "XAC"])
    assert sh.record_low.tolist() == [1.0, 0.5] and sh.record_high.tolist() == [1.0, 1.0]
    # Corvania's dual criminality covers coercive measures: it must refuse, for certain
    assert sh.demands_surely.tolist() == [False, True]


def test_cli_pairs_json_lists_every_ordered_pair():
    result = run("pairs", *EX, "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["pairs"]) == 4 * 3
    assert payload["headline"]["people_in_state_pairs"] == 1250
    one = run("pairs", *EX, "--from", "xaa", "--to", "XAC", "--format", "csv")
    assert one.stdout.count("\n") == 2 and "XAA,XAC" in one.stdout
    assert run("pairs", *EX, "--from", "ZZZ").exit_code == 2
