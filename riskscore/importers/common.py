"""What every importer shares: reading a source file leniently, and replacing its own rows
in a country_data table atomically after checking the result against the table's schema."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..atomic import write_with
from ..csvio import read_bounded
from ..errors import Problem, ValidationFailed
from ..schemas import SOURCES, TableSpec
from ..validate import read_table


@dataclass
class ImportResult:
    """What an importer wrote, and what it left out on purpose (and why)."""

    table: Path
    rows_written: int
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # kept, but marked (e.g. non-state codes)
    # Where each written row came from, "file:line" of the publisher's file, by the row's
    # key in the table (so a problem found later points at the line the user can fix).
    origins: dict[tuple, str] = field(default_factory=dict)


def read_source(path: Path, needed: Sequence[str], *, sep: str = ",", decimal: str = ".",
                encodings: Sequence[str] = ("utf-8-sig",)) -> pd.DataFrame:
    """Read a publisher's file as text. Raises ValidationFailed naming the missing columns."""
    name = path.name
    raw, (what, fix) = read_bounded(path)
    if raw is None:
        raise ValidationFailed([Problem(name, None, None, what, fix)])
    text = None
    for enc in encodings:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise ValidationFailed([Problem(name, None, None, "cannot be decoded as " +
                                        " or ".join(encodings), "save the file as UTF-8")])
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, decimal=decimal, dtype=str,
                            keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValidationFailed([Problem(name, None, None, f"cannot be parsed ({exc})",
                                        "check that this is the publisher's file")]) from exc
    frame.columns = [c.strip() for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")  # header is line 1
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValidationFailed([Problem(name, 1, c, "column expected in this source is missing",
                                        "check that this is the publisher's file and format")
                                for c in missing])
    return frame


def write_checked(frame: pd.DataFrame, path: Path, spec: TableSpec) -> None:
    """Write ``frame`` to ``path`` only if it passes the table's own checks; atomically."""
    def check(tmp: Path) -> None:
        _, problems = read_table(tmp, spec, label=path.name)
        if problems:
            raise ValidationFailed(problems)

    write_with(path, lambda tmp: frame[list(spec.columns)].to_csv(
        tmp, index=False, lineterminator="\n"), check)


def read_existing(path: Path, spec: TableSpec) -> pd.DataFrame:
    """The current table, or an empty one. A corrupt existing table stops the import."""
    if not path.exists():
        return pd.DataFrame(columns=list(spec.columns))
    frame, problems = read_table(path, spec)
    if problems or frame is None:
        raise ValidationFailed(problems)
    return frame.reset_index(drop=True)


def replace_rows(data_dir: Path, spec: TableSpec, new: pd.DataFrame,
                 drop: Callable[[pd.DataFrame], pd.Series] | None = None,
                 sort: Iterable[str] | None = None) -> int:
    """Replace the rows selected by ``drop(old)`` with ``new`` and write the table."""
    path = data_dir / spec.name
    old = read_existing(path, spec)
    keep = old[~drop(old)] if drop is not None and len(old) else old
    out = pd.concat([df for df in (keep, new) if len(df)], ignore_index=True) \
        if len(keep) or len(new) else new
    out = out.sort_values(list(sort or spec.key), kind="stable").reset_index(drop=True)
    write_checked(_as_text(out), path, spec)
    return len(new)


def upsert_source(data_dir: Path, record: dict[str, str]) -> None:
    new = pd.DataFrame([record])
    replace_rows(data_dir, SOURCES, new, drop=lambda old: old["id"] == record["id"])


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Render typed values as the CSV text riskscore reads back (bools lower case, ints
    without a decimal point)."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_bool_dtype(s) or str(s.dtype) == "boolean":
            out[col] = s.map(lambda v: "" if pd.isna(v) else ("true" if v else "false"))
        elif str(s.dtype) == "Int64":
            out[col] = s.map(lambda v: "" if pd.isna(v) else str(int(v)))
        elif s.dtype == object:
            out[col] = s.map(_cell)
    return out


def _cell(v: object) -> object:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return repr(v)
    return v


def observation_rows(frame: pd.DataFrame, columns: dict[str, str], year_col: str,
                     source_id: str, label: str) -> pd.DataFrame:
    """Long rows (iso3, indicator, year, value, source_id) from a wide source table.

    Cells that are empty in the source are left out: unknown stays missing. A cell that is
    not a number stops the import with every such cell named.
    """
    problems: list[Problem] = []
    year = pd.to_numeric(frame[year_col], errors="coerce")
    for line in frame.index[year.isna() | (year % 1 != 0)]:
        problems.append(Problem(label, int(line), year_col,
                                f"{frame.at[line, year_col]!r} is not a year", "write e.g. 2025"))
    parts = []
    for src_col, indicator in columns.items():
        raw = frame[src_col]
        value = pd.to_numeric(raw, errors="coerce")
        for line in frame.index[raw.notna() & value.isna()]:
            problems.append(Problem(label, int(line), src_col,
                                    f"{raw[line]!r} is not a number",
                                    "use the publisher's file unchanged"))
        has = value.notna()
        parts.append(pd.DataFrame({"iso3": frame.loc[has, "iso3"], "indicator": indicator,
                                   "year": year[has], "value": value[has],
                                   "source_id": source_id,
                                   "origin": [f"{label}:{int(x)}" for x in frame.index[has]]}))
    if problems:
        raise ValidationFailed(problems)
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out


def drop_unusable_codes(frame: pd.DataFrame, name_col: str, skipped: list[str]) -> pd.DataFrame:
    """Leave out rows with no ISO3 code or with a code that names no single state."""
    from .. import iso

    blank = frame["iso3"].isna()
    for name in frame.loc[blank, name_col]:
        skipped.append(f"{name}: no ISO 3166 code (sub-national or disputed unit)")
    non_state = frame["iso3"].isin(list(iso.NON_STATE_CODES))
    for code in frame.loc[non_state, "iso3"]:
        skipped.append(f"{code}: {iso.NON_STATE_CODES[code]}")
    return frame[~blank & ~non_state]


def import_observations(frames: Iterable[tuple[pd.DataFrame, Path]], columns: dict[str, str],
                        year_col: str, name_col: str, source: dict[str, str],
                        data_dir: Path) -> ImportResult:
    """The one observations importer (RSF, V-Dem, Freedom House): each publisher's reader
    gives wide frames; this leaves out rows without a usable ISO3 code (and says so), turns
    the named columns into long rows, and replaces that source's rows for the years read,
    keeping other years and other sources."""
    from ..schemas import OBSERVATIONS

    skipped: list[str] = []
    rows = [observation_rows(drop_unusable_codes(frame, name_col, skipped), columns, year_col,
                             source["id"], path.name) for frame, path in frames]
    new = pd.concat(rows, ignore_index=True).drop_duplicates(["iso3", "indicator", "year"])
    origins = {(r.iso3, r.indicator, int(r.year)): r.origin
               for r in new.itertuples(index=False)}
    new = new.drop(columns="origin")
    years = set(new["year"])
    upsert_source(data_dir, source)
    n = replace_rows(data_dir, OBSERVATIONS, new, drop=lambda old: (
        (old["source_id"] == source["id"]) & old["year"].isin(years)))
    return ImportResult(data_dir / OBSERVATIONS.name, n, sorted(set(skipped)), origins=origins)


def record_lines(path: Path) -> list[int]:
    """The editor line of each record of a CSV file (the header is line 1): quoted newlines
    in notes would shift a simple count, so count in the raw text."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    next(reader)
    lines = []
    start = reader.line_num + 1
    for row in reader:
        if row:
            lines.append(start)
        start = reader.line_num + 1
    return lines
