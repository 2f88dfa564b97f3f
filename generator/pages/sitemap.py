"""The site map of both languages, with each page's language alternates; and robots.txt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from generator.pages.urls import SiteUrls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapPage:
    path: str  # relative to a language root, the same in every language: "claims/x/"
    lastmod: dt.date | None = None


def sitemap_xml(
    pages: Iterable[SitemapPage], urls: SiteUrls, languages: Iterable[str], default: str
) -> bytes:
    """One <url> per page and language, each listing every language and x-default."""
    langs = list(languages)
    # Names are written as they appear, under declared prefixes: no global prefix registry.
    root = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for page in pages:
        for lang in langs:
            url = ET.SubElement(root, "url")
            ET.SubElement(url, "loc").text = urls.page(lang, page.path)
            if page.lastmod:
                ET.SubElement(url, "lastmod").text = page.lastmod.isoformat()
            for alternate in [*langs, "x-default"]:
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
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def robots_txt(urls: SiteUrls) -> str:
    """Allow everything and point crawlers at the site map."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.root}sitemap.xml\n"
