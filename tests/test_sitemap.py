"""The site map of both languages with its hreflang alternates, and robots.txt."""

from __future__ import annotations

from pathlib import Path

from built_pages import absolute, counterpart, html_pages, page_file, root_url
from lxml import etree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sitemap(site: Path) -> etree._Element:
    return etree.fromstring((site / "sitemap.xml").read_bytes())


def test_one_sitemap_for_both_languages(built_site: Path) -> None:
    assert (built_site / "sitemap.xml").is_file()
    # No per-language map (MkDocs' default), no stale gzip copy of one.
    assert not (built_site / "en" / "sitemap.xml").exists()
    assert not list(built_site.rglob("sitemap.xml.gz"))


def test_sitemap_lists_every_page_with_its_alternates(built_site: Path) -> None:
    root = _sitemap(built_site)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = []
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS) or ""
        locs.append(loc)
        assert loc.startswith(root_url())
        path = loc.removeprefix(root_url())
        assert page_file(built_site, path).is_file(), loc
        lastmod = url.findtext("s:lastmod", namespaces=NS)
        if lastmod is not None:
            assert len(lastmod) == 10 and lastmod[4] == "-" and lastmod[7] == "-"
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link[@rel='alternate']", NS)
        }
        assert alternates == {
            "ar": absolute(counterpart(path, "ar")),
            "en": absolute(counterpart(path, "en")),
            "x-default": absolute(counterpart(path, "ar")),
        }
    assert len(locs) == len(set(locs))
    # Every page but those search engines are asked not to list (the search pages).
    listed = [
        p
        for p in html_pages(built_site)
        if '<meta name="robots" content="noindex">'
        not in page_file(built_site, p).read_text(encoding="utf-8")
    ]
    assert {p for p in html_pages(built_site) if p not in listed} == {"search/", "en/search/"}
    assert set(locs) == {absolute(p) for p in listed}


def test_robots_txt_points_at_the_sitemap(built_site: Path) -> None:
    lines = (built_site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {root_url()}sitemap.xml" in lines
    assert "Disallow: /" not in lines
