"""Editor Markdown → safe HTML, with citation markers turned into numbered links.

Editor prose gets its own Markdown instance: no raw HTML, no attr_list, no md_in_html, no
snippets (they read files from disk). Whatever Markdown produces then passes an allow-list
sanitizer, so no script, frame, event handler or `javascript:` link can reach a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3

from generator.validate import MARKER

_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "h2",
    "h3",
    "h4",
    "bdi",
}
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_TOKEN = re.compile("\ue000([0-9]+)\ue001")


@dataclass
class Citations:
    """Numbers sources in the order the source list shows them; remembers every marker made."""

    order: list[str]
    uses: dict[str, list[str]] = field(default_factory=dict)

    def number(self, source_id: str) -> int:
        return self.order.index(source_id) + 1

    def anchor(self, source_id: str) -> str:
        """Return a new id for one marker of `source_id` (the source list links back to it)."""
        anchors = self.uses.setdefault(source_id, [])
        anchors.append(f"cite-{source_id}-{len(anchors) + 1}")
        return anchors[-1]


def _new_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in editor prose is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


class ProseRenderer:
    """Renders editor Markdown; one Markdown instance is built once and reset per call."""

    def __init__(self, cite_label: Callable[[int], str]) -> None:
        self._md = _new_markdown()
        self._cite_label = cite_label

    def render(self, text: str, citations: Citations | None = None, *, inline: bool = False) -> str:
        """Return sanitized HTML for `text`; markers become links when `citations` is given."""
        found: list[str] = []

        def hold(match: re.Match[str]) -> str:
            found.append(match.group(1).strip())
            return f"\ue000{len(found) - 1}\ue001"

        source = MARKER.sub(hold, text)
        html = self._md.reset().convert(source)
        html = nh3.clean(
            html,
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_URL_SCHEMES,
            link_rel="noopener noreferrer external",
            strip_comments=True,
        )
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]

        def place(match: re.Match[str]) -> str:
            source_id = found[int(match.group(1))]
            if citations is None or source_id not in citations.order:
                return ""
            number = citations.number(source_id)
            anchor = citations.anchor(source_id)
            label = self._cite_label(number)
            return (
                f'<sup class="bayyin-cite"><a href="#source-{source_id}" id="{anchor}" '
                f'aria-label="{label}">[{number}]</a></sup>'
            )

        return _TOKEN.sub(place, html)
