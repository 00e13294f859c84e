"""The audit as an HTML page of the site, built from the audit's results."""

from __future__ import annotations

from .. import output
from ..analysis import STABILITY_BOUND, STABILITY_MAX, Audit
from ..analysis.effective import DOMINANCE, TOLERANCE
from ..analysis.text import tables
from ..loading import Dataset
from ..publication import publication
from ..vocab import DEFAULT_THRESHOLD
from . import render


def audit_html(a: Audit, ds: Dataset) -> str:
    env = render.environment(pub=publication(ds))
    t = {k: output.records(v.round(4)) for k, v in tables(a).items()}
    return render.render_page(env, "audit.html.j2", "", DEFAULT_THRESHOLD, True, a=a, t=t,
                              tolerance=TOLERANCE, dominance=DOMINANCE,
                              stability_bound=STABILITY_BOUND, stability_max=STABILITY_MAX,
                              exceptions=a.exceptions.to_dict(orient="records"))
