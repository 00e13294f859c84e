"""Change since the last edition (issue 16.7): what moved each state's score between two
data folders, and by how much.

For every state scored in either edition: the exposure and class before and after, the
change, and the inputs that changed - indicator values (the latest year of each), offence
rows added or removed (by row id, with their category and penalty), and the convention
status. The score change is attributed to nothing it was not caused by: each input is
listed only if its value differs.
"""

from __future__ import annotations

import pandas as pd

from .loading import Dataset
from .scoring import score

OFFENCE_KEY = ["iso3", "category", "law", "max_penalty_years", "life_imprisonment",
               "death_penalty", "row_kind", "in_force", "sanction"]


def diff(old: Dataset, new: Dataset, threshold: float = 4.0) -> pd.DataFrame:
    """One row per state: exposure_old, exposure_new, change, class_old, class_new,
    standing_old, standing_new and ``what_changed`` (a readable list)."""
    a = score(old, threshold=threshold).set_index("iso3")
    b = score(new, threshold=threshold).set_index("iso3")
    states = sorted(set(a.index) | set(b.index))
    moved: dict[str, list[str]] = {s: [] for s in states}
    for s, text in _indicator_changes(old, new):
        moved.setdefault(s, []).append(text)
    for s, text in _offence_changes(old, new):
        moved.setdefault(s, []).append(text)
    for s, text in _status_changes(old, new):
        moved.setdefault(s, []).append(text)
    out = pd.DataFrame({
        "iso3": states,
        "name": [b["name"].get(s, a["name"].get(s)) for s in states],
        "exposure_old": [a["exposure"].get(s) for s in states],
        "exposure_new": [b["exposure"].get(s) for s in states],
        "class_old": [a["class"].get(s) for s in states],
        "class_new": [b["class"].get(s) for s in states],
        "standing_old": [a["standing"].get(s) for s in states],
        "standing_new": [b["standing"].get(s) for s in states],
        "what_changed": ["; ".join(moved.get(s, [])) for s in states],
    })
    out["change"] = (out["exposure_new"].astype(float) - out["exposure_old"].astype(float)).round(2)
    def label(col: str) -> pd.Series:
        return out[col].where(out[col].notna(), "").astype(str)

    changed = (out["what_changed"] != "") | (out["change"].abs() > 0.005) \
        | (label("class_old") != label("class_new")) \
        | (label("standing_old") != label("standing_new"))
    return out[changed].sort_values("change", key=lambda c: -c.abs().fillna(0),
                                    kind="stable").reset_index(drop=True)


def _latest(ds: Dataset) -> pd.Series:
    obs = ds.observations.sort_values("year")
    return obs.groupby(["iso3", "indicator"])[["year", "value"]].last().apply(
        lambda r: (int(r["year"]), float(r["value"])), axis=1)


def _indicator_changes(old: Dataset, new: Dataset) -> list[tuple[str, str]]:
    a, b = _latest(old), _latest(new)
    out = []
    for key in sorted(set(a.index) | set(b.index)):
        before, after = a.get(key), b.get(key)
        if before != after:
            def show(v) -> str:
                return "none" if v is None else f"{v[1]:g} ({v[0]})"
            out.append((key[0], f"{key[1]}: {show(before)} -> {show(after)}"))
    return out


def _offence_changes(old: Dataset, new: Dataset) -> list[tuple[str, str]]:
    def rows(ds: Dataset) -> set[tuple]:
        cols = [c for c in OFFENCE_KEY if c in ds.offences]
        return {tuple(str(v) for v in r) for r in ds.offences[cols].itertuples(index=False)}

    before, after = rows(old), rows(new)
    out = []
    for sign, group in (("added", after - before), ("removed", before - after)):
        for r in sorted(group):
            penalty = "life" if r[4] == "True" else "death" if r[5] == "True" else \
                (f"{r[3]} years" if r[3] not in ("nan", "None") else "maximum not found")
            out.append((r[0], f"offence row {sign}: {r[1]}, {r[2]} ({r[6]}, {penalty})"))
    return out


def _status_changes(old: Dataset, new: Dataset) -> list[tuple[str, str]]:
    def status(ds: Dataset) -> dict[str, str]:
        st = ds.convention_status.set_index("iso3")
        return {s: f"signed {r['signed'] or '-'}, step {r['ratification_event'] or '-'}"
                for s, r in st.fillna("").iterrows()}

    a, b = status(old), status(new)
    return [(s, f"convention status: {a.get(s, 'none')} -> {b.get(s, 'none')}")
            for s in sorted(set(a) | set(b)) if a.get(s) != b.get(s)]
