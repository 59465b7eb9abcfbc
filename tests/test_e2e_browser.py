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
def server(tmp_path_factory: pytest.TempPathFactory):
    db_path = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    ingest.ingest_paths([FIXTURE / "corpus"], db_path, dictionary_path=FIXTURE / "companies.csv")
    port = free_port()
    proc = start_server(db_path, port)
    try:
        wait_healthy(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def test_filter_changes_numbers_and_charts_render(server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
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
        page.goto(server + "/category-mix", timeout=60_000)
        page.wait_for_selector(".js-plotly-plot .bars .point path", timeout=60_000)
        page.locator(".js-plotly-plot .bars .point path").first.click(force=True)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "e2e-category-drill.png"), full_page=True)
        browser.close()
