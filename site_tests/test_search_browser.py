"""Arabic search in a real Chromium: what a reader types into the search box finds the claim.

The built site is served on 127.0.0.1; Debian's Chromium (no browser download) types into
Material's search box. The JavaScript normalizer must agree with the Python reference on
every word of the Arabic index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browsing import SiteServer
from catalogue import content
from playwright.sync_api import Page

from generator.content.model import Claim
from generator.pages.search_ar import PREFIXES, normalize_token


def published_claims() -> list[Claim]:
    return [c for c in content().claims.values() if c.status == "published"]


def _search(page: Page, query: str, server: SiteServer) -> list[str]:
    """Type `query` into the search box; return the site paths of the results shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    # Material listens for key events: filling alone (as an input method does) is not enough.
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    return sorted({server.path_of(href) for href in hrefs})


def _epstein_claims() -> set[str]:
    found = {f"claims/{c.id}/" for c in published_claims() if "إبستين" in c.title["ar"]}
    assert found, "content has a claim about the Epstein files"
    return found


@pytest.mark.parametrize("query", ["ابستين", "إبستين", "إبْسـتين", "بإبستين"])
def test_arabic_variants_find_the_epstein_claim(
    page: Page, origin: str, site_server: SiteServer, query: str
) -> None:
    page.goto(origin)
    results = _search(page, query, site_server)
    assert _epstein_claims() & set(results), results


def _index_words(site: Path, lang: str) -> list[str]:
    root = "" if lang == "ar" else f"{lang}/"
    index = json.loads((site / root / "search/search_index.json").read_text("utf-8"))
    words: set[str] = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        words.update(re.split(r"[\s\-]+", text))
    return sorted(w for w in words if w)


def _prefixed_only(site: Path) -> list[tuple[str, str]]:
    """Words the Arabic index holds only with a prefix attached (e.g. only بالمحكمة), as
    (bare word to type, the written form): without normalization, typing the bare word
    finds nothing, since Lunr matches from the start of a word."""
    words = _index_words(site, "ar")
    raw = {re.sub(r"^\W+|\W+$", "", w.lower()) for w in words}
    pairs = []
    for word in sorted(raw):
        for prefix in PREFIXES:
            bare = word[len(prefix) :]
            if (
                word.startswith(prefix)
                and len(bare) >= 4
                and re.fullmatch(r"[\u0621-\u064a]+", bare)
                and normalize_token(bare) == bare
                and not any(other.startswith(bare) for other in raw)
            ):
                pairs.append((bare, word))
                break
    return pairs[:: max(1, len(pairs) // 3)][:3]


def test_bare_word_finds_its_prefixed_form(
    page: Page, origin: str, site_server: SiteServer, built_site: Path
) -> None:
    pairs = _prefixed_only(built_site)
    assert pairs, "the Arabic index has words that only appear with a prefix"
    for bare, written in pairs:
        # A fresh page each time: results of the previous query must not be read as these.
        page.goto(origin)
        results = _search(page, bare, site_server)
        assert results, f"typing {bare} finds nothing, though the site has {written}"
        for path in results[:3]:
            text = (built_site / path / "index.html").read_text("utf-8")
            assert written in text.lower() or bare in text, (bare, path)


def test_javascript_normalizer_matches_python(page: Page, origin: str, built_site: Path) -> None:
    page.goto(origin)
    page.add_script_tag(url=origin + "assets/bayyin/search-ar.js")
    words = _index_words(built_site, "ar")
    words += ["إبستين", "بماسك", "وللقاء", "مـُذَكَّرَة", "ٱلله", "٢٠٢٥", "«(DOGE)»", "ولد", "على"]
    in_browser = page.evaluate("words => words.map(self.bayyinSearch.normalizeToken)", words)
    differ = [
        (w, js, normalize_token(w))
        for w, js in zip(words, in_browser, strict=True)
        if js != normalize_token(w)
    ]
    assert len(words) > 500
    assert differ == []


def test_english_search_uses_materials_worker(
    page: Page, origin: str, site_server: SiteServer
) -> None:
    page.goto(origin + "en/")
    config = page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
    assert "search-ar.js" not in config["search"]
    claim = next(c for c in published_claims() if "Epstein" in c.title["en"])
    results = _search(page, "Epstein", site_server)
    assert f"en/claims/{claim.id}/" in results


def test_search_result_opens_the_claim(page: Page, origin: str, site_server: SiteServer) -> None:
    page.goto(origin)
    _search(page, "ابستين", site_server)
    first = page.locator("a.md-search-result__link").first
    target = site_server.path_of(first.evaluate("a => a.href"))
    assert target in _epstein_claims()
    first.click()
    page.wait_for_load_state("load")
    assert site_server.path_of(page.url) == target
    assert page.locator("html").get_attribute("dir") == "rtl"
