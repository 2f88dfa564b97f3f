"""Printing a claim page gives the claim, the rating, the context and every full source URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Visit
from catalogue import LANGUAGES, claim_ids, claim_path
from playwright.sync_api import expect

CHROME = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".bayyin-switch",
    ".md-footer",
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_claim_page(visit: Visit, artifacts: Path, lang: str) -> None:
    page = visit.open(claim_path(claim_ids()[-1], lang))
    page.emulate_media(media="print")
    article = page.locator("article.bayyin-claim")
    for selector in (
        "h1",
        ".bayyin-claimbox__text",
        ".bayyin-rating",
        "#verdict",
        ".bayyin-sources",
    ):
        expect(article.locator(selector).first).to_be_visible()
    for heading in article.locator("section > h2").all():
        expect(heading).to_be_visible()
    sources = article.locator("li.bayyin-source")
    assert sources.count() > 0
    for source in sources.all():
        url = source.locator(".bayyin-source__url")
        expect(url).to_be_visible()
        href = source.locator("a.bayyin-source__title").get_attribute("href")
        assert url.inner_text().strip() == href, "the printed URL is not the full address"
        clipped = url.evaluate("e => e.scrollWidth > e.clientWidth")
        assert not clipped, f"{href} is cut off in print"
        for quote in source.locator(".bayyin-source__quote > blockquote").all():
            expect(quote).to_be_visible()
    for selector in CHROME:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"claim-{lang}-print.png"), full_page=True)
