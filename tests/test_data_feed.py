"""The ClaimReview data feeds of the built site, read back against the JSON-LD of every
claim page: the same ClaimReview objects, field for field; and the researchers' CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from built_pages import (
    LANGUAGES,
    absolute,
    claim_ids,
    html_pages,
    language_root,
    parse,
    resolve,
)

from generator.pages.publishing import TABLE_COLUMNS, table_row


def feed(site: Path, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (site / language_root(lang) / "claimreview.json").read_text("utf-8")
    )
    return data


def page_review(site: Path, lang: str, claim_id: str) -> dict[str, Any]:
    page = parse(site, f"{language_root(lang)}claims/{claim_id}/")
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0].string)
    return data


def as_on_the_page(element: dict[str, Any], feed: dict[str, Any]) -> dict[str, Any]:
    """A feed element read as JSON-LD reads it: under the feed's @context, with a reference
    by @id to the feed's publisher standing for the publisher's node."""
    review = {"@context": feed["@context"], **element}
    if review.get("author") == {"@id": feed["publisher"]["@id"]}:
        review["author"] = feed["publisher"]
    return review


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_holds_the_reviews_of_the_pages(built_site: Path, lang: str) -> None:
    data = feed(built_site, lang)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DataFeed"
    assert data["url"] == absolute(f"{language_root(lang)}claimreview.json")
    assert data["inLanguage"] == lang
    elements = {element["url"]: element for element in data["dataFeedElement"]}
    assert len(elements) == len(data["dataFeedElement"]) == len(claim_ids())
    for claim_id in claim_ids():
        review = page_review(built_site, lang, claim_id)
        assert review["@type"] == "ClaimReview"
        assert as_on_the_page(elements[review["url"]], data) == review
    assert data["dateModified"] == max(e["dateModified"] for e in elements.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_announces_the_feed_of_its_language(built_site: Path, lang: str) -> None:
    expected = absolute(f"{language_root(lang)}claimreview.json")
    pages = [p for p in html_pages(built_site) if p.startswith("en/") == (lang == "en")]
    assert pages
    for path in pages:
        links = parse(built_site, path).find_all(
            "link", rel="alternate", type="application/ld+json"
        )
        assert [link["href"] for link in links] == [expected], path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_methodology_page_links_the_feed_and_the_table(built_site: Path, lang: str) -> None:
    path = f"{language_root(lang)}methodology/"
    links = parse(built_site, path).select(".bayyin-data-feeds a")
    targets = [resolve(path, link["href"]) for link in links]
    assert targets == [f"{language_root(lang)}claimreview.json", "claimreview.csv"]
    for target in targets:
        assert (built_site / target).is_file()


def test_the_table_has_a_row_per_review(built_site: Path) -> None:
    data = (built_site / "claimreview.csv").read_bytes()
    # UTF-8 with a byte-order mark, which Excel needs to read the Arabic as UTF-8.
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == TABLE_COLUMNS
    expected = [
        table_row(element)
        for lang in LANGUAGES
        for element in feed(built_site, lang)["dataFeedElement"]
    ]
    assert rows == expected
    for row in rows:
        review = page_review(
            built_site, row["inLanguage"], row["url"].rstrip("/").rsplit("/", 1)[1]
        )
        assert row["name"] == review["name"]
        assert row["dateModified"] == review["dateModified"]
        assert row["ratingAlternateName"] == review["reviewRating"]["alternateName"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_is_compact_and_names_its_publisher_once(built_site: Path, lang: str) -> None:
    text = (built_site / language_root(lang) / "claimreview.json").read_text("utf-8")
    assert "\n" not in text.rstrip("\n")
    data = json.loads(text)
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"]
    for element in data["dataFeedElement"]:
        assert "@context" not in element
        assert element["author"] == {"@id": publisher["@id"]}
        assert element["publisher"] == {"@id": publisher["@id"]}
