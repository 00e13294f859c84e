"""Command-line interface: a thin layer over the library. Only this module imports click."""

from __future__ import annotations

import functools
import math
import os
import re
import signal
import sys
from pathlib import Path

import click

from . import __version__, paths
from .errors import RiskscoreError, ValidationFailed
from .vocab import DEFAULT_THRESHOLD, SCENARIOS


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
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: outputs are atomic, so nothing is half
            click.echo("interrupted: nothing was written (earlier outputs are intact)", err=True)
            sys.exit(130)
        except OSError as exc:  # the environment, not riskscore: a path, permissions, a disk
            where = f" {exc.filename}" if exc.filename else ""
            click.echo(f"error: cannot use{where}: {exc.strerror or exc} (the file system "
                       "refused; check the path, its permissions and free space); earlier "
                       "outputs are intact", err=True)
            sys.exit(1)
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
    """Score each state's exposure to abuse of the UN Convention against Cybercrime.

    Exit codes: 0 done; 1 invalid data or an environment problem (path, permissions, disk);
    2 a command used wrongly; 3 a defect in riskscore (please report it); 4 the audit lists
    problems to review; 130 interrupted.

    Every command takes --data DIR and --indicators DIR (default: the shipped folders),
    validates first and writes nothing if anything is wrong.
    """
    try:  # Ctrl-C and a stopped job end the same way, wherever the run is
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        pass


def _interrupt(signum, frame) -> None:
    """End the run with exit code 130. SystemExit unwinds through every ``finally``, so
    temporary files and folders are removed and earlier outputs stay as they were."""
    click.echo("interrupted: nothing was written (earlier outputs are intact)", err=True)
    sys.exit(130)


