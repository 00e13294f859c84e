"""One gate (issue 18.2): whatever passes `validate` can be scored, explained, reported,
paired and audited without an internal error. Hypothesis edits the invented example within
what the schema allows (observation values across their bounds, penalties from 0 to the
longest term, life and death, sanctions, pillar weights, engagement), and every command must
end with a result or a clear message, never exit 3."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, run

PENALTIES = st.sampled_from([None, 0.0, 0.25, 3.99, 4.0, 10.0, 200.0])


@st.composite
def edits(draw):
    obs = pd.read_csv(EXAMPLE / "country_data" / "observations.csv")
    ind = pd.read_csv(EXAMPLE / "indicators" / "indicators.csv").set_index("id")
    values = [draw(st.floats(float(ind.loc[i, "lower"]), float(ind.loc[i, "upper"]),
                             allow_nan=False)) for i in obs["indicator"]]
    off = pd.read_csv(EXAMPLE / "country_data" / "offences.csv", dtype=str,
                      keep_default_na=False)
    penalties = [draw(PENALTIES) for _ in range(len(off))]
    severe = [draw(st.sampled_from(["", "life", "death"])) for _ in range(len(off))]
    weights = draw(st.lists(st.integers(0, 10), min_size=4, max_size=4).filter(
        lambda w: sum(w) > 0))
    signed = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    return values, penalties, severe, weights, signed


def _write(tmp: Path, e) -> tuple[Path, Path]:
    values, penalties, severe, weights, signed = e
    data, meta = tmp / "country_data", tmp / "indicators"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(EXAMPLE / "country_data", data)
    shutil.copytree(EXAMPLE / "indicators", meta)
    obs = pd.read_csv(data / "observations.csv")
    obs["value"] = values
    obs.to_csv(data / "observations.csv", index=False)
    off = pd.read_csv(data / "offences.csv", dtype=str, keep_default_na=False)
    for i, (years, kind) in enumerate(zip(penalties, severe, strict=True)):
        if off.loc[i, "row_kind"] != "offence":
            continue
        off.loc[i, "life_imprisonment"] = "true" if kind == "life" else "false"
        off.loc[i, "death_penalty"] = "true" if kind == "death" else "false"
        off.loc[i, "max_penalty_years"] = "" if kind or years is None else f"{years:g}"
        off.loc[i, "sanction"] = "fine_only" if not kind and years == 0 else ""
    off.to_csv(data / "offences.csv", index=False)
    pil = pd.read_csv(meta / "pillars.csv")
    pil["weight"] = [w / sum(weights) for w in weights]
    pil.to_csv(meta / "pillars.csv", index=False)
    conv = pd.read_csv(data / "convention_status.csv", dtype=str, keep_default_na=False)
    conv = conv[[s for s, _ in zip(signed, range(len(conv)), strict=False)] +
                [True] * max(0, len(conv) - len(signed))]
    conv.to_csv(data / "convention_status.csv", index=False)
    return data, meta


COMMANDS = [["score", "--format", "csv"], ["explain", "XAA"], ["explain", "XAC"],
            ["report", "XAB", "--format", "md", "--out", "{out}/xab.md"],
            ["pairs", "--format", "json"],
            ["audit", "--runs", "20", "--sobol-n", "0", "--format", "json"]]


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits())
def test_whatever_passes_validate_runs_every_command(tmp_path, e):
    data, meta = _write(tmp_path / "case", e)
    checked = run("validate", "--data", data, "--indicators", meta)
    assume(checked.exit_code == 0)
    for command in COMMANDS:
        args = [a.format(out=tmp_path) for a in command]
        result = run(*args, "--data", data, "--indicators", meta)
        assert result.exit_code in (0, 4), (args, result.output)
        assert "internal error" not in result.output
