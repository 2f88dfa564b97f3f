"""What makes pages findable and shareable: per-page head data and the site-wide files.

For each rendered page: the Open Graph and Twitter meta, the JSON-LD, the social card and
the feed link. For each language: the Atom feed; for the whole site (built with the default
language): the site map of both languages and robots.txt. Plain functions over the model
and the rendered pages; `plugin.py` only hands their results to MkDocs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.content.images import write_images
from generator.content.kinds import Content
from generator.content.model import DEFAULT_LANGUAGE, LANGUAGES, Claim
from generator.pages import jsonld
from generator.pages.cards import Card, CardCache
from generator.pages.feeds import Category, Feed, FeedEntry, atom_feed
from generator.pages.render import modified_date, plain_text
from generator.pages.sitemap import (
    PART_PATTERN,
    SitemapFile,
    SitemapPage,
    robots_txt,
    sitemap_files,
)
from generator.pages.strings import STRINGS
from generator.pages.urls import SiteUrls
from generator.pages.views import RenderedPage

# Open Graph locales of the site languages.
OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}
CARD_NAME = "card.png"
CARD_SIZE = (1200, 630)
FEED_NAME = "feed.xml"
FEED_LIMIT = 50
# The ClaimReview data feed of each language, and one table of both for researchers.
DATA_FEED_NAME = "claimreview.json"
DATA_TABLE_NAME = "claimreview.csv"


@dataclass(frozen=True)
class PageHead:
    """Everything a page's <head> needs beyond what MkDocs writes."""

    meta: list[tuple[str, str, str]]  # (attribute, name, content): ("property", "og:title", …)
    jsonld: str  # JSON text, ready for a <script type="application/ld+json">, or ""
    feed_url: str
    feed_title: str
    data_feed_url: str
    data_feed_title: str
    # (rel, href): the previous and next pages of a list of claims
    links: tuple[tuple[str, str], ...] = ()


def card_path(page: RenderedPage) -> str:
    """Where a page's card image lives, relative to the language root (the further pages of
    a list share the first page's)."""
    return (page.card_of or page.path) + CARD_NAME


def site_address(urls: SiteUrls) -> str:
    """The root URL as people write it: 'bayyin.github.io/bayyin'."""
    parts = urlsplit(urls.root)
    return (parts.netloc + parts.path).rstrip("/")


def card_for(page: RenderedPage, content: Content, lang: str, urls: SiteUrls) -> Card:
    view = page.card
    rating = view.rating
    site = content.site
    return Card(
        lang=lang,
        title=view.title or page.title,
        site_name=site.name["ar"] + STRINGS[lang]["separator"] + site.name["en"] if site else "",
        address=site_address(urls),
        kicker=view.kicker,
        byline=view.byline,
        rating_label=rating.label if rating else "",
        rating_step=rating.step if rating else None,
        rating_tone=rating.tone if rating else "",
    )


def feed_url(lang: str, urls: SiteUrls) -> str:
    return urls.home(lang) + FEED_NAME


def data_feed_url(lang: str, urls: SiteUrls) -> str:
    return urls.home(lang) + DATA_FEED_NAME


