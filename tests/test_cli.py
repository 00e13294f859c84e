"""The CLI on the shipped data, and its help."""

from __future__ import annotations

import json

import click
import pytest

from conftest import ROOT, run
from riskscore.cli import main


def test_validate_shipped_data_is_clean():
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")
    assert "250 countries" in result.stdout


def test_coverage_prints_every_table_and_indicator():
    result = run("coverage", "--offences")
    assert result.exit_code == 0, result.output
    for name in ("countries", "observations", "offences", "convention_status", "rsf_score",
                 "vdem_v2juncind", "fiw_f2", "signatories x scored categories",
                 "target 90%", "target 75%", "never searched in states of the two lowest"):
        assert name in result.stdout


def _commands():
    return sorted(main.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_and_is_in_the_readme(name):
    cmd = main.commands[name]
    assert cmd.help and len(cmd.help.strip()) > 20
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} lacks help"
    assert f"riskscore {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_unknown_import_kind_is_a_usage_error():
    result = run("import", "gallup", "x.csv")
    assert result.exit_code == 2
    assert "'gallup' is not one of 'groups'" in result.output
    assert "'shields', 'tnr'" in result.output


EXAMPLE = ROOT / "tests" / "example"
EX = ["--data", EXAMPLE / "country_data", "--indicators", EXAMPLE / "indicators"]


def test_score_table_on_shipped_data_lists_ranked_and_flagged():
    result = run("score")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Ranked, whole range within one class:" in out
    assert "Listed with a range of classes" in out
    assert "Too little known to place (never treated as safe)" in out
    assert "People living in states of each class or above" in out
    assert "By World Bank income group" in out


def test_score_csv_and_json(tmp_path):
    import json

    import pandas as pd

    out = tmp_path / "scores.csv"
    result = run("score", *EX, "--format", "csv", "--out", out)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert list(frame["iso3"][:3]) == ["XAA", "XAC", "XAB"]
    for col in ("exposure_lower", "exposure_upper", "rank_best", "rank_worst", "standing",
                "class_lower", "class_upper", "reliability"):
        assert col in frame.columns
    assert frame.loc[0, "exposure"] == pytest.approx(75.91, abs=0.01)
    result = run("score", *EX, "--format", "json", "--scenario", "latent", "--threshold", "5")
    payload = json.loads(result.stdout)
    assert payload["parameters"]["threshold"] == 5.0
    assert payload["parameters"]["scenario"] == "latent"
    assert {s["iso3"] for s in payload["states"]} == {"XAA", "XAB", "XAC", "XAD"}
    assert payload["population_exposed"][-1]["class"] == "very_high"


