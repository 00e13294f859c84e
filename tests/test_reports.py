"""Country reports and the static site (issue 4), on the invented example dataset.

Golden files (tests/golden/) hold the *meaning* of a page, not its bytes: the facts a reader
takes away (headline numbers, rank, class, the offences that count and their statutes), read
back out of the rendered HTML, Markdown and JSON. Layout may change without touching them.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import riskscore
from conftest import run
from riskscore.errors import UsageError
from riskscore.report import build_site, render_country, report_data, write_countries
from riskscore.report import site as site_module

EXAMPLE = Path(__file__).resolve().parent / "example"
GOLDEN = Path(__file__).resolve().parent / "golden"
EX = ("--data", EXAMPLE / "country_data", "--indicators", EXAMPLE / "indicators")
STATES = ["XAA", "XAB", "XAC", "XAD"]


@pytest.fixture(scope="module")
def rd():
    return report_data(riskscore.load(EXAMPLE / "country_data", EXAMPLE / "indicators"))


@pytest.fixture(scope="module")
def site(rd, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(rd, out)
    return out


class _Text(HTMLParser):
    """Visible text of a page, plus every tag and attribute, for meaning-level checks."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.text.append(" ".join(data.split()))


def parse(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


def meaning_of_country_html(html: str) -> dict:
    """What a reader takes from the page's headline and serious-crime table."""
    text = " | ".join(parse(html).text)
    head = re.search(r"Current exposure \| ([\d.]+(?:\u2013[\d.]+)?|missing)"
                     r"(?: \| \(estimate ([\d.]+)\))?", text)
    rank = re.search(r"Rank \| (\d+(?:\u2013\d+)?|not placed)", text)
    statutes = re.findall(r"(Example [A-Za-z ]+(?:art\.|s\.) \d+)", text.split(
        "Offences that count as serious crimes")[1].split("Convention articles")[0])
    standing = ("too_little_known" if "Not placed in the ranking." in text
                else "range" if "Listed with a range." in text else "ranked")
    return {"exposure": head.group(1), "estimate": head.group(2), "rank": rank.group(1),
            "serious_statutes": statutes, "standing": standing}


# --- every template renders -------------------------------------------------------------

def test_site_has_every_page(site):
    assert sorted(p.name for p in site.iterdir()) == [
        ".riskscore-site", "countries", "data", "datapackage.json", "index.html",
        "methodology.html", "pairs.csv", "pairs.html", "pairs.json", "sources.html"]
    assert sorted(p.name for p in (site / "data").iterdir()) == [
        "offences.csv", "offences.json", "scores.csv", "scores.json", "sources.csv",
        "sources.json"]
    assert sorted(p.stem for p in (site / "countries").iterdir()) == STATES


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
@pytest.mark.parametrize("iso3", STATES)
def test_every_country_renders_in_every_text_format(rd, iso3, fmt):
    out = render_country(rd, iso3, fmt).decode("utf-8")
    name = rd.dataset.countries.set_index("iso3").loc[iso3, "name"]
    assert name.split(" (")[0] in out
    if fmt == "json":
        assert json.loads(out)["report"]["iso3"] == iso3


def test_methodology_page_lists_every_weight_and_rationale(site, rd):
    page = " ".join(parse((site / "methodology.html").read_text()).text)
    for frame in (rd.dataset.pillars, rd.dataset.indicators, rd.dataset.categories):
        for row in frame.itertuples(index=False):
            assert row.name in page
            assert row.weight_rationale.split(";")[0][:40] in page


def test_sources_page_lists_every_source_and_licence(site, rd):
    page = " ".join(parse((site / "sources.html").read_text()).text)
    for row in rd.dataset.sources.itertuples(index=False):
        assert row.title in page and row.licence in page
    # Coverage of the offence table is reported (issue 6): 9 invented rows, all offences.
    assert "9 offence rows, 0 cited" in page and "0 search notes" in page


def test_index_ranks_ranked_states_and_lists_flagged_ones_apart(site):
    html = (site / "index.html").read_text()
    ranking = html.split('id="ranking"')[1].split("</table>")[0]
    unranked = html.split('id="unranked"')[1].split("</table>")[0]
    # Hand-computed order (test_score_example): Aldoria 75.9, Corvania 70.7 (a range),
    # Brevia 10.5; Dunmark too little known.
    assert ranking.index("XAA.html") < ranking.index("XAC.html") < ranking.index("XAB.html")
    assert "XAD.html" not in ranking and "XAD.html" in unranked
    assert "too little known" in unranked
    assert "High to Very high" in ranking


# --- golden files, compared by meaning ---------------------------------------------------

@pytest.mark.parametrize("iso3", STATES)
def test_country_page_matches_golden_meaning(site, iso3):
    golden = json.loads((GOLDEN / "country_meaning.json").read_text())[iso3]
    html = (site / "countries" / f"{iso3}.html").read_text()
    assert meaning_of_country_html(html) == golden


@pytest.mark.parametrize("iso3", STATES)
def test_json_and_markdown_say_the_same_as_the_page(rd, iso3):
    golden = json.loads((GOLDEN / "country_meaning.json").read_text())[iso3]
    report = json.loads(render_country(rd, iso3, "json"))["report"]
    lo, hi = report["exposure_lower"], report["exposure_upper"]
    shown = f"{lo:.1f}\u2013{hi:.1f}" if hi - lo >= 0.05 else f"{report['exposure']:.1f}"
    assert shown == golden["exposure"]
    assert report["standing"] == golden["standing"]
    assert [o["law"] for o in report["serious_offences"]] == golden["serious_statutes"]
    md = render_country(rd, iso3, "md").decode()
    assert f"| Current exposure | {shown}" in md
    for statute in golden["serious_statutes"]:
        assert statute in md


def test_what_if_thresholds_show_the_hand_computed_change(rd):
    # Aldoria's assembly offence is 2 years: below 3 and 4, so nothing changes at 3 years;
    # at 5 years its 5-year speech offence still counts (>= 5), so nothing changes either.
    # Brevia's 1-year assembly offence stays below every threshold.
    from riskscore.report import country_context

    xaa = country_context(rd, "XAA")
    assert [w.threshold for w in xaa.what_if] == [3.0, 5.0]
    assert all(w.changed_categories == [] for w in xaa.what_if)
    status = {c.id: c.status_at for c in xaa.categories}
    assert status["speech_a"] == {"3 years": "serious crime", "4 years": "serious crime",
                                  "5 years": "serious crime"}
    assert status["assembly_c"]["3 years"] == "below threshold"


# --- safety -------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, Path]:
    data = tmp_path / "country_data"
    shutil.copytree(EXAMPLE / "country_data", data)
    shutil.copytree(EXAMPLE / "indicators", tmp_path / "indicators")
    countries = (data / "countries.csv").read_text()
    (data / "countries.csv").write_text(countries.replace("Aldoria (invented)",
                                                          f'"Aldoria {SCRIPT}"'))
    offences = (data / "offences.csv").read_text()
    quoted = IMG.replace('"', '""')  # CSV doubles a quote inside a quoted field
    (data / "offences.csv").write_text(offences.replace(
        "Example Penal Code art. 1", f'"Example Penal Code art. 1 {quoted}"'))
    return data, tmp_path / "indicators"


def test_markup_in_data_is_escaped_everywhere(hostile, tmp_path):
    data, meta = hostile
    ds = riskscore.load(data, meta)
    assert SCRIPT in set(ds.countries["name"].str.replace("Aldoria ", "", regex=False))
    rd = report_data(ds)
    out = tmp_path / "site"
    build_site(rd, out)
    pages = [p.read_text() for p in out.rglob("*.html")]
    # Markdown is judged as a reader sees it: rendered (CommonMark, with tables)
    from markdown_it import MarkdownIt

    markdown = render_country(rd, "XAA", "md").decode()
    pages.append(MarkdownIt("commonmark").enable("table").render(markdown))
    assert "&#39;" not in markdown and "&lt;" not in markdown  # text, not HTML entities
    for page in pages:
        assert "<script>alert" not in page
        assert "<img" not in page
        for tag, attrs in parse(page).tags:
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    country = (out / "countries" / "XAA.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in country
    assert "&lt;img src=x onerror=alert(1)&gt;" in country


def test_pages_load_nothing_from_the_network(site):
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page.read_text()).tags:
            for attr in ("src", "href"):
                value = attrs.get(attr) or ""
                if tag == "a":
                    continue  # links the reader may follow; nothing loads by itself
                assert not re.match(r"^(https?:)?//", value), (page.name, tag, value)


def test_file_names_come_only_from_iso3_codes(rd, tmp_path):
    with pytest.raises(UsageError, match="not a scored state"):
        write_countries(rd, ["../../etc/passwd"], "html", tmp_path)
    with pytest.raises(UsageError, match="not an ISO3 code"):
        site_module._file_name("../x", "html")


# --- atomic writes -------------------------------------------------------------------------

def test_failed_site_build_leaves_the_previous_site_intact(rd, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(rd, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(site_module.render, "country_html", broken)
    with pytest.raises(RuntimeError):
        build_site(rd, out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


def test_site_never_replaces_a_folder_it_did_not_write(rd, tmp_path):
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    with pytest.raises(UsageError, match="did not write"):
        build_site(rd, precious)
    assert (precious / "thesis.docx").read_text() == "years of work"


# --- CLI ---------------------------------------------------------------------------------

def test_cli_report_all_writes_the_site_and_says_where(tmp_path):
    result = run("report", "--all", *EX, "--out", tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert "4 country pages" in result.stdout and str(tmp_path / "s") in result.stdout
    assert (tmp_path / "s" / "index.html").exists()


def test_cli_report_selected_states_as_markdown(tmp_path):
    result = run("report", "XAA", "xab", *EX, "--format", "md", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [".riskscore-site", "XAA.md",
                                                          "XAB.md"]


def test_several_reports_replace_their_folder_whole_and_never_a_foreign_one(tmp_path):
    """Issue 18.5: a second run replaces the first run's folder in one step (no stale
    file survives); a folder riskscore did not make is refused and left as it was."""
    out = tmp_path / "r"
    assert run("report", "XAA", "XAB", *EX, "--format", "md", "--out", out).exit_code == 0
    assert run("report", "XAC", *EX, "--format", "md", "--out", out / ".." / "r").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [".riskscore-site", "XAC.md"]
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = run("report", "XAA", "XAB", *EX, "--format", "md", "--out", foreign)
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("args, message", [
    ((), "give ISO3 codes or --all"),
    (("XAA", "--all"), "give ISO3 codes or --all"),
    (("XZZ",), "not a scored state: XZZ"),
])
def test_cli_report_usage_errors(args, message, tmp_path):
    result = run("report", *args, *EX, "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "o").exists()


# --- PDF ---------------------------------------------------------------------------------

def test_pdf_has_the_headline_and_a_statute(rd):
    pytest.importorskip("weasyprint", reason="WeasyPrint not installed (make test installs it)")
    pypdf = pytest.importorskip("pypdf")
    import io

    pdf = render_country(rd, "XAA", "pdf")
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Aldoria" in text
    assert "75.9" in text  # hand-computed exposure (test_score_example)
    assert "Example Penal Code art. 1" in text


def _pdf(data: bytes):
    import io

    pypdf = pytest.importorskip("pypdf")
    return pypdf.PdfReader(io.BytesIO(data))


def _uris(reader) -> list[str]:
    out = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def test_the_pdf_is_a_briefing_of_at_most_four_pages_with_numbered_pages(rd):
    """Issue 16.5: summary, why, offences, robustness and sources in at most four A4 pages,
    page numbers, edition and date in the footer; no relative (dead) links."""
    pytest.importorskip("weasyprint", reason="WeasyPrint not installed (make test installs it)")
    for iso3 in STATES:
        reader = _pdf(render_country(rd, iso3, "pdf"))
        assert 1 <= len(reader.pages) <= 4, iso3
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        assert f"page 1 of {len(reader.pages)}" in text
        assert "edition example-1" in text and "Why: the four pillars" in text
        assert all(u.startswith("http") for u in _uris(reader)), _uris(reader)
        assert not any("countries/" in u for u in _uris(reader))  # no links without a site


def test_a_site_address_makes_the_briefings_links_absolute(rd):
    pytest.importorskip("weasyprint", reason="WeasyPrint not installed (make test installs it)")
    reader = _pdf(render_country(rd, "XAA", "pdf", site_url="https://example.org/riskscore"))
    assert "https://example.org/riskscore/countries/XAA.html" in _uris(reader)
    assert "https://example.org/riskscore/methodology.html" in _uris(reader)


def test_pairs_page_and_country_sections_show_both_directions(site):
    page = " ".join(parse((site / "pairs.html").read_text()).text)
    # the hand-worked pair (tests/test_pairs.py): Aldoria asking Corvania, 200 people
    assert "Aldoria (invented)" in page and "Corvania (invented)" in page and "200" in page
    assert "55.2" in page and "64.0" in page
    assert (site / "pairs.csv").read_text().count("\n") == 4 * 3 + 1
    country = " ".join(parse((site / "countries" / "XAA.html").read_text()).text)
    assert "Where Aldoria (invented) could reach" in country
    assert "Who could reach into Aldoria (invented)" in country


def test_site_offers_the_data_as_a_data_package_and_every_page_says_how_to_cite(site):
    """Issue 16.4: downloads, a Frictionless descriptor with licences per resource, and the
    edition, the date the data run to and a citation on every page (never the clock)."""
    import json

    package = json.loads((site / "datapackage.json").read_text())
    assert package["version"] == "example-1"  # tests/example/indicators/edition.csv
    for resource in package["resources"]:
        assert (site / resource["path"]).is_file(), resource["path"]
        assert resource["licenses"] and resource["schema"]["fields"]
    as_of = package["created"][:10]
    assert package["created"] == "2026-11-24T00:00:00Z"  # the example's latest 'retrieved'
    # The Frictionless reference implementation accepts the descriptor and every resource
    # (schemas, types, licences with a name and a path).
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site / "datapackage.json"))
    assert report.valid, report.to_dict()
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert f"data as of {as_of}" in text and "Cite as:" in text, page.name


def test_each_country_page_opens_with_a_quotable_summary_of_defined_numbers(rd):
    """Issue 16.2: the summary uses only numbers METHODOLOGY.md defines (the hand-worked
    example: exposure 75.9, very high, first of three; speech and identity serious; 200
    people from Aldoria in Corvania)."""
    from riskscore.report.context import country_context, plain_summary

    text = plain_summary(country_context(rd, "XAA"))
    assert text.startswith("Aldoria (invented) has an exposure of 75.9 on a 0-100 scale.")
    assert "Very high class, ranked 1 of 3 placed states" in text
    assert "makes 2 of the 3 offence categories scored a serious crime" in text
    assert "200 people from Aldoria (invented) live in states it could ask" in text
    page = render_country(rd, "XAA", "html").decode()
    assert "Aldoria (invented) has an exposure of 75.9" in page


def test_markdown_from_data_never_makes_links_images_headings_or_html(tmp_path):
    """Issue 18.4: every value from data is escaped in Markdown, line breaks included (a
    carriage return is refused at validation); rendered, the report holds no link, image,
    heading or HTML that came from the data."""
    from markdown_it import MarkdownIt

    data = tmp_path / "country_data"
    shutil.copytree(EXAMPLE / "country_data", data)
    shutil.copytree(EXAMPLE / "indicators", tmp_path / "indicators")
    hostile = "[click](http://evil.example) ![x](http://evil.example/i.png)\n# Heading <b>"
    countries = (data / "countries.csv").read_text()
    (data / "countries.csv").write_text(countries.replace("Aldoria (invented)",
                                                          f'"Aldoria {hostile}"'))
    rd = report_data(riskscore.load(data, tmp_path / "indicators"))
    html = MarkdownIt("commonmark").enable("table").render(
        render_country(rd, "XAA", "md").decode())
    assert "evil.example" not in "".join(a for _, attrs in parse(html).tags
                                         for a in attrs.values() if a)
    assert "<img" not in html and "<b>" not in html
    assert "<h1>Heading" not in html and "<h2>Heading" not in html
