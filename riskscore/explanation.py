"""Why a state scores what it scores: the decomposition behind ``riskscore explain``.

The result is plain data (dataclasses), so reports and notebooks use the same explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import legal
from .crossborder import pair_arrays
from .errors import UsageError
from .kernel import Kernel, Prepared
from .loading import Dataset
from .scoring import score
from .vocab import DEFAULT_THRESHOLD, LEGAL
from .weights import Weights, resolve


@dataclass(frozen=True)
class IndicatorPart:
    id: str
    name: str
    pillar: str
    source_id: str
    year: int | None  # year of the value used; None when missing
    value: float | None
    lower: float
    upper: float
    risk: float | None  # 0-100
    weight: float
    contribution: float | None  # points of the pillar score (0-100) this indicator gives


@dataclass(frozen=True)
class OffenceRow:
    row_id: str
    offence: str
    law: str
    penalty: str
    confidence: str
    source_title: str
    source_url: str
    source_date: str
    applies: bool
    why_not: str
    penalty_bound: float | None = None  # years that can certainly be imposed; inf = life/death
    sanction: str | None = None  # for a maximum of 0: fine_only (a crime) or not_criminal
    source_quality: str = "unrated"  # statute ... secondary_copy (schemas.SOURCE_QUALITIES)


@dataclass(frozen=True)
class CategoryPart:
    id: str
    name: str
    status: str  # serious_crime | criminalised | not_criminal | unknown_penalty | not_searched
    status_text: str
    deciding: OffenceRow | None
    rows: list[OffenceRow]
    weight: float
    lower: float = 0.0  # lowest and highest value (0-1) the category can take
    upper: float = 0.0
    inferred: bool = False  # known only through a survey's absence
    moves: float = 0.0  # exposure points this category alone can add above the lower bound


@dataclass(frozen=True)
class PairLine:
    """One other state in a cross-border pair (METHODOLOGY.md 14)."""

    iso3: str
    name: str
    people: int  # from the requesting state living in the requested one (UNHCR)
    risk_proven: float
    risk_possible: float
    passing: list[str]  # categories that pass the requested state's shield for certain


@dataclass(frozen=True)
class Article:
    article: int
    paragraph: str
    title: str
    scope: str
    intrusiveness: int
    verified: bool


@dataclass(frozen=True)
class Explanation:
    iso3: str
    name: str
    threshold: float
    rank: int | None
    risk_class: str | None
    exposure: float | None
    latent_exposure: float | None
    reliability: float
    flag: str
    pillars: dict[str, float | None]
    pillar_weights: dict[str, float]
    indicators: list[IndicatorPart]
    categories: list[CategoryPart]
    articles_opened: list[Article]
    engagement_level: str
    convention: dict[str, str | None] = field(default_factory=dict)
    standing: str = "ranked"
    exposure_lower: float | None = None
    exposure_upper: float | None = None
    latent_lower: float | None = None
    latent_upper: float | None = None
    class_lower: str | None = None
    class_upper: str | None = None
    rank_best: int | None = None
    rank_worst: int | None = None
    researched_share: float = 0.0
    inferred_share: float = 0.0
    unknown_share: float = 0.0
    indicator_completeness: dict[str, float] = field(default_factory=dict)
    # Cross-border (current scenario): hosts this state could ask, and states that could
    # ask it, with people concerned; most people first, at most PAIR_LINES each.
    reach_abroad: list[PairLine] = field(default_factory=list)
    reachable_from: list[PairLine] = field(default_factory=list)
    exiles_in_reach: tuple[int, int] = (0, 0)  # proven, possible
    residents_in_reach: tuple[int, int] = (0, 0)


STATUS_TEXT = {
    "serious_crime": "serious crime (maximum at or above the threshold): cross-border "
                     "cooperation and interception open",
    "criminalised": "criminalised below the threshold: domestic powers open",
    "not_criminal": "not a criminal offence: not criminalised, abolished, or an "
                    "administrative offence only (cited)",
    "unknown_penalty": "criminalised, but the maximum penalty was not found: unknown",
    "searched_unknown": "searched, no applicable penalty found: unknown (not 'not "
                        "criminalised')",
    "not_searched": "no row: not yet searched (unknown, not 'not criminalised')",
}


# What a maximum of 0 years means, by the row's sanction (METHODOLOGY.md 6.1).
SANCTION_TEXT = {"fine_only": "no imprisonment (a criminal offence: fine or other sentence)",
                 "not_criminal": "no imprisonment (not a criminal offence)"}


def penalty_text(row: pd.Series) -> str:
    kind = row.get("row_kind", "offence")
    if kind == "not_criminalised":
        return "not criminalised"
    if kind == "search_note":
        return "not found (search note)"
    if row["death_penalty"]:
        return "death"
    if row["life_imprisonment"]:
        return "life imprisonment"
    years = row["max_penalty_years"]
    if pd.notna(years):
        if years == 0:
            return SANCTION_TEXT.get(row.get("sanction"), "no imprisonment")
        return f"up to {duration_text(years)}"
    minimum = row.get("min_penalty_years")
    if minimum is not None and pd.notna(minimum):
        return f"at least {duration_text(minimum)} (no maximum stated)"
    imposed = row.get("sentence_imposed_years")
    if imposed is not None and pd.notna(imposed):
        return f"maximum not found; a court imposed {duration_text(imposed)}"
    return "maximum not found"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def duration_text(years: float) -> str:
    """A term as the law states it: '15 days', '6 months', '1 year 3 months', '2.4 years'.

    The data hold terms in years (months / 12, days / 365: METHODOLOGY section 2), so short
    terms are turned back into the unit they were written in when it comes out whole.
    """
    years = float(years)
    months = round(years * 12)
    whole_months = abs(years * 12 - months) < 0.005
    if years >= 1:
        if abs(years - round(years)) < 1e-3:
            return _plural(round(years), "year")
        if whole_months:
            y, m = divmod(months, 12)
            return f"{_plural(y, 'year')} {_plural(m, 'month')}"
        return f"{years:g} years"
    if whole_months and months >= 1:
        return _plural(months, "month")
    return _plural(max(1, round(years * 365)), "day")


def _offence_row(row: dict, ok: bool, bound: float) -> OffenceRow:
    why = ""
    if not ok:
        if row.get("row_kind") == "search_note":
            why = "a search note: nothing was found"
        elif row.get("protected_conduct") is False:
            why = "does not penalise rights-protected conduct (METHODOLOGY.md 6.1)"
        elif row.get("requires_violence") is True:
            why = "requires violence"
        elif pd.notna(row.get("same_provision_as")):
            why = f"same provision as row {row['same_provision_as']}, which gives its penalty"
        else:
            why = "no longer in force"
    return OffenceRow(row["row_id"], row["offence"], row["law"], penalty_text(row),
                      row["confidence"], row["source_title"], row["source_url"],
                      row["source_date"], bool(ok), why, None if np.isnan(bound) else float(bound),
                      _text_or_none(row.get("sanction")),
                      _text_or_none(row.get("source_quality")) or "unrated")


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def offence_rows(kernel: Kernel) -> dict[tuple[str, str], list[OffenceRow]]:
    """Every offence row as explain shows it, by (state, category); built once per kernel
    (filtering the table per state cost most of ``explain`` for all states)."""
    if "offence_rows" not in kernel.memo:
        off = kernel.ds.offences
        applies = legal.applicable(off).to_numpy(dtype=bool)
        bounds = legal.severity_bound(off).to_numpy(dtype=float)
        cells: dict[tuple[str, str], list[OffenceRow]] = {}
        for rec, ok, bound in zip(off.to_dict("records"), applies, bounds, strict=True):
            cells.setdefault((rec["iso3"], rec["category"]), []).append(
                _offence_row(rec, bool(ok), bound))
        kernel.memo["offence_rows"] = cells
    return kernel.memo["offence_rows"]


def explain(dataset: Dataset, iso3: str, weights: Weights | str | None = None,
            threshold: float = DEFAULT_THRESHOLD, prepared: Prepared | None = None,
            computed: tuple[pd.DataFrame, pd.DataFrame] | None = None,
            kernel: Kernel | None = None) -> Explanation:
    """The decomposition of one state's score (current scenario, with the latent one).

    ``computed``: the (current, latent) score tables indexed by ISO3 for these weights and
    threshold, when the caller explains many states (the reports) and has them already.
    """
    k = kernel if kernel is not None else Kernel(dataset, prepared)

    p = k.p
    iso3 = iso3.upper()
    if iso3 not in p.states:
        raise UsageError(f"{iso3!r} is not a scored state; use an ISO3 code from "
                         "'riskscore score' (e.g. TUR)")
    i = p.states.index(iso3)
    w = resolve(dataset, weights)
    if computed is None:
        computed = (score(dataset, w, threshold, "current", kernel=k).set_index("iso3"),
                    score(dataset, w, threshold, "latent", kernel=k).set_index("iso3"))
    cur, lat = computed[0].loc[iso3], computed[1].loc[iso3]

    risk, years = k.risk("catalogue"), p.years("catalogue")
    values = p.values("catalogue")[[i]]
    parts = []
    iw = w.indicators.reindex(p.indicator_ids).to_numpy(float)
    completeness = {}
    for j, ind in enumerate(dataset.indicators.itertuples(index=False)):
        cols = p.indicator_pillar == ind.pillar
        present = ~np.isnan(risk[i, cols])
        share = (iw[cols] * present).sum()
        completeness[ind.pillar] = float(share / iw[cols].sum())
        r = risk[i, j]
        has = not np.isnan(r)
        parts.append(IndicatorPart(
            ind.id, ind.name, ind.pillar, ind.source_id,
            int(years[i, j]) if has else None, float(values[0, j]) if has else None,
            float(ind.lower), float(ind.upper), float(r * 100) if has else None,
            float(w.indicators[ind.id]),
            float(iw[j] * r / share * 100) if has and share > 0 else None))

    cp = k.categories(float(threshold))
    moves = _category_moves(cur, cp, i, w, p)
    by_cell = offence_rows(k)
    cats = []
    for c, cat in enumerate(dataset.categories.itertuples(index=False)):
        rows = by_cell.get((iso3, cat.id), [])
        status = _status(p.offences, i, c, bool(cp.serious[i, c]))
        deciding = _deciding(rows)
        cats.append(CategoryPart(cat.id, cat.name, status, STATUS_TEXT[status], deciding, rows,
                                 float(w.categories[cat.id]), float(cp.lower[i, c]),
                                 float(cp.upper[i, c]), bool(cp.inferred[i, c]),
                                 float(moves[c])))

    opened_scopes = set()
    if any(c.status == "serious_crime" for c in cats):
        opened_scopes = {"any_offence", "serious_crime"}
    elif any(c.status in ("criminalised", "unknown_penalty") for c in cats):
        opened_scopes = {"any_offence"}
    articles = [Article(int(a.article), a.paragraph or "", a.title, a.scope,
                        int(a.intrusiveness), bool(a.verified))
                for a in dataset.provisions.itertuples(index=False) if a.scope in opened_scopes]

    st = dataset.convention_status.set_index("iso3")
    convention = {k: (None if pd.isna(v) else str(v)) for k, v in st.loc[iso3].items()} \
        if iso3 in st.index else {}
    return Explanation(
        iso3=iso3, name=str(_names(k)[iso3]),
        threshold=float(threshold), rank=_opt_int(cur["rank"]),
        risk_class=cur["class"], exposure=_opt(cur["exposure"]),
        latent_exposure=_opt(lat["exposure"]),
        reliability=float(cur["reliability"]), flag=str(cur["flag"]),
        pillars={key: _opt(cur[key]) for key in p.pillar_ids},
        pillar_weights={key: float(w.pillars[key]) for key in p.pillar_ids},
        indicators=parts, categories=cats, articles_opened=articles,
        engagement_level=str(cur["engagement_level"]), convention=convention,
        standing=str(cur["standing"]), exposure_lower=_opt(cur["exposure_lower"]),
        exposure_upper=_opt(cur["exposure_upper"]), latent_lower=_opt(lat["exposure_lower"]),
        latent_upper=_opt(lat["exposure_upper"]), class_lower=cur["class_lower"],
        class_upper=cur["class_upper"], rank_best=_opt_int(cur["rank_best"]),
        rank_worst=_opt_int(cur["rank_worst"]),
        researched_share=float(cur["researched_share"]),
        inferred_share=float(cur["inferred_share"]),
        unknown_share=float(cur["unknown_share"]), indicator_completeness=completeness,
        **_pair_parts(pair_arrays(dataset, w, threshold, "current", kernel=k), i, k))


PAIR_LINES = 10


def _names(k: Kernel) -> pd.Series:
    """Country names by ISO3, looked up once per kernel (explain runs once per state)."""
    if "names" not in k.memo:
        k.memo["names"] = k.ds.countries.set_index("iso3")["name"]
    return k.memo["names"]


def _pair_parts(a, i: int, k: Kernel) -> dict:
    """Both directions of one state's cross-border exposure, from the pair arrays."""
    names = _names(k)

    def lines(risk_lo, risk_hi, people, passing) -> list[PairLine]:
        order = sorted((j for j in range(len(a.states)) if risk_hi[j] > 0),
                       key=lambda j: (-people[j], -risk_hi[j], a.states[j]))[:PAIR_LINES]
        return [PairLine(a.states[j], str(names.get(a.states[j], a.states[j])),
                         int(round(people[j])), float(risk_lo[j]), float(risk_hi[j]),
                         [c for c, ok in zip(a.categories, passing[j], strict=True) if ok])
                for j in order]

    out_hi, in_hi = a.risk_possible[i], a.risk_possible[:, i]
    return {
        "reach_abroad": lines(a.risk_proven[i], out_hi, a.people[i], a.pass_proven[i]),
        "reachable_from": lines(a.risk_proven[:, i], in_hi, a.people[:, i],
                                a.pass_proven[:, i]),
        "exiles_in_reach": (int(a.people[i][a.risk_proven[i] > 0].sum()),
                            int(a.people[i][out_hi > 0].sum())),
        "residents_in_reach": (int(a.people[:, i][a.risk_proven[:, i] > 0].sum()),
                               int(a.people[:, i][in_hi > 0].sum())),
    }


