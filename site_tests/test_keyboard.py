"""A reader with a keyboard only: skip link, visible focus, citations and their way back."""

from __future__ import annotations

import pytest
from browsing import Visit
from catalogue import LANGUAGES, claim_ids, claim_path
from playwright.sync_api import Page, expect

# Whether the focused element shows it: an outline or a focus shadow that is actually drawn.
_FOCUS_SHOWN = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
    && s.outlineColor !== "rgba(0, 0, 0, 0)";
  const shadow = s.boxShadow !== "none";
  const r = e.getBoundingClientRect();
  return {shown: outline || shadow, visible: r.width > 0 && r.height > 0,
          html: e.outerHTML.slice(0, 100)};
}
"""


def tab(page: Page) -> None:
    page.keyboard.press("Tab")


def claim_page(visit: Visit, lang: str) -> Page:
    return visit.open(claim_path(claim_ids()[0], lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_jumps_to_the_content(visit: Visit, lang: str) -> None:
    page = claim_page(visit, lang)
    tab(page)
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["width"] > 0, "the focused skip link is not shown"
    assert 0 <= box["y"] < page.viewport_size["height"], "the focused skip link is off screen"  # type: ignore[index]
    href = skip.get_attribute("href") or ""
    assert href.startswith("#") and page.locator(href).count() == 1, f"skip target {href} missing"
    starts_content = page.locator(href).evaluate(
        """t => { const h1 = document.querySelector(".md-content h1");
                  return t === h1 || t.contains(h1)
                    || !!(t.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING); }"""
    )
    assert starts_content, f"the skip link jumps to {href}, past the page title and claim box"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == href
    tab(page)
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, "after skipping, Tab does not continue inside the content"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_focus_is_always_visible(visit: Visit, lang: str) -> None:
    page = claim_page(visit, lang)
    unseen = []
    seen = 0
    for _ in range(60):
        tab(page)
        state = page.evaluate(_FOCUS_SHOWN)
        if state is None:
            break
        seen += 1
        if not (state["shown"] and state["visible"]):
            unseen.append(state["html"])
    assert seen >= 20, f"only {seen} elements reachable by Tab"
    assert unseen == [], "focus is not visible on:\n" + "\n".join(unseen)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_citation_markers_are_reachable_and_lead_back(visit: Visit, lang: str) -> None:
    page = claim_page(visit, lang)
    markers = page.locator("article.bayyin-claim .bayyin-cite a")
    assert markers.count() > 0, "no citation marker on the claim page"
    for _ in range(150):
        tab(page)
        if page.evaluate("!!document.activeElement.closest('.bayyin-cite')"):
            break
    else:
        raise AssertionError("no citation marker reached in 150 presses of Tab")
    marker_id = page.evaluate("document.activeElement.id")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert marker_id and target.startswith("#source-")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    source = page.locator(target)
    expect(source).to_have_count(1)
    expect(source).to_be_in_viewport()
    assert source.evaluate("e => e.matches(':target')")
    # The next Tab lands on the way back to the text.
    tab(page)
    back = page.evaluate("document.activeElement.getAttribute('href')")
    assert page.evaluate("!!document.activeElement.closest('.bayyin-source__back')"), (
        "Tab after a citation does not reach its back link"
    )
    backs = source.locator("a.bayyin-source__back, .bayyin-source__back a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert f"#{marker_id}" in backs, f"{target} has no back link to #{marker_id}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == back
    expect(page.locator(back)).to_be_in_viewport()
    # Every marker and every back link points at something that exists.
    for href in markers.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, f"citation {href} has no source"
    for href in page.locator("a.bayyin-source__back, .bayyin-source__back a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert page.locator(href).count() == 1, f"back link {href} leads nowhere"
