"""Importers on small excerpts of the real source files (tests/fixtures/sources)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, SHARED, run
from riskscore import paths

SRC = FIXTURES / "sources"


def _import(kind: str, data: Path, *files: str):
    result = run("import", kind, *[SRC / f for f in files], "--data", data)
    assert result.exit_code == 0, result.output
    return result


def _obs(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "observations.csv")


def _value(obs: pd.DataFrame, iso3: str, indicator: str, year: int) -> float:
    hit = obs[(obs.iso3 == iso3) & (obs.indicator == indicator) & (obs.year == year)]
    assert len(hit) == 1, (iso3, indicator, year)
    return float(hit["value"].iloc[0])


def test_groups_then_population(tmp_path):
    _import("groups", tmp_path, "country_groups_excerpt.csv")
    result = _import("population", tmp_path, "population_excerpt.csv")
    c = pd.read_csv(tmp_path / "countries.csv", dtype=str, keep_default_na=False).set_index("iso3")
    assert c.loc["FRA", "name"] == "France"
    assert c.loc["FRA", "income_group"] == "High"
    assert c.loc["FRA", "eu_member"] == "true"
    assert c.loc["NOR", "eu_member"] == "false"
    assert c.loc["XKX", "m49_region"] == "Europe"
    assert int(c.loc["TUR", "population"]) == 85518661
    assert int(c.loc["TUR", "population_year"]) == 2024
    assert c.loc["ALA", "population"] == ""  # no World Bank series: stays missing
    assert "left out: AFG: not in countries.csv" not in result.output  # AFG is in the excerpt
    src = pd.read_csv(tmp_path / "sources.csv")
    assert set(src["id"]) == {"country_groups", "wb_population"}


def test_rsf_tidy_format(tmp_path):
    result = _import("rsf", tmp_path, "rsf_2025_excerpt.csv")
    obs = _obs(tmp_path)
    assert _value(obs, "TUR", "rsf_score", 2025) == 29.4
    assert _value(obs, "NOR", "rsf_legal", 2025) == 91.96
    assert _value(obs, "AFG", "rsf_safety", 2025) == 16.16
    assert "CSS" not in set(obs.iso3)
    assert "left out: CSS: RSF's code for the Organisation of Eastern Caribbean States" \
        in result.output


def test_rsf_native_download_format_gives_same_values(tmp_path):
    native, tidy = tmp_path / "native", tmp_path / "tidy"
    result = _import("rsf", native, "rsf_2025_native_excerpt.csv")
    _import("rsf", tidy, "rsf_2025_excerpt.csv")
    a = _obs(native).set_index(["iso3", "indicator", "year"])["value"]
    b = _obs(tidy).set_index(["iso3", "indicator", "year"])["value"]
    common = a.index.intersection(b.index)
    assert len(common) == 9  # NOR, TUR, AFG x 3 indicators
    pd.testing.assert_series_equal(a[common], b[common])
    assert "left out: CTU: RSF's code for Northern Cyprus" in result.output


def test_rsf_reimport_of_one_year_keeps_other_years(tmp_path):
    _import("rsf", tmp_path, "rsf_2025_excerpt.csv")
    obs = _obs(tmp_path)
    older = obs.assign(year=2024, value=obs.value - 1)  # a made-up 2024, for this test only
    pd.concat([older, obs]).to_csv(tmp_path / "observations.csv", index=False)
    _import("rsf", tmp_path, "rsf_2025_excerpt.csv")
    after = _obs(tmp_path)
    assert len(after) == 2 * len(obs)
    assert _value(after, "TUR", "rsf_score", 2024) == pytest.approx(28.4)


def test_vdem_and_fiw(tmp_path):
    r1 = _import("vdem", tmp_path, "vdem_excerpt.csv")
    r2 = _import("fiw", tmp_path, "fiw_excerpt.csv")
    obs = _obs(tmp_path)
    assert _value(obs, "TUR", "vdem_v2juncind", 2023) == -0.774
    assert _value(obs, "FRA", "vdem_v2juhcind", 2022) == 1.56
    assert _value(obs, "TUR", "fiw_f1", 2024) == 1
    assert _value(obs, "NOR", "fiw_d4", 2023) == 4
    assert "left out: Somaliland: no ISO 3166 code" in r1.output
    assert "left out: Abkhazia: no ISO 3166 code" in r2.output
    assert set(obs.source_id) == {"vdem_v14", "fiw"}


def test_offences_rows_are_kept_unchanged(tmp_path):
    result = run("import", "offences", SRC / "offences_excerpt.csv", "--annotations",
                 SRC / "offences_excerpt_annotations.csv", "--data", tmp_path)
    assert result.exit_code == 0, result.output
    out = pd.read_csv(tmp_path / "offences.csv", dtype=str, keep_default_na=False)
    with (SRC / "offences_excerpt.csv").open(encoding="utf-8") as fh:
        src = list(csv.DictReader(fh))
    assert len(out) == len(src)
    by_id = out.set_index("row_id")
    for line, row in enumerate(src, start=2):
        mine = by_id.loc[f"offences_excerpt.csv:{line}"]
        for col in ("iso3", "category", "offence", "law", "max_penalty_years", "source_title",
                    "source_url", "source_date", "confidence", "notes"):
            assert mine[col] == row[col], col
        assert mine["life_imprisonment"] == row["life_imprisonment"].lower()


def test_convention_status(tmp_path):
    _import("convention", tmp_path, "signatures_excerpt.csv", "ratifications_excerpt.csv")
    st = pd.read_csv(tmp_path / "convention_status.csv", keep_default_na=False).set_index("iso3")
    assert st.loc["AZE", "ratification_event"] == "domestic_approval"
    assert st.loc["AZE", "ratification_date"] == "2026-02-23"
    assert st.loc["VNM", "ratification_confidence"] == "unconfirmed"
    assert st.loc["CAN", "signed"] == "2026-07"
    assert st.loc["CAN", "signed_confidence"] == "unconfirmed"
    assert st.loc["FRA", "ratification_event"] == ""
    assert "nan" not in (tmp_path / "convention_status.csv").read_text()


def test_convention_keeps_each_states_most_advanced_step(tmp_path):
    _import("convention", tmp_path, "signatures_excerpt.csv", "ratifications_excerpt.csv",
            "convention_findings_invented.csv")
    st = pd.read_csv(tmp_path / "convention_status.csv", keep_default_na=False).set_index("iso3")
    assert st.loc["AZE", "ratification_event"] == "domestic_approval"
    assert st.loc["VNM", "ratification_event"] == "ratification_reported"
    assert st.loc["FRA", "ratification_event"] == "procedure_started"


def test_unconfirmed_steps_count_at_the_last_confirmed_level(tmp_path):
    """Issue 14.7: one weak report does not move a state; the 'reported' what-if does."""
    import riskscore
    from riskscore.kernel import engagement_status

    ds = riskscore.load()
    st = ds.convention_status.set_index("iso3")
    assert st.loc["QAT", "ratification_confidence"] == "unconfirmed"
    current = dict(zip(["QAT", "AZE", "RUS"], engagement_status(ds, ["QAT", "AZE", "RUS"]),
                       strict=True))
    assert current == {"QAT": "signed", "AZE": "ratification_reported", "RUS": "signed"}
    reported = engagement_status(ds, ["QAT"], reported=True)
    assert list(reported) == ["ratification_reported"]


def test_broken_source_writes_nothing(tmp_path):
    _import("rsf", tmp_path, "rsf_2025_excerpt.csv")
    before = (tmp_path / "observations.csv").read_bytes()
    bad = tmp_path / "rsf_bad.csv"
    text = (SRC / "rsf_2025_excerpt.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace(",29.4,", ",twenty,"), encoding="utf-8")
    result = run("import", "rsf", bad, "--data", tmp_path)
    assert result.exit_code == 1
    assert "rsf_bad.csv:5: score: 'twenty' is not a number (fix: use the publisher's file " \
           "unchanged)" in result.stderr
    assert (tmp_path / "observations.csv").read_bytes() == before


def test_import_of_missing_file(tmp_path):
    result = run("import", "vdem", tmp_path / "nope.csv", "--data", tmp_path)
    assert result.exit_code == 1
    assert "nope.csv: file not found (fix: check the path" in result.stderr
    assert not (tmp_path / "observations.csv").exists()


def test_source_missing_expected_column(tmp_path):
    bad = tmp_path / "fiw.csv"
    bad.write_text("country,iso3,edition,F1\nFrance,FRA,2024,4\n", encoding="utf-8")
    result = run("import", "fiw", bad, "--data", tmp_path)
    assert result.exit_code == 1
    assert "fiw.csv:1: F2: column expected in this source is missing" in result.stderr


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/data not beside the project (only "
                    "maintainers and CI have it)")
def test_rebuild_from_shared_reproduces_shipped_tables(tmp_path):
    """The committed country_data/ is exactly what the documented commands produce."""
    import subprocess
    import sys

    project = tmp_path / "project"
    (project / "country_data").mkdir(parents=True)
    shutil.copy(paths.default_data_dir() / "rebuild.sh", project / "country_data")
    shutil.copytree(paths.default_data_dir() / "curation", project / "country_data" / "curation")
    shutil.copytree(paths.default_indicators_dir(), project / "indicators")
    riskscore_bin = Path(sys.executable).parent / "riskscore"
    subprocess.run(["bash", "country_data/rebuild.sh", str(SHARED)], cwd=project, check=True,
                   env={"RISKSCORE": str(riskscore_bin), "PATH": "/usr/bin:/bin"},
                   capture_output=True)
    for name in ("countries.csv", "observations.csv", "offences.csv", "convention_status.csv",
                 "sources.csv"):
        assert (project / "country_data" / name).read_bytes() == \
            (paths.default_data_dir() / name).read_bytes(), name


def test_research_rows_and_sourced_absences(tmp_path):
    """Invented fixtures: row kinds survive import, and a complete survey's omissions become
    cited 'not criminalised' rows for UN members only, never for listed states or states
    with their own offence row; a partial survey makes none."""
    _import("groups", tmp_path, "country_groups_excerpt.csv")
    result = run("import", "offences", SRC / "offences_excerpt.csv",
                 SRC / "offences_research_invented.csv",
                 "--annotations", SRC / "offences_excerpt_annotations.csv",
                 "--surveys", SRC / "absence_surveys_invented.csv",
                 "--survey-listed", SRC / "absence_listed_invented.csv", "--data", tmp_path)
    assert result.exit_code == 0, result.output
    assert "INV-SSR-2024: ALB omitted by the survey but has 1 same_sex_relations" in result.stdout
    out = pd.read_csv(tmp_path / "offences.csv", dtype=str, keep_default_na=False)
    by_id = out.set_index("row_id")
    assert by_id.loc["offences_research_invented.csv:2", "row_kind"] == "not_criminalised"
    assert by_id.loc["offences_research_invented.csv:3", "row_kind"] == "search_note"
    assert by_id.loc["offences_research_invented.csv:3", "retrieved"] == "2026-11-24"
    derived = out[out["row_id"].str.startswith("survey:")]
    absent = derived[derived["row_kind"] == "not_criminalised"]
    # UN members in the excerpt: AFG, ALB, DZA, FRA, NOR, TUR. AFG is listed; ALB has its
    # own offence row; the rest get an absence row. Nothing from the partial survey, and
    # the complete survey's note_omitted flag adds no notes beside its absences.
    assert sorted(absent["iso3"]) == ["DZA", "FRA", "NOR", "TUR"]
    assert set(absent["category"]) == {"same_sex_relations"}
    assert (absent["row_kind"] == "not_criminalised").all()
    assert (absent["source_url"] == "https://example.org/invented/survey").all()
    assert (absent["source_date"] == "2024-01").all()
    assert absent["notes"].str.contains("Sourced absence").all()
    # The lower-bound list (lists AFG) gives a search note to each omitted UN member with no
    # assembly row of its own: TUR already has one, so ALB, DZA, FRA, NOR.
    notes = derived[derived["row_kind"] == "search_note"]
    assert sorted(notes["iso3"]) == ["ALB", "DZA", "FRA", "NOR"]
    assert set(notes["row_id"].str.split(":").str[1]) == {"INV-LOW-2024"}
    assert set(notes["category"]) == {"assembly"}
    assert (notes["law"] == "not found").all()
    assert notes["notes"].str.contains("not an absence").all()
    # Shared-format rows are offence rows, unchanged.
    assert (out.loc[out["row_id"].str.startswith("offences_excerpt"), "row_kind"]
            == "offence").all()


def test_survey_options_need_each_other_and_offences(tmp_path):
    result = run("import", "offences", SRC / "offences_excerpt.csv",
                 "--surveys", SRC / "absence_surveys_invented.csv", "--data", tmp_path)
    assert result.exit_code == 1
    assert "a survey file needs its list of states" in result.stderr
    result = run("import", "rsf", SRC / "rsf_2025_excerpt.csv", "--surveys",
                 SRC / "absence_surveys_invented.csv", "--data", tmp_path)
    assert result.exit_code == 2
    assert "--surveys go(es) with 'import offences' only" in result.stderr


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/data not beside the project (only "
                    "maintainers and CI have it)")
def test_shipped_table_keeps_every_shared_offence_row_unchanged():
    """Issue 6: the importer keeps the rows of shared/data/offences exactly as curated."""
    shipped = pd.read_csv(paths.default_data_dir() / "offences.csv", dtype=str,
                          keep_default_na=False)
    cols = ["iso3", "category", "offence", "law", "max_penalty_years", "source_title",
            "source_url", "source_date", "confidence", "notes"]
    n = 0
    for path in sorted((SHARED / "offences").glob("*.csv")):
        src = pd.read_csv(path, dtype=str, keep_default_na=False)
        mine = shipped[shipped["row_id"].str.startswith(f"{path.name}:")]
        assert len(mine) == len(src), path.name
        have = set(map(tuple, mine[cols].to_numpy()))
        for row in src[cols].itertuples(index=False):
            assert tuple(row) in have, (path.name, row.iso3, row.category, row.law)
        n += len(src)
    assert n == 473


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_import_that_would_break_a_cross_table_rule_changes_nothing(shipped_copy, tmp_path):
    """Issue 18.1: an RSF score above its bounds passes the table's own schema but not the
    catalogue's bounds; the import stops and every file, sources.csv included, is as it was."""
    data, meta = shipped_copy
    (data / "my_notes.txt").write_text("the user's own file")
    before = _snapshot(data)
    bad = tmp_path / "rsf_bad.csv"
    text = (SRC / "rsf_2025_excerpt.csv").read_text(encoding="utf-8")
    first = text.splitlines()[1].split(",")
    first[text.splitlines()[0].split(",").index("score")] = "120"
    bad.write_text("\n".join([text.splitlines()[0], ",".join(first),
                              *text.splitlines()[2:]]) + "\n", encoding="utf-8")
    result = run("import", "rsf", bad, "--data", data, "--indicators", meta)
    assert result.exit_code == 1, result.output
    assert "outside the bounds" in result.stderr
    assert "(from rsf_bad.csv:2)" in result.stderr  # the publisher's line, not ours
    assert "would leave the data folder invalid" in result.stderr
    assert _snapshot(data) == before
    assert [p.name for p in data.parent.iterdir() if p.name.startswith(".")] == []


