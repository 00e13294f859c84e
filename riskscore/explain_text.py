"""Plain-text rendering of an :class:`~riskscore.explain.Explanation` for the terminal."""

from __future__ import annotations

from .explain import Explanation


def _num(v: float | None, fmt: str = "{:.1f}") -> str:
    return "missing" if v is None else fmt.format(v)


def render_text(ex: Explanation) -> str:
    lines = [f"{ex.name} ({ex.iso3})"]
    if ex.rank is not None:
        lines.append(f"  rank {ex.rank}, class {ex.risk_class}, exposure {_num(ex.exposure)} "
                     f"(latent, if ratified: {_num(ex.latent_exposure)})")
    else:
        lines.append(f"  not ranked: {ex.flag}")
        lines.append(f"  exposure {_num(ex.exposure)} (latent {_num(ex.latent_exposure)})")
    lines.append(f"  coverage {ex.coverage:.0%}; serious-crime threshold {ex.threshold:g} years; "
                 f"convention: {ex.engagement_level}")
    lines += ["", "Pillars (0-100, weight):"]
    for pid, value in ex.pillars.items():
        lines.append(f"  {pid:<24} {_num(value):>8}   weight {ex.pillar_weights[pid]:.2f}")
    lines += ["", "Indicators (value, year, risk 0-100, weight in pillar, points given):"]
    for ind in ex.indicators:
        lines.append(f"  {ind.id:<18} {_num(ind.value, '{:g}'):>8} {ind.year or '':>5} "
                     f"{_num(ind.risk):>8} {ind.weight:>6.2f} {_num(ind.contribution):>8}  "
                     f"{ind.name}")
    lines += ["", "Offence categories:"]
    for cat in ex.categories:
        lines.append(f"  {cat.name}: {cat.status_text}")
        for row in cat.rows:
            mark = "*" if cat.deciding is row else " "
            note = f" [not counted: {row.why_not}]" if not row.applies else ""
            lines.append(f"   {mark} {row.law}: {row.offence[:90]} — {row.penalty} "
                         f"({row.confidence}){note}")
            lines.append(f"       source: {row.source_title} <{row.source_url}> "
                         f"({row.source_date})")
    lines += ["", "Convention articles these offences open:"]
    if not ex.articles_opened:
        lines.append("  none known")
    for a in ex.articles_opened:
        para = f", para. {a.paragraph}" if a.paragraph else ""
        mark = "" if a.verified else "  [recalled, not verified against the text]"
        lines.append(f"  art. {a.article}{para} {a.title} — intrusiveness {a.intrusiveness}{mark}")
    if ex.convention:
        c = ex.convention
        lines += ["", f"Convention status: signed {c.get('signed') or '-'} "
                      f"({c.get('signed_confidence') or '-'}); ratification: "
                      f"{c.get('ratification_event') or 'none'} {c.get('ratification_date') or ''}"
                      f" ({c.get('ratification_confidence') or '-'})"]
    lines.append("")
    lines.append("* = the most severe applicable row, which decides the category.")
    return "\n".join(lines)
