"""Atom feeds of the latest claims, one per language (RFC 4287)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str


@dataclass(frozen=True)
class FeedEntry:
    """One claim in a feed: its page URL doubles as its permanent id."""

    url: str
    title: str
    summary: str
    published: dt.date
    updated: dt.date
    categories: list[Category] = field(default_factory=list)


@dataclass(frozen=True)
class Feed:
    title: str
    subtitle: str
    lang: str
    url: str  # where the feed itself is published
    home: str  # the site the feed belongs to
    author: str
    entries: list[FeedEntry]


def _timestamp(day: dt.date) -> str:
    # Content has dates, not times: midnight UTC keeps the feed stable between builds.
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(feed: Feed) -> bytes:
    """The feed as an Atom document, entries newest first."""

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = text
        return element

    # Names are written unqualified under one default namespace: no global prefix registry.
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": feed.lang})
    add(root, "id", feed.url)
    add(root, "title", feed.title)
    add(root, "subtitle", feed.subtitle)
    add(root, "link", rel="self", type="application/atom+xml", href=feed.url)
    add(root, "link", rel="alternate", type="text/html", href=feed.home)
    updated = max((e.updated for e in feed.entries), default=None)
    add(root, "updated", _timestamp(updated or dt.date(1970, 1, 1)))
    author = add(root, "author")
    add(author, "name", feed.author)
    add(author, "uri", feed.home)
    entries = sorted(feed.entries, key=lambda e: (e.published, e.url), reverse=True)
    for entry in entries:
        item = add(root, "entry")
        add(item, "id", entry.url)
        add(item, "title", entry.title, type="text")
        add(item, "link", rel="alternate", type="text/html", href=entry.url)
        add(item, "published", _timestamp(entry.published))
        add(item, "updated", _timestamp(entry.updated))
        for category in entry.categories:
            add(item, "category", term=category.term, label=category.label, scheme=category.scheme)
        add(item, "summary", entry.summary, type="text")
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
