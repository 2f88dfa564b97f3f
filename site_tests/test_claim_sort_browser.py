"""The all-claims list in Chromium: the order menu appears and reorders the claims by date."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page


def _order(page: Page, key: str) -> list[str]:
    values: list[str] = page.locator("ul[data-bayyin-sortable] > li").evaluate_all(
        f"items => items.map(li => li.dataset.{key})"
    )
    return values


@pytest.mark.parametrize("root", ["", "en/"])
def test_order_menu_reorders_the_list(page: Page, origin: str, root: str) -> None:
    page.goto(origin + root + "claims/")
    menu = page.locator("[data-bayyin-sort]")
    assert menu.is_visible(), "the script reveals the order menu"
    titles = sorted(page.locator("li.bayyin-card .bayyin-card__title").all_inner_texts())
    published = _order(page, "published")
    assert published == sorted(published, reverse=True)

    page.select_option("#bayyin-sort", "published-asc")
    assert _order(page, "published") == sorted(published)

    page.select_option("#bayyin-sort", "said-desc")
    said = _order(page, "said")
    known = [d for d in said if d]
    # Newest claim first; claims whose date is unknown come last.
    assert said == sorted(known, reverse=True) + [""] * (len(said) - len(known))

    page.select_option("#bayyin-sort", "said-asc")
    said = _order(page, "said")
    assert said == sorted(known) + [""] * (len(said) - len(known))
    # Reordering moves the claims; it neither loses nor copies one.
    assert sorted(page.locator("li.bayyin-card .bayyin-card__title").all_inner_texts()) == titles


def test_list_without_javascript_hides_the_menu(browser: Browser, origin: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(origin + "claims/")
    assert not tab.locator("[data-bayyin-sort]").is_visible()
    assert tab.locator("ul[data-bayyin-sortable] > li").count() > 0
    context.close()
