"""Security in a real Chromium: hostile titles run no script, and the real site's pages keep
to their Content-Security-Policy.

The hostile site is built from the valid fixture with markup put straight into every title,
name and label that reaches Material (past `check`, which refuses it: this tests the second
line of defence, the escaping and the policy). Each payload would set `window.__xss`.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import (
    LOOPBACK,
    PROJECT,
    QuietServer,
    SiteHandler,
    SiteServer,
    Visit,
    new_visit,
    site_prefix,
)
from playwright.sync_api import Browser, Page
from pydantic import BaseModel

from generator.content.model import Text
from generator.site.build import _build_into, check

HOSTILE = (
    "Hostile <img src=x onerror=\"window.__xss='img'\"> "
    "</title><script>window.__xss='script'</script> "
    "<https://a.b/contenteditable/autofocus/onfocus=window.__xss='autolink'//>"
)
# Records every Content-Security-Policy violation of the page, before any of its scripts runs.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI + " " + event.sample);
});
"""


def _hostile(model: BaseModel, **fields: Any) -> Any:
    return model.model_copy(update=fields)


def _text() -> Text:
    return Text(ar=HOSTILE, en=HOSTILE)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    base = tmp_path_factory.mktemp("xss")
    project = base / "project"
    shutil.copytree(PROJECT / "tests" / "fixtures" / "valid" / "content", project / "content")
    (project / "theme").symlink_to(PROJECT / "theme", target_is_directory=True)
    config = project / "mkdocs.yml"
    shutil.copy2(PROJECT / "mkdocs.yml", config)
    config.write_text(
        re.sub(
            r"(?m)^site_name: .*$",
            "site_name: " + json.dumps(HOSTILE).replace("\\", "\\\\"),
            config.read_text("utf-8"),
        ),
        encoding="utf-8",
    )
    content, diagnostics = check(project)
    assert [d for d in diagnostics if d.severity == "error"] == []
    content.claims = {
        k: _hostile(c, title=_text(), short=_text()) for k, c in content.claims.items()
    }
    content.people = {k: _hostile(p, name=_text(), role=_text()) for k, p in content.people.items()}
    content.stories = {k: _hostile(s, title=_text()) for k, s in content.stories.items()}
    content.pages = {k: _hostile(p, title=_text()) for k, p in content.pages.items()}
    assert content.site is not None and content.ratings and content.topics
    content.site = _hostile(content.site, name=_text(), tagline=_text())
    content.ratings = _hostile(
        content.ratings,
        ratings=[_hostile(r, label=_text()) for r in content.ratings.ratings],
    )
    content.topics = _hostile(
        content.topics, topics=[_hostile(t, label=_text()) for t in content.topics.topics]
    )
    work = base / "work"
    work.mkdir()
    site = base / "site"
    built, _ = _build_into(project, work, content, parallel=False)
    shutil.move(built, site)
    handler = type("Handler", (SiteHandler,), {"prefix": site_prefix(site)})
    server = QuietServer((LOOPBACK, 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="xss-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(site, f"http://{LOOPBACK}:{server.server_port}", site_prefix(site))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def hostile_visit(browser: Browser, hostile_server: SiteServer) -> Iterator[Visit]:
    made = new_visit(browser, hostile_server)
    made.context.add_init_script(WATCH)
    yield made
    made.context.close()


def _pages(site: Path) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site)).replace(".", "") + "/"
        for p in site.rglob("index.html")
        if "search" not in p.parts
    )


def _search(page: Page, query: str) -> None:
    """Search with the header's box: it goes to the search page, which shows the results."""
    box = page.locator("form.bayyin-header-search input[name=q]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("li.bayyin-result", timeout=10_000)


def test_hostile_titles_run_no_script(hostile_visit: Visit, hostile_server: SiteServer) -> None:
    paths = _pages(hostile_server.root)
    assert len(paths) > 20
    for path in paths:
        page = hostile_visit.open(path.lstrip("/"))
        # The title is shown as the text it is, in the tab and in the header.
        assert HOSTILE in page.title(), path
        header = page.locator(".md-header__title").text_content() or ""
        assert HOSTILE in " ".join(header.split()), path
        assert page.evaluate("window.__xss") is None, path
        page.close()
    for lang in ("", "en/"):
        page = hostile_visit.open(lang)
        _search(page, "Hostile")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, f"search results of {lang or 'ar/'}"
        page.close()


def _real_pages(site: Path) -> list[str]:
    """One page of each kind, in both languages."""
    kinds = ["", "claims/", "people/", "ratings/", "topics/", "about/", "methodology/"]
    for folder in ("claims", "people", "ratings", "topics", "stories"):
        first = sorted(p for p in (site / folder).iterdir() if p.is_dir())
        if first:
            kinds.append(f"{folder}/{first[0].name}/")
    return [prefix + kind for prefix in ("", "en/") for kind in kinds]


def test_real_pages_keep_to_their_policy(browser: Browser, site_server: SiteServer) -> None:
    visit = new_visit(browser, site_server)
    visit.context.add_init_script(WATCH)
    try:
        for path in [*_real_pages(site_server.root), "no-such-page/"]:
            page = visit.open(path)
            policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
            assert policy.count() == 1, path
            assert "unsafe-inline" not in (policy.get_attribute("content") or "")
            if path in ("", "en/"):
                _search(page, "ماسك" if path == "" else "Musk")
            page.wait_for_timeout(200)
            assert page.evaluate("window.__csp") == [], path
            page.close()
        problems = visit.traffic.problems(expected_404=site_server.url("no-such-page/"))
        assert problems == []
    finally:
        visit.context.close()
