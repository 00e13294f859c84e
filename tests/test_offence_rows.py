"""Row kinds of the offence table (issue 6): what each one means for the score."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run
from riskscore import legal
from riskscore.explanation import duration_text


def _rows(*rows) -> pd.DataFrame:
    base = {"iso3": "XAA", "category": "c", "max_penalty_years": np.nan,
            "life_imprisonment": False, "death_penalty": False, "row_kind": "offence",
            "in_force": None, "requires_violence": None, "min_penalty_years": np.nan,
            "sentence_imposed_years": np.nan}
    return pd.DataFrame([{**base, **r} for r in rows])


def _status(frame: pd.DataFrame, threshold: float = 4.0):
    arr = legal.offence_arrays(frame, ["XAA"], ["c"])
    serious, known = legal.category_status(arr, threshold)
    return bool(serious[0, 0]), bool(known[0, 0]), bool(arr.criminalised[0, 0]), \
        bool(arr.searched[0, 0])


def test_a_search_note_alone_is_unknown_never_not_criminalised():
    assert _status(_rows({"row_kind": "search_note"})) == (False, False, False, True)


def test_not_criminalised_is_known_and_opens_nothing():
    assert _status(_rows({"row_kind": "not_criminalised"})) == (False, True, False, True)


def test_not_yet_searched_is_unknown_too():
    arr = legal.offence_arrays(_rows({"iso3": "XAB"}), ["XAA"], ["c"])
    assert not arr.has_rows[0, 0] and not arr.searched[0, 0]


def test_the_most_severe_applicable_row_decides():
    rows = _rows({"row_kind": "not_criminalised"}, {"max_penalty_years": 5.0},
                 {"row_kind": "search_note"})
    assert _status(rows) == (True, True, True, True)


def test_a_stated_minimum_at_the_threshold_is_a_serious_crime_below_it_unknown():
    assert _status(_rows({"min_penalty_years": 5.0}))[:2] == (True, True)
    assert _status(_rows({"min_penalty_years": 1.0}))[:2] == (False, False)


def test_a_sentence_imposed_proves_the_maximum_is_at_least_that():
    assert _status(_rows({"sentence_imposed_years": 6.0}))[:2] == (True, True)
    assert _status(_rows({"sentence_imposed_years": 6.0}), threshold=7.0)[:2] == (False, False)


def test_fine_only_is_a_known_crime_that_opens_the_domestic_powers():
    """Issue 14.4: art. 23(2)(c) reaches the evidence of any criminal offence."""
    rows = _rows({"max_penalty_years": 0.0, "sanction": "fine_only"})
    assert _status(rows) == (False, True, True, True)
    parts = legal.category_parts(legal.offence_arrays(rows, ["XAA"], ["c"]), 4.0, 0.3)
    assert parts.value[0, 0] == parts.lower[0, 0] == parts.upper[0, 0] == 0.3


def test_an_offence_outside_the_criminal_law_is_known_and_opens_nothing():
    rows = _rows({"max_penalty_years": 0.0, "sanction": "not_criminal"})
    assert _status(rows) == (False, True, False, True)
    parts = legal.category_parts(legal.offence_arrays(rows, ["XAA"], ["c"]), 4.0, 0.3)
    assert parts.value[0, 0] == 0.0


@pytest.mark.parametrize("penalty, sanction, message", [
    ("0", "", "a maximum of 0 years does not say whether the conduct is still a crime"),
    ("2", "fine_only", "sanction 'fine_only' given for a row whose maximum is not 0"),
])
def test_validation_asks_what_a_maximum_of_zero_means(shipped_copy, penalty, sanction,
                                                     message):
    data, meta = shipped_copy
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    row = off.index[(off["row_kind"] == "offence") & (off["max_penalty_years"] == "3")][0]
    off.loc[row, ["max_penalty_years", "sanction"]] = [penalty, sanction]
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert f"offences.csv:{row + 2}: sanction: {message}" in result.stderr


@pytest.mark.parametrize("kind, penalty, message", [
    ("not_criminalised", "3", "a not_criminalised row carries a penalty"),
    ("search_note", "2", "a search_note row carries a penalty"),
])
def test_validation_refuses_a_penalty_on_a_non_offence_row(shipped_copy, kind, penalty,
                                                           message):
    data, meta = shipped_copy
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    i = off.index[off["row_kind"] == kind][0]
    off.loc[i, "max_penalty_years"] = penalty
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert f"offences.csv:{i + 2}: row_kind: {message}" in result.stderr


def test_a_cell_with_only_a_repealed_or_riot_row_is_searched_not_unsearched():
    repealed = _rows({"max_penalty_years": 8.0, "in_force": False})
    riot = _rows({"max_penalty_years": 10.0, "requires_violence": True})
    for rows in (repealed, riot):
        assert _status(rows) == (False, False, False, True)


def test_a_restated_provision_counts_once_through_the_row_that_gives_its_penalty():
    """A row with no maximum that restates another row's provision (same_provision_as) no
    longer keeps the category open; without the link it does (hand-checked: 3 < 4, known
    only when every applicable row has a maximum)."""
    given = {"row_id": "f.csv:2", "max_penalty_years": 3.0}
    vague = {"row_id": "f.csv:3"}
    assert _status(_rows(given, vague))[:2] == (False, False)
    assert _status(_rows(given, {**vague, "same_provision_as": "f.csv:2"}))[:2] == (False, True)


@pytest.mark.parametrize("target, message", [
    ("nothere.csv:9", "'nothere.csv:9' is not a row_id of offences.csv"),
    ("other", "is a row of another state or category"),
    ("chain", "itself restates another row"),
])
def test_validation_refuses_a_same_provision_link_that_does_not_count_once(
        shipped_copy, target, message):
    data, meta = shipped_copy
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    linked = off.index[off["same_provision_as"] != ""][0]
    if target == "other":
        target = off.loc[off["iso3"] != off.loc[linked, "iso3"], "row_id"].iloc[0]
    elif target == "chain":
        # Point the link at another restated row.
        target = off.loc[(off["same_provision_as"] != "") & (off.index != linked),
                         "row_id"].iloc[0]
        off.loc[off["row_id"] == target, ["iso3", "category"]] = \
            off.loc[linked, ["iso3", "category"]].to_numpy()
    off.loc[linked, "same_provision_as"] = target
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert f"offences.csv:{linked + 2}: same_provision_as:" in result.stderr
    assert message in result.stderr


def test_validation_refuses_a_not_criminalised_row_marked_out_of_force(shipped_copy):
    """'Out of force' on a cited absence would silently drop it from the score; only a later
    offence row (superseded_by) may end an absence."""
    data, meta = shipped_copy
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    i = off.index[(off["row_kind"] == "not_criminalised") & (off["superseded_by"] == "")][0]
    off.loc[i, "in_force"] = "false"
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert (f"offences.csv:{i + 2}: in_force: a not_criminalised row is marked out of force "
            "without a later row") in result.stderr
    off.loc[i, "superseded_by"] = off.loc[off["row_kind"] == "offence", "row_id"].iloc[0]
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    assert "not_criminalised row is marked out of force" not in run(
        "validate", "--data", data, "--indicators", meta).stderr


@pytest.mark.parametrize("column, value, message", [
    ("min_penalty_years", "9", "stated minimum of 9 years is above the maximum"),
    ("sentence_imposed_years", "12", "sentence imposed of 12 years is above the maximum"),
])
def test_validation_refuses_a_minimum_or_sentence_above_the_maximum(shipped_copy, column,
                                                                   value, message):
    data, meta = shipped_copy
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    i = off.index[off["max_penalty_years"].isin(["5", "5.0"])][0]
    off.loc[i, column] = value
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert f"offences.csv:{i + 2}: {column}: {message}" in result.stderr


@pytest.mark.parametrize("years, text", [
    (15 / 365, "15 days"), (0.0411, "15 days"), (1 / 365, "1 day"), (0.0822, "30 days"),
    (0.0833, "1 month"), (0.25, "3 months"), (0.5, "6 months"), (61 / 365, "61 days"),
    (1, "1 year"), (1.25, "1 year 3 months"), (7.5, "7 years 6 months"), (20, "20 years"),
    (2.4, "2.4 years"),
])
def test_penalty_terms_read_in_the_unit_the_law_uses(years, text):
    assert duration_text(years) == text


@given(st.integers(min_value=1, max_value=11))
def test_whole_months_stored_as_years_read_back_as_months(months):
    # The curation rule stores months / 12 rounded to 4 decimals (METHODOLOGY section 2).
    assert duration_text(round(months / 12, 4)) == (f"{months} month" + ("s" if months > 1 else ""))


def test_a_row_that_fails_the_rights_test_does_not_count_but_records_the_search():
    """Issue 14.3: a bomb hoax filed as false news must not make false news serious."""
    rows = _rows({"max_penalty_years": 5.0, "protected_conduct": False})
    assert _status(rows) == (False, False, False, True)


def test_one_provision_filed_in_two_categories_carries_one_penalty():
    rows = pd.DataFrame([
        {"row_id": "r.csv:2", "iso3": "XAA", "category": "c", "max_penalty_years": 5.0,
         "life_imprisonment": False, "death_penalty": False, "row_kind": "offence",
         "same_provision_in": None},
        {"row_id": "r.csv:3", "iso3": "XAA", "category": "d", "max_penalty_years": np.nan,
         "life_imprisonment": False, "death_penalty": False, "row_kind": "offence",
         "same_provision_in": "r.csv:2"},
    ])
    arr = legal.offence_arrays(legal.with_linked_penalties(rows), ["XAA"], ["c", "d"])
    serious, known = legal.category_status(arr, 4.0)
    assert serious.tolist() == [[True, True]] and known.all()


@pytest.mark.parametrize("case, message", [
    ("own_penalty", "a row that takes its penalty from another category's row states one"),
    ("same_category", "is not a row of"),
])
def test_validation_refuses_a_cross_category_link_that_gives_two_maxima(shipped_copy, case,
                                                                          message):
    data, meta = shipped_copy
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    offence = (off["row_kind"] == "offence") & (off["same_provision_in"] == "")
    cell = off[offence].groupby(["iso3", "category"]).filter(lambda g: len(g) > 1)
    row, other = cell.index[0], cell.index[1]  # two rows of one state and category
    if case == "own_penalty":
        off.loc[row, "max_penalty_years"] = "3"
        target = off.index[offence & (off["iso3"] == off.loc[row, "iso3"])
                           & (off["category"] != off.loc[row, "category"])][0]
    else:
        off.loc[row, ["max_penalty_years", "min_penalty_years",
                      "sentence_imposed_years", "sanction"]] = ""
        off.loc[row, ["life_imprisonment", "death_penalty"]] = "false"
        target = other
    off.loc[row, "same_provision_in"] = off.loc[target, "row_id"]
    off.to_csv(data / "offences.csv", index=False, lineterminator="\n")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert f"offences.csv:{row + 2}: same_provision_in:" in result.stderr
    assert message in result.stderr
