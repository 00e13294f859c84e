"""Validation at the edge, once and completely.

Three passes, each collecting every problem before anything stops:
1. reading (:func:`riskscore.csvio.read_csv_text`): file, encoding, delimiter, columns;
2. per table: types, then the pandera value checks of :mod:`riskscore.schemas`, then keys;
3. across tables: codes are real, references resolve, values lie within declared bounds,
   weights sum as the method requires (METHODOLOGY.md, "Validation rules").
After this, the rest of the code trusts its inputs.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import iso
from .csvio import read_csv_text
from .errors import Problem
from .schemas import (
    CATEGORIES,
    CLASSES,
    CONVENTION_STATUS,
    COUNTRIES,
    DATA_TABLES,
    DISPLACEMENT,
    ENGAGEMENT,
    INDICATOR_TABLES,
    INDICATORS,
    NO_DATE,
    NON_STATE_ORIGINS,
    OBSERVATIONS,
    OFFENCES,
    OPTIONAL_DATA_TABLES,
    OPTIONAL_INDICATOR_TABLES,
    PAIR_COMPONENTS,
    PARTIAL_DATE,
    PILLARS,
    SHIELDS,
    SOURCE_DATE,
    SOURCES,
    TRANSNATIONAL_REPRESSION,
    TableSpec,
)
from .validate_pairs import check_pair_tables
from .vocab import PILLARS_FROM_INDICATORS, REQUIRED_PILLARS

WEIGHT_TOLERANCE = 1e-6
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def read_table(path: Path, spec: TableSpec, label: str | None = None
               ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read, type and check one table. The frame's index is the file's line numbers."""
    label = label or path.name
    text, problems = read_csv_text(path, spec.required_columns, spec.optional, label)
    if text is None:
        return None, problems
    text_frame = text
    del text  # the typed frame holds the same cell texts
    typed, bad_cells, type_problems, dropped = _parse(text_frame, spec, label)
    problems += type_problems
    stopped = bool(dropped)
    if not stopped:  # past the cap the file is not worth checking further
        found, stopped = _check_values(typed, spec, label, bad_cells,
                                       MAX_PROBLEMS_PER_TABLE - len(problems))
        problems += found
        problems += _check_key(typed, spec, label)
    return typed, capped(problems, label, dropped, stopped)


# Problems kept per table: a file of bad lines would otherwise cost memory and a screenful
# per line (issue 18.3); the count of the rest is reported.
MAX_PROBLEMS_PER_TABLE = 200


def capped(problems: list[Problem], label: str, dropped: int = 0, stopped: bool = False,
           limit: int = MAX_PROBLEMS_PER_TABLE) -> list[Problem]:
    """The first ``limit`` problems and one line counting the rest (``dropped`` were never
    kept; ``stopped``: checking ended early, so there may be more than counted)."""
    rest = max(0, len(problems) - limit) + dropped
    if not rest and not stopped:
        return problems
    more = f"{'at least ' if stopped else ''}{rest} more" if rest else "more"
    return problems[:limit] + [Problem(label, None, None, f"... and {more} problems in this "
                                       "file, not listed (checking stopped early)",
                                       "fix the ones above and run again")]


def _parse(frame: pd.DataFrame, spec: TableSpec, label: str
           ) -> tuple[pd.DataFrame, set[tuple[str, int]], list[Problem], int]:
    """Typed columns, the cells that could not be typed, the first problems (at most
    MAX_PROBLEMS_PER_TABLE) and how many more there were."""
    problems: list[Problem] = []
    bad: set[tuple[str, int]] = set()
    out = pd.DataFrame(index=frame.index)
    dropped = 0

    def report(problem: Problem) -> None:
        nonlocal dropped
        if len(problems) < MAX_PROBLEMS_PER_TABLE:
            problems.append(problem)
        else:
            dropped += 1

    for name, col in spec.columns.items():
        values = frame[name]
        parsed: list[object] = []
        for line, raw in values.items():
            if raw is None:
                if col.required:
                    report(Problem(label, int(line), name, "is empty but required",
                                            col.fix or "fill in the cell"))
                    bad.add((name, int(line)))
                parsed.append(None)
                continue
            control = _CONTROL.search(raw)
            if control:
                report(Problem(
                    label, int(line), name,
                    f"contains the control character U+{ord(control.group()):04X}",
                    "remove it (text cells hold printable text; tabs and line breaks are "
                    "allowed)"))
                bad.add((name, int(line)))
                parsed.append(None)
                continue
            ok, value, what = _convert(raw, col.kind, col.allow_no_date)
            if not ok:
                report(Problem(label, int(line), name, f"{raw!r} is not {what}",
                                        col.fix or f"write {what}"))
                bad.add((name, int(line)))
            parsed.append(value)
        out[name] = pd.Series(parsed, index=frame.index, dtype=_DTYPES[col.kind])
    return out, bad, problems, dropped


