"""The corpus of broken inputs: each gets its exact, clear message and exit code, no
traceback, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run

OBS_HEADER = "iso3,indicator,year,value,source_id"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _set_line(path: Path, line: int, content: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = content
    path.write_text("\n".join(lines), encoding="utf-8")


def _line(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


# Each case: (id, mutate(data_dir, indicators_dir), expected lines on stderr)
CASES = [
    ("missing_file",
     lambda d, m: (d / "sources.csv").unlink(),
     ["sources.csv: file not found (fix: check the path; expected a CSV file at {d}/sources.csv)"]),
    ("empty_file",
     lambda d, m: (d / "sources.csv").write_text(""),
     ["sources.csv: file is empty (fix: the first line must be the header: id,publisher,title,"
      "edition,address,licence,attribution,obtained_from)"]),
    ("header_only",
     lambda d, m: (d / "convention_status.csv").write_text(
         _line(d / "convention_status.csv", 1) + "\n"),
     ["convention_status.csv: file has a header but no data rows "
      "(fix: add at least one row of data)"]),
    ("wrong_delimiter",
     lambda d, m: (d / "observations.csv").write_text(
         OBS_HEADER.replace(",", ";") + "\nAFG;fiw_d4;2013;2.0;fiw\n"),
     ["observations.csv:1: the header is one column that contains semicolons: the file looks "
      "semicolon-separated (fix: save it comma-separated (riskscore reads CSV with commas, "
      "UTF-8))"]),
    ("latin1_bytes",
     lambda d, m: (d / "countries.csv").write_bytes(
         (d / "countries.csv").read_bytes().replace("Côte".encode(), "Côte".encode("latin-1"))),
     ["countries.csv:{civ_line}: byte 0xf4 is not valid UTF-8 (the file looks Latin-1 or "
      "Windows-1252 encoded) (fix: save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8'))"]),
    ("missing_column",
     lambda d, m: _edit(m / "pillars.csv", "weight_rationale,", "", 1),
     ["pillars.csv:1: weight_rationale: required column is missing "
      "(fix: add the column to the header)"]),
    ("extra_column",
     lambda d, m: (d / "observations.csv").write_text(
         OBS_HEADER + ",comment\nAFG,fiw_d4,2013,2.0,fiw,x\n"),
     ["observations.csv:1: comment: unexpected column (fix: remove it or rename it to one of: "
      "iso3, indicator, year, value, source_id)"]),
    ("duplicate_key",
     lambda d, m: _set_line(d / "observations.csv", 3, _line(d / "observations.csv", 2)),
     ["observations.csv:3: iso3+indicator+year: duplicate key (AFG, fiw_d4, 2013), first on "
      "line 2 (fix: keep one row per key)"]),
    ("unknown_iso3_in_countries",
     lambda d, m: _edit(d / "countries.csv", "\nALA,AX,", "\nGER,AX,"),
     ["countries.csv:{ala_line}: iso3: 'GER' is not an ISO 3166-1 alpha-3 code (fix: check the "
      "code (e.g. DEU, not GER); user-assigned codes must start with X)"]),
    ("unknown_iso3_reference",
     lambda d, m: _set_line(d / "observations.csv", 2, "ZZZ,fiw_d4,2013,2.0,fiw"),
     ["observations.csv:2: iso3: 'ZZZ' is not in countries.csv (fix: check the code (e.g. DEU, "
      "not GER), or add the country to countries.csv)"]),
    ("text_in_numeric",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,2013,abc,fiw"),
     ["observations.csv:2: value: 'abc' is not a number (fix: write a decimal number with a "
      "dot, e.g. 42.5)"]),
    ("decimal_comma",
     lambda d, m: _set_line(d / "observations.csv", 2, 'AFG,fiw_d4,2013,"2,5",fiw'),
     ["observations.csv:2: value: '2,5' is not a number (fix: write a decimal number with a "
      "dot, e.g. 42.5)"]),
    ("nan_text_in_required",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,2013,NaN,fiw"),
     ["observations.csv:2: value: 'NaN' is not a finite number (fix: write a decimal number "
      "with a dot, e.g. 42.5)"]),
    ("empty_required",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,2013,,fiw"),
     ["observations.csv:2: value: is empty but required (fix: write a decimal number with a "
      "dot, e.g. 42.5)"]),
    ("out_of_bounds",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,2013,7,fiw"),
     ["observations.csv:2: value: 7 is outside the bounds of fiw_d4 [0, 4] (fix: check the "
      "value and its scale; if the bounds are wrong, change them in indicators/indicators.csv "
      "with a reason)"]),
    ("negative_penalty",
     lambda d, m: _edit(d / "offences.csv", ",2,false,false,", ",-2,false,false,"),
     ["offences.csv:{neg_line}: max_penalty_years: -2.0 must lie between 0 and 200 (fix: a "
      "penalty is a number of years from 0 to 200 (use life_imprisonment for life))"]),
    ("life_with_years",
     lambda d, m: _edit(d / "offences.csv", ",,true,false,", ",10,true,false,"),
     ["offences.csv:{life_line}: max_penalty_years: 10 years given although the maximum is "
      "life or death (fix: leave max_penalty_years empty when life_imprisonment or "
      "death_penalty is true)"]),
    ("unknown_indicator",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_q9,2013,2.0,fiw"),
     ["observations.csv:2: indicator: 'fiw_q9' is not in indicators.csv (fix: add the "
      "indicator to indicators/indicators.csv or correct the id)"]),
    ("unknown_source",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,2013,2.0,gallup"),
     ["observations.csv:2: source_id: 'gallup' is not in sources.csv (fix: add the source to "
      "sources.csv or correct the id)"]),
    ("weights_do_not_sum",
     lambda d, m: _edit(m / "pillars.csv", "Convention engagement,0.15,", "Convention "
                        "engagement,0.25,"),
     ["pillars.csv: weight: weights of the pillars sum to 1.1, not 1 (fix: adjust them so they "
      "sum to 1)"]),
    ("negative_weight",
     lambda d, m: _edit(m / "pillars.csv", "Legal reach,0.35,", "Legal reach,-0.35,"),
     ["pillars.csv:2: weight: -0.35 must be at least 0 (fix: weights are shares: use a number "
      "from 0 to 1)",
      "pillars.csv: weight: weights of the pillars sum to 0.3, not 1 (fix: adjust them so they "
      "sum to 1)"]),
    ("malformed_indicators",
     lambda d, m: _edit(m / "indicators.csv", ",safeguard_deficit,vdem_v14,2023,higher_is_safer,",
                        ",safeguard_deficit,vdem_v14,2023,up,"),
     ["indicators.csv:2: direction: 'up' must be one of: higher_is_riskier, higher_is_safer "
      "(fix: correct the value)"]),
    ("bad_date",
     lambda d, m: _edit(d / "convention_status.csv", "AGO,Angola,2025-10-25,",
                        "AGO,Angola,25/10/2025,"),
     ["convention_status.csv:2: signed: '25/10/2025' is not a calendar date as YYYY, YYYY-MM "
      "or YYYY-MM-DD (fix: write a calendar date as YYYY, YYYY-MM or YYYY-MM-DD)"]),
    ("bad_boolean",
     lambda d, m: _edit(d / "countries.csv", "\nAFG,AF,Afghanistan,true,",
                        "\nAFG,AF,Afghanistan,maybe,"),
     ["countries.csv:3: independent: 'maybe' is not true or false (fix: write true or false)"]),
    ("ragged_row",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,2013,2.0,fiw,extra"),
     ["observations.csv:2: has 6 fields, the header has 5 (fix: check for an unquoted comma or "
      "a missing cell on this line)"]),
    ("directory_instead_of_file",
     lambda d, m: ((d / "sources.csv").unlink(), (d / "sources.csv").mkdir()),
     ["sources.csv: is a directory, not a file (fix: give the path of the CSV file itself)"]),
    # --- one gate (issue 18.2): rules the commands rely on, checked by validate ---
    ("renamed_pillar",
     lambda d, m: (_edit(m / "pillars.csv", "\nlegal_reach,", "\nlegal_rech,"),),
     ["pillars.csv: id: pillar 'legal_reach' is missing (fix: the method computes exactly "
      "these pillars: legal_reach, safeguard_deficit, repression_climate, "
      "convention_engagement)",
      "pillars.csv:2: id: 'legal_rech' is not a pillar the method computes (fix: use one of "
      "legal_reach, safeguard_deficit, repression_climate, convention_engagement)"]),
    ("indicator_in_a_pillar_not_built_from_indicators",
     lambda d, m: _edit(m / "indicators.csv", ",repression_climate,", ",legal_reach,"),
     ["indicators.csv:{ind_line}: pillar: 'legal_reach' is not built from indicators (fix: put "
      "indicators in safeguard_deficit or repression_climate)",
      # the moved indicator (RSF's score, weight 0) leaves a pillar weight group of its own
      "indicators.csv: weight: weights of pillar 'legal_reach' sum to 0, not 1 (fix: adjust "
      "them so they sum to 1)"]),
    ("penalty_beyond_any_term",
     lambda d, m: _set_line(d / "offences.csv", _placeholders(d)["neg_line"],
                            _line(d / "offences.csv", _placeholders(d)["neg_line"])
                            .replace(",2,false,false,", ",1e308,false,false,", 1)),
     ["offences.csv:{neg_line}: max_penalty_years: 1e+308 must lie between 0 and 200 (fix: a "
      "penalty is a number of years from 0 to 200 (use life_imprisonment for life))"]),
    ("duplicate_engagement_level",
     lambda d, m: _edit(m / "engagement.csv", "\nsigned,", "\nsigned,Signed twice,0.6,x\nsigned,"),
     ["engagement.csv:4: id: duplicate key (signed), first on line 3 (fix: keep one row per "
      "key)"]),
    ("twenty_digit_year",
     lambda d, m: _set_line(d / "observations.csv", 2, "AFG,fiw_d4,12345678901234567890,2.0,fiw"),
     ["observations.csv:2: year: '12345678901234567890' is not a whole number below 2^53 "
      "(fix: write a whole number below 2^53)"]),
    ("thirtieth_of_february",
     lambda d, m: _edit(d / "convention_status.csv", ",2025-10-25,", ",2025-02-30,"),
     ["convention_status.csv:2: signed: '2025-02-30' is not a calendar date as YYYY, YYYY-MM "
      "or YYYY-MM-DD (fix: write a calendar date as YYYY, YYYY-MM or YYYY-MM-DD)"]),
    ("broken_audit_exceptions",
     lambda d, m: (m / "audit_exceptions.csv").write_text("input,level\nfoo,bar\n"),
     ["audit_exceptions.csv:1: reason: required column is missing (fix: add the column to "
      "the header)",
      "audit_exceptions.csv:1: recorded: required column is missing (fix: add the column to "
      "the header)"]),
    ("supersession_loop",
     lambda d, m: _loop(d),
     ["offences.csv:{loop_a}: superseded_by: rows supersede each other in a loop: {loop_ids} "
      "(fix: the newest row must not name a superseded_by)"]),
    # --- the pair model's tables and the sanction word ---
    ("shield_value_of_another_feature",
     lambda d, m: _edit(d / "shields.csv", ",dual_criminality,coercive,",
                        ",dual_criminality,mandatory,"),
     ["shields.csv:{dc_line}: value: 'mandatory' is not a value of dual_criminality (fix: use "
      "one of all, coercive, discretionary, none (or unknown for a search note))"]),
    ("two_values_for_one_shield",
     lambda d, m: _duplicate_shield(d),
     ["shields.csv:{deu_dc_next}: value: DEU dual_criminality is given as coercive and none "
      "(lines {deu_dc_line}, {deu_dc_next}) (fix: keep the value the better source states and "
      "record the other as a note)"]),
    ("unknown_repression_role",
     lambda d, m: _edit(d / "transnational_repression.csv", ",perpetrator,", ",victim,"),
     ["transnational_repression.csv:{tnr_line}: role: 'victim' must be one of: perpetrator, "
      "host (fix: correct the value)"]),
    ("record_without_floor",
     lambda d, m: _edit(m / "pair_components.csv", "abroad,0.1,0.5,", "abroad,0.1,,"),
     ["pair_components.csv:5: floor: the record component needs a floor (its value for a "
      "state with no documented record, whose record is unknown) (fix: give a number from 0 "
      "to 1 in the floor column)"]),
    ("shield_reductions_that_erase_the_deficit",
     lambda d, m: _edit(m / "shield_features.csv", "human_rights_ground,mandatory,0.25,",
                        "human_rights_ground,mandatory,0.75,"),
     ["shield_features.csv: reduction: the largest reductions add up to 1.1, which would "
      "erase a requested state's safeguard deficit (fix: keep the sum of each feature's "
      "largest reduction below 1)"]),
    ("sanction_on_a_prison_term",
     lambda d, m: _with_sanction(d),
     ["offences.csv:{five_line}: sanction: sanction 'fine_only' given for a row whose maximum "
      "is not 0 (fix: leave sanction empty unless the row is an offence with maximum 0)"]),
]


def _duplicate_shield(d: Path) -> None:
    """A second, different dual-criminality value for Germany, right after the first."""
    v = _placeholders(d)
    path = d / "shields.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    parts = lines[v["deu_dc_line"] - 1].split(",")
    parts[0], parts[3] = "shields_riskscore.csv:999", "none"
    lines.insert(v["deu_dc_line"], ",".join(parts))
    path.write_text("\n".join(lines), encoding="utf-8")


def _with_sanction(d: Path) -> None:
    """Give a five-year offence row the sanction word meant for a maximum of 0."""
    import pandas as pd

    path = d / "offences.csv"
    off = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = _placeholders(d)["five_line"] - 2
    off.loc[row, "sanction"] = "fine_only"
    off.to_csv(path, index=False, lineterminator="\n")


def _loop(d: Path) -> None:
    """Two offence rows of one state and category that name each other as successors."""
    v = _placeholders(d)
    path = d / "offences.csv"
    a, b = v["loop_a"], v["loop_b"]
    rid_a, rid_b = _line(path, a).split(",")[0], _line(path, b).split(",")[0]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index("superseded_by")
    rows[a - 1][col], rows[b - 1][col] = rid_b, rid_a
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _placeholders(d: Path) -> dict[str, object]:
    """Line numbers of rows the cases edit, looked up in the pristine copy."""
    def find(path: Path, needle: str) -> int:
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if needle in line:
                return i
        raise AssertionError(f"{needle!r} not in {path.name}")

    off = (d / "offences.csv").read_text(encoding="utf-8").split("\n")
    # two plain offence rows (no links, simple quoting) for the supersession loop
    plain = [i for i, line in enumerate(off, start=1)
             if i > 1 and line.startswith("offences_riskscore.csv:") and '"' not in line
             and ",offence," in line]
    loop_a, loop_b = plain[0], plain[1]
    ids = [off[loop_a - 1].split(",")[0], off[loop_b - 1].split(",")[0]]
    shields = (d / "shields.csv").read_text(encoding="utf-8").split("\n")
    deu = next(i for i, line in enumerate(shields, start=1)
               if line.split(",")[1:3] == ["DEU", "dual_criminality"])
    import pandas as pd

    table = pd.read_csv(d / "offences.csv", dtype=str, keep_default_na=False)
    five = int(table.index[(table["row_kind"] == "offence") & (table["max_penalty_years"] == "5")
                           & (table["sanction"] == "")][0]) + 2
    return {
        "d": d,
        "dc_line": find(d / "shields.csv", ",dual_criminality,coercive,"),
        "deu_dc_line": deu, "deu_dc_next": deu + 1,
        "tnr_line": find(d / "transnational_repression.csv", ",perpetrator,"),
        "five_line": five,
        "ind_line": find(Path(str(d).replace("country_data", "indicators")) / "indicators.csv",
                         ",repression_climate,"),
        "loop_a": loop_a, "loop_b": loop_b,
        "loop_ids": " -> ".join([ids[0], ids[1], ids[0]]),
        "civ_line": find(d / "countries.csv", "Côte"),
        "ala_line": find(d / "countries.csv", "ALA,AX,"),
        "neg_line": find(d / "offences.csv", ",2,false,false,"),
        "life_line": find(d / "offences.csv", ",,true,false,"),
    }


def _snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["validate", "coverage"])
def test_broken_input_is_reported_exactly(shipped_copy, case, command):
    data, meta = shipped_copy
    _, mutate, expected = case
    values = _placeholders(data)
    mutate(data, meta)
    before = _snapshot(data, meta)
    result = run(command, "--data", data, "--indicators", meta)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().split("\n")
    for want in expected:
        assert want.format(**values) in lines
    assert lines[-1].startswith("error: ") and lines[-1].endswith("nothing was written.")
    assert len(lines) == len(expected) + 1, "unexpected extra problems:\n" + result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""  # nothing printed as if it had worked
    assert _snapshot(data, meta) == before


def test_corpus_is_large_enough():
    assert len(CASES) >= 40


def test_bom_is_accepted(shipped_copy):
    data, meta = shipped_copy
    path = data / "countries.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 0, result.output


def test_every_problem_is_reported_in_one_run(shipped_copy):
    data, meta = shipped_copy
    _set_line(data / "observations.csv", 2, "AFG,fiw_d4,2013,abc,fiw")
    _set_line(data / "observations.csv", 3, "ZZZ,fiw_d4,2014,2.0,fiw")
    _edit(meta / "pillars.csv", "Legal reach,0.35,", "Legal reach,0.45,")
    result = run("validate", "--data", data, "--indicators", meta)
    assert result.exit_code == 1
    assert "observations.csv:2: value:" in result.stderr
    assert "observations.csv:3: iso3: 'ZZZ'" in result.stderr
    assert "pillars.csv: weight: weights of the pillars sum to 1.1" in result.stderr
    assert "error: 3 problems found in the input data; nothing was written." in result.stderr


def test_oversized_file_is_refused_without_reading_it(shipped_copy):
    import tracemalloc

    data, meta = shipped_copy
    path = data / "observations.csv"
    row = b"AFG,fiw_d4,2013,2.0,fiw\n"
    with path.open("wb") as fh:
        fh.write(OBS_HEADER.encode() + b"\n")
        block = row * 40_000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    size_mb = path.stat().st_size / 1e6
    tracemalloc.start()
    result = run("validate", "--data", data, "--indicators", meta)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.exit_code == 1
    assert (f"observations.csv: file is {size_mb:.1f} MB, over the 21 MB limit for one table; "
            "it was not read (fix: check that this is the right file; if it is, set "
            "RISKSCORE_MAX_TABLE_MB higher)") in result.stderr
    assert peak < 40 * 1024 * 1024, f"peak memory {peak / 1e6:.0f} MB: the file was read"


@pytest.mark.parametrize("flag", ["--data", "--indicators"])
def test_folder_option_that_is_a_file(shipped_copy, flag):
    data, meta = shipped_copy
    target = data / "countries.csv"
    result = run("validate", flag, target)
    assert result.exit_code == 1
    assert f"{target}: is not a folder (fix: give a folder that holds the tables)" in result.stderr


def test_missing_folder(tmp_path):
    result = run("validate", "--data", tmp_path / "nope")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope'}: not found (fix: give a folder that holds the tables)" \
        in result.stderr