def _finite(ctx, param, value):
    """A number option must be a finite number ('inf' and 'nan' parse as floats)."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a finite number of years")
    return value


@main.command()
@_data_options
@_friendly
def validate(data_dir: Path | None, indicators_dir: Path | None) -> None:
    """Check the country data and indicator catalogue and list every problem at once, as
    file:line: column: what is wrong (fix: ...). Exit 0 when clean, 1 when not.
    """
    from .loading import load
    from .quality import recodified, secondary_only

    ds = load(data_dir, indicators_dir)
    click.echo(f"ok: {ds.data_dir} and {ds.indicators_dir} are valid "
               f"({len(ds.countries)} countries, {len(ds.observations)} observations, "
               f"{len(ds.offences)} offence rows)")
    warnings = secondary_only(ds.offences) + recodified(ds.offences, ds.recodifications)
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    if warnings:
        click.echo(f"{len(warnings)} warning(s): the data are valid; these rows deserve a "
                   "better source or a check against the current code", err=True)


@main.command()
@_data_options
@click.option("--offences", "show_offences", is_flag=True,
              help="Also print, per target state and offence category, whether a cited value "
                   "is known, and what remains unknown.")
@click.option("--priorities", "show_priorities", is_flag=True,
              help="Also print the unknown state x category cells whose research would "
                   "narrow the score intervals most (states whose standing could change "
                   "first).")
@click.option("--top", type=click.IntRange(min=1), default=40, show_default=True,
              help="How many cells --priorities lists.")
@_friendly
def coverage(data_dir: Path | None, indicators_dir: Path | None, show_offences: bool,
             show_priorities: bool, top: int) -> None:
    """How many states each table and indicator covers, and the share of signatory,
    target-state and all-state x offence-category cells that hold a cited value, against
    the research targets (90% of signatory cells, 75% of all-state cells).

    --offences prints the grid for every signatory, G20 member and RSF "very serious" state
    (V cited value, ? maximum not found, s searched without result, . not yet searched);
    --priorities the unknown cells whose research would narrow the score intervals most.
    """
    from .coverage import (
        SYMBOLS,
        coverage_summary,
        indicator_coverage,
        offence_cells,
        remaining_unknown,
        table_coverage,
        target_states,
        unsearched_in_lowest_classes,
    )
    from .loading import load
    from .scoring import score

    ds = load(data_dir, indicators_dir)
    click.echo(table_coverage(ds).to_string(index=False))
    click.echo("")
    click.echo(indicator_coverage(ds).to_string(index=False))

    targets = target_states(ds)
    grid = offence_cells(ds, list(targets["iso3"]))
    click.echo("")
    for row in coverage_summary(ds).itertuples(index=False):
        goal = ("" if not row.target > 0 else  # NaN: no target for this population
                f"; target {row.target:.0%} {'met' if row.met else 'NOT met'}")
        share = (f"{row.with_value:.1%} of cells hold a cited value"
                 if row.categories == "scored" else
                 f"{row.researched:.1%} of cells researched (value or search note), "
                 f"{row.with_value:.1%} with a value")
        click.echo(f"offence penalties, {row.cells} x {row.categories} categories "
                   f"({row.states} x {row.n_categories}): {share}; {row.fully_covered:.0%} of "
                   f"states fully covered{goal}")
    gaps = unsearched_in_lowest_classes(ds, score(ds))
    click.echo(f"speech and assembly cells never searched in states of the two lowest "
               f"classes: {len(gaps)}" + (" (" + ", ".join(
                   f"{r.iso3} {r.category}" for r in gaps.itertuples()) + ")" if len(gaps)
                   else ""))
    if show_offences:
        click.echo("")
        click.echo("V cited value (penalty, or cited 'not criminalised'); ? criminalised, "
                   "maximum not found; s searched, nothing found; . not yet searched")
        shown = grid.replace(SYMBOLS)
        shown.insert(0, "why", targets.set_index("iso3")["why"])
        click.echo(shown.to_string())
        click.echo("")
        click.echo("Still without a cited value:")
        click.echo(remaining_unknown(grid).to_string(index=False))
    if show_priorities:
        from .priorities import priorities

        p = priorities(ds).head(top)
        click.echo("")
        click.echo(f"What to research next: the {len(p)} unknown cells whose knowledge narrows "
                   "the exposure interval most (points, averaged over the cell's feasible "
                   "values); states whose standing could change first")
        shown = p.assign(exposure=[f"{lo:.1f}-{hi:.1f}" for lo, hi in
                                   zip(p["exposure_lower"], p["exposure_upper"], strict=True)],
                         narrowing=p["narrowing"].round(1))
        click.echo(shown[["iso3", "name", "category", "status", "standing", "exposure",
                          "narrowing"]].to_string(index=False))


@main.command()
@click.argument("old_dir", type=click.Path(path_type=Path))
@click.argument("new_dir", type=click.Path(path_type=Path), required=False)
@click.option("--indicators", "indicators_dir", type=click.Path(path_type=Path), default=None,
              help="Indicator catalogue used for both (default: the shipped one).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (atomically) instead of printing.")
@_friendly
def diff(old_dir: Path, new_dir: Path | None, indicators_dir: Path | None, fmt: str,
         out: Path | None) -> None:
    """What changed between two editions of the data (OLD_DIR, and NEW_DIR or the shipped
    data): per state, exposure and class before and after, and the inputs that moved it
    (indicator values, offence rows added or removed, convention status).
    """
    import pandas as pd

    from . import output
    from .changes import diff as changes
    from .loading import load

    old = load(old_dir, indicators_dir)
    new = load(new_dir, indicators_dir)
    frame = changes(old, new)
    if fmt == "csv":
        text = output.to_csv(frame)
    elif fmt == "json":
        text = output.to_json({"changes": output.records(frame)})
    else:
        lines = [f"{len(frame)} states changed between {old.data_dir} and {new.data_dir}", ""]
        for r in frame.to_dict("records"):
            before, after = (f"{r[c]:.1f}" if pd.notna(r[c]) else "-"
                             for c in ("exposure_old", "exposure_new"))
            lines.append(f"{r['iso3']}  {r['name']}: {before} -> {after}")
            if r["what_changed"]:
                lines += ["     " + part for part in r["what_changed"].split("; ")]
        text = "\n".join(lines) + "\n"
    output.write_or_print(text, out, click.echo)


@main.command(name="import")
@click.argument("kind", type=click.Choice(["groups", "population", "rsf", "vdem", "fiw",
                                           "offences", "convention", "unhcr", "shields",
                                           "tnr", "recodifications", "map"]))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Country data folder to write (default: the shipped one).")
@click.option("--indicators", "indicators_dir", type=click.Path(path_type=Path), default=None,
              help="Indicator catalogue the folder is validated against (default: the "
                   "shipped one).")
@click.option("--annotations", type=click.Path(path_type=Path), default=None,
              help="offences only: the fields read out of the curated notes "
                   "(country_data/curation/offence_annotations.csv).")
@click.option("--surveys", type=click.Path(path_type=Path), default=None,
              help="offences only: surveys listing every state with a kind of law "
                   "(country_data/curation/absence_surveys.csv); omitted UN members become "
                   "cited 'not criminalised' rows.")
@click.option("--survey-listed", "survey_listed", type=click.Path(path_type=Path),
              default=None, help="offences only: the states each survey lists "
                                 "(country_data/curation/absence_listed.csv).")
@click.option("--source-hosts", "source_hosts", type=click.Path(path_type=Path),
              default=None, help="offences only: how each cited host is rated (statute, "
                                 "official, ... secondary copy; "
                                 "country_data/curation/source_hosts.csv).")
@_friendly
def import_(kind: str, files: tuple[Path, ...], data_dir: Path | None,
            indicators_dir: Path | None, annotations: Path | None, surveys: Path | None,
            survey_listed: Path | None, source_hosts: Path | None) -> None:
    """Rebuild a country_data table from a publisher's FILES (groups, population, rsf,
    vdem, fiw, offences, convention, unhcr) or riskscore's cited research (shields: the
    requested states' mutual-legal-assistance law; tnr: Freedom House's transnational-
    repression findings; recodifications: criminal codes replaced since rows cited them);
    see country_data/README.md.

    The import is a transaction: it runs on a copy of the data folder, the whole copy is
    validated (every table and cross-table rule), and it replaces the folder in one step only
    if the import added no problem; otherwise nothing changes.
    """
    from .importers import IMPORTERS

    target = data_dir if data_dir is not None else paths.default_data_dir()
    given = [o for o, v in (("--annotations", annotations), ("--surveys", surveys),
                            ("--survey-listed", survey_listed),
                            ("--source-hosts", source_hosts)) if v is not None]
    if given and kind != "offences":
        from .errors import UsageError

        raise UsageError(f"{', '.join(given)} go(es) with 'import offences' only")
    extra = ({"annotations": annotations, "surveys": surveys, "listed": survey_listed,
              "source_hosts": source_hosts} if kind == "offences" else {})
    from .importers.transaction import run_import

    meta = indicators_dir if indicators_dir is not None else paths.default_indicators_dir()
    result = run_import(IMPORTERS[kind], list(files), target, meta, **extra)
    click.echo(f"{kind}: wrote {result.rows_written} rows to {result.table}")
    for note in result.skipped:
        click.echo(f"  left out: {note}")
    for note in result.notes:
        click.echo(f"  kept: {note}")


def _scoring_options(f):
    f = click.option("--threshold", type=click.FloatRange(min=0, min_open=True),
                     callback=_finite,
                     default=DEFAULT_THRESHOLD,
                     show_default=True,
                     help="Serious-crime threshold in years of maximum imprisonment "
                          "(art. 2(h) says 4); try 3 or 5 for 'what if'.")(f)
    f = click.option("--weights", "weights_file", type=click.Path(path_type=Path), default=None,
                     help="CSV of replacement weights: kind,id,weight,rationale "
                          "(kind = pillar, indicator or category).")(f)
    return f


SCORE_COLUMNS = ["rank", "iso3", "name", "class", "exposure", "legal_reach",
                 "safeguard_deficit", "repression_climate", "convention_engagement",
                 "reliability"]


@main.command()
@_data_options
@_scoring_options
@click.option("--scenario", type=click.Choice(list(SCENARIOS)), default="current",
              show_default=True,
              help="current: each state's convention status as confirmed; latent: as if "
                   "every state had ratified; reported: unconfirmed ratification reports "
                   "taken at their word.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--region", default=None,
              help="Only states in this UN M49 region or sub-region (e.g. Africa, "
                   "'Western Asia').")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (atomically) instead of printing.")
@_friendly
def score(data_dir, indicators_dir, threshold, weights_file, scenario, fmt, region, out):
    """Exposure 0-100 per state, each pillar, and the bounds the offence categories not yet
    known allow. A state is ranked in one class when its whole range lies in it, listed with
    a range of classes when not, and "too little known" when cited research settles less
    than a quarter of the categories: never ranked or coloured as safe on missing data.

    --threshold 3 asks "what if serious crime began at 3 years"; --scenario latent scores
    every state as if it had ratified, --scenario reported takes unconfirmed ratification
    reports at their word. CSV output is safe to open in a spreadsheet.
    """
    from . import output, scoring
    from .errors import UsageError
    from .loading import load
    from .summary import group_summary, population_exposed

    ds = load(data_dir, indicators_dir)
    if out is not None:
        paths.refuse_output_inside(out, data_dir, indicators_dir)
    frame = scoring.score(ds, weights=weights_file, threshold=threshold, scenario=scenario)
    if region:
        pick = (frame["region"].str.lower() == region.lower()) | \
            (frame["subregion"].str.lower() == region.lower())
        if not pick.any():
            known = sorted(set(frame["region"].dropna()) | set(frame["subregion"].dropna()))
            raise UsageError(f"no state in region {region!r}; use one of: {', '.join(known)}")
        frame = frame[pick]
    params = f"threshold {threshold:g} years, scenario {scenario}, aggregation geometric"
    if fmt == "csv":
        text = output.to_csv(frame)
    elif fmt == "json":
        text = output.to_json({
            "parameters": frame.attrs, "states": output.records(frame),
            "population_exposed": output.records(population_exposed(frame, ds.classes)),
            "regions": output.records(group_summary(frame, "region", ds.classes)),
            "income_groups": output.records(group_summary(frame, "income_group", ds.classes)),
        })
    else:
        # A terminal's width (COLUMNS, else the terminal, else 120); a file gets 120 so the
        # same data always write the same bytes.
        import shutil

        width = 120 if out is not None else shutil.get_terminal_size((120, 24)).columns
        text = _score_table(frame, ds, params, max(width, 60))
    output.write_or_print(text, out, click.echo)


def _people_table(pop, names: dict[str, str]) -> str:
    out = pop.assign(**{"class": pop["class"].map(names)})
    out = out.rename(columns={"states_in_class": "states", "states_at_or_above_lowest":
                              "at/above, fewest", "states_at_or_above_highest":
                              "at/above, most", "population_at_or_above_lowest":
                              "people, fewest", "population_at_or_above_highest":
                              "people, most", "states_without_population": "no population"})
    return out.to_string(index=False, formatters={c: "{:,}".format for c in
                                                  ("people, fewest", "people, most")})


def _group_table(groups) -> str:
    out = groups.round(1).rename(columns={
        "income_group": "income group", "median_exposure": "median",
        "population_weighted_exposure": "people-weighted",
        "population_high_or_above_lowest": "people high+, fewest",
        "population_high_or_above_highest": "people high+, most"})
    return out.to_string(index=False, formatters={c: "{:,}".format for c in
                                                  ("people high+, fewest",
                                                   "people high+, most")})


# Columns left out, in this order, when a terminal is too narrow for the whole table.
DROP_TO_FIT = ("climate", "courts", "legal", "status", "reliab.")
SHORT_HEADERS = {"legal_reach": "legal", "safeguard_deficit": "courts",
                 "repression_climate": "climate", "convention_engagement": "status",
                 "reliability": "reliab."}


def _score_table(frame, ds, params: str, width: int = 120) -> str:
    import textwrap

    import pandas as pd

    from .summary import group_summary, population_exposed

    names = dict(zip(ds.classes["id"], ds.classes["name"], strict=True))

    def span(point, lo, hi) -> str:
        if pd.isna(point) and pd.isna(lo):
            return "missing"
        if pd.isna(lo) or hi - lo < 0.05:
            return f"{point:.1f}"
        return f"{'?' if pd.isna(point) else f'{point:.1f}'} ({lo:.1f}-{hi:.1f})"

    shown = frame[SCORE_COLUMNS + ["flag"]].copy()
    shown["exposure"] = [span(p, lo, hi) for p, lo, hi in zip(
        frame["exposure"], frame["exposure_lower"], frame["exposure_upper"], strict=True)]
    for col in ("legal_reach", "safeguard_deficit", "repression_climate",
                "convention_engagement"):
        shown[col] = shown[col].map(lambda v: "missing" if pd.isna(v) else f"{v:.1f}")
    shown["reliability"] = shown["reliability"].map(lambda v: f"{v:.0%}")
    shown["rank"] = [("-" if pd.isna(r) else str(r) if b == w else f"{r} ({b}-{w})")
                     for r, b, w in zip(frame["rank"], frame["rank_best"],
                                        frame["rank_worst"], strict=True)]
    shown["class"] = [names[c] if isinstance(c, str) else
                      (f"{names[lo]} to {names[hi]}" if isinstance(lo, str) else "-")
                      for c, lo, hi in zip(frame["class"], frame["class_lower"],
                                           frame["class_upper"], strict=True)]
    standing = frame["standing"].to_numpy()
    one, many, few = standing == "ranked", standing == "range", standing == "too_little_known"
    # Short headers keep a line within a terminal; the legend above says what they mean.
    shown = shown.rename(columns=SHORT_HEADERS)
    def table(rows) -> str:
        """The rows as aligned text no wider than ``width``: when they would not fit, names
        are shortened the same way every time (kept whole up to the room left, then cut
        with an ellipsis); codes and numbers are never cut."""
        rows = rows.drop(columns=["flag"])
        name_width = int(rows["name"].str.len().max())

        def others_width(r) -> int:
            return max(map(len, r.drop(columns=["name"]).to_string(index=False)
                           .splitlines())) + 1

        # Too narrow even with short names: leave out pillar columns, least needed first.
        for col in DROP_TO_FIT:
            if others_width(rows) + 10 <= width or col not in rows:
                break
            rows = rows.drop(columns=[col])
        room = max(10, min(name_width, width - others_width(rows)))

        def fit(v: str) -> str:
            return (v if len(v) <= room else v[:room - 1] + "\u2026").ljust(room)

        return rows.to_string(index=False, formatters={"name": fit},
                              header=[f"{'name':<{room}}" if c == "name" else c
                                      for c in rows.columns])

    flagged = "\n".join(
        f"{r['iso3']}  {r['name']}: {r['exposure']}, reliability {r['reliab.']}\n"
        + textwrap.fill(r["flag"].replace("too little known: ", ""), min(width, 100) - 4,
                        initial_indent="     ", subsequent_indent="     ")
        for r in shown[few].to_dict("records"))
    legend = ("Scores 0-100, higher = more exposed (columns that do not fit the terminal "
              "are left out; --format csv has them all). In brackets: the range the unknown "
              "offence categories allow, and the ranks it allows. Pillars: legal = legal "
              "reach, courts = safeguard deficit, climate = repression climate, status = "
              "convention engagement; reliab. = share of the data pillars' weight backed by "
              "researched data.")
    parts = [textwrap.fill(f"Exposure to abuse of the UN Convention against Cybercrime "
                           f"({params})", min(width, 100)),
             textwrap.fill(legend, min(width, 100)), "",
             f"Ranked, whole range within one class: {int(one.sum())} states", "",
             table(shown[one]) if one.any() else "(none)", "",
             f"Listed with a range of classes (unknown categories could move them): "
             f"{int(many.sum())} states", "",
             table(shown[many]) if many.any() else "(none)", "",
             f"Too little known to place (never treated as safe): {int(few.sum())} states", "",
             flagged or "(none)", "",
             "People living in states of each class or above (lowest-highest the ranges "
             "allow):",
             _people_table(population_exposed(frame, ds.classes), names), "",
             "By region (placed states; people in states of high class or above):",
             _group_table(group_summary(frame, "region", ds.classes)), "",
             "By World Bank income group (placed states):",
             _group_table(group_summary(frame, "income_group", ds.classes))]
    return "\n".join(parts) + "\n"


@main.command()
@_data_options
@_scoring_options
@click.option("--from", "requesting", default=None, metavar="ISO3",
              help="Only pairs in which this state asks (the requesting state).")
@click.option("--to", "requested", default=None, metavar="ISO3",
              help="Only pairs in which this state is asked (the requested state).")
@click.option("--scenario", type=click.Choice(list(SCENARIOS)), default="current",
              show_default=True, help="current: parties as recorded (unconfirmed reports "
                                      "at the last confirmed level); latent: as if both had "
                                      "ratified; reported: reports taken at their word.")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Only the N pairs of highest possible risk (table: 30 by default).")
@click.option("--runs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Uncertainty runs behind each pair's 5-95%% risk interval (0: none).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of those runs.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (atomically) instead of printing.")
@_friendly
def pairs(data_dir, indicators_dir, threshold, weights_file, requesting, requested, scenario,
          top, runs, seed, fmt, out):
    """Cross-border exposure for every ordered pair of states: can requesting state R reach
    a person living in requested state Q, for which protected conduct, and how many people
    from R live in Q (UNHCR). Risk 0-100 as proven-possible bounds; the categories that pass
    Q's dual-criminality shield; headline counts of people within reach.
    """
    from . import crossborder, output
    from .loading import load

    ds = load(data_dir, indicators_dir)
    if out is not None:
        paths.refuse_output_inside(out, data_dir, indicators_dir)
    frame = crossborder.pairs(ds, weights_file, threshold, scenario, requesting, requested,
                              runs=runs, seed=seed)
    if top is not None or fmt == "table":
        frame = frame.head(top or 30)
    h = crossborder.headlines(ds, crossborder.pair_arrays(ds, weights_file, threshold,
                                                          scenario))
    if fmt == "csv":
        text = output.to_csv(frame)
    elif fmt == "json":
        text = output.to_json({
            "parameters": frame.attrs, "limits": crossborder.limits_note(ds),
            "pairs": output.records(frame),
            "headline": {k: v for k, v in h.items() if not isinstance(v, type(frame))},
            "hosts": output.records(h["hosts"]),
            "requesting_states": output.records(h["requesting_states"])})
    else:
        text = "\n".join([
            f"Cross-border exposure ({scenario}, threshold {threshold:g} years): risk 0-100 "
            "as proven-possible; people = refugees, asylum-seekers and others in need of "
            "protection from the requesting state living in the requested one (UNHCR).",
            f"Worldwide: {h['people_reachable_proven']:,}-{h['people_reachable_possible']:,} "
            f"of {h['people_in_state_pairs']:,} people (of {h['people_total_unhcr']:,} counted "
            "by UNHCR) live in a state their state of origin could ask for their data.",
            crossborder.limits_note(ds),
            "",
            frame.assign(risk=[f"{lo:.1f}-{hi:.1f}" for lo, hi in zip(
                frame["risk_proven"], frame["risk_possible"], strict=True)])[
                ["requesting", "requested", "risk", "people", "passing",
                 "not_criminal_in_requested"]].to_string(index=False)]) + "\n"
    output.write_or_print(text, out, click.echo)


@main.command()
@click.argument("iso3")
@_data_options
@_scoring_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_friendly
def explain(iso3, data_dir, indicators_dir, threshold, weights_file, fmt):
    """Why ISO3 scores what it does: each pillar and indicator's part, the offences that
    count as serious crimes (statute, penalty, source), the convention articles they open,
    what is unknown and which unknown categories could move the score most.
    """
    import dataclasses

    from . import output
    from .explanation import explain as explain_fn
    from .loading import load

    ds = load(data_dir, indicators_dir)
    ex = explain_fn(ds, iso3, weights=weights_file, threshold=threshold)
    if fmt == "json":
        click.echo(output.to_json(dataclasses.asdict(ex)).rstrip("\n"))
    else:
        from .explain_text import render_text

        click.echo(render_text(ex))


def _progress(label_prefix: str):
    """A progress bar on stderr for long runs (hidden when stderr is not a terminal)."""

    def progress(items, label):
        items = list(items)
        with click.progressbar(items, label=f"{label_prefix} {label}", file=sys.stderr,
                               show_pos=True) as bar:
            yield from bar

    return progress


@main.command()
@click.argument("iso3s", metavar="[ISO3]...", nargs=-1)
@click.option("--all", "all_states", is_flag=True,
              help="Every scored state; with --format html, the whole static site "
                   "(index, country pages, methodology, sources).")
@_data_options
@_scoring_options
@click.option("--format", "fmt", type=click.Choice(["html", "md", "pdf", "json"]),
              default="html", show_default=True, help="Output format.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("riskscore-site"),
              show_default=True, help="Folder to write into; a site folder is replaced whole "
                                      "and atomically.")
@click.option("--audit-runs", type=click.IntRange(min=0), default=None,
              help="Uncertainty runs behind the rank intervals and claim shares shown in "
                   "reports (0: leave them out). Default: 1000 with --all, 0 otherwise.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of those runs.")
@click.option("--site-url", default=None, metavar="URL",
              help="PDF briefings: make their links absolute to the site published at this "
                   "address (https://...); without it they carry no links.")
@_friendly
def report(iso3s, all_states, data_dir, indicators_dir, threshold, weights_file, fmt, out,
           audit_runs, seed, site_url):
    """Country risk reports (HTML, Markdown, PDF, JSON): riskscore report BLR TUR, or --all
    for a static site (sortable ranking, map of classes, one page per state, methodology,
    sources). Pages are self-contained and work offline; the site is replaced atomically.
    """
    from .errors import UsageError
    from .loading import load
    from .report import build_site, report_data, write_countries

    if bool(iso3s) == all_states:
        raise UsageError("give ISO3 codes or --all (not both)")
    if site_url is not None and not re.match(r"^https?://[^\s\"'<>]+$", site_url):
        raise UsageError(f"--site-url must be an http(s) address, not {site_url!r}")
    ds = load(data_dir, indicators_dir)
    if out is not None:
        paths.refuse_output_inside(out, data_dir, indicators_dir)
    audit_result = None
    if audit_runs is None:
        audit_runs = 1000 if all_states else 0
    # The audit's runs describe the ranking at the 4-year threshold of art. 2(h) only.
    if audit_runs and threshold == DEFAULT_THRESHOLD:
        from . import analysis

        # Sensitivity is skipped here: pages show rank intervals and claim shares, which
        # come from the uncertainty runs; `riskscore audit` gives the full audit.
        audit_result = analysis.audit(ds, runs=audit_runs, seed=seed, weights=weights_file,
                                sensitivity=False)
    rd = report_data(ds, weights_file, threshold, audit_result)
    progress = _progress("report")
    if all_states and fmt == "html":
        written = build_site(rd, out, progress)
        click.echo(f"wrote the site: {written.countries} country pages and index, methodology "
                   f"and sources pages ({written.files} files) to {written.folder}; "
                   f"open {written.folder / 'index.html'}")
        return
    codes = list(rd.kernel.p.states) if all_states else list(iso3s)
    written = write_countries(rd, codes, fmt, out, progress, site_url=site_url)
    click.echo(f"wrote {written.files} {fmt} report{'s' if written.files != 1 else ''} "
               f"to {written.folder}")


@main.command()
@_data_options
@click.option("--runs", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Monte Carlo runs of the uncertainty analysis.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Random seed; the same seed gives identical results.")
@click.option("--sobol-n", type=click.IntRange(min=0), default=1024, show_default=True,
              help="Base sample size of the Sobol sensitivity analysis (a power of 2; "
                   "0 skips it).")
@click.option("--weights", "weights_file", type=click.Path(path_type=Path), default=None,
              help="Weights file (kind,id,weight,rationale) replacing catalogue weights.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder to write audit.txt, audit.json or audit.html into (atomically).")
@_friendly
def audit(data_dir, indicators_dir, runs, seed, sobol_n, weights_file, fmt, out):
    """The statistical audit (JRC standard), varying weights, method choices and the
    unknown offence categories: rank intervals and class probabilities, Sobol sensitivity,
    effective vs nominal weights, coherence, class stability, and what missing data do to
    the ranking. Exit 0 when clean, 4 when it lists problems to review.
    """
    from . import analysis, output
    from .analysis.text import audit_json, audit_text
    from .loading import load
    from .report.audit_page import audit_html

    ds = load(data_dir, indicators_dir)
    if out is not None:
        paths.refuse_output_inside(out, data_dir, indicators_dir)
    result = analysis.audit(ds, runs=runs, seed=seed, weights=weights_file, sobol_n=sobol_n,
                      sensitivity=sobol_n > 0, progress=_progress("audit"))
    text = {"table": audit_text, "json": audit_json, "html": audit_html}[fmt](result, ds)
    name = {"table": "audit.txt", "json": "audit.json", "html": "audit.html"}[fmt]
    output.write_or_print(text, None if out is None else out / name, click.echo)
    if result.problems:
        click.echo(f"audit: {len(result.problems)} problem(s) to review (see above)", err=True)
        sys.exit(4)