# C0 controls other than tab and line feed, carriage return, and DEL: they would reach
# terminals as escape sequences and pages as invisible text (issue 18).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_DTYPES = {"str": object, "float": "float64", "int": "Int64", "bool": "boolean", "date": object}


def _convert(raw: str, kind: str, allow_no_date: bool) -> tuple[bool, object, str]:
    if kind == "str":
        return True, raw, "text"
    if kind == "float":
        try:
            v = float(raw)
        except ValueError:
            return False, None, "a number"
        return (math.isfinite(v), v if math.isfinite(v) else None, "a finite number")
    if kind == "int":
        try:
            v = int(raw)
        except ValueError:
            return False, None, "a whole number"
        # Whole numbers are counts and years: beyond 2**53 they cannot be stored or compared
        # exactly, and a 20-digit "year" is a typing error.
        ok = abs(v) < 2 ** 53
        return ok, v if ok else None, "a whole number below 2^53"
    if kind == "bool":
        low = raw.lower()
        if low in _TRUE or low in _FALSE:
            return True, low in _TRUE, "true or false"
        return False, None, "true or false"
    if kind == "date":
        if (SOURCE_DATE if allow_no_date else PARTIAL_DATE).match(raw) and _on_calendar(raw):
            return True, raw, "a date"
        what = "a calendar date as YYYY, YYYY-MM or YYYY-MM-DD"
        if allow_no_date:
            what += f" (or {NO_DATE}), optionally followed by a remark in brackets"
        return False, None, what
    raise ValueError(kind)  # pragma: no cover - kinds are a closed set


_YMD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _on_calendar(raw: str) -> bool:
    """A date's numbers exist on the calendar (no month 13, no 30 February)."""
    m = _YMD.match(raw)
    if m is None:
        return True  # "n.d." and the like: checked by the pattern
    year = int(m.group(1))
    month, day = (int(g) if g else None for g in m.groups()[1:])
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        try:
            datetime.date(year, month or 1, day)
        except ValueError:
            return False
    return True


# Rows checked at a time: the checks' report of failures grows with the rows that fail, so
# a file where every row fails is checked in slices until enough problems are found.
CHECK_SLICE = 20_000


def _check_values(frame: pd.DataFrame, spec: TableSpec, label: str,
                  bad_cells: set[tuple[str, int]], budget: int) -> tuple[list[Problem], bool]:
    """Problems with cell values (ranges, codes, sets), at most about ``budget`` of them,
    and whether checking stopped early because the budget was spent."""
    schema = spec.pandera_schema()
    problems: list[Problem] = []
    for start in range(0, len(frame), CHECK_SLICE):
        if len(problems) >= budget:
            return problems, True
        try:
            schema.validate(frame.iloc[start:start + CHECK_SLICE], lazy=True)
            continue
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
        for case in cases.itertuples(index=False):
            column, line = case.column, case.index
            if line is None or (isinstance(line, float) and math.isnan(line)):
                continue  # dtype-level reports duplicate the per-cell ones
            if (column, int(line)) in bad_cells:
                continue  # already reported as unparseable
            col = spec.columns[column]
            problems.append(Problem(label, int(line), column,
                                    f"{case.failure_case!r} {case.check}",
                                    col.fix or "correct the value"))
        del cases
    return problems, False


def _check_key(frame: pd.DataFrame, spec: TableSpec, label: str) -> list[Problem]:
    key = list(spec.key)
    # An empty optional key part is a value of its own (provisions: "the whole article").
    keys = frame[key].astype(object).where(frame[key].notna(), "")
    dup = keys.duplicated(keep=False)
    problems = []
    for _, group in keys[dup].groupby(key, sort=False):
        lines = [int(x) for x in group.index]
        shown = ", ".join(str(v) for v in group.iloc[0])
        for line in lines[1:]:
            problems.append(Problem(label, line, "+".join(key),
                                    f"duplicate key ({shown}), first on line {lines[0]}",
                                    "keep one row per key"))
    return problems


