"""riskscore: exposure of each state's population to abuse of the UN Convention against
Cybercrime, from sourced, validated indicator data.

Notebook use::

    import riskscore
    ds = riskscore.load()            # validated tables (pandas DataFrames)
    riskscore.score(ds)              # exposure per state, with bounds (METHODOLOGY.md)
    riskscore.explain(ds, "BLR")     # one state's decomposition
    riskscore.audit(ds, runs=1000)   # uncertainty, sensitivity, effective weights
    riskscore.pairs(ds, requesting="RUS")   # cross-border exposure, state by state
    riskscore.diff(old_ds, ds)       # what changed since the last edition, and why

The functions live in modules with other names (``loading``, ``scoring``, ``explanation``,
``analysis``, ``crossborder``), so ``riskscore.score`` is always the function. They are
imported on first use: ``riskscore --help`` must not pay for pandas and scipy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "load": "loading", "Dataset": "loading", "score": "scoring", "explain": "explanation",
    "audit": "analysis", "pairs": "crossborder", "diff": "changes", "Weights": "weights",
    "Problem": "errors",
    "RiskscoreError": "errors", "UsageError": "errors", "ValidationFailed": "errors",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .analysis import audit
    from .changes import diff
    from .crossborder import pairs
    from .errors import Problem, RiskscoreError, UsageError, ValidationFailed
    from .explanation import explain
    from .loading import Dataset, load
    from .scoring import score
    from .weights import Weights


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'riskscore' has no attribute {name!r}")


__all__ = ["Dataset", "Problem", "RiskscoreError", "UsageError", "ValidationFailed", "Weights",
           "audit", "diff", "explain", "load", "pairs", "score", "__version__"]
