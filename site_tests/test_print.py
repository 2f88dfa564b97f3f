"""Printing a claim page gives the claim, the rating, the context and every full source URL."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browsing import Visit
from catalogue import LANGUAGES, claim_path, richest_claim
from playwright.sync_api import expect

CHROME = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".bayyin-header-search",
    ".bayyin-switch",
    ".md-footer",
]


def same_address(shown: str, href: str) -> bool:
    """Whether two spellings of a URL name the same address (percent-encoded or not, with an
    IDNA host or not)."""

    def plain(url: str) -> tuple[str, ...]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if "xn--" in host:
            host = host.encode("ascii").decode("idna")
        return (
            parts.scheme,
            host,
            *(unquote(p) for p in (parts.path, parts.query, parts.fragment)),
        )

    return plain(shown) == plain(href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_claim_page(visit: Visit, artifacts: Path, lang: str) -> None:
    page = visit.open(claim_path(richest_claim(), lang))
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
    sources = article.locator(".bayyin-sources__list > li")
    assert sources.count() > 0
    for source in sources.all():
        # The full address is drawn from the title's link (CSS content), on its own line
        # under the title, in place of the readable one.
        expect(source.locator(".bayyin-source__url")).to_be_hidden()
        title = source.locator("a.bayyin-source__title")
        href = title.get_attribute("href")
        printed = json.loads(title.evaluate("a => getComputedStyle(a, '::after').content"))
        assert same_address(printed, href or ""), f"{href} not printed in full"
        assert printed.isascii(), f"{printed} would be drawn out of order"
        assert title.evaluate("a => getComputedStyle(a, '::after').display") == "block"
        clipped = source.evaluate("e => e.scrollWidth > e.clientWidth")
        assert not clipped, f"{href} is cut off in print"
        for quote in source.locator(".bayyin-sources__list details > blockquote").all():
            expect(quote).to_be_visible()
    for selector in CHROME:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"claim-{lang}-print.png"), full_page=True)
