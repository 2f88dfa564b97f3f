"""The structured data of the built pages, read back with extruct as a crawler would.

Every claim page carries exactly one ClaimReview in its language. It is validated against a
JSON Schema that encodes schema.org's types and Google's ClaimReview requirements (required
and recommended properties, absolute URLs, ISO 8601 dates, a rating inside its scale,
claimReviewed of 75 characters or fewer), then compared with the content it came from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import extruct
import pytest
from built_pages import (
    LANGUAGES,
    PROJECT,
    absolute,
    claim_ids,
    content,
    html_pages,
    language_root,
    page_file,
    parse,
    root_url,
)
from jsonschema import Draft202012Validator

from generator.content.history import read_histories
from generator.pages import jsonld
from generator.pages.render import modified_date
from generator.pages.urls import SiteUrls

ABSOLUTE_URL = {"type": "string", "pattern": r"^https?://[^/\s]+\.[^/\s]+(/\S*)?$"}
ISO_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$"}
TEXT = {"type": "string", "minLength": 1}
ORGANIZATION = {
    "type": "object",
    "required": ["@type", "name", "url"],
    "properties": {
        "@type": {"const": "Organization"},
        "@id": ABSOLUTE_URL,
        "name": TEXT,
        "url": ABSOLUTE_URL,
        "sameAs": {"type": "array", "items": ABSOLUTE_URL},
        "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+$"},
    },
}
PERSON_OR_ORGANIZATION = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"enum": ["Person", "Organization"]},
        "name": TEXT,
        "sameAs": {"type": "array", "minItems": 1, "items": ABSOLUTE_URL},
    },
}
# Who wrote and who edited the review (schema.org's CreativeWork.creator and .editor):
# described, or (the editor who also wrote it) referred to by the @id of the description.
STAFF = {
    "anyOf": [
        {
            "type": "object",
            "required": ["@id", "@type", "name"],
            "additionalProperties": False,
            "properties": {
                "@id": ABSOLUTE_URL,
                "@type": {"enum": ["Person", "Organization"]},
                "name": TEXT,
                "jobTitle": TEXT,
                "description": TEXT,
            },
        },
        {
            "type": "object",
            "required": ["@id"],
            "additionalProperties": False,
            "properties": {"@id": ABSOLUTE_URL},
        },
    ]
}
CREATIVE_WORK = {
    "type": "object",
    "required": ["@type"],
    # "A link to, or inline description of, a CreativeWork in which this claim occurs."
    "anyOf": [{"required": ["url"]}, {"required": ["name"]}, {"required": ["headline"]}],
    "properties": {
        "@type": {"const": "CreativeWork"},
        "url": ABSOLUTE_URL,
        "name": TEXT,
        "datePublished": ISO_DATE,
    },
}
RATING = {
    "type": "object",
    "required": ["@type", "alternateName"],
    # A rating on the scale carries all three numbers, or none (an explainer).
    "dependentRequired": {
        "ratingValue": ["bestRating", "worstRating"],
        "bestRating": ["ratingValue", "worstRating"],
        "worstRating": ["ratingValue", "bestRating"],
    },
    "properties": {
        "@type": {"const": "Rating"},
        "alternateName": TEXT,
        "ratingValue": {"type": "integer"},
        "bestRating": {"type": "integer"},
        "worstRating": {"type": "integer"},
        "ratingExplanation": TEXT,
    },
}
CLAIM = {
    "type": "object",
    "required": ["@type", "author", "appearance", "firstAppearance"],
    "properties": {
        "@type": {"const": "Claim"},
        "author": PERSON_OR_ORGANIZATION,
        "datePublished": ISO_DATE,
        "appearance": {"type": "array", "minItems": 1, "items": CREATIVE_WORK},
        "firstAppearance": CREATIVE_WORK,
    },
}
CLAIM_REVIEW = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "reviewRating",
        "author",
        "datePublished",
        "dateModified",
        "inLanguage",
        "itemReviewed",
    ],
    "properties": {
        "@context": {"enum": ["https://schema.org", "https://schema.org/"]},
        "@type": {"const": "ClaimReview"},
        "url": ABSOLUTE_URL,
        "name": TEXT,
        "claimReviewed": {"type": "string", "minLength": 1, "maxLength": 75},
        "inLanguage": {"enum": list(LANGUAGES)},
        "datePublished": ISO_DATE,
        "dateModified": ISO_DATE,
        "author": ORGANIZATION,
        "creator": STAFF,
        "editor": STAFF,
        "publisher": {"type": "object", "required": ["@id"]},
        "reviewRating": RATING,
        "itemReviewed": CLAIM,
    },
}
HOME_GRAPH = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["@context", "@graph"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@graph": {
            "type": "array",
            "prefixItems": [
                ORGANIZATION,
                {
                    "type": "object",
                    "required": ["@type", "@id", "name", "url", "inLanguage", "publisher"],
                    "properties": {
                        "@type": {"const": "WebSite"},
                        "url": ABSOLUTE_URL,
                        "inLanguage": {"enum": list(LANGUAGES)},
                    },
                },
            ],
            "minItems": 2,
            "maxItems": 2,
        },
    },
}
Draft202012Validator.check_schema(CLAIM_REVIEW)
Draft202012Validator.check_schema(HOME_GRAPH)


def _problems(schema: dict[str, Any], data: Any) -> list[str]:
    validator = Draft202012Validator(schema)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def _json_ld(site: Path, path: str) -> list[dict[str, Any]]:
    html = page_file(site, path).read_text("utf-8")
    data = extruct.extract(html, base_url=absolute(path), syntaxes=["json-ld"], uniform=False)
    items: list[dict[str, Any]] = data["json-ld"]
    return items


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("claim_id", claim_ids())
def test_claim_page_has_one_valid_claim_review(built_site: Path, claim_id: str, lang: str) -> None:
    path = f"{language_root(lang)}claims/{claim_id}/"
    items = _json_ld(built_site, path)
    reviews = [i for i in items if i.get("@type") == "ClaimReview"]
    assert len(reviews) == 1 and len(items) == 1, items
    review = reviews[0]
    assert _problems(CLAIM_REVIEW, review) == []

    data = content()
    claim = data.claims[claim_id]
    soup = parse(built_site, path)
    canonical = soup.select_one("head link[rel=canonical]")
    assert canonical is not None and review["url"] == canonical["href"] == absolute(path)
    assert review["inLanguage"] == lang
    assert review["claimReviewed"] == claim.short[lang]
    assert _date(review["datePublished"]) == claim.published
    # The last reader-visible change: `updated`, or a later commit in git (history.py).
    history = read_histories(PROJECT / "content").of(claim_id)
    assert _date(review["dateModified"]) == modified_date(claim, history)
    assert _date(review["dateModified"]) >= (claim.updated or claim.published)
    assert _date(review["dateModified"]) >= _date(review["datePublished"])
    assert review["author"]["url"].startswith(root_url())
    assert data.site is not None and review["author"]["name"] == data.site.name[lang]

    assert data.ratings is not None
    rating = next(r for r in data.ratings.ratings if r.id == claim.rating)
    given = review["reviewRating"]
    assert given["alternateName"] == rating.label[lang]
    if rating.value is None:
        assert not {"ratingValue", "bestRating", "worstRating"} & set(given)
    else:
        assert given["ratingValue"] == rating.value
        assert given["bestRating"] == data.ratings.scale.best
        assert given["worstRating"] == data.ratings.scale.worst
        assert given["worstRating"] <= given["ratingValue"] <= given["bestRating"]

    for key, member_id in (("creator", claim.author), ("editor", claim.editor)):
        if member_id is None:
            assert key not in review
            continue
        member = data.staff[member_id]
        described = review[key]
        if key == "editor" and member_id == claim.author:
            assert described == {"@id": review["creator"]["@id"]}
            described = review["creator"]
        assert described["name"] == member.name[lang]
        assert described["@type"] == ("Person" if member.kind == "person" else "Organization")
        assert described["@id"] == f"{root_url()}#staff-{member_id}"

    item = review["itemReviewed"]
    person = data.people[claim.claimant]
    assert item["author"]["name"] == person.name[lang]
    # schema.org's Claim.author is a Person or an Organization; a publication is an
    # organization's work, so it is given as one.
    assert item["author"]["@type"] == ("Person" if person.kind == "person" else "Organization")
    expected_same_as = (
        [f"https://www.wikidata.org/wiki/{person.wikidata}"] if person.wikidata else []
    ) + list(person.same_as)
    assert item["author"].get("sameAs", []) == expected_same_as
    if claim.appearance.date:
        assert _date(item["datePublished"]) == claim.appearance.date
    for work in [*item["appearance"], item["firstAppearance"]]:
        assert work.get("url") == claim.appearance.url
        assert work["name"] == claim.appearance.medium[lang]


def test_explainer_has_a_label_but_no_numbers() -> None:
    data = content()
    assert data.ratings is not None
    unrated = [r for r in data.ratings.ratings if r.value is None]
    assert unrated, "the vocabulary has an explainer rating outside the scale"
    claim = next(iter(data.claims.values())).model_copy(update={"rating": unrated[0].id})
    for lang in LANGUAGES:
        review = jsonld.claim_review(claim, data, lang, SiteUrls("https://example.org/site/"))
        assert _problems(CLAIM_REVIEW, review) == []
        assert review["reviewRating"]["alternateName"] == unrated[0].label[lang]
        assert not {"ratingValue", "bestRating", "worstRating"} & set(review["reviewRating"])


def test_schema_rejects_what_google_rejects() -> None:
    """The schema can fail: a long claimReviewed, a relative URL, a rating without its scale."""
    data = content()
    claim = next(iter(data.claims.values()))
    good = jsonld.claim_review(claim, data, "en", SiteUrls("https://example.org/site/"))
    assert _problems(CLAIM_REVIEW, good) == []
    broken = [
        {**good, "claimReviewed": "x" * 76},
        {**good, "url": "/claims/x/"},
        {**good, "datePublished": "26/11/2026"},
        {**good, "reviewRating": {"@type": "Rating", "alternateName": "X", "ratingValue": 3}},
        {k: v for k, v in good.items() if k != "itemReviewed"},
    ]
    for case in broken:
        assert _problems(CLAIM_REVIEW, case), case


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_describes_the_publisher_and_the_site(built_site: Path, lang: str) -> None:
    items = _json_ld(built_site, language_root(lang))
    assert len(items) == 1
    graph = items[0]
    assert _problems(HOME_GRAPH, graph) == []
    organization, website = graph["@graph"]
    data = content()
    assert data.site is not None
    assert organization["name"] == data.site.name[lang]
    assert organization["url"] == root_url()
    assert website["url"] == absolute(language_root(lang))
    assert website["inLanguage"] == lang
    assert website["publisher"] == {"@id": organization["@id"]}


def test_only_claim_pages_carry_a_claim_review(built_site: Path) -> None:
    for path in html_pages(built_site):
        kinds = [i.get("@type") for i in _json_ld(built_site, path)]
        is_claim = "/claims/" in f"/{path}" and path.rstrip("/").split("/")[-1] != "claims"
        assert ("ClaimReview" in kinds) == is_claim, path