def read_folder(folder: Path, specs: tuple[TableSpec, ...]
                ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "not found"
        return {}, [Problem(str(folder), None, None, what, "give a folder that holds the tables")]
    for spec in specs:
        frame, found = read_table(folder / spec.name, spec)
        problems += found
        if frame is not None:
            tables[spec.name] = frame
    return tables, problems


def validate_folders(data_dir: Path, indicators_dir: Path
                     ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and check both folders; return the typed tables and every problem found."""
    data, problems = read_folder(data_dir, DATA_TABLES)
    present = tuple(s for s in OPTIONAL_DATA_TABLES if (data_dir / s.name).exists())
    optional, found = read_folder(data_dir, present) if present else ({}, [])
    problems += found
    meta, more = read_folder(indicators_dir, INDICATOR_TABLES)
    present = tuple(s for s in OPTIONAL_INDICATOR_TABLES if (indicators_dir / s.name).exists())
    extra, found = read_folder(indicators_dir, present) if present else ({}, [])
    more += found
    tables = {**data, **optional, **meta, **extra}
    problems += more
    problems += cross_check(tables)
    return tables, problems


# --- rules across tables -------------------------------------------------------------------

def _rows(frame: pd.DataFrame, mask: pd.Series) -> list[tuple[int, pd.Series]]:
    return [(int(line), row) for line, row in frame[mask].iterrows()]


def _refs(problems: list[Problem], tables: dict, spec: TableSpec, column: str,
          target: TableSpec, target_col: str, fix: str) -> None:
    """Every non-empty ``column`` of ``spec`` names a ``target_col`` of ``target``.

    One problem per unknown value, on its first line, counting the other lines: a code
    missing from countries.csv would otherwise bury the report under thousands of lines.
    """
    frame, other = tables.get(spec.name), tables.get(target.name)
    if frame is None or other is None:
        return
    known = set(other[target_col].dropna())
    values = frame[column]
    bad = values[values.notna() & ~values.isin(known)]
    if bad.empty:
        return
    # First line and count per unknown value, vectorised: a file of unique bad codes would
    # otherwise cost a group each (issue 18.3); at most MAX_PROBLEMS_PER_TABLE are listed.
    counts = bad.groupby(bad, sort=False).size()
    first = bad.reset_index().drop_duplicates(column).set_index(column).iloc[:, 0]
    for value in counts.index[:MAX_PROBLEMS_PER_TABLE]:
        n = int(counts[value])
        more = f" (and on {n - 1} more lines)" if n > 1 else ""
        problems.append(Problem(spec.name, int(first[value]), column,
                                f"{value!r} is not in {target.name}{more}", fix))
    if len(counts) > MAX_PROBLEMS_PER_TABLE:
        problems.append(Problem(spec.name, None, column,
                                f"... and {len(counts) - MAX_PROBLEMS_PER_TABLE} more unknown "
                                f"values not in {target.name}, not listed", fix))


def _check_displacement(tables: dict[str, pd.DataFrame], country_fix: str) -> list[Problem]:
    """A state code names a country of countries.csv; a non-state code is one of UNHCR's
    (schemas.NON_STATE_ORIGINS)."""
    frame, countries = tables.get(DISPLACEMENT.name), tables.get(COUNTRIES.name)
    if frame is None or countries is None:
        return []
    known = set(countries["iso3"])
    problems = []
    for col in ("origin", "asylum"):
        state = frame[f"{col}_kind"] == "state"
        for line, row in _rows(frame, state & ~frame[col].isin(known)):
            problems.append(Problem(DISPLACEMENT.name, line, col,
                                    f"{row[col]!r} is not in countries.csv", country_fix))
        for line, row in _rows(frame, ~state & ~frame[col].isin(set(NON_STATE_ORIGINS))):
            problems.append(Problem(DISPLACEMENT.name, line, col,
                                    f"{row[col]!r} is not a known non-state code",
                                    "use one of " + ", ".join(NON_STATE_ORIGINS)
                                    + " or mark the row's kind 'state'"))
    return problems


def cross_check(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules across tables. A table with duplicate keys (reported by its own check) is left
    out: lookups into it would be ambiguous, and validation must never crash."""
    problems: list[Problem] = []
    specs = {s.name: s for s in (*DATA_TABLES, *OPTIONAL_DATA_TABLES, *INDICATOR_TABLES,
                                 *OPTIONAL_INDICATOR_TABLES)}
    tables = {name: t for name, t in tables.items()
              if name not in specs or not _duplicate_keys(t, specs[name])}
    # Codes in countries.csv are ISO 3166-1 codes or user-assigned ones (riskscore/iso.py);
    # every other table must name a country of countries.csv (checked below).
    countries = tables.get(COUNTRIES.name)
    if countries is not None:
        ok = countries["iso3"].map(lambda c: c is None or iso.is_known(c)
                                   or iso.is_user_assigned(c)).astype(bool)
        for line, row in _rows(countries, ~ok):
            problems.append(Problem(COUNTRIES.name, line, "iso3",
                                    f"{row['iso3']!r} is not an ISO 3166-1 alpha-3 code",
                                    "check the code (e.g. DEU, not GER); user-assigned codes "
                                    "must start with X"))
    src_fix = "add the source to sources.csv or correct the id"
    country_fix = "check the code (e.g. DEU, not GER), or add the country to countries.csv"
    for spec in (OBSERVATIONS, OFFENCES, CONVENTION_STATUS):
        _refs(problems, tables, spec, "iso3", COUNTRIES, "iso3", country_fix)
    problems += _check_displacement(tables, country_fix)
    _refs(problems, tables, DISPLACEMENT, "source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, OBSERVATIONS, "indicator", INDICATORS, "id",
          "add the indicator to indicators/indicators.csv or correct the id")
    _refs(problems, tables, OBSERVATIONS, "source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, INDICATORS, "source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, COUNTRIES, "groups_source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, COUNTRIES, "population_source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, OFFENCES, "dataset_source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, CONVENTION_STATUS, "dataset_source_id", SOURCES, "id", src_fix)
    _refs(problems, tables, OFFENCES, "category", CATEGORIES, "id",
          "use a category from indicators/categories.csv")
    _refs(problems, tables, INDICATORS, "pillar", PILLARS, "id",
          "use a pillar from indicators/pillars.csv")
    problems += _check_bounds(tables)
    problems += _check_penalties(tables)
    problems += _check_status(tables)
    problems += check_weight_sums(tables)
    problems += _check_catalogue(tables)
    for spec in (SHIELDS, TRANSNATIONAL_REPRESSION):
        _refs(problems, tables, spec, "iso3", COUNTRIES, "iso3", country_fix)
    problems += check_pair_tables(tables)
    return problems


def _check_catalogue(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Engagement levels are complete and ordered; classes tile 0-100 without gaps; the
    pillars are those the method computes, and indicators sit only in the pillars built
    from indicators (METHODOLOGY.md 5-6)."""
    problems: list[Problem] = []
    problems += _check_pillars(tables)
    eng = tables.get(ENGAGEMENT.name)
    if eng is not None:
        levels = eng.set_index("id")["value"]
        for level in ("none", "signed", "ratification_reported", "ratified"):
            if level not in levels.index:
                problems.append(Problem(ENGAGEMENT.name, None, "id", f"level {level!r} is missing",
                                        "list none, signed, ratification_reported and ratified"))
        if not problems and not (levels["none"] <= levels["signed"]
                                 <= levels["ratification_reported"] <= levels["ratified"]):
            problems.append(Problem(ENGAGEMENT.name, None, "value",
                                    "values must not decrease from none to ratified",
                                    "order the values none <= signed <= reported <= ratified"))
    cls = tables.get(CLASSES.name)
    if cls is not None and len(cls):
        ordered = cls.sort_values("lower")
        if ordered["lower"].iloc[0] != 0 or ordered["upper"].iloc[-1] <= 100:
            problems.append(Problem(CLASSES.name, None, "lower",
                                    "classes must start at 0 and end above 100",
                                    "give the lowest class lower=0 and the highest upper>100"))
        gaps = ordered["lower"].iloc[1:].to_numpy() != ordered["upper"].iloc[:-1].to_numpy()
        for line in ordered.index[1:][gaps]:
            problems.append(Problem(CLASSES.name, int(line), "lower",
                                    "does not equal the upper bound of the class below",
                                    "make the classes adjoin without gaps or overlaps"))
    return problems


def _duplicate_keys(frame: pd.DataFrame, spec: TableSpec) -> bool:
    key = [k for k in spec.key if k in frame]
    return bool(key) and bool(frame[key].astype(object).where(frame[key].notna(), "")
                              .duplicated().any())


def _check_pillars(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems: list[Problem] = []
    pillars = tables.get(PILLARS.name)
    if pillars is not None:
        ids = set(pillars["id"])
        for missing in [p for p in REQUIRED_PILLARS if p not in ids]:
            problems.append(Problem(PILLARS.name, None, "id", f"pillar {missing!r} is missing",
                                    "the method computes exactly these pillars: "
                                    + ", ".join(REQUIRED_PILLARS)))
        for line, row in _rows(pillars, ~pillars["id"].isin(REQUIRED_PILLARS)):
            problems.append(Problem(PILLARS.name, line, "id",
                                    f"{row['id']!r} is not a pillar the method computes",
                                    "use one of " + ", ".join(REQUIRED_PILLARS)))
    ind = tables.get(INDICATORS.name)
    if ind is not None:
        elsewhere = ind["pillar"].isin(REQUIRED_PILLARS) \
            & ~ind["pillar"].isin(PILLARS_FROM_INDICATORS)
        for line, row in _rows(ind, elsewhere):
            problems.append(Problem(INDICATORS.name, line, "pillar",
                                    f"{row['pillar']!r} is not built from indicators",
                                    "put indicators in " + " or ".join(PILLARS_FROM_INDICATORS)))
    return problems


def _check_bounds(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems: list[Problem] = []
    ind = tables.get(INDICATORS.name)
    if ind is None:
        return problems
    for line, row in _rows(ind, ind["lower"].notna() & ind["upper"].notna()
                           & (ind["lower"] >= ind["upper"])):
        problems.append(Problem(INDICATORS.name, line, "lower",
                                f"lower bound {row['lower']:g} is not below upper {row['upper']:g}",
                                "swap or correct the bounds"))
    if "alt_lower" in ind:
        one = ind["alt_lower"].isna() != ind["alt_upper"].isna()
        for line, _ in _rows(ind, one):
            problems.append(Problem(INDICATORS.name, line, "alt_lower",
                                    "give both alternative bounds or neither",
                                    "fill alt_lower and alt_upper together"))
        bad = ind["alt_lower"].notna() & ind["alt_upper"].notna() & (
            ind["alt_lower"] >= ind["alt_upper"])
        for line, _ in _rows(ind, bad):
            problems.append(Problem(INDICATORS.name, line, "alt_lower",
                                    "alternative lower bound is not below the upper one",
                                    "swap or correct the alternative bounds"))
    obs = tables.get(OBSERVATIONS.name)
    if obs is None:
        return problems
    bounds = ind.set_index("id")[["lower", "upper"]]
    joined = obs.join(bounds, on="indicator")
    out = joined["value"].notna() & ((joined["value"] < joined["lower"])
                                     | (joined["value"] > joined["upper"]))
    for line, row in _rows(joined, out):
        problems.append(Problem(
            OBSERVATIONS.name, line, "value",
            f"{row['value']:g} is outside the bounds of {row['indicator']} "
            f"[{row['lower']:g}, {row['upper']:g}]",
            "check the value and its scale; if the bounds are wrong, change them in "
            "indicators/indicators.csv with a reason"))
    return problems


def _check_penalties(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    off = tables.get(OFFENCES.name)
    if off is None:
        return []
    years = off["max_penalty_years"].notna()
    severe = off["life_imprisonment"].fillna(False) | off["death_penalty"].fillna(False)
    problems = [
        Problem(OFFENCES.name, line, "max_penalty_years",
                f"{row['max_penalty_years']:g} years given although the maximum is life or death",
                "leave max_penalty_years empty when life_imprisonment or death_penalty is true")
        for line, row in _rows(off, years & severe.astype(bool))
    ]
    # A stated minimum, or a sentence a court imposed, above the stated maximum means one of
    # the figures was misread (months as years, an aggravated form's range, a cumulative
    # sentence for several offences).
    for col, what in (("min_penalty_years", "stated minimum"),
                      ("sentence_imposed_years", "sentence imposed")):
        if col not in off:
            continue
        above = off[col].astype(float) > off["max_penalty_years"].astype(float)
        for line, row in _rows(off, above.fillna(False)):
            problems.append(Problem(
                OFFENCES.name, line, col,
                f"{what} of {row[col]:g} years is above the maximum of "
                f"{row['max_penalty_years']:g} years",
                "check both figures in the source; a sentence for several offences or an "
                "aggravated form belongs on its own row"))
    if "row_kind" in off:
        not_offence = off["row_kind"].isin(("not_criminalised", "search_note"))
        penalty = (off["max_penalty_years"].fillna(0) > 0) | severe.astype(bool)
        for line, row in _rows(off, not_offence & penalty):
            problems.append(Problem(
                OFFENCES.name, line, "row_kind",
                f"a {row['row_kind']} row carries a penalty",
                "use row_kind offence for a provision with a penalty; leave the penalty empty "
                "for a search note, and 0 or empty for not_criminalised"))
        # A not_criminalised row states the law as it is now; "out of force" would say the
        # conduct is a crime again, which only a later offence row (superseded_by) can show.
        stale = (off["row_kind"] == "not_criminalised") & off["in_force"].eq(False).fillna(False) \
            & off["superseded_by"].isna()
        for line, _ in _rows(off, stale.astype(bool)):
            problems.append(Problem(
                OFFENCES.name, line, "in_force",
                "a not_criminalised row is marked out of force without a later row",
                "leave in_force empty when the offence was repealed or struck down (the row "
                "already says so); if a later law criminalised the conduct again, name that "
                "row in superseded_by"))
        problems += _check_sanction(off, severe.astype(bool))
        note = (off["row_kind"] == "search_note") & off["max_penalty_years"].notna()
        for line, _ in _rows(off, note):
            problems.append(Problem(OFFENCES.name, line, "max_penalty_years",
                                    "a search note has no penalty (it records what was not found)",
                                    "leave max_penalty_years empty"))
    ids = set(off["row_id"])
    for col, fix in _ROW_LINK_FIX.items():
        if col not in off:
            continue
        for line, row in _rows(off, off[col].notna() & ~off[col].isin(ids)):
            problems.append(Problem(OFFENCES.name, line, col,
                                    f"{row[col]!r} is not a row_id of offences.csv", fix))
    if "same_provision_as" in off:
        problems += _check_same_provision(off, ids)
    if "superseded_by" in off:
        problems += _check_supersession_cycles(off)
    if "same_provision_in" in off:
        problems += _check_cross_filed(off, ids)
    return problems


def _check_sanction(off: pd.DataFrame, severe: pd.Series) -> list[Problem]:
    """A maximum of 0 must say whether the conduct is still a crime (fine only: the domestic
    powers reach it) or not (METHODOLOGY.md 6.1); any other row has no sanction word."""
    sanction = off["sanction"] if "sanction" in off else pd.Series(None, index=off.index)
    zero = (off["row_kind"] == "offence") & off["max_penalty_years"].eq(0) & ~severe
    problems = [Problem(OFFENCES.name, line, "sanction",
                        "a maximum of 0 years does not say whether the conduct is still a crime",
                        "give sanction fine_only (a criminal offence punished by fine, community "
                        "work or another non-custodial sentence) or not_criminal (an "
                        "administrative or petty offence, or one since abolished: prefer a "
                        "not_criminalised row for a repeal)")
                for line, _ in _rows(off, zero & sanction.isna())]
    problems += [Problem(OFFENCES.name, line, "sanction",
                         f"sanction {row['sanction']!r} given for a row whose maximum is not 0",
                         "leave sanction empty unless the row is an offence with maximum 0")
                 for line, row in _rows(off, ~zero & sanction.notna())]
    return problems


# Offence columns that name another row, and how to fix a bad link.
_ROW_LINK_FIX = {
    "superseded_by": "name the row that supersedes this one",
    "same_provision_as": "name the row of the same state and category that gives this "
                         "provision's penalty",
    "same_provision_in": "name the row of the same state, in the other category, that gives "
                         "this provision's penalty",
}


def _check_same_provision(off: pd.DataFrame, ids: set[str]) -> list[Problem]:
    """A restated row must point at a row of the same state and category that is not itself
    a restatement, so every provision is counted exactly once (unknown ids are reported
    with the other row links)."""
    by_id = off.set_index("row_id")
    problems = []
    for line, row in _rows(off, off["same_provision_as"].isin(ids)):
        target = row["same_provision_as"]
        if (by_id.at[target, "iso3"], by_id.at[target, "category"]) != (row["iso3"],
                                                                       row["category"]):
            why = f"{target!r} is a row of another state or category"
        elif pd.notna(by_id.at[target, "same_provision_as"]):
            why = f"{target!r} itself restates another row"
        else:
            continue
        problems.append(Problem(OFFENCES.name, line, "same_provision_as", why,
                                _ROW_LINK_FIX["same_provision_as"]))
    return problems


def _check_supersession_cycles(off: pd.DataFrame) -> list[Problem]:
    """Following ``superseded_by`` must end at a row in force, never loop back."""
    nxt = dict(zip(off["row_id"], off["superseded_by"], strict=True))
    line = {rid: int(i) for i, rid in off["row_id"].items()}
    problems, reported = [], set()
    for start in off.loc[off["superseded_by"].notna(), "row_id"]:
        seen, rid = [], start
        while isinstance(rid, str) and rid in nxt and rid not in seen:
            seen.append(rid)
            rid = nxt[rid]
        if isinstance(rid, str) and rid in seen and rid not in reported:
            loop = seen[seen.index(rid):]
            reported.update(loop)
            problems.append(Problem(OFFENCES.name, line[rid], "superseded_by",
                                    "rows supersede each other in a loop: " + " -> ".join(
                                        [*loop, rid]),
                                    "the newest row must not name a superseded_by"))
    return problems


PENALTY_FIELDS = ("max_penalty_years", "min_penalty_years", "sentence_imposed_years")


def _check_cross_filed(off: pd.DataFrame, ids: set[str]) -> list[Problem]:
    """One provision filed in two categories carries one penalty: the linking row names a
    row of the same state in another category that is not itself a link, and states no
    penalty of its own (it takes the named row's)."""
    by_id = off.set_index("row_id")
    problems = []
    for line, row in _rows(off, off["same_provision_in"].isin(ids)):
        fix = _ROW_LINK_FIX["same_provision_in"]
        target = by_id.loc[row["same_provision_in"]]
        if target["iso3"] != row["iso3"] or target["category"] == row["category"]:
            why = f"{row['same_provision_in']!r} is not a row of {row['iso3']} in another category"
        elif pd.notna(target["same_provision_in"]):
            why = f"{row['same_provision_in']!r} itself takes its penalty from another row"
        elif any(pd.notna(row.get(c)) for c in PENALTY_FIELDS if c in off) \
                or row["life_imprisonment"] or row["death_penalty"]:
            why = "a row that takes its penalty from another category's row states one of its own"
            fix = "leave the penalty empty (quote this source's figure in notes) or remove the link"
        else:
            continue
        problems.append(Problem(OFFENCES.name, line, "same_provision_in", why, fix))
    return problems


def _check_status(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    st = tables.get(CONVENTION_STATUS.name)
    if st is None:
        return []
    problems = []
    pairs = (("signed", "signed_confidence"), ("signed", "signed_source"),
             ("ratification_event", "ratification_date"),
             ("ratification_event", "ratification_confidence"),
             ("ratification_event", "ratification_source"))
    for field, needed in pairs:
        for line, _ in _rows(st, st[field].notna() & st[needed].isna()):
            problems.append(Problem(CONVENTION_STATUS.name, line, needed,
                                    f"is empty although {field} is given",
                                    f"every {field} needs its {needed}"))
    return problems


def check_weight_sums(tables: dict[str, pd.DataFrame], label_suffix: str = "") -> list[Problem]:
    """Weights are shares: within each pillar, across pillars and across categories they sum
    to 1 (METHODOLOGY.md, "Weights")."""
    problems: list[Problem] = []

    def check(spec: TableSpec, frame: pd.DataFrame, what: str) -> None:
        total = float(frame["weight"].sum())
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            problems.append(Problem(spec.name + label_suffix, None, "weight",
                                    f"weights of {what} sum to {total:.6g}, not 1",
                                    "adjust them so they sum to 1"))

    if (p := tables.get(PILLARS.name)) is not None:
        check(PILLARS, p, "the pillars")
    if (c := tables.get(CATEGORIES.name)) is not None:
        check(CATEGORIES, c, "the offence categories")
    if (pc := tables.get(PAIR_COMPONENTS.name)) is not None:
        check(PAIR_COMPONENTS, pc, "the pair components")
    if (i := tables.get(INDICATORS.name)) is not None:
        for pillar, group in i.groupby("pillar"):
            check(INDICATORS, group, f"pillar {pillar!r}")
    return problems
