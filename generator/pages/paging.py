"""Numbered pages of a long list of claims: `claims/`, `claims/page/2/`, ... and the pager
that links them (at 10,000 claims one page of every card would weigh megabytes)."""

from __future__ import annotations

import math
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

# About 50 cards: a claim card is 2-3 KB of HTML, so a full page stays far below 512 KB.
PAGE_SIZE = 50
# Numbered links shown on each side of the current page (the first and last are always shown).
_AROUND = 2

T = TypeVar("T")


@dataclass(frozen=True)
class ListPage:
    """One page of a list: its number (from 1), how many pages there are and its path."""

    number: int
    total: int
    base: str  # the first page's path, relative to the language root: "claims/"

    @property
    def path(self) -> str:
        return page_path(self.base, self.number)

    @property
    def previous(self) -> str | None:
        return page_path(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_path(self.base, self.number + 1) if self.number < self.total else None


def page_path(base: str, number: int) -> str:
    """The path of page `number` of the list whose first page is at `base`."""
    return base if number == 1 else f"{base}page/{number}/"


def split(items: Sequence[T], size: int = PAGE_SIZE) -> list[Sequence[T]]:
    """`items` in pages of `size`; an empty list is one empty page."""
    count = max(1, math.ceil(len(items) / size))
    return [items[i * size : (i + 1) * size] for i in range(count)]


def list_pages(base: str, count: int) -> list[ListPage]:
    """The `count` pages of the list at `base`."""
    return [ListPage(number, count, base) for number in range(1, count + 1)]


def pager(page: ListPage) -> dict[str, object] | None:
    """What the pager of `page` shows, with links relative to the page itself; None when the
    list fits on one page. `numbers` holds page numbers and None for a gap (…)."""
    if page.total == 1:
        return None

    def href(number: int) -> str:
        return _relative(page.path, page_path(page.base, number))

    shown = sorted(
        {1, page.total}
        | set(range(max(1, page.number - _AROUND), min(page.total, page.number + _AROUND) + 1))
    )
    numbers: list[dict[str, object] | None] = []
    for index, number in enumerate(shown):
        if index and number - shown[index - 1] > 1:
            numbers.append(None)
        numbers.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "number": page.number,
        "total": page.total,
        "previous": href(page.number - 1) if page.previous is not None else None,
        "next": href(page.number + 1) if page.next is not None else None,
        "numbers": numbers,
    }


def _relative(here: str, target: str) -> str:
    """A link from the directory URL `here` to the directory URL `target`."""
    rel = posixpath.relpath(posixpath.join("/", target), posixpath.join("/", here))
    return "./" if rel == "." else rel + "/"
