"""Measure what the reader sees: where characters are drawn, which way icons point.

Scripts run in the page (Playwright `evaluate`); the Python wrappers return plain data that the
tests assert on.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import ElementHandle, Page

# For every match of `pattern` in the visible text under `root`, the centre of each character
# as drawn. Characters of a zero-size box (hidden) are left out.
_RUNS = """
(root, pattern) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const regex = new RegExp(pattern, "gu");
  const range = document.createRange();
  const runs = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(regex)) {
      const chars = [];
      for (let i = match.index; i < match.index + match[0].length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) {
          chars.push({ch: node.data[i], x: box.left + box.width / 2,
                      y: box.top + box.height / 2, h: box.height});
        }
      }
      runs.push({text: match[0], chars});
    }
  }
  return runs;
}
"""

# The runs under `root` matching `pattern` whose characters are not drawn left to right
# (on one line, each character right of the one before), and how many runs were checked.
_SCRAMBLED = (
    """
(root, pattern) => {
  const runs = ("""
    + _RUNS.strip()
    + """)(root, pattern).filter(run => run.chars.length > 0);
  const scrambled = runs.filter(run => run.chars.some((after, i) => {
    if (i === 0) return false;
    const before = run.chars[i - 1];
    const sameLine = Math.abs(after.y - before.y) < Math.min(before.h, after.h) / 2;
    return sameLine && !(after.x > before.x);
  })).map(run => run.text);
  return {checked: runs.length, scrambled};
}
"""
)


# The elements matching a selector whose text is not drawn in its own order, line after line,
# each character right of the one before on its line (what a URL must be).
_OUT_OF_ORDER = (
    """
([selector, pattern]) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length > 0)
  .filter(e => {
    const chars = ("""
    + _RUNS.strip()
    + """)(e, pattern).flatMap(run => run.chars);
    return chars.some((after, i) => {
      if (i === 0) return false;
      const before = chars[i - 1];
      const nextLine = after.y > before.y + Math.min(before.h, after.h) / 2;
      const sameLine = Math.abs(after.y - before.y) < Math.min(before.h, after.h) / 2;
      return !(nextLine || (sameLine && after.x > before.x));
    });
  })
  .map(e => e.textContent.trim())
"""
)


@dataclass(frozen=True)
class Glyph:
    ch: str
    x: float
    y: float
    h: float


@dataclass(frozen=True)
class Run:
    text: str
    chars: list[Glyph]

    def drawn_left_to_right(self) -> bool:
        """Whether each character is drawn right of the one before it, on the same line."""
        for before, after in zip(self.chars, self.chars[1:], strict=False):
            same_line = abs(after.y - before.y) < min(before.h, after.h) / 2
            if same_line and not after.x > before.x:
                return False
        return True

    def x(self) -> float:
        """The horizontal centre of the run's first line."""
        first = [c for c in self.chars if abs(c.y - self.chars[0].y) < self.chars[0].h / 2]
        return sum(c.x for c in first) / len(first)


def runs(page: Page, selector: str, pattern: str) -> list[Run]:
    """Every match of the JavaScript regex `pattern` in the text of the first `selector`."""
    root = page.locator(selector).first.element_handle()
    assert root is not None, f"no {selector} on {page.url}"
    raw = root.evaluate(_RUNS, pattern)
    return [
        Run(r["text"], [Glyph(c["ch"], c["x"], c["y"], c["h"]) for c in r["chars"]])
        for r in raw
        if r["chars"]
    ]


def runs_per_element(page: Page, selector: str, pattern: str) -> list[tuple[str, list[Run]]]:
    """For each visible element matching `selector`: its text and its runs of `pattern`."""
    raw = page.evaluate(
        "([selector, pattern]) => [...document.querySelectorAll(selector)]"
        ".filter(e => e.getClientRects().length > 0)"
        f".map(e => [e.textContent, ({_RUNS.strip()})(e, pattern)])",
        [selector, pattern],
    )
    return [
        (
            text,
            [
                Run(r["text"], [Glyph(c["ch"], c["x"], c["y"], c["h"]) for c in r["chars"]])
                for r in element_runs
                if r["chars"]
            ],
        )
        for text, element_runs in raw
    ]


def drawn_out_of_order(page: Page, selector: str) -> list[str]:
    """Texts of the visible `selector` elements not drawn left to right, line after line."""
    return list(page.evaluate(_OUT_OF_ORDER, [selector, r"\S+"]))


# Per element: are its child isolates (the parts of an address) drawn left to right, line
# after line? Each part may read in its own direction inside its box.
_PARTS_OUT_OF_ORDER = """
(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length > 0)
  .filter(e => {
    const boxes = [...e.querySelectorAll(":scope > bdi")].map(b => b.getClientRects()[0]);
    return boxes.some((after, i) => {
      if (i === 0) return false;
      const before = boxes[i - 1];
      const nextLine = after.top >= before.bottom - 1;
      return !(nextLine || after.left >= before.right - 1);
    });
  })
  .map(e => e.textContent.trim())
"""


def parts_out_of_order(page: Page, selector: str) -> list[str]:
    """Texts of the visible `selector` elements whose <bdi> parts are not drawn left to
    right, line after line."""
    return list(page.evaluate(_PARTS_OUT_OF_ORDER, selector))


def scrambled_runs(page: Page, selector: str, pattern: str) -> tuple[int, list[str]]:
    """(runs checked, texts of the runs not drawn left to right) under the first `selector`."""
    root = page.locator(selector).first.element_handle()
    assert root is not None, f"no {selector} on {page.url}"
    result = root.evaluate(_SCRAMBLED, pattern)
    return int(result["checked"]), list(result["scrambled"])


# The horizontal scale an element is drawn with: the product of the x-scales of the
# transforms of it and its ancestors (negative: mirrored).
_X_SCALE = """
(element) => {
  let scale = 1;
  for (let e = element; e && e.nodeType === 1; e = e.parentElement) {
    const t = getComputedStyle(e).transform;
    if (t && t !== "none") scale *= new DOMMatrixReadOnly(t).a;
  }
  return scale;
}
"""


def mirrored(element: ElementHandle) -> bool:
    """Whether the element is drawn mirrored (an odd number of horizontal flips)."""
    return float(element.evaluate(_X_SCALE)) < 0


def overflow_problem(page: Page) -> str | None:
    """Why the page scrolls sideways (its widest element), or None when it does not."""
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if width <= client:
        return None
    # The culprit: the element that sticks out of its parent furthest (fixed elements, like
    # Material's off-canvas drawer, do not widen the page and are left out).
    widest = page.evaluate(
        """() => {
          const fixed = e => { for (; e; e = e.parentElement)
            if (getComputedStyle(e).position === "fixed") return true; return false; };
          let worst = null, over = 0;
          for (const e of document.querySelectorAll("body *")) {
            const parent = e.parentElement, r = e.getBoundingClientRect();
            if (!parent || r.width === 0) continue;
            const p = parent.getBoundingClientRect();
            const o = Math.max(r.right - p.right, p.left - r.left);
            if (o > over && getComputedStyle(e).visibility !== "hidden" && !fixed(e)) {
              over = o; worst = e;
            }
          }
          return worst ? worst.outerHTML.slice(0, 120) + ` (${Math.round(over)}px out)` : "";
        }"""
    )
    return f"{width}px wide on a {client}px screen: {widest}"
