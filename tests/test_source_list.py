"""The source list in the reader's language: translation first, the original beneath it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from fixture_sites import copy_project

from generator.content.load import load_content
from generator.content.prose import Citations
from generator.pages.render import Renderer
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
            item = BeautifulSoup(html, "html.parser").select_one("li.bayyin-source")
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
    labels = [p.get_text() for p in item.select("details .bayyin-source__quote-label")]
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
    address = items["en"].select_one("a.bayyin-source__address")
    assert address is not None
    assert address.get_text() == "aljazeera.net/news/2025/6/5/عاجل"
    assert address["href"] == "https://www.aljazeera.net/news/2025/6/5/%D8%B9%D8%A7%D8%AC%D9%84"
    assert address.get("dir") == "ltr"


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
