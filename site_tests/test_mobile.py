"""At 360×740 (a small phone) no page scrolls sideways.

Every claim page is checked at this size by test_claim_pages; here, the largest page of every
other kind (home, lists, stories, claimant, rating and topic pages, about, 404...).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browsing import MOBILE, Visit
from catalogue import LANGUAGES, claim_path, largest_page_of_each_kind, richest_claim
from layout import overflow_problem


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_horizontally_on_a_phone(
    visit_with: Callable[..., Visit], lang: str
) -> None:
    visit = visit_with(viewport=MOBILE, is_mobile=True, has_touch=True)
    kinds = largest_page_of_each_kind(visit.server.root, lang)
    assert len(kinds) >= 6, f"too few kinds of {lang} pages: {kinds}"
    page = visit.open(kinds.get("", ""))
    found = {}
    for path in kinds.values():
        page.goto(visit.server.url(path))
        problems = visit.traffic.problems()
        visit.traffic.clear()
        too_wide = overflow_problem(page)
        if too_wide:
            problems.append(too_wide)
        if problems:
            found[path] = problems
    assert found == {}, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)


# A phone 390 px wide (the common size today; MOBILE is the smallest one checked).
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [MOBILE, PHONE], ids=["360", "390"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_source_addresses_take_one_line_and_show_their_host(
    visit_with: Callable[..., Visit], lang: str, viewport: dict[str, int]
) -> None:
    visit = visit_with(viewport=viewport, is_mobile=True, has_touch=True)
    page = visit.open(claim_path(richest_claim(), lang))
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.bayyin-source__url')].map(line => {
             const box = line.getBoundingClientRect();
             const host = line.querySelector('bdi').getBoundingClientRect();
             const height = parseFloat(getComputedStyle(line).lineHeight);
             return {text: line.innerText, lines: Math.round(box.height / height),
                     hostShown: host.left >= box.left - 1 && host.right <= box.right + 1};
           })"""
    )
    assert lines, "no source address on the page"
    wrapped = [line["text"] for line in lines if line["lines"] != 1]
    assert wrapped == [], f"addresses on more than one line: {wrapped}"
    hidden = [line["text"] for line in lines if not line["hostShown"]]
    assert hidden == [], f"addresses whose host is cut off: {hidden}"
    assert visit.traffic.problems() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_keeps_the_site_name_whole_on_a_phone(
    visit_with: Callable[..., Visit], lang: str
) -> None:
    # The header's search box gives way to its magnifier, which opens the search page with
    # that page's box ready to type in.
    visit = visit_with(viewport=PHONE, is_mobile=True, has_touch=True)
    page = visit.open(claim_path(richest_claim(), lang))
    name = page.locator(".md-header__topic:not([data-md-component]) .md-ellipsis")
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), name.inner_text()
    assert not page.locator("#bayyin-header-q").is_visible()
    page.locator("form.bayyin-header-search button").click()
    page.wait_for_url("**/search/?q=*")
    focused = page.evaluate("document.activeElement && document.activeElement.id")
    assert focused == "bayyin-search-q"
    assert visit.traffic.problems() == []
