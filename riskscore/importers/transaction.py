"""Imports as transactions (issue 18.1): an import never leaves the data folder worse.

The importer runs on a copy of the data folder; the copy is validated as a whole (every
table, every cross-table rule, against the catalogue) and swapped in with one atomic step
only if the import added no problem. A failed import changes nothing - not even
``sources.csv`` - and a user's own files and rows outside the imported ones are carried
over untouched, because the copy starts as the folder itself.

A folder being built table by table (``country_data/rebuild.sh`` into an empty folder:
some required table still missing) cannot satisfy rules across tables it does not have yet;
there the import must add no problem to the table it writes. A complete folder must come
out of the import with no problem it did not have before.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..atomic import stage_beside, swap_in
from ..errors import Problem, ValidationFailed
from .common import ImportResult

MISSING = "file not found"


def _problems(data: Path, indicators: Path) -> list[Problem]:
    return _checked(data, indicators)[1]


def _checked(data: Path, indicators: Path) -> tuple[dict, list[Problem]]:
    from ..validate import validate_folders

    return validate_folders(data, indicators)


def _from_publisher(problems: list[Problem], tables: dict, result: ImportResult
                    ) -> list[Problem]:
    """Point each problem on a written row at the publisher's line it came from."""
    table = tables.get(result.table.name)
    if not result.origins or table is None:
        return problems
    key_len = len(next(iter(result.origins)))
    out = []
    for p in problems:
        origin = None
        if p.file == result.table.name and p.row in table.index:
            row = table.loc[p.row]
            key = tuple(row.iloc[:key_len])
            key = tuple(int(v) if isinstance(v, float) and v.is_integer() else v for v in key)
            origin = result.origins.get(key)
        out.append(replace(p, message=f"{p.message} (from {origin})") if origin else p)
    return out


def _signature(p: Problem) -> tuple[str, str | None, str]:
    # Lines move when rows are added: compare problems by file, column and message.
    return (p.file, p.column, p.message)


def run_import(importer: Callable[..., ImportResult], files: list[Path], data_dir: Path,
               indicators_dir: Path, **options) -> ImportResult:
    """Run ``importer`` on a copy of ``data_dir``; swap the copy in only if the whole folder
    has no problem it did not have before."""
    data_dir = Path(data_dir)
    stage = stage_beside(data_dir)
    try:
        existed = data_dir.is_dir()
        if existed:
            shutil.copytree(data_dir, stage, symlinks=True, dirs_exist_ok=True)
        old = _problems(data_dir, indicators_dir) if existed else []
        before = {_signature(p) for p in old}
        complete = existed and not any(p.message == MISSING for p in old)
        result = importer(files, stage, **options)
        tables, found = _checked(stage, indicators_dir)
        new = [p for p in found
               if _signature(p) not in before and p.message != MISSING
               and (complete or p.file == result.table.name)]
        new = _from_publisher(new, tables, result)
        if new:
            raise ValidationFailed(new + [Problem(
                result.table.name, None, None,
                "the import would leave the data folder invalid (the problems above are "
                "new); nothing was changed",
                "fix the source file, or the rows of the data folder it conflicts with")])
        swap_in(stage, data_dir)
        return ImportResult(data_dir / result.table.name, result.rows_written,
                            result.skipped, result.notes)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
