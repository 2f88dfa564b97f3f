"""Browser fixtures: the built site served on 127.0.0.1 and one Debian Chromium per session.

One browser for the whole session, one context per test (see browsing.py for what a context
records).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browsing import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    LOOPBACK,
    QuietServer,
    SiteHandler,
    SiteServer,
    Visit,
    new_visit,
    site_prefix,
)
from playwright.sync_api import Browser, Page, Playwright, sync_playwright


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in site_tests/ drives the browser: mark them so `-m browser` selects them."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    """Serve the session's build on 127.0.0.1 (a free port) until the session ends."""
    prefix = site_prefix(built_site)
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    server = QuietServer((LOOPBACK, 0), functools.partial(handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(built_site, f"http://{LOOPBACK}:{server.server_port}", prefix)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, launched once for the session (no browser download)."""
    chromium = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def visit_with(browser: Browser, site_server: SiteServer) -> Iterator[Callable[..., Visit]]:
    """A factory of browser contexts with options (viewport, media, ...), closed after the test."""
    opened: list[Visit] = []

    def make(**options: object) -> Visit:
        options.setdefault("viewport", DESKTOP)
        made = new_visit(browser, site_server, **options)
        opened.append(made)
        return made

    yield make
    for made in opened:
        made.context.close()


@pytest.fixture
def visit(visit_with: Callable[..., Visit]) -> Visit:
    """A desktop-sized (1280×900) browser context for one test."""
    return visit_with()


@pytest.fixture
def origin(site_server: SiteServer) -> str:
    """The URL of the site root (Arabic home), ending in '/'."""
    return site_server.url()


@pytest.fixture
def page(visit: Visit) -> Iterator[Page]:
    """A blank tab of a desktop context; a JavaScript error on any page it opens fails the test."""
    tab = visit.context.new_page()
    tab.on("pageerror", lambda error: visit.traffic.page_errors.append(str(error)))
    yield tab
    assert visit.traffic.page_errors == []


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the suite leaves files to look at (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
