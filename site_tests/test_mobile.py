"""At 360×740 (a small phone) no page scrolls sideways.

Every claim page is checked at this size by test_claim_pages; here, the largest page of every
other kind (home, lists, stories, claimant, rating and topic pages, about, 404...).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browsing import MOBILE, Visit
from catalogue import LANGUAGES, largest_page_of_each_kind
from layout import overflow_problem


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_horizontally_on_a_phone(
    visit_with: Callable[..., Visit], lang: str
) -> None:
    visit = visit_with(viewport=MOBILE, is_mobile=True, has_touch=True)
    kinds = largest_page_of_each_kind(visit.server.root, lang)
    assert len(kinds) >= 6, f"too few kinds of {lang} pages: {kinds}"
    page = visit.open(kinds.get("", ""))
    found = {}
    for path in kinds.values():
        page.goto(visit.server.url(path))
        problems = visit.traffic.problems()
        visit.traffic.clear()
        too_wide = overflow_problem(page)
        if too_wide:
            problems.append(too_wide)
        if problems:
            found[path] = problems
    assert found == {}, "\n".join(f"{path}: {p}" for path, ps in found.items() for p in ps)