def claim_review(claim: Claim, content: Content, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """The ClaimReview of a claim, the one object both its page and the data feed carry."""
    return jsonld.claim_review(
        claim,
        content,
        lang,
        urls,
        explanation=plain_text(claim.summary[lang]),
        modified=modified_date(claim, content.history.of(claim.id)),
    )


def page_head(page: RenderedPage, content: Content, lang: str, urls: SiteUrls) -> PageHead:
    """The Open Graph, Twitter and JSON-LD data of one page."""
    t = STRINGS[lang]
    site = content.site
    site_name = site.name[lang] if site else ""
    url = urls.page(lang, page.path)
    image = urls.page(lang, card_path(page))
    # What the image shows: a page sharing another's card (a further page of a list, an
    # older claim with its rating's card) has that card's title.
    alt = t["card_alt"].format(title=page.card.title or page.title)
    article = page.kind in ("claim", "story")
    meta: list[tuple[str, str, str]] = [
        ("property", "og:type", "article" if article else "website"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES[lang]),
        *[
            ("property", "og:locale:alternate", OG_LOCALES[other])
            for other in LANGUAGES
            if other != lang
        ],
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(CARD_SIZE[0])),
        ("property", "og:image:height", str(CARD_SIZE[1])),
        ("property", "og:image:alt", alt),
    ]
    published, updated = page.published, page.updated
    if article and published:
        meta.append(("property", "article:published_time", published.isoformat()))
        meta.append(("property", "article:modified_time", (updated or published).isoformat()))
    # X falls back to og:title, og:description and og:image for its card
    # (developer.x.com/cards/markup): each said once, not twice on every page.
    meta += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image:alt", alt),
    ]
    if page.noindex:
        meta.append(("name", "robots", "noindex"))
    data: dict[str, Any] | None = None
    claim = page.claim
    if page.noindex:
        pass  # no ClaimReview for a page search engines must not list
    elif page.kind == "claim" and claim is not None:
        data = claim_review(claim, content, lang, urls)
    elif page.kind == "home":
        data = jsonld.home_graph(content, lang, urls)
    return PageHead(
        meta=meta,
        jsonld=jsonld.script_text(data) if data else "",
        feed_url=feed_url(lang, urls),
        feed_title=t["feed_title"].format(site=site_name),
        data_feed_url=data_feed_url(lang, urls),
        data_feed_title=t["claimreview_feed"],
        links=tuple(
            (rel, urls.page(lang, path))
            for rel, path in (("prev", page.previous), ("next", page.next))
            if path is not None
        ),
    )


def feed(content: Content, lang: str, urls: SiteUrls) -> bytes:
    """The Atom feed of the latest published claims in `lang`, with their verdicts."""
    t = STRINGS[lang]
    site = content.site
    ratings = {r.id: r for r in (content.ratings.ratings if content.ratings else [])}
    claims = _published(content)[:FEED_LIMIT]
    entries = []
    for claim in claims:
        rating = ratings.get(claim.rating)
        label = rating.label[lang] if rating else claim.rating
        categories = [Category(claim.rating, label, urls.home(lang) + "ratings/")]
        categories += [
            Category(topic, topic, urls.home(lang) + "topics/") for topic in claim.topics
        ]
        summary = f"{t['rating']}: {label}. {plain_text(claim.summary[lang])}"
        entries.append(
            FeedEntry(
                url=urls.page(lang, f"claims/{claim.id}/"),
                title=claim.title[lang],
                summary=summary,
                published=claim.published,
                updated=modified_date(claim, content.history.of(claim.id)),
                categories=categories,
            )
        )
    site_name = site.name[lang] if site else ""
    return atom_feed(
        Feed(
            title=t["feed_title"].format(site=site_name),
            subtitle=site.tagline[lang] if site else "",
            lang=lang,
            url=feed_url(lang, urls),
            home=urls.home(lang),
            author=site.organization[lang] if site else site_name,
            entries=entries,
        )
    )


def sitemap_page(page: RenderedPage) -> SitemapPage | None:
    """A page's entry in the site map, or None for a page search engines must not list."""
    if page.noindex:
        return None
    return SitemapPage(page.path, page.last_changed)


def sitemap(pages: list[SitemapPage], urls: SiteUrls, default: str) -> list[SitemapFile]:
    """The site map of every page in every language (every page exists in each): the index
    and its parts."""
    return sitemap_files(pages, urls, LANGUAGES, default)


def _published(content: Content) -> list[Claim]:
    """Published claims, newest first (ties by id): the order of the feeds."""
    return sorted(
        (c for c in content.claims.values() if c.listed),
        key=lambda c: (c.published, c.id),
        reverse=True,
    )


def data_feed(content: Content, lang: str, urls: SiteUrls) -> bytes:
    """Every published claim's ClaimReview in `lang`, as one schema.org DataFeed."""
    reviews = [claim_review(claim, content, lang, urls) for claim in _published(content)]
    feed = jsonld.data_feed(
        reviews,
        content,
        lang,
        urls,
        url=data_feed_url(lang, urls),
        name=STRINGS[lang]["claimreview_feed"],
    )
    # Compact: indentation was 12 % of the file, for a file programs read.
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


