"""Weights: the catalogue's nominal weights, optionally replaced from a weights file.

A weights file (``--weights FILE``) is a CSV ``kind,id,weight,rationale`` with ``kind`` one of
pillar, indicator, category. It replaces the weights it names; each group must still sum to
1 (METHODOLOGY.md section 5), so a file changes whole groups, never one weight in isolation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import Problem, ValidationFailed
from .loading import Dataset


@dataclass(frozen=True)
class Weights:
    """Weights as Series indexed by id; each group sums to 1."""

    pillars: pd.Series
    indicators: pd.Series
    categories: pd.Series

    def scaled(self, factor: float) -> Weights:
        return Weights(self.pillars * factor, self.indicators * factor, self.categories * factor)


def nominal(ds: Dataset) -> Weights:
    return Weights(ds.pillars.set_index("id")["weight"].astype(float),
                   ds.indicators.set_index("id")["weight"].astype(float),
                   ds.categories.set_index("id")["weight"].astype(float))


def from_file(path: str | Path, ds: Dataset) -> Weights:
    """Nominal weights with those named in ``path`` replaced; every problem listed at once."""
    # Imported here: reading a weights file validates it (pandera); nominal weights do not.
    from .schemas import CATEGORIES, INDICATORS, PILLARS, WEIGHTS_FILE
    from .validate import check_weight_sums, read_table

    path = Path(path)
    frame, problems = read_table(path, WEIGHTS_FILE, label=path.name)
    if frame is None or problems:
        raise ValidationFailed(problems)
    tables = {PILLARS.name: ds.pillars.copy(), INDICATORS.name: ds.indicators.copy(),
              CATEGORIES.name: ds.categories.copy()}
    target = {"pillar": PILLARS.name, "indicator": INDICATORS.name, "category": CATEGORIES.name}
    for line, row in frame.iterrows():
        table = tables[target[row["kind"]]]
        hit = table["id"] == row["id"]
        if not hit.any():
            problems.append(Problem(path.name, int(line), "id",
                                    f"{row['id']!r} is not a {row['kind']} of the catalogue",
                                    f"use an id from indicators/{target[row['kind']]}"))
            continue
        table.loc[hit, "weight"] = row["weight"]
    problems += check_weight_sums(tables, label_suffix=f" (after applying {path.name})")
    if problems:
        raise ValidationFailed(problems)
    return Weights(tables[PILLARS.name].set_index("id")["weight"].astype(float),
                   tables[INDICATORS.name].set_index("id")["weight"].astype(float),
                   tables[CATEGORIES.name].set_index("id")["weight"].astype(float))


def resolve(ds: Dataset, weights: Weights | str | Path | None) -> Weights:
    if weights is None:
        return nominal(ds)
    if isinstance(weights, Weights):
        return weights
    return from_file(weights, ds)
