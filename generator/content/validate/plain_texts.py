"""Plain texts (titles, names, labels): no links, since their templates do not read Markdown."""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from typing import Any

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
_AUTOLINK_START = re.compile(rb"<(?:https?|mailto):", re.IGNORECASE)
# Besides ASCII letters, the four letters Python's IGNORECASE matches to ASCII ones (İ, ı,
# ſ and the Kelvin sign K), as UTF-8: a text with one of them is walked.
_FOLDED_LETTERS = tuple(letter.encode() for letter in "\u0130\u0131\u017f\u212a")


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
            document = self.content.documents.get((kind, item_id))
            if document is not None and not _may_hold_autolink(document.data):
                continue  # the model's texts come from this data: none has an autolink
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


def _may_hold_autolink(data: Any) -> bool:
    """Whether some text of a file's data may hold an autolink: all its texts searched at
    once, as marshal writes them (each text's characters in a row, as UTF-8), instead of a
    walk through every text of the model."""
    try:
        texts = marshal.dumps(data)
    except ValueError:  # not plain data: walk the model
        return True
    if b"<" not in texts:
        return False
    return bool(_AUTOLINK_START.search(texts)) or any(f in texts for f in _FOLDED_LETTERS)
