"""Cross-table rules of the pair model's tables (METHODOLOGY.md 14): the requested states'
shields, Freedom House's transnational-repression findings and the catalogue that turns
them into numbers. Called from :func:`riskscore.validate.cross_check`."""

from __future__ import annotations

import pandas as pd

from .errors import Problem
from .schemas import (
    PAIR_COMPONENTS,
    SHIELD_FEATURES,
    SHIELD_VALUES,
    SHIELDS,
    UNKNOWN,
)


def check_pair_tables(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    return _check_shields(tables) + _check_features(tables) + _check_components(tables)


def _values_fix(feature: str) -> str:
    return f"use one of {', '.join(SHIELD_VALUES[feature])} (or {UNKNOWN} for a search note)"


def _check_shields(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Each value fits its feature; a state has at most one value per feature (a search
    note beside it is fine: it records another source that said nothing)."""
    frame = tables.get(SHIELDS.name)
    if frame is None:
        return []
    problems = []
    for line, row in frame.iterrows():
        allowed = SHIELD_VALUES[row["feature"]]
        if row["value"] != UNKNOWN and row["value"] not in allowed:
            problems.append(Problem(SHIELDS.name, int(line), "value",
                                    f"{row['value']!r} is not a value of {row['feature']}",
                                    _values_fix(row["feature"])))
    decided = frame[frame["value"] != UNKNOWN]
    for (iso3, feature), group in decided.groupby(["iso3", "feature"]):
        if group["value"].nunique() > 1:
            lines = [int(x) for x in group.index]
            problems.append(Problem(
                SHIELDS.name, lines[-1], "value",
                f"{iso3} {feature} is given as {' and '.join(sorted(set(group['value'])))} "
                f"(lines {', '.join(map(str, lines))})",
                "keep the value the better source states and record the other as a note"))
    return problems


def _check_features(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Values are those of the feature; the largest reductions leave some deficit (a law
    alone never makes a state's courts perfect)."""
    frame = tables.get(SHIELD_FEATURES.name)
    if frame is None:
        return []
    problems = [Problem(SHIELD_FEATURES.name, int(line), "value",
                        f"{row['value']!r} is not a value of {row['feature']}",
                        _values_fix(row["feature"]))
                for line, row in frame.iterrows()
                if row["value"] not in SHIELD_VALUES[row["feature"]]]
    largest = frame.groupby("feature")["reduction"].max().sum()
    if largest >= 1:
        problems.append(Problem(SHIELD_FEATURES.name, None, "reduction",
                                f"the largest reductions add up to {largest:g}, which would "
                                "erase a requested state's safeguard deficit",
                                "keep the sum of each feature's largest reduction below 1"))
    return problems


def _check_components(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    frame = tables.get(PAIR_COMPONENTS.name)
    if frame is None or "record" not in set(frame["id"]):
        return []
    floor = frame.loc[frame["id"] == "record", "floor"] if "floor" in frame else None
    if floor is None or floor.isna().all():
        line = int(frame.index[frame["id"] == "record"][0])
        return [Problem(PAIR_COMPONENTS.name, line, "floor",
                        "the record component needs a floor (its value for a state with no "
                        "documented record, whose record is unknown)",
                        "give a number from 0 to 1 in the floor column")]
    return []
