"""Helpers for tests that read the session's built site: paths, parsed pages, the content.

Claim ids and the rest come from the project's own loader at collection time, so tests are
parametrized over whatever content exists (the claims change as editors add them).
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from lxml import etree

from generator.content.kinds import Content
from generator.content.load import load_content
from generator.content.model import Claim
from generator.site.plugin import site_root_url

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "en")
DIRECTION = {"ar": "rtl", "en": "ltr"}


@cache
def content() -> Content:
    loaded, _ = load_content(PROJECT / "content", PROJECT)
    return loaded


@cache
def root_url() -> str:
    """The public root URL the session's build used ($BAYYIN_SITE_URL or mkdocs.yml)."""
    return site_root_url(PROJECT / "mkdocs.yml")


def published_claims() -> list[Claim]:
    return sorted(
        (c for c in content().claims.values() if c.status == "published"), key=lambda c: c.id
    )


def claim_ids() -> list[str]:
    return [c.id for c in published_claims()]


def language_root(lang: str) -> str:
    return "" if lang == "ar" else f"{lang}/"


def page_file(site: Path, path: str) -> Path:
    """The HTML file of a site path like 'en/claims/x/' (or a file path like '404.html')."""
    return site / path / "index.html" if not path or path.endswith("/") else site / path


def absolute(path: str) -> str:
    return root_url() + path


@cache
def _parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text("utf-8"), "lxml")


def parse(site: Path, path: str) -> BeautifulSoup:
    """The parsed page at a site path (parsed once per session; do not modify it)."""
    return _parse(page_file(site, path))


def html_pages(site: Path) -> list[str]:
    """Every generated page of the site as a site path ('', 'claims/x/', 'en/about/')."""
    paths = []
    for file in sorted(site.rglob("index.html")):
        relative = file.parent.relative_to(site).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


def resolve(page_path: str, href: str) -> str:
    """The site path a relative link on the page at `page_path` points to."""
    target = posixpath.normpath(posixpath.join("/" + page_path, href.split("#")[0]))
    target = target.lstrip("/")
    return target + "/" if href.split("#")[0].endswith("/") and target else target


def counterpart(path: str, lang: str) -> str:
    """The same page in `lang`, from a site path in any language."""
    bare = path[3:] if path.startswith("en/") else path
    return language_root(lang) + bare


def sitemap_parts(site: Path) -> list[Path]:
    """The files the site map's index (site/sitemap.xml) lists, in its order: each part lives
    beside the index, in the site root."""
    index = etree.parse(site / "sitemap.xml").getroot()
    locs = index.findall("s:sitemap/s:loc", SITEMAP_NS)
    return [site / urlsplit(loc.text or "").path.rsplit("/", 1)[1] for loc in locs]


def sitemap_entries(site: Path) -> list[etree._Element]:
    """Every <url> of every part of the site map, in order."""
    return [
        url
        for part in sitemap_parts(site)
        for url in etree.parse(part).getroot().findall("s:url", SITEMAP_NS)
    ]


def sitemap_locs(site: Path) -> list[str]:
    """The address of every <url> of the site map, in order."""
    return [url.findtext("s:loc", namespaces=SITEMAP_NS) or "" for url in sitemap_entries(site)]


def sitemap_text(site: Path) -> str:
    """The text of the site map's index and of every part it lists."""
    files = [site / "sitemap.xml", *sitemap_parts(site)]
    return "".join(file.read_text(encoding="utf-8") for file in files)
