"""Legal reach: which rights-protected conduct each state's law makes a "serious crime".

METHODOLOGY.md section 6. Per state and offence category, from the curated offence rows:

* a row *applies* unless it is out of force (repealed, struck down, superseded), it fails
  the rights test (``protected_conduct`` false: the provision does not by its terms reach
  peaceful speech, reporting, criticism or protest - a bomb hoax, a privacy offence), the
  offence requires violence (a riot is not the penalty for a peaceful protest), it is a
  search note (it records that nothing was found), or it restates a provision that another
  row gives with its penalty (``same_provision_as``: counted once, through that row);
* a ``not_criminalised`` row (a cited repeal, or absence from a survey listing every state
  with such a law) has severity bound 0: known, and no imprisonment;
* its *severity bound* is death or life (infinite), else its maximum in years, else the larger
  of a stated minimum and a sentence a court imposed (a minimum or sentence at or above the
  threshold already makes a serious crime);
* the category is a **serious crime** at threshold T when some applicable row's bound is
  >= T; **known not serious** when applicable rows exist, none reaches T and every one has a
  known penalty; otherwise **unknown**. No applicable row at all is unknown, never "not
  criminalised";
* it is **criminalised** (opens the domestic powers, arts 23, 25-29) when some applicable
  row is a criminal offence: imprisonment of known or unknown length, or a row with maximum
  0 whose ``sanction`` is ``fine_only`` (a crime punished without prison: art. 23(2)(c) reaches
  the evidence of *any* criminal offence). A row with maximum 0 and sanction
  ``not_criminal`` (an administrative or petty offence outside the criminal law, or an
  offence since abolished) does not (METHODOLOGY.md 6.1, "Fine only is not decriminalised").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .vocab import SURVEY_ROW_PREFIX

# States and categories whose serious-crime status is known for less than this share of the
# category weight are flagged "insufficient data" (METHODOLOGY.md section 8).
MIN_KNOWN_SHARE = 0.25


@dataclass(frozen=True)
class OffenceArrays:
    """Per state x category summaries of the applicable rows, for vectorised scoring."""

    bound: np.ndarray  # highest severity bound in years (inf = life/death); nan = none known
    has_rows: np.ndarray  # some applicable row exists
    has_unknown: np.ndarray  # some applicable row has no known maximum (open above)
    criminalised: np.ndarray  # some applicable row is a criminal offence (prison, or fine only)
    searched: np.ndarray  # the category has rows (search notes, out of force...), applicable or not
    inferred: np.ndarray  # every applicable row is an absence inferred from a survey


def _kind(offences: pd.DataFrame) -> pd.Series:
    if "row_kind" in offences:
        return offences["row_kind"].fillna("offence")
    return pd.Series("offence", index=offences.index)


LINKED_PENALTY = ("max_penalty_years", "life_imprisonment", "death_penalty",
                  "min_penalty_years", "sentence_imposed_years", "sanction")


def with_linked_penalties(offences: pd.DataFrame) -> pd.DataFrame:
    """A provision filed in two categories states its penalty once: a row naming another
    in ``same_provision_in`` takes that row's penalty fields (validated: same state, other
    category, no penalty of its own). Applied once, when the data are loaded."""
    if "same_provision_in" not in offences or offences["same_provision_in"].isna().all():
        return offences
    out = offences.copy()
    linked = out["same_provision_in"].notna()
    source = out.set_index("row_id").loc[out.loc[linked, "same_provision_in"]]
    for col in LINKED_PENALTY:
        if col in out:
            out.loc[linked, col] = source[col].to_numpy()
    return out


def applicable(offences: pd.DataFrame) -> pd.Series:
    """Rows that count: in force (or of unknown status), not requiring violence, not a
    search note (which records that nothing was found), and not a restatement of a provision
    another row gives with its penalty (``same_provision_as``)."""
    def column(name: str) -> pd.Series:  # an optional field; absent reads as all empty
        return offences[name] if name in offences else pd.Series(None, index=offences.index,
                                                                 dtype=object)

    excluded = (column("in_force").eq(False).fillna(False).astype(bool)
                | column("protected_conduct").eq(False).fillna(False).astype(bool)
                | column("requires_violence").eq(True).fillna(False).astype(bool)
                | column("same_provision_as").notna())
    return ~excluded & (_kind(offences) != "search_note")


def severity_bound(offences: pd.DataFrame) -> pd.Series:
    """Years that certainly can be imposed: inf for life or death, else the maximum, else the
    larger of a stated minimum and a sentence a court has imposed (either proves the maximum
    is at least that long); NaN when the row gives no penalty at all."""
    severe = offences["life_imprisonment"].astype(bool) | offences["death_penalty"].astype(bool)
    years = offences["max_penalty_years"].astype(float)
    floors = [offences[c].astype(float) for c in ("min_penalty_years", "sentence_imposed_years")
              if c in offences]
    if floors:
        years = years.fillna(pd.concat(floors, axis=1).max(axis=1))
    years = years.where(_kind(offences) != "not_criminalised", 0.0)
    return years.where(~severe, np.inf)


def offence_arrays(offences: pd.DataFrame, states: list[str], categories: list[str]
                   ) -> OffenceArrays:
    rows = offences[applicable(offences)].copy()
    rows["bound"] = severity_bound(rows)
    # The maximum is open when no maximum, life or death is given: a stated minimum makes
    # a serious crime when it reaches the threshold, but below it the category stays unknown.
    severe = rows["life_imprisonment"].astype(bool) | rows["death_penalty"].astype(bool)
    rows["unknown"] = rows["max_penalty_years"].isna() & ~severe & (_kind(rows) == "offence")
    fine_only = rows["sanction"].eq("fine_only") if "sanction" in rows else False
    rows["criminal"] = rows["unknown"] | (rows["bound"] > 0) | fine_only
    rows["survey"] = rows["row_id"].astype(str).str.startswith(SURVEY_ROW_PREFIX) \
        if "row_id" in rows else False
    grouped = rows.groupby(["iso3", "category"]).agg(
        bound=("bound", "max"), unknown=("unknown", "any"), criminal=("criminal", "any"),
        survey=("survey", "all"), n=("bound", "size"))
    full = pd.MultiIndex.from_product([states, categories], names=["iso3", "category"])
    g = grouped.reindex(full)
    shape = (len(states), len(categories))
    # Searched: the cell has some row, even if none applies (a search note, a repealed
    # provision, a riot offence): unknown, but not "not yet searched".
    seen = offences.groupby(["iso3", "category"]).size()
    searched = seen.reindex(full).notna().to_numpy().reshape(shape)
    return OffenceArrays(
        bound=g["bound"].to_numpy(dtype=float).reshape(shape),
        has_rows=g["n"].notna().to_numpy().reshape(shape),
        has_unknown=g["unknown"].fillna(False).to_numpy(dtype=bool).reshape(shape),
        criminalised=g["criminal"].fillna(False).to_numpy(dtype=bool).reshape(shape),
        searched=searched,
        inferred=g["survey"].fillna(False).to_numpy(dtype=bool).reshape(shape),
    )


def category_status(arr: OffenceArrays, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """(serious, known): serious crime at ``threshold``, and whether that is known."""
    with np.errstate(invalid="ignore"):
        serious = np.nan_to_num(arr.bound, nan=-1.0) >= threshold
    known = serious | (arr.has_rows & ~arr.has_unknown)
    return serious, known


def domestic_share(provisions: pd.DataFrame) -> float:
    """Share of the convention's intrusiveness that any criminal offence opens (arts 23,
    25-29); a serious crime opens all of it (METHODOLOGY.md section 6)."""
    weight = provisions["intrusiveness"].astype(float)
    return float(weight[provisions["scope"] == "any_offence"].sum() / weight.sum())


@dataclass(frozen=True)
class CategoryParts:
    """Per state x category at one threshold and domestic share (METHODOLOGY.md 6.1, 9.1).

    ``value`` is the category's value where it is known; ``lower`` and ``upper`` bound it
    where it is not: the lowest is the domestic share when an applicable row carries
    a criminal offence of unknown maximum (the law certainly opens the domestic powers), else 0;
    the highest is 1 (a serious crime could be found). Known cells have lower = upper = value.
    """

    value: np.ndarray
    known: np.ndarray
    serious: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    inferred: np.ndarray  # known only through a survey's absence
    criminalised: np.ndarray  # some applicable row is a criminal offence (prison, or fine only)
    has_rows: np.ndarray


def category_parts(arr: OffenceArrays, threshold: float, dom_share: float) -> CategoryParts:
    serious, known = category_status(arr, threshold)
    value = np.where(serious, 1.0, np.where(arr.criminalised, dom_share, 0.0))
    lower = np.where(known, value, np.where(arr.criminalised, dom_share, 0.0))
    upper = np.where(known, value, 1.0)
    return CategoryParts(value, known, serious, lower, upper, known & arr.inferred,
                         arr.criminalised, arr.has_rows)
