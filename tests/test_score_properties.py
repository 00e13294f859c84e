"""Invariants of the scoring, checked on random datasets built on the example catalogue
(tests/example/indicators). Each property is one the method promises (METHODOLOGY.md 11)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import riskscore
from riskscore.scoring import score
from riskscore.weights import nominal

EXAMPLE = Path(__file__).resolve().parent / "example"
BASE = riskscore.load(EXAMPLE / "country_data", EXAMPLE / "indicators")
CODES = [f"X{a}{b}" for a in "BCDEFG" for b in "ABCDEFGHIJ"]
SETTINGS = settings()  # the active profile (tests/conftest.py): examples per property

penalty = st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1, 2, 3, 3.5, 4, 5, 7, 10, 20]))


@st.composite
def offence_rows(draw, iso3: str) -> list[dict]:
    rows = []
    for cat in BASE.categories["id"]:
        for _ in range(draw(st.integers(0, 2))):
            life = draw(st.booleans())
            severe = draw(st.integers(0, 9)) == 0
            rows.append({
                "iso3": iso3, "category": cat, "max_penalty_years":
                    np.nan if severe else (draw(penalty) if True else None),
                "life_imprisonment": severe and life, "death_penalty": severe and not life,
                "min_penalty_years": draw(st.one_of(st.none(), st.sampled_from([1.0, 5.0]))),
                "sentence_imposed_years": draw(st.one_of(st.none(), st.sampled_from([0.5, 6.0]))),
                "in_force": draw(st.sampled_from([None, None, True, False])),
                "requires_violence": draw(st.sampled_from([None, None, False, True])),
            })
    return rows


@st.composite
def state(draw, iso3: str) -> dict:
    obs = []
    for ind in BASE.indicators.itertuples():
        if draw(st.integers(0, 4)) > 0:  # sometimes missing
            obs.append({"iso3": iso3, "indicator": ind.id, "year": int(ind.year),
                        "value": draw(st.floats(ind.lower, ind.upper)), "source_id": "example"})
    status = draw(st.sampled_from(["none", "signed", "reported", "ratified"]))
    return {"iso3": iso3, "obs": obs, "off": draw(offence_rows(iso3)), "status": status,
            "population": draw(st.integers(1000, 10**8))}


@st.composite
def datasets(draw, min_states: int = 1, max_states: int = 6):
    n = draw(st.integers(min_states, max_states))
    return [draw(state(CODES[i])) for i in range(n)]


def build(states: list[dict]) -> riskscore.Dataset:
    countries = pd.DataFrame([{
        "iso3": s["iso3"], "iso2": None, "name": f"Invented {s['iso3']}", "independent": True,
        "m49_region": "Europe", "m49_subregion": "Exampleland", "income_group": "High",
        "un_member": False, "eu_member": False, "oecd_member": False, "g20_or_eu": False,
        "population": s["population"], "population_year": 2024,
        "groups_source_id": "example", "population_source_id": "example"} for s in states])
    obs = pd.DataFrame([o for s in states for o in s["obs"]],
                       columns=["iso3", "indicator", "year", "value", "source_id"])
    off = pd.DataFrame([o for s in states for o in s["off"]],
                       columns=["iso3", "category", "max_penalty_years", "life_imprisonment",
                                "death_penalty", "min_penalty_years", "sentence_imposed_years",
                                "in_force", "requires_violence"])
    off["row_id"] = [f"gen.csv:{i + 2}" for i in range(len(off))]
    for col in ("offence", "law", "confidence", "source_title", "source_url", "source_date"):
        off[col] = "invented"
    status = []
    for s in states:
        if s["status"] == "none":
            continue
        status.append({"iso3": s["iso3"], "name": "x", "signed": "2025-10-25",
                       "ratification_event": {"signed": None, "reported":
                                              "ratification_reported", "ratified": "ratified"
                                              }[s["status"]]})
    conv = pd.DataFrame(status, columns=["iso3", "name", "signed", "ratification_event"])
    return dataclasses.replace(BASE, countries=countries, observations=obs, offences=off,
                               convention_status=conv)


def exposures(ds: riskscore.Dataset, **kw) -> pd.DataFrame:
    return score(ds, **kw).set_index("iso3").sort_index()


def same(a: pd.Series, b: pd.Series) -> bool:
    return bool(np.allclose(a.to_numpy(float), b.to_numpy(float), equal_nan=True, atol=1e-9))


@SETTINGS
@given(datasets())
def test_scores_lie_in_0_100(states):
    t = exposures(build(states))
    for col in ("exposure", "legal_reach", "safeguard_deficit", "repression_climate",
                "convention_engagement"):
        v = t[col].dropna()
        assert ((v >= 0) & (v <= 100 + 1e-9)).all(), col
    assert ((t["reliability"] >= 0) & (t["reliability"] <= 1 + 1e-12)).all()


@SETTINGS
@given(datasets())
def test_the_point_estimate_lies_within_its_bounds(states):
    t = exposures(build(states))
    for point, lo, hi in (("exposure", "exposure_lower", "exposure_upper"),
                          ("legal_reach", "legal_reach_lower", "legal_reach_upper"),
                          ("cross_border_reach", "cross_border_lower", "cross_border_upper")):
        ok = t[point].notna()
        assert (t.loc[ok, lo] <= t.loc[ok, point] + 1e-9).all(), point
        assert (t.loc[ok, point] <= t.loc[ok, hi] + 1e-9).all(), point
    # bounds exist even where the point does not (too little known is still bounded)
    assert t["exposure_lower"].notna().all() and t["exposure_upper"].notna().all()
    # no state with an unknown category shows a zero presented as certain: its upper bound
    # is above zero unless another pillar is certainly zero (e.g. fully independent courts)
    unknown = t["unknown_share"] > 0
    assert not (unknown & (t["exposure"] == 0) & (t["legal_reach"] == 0)).any()
    other_zero = (t[["safeguard_deficit", "repression_climate",
                     "convention_engagement"]] == 0).any(axis=1)
    assert (t.loc[unknown & ~other_zero, "exposure_upper"] > 0).all()
    assert (t.loc[unknown & (t["standing"] == "ranked"), "class_upper"]
            == t.loc[unknown & (t["standing"] == "ranked"), "class_lower"]).all()


@SETTINGS
@given(datasets())
def test_bounds_collapse_when_every_category_is_known(states):
    t = exposures(build(states))
    known = (t["unknown_share"] < 1e-12) & t["exposure"].notna()
    assert np.allclose(t.loc[known, "exposure_lower"], t.loc[known, "exposure"])
    assert np.allclose(t.loc[known, "exposure_upper"], t.loc[known, "exposure"])
    assert (t.loc[known & t["ranked"], "rank_best"]
            <= t.loc[known & t["ranked"], "rank"]).all()


@SETTINGS
@given(datasets(), st.data())
def test_adding_a_cited_penalty_never_widens_the_bounds(states, data):
    """A cited penalty in a category not yet known narrows the bounds or leaves them: the
    new interval lies inside the old one (what we learn was allowed by what we knew)."""
    i = data.draw(st.integers(0, len(states) - 1))
    before = exposures(build(states))
    empty = [c for c in BASE.categories["id"]
             if not any(o["category"] == c for o in states[i]["off"])]
    assume(empty)
    cat = data.draw(st.sampled_from(empty))
    years = data.draw(st.sampled_from([0.0, 1.0, 3.0, 4.0, 12.0]))
    states[i]["off"].append({
        "iso3": states[i]["iso3"], "category": cat, "max_penalty_years": years,
        "life_imprisonment": False, "death_penalty": False, "min_penalty_years": None,
        "sentence_imposed_years": None, "in_force": None, "requires_violence": None})
    after = exposures(build(states))
    iso3 = states[i]["iso3"]
    for lo, hi in (("exposure_lower", "exposure_upper"),
                   ("legal_reach_lower", "legal_reach_upper"),
                   ("cross_border_lower", "cross_border_upper")):
        assert after.loc[iso3, lo] >= before.loc[iso3, lo] - 1e-9, lo
        assert after.loc[iso3, hi] <= before.loc[iso3, hi] + 1e-9, hi


@SETTINGS
@given(datasets(), st.data())
def test_raising_a_penalty_never_lowers_exposure(states, data):
    rows = [(i, j) for i, s in enumerate(states) for j, o in enumerate(s["off"])
            if o["max_penalty_years"] == o["max_penalty_years"]
            and o["max_penalty_years"] is not None]
    assume(rows)
    i, j = data.draw(st.sampled_from(rows))
    before = exposures(build(states))
    states[i]["off"][j]["max_penalty_years"] += data.draw(st.sampled_from([0.5, 1, 3, 10]))
    after = exposures(build(states))
    iso3 = states[i]["iso3"]
    for col in ("exposure", "legal_reach", "cross_border_reach"):
        b, a = before.loc[iso3, col], after.loc[iso3, col]
        # unknown before (NaN) may become known; a known value never becomes unknown
        assert np.isnan(b) or a >= b - 1e-9, col


@SETTINGS
@given(datasets(), st.data())
@pytest.mark.parametrize("pillar", ["repression_climate", "safeguard_deficit"])
def test_worse_press_or_courts_never_lowers_exposure(pillar, states, data):
    obs = [(i, j) for i, s in enumerate(states) for j, o in enumerate(s["obs"])
           if BASE.indicators.set_index("id").loc[o["indicator"], "pillar"] == pillar]
    assume(obs)
    i, j = data.draw(st.sampled_from(obs))
    before = exposures(build(states))
    o = states[i]["obs"][j]
    ind = BASE.indicators.set_index("id").loc[o["indicator"]]
    step = data.draw(st.floats(0, ind.upper - ind.lower))
    worse = (o["value"] - step if ind.direction == "higher_is_safer" else o["value"] + step)
    o["value"] = float(np.clip(worse, ind.lower, ind.upper))
    after = exposures(build(states))
    iso3 = states[i]["iso3"]
    b, a = before.loc[iso3, "exposure"], after.loc[iso3, "exposure"]
    assert (np.isnan(a) and np.isnan(b)) or a >= b - 1e-9
    pb, pa = before.loc[iso3, pillar], after.loc[iso3, pillar]
    assert (np.isnan(pa) and np.isnan(pb)) or pa >= pb - 1e-9


@SETTINGS
@given(datasets(), st.sampled_from([(5, 4), (4, 3), (5, 3), (10, 1)]))
def test_lowering_the_threshold_never_lowers_exposure(states, pair):
    high, low = pair
    a = exposures(build(states), threshold=high)
    b = exposures(build(states), threshold=low)
    both = a["exposure"].notna() & b["exposure"].notna()
    assert (b.loc[both, "exposure"] >= a.loc[both, "exposure"] - 1e-9).all()
    # a serious crime at the higher threshold stays one: cross-border reach never falls
    known = a["cross_border_lower"].notna() & b["cross_border_lower"].notna()
    assert (b.loc[known, "cross_border_lower"] >= a.loc[known, "cross_border_lower"] - 1e-12
            ).all()


@SETTINGS
@given(datasets(), st.floats(0.01, 100))
def test_scaling_all_weights_changes_nothing(states, factor):
    ds = build(states)
    a = exposures(ds)
    b = exposures(ds, weights=nominal(ds).scaled(factor))
    for col in ("exposure", "exposure_lower", "exposure_upper", "legal_reach",
                "safeguard_deficit", "repression_climate", "reliability"):
        assert same(a[col], b[col]), col


CATALOGUE = ("pillars", "indicators", "categories", "provisions", "engagement", "classes")


@SETTINGS
@given(datasets(min_states=2), st.randoms())
def test_row_order_of_data_and_catalogue_changes_nothing(states, rnd):
    """Shuffling the rows of every table, the catalogue included, changes no output column
    (issue: coverage once depended on the order of pillars.csv)."""
    ds = build(states)

    def shuffle(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sample(frac=1, random_state=rnd.randint(0, 9999)).reset_index(drop=True)

    tables = ("countries", "observations", "offences", "convention_status", *CATALOGUE)
    shuffled = dataclasses.replace(ds, **{t: shuffle(getattr(ds, t)) for t in tables})
    a, b = exposures(ds), exposures(shuffled)
    assert list(a.columns) == list(b.columns)
    for col in a.columns:
        if not pd.api.types.is_numeric_dtype(a[col]) or a[col].dtype == bool:
            assert a[col].astype(str).tolist() == b[col].astype(str).tolist(), col
        else:
            assert same(a[col].astype(float), b[col].astype(float)), col


@SETTINGS
@given(datasets(min_states=2, max_states=5), st.data())
def test_adding_or_removing_a_state_changes_no_other_score(states, data):
    full = exposures(build(states))
    drop = data.draw(st.integers(0, len(states) - 1))
    rest = [s for k, s in enumerate(states) if k != drop]
    part = exposures(build(rest))
    for col in ("exposure", "exposure_lower", "exposure_upper", "legal_reach",
                "safeguard_deficit", "repression_climate", "reliability"):
        assert same(full.loc[part.index, col], part[col]), col


@SETTINGS
@given(state("XAA"))
def test_one_serious_crime_raises_cross_border_reach(s):
    # Start from the same state with no serious-crime offence at all: every row capped
    # below the threshold and applicable; then add one serious row to one category.
    for o in s["off"]:
        o.update(max_penalty_years=2.0, life_imprisonment=False, death_penalty=False,
                 min_penalty_years=None, sentence_imposed_years=None, in_force=None,
                 requires_violence=None)
    assume(s["off"])
    without = exposures(build([s])).loc["XAA"]
    s["off"].append({**s["off"][0], "max_penalty_years": 8.0})
    with_one = exposures(build([s])).loc["XAA"]
    assert without["cross_border_reach"] == 0
    assert with_one["cross_border_reach"] > without["cross_border_reach"]
    assert with_one["legal_reach"] > without["legal_reach"]
