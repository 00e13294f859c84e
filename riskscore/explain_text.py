"""Plain-text rendering of an :class:`~riskscore.explain.Explanation` for the terminal."""

from __future__ import annotations

from .explanation import Explanation


def quality_text(quality: str) -> str:
    """A source-quality word as a reader says it (METHODOLOGY.md 6.1)."""
    return QUALITY_TEXT.get(quality, quality.replace("_", " "))


QUALITY_TEXT = {"statute": "statute text", "official": "official page", "court": "court decision",
                "legal_database": "legal database", "ngo_press": "NGO or press report",
                "survey": "survey publisher", "secondary_copy": "secondary copy: weak source",
                "unrated": "source not yet rated"}


def _num(v: float | None, fmt: str = "{:.1f}") -> str:
    return "missing" if v is None else fmt.format(v)


def interval(point: float | None, lower: float | None, upper: float | None) -> str:
    """'12.3' when the bounds meet, else '12.3 (range 5.0 - 40.2)'; 'missing' for none."""
    if lower is None or upper is None:
        return _num(point)
    if abs(upper - lower) < 0.05:
        return _num(point)
    return f"{_num(point)} (range {lower:.1f} - {upper:.1f})"


def _pair_lines(pairs) -> list[str]:
    if not pairs:
        return ["  none"]
    return [f"  {p.iso3} {p.name[:30]:<30} people {p.people:>9,}  risk "
            f"{p.risk_proven:.1f}-{p.risk_possible:.1f}  passing: "
            f"{', '.join(p.passing) or '-'}" for p in pairs]


def render_text(ex: Explanation) -> str:
    lines = [f"{ex.name} ({ex.iso3})"]
    exposure = interval(ex.exposure, ex.exposure_lower, ex.exposure_upper)
    latent = interval(ex.latent_exposure, ex.latent_lower, ex.latent_upper)
    ranks = (f"rank {ex.rank}" if ex.rank_best == ex.rank_worst
             else f"rank {ex.rank} (could be {ex.rank_best}-{ex.rank_worst})")
    if ex.standing == "ranked":
        lines.append(f"  {ranks}, class {ex.risk_class}, exposure {exposure} "
                     f"(latent, if ratified: {latent})")
    elif ex.standing == "range":
        lines.append(f"  {ranks}, class {ex.class_lower} to {ex.class_upper}, exposure "
                     f"{exposure} (latent, if ratified: {latent})")
        lines.append(f"  {ex.flag}")
    else:
        lines.append(f"  not placed in the ranking: {ex.flag}")
        lines.append(f"  exposure {exposure} (latent {latent})")
    lines.append(f"  reliability {ex.reliability:.0%}; offence categories by weight: "
                 f"researched {ex.researched_share:.0%}, inferred from surveys "
                 f"{ex.inferred_share:.0%}, unknown {ex.unknown_share:.0%}")
    lines.append(f"  serious-crime threshold {ex.threshold:g} years; convention: "
                 f"{ex.engagement_level}")
    movers = sorted((c for c in ex.categories if c.moves > 0.05), key=lambda c: -c.moves)
    if movers:
        lines += ["", "Unknown categories that could move the score most (points each adds "
                      "to the lower bound at its highest value):"]
        lines += [f"  {c.name:<44} +{c.moves:.1f}" for c in movers[:5]]
    lines += ["", f"Where {ex.iso3} could reach (as requesting state, current scenario): "
                  f"{ex.exiles_in_reach[0]:,}-{ex.exiles_in_reach[1]:,} people from "
                  f"{ex.iso3} in need of protection live in states it could ask for their "
                  "data (UNHCR)"]
    lines += _pair_lines(ex.reach_abroad)
    lines += ["", f"Who could reach into {ex.iso3} (as requested state): "
                  f"{ex.residents_in_reach[0]:,}-{ex.residents_in_reach[1]:,} people living "
                  f"in {ex.iso3} fled a state that could ask it for their data"]
    lines += _pair_lines(ex.reachable_from)
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
                         f"({row.source_date}; {quality_text(row.source_quality)})")
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
