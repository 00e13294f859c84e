"""Warnings about what the data rest on, which do not stop a run (issue 14.5).

``validate`` fails on data that cannot be right; these are data that may be right but rest
on weak ground: a category that is a serious crime only on the word of a secondary copy (a
wiki, a blog repost, a document host). The row still counts - dropping it would make the
unknown read as safe - but the curator is told to find a better page (METHODOLOGY.md 6.1).
"""

from __future__ import annotations

import pandas as pd

from . import legal
from .errors import Problem
from .schemas import OFFENCES
from .vocab import DEFAULT_THRESHOLD

SECONDARY = "secondary_copy"


def _patterns(text: object) -> list[str]:
    return [p.strip() for p in str(text or "").lower().split("|") if p.strip()]


def recodified(offences: pd.DataFrame, recodifications: pd.DataFrame | None) -> list[Problem]:
    """One warning per offence row still counted that cites a criminal code since replaced
    (``country_data/recodifications.csv``): the provision may have a new number or penalty,
    or be gone. A row whose law also names the new code is taken as already checked."""
    if recodifications is None or recodifications.empty:
        return []
    counted = legal.applicable(offences) & (offences["row_kind"] == "offence")
    laws = offences["law"].fillna("").str.lower()
    problems = []
    for r in recodifications.itertuples(index=False):
        old, new = _patterns(r.old_code_patterns), _patterns(r.new_code_patterns)
        rows = offences.index[counted & (offences["iso3"] == r.iso3)]
        for i in rows:
            law = laws[i]
            if any(p in law for p in old) and not any(p in law for p in new):
                problems.append(Problem(
                    OFFENCES.name, int(i) + 2, "law",
                    f"{r.iso3} cites {r.old_code}, replaced by {r.new_code} in force "
                    f"{r.new_in_force}",
                    "find the provision in the new code (number, penalty) and add it; mark "
                    "this row in_force false (superseded_by the new row)"))
    return problems


def secondary_only(offences: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD
                   ) -> list[Problem]:
    """One warning per row that makes its category a serious crime when every such row of
    that state and category rests on a secondary copy."""
    if "source_quality" not in offences:
        return []
    serious = legal.applicable(offences) & (legal.severity_bound(offences) >= threshold)
    rows = offences[serious]
    weak = rows["source_quality"].eq(SECONDARY).groupby(
        [rows["iso3"], rows["category"]]).transform("all")
    return [Problem(OFFENCES.name, int(line) + 2, "source_quality",
                    f"{row['iso3']} {row['category']} is a serious crime only on the word of "
                    f"a secondary copy ({row['source_url']})",
                    "cite the statute, an official gazette, a court decision, a legal "
                    "database or a reputable NGO or press report, and set source_quality")
            for line, row in rows[weak].iterrows()]
