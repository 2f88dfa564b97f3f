"""The site map of both languages with its hreflang alternates: an index of parts of a bounded
size; and robots.txt, which points at the index."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml
from built_pages import (
    SITEMAP_NS,
    absolute,
    counterpart,
    html_pages,
    page_file,
    root_url,
    sitemap_entries,
    sitemap_locs,
    sitemap_parts,
)
from lxml import etree

from generator.pages.publishing import write_site_map
from generator.pages.sitemap import (
    MAX_PART_BYTES,
    PART_PATTERN,
    PART_SIZE,
    SitemapPage,
    sitemap_files,
    urlset_xml,
)
from generator.pages.urls import SiteUrls

NS = SITEMAP_NS
INDEX = "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
URLSET = "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
LANGS = ("ar", "en")
# A project site: the site map lives under the sub-path, like everything else.
SUB_PATH = SiteUrls("https://example.org/bayyin/")


def _alternates(url: etree._Element) -> dict[str | None, str | None]:
    return {
        link.get("hreflang"): link.get("href")
        for link in url.findall("x:link[@rel='alternate']", NS)
    }


# The built site


def test_one_site_map_for_both_languages(built_site: Path) -> None:
    # The index and its parts, in the site root; no per-language map (MkDocs' default), no
    # gzip copy of one from MkDocs that would say otherwise.
    names = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("sitemap*"))
    assert names == ["sitemap-1.xml", "sitemap.xml"]
    assert [p.name for p in sitemap_parts(built_site)] == ["sitemap-1.xml"]


def test_the_index_lists_every_part_under_the_site_url(built_site: Path) -> None:
    index = etree.fromstring((built_site / "sitemap.xml").read_bytes())
    assert index.tag == INDEX
    entries = index.findall("s:sitemap", NS)
    assert entries
    for entry in entries:
        loc = entry.findtext("s:loc", namespaces=NS) or ""
        # Absolute, and beside the index: a site map counts only for pages under its folder.
        assert loc.startswith(root_url()) and PART_PATTERN.fullmatch(loc.removeprefix(root_url()))
        part = etree.parse(built_site / loc.removeprefix(root_url())).getroot()
        assert part.tag == URLSET
        dates = [d for d in (u.findtext("s:lastmod", namespaces=NS) for u in part) if d]
        assert entry.findtext("s:lastmod", namespaces=NS) == max(dates)


def test_sitemap_lists_every_page_with_its_alternates(built_site: Path) -> None:
    locs = []
    for url in sitemap_entries(built_site):
        loc = url.findtext("s:loc", namespaces=NS) or ""
        locs.append(loc)
        assert loc.startswith(root_url())
        path = loc.removeprefix(root_url())
        assert page_file(built_site, path).is_file(), loc
        lastmod = url.findtext("s:lastmod", namespaces=NS)
        if lastmod is not None:
            assert len(lastmod) == 10 and lastmod[4] == "-" and lastmod[7] == "-"
        assert _alternates(url) == {
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


def test_robots_txt_points_at_the_index(built_site: Path) -> None:
    lines = (built_site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {root_url()}sitemap.xml"
    ]
    assert "Disallow: /" not in lines


def test_material_reads_no_site_map(project: Path) -> None:
    # Material's instant navigation reads sitemap.xml as a list of pages (<url><loc>); an index
    # has none, so it would quietly stop working. Its alternate-link fetch is switched off in
    # the bundle (generator/site/output.py, checked at every build).
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert "navigation.instant" not in config["theme"]["features"]


# sitemap_files with a small part size


def _pages(count: int) -> list[SitemapPage]:
    """`count` pages; every third has no date, the others one a day apart (not in order)."""
    start = dt.date(2025, 1, 1)
    return [
        SitemapPage(
            "" if i == 0 else f"claims/c{i}/",
            None if i % 3 == 2 else start + dt.timedelta(days=(i * 7) % 11),
        )
        for i in range(count)
    ]


@pytest.mark.parametrize(("pages", "part_size"), [(23, 10), (23, 3), (4, 8), (1, 2), (9, 5000)])
def test_parts_hold_at_most_the_limit_and_every_page_once(pages: int, part_size: int) -> None:
    given = _pages(pages)
    files = sitemap_files(given, SUB_PATH, LANGS, "ar", part_size=part_size)
    assert files[0].name == "sitemap.xml"
    parts = {f.name: etree.fromstring(f.data) for f in files[1:]}
    per_part = part_size // len(LANGS)
    assert list(parts) == [f"sitemap-{n}.xml" for n in range(1, math.ceil(pages / per_part) + 1)]

    index = etree.fromstring(files[0].data)
    assert index.tag == INDEX
    listed = [
        (e.findtext("s:loc", namespaces=NS), e.findtext("s:lastmod", namespaces=NS))
        for e in index.findall("s:sitemap", NS)
    ]
    assert [loc for loc, _ in listed] == [SUB_PATH.root + name for name in parts]

    seen: dict[str, str] = {}  # each address: the part that lists it
    for (_, lastmod), (name, part) in zip(listed, parts.items(), strict=True):
        assert part.tag == URLSET
        urls = part.findall("s:url", NS)
        assert 0 < len(urls) <= part_size
        dates = []
        for url in urls:
            loc = url.findtext("s:loc", namespaces=NS) or ""
            assert loc not in seen
            seen[loc] = name
            path = loc.removeprefix(SUB_PATH.root).removeprefix("en/")
            assert _alternates(url) == {
                "ar": SUB_PATH.page("ar", path),
                "en": SUB_PATH.page("en", path),
                "x-default": SUB_PATH.page("ar", path),
            }
            if (date := url.findtext("s:lastmod", namespaces=NS)) is not None:
                dates.append(date)
        # The part's date in the index: the newest of its pages', none when none has one.
        assert lastmod == (max(dates) if dates else None)

    for page in given:
        # Every page once in each language, both in one part (with their alternates).
        homes = {seen[SUB_PATH.page(lang, page.path)] for lang in LANGS}
        assert len(homes) == 1
    assert len(seen) == len(given) * len(LANGS)


def test_a_part_without_dates_has_none_in_the_index() -> None:
    # Never the day of the build: the same content gives the same bytes.
    files = sitemap_files([SitemapPage("about/")], SUB_PATH, LANGS, "ar")
    index = etree.fromstring(files[0].data)
    assert index.find("s:sitemap/s:lastmod", NS) is None
    again = sitemap_files([SitemapPage("about/")], SUB_PATH, LANGS, "ar")
    assert again == files


def test_no_pages_give_one_empty_part() -> None:
    files = sitemap_files([], SUB_PATH, LANGS, "ar")
    assert [f.name for f in files] == ["sitemap.xml", "sitemap-1.xml"]
    assert etree.fromstring(files[1].data).findall("s:url", NS) == []


def test_a_part_holds_at_least_one_page_in_every_language() -> None:
    with pytest.raises(ValueError, match="cannot hold one page"):
        sitemap_files(_pages(3), SUB_PATH, LANGS, "ar", part_size=1)


def test_a_full_part_stays_under_50_mb_at_the_longest_addresses() -> None:
    # sitemaps.org: a URL of under 2,048 characters, a file of at most 52,428,800 bytes.
    root = SiteUrls("https://example.org/")
    path = "claims/" + "x" * (2047 - len(root.page("en", "claims/")) - 1) + "/"
    assert len(root.page("en", path)) == 2047
    empty = urlset_xml([], root, LANGS, "ar")
    one = urlset_xml([SitemapPage(path, dt.date(2025, 1, 1))], root, LANGS, "ar")
    per_entry = (len(one) - len(empty)) / len(LANGS)
    assert len(empty) + per_entry * PART_SIZE < MAX_PART_BYTES
    assert PART_SIZE <= 50_000


def test_writing_removes_parts_the_index_no_longer_lists(tmp_path: Path) -> None:
    (tmp_path / "sitemap-1.xml").write_text("old")
    (tmp_path / "sitemap-7.xml").write_text("old")
    (tmp_path / "sitemap-notes.xml").write_text("not a part")
    write_site_map(tmp_path, _pages(3), SUB_PATH, "ar")
    assert sorted(p.name for p in tmp_path.glob("sitemap*")) == [
        "sitemap-1.xml",
        "sitemap-notes.xml",
        "sitemap.xml",
    ]
    assert (tmp_path / "sitemap-1.xml").read_bytes().startswith(b"<?xml")
    assert sitemap_locs(tmp_path) == [
        SUB_PATH.page(lang, page.path) for page in _pages(3) for lang in LANGS
    ]
