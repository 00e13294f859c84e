"""riskscore: exposure of each state's population to abuse of the UN Convention against
Cybercrime, from sourced, validated indicator data.

Notebook use::

    import riskscore
    ds = riskscore.load()            # validated tables (pandas DataFrames)
"""

from .errors import Problem, RiskscoreError, UsageError, ValidationFailed
from .load import Dataset, load

__version__ = "0.1.0"

__all__ = ["Dataset", "Problem", "RiskscoreError", "UsageError", "ValidationFailed", "load",
           "__version__"]
