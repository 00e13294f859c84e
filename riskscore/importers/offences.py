"""The offence-penalty rows: the shared curated files, riskscore's own cited research, and
sourced absences from surveys, kept exactly as curated.

Each row keeps every value of its source file; ``row_id`` (file:line) ties it back to the
curated file so a reviewer can find it. Files in the shared format (13 columns) are offence
rows; files in riskscore's research format (country_data/curation/offences_riskscore.csv)
add ``row_kind`` (offence | not_criminalised | search_note) and the fields the shared
rows only state in their notes. A survey that lists every state with a law of some kind
(country_data/curation/absence_surveys.csv) makes each UN member state it omits a cited
``not_criminalised`` row for that category and edition (issue 6; METHODOLOGY.md 6.1).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from ..errors import Problem, ValidationFailed
from ..schemas import (
    ABSENCE_LISTED,
    ABSENCE_SURVEYS,
    COUNTRIES,
    OFFENCE_ANNOTATIONS,
    OFFENCES,
    SOURCE_HOSTS,
)
from ..validate import read_table
from . import sources
from .common import ImportResult, read_source, record_lines, replace_rows, upsert_source

COLUMNS = ["iso3", "country", "category", "offence", "law", "max_penalty_years",
           "life_imprisonment", "death_penalty", "source_title", "source_url", "source_date",
           "confidence", "notes"]
# riskscore's research format: the shared columns plus these.
RESEARCH_COLUMNS = ["row_kind", "min_penalty_years", "sentence_imposed_years",
                    "requires_violence", "in_force", "retrieved"]
ANNOTATED = ["in_force", "superseded_by", "requires_violence", "protected_conduct",
             "same_provision_as", "same_provision_in",
             "min_penalty_years", "sentence_imposed_years", "sanction"]
# Annotation columns given as text: links naming another row, and the sanction word.
TEXT_ANNOTATIONS = ("superseded_by", "same_provision_as", "same_provision_in", "sanction")


def import_offences(files: list[Path], data_dir: Path, annotations: Path | None = None,
                    surveys: Path | None = None, listed: Path | None = None,
                    source_hosts: Path | None = None) -> ImportResult:
    """Import curated rows; ``annotations`` adds fields read out of the shared rows' notes;
    ``surveys`` and ``listed`` add sourced absences; ``source_hosts`` rates the pages."""
    parts = []
    for path in files:
        frame = read_source(path, COLUMNS)  # keeps every column of the file
        research = all(c in frame.columns for c in RESEARCH_COLUMNS)
        # Line numbers as an editor shows them: header is line 1. Quoted newlines in notes
        # would shift them, so count them in the raw text instead of assuming one per row.
        frame["row_id"] = [f"{path.name}:{line}" for line in record_lines(path)]
        if not research:
            frame["row_kind"] = "offence"
        parts.append(frame)
    src = pd.concat(parts, ignore_index=True)
    out = src.drop(columns=["country"]).assign(dataset_source_id=sources.OFFENCES["id"])
    for col in ("life_imprisonment", "death_penalty"):
        out[col] = out[col].str.lower()
    out = _annotate(out, annotations)
    skipped: list[str] = []
    if surveys is not None:
        if listed is None:
            raise ValidationFailed([Problem(surveys.name, None, None,
                                            "a survey file needs its list of states",
                                            "give --survey-listed with --surveys")])
        absences, skipped = _absences(surveys, listed, data_dir, out)
        out = pd.concat([out, absences], ignore_index=True)
    out["source_quality"] = _source_quality(out, source_hosts)
    upsert_source(data_dir, sources.OFFENCES)
    n = replace_rows(data_dir, OFFENCES, out, drop=lambda old: old["iso3"].notna(),
                     sort=["iso3", "category", "row_id"])
    return ImportResult(data_dir / OFFENCES.name, n, skipped)


# The marker earlier research wrote into the notes of rows resting on a secondary copy.
SECONDARY_MARK = "Source quality: secondary copy"


def _source_quality(out: pd.DataFrame, source_hosts: Path | None) -> pd.Series:
    """Each row's source quality (METHODOLOGY.md 6.1): the research row's own rating, else
    secondary_copy where the notes say so, else the rating of the cited host (longest
    matching domain suffix), else unrated. A host rated a secondary copy (a wiki, a mirror,
    a document host) makes every row citing it one, whatever the row claims."""
    given = (out["source_quality"].astype(object) if "source_quality" in out
             else pd.Series(None, index=out.index, dtype=object))
    given = given.where(given.notna() & (given != ""), None)
    marked = out["notes"].fillna("").str.contains(SECONDARY_MARK, regex=False)
    given = given.where(given.notna() | ~marked, "secondary_copy")
    if source_hosts is None:
        return given.fillna("unrated")
    hosts, problems = read_table(source_hosts, SOURCE_HOSTS)
    if hosts is None or problems:
        raise ValidationFailed(problems)
    rating = dict(zip(hosts["host"], hosts["source_quality"], strict=True))
    by_host = out["source_url"].map(lambda url: host_rating(url, rating))
    return given.fillna(by_host).where(by_host != "secondary_copy", "secondary_copy")


def host_rating(url: str, rating: dict[str, str]) -> str:
    """The rating of the longest domain suffix of ``url``'s host found in ``rating``."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts)):
        found = rating.get(".".join(parts[i:]))
        if found is not None:
            return found
    return "unrated"


