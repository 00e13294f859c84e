"""A cache of validated datasets, so commands on unchanged data answer at once.

Validation reads and checks every table (about a second, most of it pandera); its result
depends only on the bytes of the data and catalogue files and on riskscore's own code. The
cache key is a SHA-256 over exactly those (and the settings validation reads from the
environment), so a changed cell, file or version always validates again; a cached dataset
is one that passed validation. Invalid data are never cached.

Location: ``$RISKSCORE_CACHE_DIR``, else ``$XDG_CACHE_HOME/riskscore``, else
``~/.cache/riskscore``; ``RISKSCORE_CACHE_DIR=off`` turns it off. A cache that cannot be
read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import __version__
from .atomic import write_bytes

_PACKAGE = Path(__file__).resolve().parent
_ENV_SETTINGS = ("RISKSCORE_MAX_TABLE_MB",)


def cache_dir() -> Path | None:
    where = os.environ.get("RISKSCORE_CACHE_DIR")
    if where is not None:
        return None if where.strip().lower() in ("", "0", "off", "no") else Path(where)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "riskscore"


def key(*folders: Path) -> str | None:
    """SHA-256 over riskscore's version and code, the validation settings and every CSV
    file (name and bytes) directly in ``folders``; None (no caching) when a CSV entry is not
    a regular file or is over the size limit, so validation reports it without the cache
    ever reading it."""
    from .csvio import MAX_TABLE_BYTES, read_bounded

    h = hashlib.sha256(__version__.encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        h.update(source.relative_to(_PACKAGE).as_posix().encode())
        h.update(source.read_bytes())
    for name in _ENV_SETTINGS:
        h.update(f"{name}={os.environ.get(name, '')}".encode())
    for i, folder in enumerate(folders):
        h.update(f"folder {i}".encode())
        for f in sorted(Path(folder).glob("*.csv")):
            raw, _ = read_bounded(f, MAX_TABLE_BYTES)
            if raw is None:
                return None
            h.update(f.name.encode())
            h.update(raw)
    return h.hexdigest()


def load(digest: str | None):
    where = cache_dir()
    if where is None or digest is None:
        return None
    try:
        with open(where / f"{digest}.pickle", "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store(digest: str | None, value) -> None:
    where = cache_dir()
    if where is None or digest is None:
        return
    try:
        write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
                    where / f"{digest}.pickle")
    except OSError:
        pass  # a read-only home or a full disk must not stop a run
