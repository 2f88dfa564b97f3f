"""The language switcher leads to the same page in the other language, and back."""

from __future__ import annotations

import pytest
from browsing import Visit
from catalogue import claim_ids, claim_path, page_types
from playwright.sync_api import Page, expect


def switch(page: Page, to: str) -> None:
    link = page.locator(f"a.bayyin-switch[hreflang='{to}']")
    expect(link).to_have_count(1)
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()


def test_switcher_goes_to_the_counterpart_claim_and_back(visit: Visit) -> None:
    """The foundation's browser test: an Arabic claim page, right to left, and its English twin."""
    claim_id = claim_ids()[0]
    page = visit.open(claim_path(claim_id, "ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    arabic_title = page.locator("article.bayyin-claim h1").inner_text()

    switch(page, "en")
    assert visit.server.path_of(page.url) == f"en/claims/{claim_id}/"
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    english_title = page.locator("article.bayyin-claim h1").inner_text()
    assert english_title != arabic_title

    switch(page, "ar")
    assert visit.server.path_of(page.url) == f"claims/{claim_id}/"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.locator("article.bayyin-claim h1").inner_text() == arabic_title
    assert visit.traffic.problems() == []


@pytest.mark.parametrize("kind", ["home", "story", "about"])
def test_switcher_on_other_pages(visit: Visit, kind: str) -> None:
    arabic, english = page_types("ar")[kind], page_types("en")[kind]
    page = visit.open(arabic)
    switch(page, "en")
    assert visit.server.path_of(page.url) == english
    switch(page, "ar")
    assert visit.server.path_of(page.url) == arabic
    assert visit.traffic.problems() == []
