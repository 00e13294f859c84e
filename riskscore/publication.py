"""The edition a publication belongs to and the date its data run to (issue 16.4).

Both come from the data and the catalogue - ``indicators/edition.csv`` declares the
edition, and "data as of" is the latest date a cited page was read - never from the clock,
so a rebuild of the same edition gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .loading import Dataset

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Publication:
    edition: str
    title: str
    authors: str
    data_as_of: str

    @property
    def cite(self) -> str:
        year = self.data_as_of[:4]
        return (f"{self.authors} ({year}). {self.title}, edition {self.edition} "
                f"(data as of {self.data_as_of}).")


def publication(ds: Dataset) -> Publication:
    dates = []
    for table in (ds.offences, ds.shields, ds.transnational_repression):
        if table is not None and "retrieved" in table:
            dates += [d for d in table["retrieved"].dropna().astype(str) if _FULL_DATE.match(d)]
    as_of = max(dates) if dates else "not recorded"
    ed = ds.edition
    if ed is None or ed.empty:
        return Publication("unversioned", "riskscore", "riskscore contributors", as_of)
    row = ed.iloc[0]
    return Publication(str(row["edition"]), str(row["title"]), str(row["authors"]), as_of)
