"""The audit as text or JSON. The HTML page is a report product (report/audit_page.py)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from .. import output
from ..loading import Dataset
from . import STABILITY_BOUND, STABILITY_MAX, Audit
from .effective import DOMINANCE, TOLERANCE


def tables(a: Audit) -> dict[str, pd.DataFrame]:
    u = a.uncertainty.frame()
    tables = {"uncertainty": u[u["nominal_rank"].notna()].reset_index(drop=True),
              "effective_weights": a.effective.table,
              "coherence": a.effective.correlations,
              "stability": a.stability,
              "missing_data": a.missing_data}
    if a.sensitivity is not None:
        tables["sensitivity"] = a.sensitivity.frame()
    return tables


def audit_text(a: Audit, ds: Dataset) -> str:
    t = tables(a)
    s = a.settings
    parts = [f"Audit of the index: {s['runs']} uncertainty runs (seed {s['seed']}), weights "
             f"+-{s['spread']:.0%}, {len(s['factors'])} factors; Sobol N = {s['sobol_n']}",
             "", "Uncertainty: nominal rank, median and 5-95% interval, class probabilities",
             t["uncertainty"].round(3).to_string(index=False), ""]
    if "sensitivity" in t:
        parts += ["Sensitivity of the mean absolute rank shift (Sobol; 95% bootstrap CI)",
                  t["sensitivity"].round(3).to_string(index=False), ""]
    parts += [f"Effective vs nominal weights (tolerance x{TOLERANCE:g}, dominance "
              f"{DOMINANCE:.0%})", t["effective_weights"].round(3).to_string(index=False), "",
              "Coherence: each indicator's correlation with its pillar; Cronbach's alpha "
              + ", ".join(f"{k} {v:.2f}" for k, v in a.effective.alpha.items()),
              t["coherence"].round(2).to_string(index=False), "",
              f"Top and bottom classes (stable: typical median |rank shift| <= "
              f"{STABILITY_BOUND}, none > {STABILITY_MAX})",
              t["stability"].to_string(index=False), "",
              "What we do not know: states whose class or rank rests on unknown offence "
              "categories", t["missing_data"].to_string(index=False) if len(t["missing_data"])
              else "(none)", ""]
    if len(a.exceptions):
        parts += ["Recorded exceptions (indicators/audit_exceptions.csv):"]
        parts += [f"- {r.input} ({r.level}): {r.reason}" for r in a.exceptions.itertuples()]
        parts += [""]
    if a.pair_people:
        p = a.pair_people
        parts += [f"People within reach of a cross-border request (refugees and others in "
                  f"need of protection): {p['proven']:,}-{p['possible']:,} from the bounds; "
                  f"across the runs median {p['median']:,}, 5-95% {p['p05']:,}-{p['p95']:,}",
                  ""]
    parts += ["Problems to review:" if a.problems else "Problems to review: none"]
    parts += [f"- {p}" for p in a.problems]
    return "\n".join(parts) + "\n"


def audit_json(a: Audit, ds: Dataset) -> str:
    return output.to_json({
        # No timings, dates or paths: two runs with the same seed give the same bytes.
        "settings": a.settings, "problems": a.problems, "pair_people": a.pair_people,
        "alpha": a.effective.alpha,
        **{name: output.records(frame) for name, frame in tables(a).items()},
        "robustness": {k: dataclasses.asdict(v) for k, v in a.robustness.items()},
    })
