"""Atomic outputs: readers see the old file (or folder) or the new one, never half of one.

The one place that writes outputs. A file is written to a temporary file beside it and
renamed over the target (``os.replace`` is atomic on POSIX and Windows); a folder is built
beside the target and swapped in with one atomic exchange (Linux ``renameat2``
RENAME_EXCHANGE; elsewhere two renames with a rollback). Folders a killed run left are
removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path


def write_with(path: Path, writer: Callable[[Path], None],
               check: Callable[[Path], None] | None = None) -> None:
    """Let ``writer`` fill a temporary file beside ``path``; run ``check`` on it (which may
    raise to stop the write); then rename it over ``path``. Nothing is left on failure."""
    path = Path(path)
    with _named(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    tmp = Path(name)
    try:
        with _named(path):
            writer(tmp)
        if check is not None:
            check(tmp)
        with _named(path):
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs are meant to be shared
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _named(target: Path) -> Iterator[None]:
    """Report a file-system failure against the output the user asked for, not against
    the temporary file riskscore was writing."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(target)) from exc


def write_bytes(data: bytes, path: Path) -> None:
    def fill(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_with(path, fill)


def write_text(text: str, path: Path) -> None:
    write_bytes(text.encode("utf-8"), path)


def replace_dir(out: Path, files: Mapping[str, bytes | str]) -> None:
    """Write ``files`` (relative name -> content) into a new folder and swap it in for
    ``out``; the old folder, if any, is removed only after the new one is in place."""
    out = Path(out)
    tmp = stage_beside(out)
    try:
        with _named(out):
            for name, content in files.items():
                target = tmp / name
                target.parent.mkdir(parents=True, exist_ok=True)
                data = content.encode("utf-8") if isinstance(content, str) else content
                target.write_bytes(data)
            os.chmod(tmp, 0o755)
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def stage_beside(out: Path) -> Path:
    """An empty folder beside ``out`` (same file system, so it can be swapped in), after
    removing what killed earlier runs left there."""
    with _named(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out)
        return Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))


def swap_in(stage: Path, out: Path) -> None:
    """Put the folder ``stage`` at ``out`` in one step: an exchange with the folder there,
    or a rename where there is none."""
    with _named(out):
        if out.exists():
            _swap(stage, out)
        else:
            stage.rename(out)


def _remove_leftovers(out: Path) -> None:
    """Folders a killed earlier run left beside ``out`` (half-built or superseded): the
    names are ours alone, so nothing else is touched."""
    for prefix in (f".{out.name}.tmp-", f".{out.name}.old-"):
        for stale in out.parent.glob(prefix + "*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


RENAME_EXCHANGE = 2  # linux/fs.h: swap two paths in one step


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically (Linux renameat2 RENAME_EXCHANGE): a reader sees
    one folder or the other at every instant. False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    rc = renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), RENAME_EXCHANGE)
    if rc == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False  # old kernel or file system without exchange: fall back
    raise OSError(code, os.strerror(code), str(b))


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` at ``out``: one atomic exchange where the system offers it (the old
    folder ends up at ``new`` and is removed), else two renames with a rollback."""
    if out.is_dir() and not out.is_symlink() and _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)
        return
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        os.rmdir(old)
        os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
