"""A withdrawn check keeps its address: the page says it was withdrawn, when and why, and the
check leaves every list, the feed, the site map, search and ClaimReview."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from built_pages import sitemap_text
from fixture_sites import TODAY, MakeProject

from generator.site.build import build_site, check

WITHDRAWN = "doge-withdrawn"
REASON = {
    "ar": "تبيّن لنا أن المقال المفحوص لم يقل ذلك.",
    "en": "We found that the article under review did not say this.",
}


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    project = make_project(engine=True)
    claims = project / "content/claims"
    text = (claims / "dogecoin-doge.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: dogecoin-doge\n")
    text = text.replace("id: dogecoin-doge\n", f"id: {WITHDRAWN}\n", 1)
    text += (
        "withdrawn:\n"
        "  date: 2025-08-01\n"
        "  reason:\n"
        f"    ar: {REASON['ar']}\n"
        f"    en: {REASON['en']}\n"
    )
    (claims / f"{WITHDRAWN}.yaml").write_text(text, encoding="utf-8")
    story = project / "content/stories/embers.yaml"
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            "claims:\n  - dogecoin-doge\n", f"claims:\n  - dogecoin-doge\n  - {WITHDRAWN}\n"
        ),
        encoding="utf-8",
    )
    return project


@pytest.fixture
def site(project: Path) -> Path:
    _, diagnostics = check(project, today=TODAY)
    assert [d.format() for d in diagnostics] == []
    site = project / "site"
    build_site(project, site, parallel=False)
    return site


@pytest.mark.parametrize(("root", "lang"), [("", "ar"), ("en/", "en")])
def test_the_address_says_the_check_was_withdrawn(site: Path, root: str, lang: str) -> None:
    page = _soup(site / root / f"claims/{WITHDRAWN}/index.html")
    article = page.select_one("article.bayyin-withdrawn")
    assert article is not None
    text = article.get_text(" ")
    assert REASON[lang] in text
    assert page.select_one("time[datetime='2025-08-01']") is not None
    assert [m.get("content") for m in page.select("meta[name=robots]")] == ["noindex"]
    assert page.select_one("script[type='application/ld+json']") is None
    # The verdict and sources of the withdrawn check are gone from its page.
    assert page.select_one(".bayyin-rating") is None
    assert "govinfo" not in str(article)


@pytest.mark.parametrize("root", ["", "en/"])
def test_a_withdrawn_check_leaves_every_list(site: Path, root: str) -> None:
    for listing in (
        "claims/",
        "",
        "stories/embers/",
        "people/reviewed-article/",
        "ratings/inaccurate/",
        "topics/doge/",
    ):
        hrefs = [
            str(a.get("href")) for a in _soup(site / root / listing / "index.html").select("a")
        ]
        assert not [h for h in hrefs if WITHDRAWN in h], listing
        assert [h for h in hrefs if "dogecoin-doge" in h], listing
    assert WITHDRAWN not in (site / root / "feed.xml").read_text(encoding="utf-8")
    index = "".join(p.read_text("utf-8") for p in (site / root / "search").rglob("*.json"))
    assert index and WITHDRAWN not in index
    log = _soup(site / root / "corrections/index.html").select_one("ul.bayyin-log")
    assert log is not None and WITHDRAWN in str(log)


def test_a_withdrawn_check_is_not_in_the_site_map(site: Path) -> None:
    sitemap = sitemap_text(site)
    assert "claims/dogecoin-doge/" in sitemap
    assert WITHDRAWN not in sitemap