def _opt(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _opt_int(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _category_moves(cur: pd.Series, cp: legal.CategoryParts, i: int, w: Weights,
                    p: Prepared) -> np.ndarray:
    """Exposure points each unknown category alone adds to the state's lower bound when set
    to its highest value (METHODOLOGY.md 9.1): where research would move the score most.

    With the geometric mean, exposure = legal^a x rest, where a is the legal pillar's weight
    share and rest the other pillars' part, read off the upper bound.
    """
    out = np.zeros(len(p.category_ids))
    lo, hi = cur["legal_reach_lower"] / 100, cur["legal_reach_upper"] / 100
    if pd.isna(cur["exposure_upper"]) or not hi > 0:
        return out
    a = float(w.pillars[LEGAL] / w.pillars.sum())
    rest = cur["exposure_upper"] / hi ** a
    cw = w.categories.reindex(p.category_ids).to_numpy(float)
    gain = (cp.upper[i] - cp.lower[i]) * cw / cw.sum()
    return rest * ((lo + gain) ** a - lo ** a)


def _status(arr: legal.OffenceArrays, i: int, c: int, serious: bool) -> str:
    if serious:
        return "serious_crime"
    if not arr.has_rows[i, c]:
        return "searched_unknown" if arr.searched[i, c] else "not_searched"
    if arr.has_unknown[i, c]:
        return "unknown_penalty"
    return "criminalised" if arr.criminalised[i, c] else "not_criminal"


def _deciding(rows: list[OffenceRow]) -> OffenceRow | None:
    """The most severe applicable row: it decides the category (SOURCE.md reading rule).
    A row of unknown maximum ranks above a known one below the threshold only when nothing
    else applies (its bound counts as -0.5)."""
    applying = [r for r in rows if r.applies]
    if not applying:
        return None
    return max(applying, key=lambda r: -0.5 if r.penalty_bound is None else r.penalty_bound)
