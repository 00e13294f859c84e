"""Command-line interface: a thin layer over the library. Only this module imports click."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from . import __version__, paths
from .errors import RiskscoreError, ValidationFailed


def _data_options(f):
    f = click.option("--indicators", "indicators_dir", type=click.Path(path_type=Path),
                     default=None, help="Indicator catalogue folder (default: the shipped one).")(f)
    f = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                     help="Country data folder (default: the shipped one).")(f)
    return f


def _friendly(f):
    """Turn domain errors into messages and exit codes; never show a traceback."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except ValidationFailed as exc:
            click.echo(exc.report(), err=True)
            click.echo(f"error: {exc}; nothing was written.", err=True)
            sys.exit(exc.exit_code)
        except RiskscoreError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except Exception as exc:  # a bug: say so briefly, keep the traceback for debugging
            if os.environ.get("RISKSCORE_DEBUG"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                       "Please report it; set RISKSCORE_DEBUG=1 to see the traceback.", err=True)
            sys.exit(3)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="riskscore")
def main() -> None:
    """Score each state's exposure to abuse of the UN Convention against Cybercrime."""


@main.command()
@_data_options
@_friendly
def validate(data_dir: Path | None, indicators_dir: Path | None) -> None:
    """Check the country data and indicator catalogue; list every problem at once.

    Exits 0 when the data are clean and 1 when they are not.
    """
    from .load import load

    ds = load(data_dir, indicators_dir)
    click.echo(f"ok: {ds.data_dir} and {ds.indicators_dir} are valid "
               f"({len(ds.countries)} countries, {len(ds.observations)} observations, "
               f"{len(ds.offences)} offence rows)")


@main.command()
@_data_options
@click.option("--offences", "show_offences", is_flag=True,
              help="Also print the signatory x category grid of known/unknown penalties.")
@_friendly
def coverage(data_dir: Path | None, indicators_dir: Path | None, show_offences: bool) -> None:
    """Print how many states each table and indicator covers."""
    from .coverage import indicator_coverage, offence_coverage, share_fully_covered, table_coverage
    from .load import load

    ds = load(data_dir, indicators_dir)
    click.echo(table_coverage(ds).to_string(index=False))
    click.echo("")
    click.echo(indicator_coverage(ds).to_string(index=False))
    grid = offence_coverage(ds)
    full, cells = share_fully_covered(grid)
    click.echo("")
    click.echo(f"offence penalties, signatories x categories: {cells:.0%} of cells known; "
               f"{full:.0%} of {len(grid)} signatories fully covered")
    if show_offences:
        click.echo(grid.replace({"known": "+", "unknown": "."}).to_string())


@main.command(name="import")
@click.argument("kind", type=click.Choice(["groups", "population", "rsf", "vdem", "fiw",
                                           "offences", "convention"]))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Country data folder to write (default: the shipped one).")
@_friendly
def import_(kind: str, files: tuple[Path, ...], data_dir: Path | None) -> None:
    """Import a publisher's FILES into the country data tables.

    KIND is one of groups, population, rsf, vdem, fiw, offences, convention. Each writes only
    its own rows, after checking them; see country_data/README.md for the exact commands.
    """
    from .importers import IMPORTERS

    target = data_dir if data_dir is not None else paths.default_data_dir()
    result = IMPORTERS[kind](list(files), target)
    click.echo(f"{kind}: wrote {result.rows_written} rows to {result.table}")
    for note in result.skipped:
        click.echo(f"  left out: {note}")
