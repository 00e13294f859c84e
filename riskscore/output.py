"""Writing tables for users: CSV safe to open in a spreadsheet, JSON, terminal tables."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pandas as pd

from .atomic import write_text

# A cell starting with one of these is run as a formula by spreadsheets (OWASP, "CSV
# injection"); prefixing a quote makes it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise text cells that a spreadsheet would run as formulas. Numbers stay numbers."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def to_csv(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    numeric = frame.select_dtypes("float").columns
    spreadsheet_safe(frame.assign(**{c: frame[c].round(4) for c in numeric})).to_csv(
        buf, index=False, lineterminator="\n")
    return buf.getvalue()


def _clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item"):
        return _clean(v.item())
    return v


def records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _finite(v):
    """JSON has no NaN or Infinity: missing becomes null, life/death bounds "infinite"."""
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "infinite" if v > 0 else "-infinite"
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_finite(x) for x in v]
    return v


def to_json(payload: dict) -> str:
    return json.dumps(_finite(payload), ensure_ascii=False, indent=2, default=_clean,
                      allow_nan=False) + "\n"


def write_or_print(text: str, out: Path | None, echo) -> None:
    if out is None:
        echo(text.rstrip("\n"))
    else:
        write_text(text, out)
        echo(f"wrote {out}")
