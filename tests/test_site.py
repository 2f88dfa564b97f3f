"""What a reader gets from one real build of content/: checked on the parsed HTML.

Languages and directions, a page per claim in each language, working counterpart links and
hreflang alternates, the sections of a claim page with numbered citations that match the
source list, index pages, no third-party resources, a search index and a 404 per language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from built_pages import (
    DIRECTION,
    LANGUAGES,
    absolute,
    claim_ids,
    content,
    counterpart,
    html_pages,
    language_root,
    page_file,
    parse,
    published_claims,
    resolve,
    root_url,
)

from generator.pages.strings import STRINGS
from generator.pages.text import ascii_url

# <link> relations that make the browser fetch something.
RESOURCE_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
}


def _html(soup: BeautifulSoup) -> Tag:
    html = soup.find("html")
    assert isinstance(html, Tag)
    return html


@pytest.mark.parametrize(("lang", "path"), [("ar", ""), ("en", "en/")])
def test_home_page_language_and_direction(built_site: Path, lang: str, path: str) -> None:
    html = _html(parse(built_site, path))
    assert html.get("lang") == lang
    assert html.get("dir") == DIRECTION[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("claim_id", claim_ids())
def test_claim_page_exists_with_its_sections(built_site: Path, claim_id: str, lang: str) -> None:
    claim = content().claims[claim_id]
    path = f"{language_root(lang)}claims/{claim_id}/"
    assert page_file(built_site, path).is_file(), f"no page for {claim_id} in {lang}"
    soup = parse(built_site, path)
    html = _html(soup)
    assert (html.get("lang"), html.get("dir")) == (lang, DIRECTION[lang])
    # MkDocs' templates do not autoescape: quotes in a title must not cut the attribute.
    description = soup.select_one("head meta[name=description]")
    assert description is not None and description["content"] == claim.short[lang]
    title = soup.select_one("head meta[property='og:title']")
    assert title is not None and title["content"] == claim.title[lang]
    article = soup.select_one("article.bayyin-claim")
    assert article is not None
    h1 = article.find("h1")
    assert h1 is not None and h1.get_text(" ", strip=True)
    assert article.select_one(".bayyin-claimbox .bayyin-claimbox__text") is not None
    assert article.select_one(".bayyin-claimbox .bayyin-rating") is not None
    verdict = article.select_one("section[aria-labelledby=verdict]")
    assert verdict is not None and verdict.find("p") is not None
    contexts = article.select("section[aria-labelledby^=context-]")
    assert len(contexts) == len(claim.context)
    for section in contexts:
        heading = section.find("h2")
        assert heading is not None and heading.get("id") == section.get("aria-labelledby")
    sources = article.select("section.bayyin-sources ol > li")
    assert [li.get("id") for li in sources] == [f"source-{s}" for s in claim.sources]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("claim_id", claim_ids())
def test_citation_markers_match_the_numbered_sources(
    built_site: Path, claim_id: str, lang: str
) -> None:
    soup = parse(built_site, f"{language_root(lang)}claims/{claim_id}/")
    items = soup.select("section.bayyin-sources ol > li")
    number_of = {f"#{li['id']}": index for index, li in enumerate(items, start=1)}
    markers = soup.select("sup.bayyin-cite > a")
    assert markers, "a claim page cites its sources"
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    cited = set()
    for marker in markers:
        href = str(marker["href"])
        assert href in number_of, f"marker {marker} points at no source"
        assert marker.get_text() == f"[{number_of[href]}]", "marker number != list position"
        assert marker.get("aria-label"), "a marker says which source it is"
        cited.add(href)
    # Every source is cited, and links back to each marker that cites it.
    assert cited == set(number_of)
    for li in items:
        back_links = li.select("a.bayyin-source__back, .bayyin-source__back a")
        backs = [str(a["href"]) for a in back_links]
        assert backs, f"{li['id']} has no link back to the text"
        assert all(b.startswith("#") and b[1:] in ids for b in backs)
        targets = {str(m["id"]) for m in markers if m["href"] == f"#{li['id']}"}
        assert {b[1:] for b in backs} == targets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_source_lists_show_what_a_reader_needs(built_site: Path, lang: str) -> None:
    data = content()
    for claim in published_claims():
        soup = parse(built_site, f"{language_root(lang)}claims/{claim.id}/")
        for source_id in claim.sources:
            source = data.sources[source_id]
            li = soup.select_one(f"#source-{source_id}")
            assert li is not None
            title = li.select_one("a.bayyin-source__title")
            # The one link to the source, holding its address whole in ASCII.
            assert title is not None and title["href"] == ascii_url(source.url)
            assert "external" in (title.get("rel") or [])
            text = li.get_text(" ", strip=True)
            assert source.publisher[lang] in text
            if source.published:
                assert li.select_one(f"time[datetime='{source.published.isoformat()}']")
            if source.accessed:
                assert li.select_one(f"time[datetime='{source.accessed.isoformat()}']")
            if source.archive:
                assert li.select_one(f"a[href='{source.archive.url}']") is not None
            if source.quote:
                quotes = li.select("details blockquote")
                # The reader's language first; the original, in its language, beneath it.
                assert [q.get("lang") for q in quotes] == (
                    [source.language] if lang == source.language else [lang, source.language]
                )
                assert quotes[-1].get_text() == source.quote
                if lang != source.language:
                    assert quotes[0].get_text() == source.translated_quote[lang]
                    label = li.select("details > p")
                    assert label[-1].get_text() == STRINGS[lang]["original_in"].format(
                        language=STRINGS[lang][f"lang_{source.language}"]
                    )
            translated = source.title_in(lang)
            if translated:
                assert translated in text


def _alternates(soup: BeautifulSoup) -> dict[str, str]:
    return {
        str(link["hreflang"]): str(link["href"])
        for link in soup.select("head link[rel=alternate][hreflang]")
    }


@pytest.fixture(scope="module")
def all_pages(built_site: Path) -> list[str]:
    pages = html_pages(built_site)
    assert len(pages) >= 2 * (len(claim_ids()) + 1)
    return pages


def test_every_page_links_to_its_counterpart(built_site: Path, all_pages: list[str]) -> None:
    for path in all_pages:
        lang = "en" if path.startswith("en/") else "ar"
        other = "ar" if lang == "en" else "en"
        soup = parse(built_site, path)
        switch = soup.select("a.bayyin-switch")
        assert len(switch) == 1, path
        assert switch[0].get("hreflang") == other
        target = resolve(path, str(switch[0]["href"]))
        assert target == counterpart(path, other), f"{path}: switcher goes to {target}"
        assert page_file(built_site, target).is_file()


def test_every_page_has_absolute_hreflang_and_canonical(
    built_site: Path, all_pages: list[str]
) -> None:
    for path in all_pages:
        soup = parse(built_site, path)
        expected = {
            "ar": absolute(counterpart(path, "ar")),
            "en": absolute(counterpart(path, "en")),
            "x-default": absolute(counterpart(path, "ar")),
        }
        assert _alternates(soup) == expected, path
        canonical = soup.select("head link[rel=canonical]")
        assert len(canonical) == 1 and canonical[0]["href"] == absolute(path), path


def test_no_third_party_resources(built_site: Path, all_pages: list[str]) -> None:
    site_host = urlsplit(root_url()).netloc
    for path in [*all_pages, "404.html", "en/404.html"]:
        soup = parse(built_site, path)
        for link in soup.find_all("link", href=True):
            rels = set(link.get("rel") or [])
            href = str(link["href"])
            if rels & RESOURCE_RELS:
                assert not re.match(r"^(https?:)?//", href), f"{path}: loads {href}"
            else:
                assert urlsplit(href).netloc in ("", site_host), f"{path}: links {href}"
        for script in soup.find_all("script", src=True):
            assert not re.match(r"^(https?:)?//", str(script["src"])), f"{path}: {script}"
        page = page_file(built_site, path).read_text("utf-8")
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


def test_claims_stay_out_of_the_navigation(built_site: Path) -> None:
    for lang in LANGUAGES:
        soup = parse(built_site, language_root(lang))
        nav = [str(a["href"]) for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
        assert nav, "the home page has a navigation"
        assert not [h for h in nav if re.search(r"claims/[a-z0-9-]+/", h)], nav


def test_every_navigation_link_reaches_its_page(built_site: Path, all_pages: list[str]) -> None:
    # The navigation of pages outside it is rendered once per folder and reused: a link
    # computed for another folder would point at a page that does not exist.
    built = set(all_pages)
    for path in all_pages:
        if path.startswith(("404", "en/404")):
            continue
        nav = parse(built_site, path).select("nav.md-nav--primary a.md-nav__link[href]")
        hrefs = {str(a["href"]) for a in nav if not str(a["href"]).startswith("#")}
        assert hrefs, path
        lang_root = "en/" if path.startswith("en/") else ""
        for href in hrefs:
            target = resolve(path, href)
            target = target if target in built or not target else target + "/"  # ".." is a folder
            assert target in built and target.startswith(lang_root), (path, href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_pages_list_the_claims(built_site: Path, lang: str) -> None:
    root = language_root(lang)
    claims = published_claims()

    def listed(path: str) -> set[str]:
        soup = parse(built_site, path)
        hrefs = [str(a["href"]) for a in soup.select("li.bayyin-card a.bayyin-card__link")]
        return {resolve(path, h) for h in hrefs}

    every = listed(f"{root}claims/")
    assert every == {f"{root}claims/{c.id}/" for c in claims}
    for claim in claims:
        page = f"{root}claims/{claim.id}/"
        assert page in listed(f"{root}people/{claim.claimant}/")
        assert page in listed(f"{root}ratings/{claim.rating}/")
        for topic in claim.topics:
            assert page in listed(f"{root}topics/{topic}/")
    ratings = content().ratings
    assert ratings is not None
    for rating in ratings.ratings:
        assert page_file(built_site, f"{root}ratings/{rating.id}/").is_file()
    for index in ("people/", "ratings/", "topics/"):
        soup = parse(built_site, root + index)
        for a in soup.select("ul.bayyin-index a[href]"):
            assert page_file(built_site, resolve(root + index, str(a["href"]))).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_all_claims_list_is_newest_first_and_sortable(built_site: Path, lang: str) -> None:
    soup = parse(built_site, f"{language_root(lang)}claims/")
    items = soup.select("ul[data-bayyin-sortable] > li.bayyin-card")
    assert len(items) == len(published_claims())
    dates = [str(li["data-published"]) for li in items]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    assert dates == sorted(dates, reverse=True)
    said = [str(li["data-said"]) for li in items]
    assert all(d == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in said)
    control = soup.select_one("[data-bayyin-sort]")
    # Hidden until the script runs: without JavaScript the menu would do nothing.
    assert control is not None and control.has_attr("hidden")
    options = [str(o["value"]) for o in control.select("option")]
    assert options == ["published-desc", "published-asc", "said-desc", "said-asc"]


def _search_records(root: Path) -> list[list[object]]:
    shards = sorted((root / "search" / "r").glob("*.json"), key=lambda p: int(p.stem))
    return [r for shard in shards for r in json.loads(shard.read_text("utf-8"))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_per_language(built_site: Path, lang: str) -> None:
    records = _search_records(built_site / language_root(lang))
    paths = [str(r[0]) for r in records]
    assert not [p for p in paths if p.startswith("en/")]
    assert len(paths) == len(set(paths))
    titles = {r[2] for r in records if r[1] == "claim"}
    assert titles == {claim.title[lang] for claim in published_claims()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_per_language(built_site: Path, lang: str) -> None:
    soup = parse(built_site, language_root(lang) + "404.html")
    html = _html(soup)
    assert (html.get("lang"), html.get("dir")) == (lang, DIRECTION[lang])
    h1 = soup.select_one("article h1")
    assert h1 is not None and h1.get_text(strip=True) == STRINGS[lang]["not_found_title"]


def test_external_links_open_safely(built_site: Path, all_pages: list[str]) -> None:
    # Marked as leaving the site; no page sends a referrer, and no link opens a window (which
    # is what "noopener" guards).
    host = urlsplit(root_url()).netloc
    for path in all_pages:
        soup = parse(built_site, path)
        referrer = soup.select("head meta[name=referrer]")
        assert [m.get("content") for m in referrer] == ["no-referrer"], path
        assert soup.select("a[target]") == [], path
        for a in soup.select("article a[href^=http]"):
            if urlsplit(str(a["href"])).netloc == host:
                continue
            assert "external" in (a.get("rel") or []), f"{path}: {a}"


def test_topic_pages_show_the_topic_label_in_each_language(built_site: Path) -> None:
    from generator.site.build import check

    content, _ = check(Path(__file__).resolve().parent.parent)
    assert content.topics is not None
    for topic in content.topics.topics:
        for lang, root in (("ar", built_site), ("en", built_site / "en")):
            page = root / "topics" / topic.id / "index.html"
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            h1 = soup.find("h1")
            assert h1 is not None and topic.label[lang] in h1.get_text(), (page, h1)


def test_search_index_holds_the_explanation_not_the_source_list(built_site: Path) -> None:
    for root in (built_site, built_site / "en"):
        records = _search_records(root)
        assert len([r for r in records if r[1] == "claim"]) == len(
            list((root / "claims").glob("*/index.html"))
        )
        chunks = " ".join(p.read_text("utf-8") for p in (root / "search" / "c").glob("*.json"))
        text = chunks + json.dumps(records, ensure_ascii=False)
        assert "bayyin-cite" not in text and "[@" not in text
        # the source list's URLs are not indexed
        assert "https" not in chunks and "www" not in chunks
