"""Country risk reports and the static site (issue 4; METHODOLOGY.md section 12).

Notebook use::

    from riskscore.report import report_data, build_site, render_country
    rd = report_data(riskscore.load())
    build_site(rd, Path("site"))
    html = render_country(rd, "BLR", "html")
"""

from .context import Robustness, country_context, report_data
from .site import FORMATS, build_site, render_country, write_countries

__all__ = ["FORMATS", "Robustness", "build_site", "country_context", "render_country",
           "report_data", "write_countries"]
