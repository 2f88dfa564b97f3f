"""Search in a real Chromium: the search page finds what a reader types, in each language.

The built site is served on 127.0.0.1 under its sub-path; Debian's Chromium (no browser
download) opens the search page (search/?q=) and the header's search box. The JavaScript
normalizer and stemmer must agree with the Python reference on every word of the site.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import SiteServer, Visit, new_visit
from playwright.sync_api import Browser, Page, expect

from generator.content.search_ar import known_words
from generator.content.search_text import terms, words
from generator.pages.search_index import index_folder, search
from generator.pages.urls import language_root


@pytest.fixture
def visit(browser: Browser, site_server: SiteServer) -> Iterator[Visit]:
    made = new_visit(browser, site_server)
    yield made
    made.context.close()


def _results(page: Page) -> list[str]:
    """The paths of the results shown, once the search has answered."""
    status = page.locator("[data-bayyin-search-status]")
    # Empty until the script runs, "…" while it searches; then a count or "no results".
    expect(status).to_have_text(re.compile(r"[^\u2026]$"), timeout=10_000)
    return page.locator("li.bayyin-result").evaluate_all("items => items.map(i => i.dataset.path)")


def _open(visit: Visit, lang: str, query: str = "", **filters: str) -> Page:
    params = "&".join(f"{k}={v}" for k, v in {"q": query, **filters}.items() if v)
    return visit.open(f"{language_root(lang)}search/?{params}")


def _expected(site: Path, lang: str, query: str, **filters: str) -> list[str]:
    folder = index_folder(site, lang)
    found = search(folder, query, filters).documents
    records = {}
    for doc in found[:10]:
        shard = json.loads((folder / f"r/{doc // 16}.json").read_text("utf-8"))
        records[doc] = shard[doc % 16][0]
    return [records[d] for d in found[:10]]


@pytest.mark.parametrize(
    ("lang", "query", "other"),
    [
        ("ar", "ترمب", "ترامب"),
        ("ar", "بماسك", "ماسك"),
        ("ar", "ابستين", "إبستين"),
        ("en", "fired", "firings"),
        ("en", "Epsteins", "Epstein"),
    ],
)
def test_word_forms_find_the_same_claims(
    visit: Visit, built_site: Path, lang: str, query: str, other: str
) -> None:
    page = _open(visit, lang, query)
    shown = _results(page)
    status = page.locator("[data-bayyin-search-status]").text_content()
    assert shown, f"{query} finds nothing ({status}; {visit.traffic.problems()})"
    assert shown == _expected(built_site, lang, query)
    assert shown == _expected(built_site, lang, other)
    assert not [p for p in shown if p.startswith("en/")]
    assert visit.traffic.console_errors == [] and visit.traffic.page_errors == []


def test_each_language_finds_its_own_pages(visit: Visit, built_site: Path) -> None:
    for lang in ("ar", "en"):
        page = _open(visit, lang, "Musk" if lang == "en" else "ماسك")
        assert _results(page)
        links = page.locator("li.bayyin-result a").evaluate_all("as => as.map(a => a.href)")
        assert links
        root = visit.server.url(language_root(lang))
        assert all(link.startswith(root) for link in links)
        if lang == "ar":
            assert not [link for link in links if "/en/" in link]
        page.close()


def test_filters_narrow_the_results_and_are_in_the_address(visit: Visit, built_site: Path) -> None:
    page = _open(visit, "en", "Musk")
    everything = _results(page)
    select = page.locator("select[name=rating]")
    value = select.locator("option").nth(1).get_attribute("value") or ""
    select.select_option(value)
    narrowed = _results(page)
    assert f"rating={value}" in page.url
    assert set(narrowed) < set(everything) or narrowed == _expected(
        built_site, "en", "Musk", rating=value
    )
    assert narrowed == _expected(built_site, "en", "Musk", rating=value)
    page.close()
    manifest = json.loads((index_folder(built_site, "en") / "manifest.json").read_text("utf-8"))
    year = manifest["facets"]["year"][0][0]
    page = _open(visit, "en", "", year=year)
    assert page.locator("select[name=year]").input_value() == year
    assert _results(page) == _expected(built_site, "en", "", year=year)


def test_results_show_labels_apart_from_values_and_isolate_snippets(visit: Visit) -> None:
    page = _open(visit, "ar", "ماسك")
    _results(page)
    first = page.locator("li.bayyin-result").first
    facts = first.locator("dl.bayyin-result__facts > div").first
    assert facts.locator("dt").text_content() == "صاحب الادعاء:"
    assert re.search(r"صاحب الادعاء: \S", facts.inner_text().replace("\n", " "))
    assert first.locator("p.bayyin-result__snippet > bdi[dir=auto]").count() == 1


def test_the_header_box_lands_on_the_search_page(visit: Visit) -> None:
    for lang, query in (("ar", "ماسك"), ("en", "Musk")):
        page = visit.open(f"{language_root(lang)}claims/")
        box = page.locator("form.bayyin-header-search input[name=q]")
        box.fill(query)
        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        assert _results(page), lang
        assert page.locator("#bayyin-search-q").input_value() == query
        page.close()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "!!! ... ؟؟ «»",
        "\u064e\u064f\u0650\u0651",
        "Musk ماسك 2025",
        "<script>alert(1)</script>",
        "ترمب " * 2000,
    ],
)
def test_bad_queries_answer_quickly_without_errors(visit: Visit, query: str) -> None:
    page = visit.open("search/")
    started = time.monotonic()
    page.locator("#bayyin-search-q").fill(query)
    page.locator("#bayyin-search-q").press("Enter")
    _results(page)
    took = time.monotonic() - started
    assert took < 1.0, took
    assert page.locator("[data-bayyin-search-status]").text_content()
    assert visit.traffic.console_errors == [] and visit.traffic.page_errors == []
    assert page.evaluate("typeof window.alert") == "function"


def _site_words(site: Path, lang: str) -> list[str]:
    root = site / language_root(lang)
    found: set[str] = set()
    for html in root.rglob("index.html"):
        if lang == "ar" and "en" in html.relative_to(root).parts[:1]:
            continue
        text = re.sub(r"<[^>]+>", " ", html.read_text("utf-8"))
        found.update(text.split())
    return sorted(found)


def test_javascript_terms_match_python(visit: Visit, built_site: Path) -> None:
    page = visit.open("search/")
    page.wait_for_function("() => self.bayyinSearch !== undefined")
    site_words = _site_words(built_site, "ar") + _site_words(built_site, "en")
    site_words += ["إبستين", "بماسك", "وللقاء", "مـُذَكَّرَة", "ٱلله", "٢٠٢٥", "Epstein’s", "ولاية"]
    known = sorted(known_words(w for t in site_words for w in words(t)))
    in_browser = page.evaluate(
        "([words, known]) => { const k = new Set(known);"
        " return words.map(w => self.bayyinSearch.terms(w, k, {}).join(' ')) }",
        [site_words, known],
    )
    python = [" ".join(terms(w, frozenset(known))) for w in site_words]
    differ = [
        (w, js, py) for w, js, py in zip(site_words, in_browser, python, strict=True) if js != py
    ]
    assert len(site_words) > 3000
    assert differ == []


def test_more_results_come_a_page_at_a_time(visit: Visit, built_site: Path) -> None:
    folder = index_folder(built_site, "ar")
    everything = search(folder, "ماسك").documents
    assert len(everything) > 10, "the content has more than a page of results for ماسك"
    page = _open(visit, "ar", "ماسك")
    assert len(_results(page)) == 10
    assert page.locator("[data-bayyin-search-status]").text_content() == (
        f"عدد النتائج: {len(everything)}"
    )
    more = page.locator("button[data-bayyin-search-more]")
    more.click()
    expect(page.locator("li.bayyin-result")).to_have_count(min(20, len(everything)))
    assert more.is_hidden() == (len(everything) <= 20)
