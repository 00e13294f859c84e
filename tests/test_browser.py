"""The static site in a real browser: Debian's Chromium, headless, driven by Selenium.

Opens index.html from disk (file://, no server), sorts the ranking, filters it, follows a
link to a country page, checks what a reader sees and that the console stayed clean, and
saves screenshots to build/test-artifacts/. `make test` installs Chromium where it can; on a
machine without it the test is skipped with the reason shown in pytest's summary (-ra).
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

import riskscore
from riskscore.report import build_site, report_data

EXAMPLE = Path(__file__).resolve().parent / "example"
ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no Chromium/ChromeDriver on this machine (Debian: apt-get install chromium "
           "chromium-driver; make test does this when run as root)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    # The flags keep Chromium off the network it would otherwise reach for at start.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                 f"--user-data-dir={profile}", "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    rd = report_data(riskscore.load(EXAMPLE / "country_data", EXAMPLE / "indicators"))
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(rd, out)
    return out


def _ranking_names(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")
    return [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows if r.is_displayed()]


@contextlib.contextmanager
def _phone(driver):
    """A 390 px wide window (a phone) for the duration of the block."""
    driver.set_window_size(390, 844)
    try:
        yield
    finally:
        driver.set_window_size(1280, 1600)


def _overflow(driver, page: Path) -> int:
    """How many pixels the page is wider than the window (0 or less: no sideways scroll)."""
    driver.get(page.as_uri())
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _severe(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_sort_filter_and_follow_a_link(browser, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.get((site / "index.html").as_uri())
    assert "ranking" in browser.title.lower()
    # As shipped: by rank, Aldoria (75.9), Corvania (70.7, listed with a range), Brevia
    # (10.5); Dunmark is too little known to place.
    order = ["Aldoria (invented)", "Corvania (invented)", "Brevia (invented)"]
    assert _ranking_names(browser) == order

    exposure = browser.find_element(By.XPATH, "//table[@id='ranking']//th[4]//button")
    exposure.click()  # ascending
    assert _ranking_names(browser) == order[::-1]
    assert browser.find_element(By.XPATH, "//table[@id='ranking']//th[4]"
                                ).get_attribute("aria-sort") == "ascending"
    exposure.click()  # descending
    assert _ranking_names(browser) == order

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("none")
    assert _ranking_names(browser) == ["Brevia (invented)"]
    assert "1 placed states shown" in browser.find_element(By.ID, "shown").text
    Select(browser.find_element(By.ID, "filter-status")).select_by_value("")
    browser.save_screenshot(str(ARTIFACTS / "index.png"))
    assert _severe(browser) == []

    browser.find_element(By.LINK_TEXT, "Aldoria (invented)").click()
    assert browser.current_url.endswith("/countries/XAA.html")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Aldoria (invented)" in body
    assert "75.9" in body and "Very high" in body
    assert "Example Penal Code art. 1" in body
    chart = browser.find_element(By.CSS_SELECTOR, "svg[role=img]")
    assert "Legal reach: 85.0 of 100" in chart.find_element(By.TAG_NAME, "desc"
                                                            ).get_attribute("textContent")
    browser.save_screenshot(str(ARTIFACTS / "country-XAA.png"))
    assert _severe(browser) == []

    browser.find_element(By.LINK_TEXT, "Methodology").click()
    assert "Methodology" in browser.find_element(By.TAG_NAME, "h1").text
    assert _severe(browser) == []


def test_pairs_page_sorts_and_filters(browser, site):
    """Issue 15.4: the pairs page is sortable and filterable in the browser."""
    from selenium.webdriver.common.by import By

    browser.get((site / "pairs.html").as_uri())

    def pairs() -> list[tuple[str, str]]:
        rows = browser.find_elements(By.CSS_SELECTOR, "#pairs tbody tr")
        return [tuple(td.text for td in r.find_elements(By.TAG_NAME, "td")[:2])
                for r in rows if r.is_displayed()]

    # As built: most people first (Aldoria asking Corvania, 200 people).
    assert pairs() == [("Aldoria (invented)", "Corvania (invented)"),
                       ("Corvania (invented)", "Aldoria (invented)")]
    people = browser.find_element(By.XPATH, "//table[@id='pairs']//th[3]//button")
    people.click()  # ascending
    assert pairs()[0] == ("Corvania (invented)", "Aldoria (invented)")
    box = browser.find_element(By.ID, "filter-from")
    box.send_keys("xaa")  # an ISO3 code, any case
    assert pairs() == [("Aldoria (invented)", "Corvania (invented)")]
    assert "1 pairs shown" in browser.find_element(By.ID, "pairs-shown").text
    box.clear()
    box.send_keys("corv")  # part of a name
    assert pairs() == [("Corvania (invented)", "Aldoria (invented)")]
    assert _severe(browser) == []


@pytest.mark.parametrize("page", ["index.html", "pairs.html", "methodology.html",
                                  "sources.html", "countries/XAA.html", "countries/XAC.html"])
def test_pages_fit_a_phone_without_sideways_scrolling(browser, site, page):
    """Issue 16.3: at 390 px every page is usable with no horizontal scroll of the page
    itself (wide tables scroll inside their own box)."""
    with _phone(browser):
        wide = _overflow(browser, site / page)
        assert wide <= 0, f"{page} is {wide}px wider than a 390px screen"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / f"phone-{page.replace('/', '-')}.png"))
        assert _severe(browser) == []


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    build_site(report_data(riskscore.load()), out)
    return out


@pytest.mark.parametrize("page", ["index.html", "pairs.html", "methodology.html",
                                  "countries/RUS.html", "countries/NGA.html"])
def test_the_real_site_fits_a_phone(browser, shipped_site, page):
    """The shipped data's longest pages (long source addresses, wide tables) at 390 px."""
    with _phone(browser):
        wide = _overflow(browser, shipped_site / page)
        assert wide <= 0, f"{page} is {wide}px wider than a 390px screen"


