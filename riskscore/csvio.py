"""Reading tables defensively and writing them atomically.

Reading never raises on bad content: it returns the rows it could read as text plus a list
of every :class:`Problem` found, so the user sees all of them in one run. Typing and
checking values is the job of :mod:`riskscore.validate`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .errors import Problem

# One table larger than this is refused before it is read, so memory stays bounded. The
# largest shipped table is about 1 MB; 20 MB leaves room for years of growth.
MAX_TABLE_BYTES = int(float(os.environ.get("RISKSCORE_MAX_TABLE_MB", "20")) * 1024 * 1024)


def read_csv_text(
    path: Path,
    columns: Sequence[str],
    optional: Sequence[str] = (),
    label: str | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read ``path`` as UTF-8 comma-separated text with exactly the given columns.

    Returns a frame of stripped strings (empty cells are ``None``) whose index is the
    line number in the file, or ``None`` when the file cannot be used at all.
    """
    name = label or path.name
    problems: list[Problem] = []

    def fail(message: str, fix: str, row: int | None = None) -> tuple[None, list[Problem]]:
        problems.append(Problem(name, row, None, message, fix))
        return None, problems

    if not path.exists():
        return fail("file not found", f"check the path; expected a CSV file at {path}")
    if path.is_dir():
        return fail("is a directory, not a file", "give the path of the CSV file itself")
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        return fail(
            f"file is {size / 1e6:.1f} MB, over the {MAX_TABLE_BYTES / 1e6:.0f} MB limit for "
            "one table; it was not read",
            "check that this is the right file; if it is, set RISKSCORE_MAX_TABLE_MB higher",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as spreadsheets write it, is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex()
        return fail(
            f"byte 0x{byte} is not valid UTF-8 (the file looks Latin-1 or Windows-1252 encoded)",
            "save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
            row=line,
        )
    if not text.strip():
        return fail("file is empty", f"the first line must be the header: {','.join(columns)}")

    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]
    if len(header) == 1 and len(columns) > 1:
        for sep, what in ((";", "semicolon"), ("\t", "tab")):
            if sep in header[0]:
                return fail(
                    f"the header is one column that contains {what}s: the file looks "
                    f"{what}-separated",
                    "save it comma-separated (riskscore reads CSV with commas, UTF-8)",
                    row=1,
                )
    allowed = list(columns) + list(optional)
    for col in columns:
        if col not in header:
            problems.append(
                Problem(name, 1, col, "required column is missing", "add the column to the header")
            )
    for col in header:
        if col not in allowed:
            problems.append(
                Problem(
                    name, 1, col or "(blank)", "unexpected column",
                    f"remove it or rename it to one of: {', '.join(allowed)}",
                )
            )
    seen: set[str] = set()
    for col in header:
        if col in seen:
            problems.append(Problem(name, 1, col, "column appears twice", "keep one of them"))
        seen.add(col)
    if problems:
        return None, problems

    records: list[list[str | None]] = []
    lines: list[int] = []
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue  # blank lines are harmless
            if len(row) != len(header):
                problems.append(
                    Problem(
                        name, reader.line_num, None,
                        f"has {len(row)} fields, the header has {len(header)}",
                        "check for an unquoted comma or a missing cell on this line",
                    )
                )
                continue
            records.append([c.strip() or None for c in row])
            lines.append(reader.line_num)
    except csv.Error as exc:
        problems.append(
            Problem(name, reader.line_num, None, f"cannot be parsed as CSV ({exc})",
                    "check the quotes on this line")
        )
    if not records and not problems:
        return fail("file has a header but no data rows", "add at least one row of data")
    frame = pd.DataFrame(records, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    # Optional columns that are absent read as empty.
    for col in optional:
        if col not in frame.columns:
            frame[col] = None
    return frame[allowed], problems
