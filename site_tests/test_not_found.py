"""The one 404.html GitHub Pages serves for every missing path, in both languages.

The local server answers a miss with the root 404.html, as Pages does (browsing.py). A path
under en/ gets the English text first; any other path the Arabic text first. Each block has
its own lang and dir and links to its language's home. With JavaScript off both blocks still
show, Arabic first, and their links work.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browsing import Visit
from playwright.sync_api import Page

from generator.pages.strings import STRINGS

DIRECTION = {"ar": "rtl", "en": "ltr"}


def blocks(page: Page) -> list[dict[str, str]]:
    """Each language block of the page, in reading order, with what a reader sees of it."""
    found: list[dict[str, str]] = page.locator(".bayyin-not-found > section").evaluate_all(
        """sections => sections.map(s => ({
            lang: s.lang, dir: s.dir, title: s.querySelector("h1").innerText,
            home: s.querySelector("a").getAttribute("href"),
            visible: String(s.getBoundingClientRect().height > 0
                            && getComputedStyle(s).visibility === "visible"),
        }))"""
    )
    return found


def expected(order: tuple[str, ...], prefix: str) -> list[dict[str, str]]:
    return [
        {
            "lang": lang,
            "dir": DIRECTION[lang],
            "title": STRINGS[lang]["not_found_title"],
            "home": prefix + ("" if lang == "ar" else "en/"),
            "visible": "true",
        }
        for lang in order
    ]


@pytest.mark.parametrize(
    ("path", "order"),
    [("en/no-such-page/", ("en", "ar")), ("no-such-page/", ("ar", "en"))],
    ids=["english-path", "arabic-path"],
)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_path_decides_which_language_comes_first(
    visit_with: Callable[..., Visit], path: str, order: tuple[str, ...], javascript: bool
) -> None:
    visit = visit_with(java_script_enabled=javascript)
    page = visit.open(path)
    assert visit.traffic.http_errors == [f"404 {visit.server.url(path)}"]
    shown = ("ar", "en") if not javascript else order
    assert blocks(page) == expected(shown, visit.server.prefix)
    assert visit.traffic.problems(expected_404=visit.server.url(path)) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_home_link_reaches_its_home_page(
    visit_with: Callable[..., Visit], lang: str, javascript: bool
) -> None:
    visit = visit_with(java_script_enabled=javascript)
    page = visit.open("en/no-such-page/")
    page.locator(f'.bayyin-not-found > section[lang="{lang}"] a').click()
    page.wait_for_load_state()
    assert page.url == visit.server.url("" if lang == "ar" else "en/")
    assert page.locator("html").get_attribute("lang") == lang
