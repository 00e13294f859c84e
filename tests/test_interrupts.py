"""Interrupted writes (issue 18.5): a site build killed at any instant leaves the earlier
site whole, the next run removes what the killed one left, and SIGTERM ends a run like
Ctrl-C (exit 130, nothing half-written)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EX, run

RISKSCORE = [sys.executable, "-m", "riskscore"]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _start(out: Path) -> subprocess.Popen:
    args = [str(a) for a in (*RISKSCORE, "report", "--all", *EX, "--out", out)]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_the_build_command_runs_to_the_end(tmp_path):
    """The command the kill tests interrupt works when left alone (so they test a real
    build, not a command that fails at once)."""
    proc = _start(tmp_path / "site")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.6, 1.0, 1.6])
def test_a_killed_site_build_leaves_the_old_site_whole(tmp_path, delay):
    out = tmp_path / "site"
    assert run("report", "--all", *EX, "--out", out).exit_code == 0
    before = _files(out)
    proc = _start(out)
    time.sleep(delay)
    proc.kill()
    proc.wait()
    # Old or new, never a mixture: the same data build the same bytes (test_reruns).
    assert _files(out) == before
    assert run("report", "--all", *EX, "--out", out).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # leftovers removed


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has installed its SIGTERM handler (Linux: SigCgt mask)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(int(line.split()[1], 16) for line in status.splitlines()
                if line.startswith("SigCgt:"))
    return bool(mask & (1 << (signal.SIGTERM - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_sigterm_ends_a_run_like_ctrl_c(tmp_path):
    out = tmp_path / "site"
    assert run("report", "--all", *EX, "--out", out).exit_code == 0
    before = _files(out)
    proc = _start(out)
    deadline = time.monotonic() + 60
    while not _catches_sigterm(proc.pid) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err  # 0 only if it had already finished
    if proc.returncode == 130:
        assert b"interrupted" in err and b"Traceback" not in err
    assert _files(out) == before
