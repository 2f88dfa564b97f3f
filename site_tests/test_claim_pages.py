"""Every claim page, in both languages, loads cleanly and reads in the right direction.

One test per language walks every claim page in one browser tab, on a small phone's screen
(360×740), where long source URLs and wrapped lines make trouble first. The suite must stay fast
as claims are added; each problem is reported with the page it was found on.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browsing import MOBILE, Visit
from catalogue import LANGUAGES, claim_ids, claim_path
from layout import overflow_problem, parts_out_of_order, runs_per_element, scrambled_runs
from playwright.sync_api import Page

DIRECTION = {"ar": "rtl", "en": "ltr"}
# Latin words and numbers: runs the bidi algorithm must never reorder inside.
LATIN_OR_DIGITS = r"[A-Za-z0-9][A-Za-z0-9'’.,:/_%?=&$-]*[A-Za-z0-9]"
# Latin names of sources and publishers (isolated in <bdi> inside Arabic text).
# Brackets and other neutrals at the edges are left out: they take the direction around them.
LATIN_NAME = r"[A-Za-z][A-Za-z .&'’-]*[A-Za-z]"


def direction_problems(page: Page, lang: str) -> list[str]:
    problems = []
    html = page.locator("html")
    if html.get_attribute("lang") != lang or html.get_attribute("dir") != DIRECTION[lang]:
        problems.append(f"<html lang={html.get_attribute('lang')} dir={html.get_attribute('dir')}>")
    for selector in ("body", "article.bayyin-claim", ".bayyin-claimbox", ".bayyin-sources"):
        direction = page.locator(selector).first.evaluate("e => getComputedStyle(e).direction")
        if direction != DIRECTION[lang]:
            problems.append(f"{selector} is {direction}")
    # A one-word label sits on the reading side: the right edge in Arabic, the left in English.
    gaps = page.locator(".bayyin-claimbox__label").first.evaluate(
        """p => { const r = document.createRange(); r.selectNodeContents(p);
                  const text = r.getBoundingClientRect(), box = p.getBoundingClientRect();
                  return [text.left - box.left, box.right - text.right]; }"""
    )
    if (gaps[1] < gaps[0]) != (lang == "ar"):
        problems.append(f"the claim box label is not on the {DIRECTION[lang]} start side")
    return problems


def bidi_problems(page: Page, lang: str) -> list[str]:
    problems = []
    checked, scrambled = scrambled_runs(page, "article.bayyin-claim", LATIN_OR_DIGITS)
    if checked == 0:
        problems.append("no Latin word or number drawn")
    if scrambled:
        problems.append(f"Latin words or numbers drawn out of order: {scrambled}")
    # A source's address reads in address order: host, then each path segment (each in its
    # own direction), left to right, line after line, whatever script it holds.
    urls = parts_out_of_order(page, ".bayyin-source__url")
    if page.locator(".bayyin-source__url").count() == 0:
        problems.append("no source address drawn")
    if urls:
        problems.append(f"source URLs drawn out of order: {urls}")
    checked, scrambled = scrambled_runs(page, ".bayyin-sources", LATIN_NAME)
    if checked == 0:
        problems.append("no Latin source name drawn")
    if scrambled:
        problems.append(f"Latin source names drawn out of order: {scrambled}")
    return problems


def date_problems(page: Page, lang: str) -> list[str]:
    """'5 يونيو 2025': the day right of the year in Arabic, left of it in English."""
    problems = []
    dates = runs_per_element(page, "article.bayyin-claim time", r"[0-9]+")
    if not dates:
        return ["no dates"]
    for text, numbers in dates:
        if len(numbers) != 2:
            problems.append(f"{text!r}: expected a day and a year")
            continue
        day, year = numbers
        if len(year.text) != 4:
            problems.append(f"{text!r}: no four-digit year at the end")
        if not (day.drawn_left_to_right() and year.drawn_left_to_right()):
            problems.append(f"{text!r}: digits drawn out of order")
        if day.chars[0].y < year.chars[0].y - day.chars[0].h / 2:
            problems.append(f"{text!r}: broken across lines")
        elif (day.x() > year.x()) != (lang == "ar"):
            problems.append(f"{text!r}: day and year in the wrong order")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_claim_page_loads_cleanly_and_reads_right(
    visit_with: Callable[..., Visit], lang: str
) -> None:
    visit = visit_with(viewport=MOBILE, is_mobile=True, has_touch=True)
    ids = claim_ids()
    assert ids, "no claims in content/"
    page = visit.open(claim_path(ids[0], lang))
    # Once, wait for everything the page loads late (search index, lunr) to catch its errors.
    page.wait_for_load_state("networkidle")
    found: dict[str, list[str]] = {}
    for claim_id in ids:
        path = claim_path(claim_id, lang)
        response = page.goto(visit.server.url(path))
        problems = [] if response and response.ok else [f"HTTP {response and response.status}"]
        if page.locator("article.bayyin-claim h1").count() != 1:
            problems.append("no claim heading")
        else:
            problems += direction_problems(page, lang)
            problems += bidi_problems(page, lang)
            problems += date_problems(page, lang)
        too_wide = overflow_problem(page)
        if too_wide:
            problems.append(too_wide)
        problems += visit.traffic.problems()
        visit.traffic.clear()
        if problems:
            found[path] = problems
    assert found == {}, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)
