"""Runs of the other script carry their language; citation markers keep to their word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import NavigableString, Tag
from built_pages import LANGUAGES, claim_ids, language_root, parse

from generator.pages.render import isolate_latin, mark_arabic, script_lang


def test_arabic_runs_in_english_text_are_marked_arabic() -> None:
    html = mark_arabic("<p>The article says «جبل من النفايات المقززة» (a mountain).</p>")
    assert html == (
        '<p>The article says «<span lang="ar" dir="rtl">جبل من النفايات المقززة</span>» '
        "(a mountain).</p>"
    )


def test_marking_arabic_leaves_tags_attributes_and_code_alone() -> None:
    html = '<a href="https://example.org/عاجل" title="عاجل">x</a> <code>ماسك</code>'
    assert mark_arabic(html) == html


def test_english_text_without_arabic_is_unchanged() -> None:
    assert mark_arabic("<p>Musk wrote “Yes.”</p>") == "<p>Musk wrote “Yes.”</p>"


def test_latin_runs_in_arabic_text_are_isolated_and_marked_english() -> None:
    assert isolate_latin("قال موقع POLITICO إن") == 'قال موقع <bdi lang="en">POLITICO</bdi> إن'


@pytest.mark.parametrize(
    ("text", "lang"), [("الشرق الأوسط", "ar"), ("Axios", "en"), ("i24NEWS عربي", "ar")]
)
def test_script_lang(text: str, lang: str) -> None:
    assert script_lang(text) == lang


# --- the built site -----------------------------------------------------------------------


def _text_before(marker: Tag) -> str:
    """The text drawn just before a citation marker (skipping the markers before it)."""
    node = marker.previous_sibling
    while isinstance(node, Tag) and "bayyin-cite" in (node.get("class") or []):
        node = node.previous_sibling
    if isinstance(node, NavigableString):
        return str(node)
    return node.get_text() if isinstance(node, Tag) else ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_ordinary_space_before_a_citation_marker(built_site: Path, lang: str) -> None:
    checked = 0
    breakable = []
    for claim_id in claim_ids():
        soup = parse(built_site, f"{language_root(lang)}claims/{claim_id}/")
        for marker in soup.select("sup.bayyin-cite"):
            before = marker.previous_sibling
            text = str(before) if isinstance(before, NavigableString) else ""
            checked += 1
            # A break opportunity before the marker would let it start a line.
            if re.search(r"[ \t\n]$", text):
                breakable.append(f"{claim_id}: …{_text_before(marker)[-20:]!r}")
    assert checked > 50
    assert not breakable, breakable[:5]


def test_english_pages_mark_arabic_quoted_inline(built_site: Path) -> None:
    soup = parse(built_site, f"{language_root('en')}claims/article-mountain-disgusting-waste/")
    article = soup.select_one("article")
    assert article is not None
    marked = [s.get_text() for s in article.select('span[lang="ar"][dir="rtl"]')]
    assert "جبل من النفايات المقززة" in marked
    # No Arabic letter of the article's text is left outside an element marked Arabic
    # (addresses are not text in a language: their decoded paths are left as they are).
    for text in article.find_all(string=re.compile("[\u0600-\u06ff]")):
        if text.find_parent(class_="bayyin-source__url") is None:
            assert text.find_parent(attrs={"lang": "ar"}) is not None, str(text)
