"""axe-core finds no serious or critical WCAG 2.1 AA violation on any type of page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import Visit
from catalogue import LANGUAGES, page_types
from playwright.sync_api import Page, expect

AXE = Axe()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
PAGE_TYPES = list(page_types("ar"))


def violations(page: Page) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations, one readable line per failing element."""
    results = AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            found.append(
                f"{violation['id']} ({violation['impact']}): {node['target']} "
                f"{node.get('failureSummary', '').splitlines()[-1].strip()}"
            )
    return found


def open_page_type(visit: Visit, kind: str, lang: str) -> Page:
    """Open a page of type `kind`; fail with a clear message when the site has none."""
    path = page_types(lang)[kind]
    if kind == "404":
        page = visit.open(path)
        assert visit.traffic.http_errors == [f"404 {visit.server.url(path)}"]
        return page
    built = visit.server.root / path.split("?", 1)[0] / "index.html"
    assert built.is_file(), (
        f"no {kind} page in the built site: expected {path}index.html "
        f"(the {kind} pages of issue 5 are not built yet?)"
    )
    page = visit.open(path)
    if kind == "search":
        # The search page with results shown: the cards, their labels and the filters.
        results = page.locator("li.bayyin-result")
        try:
            expect(results.first).to_be_visible()
        except AssertionError:
            status = page.locator("[data-bayyin-search-status]").text_content()
            raise AssertionError(
                f"the search page {page.url} shows no result ({status!r})"
            ) from None
    return page


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violations(visit: Visit, kind: str, lang: str) -> None:
    page = open_page_type(visit, kind, lang)
    found = violations(page)
    print(f"axe {kind}/{lang}: {len(found)} serious or critical")
    assert not found, f"{len(found)} serious/critical on {page.url}:\n" + "\n".join(found)
    expected_404 = visit.server.url(page_types(lang)[kind]) if kind == "404" else None
    assert visit.traffic.problems(expected_404=expected_404) == []
