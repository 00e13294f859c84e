"""One progress protocol for long runs: a callable that wraps an iterable with a label.

Library functions take ``progress: Progress = no_progress``; the CLI passes one that draws a
bar on stderr (cli._progress). Notebooks can pass e.g. ``lambda items, label: tqdm(items,
desc=label)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

Progress = Callable[[Iterable, str], Iterator]


def no_progress(items: Iterable, label: str) -> Iterator:
    """The default: iterate silently."""
    yield from items
