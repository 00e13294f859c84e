"""Facts about the shipped data that must stay true (data truth, provenance, coverage)."""

from __future__ import annotations

import pytest

import riskscore


@pytest.fixture(scope="module")
def ds():
    return riskscore.load()


def test_every_row_reaches_a_named_source(ds):
    sources = set(ds.sources["id"])
    assert set(ds.observations["source_id"]) <= sources
    assert set(ds.indicators["source_id"]) <= sources
    for col in ("licence", "attribution", "edition", "address"):
        assert ds.sources[col].notna().all(), col


def test_offence_rows_cite_a_page_and_a_statute(ds):
    off = ds.offences
    assert off["source_url"].str.match(r"^https?://").all()
    assert off["source_date"].notna().all()
    assert off["law"].str.strip().str.len().gt(0).all()


def test_marks_of_uncertainty_are_kept(ds):
    assert (ds.offences["confidence"] == "secondary").sum() == 128
    st = ds.convention_status.set_index("iso3")
    assert st.loc["CAN", "signed_confidence"] == "unconfirmed"
    assert st.loc["QAT", "ratification_confidence"] == "unconfirmed"
    assert not ds.provisions.set_index("article").loc[46, "verified"]


def test_coverage_counts(ds):
    assert len(ds.countries) == 250
    assert ds.convention_status["signed"].notna().sum() == 73
    assert ds.offences["iso3"].nunique() == 136
    latest = ds.observations[ds.observations["year"] == 2025]
    assert latest.loc[latest["indicator"] == "rsf_score", "iso3"].nunique() == 178


def test_known_values_from_the_sources(ds):
    obs = ds.observations.set_index(["iso3", "indicator", "year"])["value"]
    assert obs[("NOR", "rsf_score", 2025)] == 92.31  # RSF 2025, rank 1
    assert obs[("ERI", "rsf_score", 2025)] == 11.32  # RSF 2025, last
    assert obs[("BLR", "vdem_v2juhcind", 2023)] == -3.446
    assert obs[("USA", "fiw_f1", 2024)] == 3
    pop = ds.countries.set_index("iso3")["population"]
    assert pop["IND"] > 1_400_000_000
