"""Declarations of every table riskscore reads: columns, types, allowed values, keys.

Declaration is kept apart from checking (:mod:`riskscore.validate`): a table is a
:class:`TableSpec`, from which we derive the pandera schema used for the value checks, the
parser's column types, and hypothesis strategies in the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import pandera.pandas as pa

from .vocab import SHIELD_VALUES, UNKNOWN

Kind = Literal["str", "float", "int", "bool", "date"]

ISO3 = r"^[A-Z]{3}$"
IDENT = r"^[a-z][a-z0-9_]*$"
# Dates may be partial, as the sources give them: 2025, 2025-10 or 2025-10-25.
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
NO_DATE = "n.d."  # sources that carry no date say so; allowed where a column declares it
# A source date as the curated rows give it: a partial date or n.d., optionally followed by a
# remark in brackets, e.g. "n.d. (Pew 2022)" or "2014-05 (archived 2017-12-31)".
SOURCE_DATE = re.compile(r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?|n\.d\.)( \(.+\))?$")
CONFIDENCE = ("verified", "official", "stated", "secondary", "unconfirmed")


@dataclass(frozen=True)
class Col:
    kind: Kind = "str"
    required: bool = True  # False: the cell may be empty (unknown)
    checks: tuple[pa.Check, ...] = ()
    fix: str = ""  # how to fix a value that fails a check
    allow_no_date: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str  # file name inside its folder
    folder: Literal["data", "indicators"]
    columns: dict[str, Col]
    key: tuple[str, ...]
    optional: tuple[str, ...] = field(default=())  # columns that may be absent from the file

    @property
    def required_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.optional]

    def pandera_schema(self) -> pa.DataFrameSchema:
        cols = {
            name: pa.Column(None, list(col.checks), nullable=True, required=True)
            for name, col in self.columns.items()
        }
        return pa.DataFrameSchema(cols, strict=False)


def _isin(values: tuple[str, ...] | list[str]) -> pa.Check:
    return pa.Check.isin(list(values), error=f"must be one of: {', '.join(values)}")


def _matches(pattern: str, what: str) -> pa.Check:
    return pa.Check.str_matches(pattern, error=f"must be {what}")


def _ge(v: float) -> pa.Check:
    return pa.Check.ge(v, error=f"must be at least {v:g}")


def _between(lo: float, hi: float) -> pa.Check:
    return pa.Check.in_range(lo, hi, error=f"must lie between {lo:g} and {hi:g}")


_iso3 = Col(checks=(_matches(ISO3, "an ISO 3166 alpha-3 code (three capital letters)"),),
            fix="use the ISO 3166-1 alpha-3 code, e.g. FRA")
_ident = Col(checks=(_matches(IDENT, "an identifier in lower case (a-z, 0-9, _)"),))
_text = Col()
_opt_text = Col(required=False)
_conf = Col(checks=(_isin(CONFIDENCE),))
_year = Col("int", checks=(_between(1900, 2100),))
_weight = Col("float", checks=(_ge(0),), fix="weights are shares: use a number from 0 to 1")

COUNTRIES = TableSpec(
    "countries.csv", "data",
    {
        "iso3": _iso3,
        "iso2": Col(required=False, checks=(_matches(r"^[A-Z]{2}$", "two capital letters"),)),
        "name": _text,
        "independent": Col("bool"),
        "m49_region": Col(required=False),
        "m49_subregion": Col(required=False),
        "income_group": Col(required=False, checks=(
            _isin(("Low", "Lower middle", "Upper middle", "High")),)),
        "un_member": Col("bool"),
        "eu_member": Col("bool"),
        "oecd_member": Col("bool"),
        "g20_or_eu": Col("bool"),
        "population": Col("int", required=False, checks=(_ge(0),)),
        "population_year": Col("int", required=False, checks=(_between(1900, 2100),)),
        "groups_source_id": _ident,
        "population_source_id": Col(required=False, checks=_ident.checks),
    },
    key=("iso3",),
)

OBSERVATIONS = TableSpec(
    "observations.csv", "data",
    {"iso3": _iso3, "indicator": _ident, "year": _year,
     "value": Col("float", fix="write a decimal number with a dot, e.g. 42.5"),
     "source_id": _ident},
    key=("iso3", "indicator", "year"),
)

# A row's id: file:line of a curated file, or survey:ID:ISO3 for a sourced absence.
ROW_ID = r"^([a-z0-9_]+\.csv:\d+|survey:[A-Za-z0-9_.-]+:[A-Z]{3})$"
# A curated row (file.csv:line), as annotations and row-to-row links name it.
_CURATED_ROW = _matches(r"^[a-z0-9_]+\.csv:\d+$", "file.csv:line")
_row_link = Col(required=False, checks=(_CURATED_ROW,))
ROW_KINDS = ("offence", "not_criminalised", "search_note")
# Longest term a row may state: beyond it a figure is a typing error (life is a flag).
MAX_YEARS = 200
# What a maximum of 0 years means (METHODOLOGY.md 6.1): a crime punished without prison
# (fines, community work, corrective labour) or an offence outside the criminal law
# (administrative or petty offence, or one since abolished).
SANCTIONS = ("fine_only", "not_criminal")
# What kind of page a row rests on (issue 14.5), best first; "unrated" = host not yet
# classified in country_data/curation/source_hosts.csv.
SOURCE_QUALITIES = ("statute", "official", "court", "legal_database", "ngo_press", "survey",
                    "secondary_copy", "unrated")
_quality = Col(required=False, checks=(_isin(SOURCE_QUALITIES),))
_sanction = Col(required=False, checks=(_isin(SANCTIONS),))

OFFENCES = TableSpec(
    "offences.csv", "data",
    {
        "row_id": Col(checks=(_matches(ROW_ID, "file.csv:line or survey:ID:ISO3"),)),
        "iso3": _iso3,
        "category": _ident,
        # offence: a provision and its penalty; not_criminalised: a source says there is no
        # such offence (repeal, or absence from a survey that lists every state with one);
        # search_note: searched and not found, so still unknown (never "not criminalised").
        "row_kind": Col(checks=(_isin(ROW_KINDS),)),
        "offence": _text,
        "law": _text,
        "max_penalty_years": Col("float", required=False, checks=(_between(0, MAX_YEARS),),
                                 fix=f"a penalty is a number of years from 0 to {MAX_YEARS} "
                                     "(use life_imprisonment for life)"),
        "life_imprisonment": Col("bool"),
        "death_penalty": Col("bool"),
        "confidence": Col(checks=(_isin(("stated", "secondary")),)),
        "source_title": _text,
        "source_url": Col(checks=(_matches(r"^https?://\S+$", "a web address (http or https)"),)),
        "source_date": Col("date", allow_no_date=True),
        "notes": _opt_text,
        "dataset_source_id": _ident,
        # Fields read out of the curated notes (country_data/curation/offence_annotations.csv);
        # empty = the notes say nothing, which the scoring treats as in force / no violence.
        "in_force": Col("bool", required=False),
        "superseded_by": _row_link,
        "requires_violence": Col("bool", required=False),
        # False: the provision fails the rights test (METHODOLOGY.md 6.1) and does not count.
        "protected_conduct": Col("bool", required=False),
        # Another row that describes the same provision and states its penalty: this row adds
        # nothing of its own and does not count separately (METHODOLOGY.md 6.1).
        "same_provision_as": _row_link,
        # The same provision filed in another category: the row named there carries the
        # penalty, which this row takes (one provision, one maximum; METHODOLOGY.md 6.1).
        "same_provision_in": _row_link,
        "min_penalty_years": Col("float", required=False, checks=(_between(0, MAX_YEARS),)),
        # When the cited page was read (riskscore's own research; empty for shared rows,
        # whose retrieval is described in their SOURCE files).
        "retrieved": Col("date", required=False),
        # Longest sentence a court is reported to have imposed: the maximum is at least this.
        "sentence_imposed_years": Col("float", required=False,
                                      checks=(_between(0, MAX_YEARS),)),
        # Required where the maximum is 0: fine_only still opens the domestic powers.
        "sanction": _sanction,
        # The kind of page cited: the research row's own rating, else its host's.
        "source_quality": _quality,
        "annotation_basis": _opt_text,
    },
    key=("row_id",),
    optional=("same_provision_as", "same_provision_in", "sanction", "source_quality",
              "protected_conduct"),
)

OFFENCE_ANNOTATIONS = TableSpec(
    "offence_annotations.csv", "data",
    {"row_id": Col(checks=(_CURATED_ROW,)),
     "in_force": Col("bool", required=False),
     "superseded_by": _row_link,
     "requires_violence": Col("bool", required=False),
     "protected_conduct": Col("bool", required=False),
     "same_provision_as": _row_link,
     "same_provision_in": _row_link,
     "min_penalty_years": Col("float", required=False, checks=(_ge(0),)),
     "sentence_imposed_years": Col("float", required=False, checks=(_ge(0),)),
     "sanction": _sanction,
     "basis": _text},
    key=("row_id",), optional=("same_provision_as", "same_provision_in", "sanction",
                             "protected_conduct"),
)

# Surveys that list states with a kind of law (country_data/curation/): each UN member state
# a complete survey omits becomes a cited not_criminalised row on import; a lower-bound list
# ("at least these states") marked note_omitted gives omitted states a search note instead.
ABSENCE_SURVEYS = TableSpec(
    "absence_surveys.csv", "data",
    {"survey_id": Col(checks=(_matches(r"^[A-Za-z0-9_.-]+$", "letters, digits, . _ -"),)),
     "category": _ident, "publisher": _text, "title": _text,
     "edition_date": Col("date", allow_no_date=True),
     "source_url": Col(checks=(_matches(r"^https?://\S+$", "a web address (http or https)"),)),
     "scope": _text, "lists": _text, "use_for_absence": Col("bool"),
     "note_omitted": Col("bool", required=False), "notes": _opt_text},
    key=("survey_id",), optional=("note_omitted",),
)

# How riskscore rates the hosts its rows cite (country_data/curation/): a host or a domain
# suffix ("blogspot.com" covers every blog there); the longest match decides.
SOURCE_HOSTS = TableSpec(
    "source_hosts.csv", "data",
    {"host": Col(checks=(_matches(r"^[a-z0-9.-]+$", "a host name or domain suffix, lower case"),)),
     "source_quality": Col(checks=(_isin(SOURCE_QUALITIES[:-1]),)),
     "note": _opt_text},
    key=("host",),
)

ABSENCE_LISTED = TableSpec(
    "absence_listed.csv", "data",
    {"survey_id": Col(), "iso3": _iso3, "country": _text,
     "listed_as": _opt_text, "penalty_text": _opt_text,
     "source_url": Col(checks=(_matches(r"^https?://\S+$", "a web address (http or https)"),))},
    key=("survey_id", "iso3"),
)

CONVENTION_STATUS = TableSpec(
    "convention_status.csv", "data",
    {
        "iso3": _iso3,
        "name": _text,
        "signed": Col("date", required=False),
        "signed_confidence": Col(required=False, checks=(_isin(CONFIDENCE),)),
        "signed_source": Col(required=False),
        "ratification_event": Col(required=False, checks=(
            _isin(("procedure_started", "domestic_approval", "ratification_reported",
                   "ratified")),)),
        "ratification_date": Col("date", required=False),
        "ratification_confidence": Col(required=False, checks=(_isin(CONFIDENCE),)),
        "ratification_source": Col(required=False),
        "notes": _opt_text,
        "dataset_source_id": _ident,
    },
    key=("iso3",),
)

SOURCES = TableSpec(
    "sources.csv", "data",
    {"id": _ident, "publisher": _text, "title": _text, "edition": _text, "address": _text,
     "licence": _text, "attribution": _text, "obtained_from": _opt_text},
    key=("id",),
)

PILLARS = TableSpec(
    "pillars.csv", "indicators",
    {"id": _ident, "name": _text, "weight": _weight, "weight_rationale": _text,
     "description": _text},
    key=("id",),
)

INDICATORS = TableSpec(
    "indicators.csv", "indicators",
    {
        "id": _ident, "name": _text, "pillar": _ident, "source_id": _ident, "year": _year,
        "direction": Col(checks=(_isin(("higher_is_riskier", "higher_is_safer")),)),
        "lower": Col("float"), "upper": Col("float"), "bounds_rationale": _text,
        # Documented alternative bounds (empty = none): the audit varies them (issue 5).
        "alt_lower": Col("float", required=False), "alt_upper": Col("float", required=False),
        "weight": _weight, "weight_rationale": _text,
        "missing_rule": Col(checks=(_isin(("skip_and_reweight", "latest_earlier_year")),)),
        "description": _text,
    },
    key=("id",),
)

# Optional: indicators/audit_exceptions.csv, read by the audit only (riskscore/analysis).
AUDIT_EXCEPTIONS = TableSpec(
    "audit_exceptions.csv", "indicators",
    # input: a pillar, indicator or category id; or, for level "stability", a state's ISO3
    {"input": Col(checks=(_matches(f"{IDENT}|{ISO3}",
                                   "an identifier in lower case or an ISO3 code"),)),
     "level": _ident, "reason": _text, "recorded": Col("date")},
    key=("input", "level"),
)

CATEGORIES = TableSpec(
    "categories.csv", "indicators",
    {"id": _ident, "name": _text, "right_protected": _text,
     "group": Col(checks=(_isin(("speech", "identity", "assembly")),)),
     "weight": _weight, "weight_rationale": _text},
    key=("id",),
)

PROVISIONS = TableSpec(
    "provisions.csv", "indicators",
    {
        "article": Col("int", checks=(_between(1, 68),)),
        "paragraph": _opt_text,
        "title": _text,
        "kind": Col(checks=(_isin(("procedural_power", "cooperation")),)),
        "scope": Col(checks=(_isin(("any_offence", "serious_crime")),)),
        "intrusiveness": Col("int", checks=(_between(1, 5),)),
        "intrusiveness_rationale": _text,
        "verified": Col("bool"),
        "source_keys": _text,
        # How the row was checked against the adopted text, or why it could not be.
        "verification": _opt_text,
    },
    key=("article", "paragraph"), optional=("verification",),
)

# The convention's safeguard, refusal and dual-criminality provisions the pair model rests
# on (METHODOLOGY.md 14), each verified against the adopted text or marked with the reason.
SAFEGUARD_PROVISIONS = TableSpec(
    "safeguard_provisions.csv", "indicators",
    {"article": Col("int", checks=(_between(1, 68),)), "paragraph": _opt_text,
     "title": _text,
     "role": Col(checks=(_isin(("definition", "safeguard", "dual_criminality",
                                "refusal_ground", "reservation", "final_provision")),)),
     "used_by": _text, "verified": Col("bool"), "verification": _text,
     "source_url": Col(required=False, checks=(_matches(r"^https?://\S+$",
                                                        "a web address (http or https)"),))},
    key=("article", "paragraph"),
)

ENGAGEMENT = TableSpec(
    "engagement.csv", "indicators",
    {"id": Col(checks=(_isin(("none", "signed", "ratification_reported", "ratified")),)),
     "name": _text,
     "value": Col("float", checks=(_between(0, 1),),
                  fix="a factor from 0 (no engagement) to 1 (party)"),
     "rationale": _text},
    key=("id",),
)

CLASSES = TableSpec(
    "classes.csv", "indicators",
    {"id": _ident, "name": _text, "lower": Col("float", checks=(_between(0, 100),)),
     "upper": Col("float", checks=(_between(0, 101),)), "rationale": _text},
    key=("id",),
)

WEIGHTS_FILE = TableSpec(
    "weights.csv", "indicators",
    {"kind": Col(checks=(_isin(("pillar", "indicator", "category")),)),
     "id": _ident, "weight": _weight, "rationale": _text},
    key=("kind", "id"),
)

# UNHCR's non-state origin codes (riskscore/importers/unhcr.py; METHODOLOGY.md 14): kept,
# counted in totals, never a requesting state.
NON_STATE_ORIGINS = {"UNK": "origin unknown", "XXA": "stateless", "TIB": "Tibetan"}
_count = Col("int", required=False, checks=(_ge(0),),
             fix="a count of people (whole number, 0 or more); empty when not reported")

DISPLACEMENT = TableSpec(
    "displacement.csv", "data",
    {"year": _year, "origin": _iso3, "origin_kind": Col(checks=(_isin(("state", "non_state")),)),
     "asylum": _iso3, "asylum_kind": Col(checks=(_isin(("state", "non_state")),)),
     "refugees": _count, "asylum_seekers": _count, "oip": _count, "source_id": _ident},
    key=("year", "origin", "asylum"),
)

# The citation every cited research row carries (the pair model's tables, replaced codes);
# the shields' features and values are in vocab.SHIELD_VALUES.
_cited = {
    "source_title": _text,
    "source_url": Col(checks=(_matches(r"^https?://\S+$", "a web address (http or https)"),)),
    "source_date": Col("date", allow_no_date=True),
    "retrieved": Col("date", required=False),
    "confidence": Col(checks=(_isin(("stated", "secondary")),)),
    "source_quality": Col(checks=(_isin(SOURCE_QUALITIES),)),
    "notes": _opt_text,
}
SHIELDS = TableSpec(
    "shields.csv", "data",
    {"row_id": Col(checks=(_CURATED_ROW,)), "iso3": _iso3,
     "feature": Col(checks=(_isin(tuple(SHIELD_VALUES)),)),
     "value": Col(checks=(_isin(tuple(sorted({v for vs in SHIELD_VALUES.values() for v in vs}
                                             | {UNKNOWN}))),)),
     "law": _text, **_cited},
    key=("row_id",),
)
# Freedom House's transnational-repression findings: states that reached abroad, and hosts.
TRANSNATIONAL_REPRESSION = TableSpec(
    "transnational_repression.csv", "data",
    {"row_id": Col(checks=(_CURATED_ROW,)), "iso3": _iso3,
     "role": Col(checks=(_isin(("perpetrator", "host")),)),
     "incidents": Col("int", required=False, checks=(_ge(0),)),
     "period": _text, **_cited},
    key=("row_id",),
)

# Criminal codes replaced since rows cited them (issue 14.6): rows whose ``law`` matches an
# old code's patterns (and none of the new code's) are checked by ``validate``.
RECODIFICATIONS = TableSpec(
    "recodifications.csv", "data",
    {"iso3": _iso3, "new_code": _text, "new_in_force": Col("date"), "old_code": _text,
     "old_code_patterns": _text, "new_code_patterns": _opt_text, **{
         k: v for k, v in _cited.items() if k not in ("retrieved", "confidence")}},
    key=("iso3", "new_code"),
)

# The site's map: one SVG path per state (Natural Earth, imported by `riskscore import map`).
WORLD_MAP = TableSpec(
    "world_map.csv", "data",
    {"iso3": _iso3,
     # empty: too small to draw at this scale (the map shows a marker at cx, cy)
     "path": Col(required=False, checks=(_matches(r"^[MLZ0-9 .\-e]+$",
                                                  "SVG path commands M, L, Z and numbers"),)),
     "cx": Col("float"), "cy": Col("float"), "bbox_area": Col("float", checks=(_ge(0),)),
     "source_id": _ident},
    key=("iso3",),
)

DATA_TABLES = (COUNTRIES, OBSERVATIONS, OFFENCES, CONVENTION_STATUS, SOURCES)
# Tables a data folder may hold; read and checked when present (empty when absent).
OPTIONAL_DATA_TABLES = (DISPLACEMENT, SHIELDS, TRANSNATIONAL_REPRESSION, RECODIFICATIONS,
                        WORLD_MAP)
PAIR_COMPONENTS = TableSpec(
    "pair_components.csv", "indicators",
    {"id": Col(checks=(_isin(("reach", "requested_safeguard", "parties", "record")),)),
     "name": _text, "weight": _weight,
     # The component's value at its lower bound where its input is unknown (record only).
     "floor": Col("float", required=False, checks=(_between(0, 1),)),
     "rationale": _text},
    key=("id",), optional=("floor",),
)
# How much each shield feature lowers the requested state's safeguard deficit.
SHIELD_FEATURES = TableSpec(
    "shield_features.csv", "indicators",
    {"feature": Col(checks=(_isin(tuple(SHIELD_VALUES)),)), "value": _text,
     "reduction": Col("float", checks=(_between(0, 1),)), "rationale": _text},
    key=("feature", "value"),
)

INDICATOR_TABLES = (PILLARS, INDICATORS, CATEGORIES, PROVISIONS, ENGAGEMENT, CLASSES,
                    PAIR_COMPONENTS)
# Catalogue tables read when present (a catalogue without them has no shield reductions).
# The edition a publication declares (issue 16.4): one row.
EDITION = TableSpec(
    "edition.csv", "indicators",
    {"edition": Col(checks=(_matches(r"^[0-9A-Za-z._-]+$", "letters, digits, . _ -"),)),
     "title": _text, "authors": _text, "licence": _text, "rationale": _text},
    key=("edition",),
)
OPTIONAL_INDICATOR_TABLES = (SHIELD_FEATURES, SAFEGUARD_PROVISIONS, AUDIT_EXCEPTIONS, EDITION)
