"""Long lists of claims in numbered pages: `claims/page/2/`, with a pager, rel=prev/next,
a canonical address and a site map entry per page, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from built_pages import sitemap_text
from fixture_sites import TODAY, copy_project

from generator.pages.paging import PAGE_SIZE, ListPage, list_pages, page_path, pager, split
from generator.site.build import build_site, check

# Two full pages and one card on a third.
COUNT = 2 * PAGE_SIZE + 1


def test_split_keeps_every_item_in_order() -> None:
    items = list(range(COUNT))
    pages = split(items)
    assert [len(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 1]
    assert [x for p in pages for x in p] == items
    assert split([]) == [[]]


def test_page_paths() -> None:
    assert page_path("claims/", 1) == "claims/"
    assert page_path("claims/", 3) == "claims/page/3/"
    assert [p.path for p in list_pages("topics/x/", 2)] == ["topics/x/", "topics/x/page/2/"]


def test_pager_links_are_relative_to_the_page_and_gaps_are_marked() -> None:
    view = pager(ListPage(6, 20, "claims/"))
    assert view is not None
    assert view["previous"] == "../5/"
    assert view["next"] == "../7/"
    numbers = view["numbers"]
    assert isinstance(numbers, list)
    shown = [n["number"] if n else None for n in numbers]
    assert shown == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert numbers[0]["href"] == "../../"
    assert [n["current"] for n in numbers if n] == [False, False, False, True, False, False, False]
    first = pager(ListPage(1, 2, "claims/"))
    assert first is not None
    assert first["previous"] is None and first["next"] == "page/2/"
    assert pager(ListPage(1, 1, "claims/")) is None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("paging") / "project", engine=True)
    claims = project / "content/claims"
    text = (claims / "dogecoin-doge.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: dogecoin-doge\n")
    # Every claim has a correction: the corrections log is as long as the lists.
    text += (
        "corrections:\n"
        "  - date: 2025-07-02\n"
        "    note:\n"
        "      ar: صححنا تاريخ النشر.\n"
        "      en: We corrected the date of publication.\n"
    )
    (claims / "dogecoin-doge.yaml").write_text(text, encoding="utf-8")
    for index in range(1, COUNT):
        copy = text.replace("id: dogecoin-doge\n", f"id: copy-{index:03d}\n", 1)
        (claims / f"copy-{index:03d}.yaml").write_text(copy, encoding="utf-8")
    _, diagnostics = check(project, today=TODAY)
    assert [d.format() for d in diagnostics] == []
    build_site(project, project / "site", parallel=False)
    return project / "site"


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


LISTS = ["claims/", "people/reviewed-article/", "ratings/inaccurate/", "topics/doge/"]
# The corrections page's log is split the same way.
PAGED = [*LISTS, "corrections/"]


@pytest.mark.parametrize("root", ["", "en/"])
@pytest.mark.parametrize("base", PAGED)
def test_every_list_is_split_into_numbered_pages(site: Path, root: str, base: str) -> None:
    seen: list[str] = []
    for number, expected in ((1, PAGE_SIZE), (2, PAGE_SIZE), (3, 1)):
        path = root + page_path(base, number)
        page = _soup(site, path)
        cards = page.select("ul.bayyin-cards > li, ul.bayyin-log > li")
        assert len(cards) == expected, path
        seen += [str(a["href"]) for li in cards for a in li.select("a[href]")[:1]]
        canonical = page.select_one("link[rel=canonical]")
        assert canonical is not None and str(canonical["href"]).endswith("/" + path)
        prev = page.select_one("head link[rel=prev]")
        next_ = page.select_one("head link[rel=next]")
        if number == 1:
            assert prev is None
        else:
            assert prev is not None
            assert str(prev["href"]).endswith("/" + root + page_path(base, number - 1))
        if number == 3:
            assert next_ is None
        else:
            assert next_ is not None
            assert str(next_["href"]).endswith("/" + root + page_path(base, number + 1))
        nav = page.select_one("nav.bayyin-pager")
        assert nav is not None
        current = nav.select("a[aria-current=page]")
        assert [a.get_text() for a in current] == [str(number)]
        # Every link of the pager leads to a page of the same list.
        for link in nav.select("a[href]"):
            target = (site / path / str(link["href"]) / "index.html").resolve()
            assert target.is_file(), link
        title = page.title.get_text() if page.title else ""
        assert (str(number) in title) == (number > 1)
    assert not (site / root / page_path(base, 4)).exists()
    # No claim shown twice, none left out.
    assert len(seen) == COUNT


def test_the_claims_index_is_sortable_only_on_one_page(site: Path) -> None:
    assert _soup(site, "claims/").select_one("[data-bayyin-sortable]") is None


def test_further_pages_are_in_the_sitemap_and_share_the_first_card(site: Path) -> None:
    sitemap = sitemap_text(site)
    for base in PAGED:
        assert f"/{base}page/2/</loc>" in sitemap
        assert f"/en/{base}page/3/</loc>" in sitemap
    page = _soup(site, "en/claims/page/2/")
    image = page.select_one("meta[property='og:image']")
    assert image is not None and str(image["content"]).endswith("/en/claims/card.png")
    assert not (site / "en/claims/page/2/card.png").exists()


def test_only_the_first_page_of_a_list_is_in_the_navigation() -> None:
    # Every page of the site carries the navigation: a numbered page in it would be
    # repeated on every page (the corrections log has a page per 50 corrections).
    from built_pages import content

    from generator.content.kinds import Content
    from generator.pages.render import Renderer

    site: Content = content()
    claim = next(c for c in site.claims.values() if c.listed and c.corrections)
    correction = claim.corrections[0]
    entries = [(correction.date, claim, correction.note["ar"])] * (2 * PAGE_SIZE + 1)
    renderer = Renderer(site, "ar")
    renderer.correction_entries = lambda: entries  # type: ignore[method-assign]
    pages = [
        renderer.corrections_page("corrections", page)
        for page in list_pages("corrections/", len(split(entries)))
    ]
    assert [p.path for p in pages] == ["corrections/", "corrections/page/2/", "corrections/page/3/"]
    assert [p.in_nav for p in pages] == [True, False, False]
