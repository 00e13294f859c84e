"""Audit of the index: uncertainty, sensitivity, effective weights, claim robustness.

Notebook use::

    import riskscore
    a = riskscore.audit(riskscore.load(), runs=1000, seed=1)
    a.uncertainty.frame()        # nominal, median and 5-95 % rank; class probabilities
    a.sensitivity.frame()        # Sobol indices of the mean absolute rank shift
    a.effective.table            # effective vs nominal weights
    a.problems                   # what a reviewer must look at (empty = clean)

Follows the JRC statistical audit (OECD/JRC Handbook 2008; Saisana, Saltelli & Tarantola
2005); METHODOLOGY.md section 13.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from ..kernel import Kernel
from ..loading import Dataset
from ..progress import Progress, no_progress
from ..scoring import score
from ..weights import Weights, resolve
from .claims import Robustness, median_abs_shift, robustness
from .effective import Effective, check, effective_weights
from .factors import DEFAULT_SPREAD, factor_space
from .sensitivity import Sensitivity, run_sensitivity
from .uncertainty import Uncertainty, run_uncertainty

# The top and bottom classes are stable when, across the uncertainty runs, the typical state
# in them (the median over the class's states of each state's median |rank shift|) moves at
# most STABILITY_BOUND places and no state in them moves more than STABILITY_MAX
# (METHODOLOGY.md 13.5).
STABILITY_BOUND = 5
STABILITY_MAX = 10


@dataclass
class Audit:
    uncertainty: Uncertainty
    sensitivity: Sensitivity | None
    effective: Effective
    exceptions: pd.DataFrame
    problems: list[str]
    stability: pd.DataFrame  # states in the top and bottom classes, median |rank shift|
    robustness: dict[str, Robustness] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    missing_data: pd.DataFrame = field(default_factory=pd.DataFrame)
    # people within reach of a cross-border request across the runs (METHODOLOGY.md 14.1)
    pair_people: dict[str, int] = field(default_factory=dict)


def load_exceptions(indicators_dir: Path) -> pd.DataFrame:
    """Recorded reasons why an input's effective weight may differ from its nominal one."""
    path = Path(indicators_dir) / "audit_exceptions.csv"
    if not path.exists():
        return pd.DataFrame(columns=["input", "level", "reason", "recorded"])
    from ..schemas import AUDIT_EXCEPTIONS
    from ..validate import read_table

    frame, problems = read_table(path, AUDIT_EXCEPTIONS)
    if frame is None or problems:
        from ..errors import ValidationFailed

        raise ValidationFailed(problems)
    return frame


def stability(u: Uncertainty, one_class: np.ndarray | None = None) -> pd.DataFrame:
    """States nominally in the top and in the bottom ranked class, with each one's median
    absolute rank shift across the runs. ``one_class`` (aligned on ``u.states``) keeps only
    states ranked in a single class: a state listed with a range makes no class claim
    (METHODOLOGY.md 9.2), and its movement is reported under missing data (13.6)."""
    shift = median_abs_shift(u)
    placed = u.nominal_rank > 0
    if one_class is not None:
        placed = placed & one_class
    ranked_classes = sorted({int(c) for c in u.nominal_class[placed]})
    if not ranked_classes:
        return pd.DataFrame(columns=["iso3", "group", "class", "nominal_rank",
                                     "median_abs_shift"])
    rows = []
    for which, cls in (("top", ranked_classes[-1]), ("bottom", ranked_classes[0])):
        for i in np.flatnonzero((u.nominal_class == cls) & placed):
            rows.append({"iso3": u.states[i], "group": which, "class": u.class_ids[cls],
                         "nominal_rank": int(u.nominal_rank[i]),
                         "median_abs_shift": float(shift[i])})
    return pd.DataFrame(rows)


def stability_problems(stab: pd.DataFrame, exceptions: pd.DataFrame | None = None
                       ) -> list[str]:
    """Classes whose typical state moves too far, and states that move beyond the limit
    without a reason recorded in audit_exceptions.csv (level ``stability``)."""
    excused = set() if exceptions is None else set(
        exceptions.loc[exceptions["level"] == "stability", "input"])
    problems = []
    for group, g in stab.groupby("group"):
        typical = float(g["median_abs_shift"].median())
        if typical > STABILITY_BOUND:
            problems.append(f"{group} class unstable: its states' median rank shift is "
                            f"{typical:g} places (bound {STABILITY_BOUND})")
        moving = g[(g["median_abs_shift"] > STABILITY_MAX) & ~g["iso3"].isin(excused)]
        for r in moving.itertuples(index=False):
            problems.append(f"{r.iso3} ({group} class) moves {r.median_abs_shift:g} places "
                            f"in the median run (limit {STABILITY_MAX})")
    return problems


