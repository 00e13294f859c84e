"""riskscore: exposure of each state's population to abuse of the UN Convention against
Cybercrime, from sourced, validated indicator data.

Notebook use::

    import riskscore
    ds = riskscore.load()            # validated tables (pandas DataFrames)
    riskscore.score(ds)              # exposure per state (METHODOLOGY.md)
    riskscore.explain(ds, "BLR")     # one state's decomposition
    riskscore.audit(ds, runs=1000)   # uncertainty, sensitivity, effective weights
"""

__version__ = "0.1.0"  # first: submodules import it while the package initialises

# The functions shadow their modules' names on the package (riskscore.score is the function);
# `from riskscore.score import ...` still reaches the module through sys.modules.
from .audit import audit
from .errors import Problem, RiskscoreError, UsageError, ValidationFailed
from .explain import explain
from .load import Dataset, load
from .score import score
from .weights import Weights

__all__ = ["Dataset", "Problem", "RiskscoreError", "UsageError", "ValidationFailed", "Weights",
           "audit", "explain", "load", "score", "__version__"]
