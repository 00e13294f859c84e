"""Where the shipped indicators, country data and templates live.

In a source checkout they are the top-level folders ``indicators/``, ``country_data/`` and
``reports/templates/``. A wheel carries copies under ``riskscore/_shipped/`` (see
pyproject.toml), which take precedence so an installed package never reads a stray checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SHIPPED = _PACKAGE / "_shipped"
_CHECKOUT = _PACKAGE.parent


def _pick(shipped: Path, checkout: Path) -> Path:
    return shipped if shipped.is_dir() else checkout


def default_data_dir() -> Path:
    return _pick(_SHIPPED / "country_data", _CHECKOUT / "country_data")


def default_indicators_dir() -> Path:
    return _pick(_SHIPPED / "indicators", _CHECKOUT / "indicators")


def templates_dir() -> Path:
    return _pick(_SHIPPED / "templates", _CHECKOUT / "reports" / "templates")


def refuse_output_inside(out: Path, data_dir: Path | None, indicators_dir: Path | None) -> None:
    """An output may not be written into the data or catalogue folders it was computed from
    (it could replace an input table). Raises UsageError naming the folder."""
    from .errors import UsageError

    target = Path(out).resolve()
    for folder in (data_dir or default_data_dir(), indicators_dir or default_indicators_dir()):
        f = Path(folder).resolve()
        if target == f or f in target.parents:
            raise UsageError(f"{out} lies inside the input folder {folder}; write outputs "
                             "elsewhere (e.g. --out out/scores.csv)")
