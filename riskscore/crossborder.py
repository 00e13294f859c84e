"""Cross-border exposure: requesting state R x requested state Q (METHODOLOGY.md 14).

The convention's feared use is R asking Q for the electronic evidence of someone living in
Q, for conduct R punishes with four years or more (arts 2(h), 35(1)(c), 40-46). For every
ordered pair of scored states this module gives a pair risk as an interval, the categories
that pass Q's dual-criminality shield, and the people from R living in Q (UNHCR).

Everything comes from the one kernel (R's categories and their bounds, Q's criminal law and
safeguard pillar, both states' engagement), from the cited research tables (Q's shields in
its mutual-legal-assistance law, ``country_data/shields.csv``; R's record of transnational
repression, ``country_data/transnational_repression.csv``) and from the catalogue
(``indicators/pair_components.csv``, ``indicators/shield_features.csv``); no weight is
written here. What is not in the data is unknown, and the interval covers every answer.
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
    w = comp.reindex(list(COMPONENTS)).fillna(0.0).to_numpy()  # an absent component: 0
    if multipliers is not None:
        w = w * multipliers
    return w / w.sum()


COMPONENTS = ("reach", "requested_safeguard", "parties", "record")
# Dual-criminality values under which Q must refuse conduct it does not punish (a request
# for electronic evidence asks for a coercive measure); "discretionary" and unknown may.
MUST_REFUSE = ("all", "coercive")


@dataclass(frozen=True)
class Shields:
    """What stands between R's request and the person in Q, as bounds (METHODOLOGY.md 14).

    Per requested state Q: whether its law surely / possibly stops a request for conduct it
    does not punish (dual criminality), and the share of its safeguard deficit its refusal
    grounds and controls remove, with unknown features at none (``relief_low``) or at
    their best value (``relief_high``). Per requesting state R: its record of reaching
    abroad, 1 where Freedom House documents it, else between the catalogue's floor and 1.
    """

    demands_surely: np.ndarray
    demands_maybe: np.ndarray
    relief_low: np.ndarray
    relief_high: np.ndarray
    record_low: np.ndarray
    record_high: np.ndarray


def shields(dataset: Dataset, states: list[str]) -> Shields:
    from .vocab import UNKNOWN

    n = len(states)
    index = {s: i for i, s in enumerate(states)}
    table = dataset.shields if dataset.shields is not None else pd.DataFrame(
        columns=["iso3", "feature", "value"])
    decided = table[(table["value"] != UNKNOWN) & table["iso3"].isin(index)]
    value = {(r.iso3, r.feature): r.value for r in decided.itertuples(index=False)}
    dc = [value.get((s, "dual_criminality")) for s in states]
    surely = np.array([v in MUST_REFUSE for v in dc])
    maybe = np.array([v != "none" for v in dc])
    relief_low, relief_high = np.zeros(n), np.zeros(n)
    feats = dataset.shield_features
    if feats is not None and len(feats):
        reduction = feats.set_index(["feature", "value"])["reduction"].astype(float)
        for feature, best in feats.groupby("feature")["reduction"].max().items():
            for i, s in enumerate(states):
                v = value.get((s, feature))
                got = float(reduction.get((feature, v), 0.0)) if v is not None else None
                relief_low[i] += got if got is not None else 0.0
                relief_high[i] += got if got is not None else float(best)
    record_low, record_high = np.ones(n), np.ones(n)
    comp = dataset.pair_components
    tnr = dataset.transnational_repression
    if comp is not None and "floor" in comp and (comp["id"] == "record").any():
        floor = float(comp.loc[comp["id"] == "record", "floor"].iloc[0])
        listed = set() if tnr is None else set(tnr.loc[tnr["role"] == "perpetrator", "iso3"])
        record_low = np.array([1.0 if s in listed else floor for s in states])
    return Shields(surely, maybe, relief_low, relief_high, record_low, record_high)


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


def pair_risk(reach: np.ndarray, safeguard: np.ndarray, both: np.ndarray,
              record: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """R x Q risk 0-100: weighted geometric mean of reach (R x Q), Q's safeguard deficit
    after its shields (Q), both-parties (R x Q) and R's record (R); 0 on the diagonal (a
    state does not ask itself)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = (weights[0] * np.log(reach) + weights[1] * np.log(safeguard)[None, :]
                + weights[2] * np.log(both) + weights[3] * np.log(record)[:, None])
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
    # category by category (a proxy for the conduct of a request): the proven side lets Q
    # refuse conduct it does not punish wherever its law may (or is unknown), the possible
    # side only where its law must.
    # Q punishes the conduct for certain where some row is a criminal offence; it could
    # where the category is unknown.
    sh = shields(dataset, k.p.states)
    pass_lo = passing(parts.known & parts.serious, parts.criminalised, sh.demands_maybe)
    pass_hi = passing(parts.serious | ~parts.known, parts.criminalised | ~parts.known,
                      sh.demands_surely)
    no_dc = (parts.serious | ~parts.known)[:, None, :] \
        & (parts.known & (parts.value == 0))[None, :, :]
    level = k.engagement_level(choice.scenario)
    both = parties(level, np.array([k.p.engagement_value[x] for x in level]))
    comp = pair_components(dataset)
    # Q's courts: its safeguard-deficit pillar (bounds 0-1 where too few indicators),
    # lowered by the refusal grounds and controls of its cooperation law.
    safe_lo = b.pillar_lower[SAFEGUARD][:, 0] * (1.0 - sh.relief_high)
    safe_hi = b.pillar_upper[SAFEGUARD][:, 0] * (1.0 - sh.relief_low)
    risk_lo = pair_risk(pass_lo @ cat_w, safe_lo, both, sh.record_low, comp)
    risk_hi = pair_risk(pass_hi @ cat_w, safe_hi, both, sh.record_high, comp)
    diagonal = np.eye(n, dtype=bool)
    pass_lo[diagonal] = pass_hi[diagonal] = no_dc[diagonal] = False
    return PairArrays(k.p.states, k.category_ids, pass_lo, pass_hi, risk_lo, risk_hi,
                      _people(dataset, k.p.states), no_dc)


