"""Write reports: single country files, or the whole static site, atomically.

Everything is rendered in memory first; only then is anything written. A site is built in a
temporary folder beside the target and swapped in with renames, so a failed run leaves the
previous site intact and a reader never sees half a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..atomic import replace_dir, write_bytes
from ..errors import UsageError
from ..progress import Progress, no_progress
from ..publication import publication
from . import render
from .context import (
    ReportData,
    country_context,
    index_context,
    methodology_context,
    sources_context,
)

FORMATS = ("html", "md", "pdf", "json")
# Written into every site folder; only a folder carrying it is ever replaced, so a mistyped
# --out can never delete somebody's own files.
MARKER = ".riskscore-site"
_ISO3 = re.compile(r"^[A-Z]{3}$")




@dataclass(frozen=True)
class Written:
    folder: Path
    files: int
    countries: int


def _file_name(iso3: str, ext: str) -> str:
    # Names come from validated ISO3 codes only, never from names or other text in data.
    if not _ISO3.match(iso3):
        raise UsageError(f"not an ISO3 code: {iso3!r}")
    return f"{iso3}.{ext}"


def render_country(rd: ReportData, iso3: str, fmt: str,
                   env=None, root: str = "../", site_url: str | None = None) -> bytes:
    """One state's report. PDF is the briefing (at most four A4 pages, METHODOLOGY.md 12):
    summary, why, offences, across borders, robustness, sources; its links are absolute to
    ``site_url`` or left out."""
    if fmt not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    env = env or render.environment(pub=publication(rd.dataset))
    ctx = country_context(rd, iso3)
    if fmt == "json":
        return render.to_json(ctx).encode("utf-8")
    if fmt == "md":
        return render.country_markdown(env, ctx).encode("utf-8")
    if fmt == "pdf":
        site = site_url.rstrip("/") + "/" if site_url else None
        return render.to_pdf(render.render_page(env, "briefing.html.j2", "", ctx.threshold,
                                                c=ctx, site=site))
    return render.country_html(env, ctx, root=root).encode("utf-8")


def write_countries(rd: ReportData, iso3s: list[str], fmt: str, out: Path,
                    progress: Progress = no_progress, site_url: str | None = None) -> Written:
    """One file per state (``ISO3.ext``) in the folder ``out``, all rendered before any is
    written and swapped in as one folder (all or nothing: a full disk or an interrupt leaves
    the earlier folder intact). For a single state, an ``out`` that ends in the format's
    extension (``nga.pdf``) is the file itself."""
    env = render.environment(pub=publication(rd.dataset))
    states = set(rd.kernel.p.states)
    unknown = [c for c in iso3s if c.upper() not in states]
    if unknown:
        raise UsageError(f"not a scored state: {', '.join(unknown)}; use ISO3 codes from "
                         "'riskscore score'")
    rendered = {}
    for iso3 in progress([c.upper() for c in iso3s], "rendering"):
        # A single page opened on its own has no site around it: links point at the web
        # root of a site built next to it.
        rendered[_file_name(iso3, fmt)] = render_country(rd, iso3, fmt, env, root="",
                                                         site_url=site_url)
    if len(rendered) == 1 and Path(out).suffix.lower() == "." + fmt:
        write_bytes(next(iter(rendered.values())), Path(out))
        return Written(Path(out), 1, 1)
    if Path(out).suffix.lower() == "." + fmt:
        raise UsageError(f"{out} names one file, but {len(rendered)} reports were asked for; "
                         "give a folder for several")
    out = Path(out)
    _check_replaceable(out)
    replace_dir(out, {**rendered, MARKER: "Built by riskscore; this folder is replaced on "
                                          "rebuild.\n"})
    return Written(out, len(rendered), len(rendered))


def build_site(rd: ReportData, out: Path, progress: Progress = no_progress) -> Written:
    """The static site: index, one page per state, methodology, sources."""
    out = Path(out)
    _check_replaceable(out)
    env = render.environment(pub=publication(rd.dataset))
    audited = rd.audit is not None
    pages: dict[str, str] = {
        "index.html": render.render_page(env, "index.html.j2", "", rd.threshold, audited,
                                         x=index_context(rd)),
        "methodology.html": render.render_page(env, "methodology.html.j2", "", rd.threshold,
                                               audited, m=methodology_context(rd)),
        "sources.html": render.render_page(env, "sources.html.j2", "", rd.threshold,
                                           audited, s=sources_context(rd)),
    }
    pages.update(_pairs_pages(env, rd, audited))
    if rd.audit is not None:
        from .audit_page import audit_html

        pages["audit.html"] = audit_html(rd.audit, rd.dataset)
    for iso3 in progress(list(rd.kernel.p.states), "rendering"):
        pages[f"countries/{_file_name(iso3, 'html')}"] = render.country_html(
            env, country_context(rd, iso3), root="../", has_audit=audited)
    pages[MARKER] = "Built by riskscore; this folder is replaced on rebuild.\n"
    replace_dir(out, pages)
    return Written(out, len(pages), len(rd.kernel.p.states))


PAIRS_SHOWN = 300


def _pairs_pages(env, rd: ReportData, audited: bool) -> dict[str, str]:
    """The pairs page (most people within possible reach first) and every pair as CSV and
    JSON downloads (METHODOLOGY.md 14)."""
    from .. import crossborder, output

    frame = crossborder.pairs(rd.dataset, rd.weights, rd.threshold, kernel=rd.kernel)
    names = rd.by_iso3["countries"]["name"]
    reachable = frame[frame["risk_possible"] > 0].sort_values(
        ["people", "risk_possible", "requesting", "requested"],
        ascending=[False, False, True, True], kind="stable").head(PAIRS_SHOWN)
    rows = [dict(r._asdict(), requesting_name=str(names[r.requesting]),
                 requested_name=str(names[r.requested]))
            for r in reachable.itertuples(index=False)]
    h = crossborder.headlines(rd.dataset, crossborder.pair_arrays(
        rd.dataset, rd.weights, rd.threshold, kernel=rd.kernel))
    headline = {k: v for k, v in h.items() if isinstance(v, int)}
    from .downloads import downloads

    return {
        **downloads(rd, frame),
        "pairs.html": render.render_page(env, "pairs.html.j2", "", rd.threshold, audited,
                                         rows=rows, h=headline,
                                         limits=rd.pair_limits),
        "pairs.csv": output.to_csv(frame),
        "pairs.json": output.to_json({"parameters": frame.attrs, "headline": headline,
                                      "limits": rd.pair_limits,
                                      "pairs": output.records(frame)}),
    }


def _check_replaceable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UsageError(f"{out} already holds files that riskscore did not write; "
                         "give a new or empty folder (riskscore replaces its output "
                         "folders whole)")