def missing_data(scores: pd.DataFrame, kernel: Kernel) -> tuple[pd.DataFrame, list[str]]:
    """What the unknown offence categories do to the published ranking (METHODOLOGY.md
    13.6): states tied at a bound of the scale, states whose interval spans two or more
    classes, and states in the top or bottom class only because of what is unknown."""
    placed = scores[scores["ranked"]]
    rows, problems = [], []
    class_ids = kernel.class_ids
    for value, g in placed.groupby("exposure"):
        if len(g) > 1 and value in (0.0, 100.0):
            problems.append(f"{len(g)} states tied at exposure {value:g} (rank "
                            f"{int(g['rank'].min())}): {', '.join(sorted(g['iso3']))}")
            rows += [{"iso3": i, "finding": f"tied at exposure {value:g}"} for i in g["iso3"]]
    spans = placed[placed["class_lower"] != placed["class_upper"]]
    if len(spans):
        problems.append(f"{len(spans)} states have a class range of two or more classes "
                        f"(unknown offence categories): {', '.join(sorted(spans['iso3']))}")
        rows += [{"iso3": r.iso3, "finding": f"class {r.class_lower} to {r.class_upper}"}
                 for r in spans.itertuples(index=False)]
    point_class = pd.Series(np.array(class_ids, dtype=object)[
        kernel.classify(placed["exposure"].to_numpy(float))], index=placed.index)
    for end, label in ((class_ids[0], "bottom"), (class_ids[-1], "top")):
        here = placed[(point_class == end)
                      & ((placed["class_lower"] != end) | (placed["class_upper"] != end))]
        if len(here):
            problems.append(f"{label} class ({end}) holds {len(here)} states only by their "
                            f"point estimate; unknown categories could move them out: "
                            f"{', '.join(sorted(here['iso3']))}")
            rows += [{"iso3": i, "finding": f"{label} class is an artefact of missing data"}
                     for i in here["iso3"]]
    return pd.DataFrame(rows, columns=["iso3", "finding"]), problems


def audit(dataset: Dataset, runs: int = 1000, seed: int = 0,
          weights: Weights | str | Path | None = None, sobol_n: int = 1024,
          spread: float = DEFAULT_SPREAD, sensitivity: bool = True,
          progress: Progress = no_progress, pair_runs: int | None = None) -> Audit:
    """Run the whole audit. Same seed and inputs give identical results. ``pair_runs``:
    runs of the pair model's uncertainty analysis (default: ``runs``; 0 leaves it out)."""
    w = resolve(dataset, weights)
    kernel = Kernel(dataset)
    space = factor_space(w, kernel, spread)
    u = run_uncertainty(kernel, space, runs, seed, progress=progress)
    sens = run_sensitivity(kernel, space, sobol_n, seed, progress=progress) \
        if sensitivity else None
    eff = effective_weights(kernel, w)
    exceptions = load_exceptions(dataset.indicators_dir)
    problems = check(eff, exceptions)
    nominal_scores = score(dataset, w, kernel=kernel)
    standing = nominal_scores.set_index("iso3")["standing"].reindex(u.states)
    # Class stability is a property of the weights and method (JRC): measured on runs that
    # hold the unknown categories at their point values; what the missing data do is
    # reported separately (missing_data, METHODOLOGY.md 13.5-13.6).
    weights_space = factor_space(w, kernel, spread, vary_unknown=False)
    u_weights = run_uncertainty(kernel, weights_space, runs, seed)
    stab = stability(u_weights, (standing == "ranked").to_numpy())
    problems += stability_problems(stab, exceptions)
    names = dict(zip(dataset.classes["id"], dataset.classes["name"], strict=True))
    rob = robustness(u, names)
    gaps, gap_problems = missing_data(nominal_scores, kernel)
    problems += gap_problems
    settings = {"runs": runs, "seed": seed, "sobol_n": sobol_n if sensitivity else 0,
                "spread": spread, "factors": [f.name for f in space.factors],
                "weights": "nominal" if weights is None else str(weights)}
    pair_people: dict[str, int] = {}
    pair_runs = runs if pair_runs is None else pair_runs
    if pair_runs and dataset.displacement is not None and len(dataset.displacement):
        from ..crossborder import headlines, pair_arrays
        from .pairs import run_pair_uncertainty

        h = headlines(dataset, pair_arrays(dataset, w, kernel=kernel))
        pu = run_pair_uncertainty(dataset, w, pair_runs, seed, spread=spread, kernel=kernel)
        pair_people = {"proven": cast(int, h["people_reachable_proven"]),
                       "possible": cast(int, h["people_reachable_possible"]),
                       **pu.people_quantiles()}
    return Audit(u, sens, eff, exceptions, problems, stab, rob, settings, gaps, pair_people)


__all__ = ["Audit", "STABILITY_BOUND", "STABILITY_MAX", "audit", "stability",
           "stability_problems"]
