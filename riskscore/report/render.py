"""Render report contexts to HTML, Markdown, JSON and PDF.

Safety (issue 4): autoescaping is on for every template, Markdown included, so text from
data can never become markup; links accept only http(s) addresses; the PDF renderer is
refused every network fetch, so a page can only use what it carries inline.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__, output, paths
from ..errors import UsageError
from ..explain_text import quality_text


def _num(value, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "missing"
    return f"{float(value):.{digits}f}"


def _pct(value) -> str:
    return "missing" if value is None else f"{float(value) * 100:.0f}%"


def _years(value) -> str:
    return f"{float(value):g} years"


def _thousands(value) -> str:
    return "missing" if value is None else f"{int(value):,}"


def _safe_url(value) -> str:
    text = str(value or "")
    return text if re.match(r"^https?://[^\s\"'<>]+$", text) else "#"


# Characters that give Markdown meaning (code, emphasis, links/images via [ ], table cells
# via |, raw HTML via < > and entities via &, headings via #): each is backslash-escaped,
# which CommonMark renders as the plain character, so data text reads as written (no HTML
# entities) and can make no link, image, heading or HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~<>&#!])")


def _md(value) -> Markup:
    # Line breaks (carriage returns included) become spaces: a value stays on its line. The
    # result is marked safe so autoescaping leaves it as it is.
    text = re.sub(r"[\r\n]+", " ", str(value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def _md_url(value) -> Markup:
    return Markup(str(value).replace("(", "%28").replace(")", "%29").replace(" ", "%20"))


def environment(templates: Path | None = None, pub=None) -> jinja2.Environment:
    """The template environment; ``pub`` (a publication.Publication) puts the edition, the
    date the data run to and the citation on every page."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or paths.templates_dir())),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False,
        keep_trailing_newline=True)
    env.filters.update(num=_num, pct=_pct, years=_years, thousands=_thousands,
                       safe_url=_safe_url, md=_md, md_url=_md_url, quality=quality_text)
    from .context import plain_summary  # context builds on the render helpers' data

    env.globals.update(version=__version__, pub=pub)
    env.filters.update(summary=plain_summary)
    return env


def render_page(env: jinja2.Environment, template: str, root: str, threshold: float,
                has_audit: bool = False, **context) -> str:
    return env.get_template(template).render(root=root, threshold=threshold,
                                             has_audit=has_audit, **context)


def country_html(env: jinja2.Environment, ctx, root: str = "../",
                 has_audit: bool = False) -> str:
    return render_page(env, "country.html.j2", root, ctx.threshold, has_audit, c=ctx)


def country_markdown(env: jinja2.Environment, ctx) -> str:
    return render_page(env, "country.md.j2", "", ctx.threshold, c=ctx)


def to_json(ctx) -> str:
    return output.to_json({"riskscore_version": __version__, "report": dataclasses.asdict(ctx)})


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"report pages are self-contained; refusing to fetch {url}")


def to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango system library is missing
        raise UsageError(
            "PDF output needs WeasyPrint and its system libraries (Pango): "
            "pip install 'riskscore[pdf]'; on Debian/Ubuntu also apt-get install "
            f"libpango-1.0-0 libpangoft2-1.0-0 ({exc})") from None
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
