"""Shared by the benchmarks: the best wall time of repeated runs."""

from __future__ import annotations

import time


def best_of(n: int, fn) -> float:
    """The shortest of ``n`` runs of ``fn``: the least disturbed by other work."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
