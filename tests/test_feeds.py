"""The Atom feed of each language: well-formed, complete by RFC 4287, and linked from pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from built_pages import (
    LANGUAGES,
    absolute,
    content,
    html_pages,
    language_root,
    page_file,
    parse,
    published_claims,
    root_url,
)
from lxml import etree

from generator.pages.feeds import Category, Feed, FeedEntry, atom_feed
from generator.pages.render import plain_text

NS = {"a": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _feed(site: Path, lang: str) -> etree._Element:
    path = site / language_root(lang) / "feed.xml"
    return etree.fromstring(path.read_bytes())


def _timestamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_is_valid_atom(built_site: Path, lang: str) -> None:
    feed = _feed(built_site, lang)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.get(XML_LANG) == lang
    # RFC 4287 4.1.1: one id, title and updated; an author (here for the whole feed).
    for name in ("id", "title", "updated", "author/a:name"):
        assert len(feed.findall(f"a:{name}", NS)) == 1, name
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link is not None
    assert self_link.get("href") == absolute(language_root(lang) + "feed.xml")
    updated = _timestamp(feed.findtext("a:updated", namespaces=NS) or "")
    entries = feed.findall("a:entry", NS)
    for entry in entries:
        for name in ("id", "title", "updated", "published", "summary"):
            assert len(entry.findall(f"a:{name}", NS)) == 1, name
        link = entry.find("a:link[@rel='alternate']", NS)
        assert link is not None and link.get("href") == entry.findtext("a:id", namespaces=NS)
        assert _timestamp(entry.findtext("a:updated", namespaces=NS) or "") <= updated
    ids = [e.findtext("a:id", namespaces=NS) for e in entries]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_lists_the_claims_with_their_full_verdict(built_site: Path, lang: str) -> None:
    feed = _feed(built_site, lang)
    entries = {e.findtext("a:id", namespaces=NS): e for e in feed.findall("a:entry", NS)}
    claims = published_claims()
    assert len(entries) == min(len(claims), 50)
    published = [e.findtext("a:published", namespaces=NS) or "" for e in entries.values()]
    assert published == sorted(published, reverse=True)
    ratings = content().ratings
    assert ratings is not None
    labels = {r.id: r.label[lang] for r in ratings.ratings}
    for claim in claims:
        url = absolute(f"{language_root(lang)}claims/{claim.id}/")
        entry = entries[url]
        assert entry.findtext("a:title", namespaces=NS) == claim.title[lang]
        summary = entry.findtext("a:summary", namespaces=NS) or ""
        assert plain_text(claim.summary[lang]) in summary
        assert labels[claim.rating] in summary
        assert "[@" not in summary
        terms = {c.get("term") for c in entry.findall("a:category", NS)}
        assert {claim.rating, *claim.topics} <= terms
        # The entry's link is a page of the built site.
        assert page_file(built_site, url.removeprefix(root_url())).is_file()


def test_every_page_links_to_its_language_feed(built_site: Path) -> None:
    for path in html_pages(built_site):
        lang = "en" if path.startswith("en/") else "ar"
        links = parse(built_site, path).select(
            "head link[rel=alternate][type='application/atom+xml']"
        )
        assert len(links) == 1, path
        assert links[0]["href"] == absolute(language_root(lang) + "feed.xml")
        assert links[0].get("title")


def test_feed_escapes_text_and_keeps_arabic() -> None:
    entry = FeedEntry(
        url="https://example.org/claims/x/",
        title='«عنوان» & <b>"x"</b>',
        summary="ملخص < > &",
        published=dt.date(2025, 6, 5),
        updated=dt.date(2025, 6, 7),
        categories=[Category("misleading", "مضلل", "https://example.org/ratings/")],
    )
    data = atom_feed(
        Feed("t", "s", "ar", "https://example.org/feed.xml", "https://example.org/", "a", [entry])
    )
    feed = etree.fromstring(data)
    parsed = feed.find("a:entry", NS)
    assert parsed is not None
    assert parsed.findtext("a:title", namespaces=NS) == entry.title
    assert parsed.findtext("a:summary", namespaces=NS) == entry.summary
    assert feed.findtext("a:updated", namespaces=NS) == "2025-06-07T00:00:00Z"
