"""Identical reruns: every output, in every format, is the same bytes when run twice on the
same inputs (no timings, clock dates or absolute paths in any output)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EX, EXAMPLE, run

COMMANDS = [
    ("score", "--format", "table"),
    ("score", "--format", "csv"),
    ("score", "--format", "json"),
    ("explain", "XAC", "--format", "text"),
    ("explain", "XAC", "--format", "json"),
    ("coverage", "--offences", "--priorities"),
    ("audit", "--runs", "200", "--sobol-n", "64", "--format", "table"),
    ("audit", "--runs", "200", "--sobol-n", "64", "--format", "json"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_printed_outputs_rerun_identically(args):
    first, second = run(*args, *EX), run(*args, *EX)
    assert first.exit_code in (0, 4), first.output
    assert first.stdout_bytes == second.stdout_bytes
    assert str(EXAMPLE) not in first.stdout  # no absolute paths


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_country_reports_rerun_identically(tmp_path, fmt):
    for out in ("a", "b"):
        result = run("report", "XAA", "XAC", "XAD", *EX, "--format", fmt,
                     "--out", tmp_path / out)
        assert result.exit_code == 0, result.output
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_site_and_audit_page_rerun_identically(tmp_path):
    for out in ("a", "b"):
        result = run("report", "--all", *EX, "--out", tmp_path / out, "--audit-runs", "100")
        assert result.exit_code == 0, result.output
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b
    assert not any(str(tmp_path).encode() in data for data in a.values())
    for out in ("c", "d"):
        result = run("audit", *EX, "--runs", "100", "--sobol-n", "0", "--format", "html",
                     "--out", tmp_path / out)
        assert result.exit_code in (0, 4)
    assert _files(tmp_path / "c") == _files(tmp_path / "d")


def test_pdf_reruns_identically(tmp_path):
    pytest.importorskip("weasyprint", reason="WeasyPrint not installed (make test installs it)")
    for out in ("a", "b"):
        result = run("report", "XAA", *EX, "--format", "pdf", "--out", tmp_path / out)
        assert result.exit_code == 0, result.output
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_one_report_to_a_file_name_writes_that_file(tmp_path):
    result = run("report", "XAA", *EX, "--format", "md", "--out", tmp_path / "aldoria.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "aldoria.md").is_file()
    several = run("report", "XAA", "XAB", *EX, "--format", "md", "--out", tmp_path / "x.md")
    assert several.exit_code == 2 and not (tmp_path / "x.md").exists()


def test_a_killed_site_build_leaves_nothing_behind_the_next_run(tmp_path):
    # what a run killed half-way leaves: a half-built folder and a superseded one
    (tmp_path / ".site.tmp-abc123" / "countries").mkdir(parents=True)
    (tmp_path / ".site.old-def456").mkdir()
    result = run("report", "--all", *EX, "--out", tmp_path / "site", "--audit-runs", "0")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