# The columns of the researchers' table: one row per claim and language.
TABLE_COLUMNS = (
    "inLanguage",
    "url",
    "name",
    "claimReviewed",
    "datePublished",
    "dateModified",
    "ratingAlternateName",
    "ratingValue",
    "bestRating",
    "worstRating",
    "ratingExplanation",
    "claimAuthor",
    "appearanceUrl",
    "appearanceDate",
)


def table_row(review: dict[str, Any]) -> dict[str, str]:
    """One ClaimReview as a row of the researchers' table."""
    rating = review["reviewRating"]
    item = review["itemReviewed"]
    appearance = item["firstAppearance"]
    values = {
        "inLanguage": review["inLanguage"],
        "url": review["url"],
        "name": review["name"],
        "claimReviewed": review["claimReviewed"],
        "datePublished": review["datePublished"],
        "dateModified": review["dateModified"],
        "ratingAlternateName": rating["alternateName"],
        "ratingValue": rating.get("ratingValue", ""),
        "bestRating": rating.get("bestRating", ""),
        "worstRating": rating.get("worstRating", ""),
        "ratingExplanation": rating.get("ratingExplanation", ""),
        "claimAuthor": item["author"]["name"],
        "appearanceUrl": appearance.get("url", ""),
        "appearanceDate": appearance.get("datePublished", ""),
    }
    return {key: str(value) for key, value in values.items()}


def data_table(content: Content, urls: SiteUrls) -> bytes:
    """Every published claim's ClaimReview in every language, as CSV (RFC 4180)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=TABLE_COLUMNS)
    writer.writeheader()
    for lang in LANGUAGES:
        for claim in _published(content):
            writer.writerow(table_row(claim_review(claim, content, lang, urls)))
    # With a byte-order mark: Excel, where newsrooms open a CSV, reads a file without one in
    # the computer's code page and garbles the Arabic; readers that know UTF-8 skip it
    # (Python's "utf-8-sig", pandas, R's readr, LibreOffice).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_card(
    site_dir: Path,
    page: RenderedPage,
    content: Content,
    lang: str,
    urls: SiteUrls,
    cards: CardCache,
) -> None:
    """Write a page's social card (the further pages of a list share the first page's)."""
    if page.card_of is not None:
        return  # the first page of its list writes the card
    target = site_dir / card_path(page)
    target.parent.mkdir(parents=True, exist_ok=True)
    cards.write(card_for(page, content, lang, urls), target)


def write_site_map(site_dir: Path, site_map: list[SitemapPage], urls: SiteUrls, lang: str) -> None:
    """Write the site map (its index and parts, every page's entry) and robots.txt (once,
    from the build whose output is the site root)."""
    files = sitemap(site_map, urls, lang)
    # A part left from an earlier, larger site map in this folder is removed: every part
    # in the site root is one the index lists.
    names = {file.name for file in files}
    for old in site_dir.glob("sitemap-*.xml"):
        if PART_PATTERN.fullmatch(old.name) and old.name not in names:
            old.unlink()
    for file in files:
        (site_dir / file.name).write_bytes(file.data)
    (site_dir / "robots.txt").write_text(robots_txt(urls), encoding="utf-8")


def write_site_files(site_dir: Path, content: Content, lang: str, urls: SiteUrls) -> None:
    """Write the feeds of one language; from the default language's build, the data table
    of both and the evidence images too."""
    (site_dir / FEED_NAME).write_bytes(feed(content, lang, urls))
    (site_dir / DATA_FEED_NAME).write_bytes(data_feed(content, lang, urls))
    if lang == DEFAULT_LANGUAGE:
        # Both languages' rows, in the site root; a preview refresh writes it again too.
        (site_dir / DATA_TABLE_NAME).write_bytes(data_table(content, urls))
        # Evidence images live once, at the site root, for the pages of every language.
        write_images(content, site_dir)