def test_search_and_a_shared_view(browser, site):
    """Issue 16.2: a search box (names, other names, ISO3), and filters and sort kept in the
    address, so a view opens the same from a link."""
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    box = browser.find_element(By.ID, "filter-name")
    box.send_keys("xac")  # an ISO3 code
    assert _ranking_names(browser) == ["Corvania (invented)"]
    browser.find_element(By.XPATH, "//table[@id='ranking']//th[4]//button").click()
    url = browser.current_url
    assert "q=xac" in url and "sort=3-asc" in url
    browser.get((site / "index.html").as_uri())  # plain address: everything shown
    assert len(_ranking_names(browser)) == 3
    browser.get(url)  # the shared view
    assert _ranking_names(browser) == ["Corvania (invented)"]
    assert browser.find_element(By.ID, "filter-name").get_attribute("value") == "xac"
    assert browser.find_element(By.XPATH, "//table[@id='ranking']//th[4]"
                                ).get_attribute("aria-sort") == "ascending"
    assert _severe(browser) == []


def test_the_world_map_colours_every_state_and_links_to_its_page(browser, shipped_site):
    """Issue 16.1: an inline SVG map from Natural Earth outlines, no network: every scored
    state is drawn (or marked, or listed when too small), titled, and links to its page."""
    from selenium.webdriver.common.by import By

    browser.get((shipped_site / "index.html").as_uri())
    links = browser.find_elements(By.CSS_SELECTOR, "figure.worldmap svg a")
    targets = {(a.get_dom_attribute("href") or "").rsplit("/", 1)[-1] for a in links}
    assert "RUS.html" in targets and "NGA.html" in targets and len(targets) > 190
    russia = browser.find_element(By.CSS_SELECTOR, "figure.worldmap a[href$='RUS.html'] title")
    assert russia.get_attribute("textContent").startswith("Russian Federation: very high")
    caption = browser.find_element(By.CSS_SELECTOR, "figure.worldmap figcaption").text
    assert "Natural Earth" in caption and "do not imply any judgement" in caption
    assert _severe(browser) == []
