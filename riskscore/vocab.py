"""The method's vocabulary in one place: choices, defaults and the checks where they enter.

Every module that accepts a scenario, aggregation, missing-data rule or threshold takes the
names and defaults from here, and every public entry point calls ``check_choice`` so an
unknown value stops with a clear message instead of falling through (METHODOLOGY.md 9).
"""

from __future__ import annotations

import math

from .errors import UsageError

# Art. 2(h): a serious crime is punishable by a maximum of at least four years.
DEFAULT_THRESHOLD = 4.0
# What-if thresholds the reports compare with; never an uncertainty factor (art. 2(h) fixes 4).
WHAT_IF_THRESHOLDS = (3.0, 5.0)

SCENARIOS = ("current", "latent", "reported")
AGGREGATIONS = ("geometric", "arithmetic")
MISSING_RULES = ("catalogue", "skip_and_reweight", "latest_earlier_year")
BOUNDS = ("catalogue", "alternative")

# The pillar ids the method itself needs (the catalogue may name and weigh them).
LEGAL = "legal_reach"
ENGAGEMENT = "convention_engagement"
PILLARS_FROM_INDICATORS = ("safeguard_deficit", "repression_climate")
REQUIRED_PILLARS = (LEGAL, *PILLARS_FROM_INDICATORS, ENGAGEMENT)

# A state's standing in the ranking (METHODOLOGY.md section 9): one class; a range of
# classes; or too little known to be placed at all.
RANKED, RANGE, TOO_LITTLE = "ranked", "range", "too_little_known"
STANDINGS = (RANKED, RANGE, TOO_LITTLE)

# Offence rows whose id starts so are absences inferred from a survey (METHODOLOGY.md 6.1).
SURVEY_ROW_PREFIX = "survey:"


def check_choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    """``value`` if it is one of ``allowed``; else a UsageError naming the choices."""
    if value not in allowed:
        raise UsageError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def check_threshold(threshold: float) -> float:
    """A threshold is a finite, positive number of years."""
    try:
        t = float(threshold)
    except (TypeError, ValueError):
        raise UsageError(f"threshold must be a number of years, not {threshold!r}") from None
    if not (t > 0 and math.isfinite(t)):
        raise UsageError(f"threshold must be a positive, finite number of years, not {t!r}")
    return t

# The requested state's shields (METHODOLOGY.md 14): what its mutual-legal-assistance law
# demands before it executes a foreign request, and the values each feature can take.
SHIELD_VALUES = {
    "dual_criminality": ("all", "coercive", "discretionary", "none"),
    "political_offence": ("mandatory", "discretionary", "none"),
    "human_rights_ground": ("mandatory", "discretionary", "none"),
    "judicial_authorisation": ("yes", "no"),
    "notification_remedy": ("yes", "no"),
}
UNKNOWN = "unknown"  # a feature searched for and not found: a cited search note
