"""End to end in a real browser: serve the app, change a filter, see a chart and a table.

Drives Debian's chromium with Playwright (``.ci/run`` installs it); skipped when
chromium is not installed. Screenshots land in ``tests/artifacts/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.load import start_server, wait_healthy
from bench.startup import free_port
from loaders import ingest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "golden" / "weekly"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def e2e_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    ingest.ingest_paths([FIXTURE / "corpus"], db_path, dictionary_path=FIXTURE / "companies.csv")
    return db_path


def serve(db_path: Path):
    port = free_port()
    proc = start_server(db_path, port)
    try:
        wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server(e2e_db: Path):
    yield from serve(e2e_db)


@pytest.fixture()
def fresh_server(e2e_db: Path):
    """A server no browser has visited yet."""
    yield from serve(e2e_db)


def launch(pw):
    return pw.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def test_filter_changes_numbers_and_charts_render(server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server + "/", timeout=90_000)
        page.wait_for_selector('[data-testid="stMetricValue"]', timeout=90_000)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        briefs_before = metric(page, "简讯")
        assert int(briefs_before.replace(",", "")) > 0
        page.screenshot(path=str(ARTIFACTS / "e2e-overview.png"), full_page=True)

        page.get_by_role("combobox", name="类型 Kind").click()
        page.get_by_role("option", name="专题文章 feature").click()
        page.keyboard.press("Escape")
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                 .some(m => m.innerText.includes('简讯') && /\\n0$/.test(m.innerText.trim()))""",
            timeout=30_000,
        )
        assert metric(page, "简讯") == "0"
        assert "kind=" in page.url

        # Drill-down: clicking a bar segment lists the articles behind it in a table.
        page.goto(server + "/categories", timeout=60_000)
        page.wait_for_selector(".js-plotly-plot .bars .point path", timeout=60_000)
        page.locator(".js-plotly-plot .bars .point path").first.click(force=True)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "e2e-category-drill.png"), full_page=True)
        browser.close()


def test_first_visit_deep_link_opens_the_page_inside_the_app(fresh_server: str) -> None:
    """The first session of a new server, opened on /outlets, gets that page with the
    sidebar filters, and no "Page not found" notice (Streamlit's pages/ router)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(fresh_server + "/outlets", timeout=90_000)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=90_000)
        page.wait_for_selector('[data-testid="stSidebar"] >> text=筛选 Filters', timeout=30_000)
        page.wait_for_timeout(1_000)  # the notice, when sent, arrives with the first run
        page.screenshot(path=str(ARTIFACTS / "e2e-deep-link.png"), full_page=True)
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_role("heading", name="来源媒体 Outlets").count() == 1
        assert "/outlets" in page.url
        browser.close()
