"""Plain texts (titles, names, labels): no links, since their templates do not read Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from generator.content.diagnostics import Path_, format_loc, shorten
from generator.content.validate.base import CheckerBase

# The fields rendered as Markdown (class name, field name); every other text is plain.
_MARKDOWN_FIELDS = {
    ("Claim", "summary"),
    ("Section", "heading"),
    ("Section", "body"),
    ("Correction", "note"),
    ("Story", "summary"),
    ("Event", "text"),
    ("Page", "body"),
    ("EvidenceImage", "caption"),
    ("Withdrawal", "reason"),
}
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\n]*>?", re.IGNORECASE)


class PlainTextChecks(CheckerBase):
    """Autolinks where only Markdown prose may have links."""

    def check_plain_texts(self) -> None:
        """Refuse autolinks (<https://...>) outside Markdown prose: titles, names and labels
        are plain text, shown by templates that do not read Markdown."""
        items: list[tuple[str, str, BaseModel | None]] = [
            ("site", "site", self.content.site),
            ("ratings", "ratings", self.content.ratings),
            ("topics", "topics", self.content.topics),
        ]
        for folder in ("people", "sources", "claims", "stories", "pages"):
            items += [(folder, i, m) for i, m in getattr(self.content, folder).items()]
        for kind, item_id, item in items:
            if item is None:
                continue
            for loc, text in _plain_texts(item, ()):
                found = _AUTOLINK.search(text)
                if found:
                    self.report(
                        kind,
                        item_id,
                        loc,
                        f"{format_loc(loc)}: '{shorten(found.group(), 80)}' is a link; links "
                        "are allowed only in Markdown prose (summaries, section bodies), "
                        "not in a title, name or label",
                    )


def _plain_texts(item: object, loc: Path_) -> Iterator[tuple[Path_, str]]:
    """Every text of `item` that is not Markdown prose, with where it is."""
    if isinstance(item, str):
        yield loc, item
    elif isinstance(item, BaseModel):
        for name in type(item).model_fields:
            if (type(item).__name__, name) not in _MARKDOWN_FIELDS:
                yield from _plain_texts(getattr(item, name), (*loc, name))
    elif isinstance(item, (list, tuple)):
        for index, value in enumerate(item):
            yield from _plain_texts(value, (*loc, index))
    elif isinstance(item, dict):
        for key, value in item.items():
            yield from _plain_texts(value, (*loc, key))
