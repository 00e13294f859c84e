"""Source quality (issue 14.5): every row rated; weak ground is warned about, never dropped."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import run
from riskscore.importers.offences import host_rating
from riskscore.quality import secondary_only

RATING = {"blogspot.com": "secondary_copy", "gov.uk": "official",
          "legislation.gov.uk": "statute"}


def test_the_longest_matching_domain_suffix_decides():
    assert host_rating("https://www.legislation.gov.uk/ukpga/2009/25", RATING) == "statute"
    assert host_rating("https://www.justice.gov.uk/x", RATING) == "official"
    assert host_rating("https://someone.blogspot.com/2007/01/x.html", RATING) == \
        "secondary_copy"
    assert host_rating("https://example.org/", RATING) == "unrated"


def _row(category: str, years: float, quality: str) -> dict:
    return {"row_id": "x", "iso3": "XAA", "category": category, "row_kind": "offence",
            "max_penalty_years": years, "life_imprisonment": False, "death_penalty": False,
            "min_penalty_years": np.nan, "sentence_imposed_years": np.nan,
            "source_quality": quality, "source_url": "https://a.blogspot.com/p"}


def test_a_serious_crime_resting_only_on_secondary_copies_is_warned_about():
    rows = pd.DataFrame([_row("c", 5, "secondary_copy"), _row("c", 6, "secondary_copy"),
                         _row("d", 5, "secondary_copy"), _row("d", 5, "statute"),
                         _row("e", 2, "secondary_copy")])
    warned = secondary_only(rows)
    # c: both serious rows weak (two warnings, lines 2 and 3); d: a statute backs it;
    # e: below the threshold.
    assert [(w.row, w.column) for w in warned] == [(2, "source_quality"), (3, "source_quality")]


def test_validate_warns_but_passes_on_the_shipped_data():
    result = run("validate")
    assert result.exit_code == 0
    assert "warning: offences.csv:" in result.stderr
    assert "deserve a better source" in result.stderr


def test_a_row_citing_a_replaced_code_is_warned_about_until_checked():
    """Issue 14.6: a counted row on the old code warns; one marked out of force, or naming
    the new code, does not."""
    from riskscore.quality import recodified

    base = {"iso3": "XAA", "category": "c", "row_kind": "offence", "max_penalty_years": 3.0,
            "life_imprisonment": False, "death_penalty": False, "in_force": None}
    rows = pd.DataFrame([
        {**base, "law": "Penal Code (Law 62 of 1987) art. 318"},
        {**base, "law": "Penal Code (Law 62 of 1987) art. 320", "in_force": False},
        {**base, "law": "Penal Code 2022 (Law 151/2022) art. 391, formerly Law 62 of 1987"},
        {**base, "iso3": "XAB", "law": "Penal Code (Law 62 of 1987)"},
    ])
    recod = pd.DataFrame([{"iso3": "XAA", "new_code": "Law 151/2022", "old_code": "Law 62",
                           "new_in_force": "2022-12-01", "old_code_patterns": "law 62|1987",
                           "new_code_patterns": "151/2022"}])
    warned = recodified(rows, recod)
    assert [w.row for w in warned] == [2]
    assert "replaced by Law 151/2022" in warned[0].message
