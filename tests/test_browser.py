"""The film page in a real Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Skips, saying why, only when Chromium is missing and $CI is not set; under CI it fails, since
.ci/run installs Chromium. A screenshot of the page is saved under the test's tmp folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from web_support import FILM_SLUG, Server, running_server, seed

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists():
    reason = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

from playwright.sync_api import Browser, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("browser")
    db_url = f"sqlite:///{tmp / 'critica.db'}"
    seed(db_url)
    with running_server(db_url, tmp) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"]
        )
        try:
            yield launched
        finally:
            launched.close()


def test_film_page_in_chromium(server: Server, browser: Browser, tmp_path: Path) -> None:
    twin = server.client().get(f"/films/{FILM_SLUG}.json").json()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server.url}/films/{FILM_SLUG}")

    expect(page.get_by_test_id("critics-score")).to_be_visible()
    expect(page.get_by_test_id("critics-score")).to_have_text(
        f"{round(twin['aggregate']['percent_positive'])}%"
    )
    expect(page.get_by_test_id("mean-score")).to_be_visible()
    for chart in ("histogram", "timeline"):
        svg = page.get_by_test_id(chart).locator("svg")
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 80
    bars = page.get_by_test_id("histogram").locator("rect.bar")
    assert bars.count() == 10
    dots = page.get_by_test_id("timeline").locator("circle.dot")
    dated = [r for r in twin["reviews"] if r["published"] and r["score"] is not None]
    assert dots.count() == len(dated)
    cards = page.get_by_test_id("review-card")
    assert cards.count() == len(twin["reviews"])
    expect(cards.first).to_be_visible()

    consensus = page.get_by_test_id("consensus")
    expect(consensus).to_be_visible()
    expect(consensus.locator(".consensus-text")).to_have_text(twin["aggregate"]["consensus"])
    support = page.locator("#consensus-support")
    page.mouse.move(0, 0)
    expect(support).to_be_hidden()
    consensus.get_by_role("button", name="Supporting quotes").click()
    expect(support).to_be_visible()
    expect(support.locator("q").first).to_be_visible()

    spoilers = page.get_by_test_id("spoiler")
    assert spoilers.count() == len(twin.get("spoilers") or []) > 0
    first = spoilers.first
    quote = first.locator("blockquote")
    expect(quote).to_be_hidden()
    first.locator("summary").click()
    expect(quote).to_be_visible()
    expect(quote).to_have_text(twin["spoilers"][0]["quote"])

    shot = tmp_path / "film-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert errors == []
    page.close()
