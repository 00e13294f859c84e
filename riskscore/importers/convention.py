"""Signatures and ratifications of the convention (shared/data/convention).

Takes ``signatures.csv`` and one or more ratifications files (recognised by their columns:
the shared ``ratifications.csv`` and riskscore's own cited findings,
``country_data/curation/convention_riskscore.csv``). Where a state has several steps, the
most advanced one is kept (a procedure begun < domestic approval < reported ratification <
deposit; the later date breaks a tie). A state absent from all has neither signed nor
ratified as far as the sources show.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..csvio import read_bounded
from ..errors import Problem, ValidationFailed
from ..schemas import CONVENTION_STATUS
from . import sources
from .common import ImportResult, read_source, replace_rows, upsert_source

SIGN = ["iso3", "name", "signed", "confidence", "source", "source_url", "notes"]
RATIFY = ["iso3", "name", "event", "date", "confidence", "source", "notes"]


def import_convention(files: list[Path], data_dir: Path) -> ImportResult:
    signed = None
    steps: list[pd.DataFrame] = []
    for path in files:
        raw, (what, fix) = read_bounded(path)
        if raw is None:
            raise ValidationFailed([Problem(path.name, None, None, what, fix)])
        header = raw.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
        if "signed" in header.split(","):
            signed = read_source(path, SIGN)
        elif "event" in header.split(","):
            steps.append(read_source(path, RATIFY))
        else:
            raise ValidationFailed([Problem(path.name, 1, None,
                                            "is neither a signatures nor a ratifications file",
                                            "pass signatures.csv and ratifications.csv")])
    if signed is None:
        raise ValidationFailed([Problem("signatures.csv", None, None, "not given",
                                        "pass the signatures file")])
    out = pd.DataFrame({
        "iso3": signed["iso3"], "name": signed["name"], "signed": signed["signed"],
        "signed_confidence": signed["confidence"],
        "signed_source": _join(signed["source"], signed["source_url"]),
        "notes": signed["notes"],
    })
    ratified = _most_advanced(pd.concat(steps, ignore_index=True)) if steps else None
    if ratified is not None:
        r = ratified.rename(columns={"event": "ratification_event", "date": "ratification_date",
                                     "confidence": "ratification_confidence",
                                     "source": "ratification_source",
                                     "notes": "ratification_notes"})
        out = out.merge(r.drop(columns=["name"]), on="iso3", how="outer")
        out["notes"] = _join(out["notes"], out.pop("ratification_notes"), sep=" | ")
        out["name"] = out["name"].fillna(ratified.set_index("iso3")["name"].reindex(out["iso3"])
                                         .reset_index(drop=True))
    out["dataset_source_id"] = sources.CONVENTION["id"]
    upsert_source(data_dir, sources.CONVENTION)
    n = replace_rows(data_dir, CONVENTION_STATUS, out, drop=lambda old: old["iso3"].notna())
    return ImportResult(data_dir / CONVENTION_STATUS.name, n)


STEP_ORDER = ("procedure_started", "domestic_approval", "ratification_reported", "ratified")


def _most_advanced(steps: pd.DataFrame) -> pd.DataFrame:
    """One step per state: the most advanced, the later on a tie (unknown events sort first
    and are refused by the table's own checks)."""
    rank = steps["event"].map({e: i for i, e in enumerate(STEP_ORDER)}).fillna(-1)
    order = steps.assign(_rank=rank).sort_values(["iso3", "_rank", "date"], kind="stable")
    return order.drop_duplicates("iso3", keep="last").drop(columns="_rank") \
        .reset_index(drop=True)


def _join(a: pd.Series, b: pd.Series, sep: str = "; ") -> pd.Series:
    """Join two text columns, skipping empty ones (never writes the text 'nan')."""
    return pd.Series([sep.join(str(x) for x in (u, v) if isinstance(x, str) and x)
                      or None for u, v in zip(a, b, strict=True)], index=a.index)
