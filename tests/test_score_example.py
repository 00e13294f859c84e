"""Known-answer tests on the invented example index (tests/example), worked out by hand.

Arithmetic shown in each test follows METHODOLOGY.md sections 6-9; the example catalogue has
domestic share = 2 / (2 + 3) = 0.4 (art. 27 intrusiveness 2 of 5 in all).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import riskscore
from riskscore.explanation import explain
from riskscore.scoring import score

EXAMPLE = Path(__file__).resolve().parent / "example"


@pytest.fixture(scope="module")
def ds():
    return riskscore.load(EXAMPLE / "country_data", EXAMPLE / "indicators")


@pytest.fixture(scope="module")
def table(ds):
    return score(ds).set_index("iso3")


def test_aldoria_pillars_by_hand(table):
    a = table.loc["XAA"]
    # courts 2 on 0-10 (safer) -> 0.8; due process 1 on 0-4 -> 0.75; equal weights
    assert a["safeguard_deficit"] == pytest.approx(100 * (0.5 * 0.8 + 0.5 * 0.75))
    # press 30 (safer) -> 0.7 x 0.6; censorship 6 (riskier) -> 0.6 x 0.4
    assert a["repression_climate"] == pytest.approx(100 * (0.6 * 0.7 + 0.4 * 0.6))
    # speech 5 y >= 4: 1 (x0.5); identity life: 1 (x0.25); assembly 2 y: 0.4 (x0.25).
    # The repealed 8-year assembly row does not count.
    assert a["legal_reach"] == pytest.approx(100 * (0.5 + 0.25 + 0.25 * 0.4))
    assert a["convention_engagement"] == pytest.approx(60)  # signed
    assert a["cross_border_reach"] == pytest.approx(0.75)
    assert a["reliability"] == pytest.approx(1.0)
    # every category known: the bounds collapse onto the point and the state is ranked
    assert a["exposure_lower"] == pytest.approx(a["exposure"])
    assert a["exposure_upper"] == pytest.approx(a["exposure"])
    assert a["standing"] == "ranked" and a["rank_best"] == a["rank_worst"] == 1


def test_aldoria_composite_by_hand(table):
    expected = 0.85 ** 0.4 * 0.775 ** 0.3 * 0.66 ** 0.2 * 0.6 ** 0.1
    assert table.loc["XAA", "exposure"] == pytest.approx(100 * expected)
    assert table.loc["XAA", "exposure"] == pytest.approx(75.91, abs=0.01)
    assert table.loc["XAA", "rank"] == 1
    assert table.loc["XAA", "class"] == "very_high"


def test_brevia_unknown_category_is_skipped_not_zero(table):
    b = table.loc["XAB"]
    # speech 0 y (fine only): 0; identity: no row -> unknown, left out; assembly 1 y: 0.4
    assert b["legal_reach"] == pytest.approx(100 * (0.25 * 0.4) / 0.75)
    assert b["safeguard_deficit"] == pytest.approx(100 * (0.5 * 0.1 + 0.5 * 0.0))
    assert b["repression_climate"] == pytest.approx(100 * (0.6 * 0.15 + 0.4 * 0.1))
    assert b["convention_engagement"] == pytest.approx(25)  # not signed
    expected = (0.1 / 0.75) ** 0.4 * 0.05 ** 0.3 * 0.13 ** 0.2 * 0.25 ** 0.1
    assert b["exposure"] == pytest.approx(100 * expected)
    # reliability: researched share of each data pillar, weighted 0.4 : 0.3 : 0.2
    assert b["reliability"] == pytest.approx((0.4 * 0.75 + 0.3 + 0.2) / 0.9)
    # bounds: identity (no row) anywhere from 0 to 1 -> legal reach 0.1 to 0.35
    assert b["legal_reach_lower"] == pytest.approx(100 * 0.25 * 0.4)
    assert b["legal_reach_upper"] == pytest.approx(100 * (0.25 * 0.4 + 0.25))
    assert b["exposure_lower"] == pytest.approx(
        100 * 0.1 ** 0.4 * 0.05 ** 0.3 * 0.13 ** 0.2 * 0.25 ** 0.1)
    assert b["exposure_upper"] == pytest.approx(
        100 * 0.35 ** 0.4 * 0.05 ** 0.3 * 0.13 ** 0.2 * 0.25 ** 0.1)
    # the whole range (9.4 - 15.5) lies in "very low": ranked in that one class
    assert b["standing"] == "ranked" and b["class"] == "very_low"
    assert b["rank"] == 3


def test_corvania_minimum_violence_and_a_range_of_classes(table):
    c = table.loc["XAC"]
    # speech: penalty not found -> unknown (imprisonment: floor d = 0.4); identity: minimum
    # 5 y >= 4 -> serious; assembly: only a riot row that requires violence -> unknown, floor 0
    assert c["legal_known_share"] == pytest.approx(0.25)
    # point: unknown categories at the mean of the known ones (1), never below their floor
    assert c["legal_reach"] == pytest.approx(100.0)
    # bounds: 0.25 x 1 + 0.5 x 0.4 + 0.25 x 0 = 0.45 up to 1
    assert c["legal_reach_lower"] == pytest.approx(45.0)
    assert c["legal_reach_upper"] == pytest.approx(100.0)
    # due process 2024 missing: courts alone carry the pillar (half its weight present)
    assert c["safeguard_deficit"] == pytest.approx(50.0)
    assert c["convention_engagement"] == pytest.approx(100.0)  # ratified
    assert c["exposure"] == pytest.approx(100 * 0.5 ** 0.3 * 0.5 ** 0.2)
    assert c["exposure_lower"] == pytest.approx(100 * 0.45 ** 0.4 * 0.5 ** 0.3 * 0.5 ** 0.2)
    # 51.4 - 70.7 spans "high" and "very high": listed with a range, no single class
    assert c["standing"] == "range" and pd.isna(c["class"])
    assert (c["class_lower"], c["class_upper"]) == ("high", "very_high")
    assert c["reliability"] == pytest.approx((0.4 * 0.25 + 0.3 * 0.5 + 0.2) / 0.9)
    assert c["flag"].startswith("class range high to very_high")


def test_dunmark_without_offence_data_is_too_little_known_not_safe(table):
    d = table.loc["XAD"]
    assert d["exposure"] != d["exposure"]  # NaN: unknown, not zero
    assert not d["ranked"] and d["standing"] == "too_little_known"
    # still bounded: from 0 (no category criminalised) to every category a serious crime
    assert d["exposure_lower"] == 0.0
    assert d["exposure_upper"] == pytest.approx(100 * 0.6 ** 0.3 * 0.64 ** 0.2 * 0.25 ** 0.1)
    assert d["flag"].startswith("too little known: offence categories researched for 0%")


def test_thresholds(ds):
    # At 6 years Aldoria's 5-year speech offence falls below: 0.4 instead of 1
    t6 = score(ds, threshold=6).set_index("iso3")
    assert t6.loc["XAA", "legal_reach"] == pytest.approx(100 * (0.5 * 0.4 + 0.25 + 0.1))
    # At 5 years it still counts (maximum 5 >= 5)
    t5 = score(ds, threshold=5).set_index("iso3")
    assert t5.loc["XAA", "legal_reach"] == pytest.approx(85.0)
    # Corvania's stated minimum of 5 years: serious at 5, not at 6 (unknown then)
    assert t5.loc["XAC", "legal_reach"] == pytest.approx(100.0)
    assert t6.loc["XAC", "legal_reach"] != t6.loc["XAC", "legal_reach"]


def test_latent_scenario_sets_everyone_to_ratified(ds):
    lat = score(ds, scenario="latent").set_index("iso3")
    assert (lat["convention_engagement"] == 100).all()
    expected = 0.85 ** 0.4 * 0.775 ** 0.3 * 0.66 ** 0.2
    assert lat.loc["XAA", "exposure"] == pytest.approx(100 * expected)


def test_arithmetic_aggregation(ds):
    ar = score(ds, aggregation="arithmetic").set_index("iso3")
    assert ar.loc["XAA", "exposure"] == pytest.approx(
        100 * (0.4 * 0.85 + 0.3 * 0.775 + 0.2 * 0.66 + 0.1 * 0.6))


def test_latest_earlier_year_rule(ds):
    t = score(ds, missing_rule="latest_earlier_year").set_index("iso3")
    # Corvania's due process from 2022 (2 on 0-4 -> 0.5) now counts
    assert t.loc["XAC", "safeguard_deficit"] == pytest.approx(50.0)
    assert t.loc["XAC", "reliability"] == pytest.approx((0.4 * 0.25 + 0.3 + 0.2) / 0.9)


def test_explain_names_the_deciding_rows_and_articles(ds):
    ex = explain(ds, "XAA")
    cats = {c.id: c for c in ex.categories}
    assert cats["speech_a"].status == "serious_crime"
    assert cats["speech_a"].deciding.law == "Example Penal Code art. 1"
    assert cats["assembly_c"].status == "criminalised"
    assert cats["assembly_c"].deciding.row_id == "example.csv:4"
    old = [r for r in cats["assembly_c"].rows if r.row_id == "example.csv:5"][0]
    assert not old.applies and old.why_not == "no longer in force"
    assert [a.article for a in ex.articles_opened] == [27, 44]
    assert ex.rank == 1 and ex.risk_class == "very_high"
    contributions = [i.contribution for i in ex.indicators if i.pillar == "safeguard_deficit"]
    assert sum(contributions) == pytest.approx(ex.pillars["safeguard_deficit"])
    c = {x.id: x for x in explain(ds, "XAC").categories}
    assert c["speech_a"].status == "unknown_penalty"
    assert c["assembly_c"].rows[0].why_not == "requires violence"
    assert c["identity_b"].deciding.penalty == "at least 5 years (no maximum stated)"


def test_population_exposed_and_groups(ds, table):
    from riskscore.summary import group_summary, population_exposed

    pe = population_exposed(table.reset_index(), ds.classes).set_index("class")
    # very high: Aldoria surely (10 M); Corvania (5 M) only at the top of its range
    assert pe.loc["very_high", "population_at_or_above_lowest"] == 10_000_000
    assert pe.loc["very_high", "population_at_or_above_highest"] == 15_000_000
    # high: Corvania's whole range is high or above
    assert pe.loc["high", "population_at_or_above_lowest"] == 15_000_000
    assert pe.loc["very_low", "population_at_or_above_lowest"] == 17_000_000
    assert pe.loc["very_high", "states_without_population"] == 1  # Dunmark could be there
    g = group_summary(table.reset_index(), "region").set_index("region")
    assert g.loc["Europe", "placed"] == 2 and g.loc["Africa", "placed"] == 1


def test_package_level_api_matches_the_modules(ds):
    # A notebook user calls riskscore.score / riskscore.explain directly.
    top = riskscore.score(ds, threshold=4, scenario="current").set_index("iso3")
    assert top.loc["XAA", "exposure"] == pytest.approx(score(ds).set_index("iso3")
                                                       .loc["XAA", "exposure"])
    assert riskscore.explain(ds, "XAA").iso3 == "XAA"


def test_research_priorities_by_hand(ds, table):
    from riskscore.priorities import priorities

    p = priorities(ds).set_index(["iso3", "category"])
    # Brevia's only unknown category (identity): knowing it at any feasible value (0, d, 1)
    # closes the whole interval, so the narrowing is the full width, 15.5 - 9.4.
    b = table.loc["XAB"]
    assert p.loc[("XAB", "identity_b"), "narrowing"] == pytest.approx(
        b["exposure_upper"] - b["exposure_lower"])
    # Corvania is listed with a range: its cells come before Brevia's (ranked in one class)
    order = [i for i, _ in p.index]
    assert order.index("XAC") < order.index("XAB")
    # every narrowing lies between 0 and the state's whole width
    width = (p["exposure_upper"] - p["exposure_lower"])
    assert ((p["narrowing"] >= -1e-9) & (p["narrowing"] <= width + 1e-9)).all()
    # known cells are never listed
    assert ("XAA", "speech_a") not in p.index and ("XAC", "identity_b") not in p.index