def _annotate(out: pd.DataFrame, annotations: Path | None) -> pd.DataFrame:
    for col in ANNOTATED + ["retrieved"]:
        if col not in out:
            out[col] = None
    out["annotation_basis"] = None
    if annotations is None:
        return out
    frame, problems = read_table(annotations, OFFENCE_ANNOTATIONS)
    if frame is None or problems:
        raise ValidationFailed(problems)
    unknown = frame[~frame["row_id"].isin(set(out["row_id"]))]
    if len(unknown):
        raise ValidationFailed([Problem(annotations.name, int(line), "row_id",
                                        f"{rid!r} is not a row of the imported files",
                                        "check the file name and line of the curated row")
                                for line, rid in unknown["row_id"].items()])
    ann = frame.rename(columns={"basis": "annotation_basis"}).set_index("row_id")
    merged = out.set_index("row_id")
    for col in ANNOTATED + ["annotation_basis"]:
        given = ann[col].dropna() if col in ann else pd.Series(dtype=object)
        if col in ("in_force", "requires_violence", "protected_conduct"):
            given = given.map(lambda v: str(bool(v)).lower())
        elif col != "annotation_basis" and col not in TEXT_ANNOTATIONS:
            given = given.map(lambda v: f"{v:g}")
        merged.loc[given.index, col] = given
    return merged.reset_index()


def _absences(surveys: Path, listed: Path, data_dir: Path, rows: pd.DataFrame
              ) -> tuple[pd.DataFrame, list[str]]:
    """One not_criminalised row per UN member state a complete survey omits, and a search
    note per UN member state a lower-bound list marked ``note_omitted`` omits."""
    svy, problems = read_table(surveys, ABSENCE_SURVEYS)
    lst, more = read_table(listed, ABSENCE_LISTED)
    problems = (problems or []) + (more or [])
    if svy is None or lst is None or problems:
        raise ValidationFailed(problems)
    countries, cproblems = read_table(data_dir / COUNTRIES.name, COUNTRIES)
    if countries is None or cproblems:
        raise ValidationFailed(cproblems or [Problem(COUNTRIES.name, None, None,
                                                     "needed to know the UN member states",
                                                     "import groups first")])
    members = countries.loc[countries["un_member"].astype(bool), ["iso3", "name"]]
    unknown = sorted(set(lst["survey_id"]) - set(svy["survey_id"]))
    if unknown:
        raise ValidationFailed([Problem(listed.name, None, "survey_id",
                                        f"{u!r} is not in {surveys.name}",
                                        "add the survey or correct the id") for u in unknown])
    out, skipped = [], []
    for s in svy[svy["use_for_absence"].astype(bool)].itertuples(index=False):
        named = set(lst.loc[lst["survey_id"] == s.survey_id, "iso3"])
        for m in members.itertuples(index=False):
            if m.iso3 in named:
                continue
            own = rows[(rows["iso3"] == m.iso3) & (rows["category"] == s.category)
                       & (rows["row_kind"] == "offence") & (rows["in_force"] != "false")]
            if len(own):
                # A specific cited provision outweighs an omission from a survey (often a
                # newer law); keep the provision and say why no absence row was made.
                skipped.append(f"{s.survey_id}: {m.iso3} omitted by the survey but has "
                               f"{len(own)} {s.category} offence row(s); no absence row")
                continue
            out.append(_survey_row(s, m, "not_criminalised"))
    # Lower-bound lists ("at least these states"): an omission proves nothing, but it is a
    # record that the state was looked for there. Only cells with no row of their own (and
    # no absence row from a complete survey) get one, so a note never sits beside a finding.
    held = set(map(tuple, rows[["iso3", "category"]].to_numpy()))
    held |= {(r["iso3"], r["category"]) for r in out}
    noted = svy["note_omitted"].eq(True) & ~svy["use_for_absence"].astype(bool)
    for s in svy[noted].itertuples(index=False):
        named = set(lst.loc[lst["survey_id"] == s.survey_id, "iso3"])
        for m in members.itertuples(index=False):
            if m.iso3 not in named and (m.iso3, s.category) not in held:
                out.append(_survey_row(s, m, "search_note"))
                held.add((m.iso3, s.category))
    return pd.DataFrame(out), skipped


def _survey_row(s, m, kind: str) -> dict:
    """A row derived from a survey's omission of state ``m``: a cited absence, or a note."""
    what = s.category.replace("_", " ")
    if kind == "not_criminalised":
        offence = (f"No {what} offence: not among the states the survey lists as "
                   f"criminalising ({s.edition_date})")
        law = f"(no offence; absent from survey {s.survey_id})"
        notes = (f"Sourced absence. The survey covers {s.scope} and lists every state that "
                 f"{s.lists}; {m.name} is not listed, so it is recorded as not criminalising "
                 f"as of {s.edition_date}. {s.notes or ''}").strip()
    else:
        offence = (f"Searched: not among the states the survey lists as criminalising "
                   f"({s.edition_date}); the list is a lower bound")
        law = "not found"
        notes = (f"Search note, not an absence: the survey lists {s.lists}; its scope is "
                 f"{s.scope}. {m.name} is not listed, which does not show that it has no "
                 f"such law. Survey details: country_data/curation/absence_surveys.csv, "
                 f"{s.survey_id}.")
    return {
        "row_id": f"survey:{s.survey_id}:{m.iso3}", "iso3": m.iso3, "category": s.category,
        "row_kind": kind, "offence": offence, "law": law, "max_penalty_years": None,
        "life_imprisonment": "false", "death_penalty": "false",
        "source_title": f"{s.publisher}: {s.title}", "source_url": s.source_url,
        "source_date": s.edition_date,
        # An inference from omission, not a statement about this state: secondary.
        "confidence": "secondary", "notes": notes,
        "dataset_source_id": sources.OFFENCES["id"],
    }
