"""Reading tables defensively and writing them atomically.

Reading never raises on bad content: it returns the rows it could read as text plus a list
of every :class:`Problem` found, so the user sees all of them in one run. Typing and
checking values is the job of :mod:`riskscore.validate`.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .errors import Problem

# One table larger than this is refused before it is read, so memory stays bounded. The
# largest shipped table is about 1 MB; 20 MB leaves room for years of growth.
MAX_TABLE_BYTES = int(float(os.environ.get("RISKSCORE_MAX_TABLE_MB", "20")) * 1024 * 1024)
# Lines with the wrong number of fields reported per file; validation caps the rest.
MAX_ROW_PROBLEMS = 201


def read_bounded(path: Path, limit: int | None = None
                 ) -> tuple[bytes | None, tuple[str, str]]:
    """The bytes of a regular file of at most ``limit`` bytes, or None and (what is wrong,
    how to fix it). Devices, pipes and sockets are refused whatever a symlink points to
    (reading one could block forever or never end), and the limit is enforced while
    reading: ``stat`` alone can be wrong for special files."""
    limit = MAX_TABLE_BYTES if limit is None else limit

    def over(size: str) -> tuple[None, tuple[str, str]]:
        return None, (f"file is {size}over the {limit / 1e6:.0f} MB limit for one table; it "
                      "was not read", "check that this is the right file; if it is, set "
                      "RISKSCORE_MAX_TABLE_MB higher")

    try:
        info = path.stat()  # follows symlinks: the kind of what is actually read
    except FileNotFoundError:
        return None, ("file not found", f"check the path; expected a CSV file at {path}")
    except OSError as exc:
        return None, (f"cannot be read: {exc.strerror}", "check the path and its permissions")
    if stat.S_ISDIR(info.st_mode):
        return None, ("is a directory, not a file", "give the path of the CSV file itself")
    if not stat.S_ISREG(info.st_mode):
        return None, ("is not a regular file (a device, pipe or socket); it was not read",
                      "give the path of a CSV file saved on disk")
    if info.st_size > limit:
        return over(f"{info.st_size / 1e6:.1f} MB, ")
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # never wait on a swapped-in fifo
        fd = os.open(path, flags)
    except OSError as exc:
        return None, (f"cannot be read: {exc.strerror}", "check the path and its permissions")
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped after the check
            return None, ("is not a regular file (a device, pipe or socket); it was not "
                          "read", "give the path of a CSV file saved on disk")
        raw = fh.read(limit + 1)
    if len(raw) > limit:
        return over("")
    return raw, ("", "")


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

    raw, why = read_bounded(path)
    if raw is None:
        return fail(*why)
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
    del raw
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

    # Column by column, each distinct cell text stored once: a table's cells repeat
    # (codes, indicator ids, years), and rows of lists would cost more than the text itself
    # (memory stays bounded for the largest allowed file, issue 18.3).
    cells: list[list[str | None]] = [[] for _ in header]
    seen_text: dict[str, str] = {}
    lines: list[int] = []
    width = len(header)
    short = 0  # lines with the wrong number of fields
    try:
        for row in reader:
            if len(row) != width:
                if not row or all(not c.strip() for c in row):
                    continue  # blank lines are harmless
                short += 1
                if len(problems) < MAX_ROW_PROBLEMS:
                    problems.append(
                        Problem(
                            name, reader.line_num, None,
                            f"has {len(row)} fields, the header has {width}",
                            "check for an unquoted comma or a missing cell on this line",
                        )
                    )
                continue
            if all(not c.strip() for c in row):
                continue
            for column, c in zip(cells, row, strict=True):
                c = c.strip()
                column.append(seen_text.setdefault(c, c) if c else None)
            lines.append(reader.line_num)
    except csv.Error as exc:
        problems.append(
            Problem(name, reader.line_num, None, f"cannot be parsed as CSV ({exc})",
                    "check the quotes on this line")
        )
    del seen_text, reader, text
    if short > MAX_ROW_PROBLEMS:
        problems.append(Problem(name, None, None, f"... and {short - MAX_ROW_PROBLEMS} more "
                                "lines with the wrong number of fields, not listed",
                                "fix the ones above and run again"))
    if not lines and not problems:
        return fail("file has a header but no data rows", "add at least one row of data")
    index = pd.Index(lines, name="line")
    frame = pd.DataFrame(index=index)
    for col, column in zip(header, cells, strict=True):
        frame[col] = pd.Series(column, index=index, dtype=object)
        column.clear()
    # Optional columns that are absent read as empty.
    for col in optional:
        if col not in frame.columns:
            frame[col] = None
    return frame[allowed], problems