@dataclass(frozen=True)
class CitedLine:
    """One cited fact about a state's shields or record, as reports show it."""

    what: str
    value: str
    law: str
    source_title: str
    source_url: str
    source_date: str
    confidence: str
    source_quality: str
    row_id: str


def state_shields(dataset: Dataset, iso3: str) -> list[CitedLine]:
    """The cited rows on ``iso3``'s cooperation law (searches without result included)."""
    table = dataset.shields
    if table is None or table.empty:
        return []
    rows = table[table["iso3"] == iso3]
    return [CitedLine(r.feature.replace("_", " "), r.value, r.law, r.source_title,
                      r.source_url, str(r.source_date), r.confidence, r.source_quality,
                      r.row_id) for r in rows.itertuples(index=False)]


def state_record(dataset: Dataset, iso3: str) -> list[CitedLine]:
    """Freedom House's findings of ``iso3`` reaching abroad (as perpetrator), cited."""
    table = dataset.transnational_repression
    if table is None or table.empty:
        return []
    rows = table[(table["iso3"] == iso3) & (table["role"] == "perpetrator")]
    return [CitedLine(f"incidents {r.period}",
                      "listed" if pd.isna(r.incidents) else str(int(r.incidents)), "",
                      r.source_title, r.source_url, str(r.source_date), r.confidence,
                      r.source_quality, r.row_id) for r in rows.itertuples(index=False)]


def limits_note(dataset: Dataset) -> str:
    """What the pair model rests on and what it lacks, in one sentence for every output."""
    from .vocab import UNKNOWN

    sh = dataset.shields
    researched = 0 if sh is None else sh.loc[sh["value"] != UNKNOWN, "iso3"].nunique()
    tnr = dataset.transnational_repression
    perpetrators = 0 if tnr is None else tnr.loc[tnr["role"] == "perpetrator", "iso3"].nunique()
    return (f"Dual criminality is judged by offence category (a proxy). Cooperation-law "
            f"shields are cited for {researched} requested states and Freedom House documents "
            f"the record of {perpetrators} requesting states; every other shield and record "
            "is unknown and counted both ways in the range (METHODOLOGY 14).")


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
