"""Arrows point the way the page reads: mirrored in Arabic, not in English."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browsing import MOBILE, Visit
from catalogue import LANGUAGES, claim_ids, claim_path
from layout import mirrored

# The external-link arrow after a source title points to the far corner of the line.
SOURCE_ARROW = {"ar": "↖", "en": "↗"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_arrows_follow_the_reading_direction(visit_with: Callable[..., Visit], lang: str) -> None:
    visit = visit_with(viewport=MOBILE)
    page = visit.open(claim_path(claim_ids()[0], lang))
    rtl = lang == "ar"

    titles = page.locator("a.bayyin-source__title")
    assert titles.count() > 0
    for title in titles.all():
        arrow = title.evaluate("a => getComputedStyle(a, '::after').content")
        assert SOURCE_ARROW[lang] in arrow, f"source link arrow {arrow} on a {lang} page"
        assert SOURCE_ARROW["en" if rtl else "ar"] not in arrow

    # The header's search button (a magnifier) is drawn the same in both languages.
    magnifier = page.locator("form.bayyin-header-search button svg").element_handle()
    assert magnifier is not None and not mirrored(magnifier)

    # "Back to top" points up in both languages.
    top = page.locator("button.md-top svg").element_handle()
    assert top is not None and not mirrored(top)

    # Footer "previous"/"next" links (when the theme shows them): arrows mirrored in Arabic
    # and "next" on the reading side's end.
    for link in page.locator(".md-footer__link").all():
        icon = link.locator("svg").first.element_handle()
        assert icon is not None and mirrored(icon) == rtl
    prev, nxt = page.locator(".md-footer__link--prev"), page.locator(".md-footer__link--next")
    if prev.count() and nxt.count():
        prev_box, next_box = prev.bounding_box(), nxt.bounding_box()
        assert prev_box and next_box
        assert (next_box["x"] < prev_box["x"]) == rtl, "'next' is on the wrong side"
