"""The built site on 127.0.0.1 and what a browser context saw of it (shared by site_tests).

The site is served under the path of its public URL (e.g. `/bayyin/`), as GitHub Pages serves a
project site, so the 404 page (whose links are absolute) loads its assets as in production.
Every request that would leave 127.0.0.1 is blocked and recorded, and so are failed requests,
HTTP errors and console errors.
"""

from __future__ import annotations

import http.server
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}
LOOPBACK = "127.0.0.1"
PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "test-artifacts"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix`; a missing file gets its 404 page, as on GitHub Pages."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / ".missing")
        return super().translate_path("/" + route[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A page left before its requests finished closes their connections: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SiteServer:
    """The built site on a loopback port."""

    root: Path
    origin: str
    prefix: str

    def url(self, path: str = "") -> str:
        """The URL of `path`, relative to the site root (e.g. 'en/claims/x/')."""
        return self.origin + self.prefix + path.lstrip("/")

    def path_of(self, url: str) -> str:
        """The site-relative path of a served URL (inverse of `url`)."""
        route = urlsplit(url).path
        assert route.startswith(self.prefix), f"{url} is outside the site {self.prefix}"
        return route[len(self.prefix) :]


def site_prefix(site: Path) -> str:
    """The URL path the site is published under, read from the home page's canonical link."""
    soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None, "the home page has no <link rel=canonical>"
    path = urlsplit(str(canonical["href"])).path or "/"
    return path if path.endswith("/") else path + "/"


@dataclass
class Traffic:
    """What the pages of one browser context asked for and complained about."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)

    def clear(self) -> None:
        """Forget what was seen so far (between pages of one test)."""
        for seen in (
            self.console_errors,
            self.page_errors,
            self.failed,
            self.http_errors,
            self.offsite,
            self.responses,
        ):
            seen.clear()

    def problems(self, *, expected_404: str | None = None) -> list[str]:
        """Every problem seen, as readable lines (empty when the pages loaded cleanly).

        Args:
            expected_404: the URL of a page that is meant to answer 404 (the not-found test).
        """
        http = [e for e in self.http_errors if not (expected_404 and e == f"404 {expected_404}")]
        console = self.console_errors
        if expected_404:
            # Chromium logs the 404 status of the document itself as a console error.
            console = [e for e in console if "status of 404" not in e]
        return (
            [f"console error: {e}" for e in console]
            + [f"page error: {e}" for e in self.page_errors]
            + [f"request failed: {e}" for e in self.failed]
            + [f"HTTP error: {e}" for e in http]
            + [f"request left {LOOPBACK}: {e}" for e in self.offsite]
        )


@dataclass
class Visit:
    """A browser context with its traffic log; `open` loads a page of the site."""

    context: BrowserContext
    traffic: Traffic
    server: SiteServer

    def open(self, path: str = "", *, wait: str = "load") -> Page:
        page = self.context.new_page()
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.traffic.page_errors.append(str(error)))
        page.goto(self.server.url(path), wait_until=wait)  # type: ignore[arg-type]
        return page

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.traffic.console_errors.append(f"{message.text} ({where})")


def new_visit(browser: Browser, server: SiteServer, **options: object) -> Visit:
    traffic = Traffic()
    context = browser.new_context(**options)  # type: ignore[arg-type]
    # Everything here is local and small: fail in seconds, not in Playwright's default 30.
    context.set_default_timeout(5_000)

    def guard(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if host == LOOPBACK:
            route.continue_()
        else:
            traffic.offsite.append(route.request.url)
            route.abort("blockedbyclient")

    def failed(request: Request) -> None:
        # ERR_ABORTED: the page was left (a click) before the request finished; not a failure.
        if urlsplit(request.url).hostname == LOOPBACK and request.failure != "net::ERR_ABORTED":
            traffic.failed.append(f"{request.url} ({request.failure})")

    def responded(response: Response) -> None:
        traffic.responses.append(response)
        if response.status >= 400:
            traffic.http_errors.append(f"{response.status} {response.url}")

    context.route("**/*", guard)
    context.on("requestfailed", failed)
    context.on("response", responded)
    return Visit(context, traffic, server)