def test_score_csv_is_safe_in_a_spreadsheet(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE / "country_data", data)
    path = data / "countries.csv"
    path.write_text(path.read_text().replace("Aldoria (invented)", '=HYPERLINK("http://x")'))
    result = run("score", "--data", data, "--indicators", EXAMPLE / "indicators",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "'=HYPERLINK" in result.stdout
    assert ',=HYPERLINK' not in result.stdout and ',"=HYPERLINK' not in result.stdout


def test_score_region_filter_and_unknown_region():
    result = run("score", *EX, "--region", "africa")
    assert result.exit_code == 0
    assert "XAC" in result.stdout and "XAA" not in result.stdout
    result = run("score", *EX, "--region", "Atlantis")
    assert result.exit_code == 2
    assert "no state in region 'Atlantis'; use one of: Africa, Europe" in result.stderr


def test_score_with_weights_file(tmp_path):
    w = tmp_path / "w.csv"
    w.write_text("kind,id,weight,rationale\npillar,legal_reach,0.1,test\n"
                 "pillar,safeguard_deficit,0.6,test\n")
    result = run("score", *EX, "--weights", w, "--format", "json")
    assert result.exit_code == 0, result.output
    w.write_text("kind,id,weight,rationale\npillar,legal_reach,0.5,test\n")
    result = run("score", *EX, "--weights", w)
    assert result.exit_code == 1
    assert ("pillars.csv (after applying w.csv): weight: weights of the pillars sum to 1.1, "
            "not 1 (fix: adjust them so they sum to 1)") in result.stderr
    w.write_text("kind,id,weight,rationale\nindicator,no_such,0.5,test\n")
    result = run("score", *EX, "--weights", w)
    assert "w.csv:2: id: 'no_such' is not a indicator of the catalogue" in result.stderr


def test_score_rejects_bad_threshold():
    result = run("score", *EX, "--threshold", "0")
    assert result.exit_code == 2


def test_explain_example_and_unknown_state():
    result = run("explain", "xaa", *EX)
    assert result.exit_code == 0, result.output
    assert "Aldoria (invented) (XAA)" in result.stdout
    assert "rank 1, class very_high" in result.stdout
    assert "not counted: no longer in force" in result.stdout
    assert "art. 44 Access to stored data for another state" in result.stdout
    assert "[recalled, not verified against the text]" in result.stdout
    result = run("explain", "ZZZ", *EX)
    assert result.exit_code == 2
    assert "'ZZZ' is not a scored state" in result.stderr


def test_explain_works_for_every_shipped_state():
    import riskscore
    from riskscore.explain_text import render_text
    from riskscore.explanation import explain
    from riskscore.kernel import Kernel
    from riskscore.scoring import score

    ds = riskscore.load()
    k = Kernel(ds)
    computed = (score(ds, kernel=k).set_index("iso3"),
                score(ds, scenario="latent", kernel=k).set_index("iso3"))
    for iso3 in k.p.states:
        ex = explain(ds, iso3, kernel=k, computed=computed)
        text = render_text(ex)
        assert ex.iso3 in text
        assert (ex.standing == "ranked") == (not ex.flag)
        assert (ex.rank is None) == (ex.standing == "too_little_known")


def test_explain_json_is_complete():
    import json

    result = run("explain", "XAD", *EX, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["rank"] is None and payload["flag"].startswith("too little known")
    assert payload["exposure_lower"] == 0.0 and payload["exposure_upper"] > 60
    assert {c["id"] for c in payload["categories"]} == {"speech_a", "identity_b", "assembly_c"}


def test_outputs_never_land_in_the_input_folders(shipped_copy):
    data, meta = shipped_copy
    before = (data / "countries.csv").read_bytes()
    result = run("score", "--data", data, "--indicators", meta, "--format", "csv",
                 "--out", data / "countries.csv")
    assert result.exit_code == 2
    assert "lies inside the input folder" in result.stderr
    assert (data / "countries.csv").read_bytes() == before
    result = run("audit", "--data", data, "--indicators", meta, "--runs", "10",
                 "--sobol-n", "0", "--out", meta / "audit")
    assert result.exit_code == 2 and not (meta / "audit").exists()


def test_a_negative_seed_is_a_usage_error():
    assert run("audit", *EX, "--seed", "-1").exit_code == 2
    assert run("pairs", *EX, "--seed", "-1").exit_code == 2


def test_control_characters_in_text_are_refused_with_their_cell(shipped_copy):
    data, meta = shipped_copy
    path = data / "countries.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("Afghanistan", "Afghan\x1b[31mistan", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert "countries.csv:3: name: contains the control character U+001B" in result.stderr


def test_score_table_reads_well_in_a_terminal():
    """Issue 16: lines fit a terminal, names are whole and the ones readers use, classes
    are named, and too-little-known states show their range, never 0.0."""
    result = run("score")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 120
    assert "Venezuela " in result.stdout and "Nauru" in result.stdout
    assert "Naoero" not in result.stdout and "very_high" not in result.stdout
    assert "Very high" in result.stdout


def test_reader_names_follow_one_policy():
    from riskscore.iso import reader_name

    assert reader_name("NRU", "Naoero") == "Nauru"
    assert reader_name("BOL", "Bolivia (Plurinational State of)") == "Bolivia"
    assert reader_name("GBR", "United Kingdom of Great Britain and Northern Ireland") == \
        "United Kingdom"
    assert reader_name("COD", "Democratic Republic of the Congo") == \
        "Democratic Republic of the Congo"  # ISO's own reads "Congo, The ..."
    assert reader_name("XKX", "Kosovo") == "Kosovo"  # not in ISO 3166: the source's name


def test_diff_names_what_moved_each_score(tmp_path):
    """Issue 16.7: between two editions, the states whose score or inputs changed, with the
    change and the inputs that caused it (an indicator value, an offence row, a status)."""
    import shutil

    old = tmp_path / "old"
    shutil.copytree(EXAMPLE / "country_data", old)
    obs = (old / "observations.csv").read_text()
    (old / "observations.csv").write_text(obs.replace("XAA,ex_courts,2024,2,",
                                                      "XAA,ex_courts,2024,5,"))
    result = run("diff", old, EXAMPLE / "country_data", "--indicators", EXAMPLE / "indicators",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    changes = {c["iso3"]: c for c in json.loads(result.stdout)["changes"]}
    assert set(changes) == {"XAA"}
    assert "ex_courts: 5 (2024) -> 2 (2024)" in changes["XAA"]["what_changed"]
    assert changes["XAA"]["change"] > 0  # worse courts now: more exposed
    same = run("diff", EXAMPLE / "country_data", EXAMPLE / "country_data", "--indicators",
               EXAMPLE / "indicators")
    assert same.exit_code == 0 and same.stdout.startswith("0 states changed")


def test_score_table_fits_a_narrow_terminal_by_dropping_columns_and_shortening_names():
    """Issue 16.6: at 80 columns the state tables fit, names are cut the same way every
    time with an ellipsis, and the full table is one --format csv away."""
    from click.testing import CliRunner

    from riskscore.cli import main

    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["score"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if " RUS " in line or " SAU " in line]
    assert rows and all(len(line) <= 80 for line in rows)
    assert "Russian Fede\u2026" in result.stdout
    assert "--format csv has them all" in result.stdout
