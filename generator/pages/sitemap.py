"""The site map of both languages, with each page's language alternates; and robots.txt.

`sitemap.xml` is a sitemap index: it lists the parts, `sitemap-1.xml`, `sitemap-2.xml`...
beside it, each of at most `PART_SIZE` <url> entries. Always an index, even when one part
would do: crawlers are given one shape whatever the size of the archive (the address in
robots.txt never changes meaning), and tests read one shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from generator.pages.urls import SiteUrls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
INDEX_NAME = "sitemap.xml"
# The parts live beside the index at the site root, not in a folder of their own: Google
# counts a site map only for the pages under the folder it is in, so a part in sitemaps/
# could list no page at all.
PART_NAME = "sitemap-{number}.xml"
PART_PATTERN = re.compile(r"sitemap-[1-9][0-9]*\.xml")
# sitemaps.org allows 50,000 URLs and 52,428,800 bytes (uncompressed) in one file, and a URL
# of under 2,048 characters. An entry carries its address and its 2 languages' and
# x-default's: 8.4 KB at that longest, so 5,000 entries stay under 50 MB (42 MB) whatever
# the ids (10,000 would not). With this site's addresses an entry takes 450 to 550 bytes: a
# full part is under 3 MB, and 10,000 claims (22,092 entries) make 5 parts.
PART_SIZE = 5_000
MAX_PART_BYTES = 52_428_800


@dataclass(frozen=True)
class SitemapPage:
    path: str  # relative to a language root, the same in every language: "claims/x/"
    lastmod: dt.date | None = None


@dataclass(frozen=True)
class SitemapFile:
    """One file of the site map: its name in the site root and its bytes."""

    name: str
    data: bytes


def sitemap_files(
    pages: Iterable[SitemapPage],
    urls: SiteUrls,
    languages: Iterable[str],
    default: str,
    *,
    part_size: int = PART_SIZE,
) -> list[SitemapFile]:
    """The index (`sitemap.xml`) then its parts, in the order of `pages`.

    A page's entries in every language go into one part, so a part holds the pages of
    `part_size // len(languages)` pages. The bytes depend on the pages alone: the same
    content gives the same files (the build is reproducible).

    Raises:
        ValueError: `part_size` is smaller than the number of languages, or a part would
            pass sitemaps.org's 50 MB.
    """
    langs = list(languages)
    per_part = part_size // len(langs)
    if per_part < 1:
        raise ValueError(f"a part of {part_size} entries cannot hold one page's {len(langs)}")
    listed = list(pages)
    # At least one part, so that the index is never empty (a site has a home page anyway).
    chunks = [listed[i : i + per_part] for i in range(0, len(listed), per_part)] or [[]]
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        name = PART_NAME.format(number=number)
        data = urlset_xml(chunk, urls, langs, default)
        if len(data) > MAX_PART_BYTES:
            raise ValueError(f"{name} would be {len(data)} bytes, over sitemaps.org's 50 MB")
        dates = [page.lastmod for page in chunk if page.lastmod]
        parts.append((SitemapFile(name, data), max(dates) if dates else None))
    index = sitemap_index_xml([(urls.root + part.name, lastmod) for part, lastmod in parts])
    return [SitemapFile(INDEX_NAME, index), *(part for part, _ in parts)]


def urlset_xml(
    pages: Sequence[SitemapPage], urls: SiteUrls, languages: Sequence[str], default: str
) -> bytes:
    """One <url> per page and language, each listing every language and x-default."""
    # Names are written as they appear, under declared prefixes: no global prefix registry.
    root = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for page in pages:
        for lang in languages:
            url = ET.SubElement(root, "url")
            ET.SubElement(url, "loc").text = urls.page(lang, page.path)
            if page.lastmod:
                ET.SubElement(url, "lastmod").text = page.lastmod.isoformat()
            for alternate in [*languages, "x-default"]:
                target = default if alternate == "x-default" else alternate
                ET.SubElement(
                    url,
                    "xhtml:link",
                    {
                        "rel": "alternate",
                        "hreflang": alternate,
                        "href": urls.page(target, page.path),
                    },
                )
    return _document(root)


def sitemap_index_xml(parts: Iterable[tuple[str, dt.date | None]]) -> bytes:
    """The index of the parts: (absolute URL, newest lastmod of its pages or None)."""
    root = ET.Element("sitemapindex", {"xmlns": SITEMAP})
    for loc, lastmod in parts:
        entry = ET.SubElement(root, "sitemap")
        ET.SubElement(entry, "loc").text = loc
        if lastmod:
            ET.SubElement(entry, "lastmod").text = lastmod.isoformat()
    return _document(root)


def _document(root: ET.Element) -> bytes:
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def robots_txt(urls: SiteUrls) -> str:
    """Allow everything and point crawlers at the site map's index."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.root}{INDEX_NAME}\n"
