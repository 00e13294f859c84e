"""The data behind the site, as files a reader can download and cite (issue 16.4): the
scores, the offence rows and the sources as CSV and JSON, and the whole edition described
as a Frictionless data package (``datapackage.json``) with the licence of each resource.
"""

from __future__ import annotations

import json

import pandas as pd

from .. import output
from ..publication import publication
from .context import ReportData

# Which sources.csv entries each downloadable table rests on (their licences apply).
RESTS_ON = {
    "scores": ["rsf_wpfi", "vdem_v14", "fiw", "riskscore_offences", "convention_status",
               "wb_population", "country_groups"],
    "offences": ["riskscore_offences"],
    "sources": [],
    "pairs": ["unhcr_population", "riskscore_offences", "vdem_v14", "fiw",
              "convention_status"],
}
DESCRIPTIONS = {
    "scores": "Exposure 0-100 per state with its bounds, standing, class range and pillars "
              "(METHODOLOGY.md 8-9).",
    "offences": "Every offence row: provision, maximum penalty, the page it cites, that "
                "page's quality, confidence and notes (METHODOLOGY.md 6.1).",
    "sources": "Every dataset used, with publisher, edition, address and licence.",
    "pairs": "Every ordered pair of states: pair risk with bounds, passing categories and the "
             "people from the requesting state living in the requested one "
             "(METHODOLOGY.md 14).",
}


def downloads(rd: ReportData, pairs: pd.DataFrame) -> dict[str, str]:
    """File name -> content for the site's data/ folder and its datapackage.json."""
    ds = rd.dataset
    tables = {"scores": rd.scores, "offences": ds.offences, "sources": ds.sources,
              "pairs": pairs}
    files: dict[str, str] = {}
    for name, frame in tables.items():
        if name != "pairs":  # pairs.csv and pairs.json sit beside pairs.html already
            files[f"data/{name}.csv"] = output.to_csv(frame)
            files[f"data/{name}.json"] = output.to_json({name: output.records(frame)})
    files["datapackage.json"] = _datapackage(rd, tables)
    return files


def _datapackage(rd: ReportData, tables: dict[str, pd.DataFrame]) -> str:
    pub = publication(rd.dataset)
    src = rd.dataset.sources.set_index("id")
    resources = []
    for name, frame in tables.items():
        path = "pairs.csv" if name == "pairs" else f"data/{name}.csv"
        rests = RESTS_ON[name]
        resources.append({
            "name": name, "path": path, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "description": DESCRIPTIONS[name],
            "licenses": ([_licence(s, src.loc[s]) for s in rests if s in src.index]
                         or [{"name": "MIT", "path": "https://opensource.org/license/mit",
                              "title": "riskscore's own compilation (MIT)"}]),
            "schema": {"fields": [{"name": str(c), "type": _type(frame[c])}
                                  for c in frame.columns]},
        })
    package = {
        "profile": "data-package", "name": "riskscore", "title": pub.title,
        "version": pub.edition, "description": pub.cite,
        # the date the data run to (never the build clock), as the datetime the spec asks for
        **({"created": f"{pub.data_as_of}T00:00:00Z"} if pub.data_as_of[:1].isdigit() else {}),
        "contributors": [{"title": pub.authors, "role": "author"}],
        "licenses": [{"name": "MIT", "path": "https://opensource.org/license/mit",
                      "title": "riskscore code and compilation; each resource lists the "
                      "licences of the data it rests on"}],
        "resources": resources,
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


# SPDX names for the licences that have one; other sources' own terms are named after the
# source and point at its address (Frictionless asks every licence for a name or a path).
SPDX = {"CC BY 4.0": ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        "CC BY-SA 4.0": ("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/")}


def _licence(source_id: str, source: pd.Series) -> dict[str, str]:
    text = str(source["licence"])
    name, path = SPDX.get(text, (f"{source_id}-terms", str(source["address"])))
    return {"name": name, "path": path, "title": f"{source_id}: {text}"}


def _type(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s):
        return "boolean"
    if pd.api.types.is_integer_dtype(s):
        return "integer"
    if pd.api.types.is_float_dtype(s):
        return "number"
    return "string"
