"""At 390 px (a phone), no citation marker of a claim or story page starts a line: each stays
with the word it cites from, in Arabic and in English (measured on the drawn boxes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browsing import Visit
from catalogue import LANGUAGES, claim_ids, claim_path, content, language_root
from layout import overflow_problem

PHONE = {"width": 390, "height": 844}

# For each marker: the box of the last character drawn before it (skipping earlier markers
# and spaces) and the marker's own first box. A marker starts a line when its box is below
# that character's line.
MARKERS_STARTING_A_LINE = """
() => {
  const found = [];
  let checked = 0;
  for (const marker of document.querySelectorAll("sup.bayyin-cite")) {
    const block = marker.closest("p, li, dd, blockquote, div");
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let last = null;
    let offset = -1;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(marker.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING)) break;
      if (node.parentElement.closest("sup.bayyin-cite")) continue;
      const index = node.data.search(/\\S\\s*$/);
      if (index >= 0) { last = node; offset = index; }
    }
    if (last === null) continue;
    const range = document.createRange();
    range.setStart(last, offset);
    range.setEnd(last, offset + 1);
    const before = [...range.getClientRects()].pop();
    const own = marker.getClientRects()[0];
    if (!before || !own) continue;
    checked += 1;
    if (own.top > before.top + before.height * 0.9) {
      found.push(block.textContent.trim().slice(0, 60) + " … " + marker.textContent);
    }
  }
  return {checked, found};
}
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_citation_marker_starts_a_line_on_a_phone(
    visit_with: Callable[..., Visit], lang: str
) -> None:
    visit = visit_with(viewport=PHONE, is_mobile=True, has_touch=True)
    page = visit.open(claim_path(claim_ids()[0], lang))
    checked = 0
    found: dict[str, list[str]] = {}
    paths = [claim_path(claim_id, lang) for claim_id in claim_ids()]
    paths += [f"{language_root(lang)}stories/{story}/" for story in sorted(content().stories)]
    for path in paths:
        page.goto(visit.server.url(path))
        page.evaluate("document.fonts.ready.then(() => true)")
        result = page.evaluate(MARKERS_STARTING_A_LINE)
        checked += int(result["checked"])
        if result["found"]:
            found[path] = list(result["found"])
        assert overflow_problem(page) is None
    assert checked > 50, f"only {checked} markers measured"
    assert found == {}, found
