"""Cross-border exposure: requesting state R x requested state Q (METHODOLOGY.md 14).

The convention's feared use is R asking Q for the electronic evidence of someone living in
Q, for conduct R punishes with four years or more (arts 2(h), 35(1)(c), 40-46). For every
ordered pair of scored states this module gives a pair risk as an interval, the categories
that pass Q's dual-criminality shield, and the people from R living in Q (UNHCR).

Everything comes from the one kernel (R's categories and their bounds, Q's criminal law and
safeguard pillar, both states' engagement) and from the catalogue
(``indicators/pair_components.csv``); no weight is written here. What is not yet in the
data - Q's mutual-legal-assistance law (whether it demands dual criminality, its refusal
grounds) and R's record of transnational repression - is treated as unknown: the interval
covers both answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .kernel import Choice, Kernel
from .loading import Dataset
from .vocab import DEFAULT_THRESHOLD, PILLARS_FROM_INDICATORS, SCENARIOS, check_choice
from .weights import Weights, resolve

SAFEGUARD = PILLARS_FROM_INDICATORS[0]  # the requested state's courts: safeguard deficit
PEOPLE = ("refugees", "asylum_seekers", "oip")


@dataclass(frozen=True)
class PairArrays:
    """Every ordered pair at once: arrays R x Q (x categories)."""

    states: list[str]
    categories: list[str]
    pass_proven: np.ndarray  # R x Q x C: serious in R and criminal in Q (shield cannot stop)
    pass_possible: np.ndarray  # R x Q x C: serious, or unknown, in R (no shield known in Q)
    risk_proven: np.ndarray  # R x Q, 0-100
    risk_possible: np.ndarray
    people: np.ndarray  # R x Q: refugees, asylum-seekers and others in need from R in Q
    no_dual_criminality: np.ndarray  # R x Q x C: serious in R, known not criminal in Q


def pair_components(dataset: Dataset, multipliers: np.ndarray | None = None) -> np.ndarray:
    """The pair model's weights (reach, requested safeguard, parties), summing to 1, from
    ``indicators/pair_components.csv``; optionally scaled first (the audit's draws)."""
    assert dataset.pair_components is not None  # loaded with the catalogue
    comp = dataset.pair_components.set_index("id")["weight"].astype(float)
    w = comp.reindex(list(COMPONENTS)).to_numpy()
    if multipliers is not None:
        w = w * multipliers
    return w / w.sum()


COMPONENTS = ("reach", "requested_safeguard", "parties")


def parties(level: np.ndarray, value: np.ndarray) -> np.ndarray:
    """R x Q: 0 when either state has not signed (nothing binds it), else the smaller of
    the two engagement values."""
    bound = level != "none"
    return np.where(bound[:, None] & bound[None, :],
                    np.minimum(value[:, None], value[None, :]), 0.0)


def passing(serious: np.ndarray, criminal: np.ndarray, demands: np.ndarray) -> np.ndarray:
    """R x Q x C: a category R punishes as a serious crime passes Q's shield when Q punishes
    the conduct too, or when Q does not demand dual criminality."""
    return serious[:, None, :] & (criminal[None, :, :] | ~demands[None, :, None])


def pair_risk(reach: np.ndarray, courts: np.ndarray, both: np.ndarray,
              weights: np.ndarray) -> np.ndarray:
    """R x Q risk 0-100: weighted geometric mean of reach (R x Q), Q's safeguard deficit
    (Q) and both-parties (R x Q); 0 on the diagonal (a state does not ask itself)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = (weights[0] * np.log(reach) + weights[1] * np.log(courts)[None, :]
                + weights[2] * np.log(both))
        risk = np.nan_to_num(np.exp(logs), nan=0.0) * 100
    np.fill_diagonal(risk, 0.0)
    return risk


def pair_arrays(dataset: Dataset, weights: Weights | str | None = None,
                threshold: float = DEFAULT_THRESHOLD, scenario: str = "current",
                kernel: Kernel | None = None) -> PairArrays:
    """The pair model for every ordered pair of scored states (R != Q); computed once per
    kernel, weights, threshold and scenario (explain and the site ask many times)."""
    check_choice("scenario", scenario, SCENARIOS)
    k = kernel if kernel is not None else Kernel(dataset)
    w = resolve(dataset, weights)
    choice = Choice(threshold=threshold, scenario=scenario).checked()
    key = ("pairs", choice.threshold, scenario,
           *(tuple(x.round(12).items()) for x in (w.pillars, w.indicators, w.categories)))
    if key not in k.memo:
        k.memo[key] = _pair_arrays(dataset, w, choice, k)
    return k.memo[key]


def _pair_arrays(dataset: Dataset, w: Weights, choice: Choice, k: Kernel) -> PairArrays:
    pw, iw, cw = k.weights_matrix(w, 1)
    b = k.run(choice, pw, iw, cw)
    parts = k.categories(choice.threshold)
    cat_w = cw[0] / cw[0].sum()
    n = k.n
    # R's categories certainly serious, and those that could be (unknown). Q's shield,
    # category by category (a proxy for the conduct of a request): whether Q demands dual
    # criminality is not yet researched, so the proven side assumes it does and the
    # possible side that it does not.
    criminal_q = parts.known & (parts.value > 0)
    pass_lo = passing(parts.known & parts.serious, criminal_q, np.ones(n, dtype=bool))
    pass_hi = passing(parts.serious | ~parts.known, criminal_q, np.zeros(n, dtype=bool))
    no_dc = (parts.serious | ~parts.known)[:, None, :] \
        & (parts.known & (parts.value == 0))[None, :, :]
    level = k.engagement_level(choice.scenario)
    both = parties(level, np.array([k.p.engagement_value[x] for x in level]))
    comp = pair_components(dataset)
    # Q's courts: its safeguard-deficit pillar (bounds 0-1 where too few indicators).
    risk_lo = pair_risk(pass_lo @ cat_w, b.pillar_lower[SAFEGUARD][:, 0], both, comp)
    risk_hi = pair_risk(pass_hi @ cat_w, b.pillar_upper[SAFEGUARD][:, 0], both, comp)
    diagonal = np.eye(n, dtype=bool)
    pass_lo[diagonal] = pass_hi[diagonal] = no_dc[diagonal] = False
    return PairArrays(k.p.states, k.category_ids, pass_lo, pass_hi, risk_lo, risk_hi,
                      _people(dataset, k.p.states), no_dc)


def _people(dataset: Dataset, states: list[str]) -> np.ndarray:
    d = dataset.displacement
    out = np.zeros((len(states), len(states)))
    if d is None or d.empty:
        return out
    index = {s: i for i, s in enumerate(states)}
    latest = d[d["year"] == d["year"].max()]
    total = latest[list(PEOPLE)].astype(float).fillna(0).sum(axis=1)
    for origin, asylum, people in zip(latest["origin"], latest["asylum"], total, strict=True):
        if origin in index and asylum in index:
            out[index[origin], index[asylum]] += people
    return out


def pairs(dataset: Dataset, weights: Weights | str | None = None,
          threshold: float = DEFAULT_THRESHOLD, scenario: str = "current",
          requesting: str | None = None, requested: str | None = None,
          kernel: Kernel | None = None, runs: int = 0, seed: int = 0) -> pd.DataFrame:
    """One row per ordered pair (requesting R, requested Q), highest possible risk first.

    Columns: requesting, requested, risk_proven and risk_possible (0-100: what the rows
    prove, and what the unknowns allow), people (from R living in Q), passing (categories
    that pass Q's shield whatever is unknown), possibly_passing (those that could),
    not_criminal_in_requested (serious in R, not punished in Q: passes only if Q does not
    demand dual criminality). With ``runs`` > 0, also risk_p05, risk_median and risk_p95
    from that many uncertainty runs (analysis/pairs.py; METHODOLOGY.md 14.1).
    """
    a = pair_arrays(dataset, weights, threshold, scenario, kernel)
    r_idx, q_idx = np.nonzero(~np.eye(len(a.states), dtype=bool))
    if requesting:
        r_idx, q_idx = _only(r_idx, q_idx, r_idx, a.states, requesting)
    if requested:
        r_idx, q_idx = _only(r_idx, q_idx, q_idx, a.states, requested)
    cats = np.array(a.categories, dtype=object)

    def names(mask: np.ndarray) -> list[str]:
        return [", ".join(cats[m]) for m in mask]

    frame = pd.DataFrame({
        "requesting": [a.states[i] for i in r_idx],
        "requested": [a.states[j] for j in q_idx],
        "risk_proven": a.risk_proven[r_idx, q_idx],
        "risk_possible": a.risk_possible[r_idx, q_idx],
        "people": a.people[r_idx, q_idx].round().astype(np.int64),
        "passing": names(a.pass_proven[r_idx, q_idx]),
        "possibly_passing": names(a.pass_possible[r_idx, q_idx]),
        "not_criminal_in_requested": names(a.no_dual_criminality[r_idx, q_idx]),
    })
    if runs:
        from .analysis.pairs import run_pair_uncertainty

        u = run_pair_uncertainty(dataset, resolve(dataset, weights), runs, seed, scenario,
                                 threshold, kernel=kernel)
        for name, q in (("risk_p05", 0.05), ("risk_median", 0.5), ("risk_p95", 0.95)):
            frame[name] = u.risk_quantile(q)[r_idx, q_idx]
    frame.attrs.update(threshold=float(threshold), scenario=scenario, runs=runs, seed=seed)
    return frame.sort_values(["risk_possible", "risk_proven", "people", "requesting",
                              "requested"], ascending=[False, False, False, True, True],
                             kind="stable").reset_index(drop=True)


def _only(r_idx: np.ndarray, q_idx: np.ndarray, by: np.ndarray, states: list[str],
          iso3: str) -> tuple[np.ndarray, np.ndarray]:
    from .errors import UsageError

    code = iso3.upper()
    if code not in states:
        raise UsageError(f"{iso3!r} is not a scored state; use an ISO3 code from "
                         "'riskscore score'")
    keep = by == states.index(code)
    return r_idx[keep], q_idx[keep]


def headlines(dataset: Dataset, a: PairArrays) -> dict[str, object]:
    """People within reach, per host and worldwide, as proven-possible ranges."""
    proven, possible = a.risk_proven > 0, a.risk_possible > 0
    unpunished = a.no_dual_criminality.any(axis=2)
    d = dataset.displacement
    total = 0.0
    if d is not None and not d.empty:
        latest = d[d["year"] == d["year"].max()]
        total = float(latest[list(PEOPLE)].astype(float).fillna(0).to_numpy().sum())
    hosts = pd.DataFrame({
        "host": a.states,
        "people_reachable_proven": (a.people * proven).sum(axis=0),
        "people_reachable_possible": (a.people * possible).sum(axis=0),
        "people_for_conduct_host_does_not_punish": (a.people * possible * unpunished
                                                    ).sum(axis=0),
    })
    requesters = pd.DataFrame({
        "requesting": a.states,
        "hosts_reachable_proven": proven.sum(axis=1),
        "hosts_reachable_possible": possible.sum(axis=1),
        "exiles_in_reach_proven": (a.people * proven).sum(axis=1),
        "exiles_in_reach_possible": (a.people * possible).sum(axis=1),
    })
    return {
        "people_total_unhcr": int(total),
        "people_in_state_pairs": int(a.people.sum()),
        "people_reachable_proven": int((a.people * proven).sum()),
        "people_reachable_possible": int((a.people * possible).sum()),
        "hosts": hosts, "requesting_states": requesters,
    }
