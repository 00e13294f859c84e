"""What to research next: the unknown cells whose knowledge narrows the bounds most
(METHODOLOGY.md 9.6).

For an unknown offence category c of state s, knowing it fixes the category at one of its
feasible values v (its floor, d, or 1). With the geometric composite, exposure = L^a * R,
where L is legal reach, a its pillar weight share and R the other pillars' part; the bounds
use the lowest and highest L and R. Fixing c at v moves L's bounds to
L_lo + w_c (v - lo_c) and L_hi - w_c (hi_c - v), so the exposure interval narrows by a
computable amount. The priority of a cell is that narrowing averaged over its feasible
values (each equally likely, as in the audit's draw, 13.1), in exposure points. Cells of
states whose standing could change (listed with a range, or too little known) come first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .coverage import offence_cells
from .kernel import Choice, Kernel, standing_names
from .vocab import DEFAULT_THRESHOLD, ENGAGEMENT, LEGAL, PILLARS_FROM_INDICATORS, RANKED
from .weights import Weights, resolve


def priorities(dataset, weights: Weights | str | None = None,
               threshold: float = DEFAULT_THRESHOLD, kernel: Kernel | None = None
               ) -> pd.DataFrame:
    """One row per unknown state x category cell, most useful research first.

    Columns: iso3, name, category, status (open / searched / none, as in ``coverage``),
    standing, class_lower, class_upper, exposure_lower, exposure_upper, narrowing (exposure
    points the interval loses, on average, once the cell is known), could_change (the
    state's standing or class could change).
    """
    k = kernel if kernel is not None else Kernel(dataset)
    w = resolve(dataset, weights)
    pw, iw, cw = k.weights_matrix(w, 1)
    b = k.run(Choice(threshold=threshold).checked(), pw, iw, cw)
    parts = k.categories(threshold)
    pwn = pw[0] / pw[0].sum()
    a = pwn[k.pillar_ids.index(LEGAL)]
    others = [p for p in (*PILLARS_FROM_INDICATORS, ENGAGEMENT)]
    with np.errstate(divide="ignore"):
        r_lo = np.exp(sum(np.log(np.broadcast_to(b.pillar_lower[p], (k.n, 1))[:, 0])
                          * pwn[k.pillar_ids.index(p)] for p in others))
        r_hi = np.exp(sum(np.log(np.broadcast_to(b.pillar_upper[p], (k.n, 1))[:, 0])
                          * pwn[k.pillar_ids.index(p)] for p in others))
    l_lo = b.pillar_lower[LEGAL][:, 0]
    l_hi = b.pillar_upper[LEGAL][:, 0]
    wc = cw[0] / cw[0].sum()
    width = (r_hi * l_hi ** a - r_lo * l_lo ** a) * 100
    d = k.p.domestic_share
    status = offence_cells(dataset, k.p.states, threshold)
    names = dataset.countries.set_index("iso3")["name"]
    rows = []
    standing = np.asarray(b.standing[:, 0])
    names_of_standing = standing_names(standing)
    assert b.class_lower is not None and b.class_upper is not None  # a run with bounds
    assert b.exposure_lower is not None and b.exposure_upper is not None
    for s, c in zip(*np.nonzero(~parts.known), strict=True):
        lo, hi = parts.lower[s, c], parts.upper[s, c]
        values = [lo, d, 1.0] if lo == 0 else [lo, 1.0]
        narrowed = []
        for v in values:
            new_lo = l_lo[s] + wc[c] * (v - lo)
            new_hi = l_hi[s] - wc[c] * (hi - v)
            narrowed.append(width[s] - (r_hi[s] * new_hi ** a - r_lo[s] * new_lo ** a) * 100)
        iso3 = k.p.states[s]
        rows.append({
            "iso3": iso3, "name": names.get(iso3), "category": k.category_ids[c],
            "status": status.iloc[s, c], "standing": names_of_standing[s],
            "class_lower": k.class_ids[b.class_lower[s, 0]],
            "class_upper": k.class_ids[b.class_upper[s, 0]],
            "exposure_lower": b.exposure_lower[s, 0], "exposure_upper": b.exposure_upper[s, 0],
            "narrowing": float(np.mean(narrowed)),
            "could_change": standing[s] != 0,
        })
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["_first"] = out["standing"] != RANKED
    return (out.sort_values(["_first", "narrowing", "iso3", "category"],
                            ascending=[False, False, True, True], kind="stable")
            .drop(columns="_first").reset_index(drop=True))
