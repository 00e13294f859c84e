"""Hypothesis strategies derived from the table declarations in riskscore.schemas.

Each column's kind and pandera checks (allowed values, pattern, range) decide what a valid
value is, so a new column or check is covered without touching the tests.
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

from riskscore.schemas import Col, TableSpec

_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " ,;\"'éü-", min_size=1,
                max_size=20).map(str.strip).filter(bool)


def _stats(col: Col) -> dict:
    out: dict = {}
    for check in col.checks:
        out.update({k: v for k, v in (check.statistics or {}).items() if v is not None})
    return out


def value(col: Col) -> st.SearchStrategy:
    s = _stats(col)
    if "allowed_values" in s:
        return st.sampled_from(sorted(s["allowed_values"]))
    if "pattern" in s:
        # printable text only: control characters are refused by validation (issue 18)
        printable = st.characters(blacklist_categories=("Cc", "Cs"))
        return st.from_regex(s["pattern"], fullmatch=True, alphabet=printable).filter(
            lambda v: v == v.strip())
    lo, hi = s.get("min_value"), s.get("max_value")
    if col.kind == "float":
        return st.floats(min_value=lo if lo is not None else -1e6,
                         max_value=hi if hi is not None else 1e6, allow_nan=False)
    if col.kind == "int":
        return st.integers(min_value=int(lo) if lo is not None else -10**6,
                           max_value=int(hi) if hi is not None else 10**6)
    if col.kind == "bool":
        return st.booleans()
    if col.kind == "date":
        return st.dates().map(lambda d: d.isoformat()).filter(lambda d: d[:4] >= "1000")
    return _TEXT


def cell(col: Col) -> st.SearchStrategy:
    """A valid cell, or (for optional columns) an empty one."""
    v = value(col)
    return v if col.required else st.one_of(st.none(), v)


def rows(spec: TableSpec, min_size: int = 1, max_size: int = 8) -> st.SearchStrategy:
    """Lists of valid rows (dicts) whose keys are unique."""
    row = st.fixed_dictionaries({name: cell(col) for name, col in spec.columns.items()})
    return st.lists(row, min_size=min_size, max_size=max_size,
                    unique_by=lambda r: tuple(r[k] for k in spec.key))


def to_csv(spec: TableSpec, records: list[dict]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(spec.columns))
    for r in records:
        w.writerow(["" if r[c] is None else
                    ("true" if r[c] is True else "false" if r[c] is False else
                     repr(r[c]) if isinstance(r[c], float) else str(r[c]))
                    for c in spec.columns])
    return buf.getvalue()
