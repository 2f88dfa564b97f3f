"""The source list in the reader's language: translation first, the original beneath it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from built_pages import content as real_content
from fixture_sites import copy_project

from generator.content.kinds import Content
from generator.content.load import load_content
from generator.content.prose import Citations
from generator.pages.render import Renderer, with_text
from generator.pages.strings import STRINGS

SOURCE = """\
id: aljazeera-test
url: https://www.aljazeera.net/news/2025/6/5/%D8%B9%D8%A7%D8%AC%D9%84
title: عاجل | إيلون ماسك
translated_title:
  en: 'Breaking | Elon Musk'
about:
  ar: نص
  en: Text
publisher:
  ar: الجزيرة نت
  en: Al Jazeera
language: ar
quote: بدوني كان الرئيس الأميركي سيخسر الانتخابات
translated_quote:
  en: Without me, the US president would have lost the election
"""


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tag]:
    project = copy_project(tmp_path_factory.mktemp("sources") / "project")
    folder = project / "content" / "sources"
    (folder / "aljazeera-test.yaml").write_text(SOURCE, encoding="utf-8")
    untitled = "\n".join(line for line in SOURCE.splitlines() if "title" not in line)
    untitled = untitled.replace("  en: 'Breaking | Elon Musk'\n", "")
    (folder / "aljazeera-untitled.yaml").write_text(
        untitled.replace("aljazeera-test", "aljazeera-untitled") + "\n", encoding="utf-8"
    )
    content, problems = load_content(project / "content", project)
    assert problems == []
    found = {}
    for lang in ("ar", "en"):
        renderer = Renderer(content, lang)
        for source_id, suffix in (("aljazeera-test", ""), ("aljazeera-untitled", "-untitled")):
            view = renderer.source_view(content.sources[source_id], Citations([source_id]))
            html = renderer.render("citations.html", sources=[view])
            item = BeautifulSoup(html, "html.parser").select_one("ol.bayyin-sources__list > li")
            assert item is not None
            found[lang + suffix] = item
    return found


def test_english_readers_get_the_translation_first_and_the_original_marked(
    items: dict[str, Tag],
) -> None:
    item = items["en"]
    title = item.select_one("a.bayyin-source__title")
    assert title is not None and title.get_text() == "Breaking | Elon Musk"
    original = item.select_one(".bayyin-source__translated bdi")
    assert original is not None and original.get("lang") == "ar"
    assert original.get_text() == "عاجل | إيلون ماسك"
    quotes = item.select("details blockquote")
    assert [q.get("lang") for q in quotes] == ["en", "ar"]
    assert quotes[0].get_text() == "Without me, the US president would have lost the election"
    labels = [p.get_text() for p in item.select("details > p")]
    assert labels == [STRINGS["en"]["quote_translation"], "Original (Arabic)"]
    publisher = item.select_one(".bayyin-source__publisher")
    assert publisher is not None and publisher.get_text() == "Al Jazeera"


def test_arabic_readers_get_the_original_only(items: dict[str, Tag]) -> None:
    item = items["ar"]
    title = item.select_one("a.bayyin-source__title")
    assert title is not None and title.get("lang") == "ar"
    assert title.get_text() == "عاجل | إيلون ماسك"
    quotes = item.select("details blockquote")
    assert [q.get("lang") for q in quotes] == ["ar"]
    assert "Al Jazeera" not in item.get_text()


def test_the_address_is_readable_and_the_link_is_whole(items: dict[str, Tag]) -> None:
    line = items["en"].select_one(".bayyin-source__url")
    assert line is not None and line.get("dir") == "ltr"
    assert line.get_text() == "aljazeera.net/news/2025/6/5/عاجل"
    assert line.select("a") == []  # text: the title is the link
    title = items["en"].select_one("a.bayyin-source__title")
    assert title is not None
    assert title["href"] == "https://www.aljazeera.net/news/2025/6/5/%D8%B9%D8%A7%D8%AC%D9%84"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_address_is_not_drawn_in_full(items: dict[str, Tag], lang: str) -> None:
    # One link holds it (print shows it from there); the page's text has the readable one.
    encoded = "%D8%B9%D8%A7%D8%AC%D9%84"
    assert encoded not in items[lang].get_text()
    assert [a["href"].endswith(encoded) for a in items[lang].select("a[href^=http]")] == [True]


@pytest.fixture(scope="module")
def content_with_sources(tmp_path_factory: pytest.TempPathFactory) -> Content:
    project = copy_project(tmp_path_factory.mktemp("backlinks") / "project")
    content, problems = load_content(project / "content", project)
    assert problems == []
    return content


def _entry(content: Content, lang: str, source_id: str, citations: Citations) -> Tag:
    renderer = Renderer(content, lang)
    html = renderer.render(
        "citations.html", sources=[renderer.source_view(content.sources[source_id], citations)]
    )
    item = BeautifulSoup(html, "html.parser").select_one("ol.bayyin-sources__list > li")
    assert item is not None
    return item


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_source_cited_once_has_one_arrow_back(content_with_sources: Content, lang: str) -> None:
    source_id = next(iter(content_with_sources.sources))
    citations = Citations([source_id])
    anchor = citations.anchor(source_id)
    back = _entry(content_with_sources, lang, source_id, citations).select(".bayyin-source__back")
    assert len(back) == 1 and back[0].name == "a"
    assert back[0]["href"] == f"#{anchor}"
    assert back[0].get_text() == STRINGS[lang]["back_arrow"]
    assert back[0]["aria-label"] == STRINGS[lang]["back_to_text"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_source_cited_often_has_one_group_of_marks(
    content_with_sources: Content, lang: str
) -> None:
    source_id = next(iter(content_with_sources.sources))
    citations = Citations([source_id])
    anchors = [citations.anchor(source_id) for _ in range(30)]
    item = _entry(content_with_sources, lang, source_id, citations)
    groups = item.select(".bayyin-source__back")
    assert len(groups) == 1 and groups[0].get("role") == "group"
    assert groups[0]["aria-label"] == STRINGS[lang]["back_to_text"]
    assert groups[0].get_text().startswith(STRINGS[lang]["back_arrow"])
    links = groups[0].select("a")
    assert [a["href"] for a in links] == [f"#{anchor}" for anchor in anchors]
    assert not any(a.get("aria-label") for a in links), "the group is named once"
    marks = STRINGS[lang]["back_marks"].split()
    # A mark each, then numbers past the last mark.
    expected = [*marks, *map(str, range(len(marks) + 1, 31))]
    assert [a.get_text() for a in links] == expected


def test_each_mark_is_one_letter_and_none_repeats() -> None:
    for lang in ("ar", "en"):
        marks = STRINGS[lang]["back_marks"].split()
        assert len(marks) == len(set(marks)) >= 26


def test_a_republication_names_the_original_publisher_where_the_string_puts_it() -> None:
    shown = with_text("{publisher} report, republished", publisher="Reuters <&>")
    assert shown == '<bdi lang="en">Reuters &lt;&amp;&gt;</bdi> report, republished'
    shown = with_text("إعادة نشر لتقرير {publisher}", publisher="رويترز")
    assert shown == 'إعادة نشر لتقرير <bdi lang="ar">رويترز</bdi>'
    assert with_text("a < b {x}", x="c") == 'a &lt; b <bdi lang="en">c</bdi>'


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_republished_source_says_whose_report_it_was(lang: str) -> None:
    site = real_content()
    source = next(s for s in site.sources.values() if s.kind == "republication")
    assert source.original_publisher
    meta = _entry(site, lang, source.id, Citations([source.id])).select_one(".bayyin-source__meta")
    assert meta is not None
    before, after = STRINGS[lang]["republication_of"].split("{publisher}")
    text = " ".join(meta.get_text().split())
    assert f"{before}{source.original_publisher}{after}".strip() in text


def test_without_a_title_the_outlet_is_named_in_the_readers_language_first(
    items: dict[str, Tag],
) -> None:
    untitled = items["en-untitled"]
    title = untitled.select_one("a.bayyin-source__title")
    assert title is not None and title.get_text() == "Al Jazeera"
    own = untitled.select_one(".bayyin-source__own-name bdi")
    assert own is not None and own.get("lang") == "ar" and own.get_text() == "الجزيرة نت"
    arabic = items["ar-untitled"]
    assert arabic.select_one(".bayyin-source__own-name") is None
