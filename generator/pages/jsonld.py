"""schema.org data for search engines and fact-check aggregators, as JSON-LD.

A claim page carries one `ClaimReview` (what Google's Fact Check Explorer reads); the home
page of each language carries the publishing `Organization` and the `WebSite`. Everything
is in the page's language; URLs are absolute; dates are ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.content.kinds import Content
from generator.content.model import Claim, Person, Staff
from generator.pages.urls import SiteUrls

CONTEXT = "https://schema.org"


def _iso(value: dt.date) -> str:
    return value.isoformat()


def organization(content: Content, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """The publisher of the site, as an `Organization`."""
    site = content.site
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": urls.root + "#organization",
        "name": site.name[lang] if site else "",
        "url": urls.root,
    }
    if site is None:
        return data
    data["alternateName"] = site.organization[lang]
    if site.contact.startswith("mailto:"):
        data["email"] = site.contact.removeprefix("mailto:")
    else:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "url": site.contact,
            "contactType": "corrections",
        }
    if site.repository:
        data["sameAs"] = [site.repository]
    if site.founded:
        data["foundingDate"] = _iso(site.founded)
    return data


def website(content: Content, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """The site in one language, as a `WebSite` published by the organization."""
    site = content.site
    data: dict[str, Any] = {
        "@type": "WebSite",
        "@id": urls.home(lang) + "#website",
        "name": site.name[lang] if site else "",
        "url": urls.home(lang),
        "inLanguage": lang,
        "publisher": {"@id": urls.root + "#organization"},
    }
    if site:
        data["description"] = site.tagline[lang]
    return data


def home_graph(content: Content, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """The JSON-LD of a language's home page: the organization and the website."""
    return {
        "@context": CONTEXT,
        "@graph": [organization(content, lang, urls), website(content, lang, urls)],
    }


def _claimant(person: Person | None, claimant_id: str, lang: str) -> dict[str, Any]:
    if person is None:
        return {"@type": "Person", "name": claimant_id}
    data: dict[str, Any] = {
        # schema.org's Claim.author is a Person or an Organization: a publication (an
        # article, an outlet) is published by an organization, so it is one here.
        "@type": "Person" if person.kind == "person" else "Organization",
        "name": person.name[lang],
        "description": person.role[lang],
    }
    same_as = list(person.same_as)
    if person.wikidata:
        same_as.insert(0, f"https://www.wikidata.org/wiki/{person.wikidata}")
    if same_as:
        data["sameAs"] = same_as
    return data


def _staff(member: Staff, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """A member of the newsroom (or a desk signing as one), for `creator` and `editor`."""
    data: dict[str, Any] = {
        "@id": f"{urls.root}#staff-{member.id}",
        "@type": "Person" if member.kind == "person" else "Organization",
        "name": member.name[lang],
    }
    if member.kind == "person":
        data["jobTitle"] = member.role[lang]
    else:
        data["description"] = member.role[lang]
    return data


def _appearance(claim: Claim, lang: str) -> dict[str, Any]:
    """Where the claim appeared: a link when we have one, else an inline description."""
    appearance = claim.appearance
    work: dict[str, Any] = {"@type": "CreativeWork", "name": appearance.medium[lang]}
    if appearance.url:
        work["url"] = appearance.url
    if appearance.date:
        work["datePublished"] = _iso(appearance.date)
    return work


def claim_review(
    claim: Claim,
    content: Content,
    lang: str,
    urls: SiteUrls,
    *,
    explanation: str = "",
    modified: dt.date | None = None,
) -> dict[str, Any]:
    """The `ClaimReview` of one claim page in `lang`.

    `explanation` is the verdict as plain text (the rating's explanation); `modified` the
    date of the last change readers were told about (default: `updated`, else `published`).
    """
    ratings = content.ratings
    rating = next((r for r in ratings.ratings if r.id == claim.rating), None) if ratings else None
    review_rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": rating.label[lang] if rating else claim.rating,
    }
    # An explainer has no place on the scale: no numbers, only the label.
    if ratings and rating and rating.value is not None:
        review_rating["ratingValue"] = rating.value
        review_rating["bestRating"] = ratings.scale.best
        review_rating["worstRating"] = ratings.scale.worst
    if explanation:
        review_rating["ratingExplanation"] = explanation
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _claimant(content.people.get(claim.claimant), claim.claimant, lang),
        "appearance": [_appearance(claim, lang)],
        "firstAppearance": _appearance(claim, lang),
    }
    if claim.appearance.date:
        item["datePublished"] = _iso(claim.appearance.date)
    publisher = organization(content, lang, urls)
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": urls.page(lang, f"claims/{claim.id}/"),
        "name": claim.title[lang],
        "claimReviewed": claim.short[lang],
        "inLanguage": lang,
        "datePublished": _iso(claim.published),
        "dateModified": _iso(modified or claim.updated or claim.published),
        "author": publisher,
        "publisher": {"@id": publisher["@id"]},
        "reviewRating": review_rating,
        "itemReviewed": item,
    }
    # `author` stays the organization (Google's ClaimReview asks for the fact-checker that
    # publishes the review); the people who wrote and edited it are schema.org's `creator`
    # and `editor` of the review, which every CreativeWork may carry.
    # One who both wrote and edited it is described once, then referred to by `@id`.
    described: set[str] = set()
    for key, member_id in (("creator", claim.author), ("editor", claim.editor)):
        member = content.staff.get(member_id) if member_id else None
        if member is None:
            continue
        node = _staff(member, lang, urls)
        review[key] = {"@id": node["@id"]} if node["@id"] in described else node
        described.add(node["@id"])
    return review


def data_feed(
    reviews: list[dict[str, Any]],
    content: Content,
    lang: str,
    urls: SiteUrls,
    *,
    url: str,
    name: str,
) -> dict[str, Any]:
    """A schema.org `DataFeed` of `reviews` (the `ClaimReview`s of `claim_review`, unchanged),
    published at `url` by the site's organization."""
    modified = max((str(r["dateModified"]) for r in reviews), default=None)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "@id": url,
        "url": url,
        "name": name,
        "inLanguage": lang,
        "isPartOf": {"@id": urls.home(lang) + "#website"},
        "publisher": organization(content, lang, urls),
    }
    if modified:
        data["dateModified"] = modified
    data["dataFeedElement"] = [_in_feed(review, data["publisher"]) for review in reviews]
    return data


def _in_feed(review: dict[str, Any], publisher: dict[str, Any]) -> dict[str, Any]:
    """`review` as an element of a feed: the feed's `@context` covers it, and an author that is
    the feed's publisher is referred to by its `@id` (about 200 bytes less a claim each)."""
    element = {key: value for key, value in review.items() if key != "@context"}
    author = element.get("author")
    if isinstance(author, dict) and author == publisher:
        element["author"] = {"@id": publisher["@id"]}
    return element


def script_text(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> element: `</` cannot end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
