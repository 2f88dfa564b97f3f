"""libyaml events → plain data with positions: the reference reader, every event checked in full.

`EventReader.build` sends every event through `feed`, which refuses what content never needs
(anchors, aliases, tags, merge keys, duplicate keys, several documents, markup). The fast
reader (`fast.py`) must give the same data, positions and diagnostics for every file; this
class is what it is compared with (tests/test_load_paths.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from generator.content.diagnostics import Diagnostic, Document, Path_
from generator.content.load.text import (
    CHARACTER_REFERENCE,
    HTML_TAG,
    Reject,
    check_markup,
    clean_text,
)

MAX_DEPTH = 40

NULLS = {"", "~", "null", "Null", "NULL"}

# A '#' right after a space starts a YAML comment; one glued to a word (#1, #hashtag) was
# almost certainly meant as text.
TOO_DEEP = (
    f"the file nests lists and groups more than {MAX_DEPTH} levels deep; "
    "content never needs that many"
)
COMMENT_AFTER = re.compile(r"[ \t]+#[^\s#]")


def at_mark(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


@dataclass
class _Frame:
    """An open mapping or sequence while the event stream is read."""

    value: dict[str, Any] | list[Any]
    loc: Path_
    key: str | None = None


class EventReader:
    """Turns libyaml events into plain data and positions, refusing what content never needs."""

    def __init__(self, document: Document, text: str) -> None:
        self.document = document
        self.text = text
        self._lines: list[str] | None = None
        self.stack: list[_Frame] = []
        self.documents = 0
        self.root: Any = None
        self.has_root = False
        # A check that finds nothing in the whole file finds nothing in any of its values,
        # so it is skipped for each one (about half of a file's reading time). Double-quoted
        # values are the exception: their escapes can make what the file does not show.
        self.normalized = unicodedata.is_normalized("NFC", text)
        self.markup = bool(HTML_TAG.search(text) or CHARACTER_REFERENCE.search(text))
        self.comments = "#" in text and bool(COMMENT_AFTER.search(text))

    def build(self, events: Iterable[Any]) -> None:
        """Read every event through `feed`: each one checked in full."""
        for event in events:
            self.feed(event)

    def feed(self, event: yaml.Event) -> None:
        line, column = at_mark(event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and event.anchor is None and event.tag is None:
            self.scalar(str(event.value), event.style or "", line, column, event.end_mark)
            return
        if isinstance(event, yaml.CollectionEndEvent):
            frame = self.stack.pop()
            self.add(frame.value)
            return
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise Reject(
                    line,
                    column,
                    "the file holds more than one YAML document (a second ---); "
                    "keep one claim, source or page per file",
                )
            return
        if isinstance(event, yaml.AliasEvent):
            raise Reject(
                line,
                column,
                "aliases (*name) are not allowed; write the value out in full "
                "(if the * belongs to the text, put the whole value in quotes)",
            )
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                raise Reject(
                    line,
                    column,
                    f"anchors (&{event.anchor}) are not allowed; write each value out in full "
                    "(if the & belongs to the text, put the whole value in quotes)",
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise Reject(
                    line,
                    column,
                    f"YAML tags ({_short_tag(tag)}) are not allowed; remove the tag "
                    "(if the ! belongs to the text, put the whole value in quotes)",
                )
        if isinstance(event, yaml.CollectionStartEvent):
            self.start(event, line, column)

    def expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].value, dict)
            and (self.stack[-1].key is None)
        )

    def next_loc(self) -> Path_:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.loc, len(frame.value))
        assert frame.key is not None
        return (*frame.loc, frame.key)

    def start(self, event: yaml.CollectionStartEvent, line: int, column: int) -> None:
        if self.expecting_key():
            raise Reject(line, column, "a key must be a plain word, not a list or a group")
        if len(self.stack) >= MAX_DEPTH:
            raise Reject(line, column, TOO_DEEP)
        loc = self.next_loc()
        self.document.positions[loc] = (line, column)
        value: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(value, loc))

    def scalar(self, value: str, style: str, line: int, column: int, end: Any) -> None:
        plain = not style  # libyaml gives plain scalars the style ""
        escaped = style == '"'
        text = clean_text(value, line, column) if escaped or not self.normalized else value
        if self.expecting_key():
            frame = self.stack[-1]
            assert isinstance(frame.value, dict)
            if plain and text == "<<":
                raise Reject(
                    line, column, "merge keys (<<) are not allowed; write each key out in full"
                )
            key_loc = (*frame.loc, text)
            if text in frame.value or key_loc in self.document.key_positions:
                first_line, _ = self.document.key_positions[key_loc]
                raise Reject(
                    line,
                    column,
                    f"duplicate key '{text}' (first given on line {first_line}); keep only one",
                )
            self.document.key_positions[key_loc] = (line, column)
            frame.key = text
            return
        if escaped or self.markup:
            check_markup(text, line, column)
        if plain and text and self.comments:
            self.check_comment(end)
        self.document.positions[self.next_loc()] = (line, column)
        self.add(None if plain and text in NULLS else text)

    def check_comment(self, end: Any) -> None:
        # `text: the #1 issue` silently drops "#1 issue": YAML reads it as a comment.
        if self._lines is None:
            self._lines = self.text.split("\n")
        lines = self._lines
        if end is None or end.line >= len(lines):
            return
        rest = lines[end.line][end.column :]
        if COMMENT_AFTER.match(rest):
            hash_column = end.column + rest.index("#") + 1
            self.document.warnings.append(
                Diagnostic(
                    self.document.path,
                    end.line + 1,
                    hash_column,
                    "the text after ' #' is read as a YAML comment and left out of the "
                    "value; if it belongs to the text, put the whole value in quotes",
                    "warning",
                )
            )

    def add(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            self.has_root = True
            return
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            frame.value.append(value)
        else:
            assert frame.key is not None
            frame.value[frame.key] = value
            frame.key = None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag
