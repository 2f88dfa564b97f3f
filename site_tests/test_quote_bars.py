"""Each quote in the claim box has one bar, on the side where its own lines start."""

from __future__ import annotations

from collections.abc import Callable

from browsing import DESKTOP, Visit
from catalogue import claim_ids, claim_path

# Each quote of the claim box: its direction and the width of its left and right borders.
_BARS = """
() => [...document.querySelectorAll(
    ".bayyin-claimbox__text, .bayyin-claimbox__original")].map(quote => {
  const style = getComputedStyle(quote);
  return [quote.className, style.direction,
          parseFloat(style.borderLeftWidth), parseFloat(style.borderRightWidth)];
})
"""


def test_an_english_original_on_an_arabic_page_has_one_bar_on_the_left(
    visit_with: Callable[..., Visit],
) -> None:
    visit = visit_with(viewport=DESKTOP)
    page = visit.open(claim_path(claim_ids()[0], "ar"))
    problems: list[str] = []
    originals = 0
    for claim_id in claim_ids():
        page.goto(visit.server.url(claim_path(claim_id, "ar")))
        for name, direction, left, right in page.evaluate(_BARS):
            originals += name == "bayyin-claimbox__original" and direction == "ltr"
            start, end = (left, right) if direction == "ltr" else (right, left)
            if not (start > 0 and end == 0):
                problems.append(f"{claim_id}: {name} ({direction}) bars left {left}, right {right}")
    assert originals > 0, "no English original quoted on an Arabic claim page"
    assert problems == []
