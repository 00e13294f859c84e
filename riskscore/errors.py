"""Domain errors. Every message names what is wrong and how to fix it.

The CLI turns these into a clean message and an exit code; no traceback reaches the user.
Exit codes: 1 = the input data are invalid or unreadable, 2 = the command was used wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    ``row`` is the line number in the file as a spreadsheet or editor shows it (the header
    is line 1), or ``None`` when the problem concerns the whole file or column.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        col = f" {self.column}:" if self.column else ""
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"{where}:{col} {self.message}{fix}"


class RiskscoreError(Exception):
    """Base class: anything the user can fix by changing their input or command."""

    exit_code = 1


class UsageError(RiskscoreError):
    """The command or API was called with arguments that cannot work."""

    exit_code = 2


class ValidationFailed(RiskscoreError):
    """The data failed validation. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} found in the input data")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _problem_order(p: Problem) -> tuple:
    return (p.file, p.row if p.row is not None else -1, p.column or "", p.message)
