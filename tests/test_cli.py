"""The CLI on the shipped data, and its help."""

from __future__ import annotations

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
                 "vdem_v2juncind", "fiw_f2", "signatories x categories"):
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
    assert "Invalid value for '{groups|population|rsf|vdem|fiw|offences|convention}'" \
        in result.output