def test_a_failed_import_creates_no_sources_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    bad = tmp_path / "rsf_bad.csv"
    bad.write_text("not,an,rsf,file\n1,2,3,4\n", encoding="utf-8")
    result = run("import", "rsf", bad, "--data", data)
    assert result.exit_code == 1
    assert list(data.iterdir()) == []


def test_a_successful_import_keeps_the_users_other_files_and_rows(shipped_copy):
    data, meta = shipped_copy
    (data / "my_notes.txt").write_text("the user's own file")
    sources = (data / "sources.csv").read_text(encoding="utf-8")
    result = run("import", "rsf", SRC / "rsf_2025_excerpt.csv", "--data", data,
                 "--indicators", meta)
    assert result.exit_code == 0, result.output
    assert (data / "my_notes.txt").read_text() == "the user's own file"
    after = (data / "sources.csv").read_text(encoding="utf-8")
    assert [line for line in sources.splitlines() if not line.startswith("rsf")] == \
        [line for line in after.splitlines() if not line.startswith("rsf")]


def test_world_map_paths_cross_the_antimeridian_without_a_band():
    """A ring crossing 180 degrees continues past the edge instead of jumping back across
    the map (which drew a band through the Arctic)."""
    from riskscore.importers.worldmap import WIDTH, _path

    ring = [(950.0, 50.0), (958.0, 52.0), (2.0, 55.0), (10.0, 58.0), (950.0, 60.0)]
    d = _path([ring])
    xs = [float(p.split()[0]) for p in d.strip("MZ").split("L")]
    assert all(abs(b - a) < WIDTH / 2 for a, b in zip(xs, xs[1:], strict=False))
