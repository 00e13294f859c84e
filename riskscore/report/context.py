"""Typed contexts for every report page: what a template may show, and nothing else.

Templates render with StrictUndefined, so a field missing here is an error, not a blank.
Every number carries its source and year; a missing value is ``None`` and templates print
"missing" for it (METHODOLOGY.md section 8).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import crossborder, iso, legal
from ..analysis import Audit
from ..analysis.claims import Robustness
from ..crossborder import CitedLine
from ..explanation import Explanation, OffenceRow, PairLine, explain
from ..kernel import Kernel
from ..loading import Dataset
from ..scoring import score
from ..summary import group_summary, population_exposed
from ..vocab import DEFAULT_THRESHOLD, WHAT_IF_THRESHOLDS
from ..weights import Weights, resolve


@dataclass(frozen=True)
class IndicatorLine:
    id: str
    name: str
    pillar: str
    value: float | None
    year: int | None
    risk: float | None
    contribution: float | None
    weight: float
    source: str  # publisher and edition
    previous_value: float | None
    previous_year: int | None


@dataclass(frozen=True)
class OffenceLine(OffenceRow):
    """An offence row as a report shows it: with its category, whether it decides the
    category, and the convention articles it opens."""

    category: str = ""
    category_name: str = ""
    decides: bool = False
    opens: str = ""  # e.g. "arts 25-29 and 30, 35, 40-46 (domestic and cross-border)"


@dataclass(frozen=True)
class CategoryLine:
    id: str
    name: str
    status: str
    status_text: str
    status_at: dict[str, str]  # threshold label -> status at that threshold
    deciding_penalty: str | None
    weight: float = 0.0  # 0: shown, not scored (METHODOLOGY.md 6.1)


@dataclass(frozen=True)
class WhatIf:
    threshold: float
    exposure: float | None
    rank: int | None
    risk_class: str | None
    risk_class_name: str | None
    changed_categories: list[str]


@dataclass(frozen=True)
class Peer:
    group_kind: str  # region | income group
    group: str
    ranked: int
    median_exposure: float | None
    position: int | None  # rank among ranked peers


@dataclass(frozen=True)
class ArticleLine:
    article: str
    title: str
    scope: str
    intrusiveness: int
    verified: bool


@dataclass(frozen=True)
class Bar:
    """One bar of an inline SVG chart; geometry precomputed so templates stay simple."""

    label: str
    value: float | None
    width: float
    y: float


@dataclass(frozen=True)
class CountryContext:
    iso3: str
    name: str
    region: str | None
    income_group: str | None
    population: int | None
    population_year: int | None
    threshold: float
    exposure: float | None
    latent_exposure: float | None
    rank: int | None
    ranked_total: int
    risk_class: str | None
    risk_class_name: str | None
    reliability: float
    flag: str
    pillars: list[Bar]
    pillar_weights: dict[str, float]
    indicators: list[IndicatorLine]
    categories: list[CategoryLine]
    serious_offences: list[OffenceLine]
    other_offences: list[OffenceLine]
    articles: list[ArticleLine]
    what_if: list[WhatIf]
    peers: list[Peer]
    convention: dict[str, str | None]
    engagement_level: str
    caveats: list[str]
    robustness: Robustness | None = None
    standing: str = "ranked"
    exposure_lower: float | None = None
    exposure_upper: float | None = None
    class_range: str | None = None  # "Low to High" when the interval spans classes
    rank_best: int | None = None
    rank_worst: int | None = None
    researched_share: float = 0.0
    inferred_share: float = 0.0
    unknown_share: float = 0.0
    movers: list[tuple[str, float]] = field(default_factory=list)
    reach_abroad: list[PairLine] = field(default_factory=list)
    reachable_from: list[PairLine] = field(default_factory=list)
    exiles_in_reach: tuple[int, int] = (0, 0)
    residents_in_reach: tuple[int, int] = (0, 0)
    shields: list[CitedLine] = field(default_factory=list)
    record: list[CitedLine] = field(default_factory=list)
    pair_limits: str = ""


@dataclass(frozen=True)
class IndexRow:
    iso3: str
    name: str
    region: str
    income_group: str
    engagement_level: str
    rank: int | None
    risk_class: str | None
    exposure: float | None
    latent_exposure: float | None
    legal_reach: float | None
    safeguard_deficit: float | None
    repression_climate: float | None
    reliability: float
    flag: str
    robustness: Robustness | None = None
    standing: str = "ranked"
    exposure_lower: float | None = None
    exposure_upper: float | None = None
    class_range: str | None = None
    rank_best: int | None = None
    rank_worst: int | None = None
    search_names: str = ""  # the state's name, code and other names, for the search box


@dataclass(frozen=True)
class IndexContext:
    threshold: float
    rows: list[IndexRow]
    regions: list[str]
    engagement_levels: list[tuple[str, str]]
    classes: list[tuple[str, str]]
    population_exposed: list[dict]
    ranked_total: int
    flagged_total: int
    range_total: int = 0
    pairs_headline: dict[str, int] = field(default_factory=dict)
    map_shapes: list[MapShape] = field(default_factory=list)
    not_on_map: list[IndexRow] = field(default_factory=list)


@dataclass(frozen=True)
class MapShape:
    """One state on the world map: its outline (or a marker where it is too small to see),
    the fill its standing gives it, and the text a reader hovers or hears."""

    iso3: str
    path: str
    cx: float
    cy: float
    marker: bool
    fill: str  # a class id, "range", "unknown" (too little known) or "none" (not scored)
    title: str
    scored: bool


# Bounding boxes smaller than this (px^2 on the 960 x 480 map) get a marker as well.
MARKER_BELOW = 6.0


def _map_shapes(rd: ReportData, rows: list[IndexRow]) -> tuple[list[MapShape], list[IndexRow]]:
    world = rd.dataset.world_map
    if world is None or world.empty:
        return [], []
    by_iso3 = {r.iso3: r for r in rows}
    shapes = []
    for w in world.itertuples(index=False):
        r = by_iso3.get(w.iso3)
        path = w.path if isinstance(w.path, str) else ""
        marker = not path or float(w.bbox_area) < MARKER_BELOW
        if r is None:
            shapes.append(MapShape(w.iso3, path, float(w.cx), float(w.cy), False, "none",
                                   f"{w.iso3}: not scored", False))
            continue
        if r.standing == "too_little_known":
            fill, what = "unknown", "too little known to place"
        elif r.standing == "range":
            fill, what = "range", f"listed with a range ({r.class_range})"
        else:
            fill = r.risk_class or "unknown"
            what = (r.risk_class or "").replace("_", " ")
        exposure = (f"{r.exposure:.1f}" if r.exposure is not None else
                    f"{r.exposure_lower:.1f}-{r.exposure_upper:.1f}")
        shapes.append(MapShape(w.iso3, path, float(w.cx), float(w.cy), marker, fill,
                               f"{r.name}: {what}, exposure {exposure}", True))
    drawn = {s.iso3 for s in shapes}
    return shapes, [r for r in rows if r.iso3 not in drawn]


@dataclass(frozen=True)
class MethodologyContext:
    pillars: list[dict]
    indicators: list[dict]
    categories: list[dict]
    provisions: list[dict]
    engagement: list[dict]
    classes: list[dict]
    threshold: float
    weights_note: str
    safeguards: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class SourcesContext:
    sources: list[dict]
    offence_sources: int
    offence_rows: dict[str, int]  # rows per kind: offence, not_criminalised, search_note
    signatory_cells_known: float  # share of signatory x category cells with a cited value
    signatories: int


@dataclass
class ReportData:
    """Everything the pages of one run share: computed once, used for every country."""

    dataset: Dataset
    weights: Weights
    threshold: float
    kernel: Kernel
    scores: pd.DataFrame
    latent: pd.DataFrame
    what_if: dict[float, pd.DataFrame]
    robustness: dict[str, Robustness] = field(default_factory=dict)
    audit: Audit | None = None  # when the site includes the audit page
    # Per-run lookups, built once so each country page is cheap (the site has ~200 pages).
    by_iso3: dict[str, pd.DataFrame] = field(default_factory=dict)  # tables indexed by ISO3
    source_labels: dict[str, str] = field(default_factory=dict)
    class_names: dict[str, str] = field(default_factory=dict)
    groups: dict[str, pd.DataFrame] = field(default_factory=dict)
    history: dict[tuple[str, str], list[tuple[int, float]]] = field(default_factory=dict)
    status_at: dict[float, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    pair_limits: str = ""  # what the pair model rests on: the same sentence on every page


def report_data(dataset: Dataset, weights: Weights | str | None = None,
                threshold: float = DEFAULT_THRESHOLD, audit: Audit | None = None
                ) -> ReportData:
    """Everything the pages need; ``audit`` (optional) adds robustness and the audit page."""
    k = Kernel(dataset)
    p = k.p
    w = resolve(dataset, weights)
    cur = score(dataset, w, threshold, "current", kernel=k)
    lat = score(dataset, w, threshold, "latent", kernel=k)
    alt = {t: score(dataset, w, t, "current", kernel=k)
           for t in WHAT_IF_THRESHOLDS if t != float(threshold)}
    rd = ReportData(dataset, w, float(threshold), k, cur, lat, alt,
                    audit.robustness if audit is not None else {}, audit)
    rd.by_iso3 = {"scores": cur.set_index("iso3"), "latent": lat.set_index("iso3"),
                  "countries": dataset.countries.set_index("iso3"),
                  **{f"what_if:{t:g}": f.set_index("iso3") for t, f in alt.items()}}
    rd.source_labels = {r.id: f"{r.publisher}, {r.title} ({r.edition})"
                        for r in dataset.sources.itertuples(index=False)}
    rd.class_names = dict(zip(dataset.classes["id"], dataset.classes["name"], strict=True))
    rd.groups = {col: group_summary(cur, col, dataset.classes).set_index(col)
                 for col in ("region", "income_group")}
    obs = dataset.observations.sort_values("year")
    for (iso3, ind), g in obs.groupby(["iso3", "indicator"], sort=False):
        rd.history[(iso3, ind)] = list(zip(g["year"].astype(int), g["value"].astype(float),
                                           strict=True))
    for t in sorted({float(threshold), *WHAT_IF_THRESHOLDS}):
        rd.status_at[t] = legal.category_status(p.offences, t)
    rd.pair_limits = crossborder.limits_note(dataset)
    return rd


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _int(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _previous(rd: ReportData, iso3: str, indicator: str, year: int | None
              ) -> tuple[float | None, int | None]:
    """The latest value before ``year``: the trend shown beside each indicator."""
    if year is None:
        return None, None
    earlier = [(y, v) for y, v in rd.history.get((iso3, indicator), []) if y < year]
    if not earlier:
        return None, None
    y, v = earlier[-1]
    return v, y


def _bars(ex: Explanation, names: dict[str, str]) -> list[Bar]:
    return [Bar(names[k], v, 0.0 if v is None else round(v * 3, 1), 8 + i * 34)
            for i, (k, v) in enumerate(ex.pillars.items())]


def _status_at(rd: ReportData, i: int, c: int) -> dict[str, str]:
    out = {}
    for t in sorted(rd.status_at):
        serious, known = rd.status_at[t]
        if serious[i, c]:
            s = "serious crime"
        elif known[i, c]:
            s = "below threshold"
        else:
            s = "unknown"
        out[f"{t:g} years"] = s
    return out


def _what_if(rd: ReportData, iso3: str, categories: list[CategoryLine]) -> list[WhatIf]:
    rows = []
    for t in sorted(rd.what_if):
        r = rd.by_iso3[f"what_if:{t:g}"].loc[iso3]
        label = f"{t:g} years"
        changed = [c.name for c in categories
                   if c.status_at[label] != c.status_at[f"{rd.threshold:g} years"]]
        cls = r["class"]
        rows.append(WhatIf(t, _num(r["exposure"]) if r["ranked"] else None,
                           _int(r["rank"]), cls, rd.class_names.get(cls), changed))
    return rows


def _peers(rd: ReportData, iso3: str) -> list[Peer]:
    me = rd.by_iso3["scores"].loc[iso3]
    out = []
    for kind, col in (("region", "region"), ("income group", "income_group")):
        group = me[col]
        if group is None or pd.isna(group):
            continue
        summary = rd.groups[col]
        peers = rd.scores[(rd.scores[col] == group) & rd.scores["ranked"]]
        position = None
        if bool(me["ranked"]):
            position = int((peers["exposure"] > me["exposure"]).sum() + 1)
        out.append(Peer(kind, str(group), int(summary.loc[group, "placed"]),
                        _num(summary.loc[group, "median_exposure"]), position))
    return out


CAVEATS = (
    "The score measures exposure: what the convention's powers could reach under this "
    "state's own law and how weak the checks on them are. It is not a finding that abuse "
    "has happened or will happen.",
    "Offence penalties come from curated, cited rows; a category with no row is unknown, "
    "never 'not criminalised'. Rows marked secondary rest on reporting, not the statute.",
    "Indicator values are the publishers' (RSF, V-Dem, Freedom House) for the year shown; "
    "they are expert assessments with their own uncertainty.",
    "The convention is not yet in force. 'Latent exposure' scores the state as if it had "
    "ratified.",
)


def _article_list(provisions: pd.DataFrame, scope: str) -> str:
    arts = sorted({int(a) for a in provisions.loc[provisions["scope"] == scope, "article"]})
    runs: list[list[int]] = []
    for a in arts:  # 25, 26, 27 -> "25-27"
        if runs and a == runs[-1][-1] + 1:
            runs[-1].append(a)
        else:
            runs.append([a])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _opens_text(ds: Dataset) -> dict[str, str]:
    domestic = _article_list(ds.provisions, "any_offence")
    serious = _article_list(ds.provisions, "serious_crime")
    return {"domestic": f"arts {domestic} (domestic powers)",
            "serious": f"arts {domestic} and {serious} (domestic and cross-border)"}


def _row_opens(bound: float | None, applies: bool, threshold: float,
               opens: dict[str, str], sanction: str | None = None) -> str:
    """What one offence row opens on its own (METHODOLOGY.md 6.1)."""
    if not applies:
        return "nothing (does not count)"
    if bound is not None and bound >= threshold:
        return opens["serious"]
    if bound == 0 and sanction == "fine_only":
        return opens["domestic"] + " (a criminal offence without prison)"
    if bound == 0:
        return "nothing (not a criminal offence)"
    if bound is None:
        return opens["domestic"] + "; serious-crime status unknown"
    return opens["domestic"]


def country_context(rd: ReportData, iso3: str) -> CountryContext:
    ds = rd.dataset
    ex = explain(ds, iso3, rd.weights, rd.threshold, kernel=rd.kernel,
                 computed=(rd.by_iso3["scores"], rd.by_iso3["latent"]))
    i = rd.kernel.p.states.index(ex.iso3)
    country = rd.by_iso3["countries"].loc[ex.iso3]
    pillar_names = dict(zip(ds.pillars["id"], ds.pillars["name"], strict=True))
    indicators = []
    for part in ex.indicators:
        prev, prev_year = _previous(rd, ex.iso3, part.id, part.year)
        indicators.append(IndicatorLine(
            part.id, part.name, pillar_names[part.pillar], part.value, part.year, part.risk,
            part.contribution, part.weight,
            rd.source_labels.get(part.source_id, part.source_id), prev, prev_year))
    opens = _opens_text(ds)
    categories: list[CategoryLine] = []
    serious_rows: list[OffenceLine] = []
    other_rows: list[OffenceLine] = []
    for c, cat in enumerate(ex.categories):
        categories.append(CategoryLine(
            cat.id, cat.name, cat.status, cat.status_text, _status_at(rd, i, c),
            cat.deciding.penalty if cat.deciding else None, cat.weight))
        for row in cat.rows:
            line = OffenceLine(
                **dataclasses.asdict(row), category=cat.id, category_name=cat.name,
                decides=cat.deciding is not None and row.row_id == cat.deciding.row_id,
                opens=_row_opens(row.penalty_bound, row.applies, rd.threshold, opens,
                                 row.sanction))
            (serious_rows if line.decides and cat.status == "serious_crime"
             else other_rows).append(line)
    articles = [ArticleLine(f"{a.article}{'(' + a.paragraph + ')' if a.paragraph else ''}",
                            a.title, a.scope, a.intrusiveness, a.verified)
                for a in ex.articles_opened]
    lat = rd.by_iso3["latent"].loc[ex.iso3]
    return CountryContext(
        iso3=ex.iso3, name=ex.name,
        region=None if pd.isna(country["m49_region"]) else str(country["m49_region"]),
        income_group=None if pd.isna(country["income_group"]) else str(country["income_group"]),
        population=_int(country["population"]), population_year=_int(country["population_year"]),
        threshold=rd.threshold, exposure=ex.exposure,
        latent_exposure=_num(lat["exposure"]),
        rank=ex.rank, ranked_total=int(rd.scores["ranked"].sum()),
        risk_class=ex.risk_class,
        risk_class_name=rd.class_names.get(ex.risk_class) if ex.risk_class else None,
        reliability=ex.reliability, flag=ex.flag, pillars=_bars(ex, pillar_names),
        pillar_weights={pillar_names[k]: v for k, v in ex.pillar_weights.items()},
        indicators=indicators, categories=categories, serious_offences=serious_rows,
        other_offences=other_rows, articles=articles,
        what_if=_what_if(rd, ex.iso3, categories), peers=_peers(rd, ex.iso3),
        convention=ex.convention, engagement_level=ex.engagement_level,
        caveats=list(CAVEATS), robustness=rd.robustness.get(ex.iso3),
        standing=ex.standing, exposure_lower=ex.exposure_lower,
        exposure_upper=ex.exposure_upper,
        class_range=_class_range(rd, ex.class_lower, ex.class_upper),
        rank_best=ex.rank_best, rank_worst=ex.rank_worst,
        researched_share=ex.researched_share, inferred_share=ex.inferred_share,
        unknown_share=ex.unknown_share,
        movers=[(c.name, c.moves) for c in sorted(ex.categories, key=lambda c: -c.moves)
                if c.moves > 0.05][:5],
        reach_abroad=ex.reach_abroad, reachable_from=ex.reachable_from,
        exiles_in_reach=ex.exiles_in_reach, residents_in_reach=ex.residents_in_reach,
        shields=crossborder.state_shields(ds, ex.iso3),
        record=crossborder.state_record(ds, ex.iso3),
        pair_limits=rd.pair_limits)


def plain_summary(c: CountryContext) -> str:
    """A paragraph a reader can quote, built only from numbers METHODOLOGY.md defines: the
    exposure and its range, the class or class range, the rank among placed states, which
    offence categories are serious crimes and how many are unknown, the convention status and
    the people within reach across borders (issue 16.2)."""
    def n(v: float | None) -> str:
        return "missing" if v is None else f"{v:.1f}"

    if c.exposure_lower is not None and c.exposure_upper is not None \
            and abs(c.exposure_upper - c.exposure_lower) >= 0.05:
        exposure = (f"an exposure of {n(c.exposure)} on a 0-100 scale, which what is not yet "
                    f"known could place anywhere from {n(c.exposure_lower)} to "
                    f"{n(c.exposure_upper)}") if c.exposure is not None else (
            f"an exposure somewhere from {n(c.exposure_lower)} to {n(c.exposure_upper)} on a "
            "0-100 scale (too little is known for an estimate)")
    else:
        exposure = f"an exposure of {n(c.exposure)} on a 0-100 scale"
    if c.standing == "too_little_known":
        standing = "It is too little known to place in the ranking."
    elif c.class_range:
        standing = (f"It is listed with a range of classes ({c.class_range}) and could rank "
                    f"{c.rank_best}-{c.rank_worst} of {c.ranked_total} placed states.")
    else:
        rank = (f"{c.rank}" if c.rank_best == c.rank_worst
                else f"{c.rank_best}-{c.rank_worst}")
        standing = (f"It is in the {c.risk_class_name or 'unclassified'} class, ranked {rank} "
                    f"of {c.ranked_total} placed states.")
    scored = [cat for cat in c.categories if cat.weight > 0]
    serious = [cat.name.lower() for cat in scored if cat.status == "serious_crime"]
    unknown = sum(cat.status in ("unknown_penalty", "searched_unknown", "not_searched")
                  for cat in scored)
    law = (f"Its own law makes {len(serious)} of the {len(scored)} offence categories "
           f"scored a serious crime under the convention (a maximum of "
           f"{c.threshold:g} years or more)" + (f": {', '.join(serious)}" if serious else "")
           + f"; {unknown} {'is' if unknown == 1 else 'are'} not yet known.")
    status = {"none": "not signed"}.get(c.engagement_level,
                                         c.engagement_level.replace("_", " "))
    border = (f"Across borders, {_count(c.exiles_in_reach)} people from {c.name} live in "
              f"states it could ask for their data, and {_count(c.residents_in_reach)} people "
              f"living in {c.name} fled a state that could ask it for theirs.")
    return (f"{c.name} has {exposure}. {standing} {law} Convention status: {status}. "
            f"{border}")


def _count(bounds: tuple[int, int]) -> str:
    low, high = bounds
    return f"{low:,}" if low == high else f"{low:,}-{high:,}"


def _class_range(rd: ReportData, lower: str | None, upper: str | None) -> str | None:
    """'Low to High' when the interval spans classes; None when it lies in one."""
    if lower is None or upper is None or lower == upper:
        return None
    return f"{rd.class_names[lower]} to {rd.class_names[upper]}"


def index_context(rd: ReportData) -> IndexContext:
    ds = rd.dataset
    lat = rd.by_iso3["latent"]["exposure"]
    rows = []
    for r in rd.scores.rename(columns={"class": "risk_class"}).itertuples(index=False):
        rows.append(IndexRow(
            r.iso3, r.name, r.region if isinstance(r.region, str) else "(none)",
            r.income_group if isinstance(r.income_group, str) else "(not classified)",
            str(r.engagement_level), _int(r.rank), r.risk_class,
            _num(r.exposure), _num(lat[r.iso3]),
            _num(r.legal_reach), _num(r.safeguard_deficit), _num(r.repression_climate),
            float(r.reliability), r.flag, rd.robustness.get(r.iso3), str(r.standing),
            _num(r.exposure_lower), _num(r.exposure_upper),
            _class_range(rd, r.class_lower, r.class_upper), _int(r.rank_best),
            _int(r.rank_worst),
            " | ".join(dict.fromkeys([r.name, r.iso3, *iso.other_names(r.iso3)]))))
    levels = [(e.id, e.name) for e in ds.engagement.itertuples(index=False)]
    classes = [(c.id, c.name) for c in ds.classes.sort_values("lower").itertuples(index=False)]
    pop = population_exposed(rd.scores, ds.classes)
    shapes, missing = _map_shapes(rd, rows)
    return IndexContext(
        threshold=rd.threshold, rows=rows,
        regions=sorted({r.region for r in rows}), engagement_levels=levels, classes=classes,
        population_exposed=pop.to_dict(orient="records"),
        ranked_total=int((rd.scores["standing"] == "ranked").sum()),
        flagged_total=int((~rd.scores["ranked"]).sum()),
        range_total=int((rd.scores["standing"] == "range").sum()),
        pairs_headline=_pairs_headline(rd), map_shapes=shapes, not_on_map=missing)


def _pairs_headline(rd: ReportData) -> dict[str, int]:
    from .. import crossborder

    h = crossborder.headlines(rd.dataset, crossborder.pair_arrays(
        rd.dataset, rd.weights, rd.threshold, kernel=rd.kernel))
    return {k: v for k, v in h.items() if isinstance(v, int)}


def methodology_context(rd: ReportData) -> MethodologyContext:
    ds = rd.dataset
    w = rd.weights

    def table(frame: pd.DataFrame, weights: pd.Series | None = None) -> list[dict]:
        out = []
        for row in frame.to_dict(orient="records"):
            clean = {k: (None if not isinstance(v, str) and pd.isna(v) else v)
                     for k, v in row.items()}
            if weights is not None:
                clean["weight"] = float(weights[row["id"]])
            out.append(clean)
        return out

    nominal = resolve(ds, None)
    same = (np.allclose(w.pillars.to_numpy(), nominal.pillars.reindex(w.pillars.index))
            and np.allclose(w.indicators.to_numpy(),
                            nominal.indicators.reindex(w.indicators.index)))
    note = ("Weights are the catalogue's nominal weights." if same else
            "Weights in this run come from a user-supplied weights file, not the catalogue; "
            "the rationales below are the catalogue's.")
    return MethodologyContext(
        pillars=table(ds.pillars, w.pillars), indicators=table(ds.indicators, w.indicators),
        categories=table(ds.categories, w.categories), provisions=table(ds.provisions),
        engagement=table(ds.engagement), classes=table(ds.classes.sort_values("lower")),
        threshold=rd.threshold, weights_note=note,
        safeguards=(table(ds.safeguard_provisions) if ds.safeguard_provisions is not None
                    else []))


def sources_context(rd: ReportData) -> SourcesContext:
    from ..coverage import offence_coverage, share_fully_covered

    off = rd.dataset.offences
    grid = offence_coverage(rd.dataset)
    kinds = off["row_kind"].value_counts() if "row_kind" in off else pd.Series(dtype=int)
    return SourcesContext(sources=rd.dataset.sources.fillna("").to_dict(orient="records"),
                          offence_sources=int(off["source_url"].nunique()),
                          offence_rows={k: int(kinds.get(k, 0)) for k in
                                        ("offence", "not_criminalised", "search_note")},
                          signatory_cells_known=share_fully_covered(grid)[1],
                          signatories=len(grid))
