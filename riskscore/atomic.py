"""Atomic outputs: readers see the old file (or folder) or the new one, never half of one.

The one place that writes outputs. A file is written to a temporary file beside it and
renamed over the target (``os.replace`` is atomic on POSIX and Windows); a folder is built
beside the target and swapped in.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path


def write_with(path: Path, writer: Callable[[Path], None],
               check: Callable[[Path], None] | None = None) -> None:
    """Let ``writer`` fill a temporary file beside ``path``; run ``check`` on it (which may
    raise to stop the write); then rename it over ``path``. Nothing is left on failure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        writer(tmp)
        if check is not None:
            check(tmp)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs are meant to be shared
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    try:
        for name, content in files.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            target.write_bytes(data)
        os.chmod(tmp, 0o755)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _remove_leftovers(out: Path) -> None:
    """Folders a killed earlier run left beside ``out`` (half-built or superseded): the
    names are ours alone, so nothing else is touched."""
    for prefix in (f".{out.name}.tmp-", f".{out.name}.old-"):
        for stale in out.parent.glob(prefix + "*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)


def _swap(new: Path, out: Path) -> None:
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
