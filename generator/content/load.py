"""YAML files → plain data with the line and column of every node, then → typed models.

`yaml.safe_load` is not enough for content written in pull requests: it expands aliases,
accepts duplicate keys silently, and guesses types the YAML 1.1 way (`no` becomes False,
`012` becomes 10, an unquoted date becomes a date). This loader reads libyaml's event stream
(its parser is iterative, so no nesting depth can crash it; its C composer is recursive and
is never used), builds plain data with an explicit stack, keeps every scalar as text (the
models decide what a value means) and rejects what an editor never needs: anchors, aliases,
tags, merge keys, several documents, invisible control characters and HTML markup.
"""

from __future__ import annotations

import difflib
import functools
import html
import marshal
import multiprocessing
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.content.diagnostics import (
    Diagnostic,
    Document,
    Path_,
    Positions,
    display_path,
    format_loc,
    shorten,
)
from generator.content.kinds import FOLDERS, REGISTRIES, Content
from generator.content.model import ID, IMAGE_FOLDER, LANGUAGE_NAMES

try:
    from yaml._yaml import CParser as _Parser  # libyaml's parser (what CSafeLoader uses)
except ImportError as exc:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError(
        "PyYAML was installed without libyaml; the pure-Python loader is 15x slower. "
        "Reinstall with `make build` (the lock pins wheels that include libyaml)."
    ) from exc

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
# More problems than this in one file are summed up in one line: a file that is not
# content at all (say, 100 000 unknown keys) must not bury the other files' problems.
MAX_PROBLEMS_PER_FILE = 50

M = TypeVar("M", bound=BaseModel)

_NULLS = {"", "~", "null", "Null", "NULL"}

# Characters refused anywhere in a file, comments included. Bidi embeddings, overrides and
# isolates can reorder text to deceive a reader (LRM, RLM, ALM and ZWJ/ZWNJ are harmless and
# allowed); C0/C1 controls, DEL, stray byte-order marks and noncharacters are invisible;
# U+2028/U+2029 are line breaks to YAML but not to most editors, so every line number
# after them would be wrong.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ufeff\ufffe\uffff]"
)
_CHARACTER_NAMES = {
    "\x00": "a NUL byte",
    "\x85": "the NEL line break (U+0085)",
    "\u2028": "the line separator U+2028",
    "\u2029": "the paragraph separator U+2029",
    "\ufeff": "a byte-order mark (U+FEFF) in the middle of the file",
}
# Markup that a browser would read as a tag, comment or declaration. Markdown autolinks
# (<https://...>) are prose, not markup, unless they hold a quote or '=': printed raw, such
# a "link" is a tag with attributes (<https://a.b/x/onfocus=alert(1)//>).
_HTML_TAG = re.compile(r"<(?!(?:https?|mailto):[^\s<>\"'=]*>)[A-Za-z/!?][^\s>]{0,30}")
_AUTOLINK_START = re.compile(r"<(?:https?|mailto):", re.IGNORECASE)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# A '#' right after a space starts a YAML comment; one glued to a word (#1, #hashtag) was
# almost certainly meant as text.
_TOO_DEEP = (
    f"the file nests lists and groups more than {MAX_DEPTH} levels deep; "
    "content never needs that many"
)
_COMMENT_AFTER = re.compile(r"[ \t]+#[^\s#]")


class _Reject(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `index` of `text`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode(raw: bytes) -> str:
    """Decode file bytes as UTF-8 (a BOM is allowed), naming the problem when they are not.

    Line breaks are normalized to `\\n` (CRLF files read exactly like LF files).

    Raises:
        _Reject: the bytes are not UTF-8 text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(raw):
        raise _Reject(1, 1, "the file is saved as UTF-16; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _Reject(line, column, _not_utf8_message(raw, raw[exc.start])) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_utf16(raw: bytes) -> bool:
    # UTF-16 without a byte-order mark: ASCII text with a NUL byte beside every character.
    sample = raw[:200]
    return len(sample) >= 4 and (
        sample[1::2].count(0) * 2 >= len(sample) // 2
        or sample[0::2].count(0) * 2 >= len(sample) // 2
    )


def _not_utf8_message(raw: bytes, byte: int) -> str:
    found = f"the file is not valid UTF-8 (byte 0x{byte:02X})"
    if any(ord(ch) > 127 for ch in raw.decode("utf-8", "ignore")):
        # Mostly UTF-8 with a damaged spot, say a character cut in half by a bad paste.
        return f"{found}; retype the text at this spot and save the file as UTF-8"
    try:
        legacy = raw.decode("cp1256")
    except UnicodeDecodeError:
        legacy = ""
    high = [ch for ch in legacy if ord(ch) > 127]
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in high)
    if arabic >= 2 and arabic * 2 >= len(high):
        return f"{found}; it looks like Windows-1256 (Arabic Windows encoding): save it as UTF-8"
    return f"{found}; it was saved in another encoding (such as Latin-1): save it as UTF-8"


def _check_characters(text: str) -> None:
    """Refuse invisible and deceptive characters anywhere in the file, at their position."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    line, column = _line_column(text, found.start())
    char = found.group()
    if char == "\x00":
        raise _Reject(line, column, "the file contains a NUL byte; it is not a text file")
    raise _Reject(line, column, _character_message(char))


def _character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if re.match(f"[{_BIDI}]", char):
        return (
            f"invisible bidi control character {code} (it can reorder what readers see); "
            "delete it (the marks LRM, RLM and ALM are fine)"
        )
    name = _CHARACTER_NAMES.get(char, f"the invisible control character {code}")
    return f"the text contains {name}; delete it"


def _clean_text(value: str, line: int, column: int) -> str:
    """Check a scalar's value (escapes like "\\u202E" can produce what the file does not show)."""
    found = _FORBIDDEN.search(value)
    if found:
        raise _Reject(line, column, _character_message(found.group()))
    return unicodedata.normalize("NFC", value)


def _check_markup(value: str, line: int, column: int) -> None:
    """Refuse HTML in content: page templates and search snippets must never meet markup."""
    tag = _HTML_TAG.search(value)
    if tag and _AUTOLINK_START.match(tag.group()):
        raise _Reject(
            line,
            column,
            f"'{tag.group()}' is a link in <...> with a quote or '=' in it, which a browser "
            "could read as HTML; write it as [text](https://...)",
        )
    if tag:
        raise _Reject(
            line,
            column,
            f"'{tag.group()}' looks like HTML; HTML is not allowed in content "
            "(write plain text; in prose use Markdown, like **bold** or [text](https://...))",
        )
    for reference in _CHARACTER_REFERENCE.finditer(value):
        name = reference.group()
        named_in_query = (
            not name.startswith("&#")
            and not name.endswith(";")
            and value[reference.end() : reference.end() + 1] == "="
        )
        # `?a=1&copy=2` in a link is a query, not a character reference (browsers agree).
        if not named_in_query and _is_reference(name):
            raise _Reject(
                line,
                column,
                f"'{reference.group()}' is an HTML character reference; "
                "type the character itself instead",
            )


@functools.lru_cache(maxsize=1024)
def _is_reference(text: str) -> bool:
    """Whether a browser reads `text` (like "&amp;" or "&a") as a character reference.
    Cached: a line of 50 000 "&a" asks the same question 50 000 times."""
    return html.unescape(text) != text


def _at(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


@dataclass
class _Frame:
    """An open mapping or sequence while the event stream is read."""

    value: dict[str, Any] | list[Any]
    loc: Path_
    key: str | None = None


_SCALAR = yaml.ScalarEvent
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Builder:
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
        self.markup = bool(_HTML_TAG.search(text) or _CHARACTER_REFERENCE.search(text))
        self.comments = "#" in text and bool(_COMMENT_AFTER.search(text))

    def build(self, events: Iterable[Any]) -> None:
        """Read every event. The common ones in a file that passes the whole-file checks (a
        key, a value that is not double-quoted, the end of a group) are handled here, in
        one loop; anything else goes through `feed`, which checks it in full. About 40 %
        less time per file than calling `feed` for every event."""
        if not (self.normalized and not self.markup and not self.comments):
            for event in events:
                self.feed(event)
            return
        stack = self.stack
        positions = self.document.positions
        key_positions = self.document.key_positions
        for event in events:
            kind = type(event)
            if kind is _SCALAR and stack and event.style != '"':
                if event.anchor is not None or event.tag is not None:
                    self.feed(event)
                    continue
                frame = stack[-1]
                container = frame.value
                value = event.value
                mark = event.start_mark
                if type(container) is list:
                    positions[(*frame.loc, len(container))] = (mark.line + 1, mark.column + 1)
                    container.append(None if not event.style and value in _NULLS else value)
                    continue
                assert isinstance(container, dict)
                key = frame.key
                if key is not None:
                    positions[(*frame.loc, key)] = (mark.line + 1, mark.column + 1)
                    container[key] = None if not event.style and value in _NULLS else value
                    frame.key = None
                    continue
                key_loc = (*frame.loc, value)
                if value in container or key_loc in key_positions or value == "<<":
                    self.feed(event)  # a duplicate or merge key: refused there, with its place
                    continue
                key_positions[key_loc] = (mark.line + 1, mark.column + 1)
                frame.key = value
            elif kind in _COLLECTION_END:
                frame = stack.pop()
                self.add(frame.value)
            else:
                self.feed(event)

    def feed(self, event: yaml.Event) -> None:
        line, column = _at(event.start_mark)
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
                raise _Reject(
                    line,
                    column,
                    "the file holds more than one YAML document (a second ---); "
                    "keep one claim, source or page per file",
                )
            return
        if isinstance(event, yaml.AliasEvent):
            raise _Reject(
                line,
                column,
                "aliases (*name) are not allowed; write the value out in full "
                "(if the * belongs to the text, put the whole value in quotes)",
            )
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                raise _Reject(
                    line,
                    column,
                    f"anchors (&{event.anchor}) are not allowed; write each value out in full "
                    "(if the & belongs to the text, put the whole value in quotes)",
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise _Reject(
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
            raise _Reject(line, column, "a key must be a plain word, not a list or a group")
        if len(self.stack) >= MAX_DEPTH:
            raise _Reject(line, column, _TOO_DEEP)
        loc = self.next_loc()
        self.document.positions[loc] = (line, column)
        value: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(value, loc))

    def scalar(self, value: str, style: str, line: int, column: int, end: Any) -> None:
        plain = not style  # libyaml gives plain scalars the style ""
        escaped = style == '"'
        text = _clean_text(value, line, column) if escaped or not self.normalized else value
        if self.expecting_key():
            frame = self.stack[-1]
            assert isinstance(frame.value, dict)
            if plain and text == "<<":
                raise _Reject(
                    line, column, "merge keys (<<) are not allowed; write each key out in full"
                )
            key_loc = (*frame.loc, text)
            if text in frame.value or key_loc in self.document.key_positions:
                first_line, _ = self.document.key_positions[key_loc]
                raise _Reject(
                    line,
                    column,
                    f"duplicate key '{text}' (first given on line {first_line}); keep only one",
                )
            self.document.key_positions[key_loc] = (line, column)
            frame.key = text
            return
        if escaped or self.markup:
            _check_markup(text, line, column)
        if plain and text and self.comments:
            self.check_comment(end)
        self.document.positions[self.next_loc()] = (line, column)
        self.add(None if plain and text in _NULLS else text)

    def check_comment(self, end: Any) -> None:
        # `text: the #1 issue` silently drops "#1 issue": YAML reads it as a comment.
        if self._lines is None:
            self._lines = self.text.split("\n")
        lines = self._lines
        if end is None or end.line >= len(lines):
            return
        rest = lines[end.line][end.column :]
        if _COMMENT_AFTER.match(rest):
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


def parse_text(text: str, path: str) -> Document | Diagnostic:
    """Parse YAML text into a Document, or return the diagnostic that stops it."""
    document = Document(path=path, data=None)
    builder = _Builder(document, text)
    try:
        _check_characters(text)
        # libyaml's parser alone: yaml.parse would also set up a constructor and a
        # resolver for each file, which reading events never uses.
        builder.build(iter(_Parser(text).get_event, None))
    except _Reject as reject:
        return Diagnostic(path, reject.line, reject.column, reject.message)
    except yaml.MarkedYAMLError as exc:
        return _yaml_error(path, exc, text.split("\n"))
    except yaml.YAMLError as exc:
        # libyaml's reader refuses characters that _check_characters already refused;
        # this is the net under it, never a traceback.
        position = getattr(exc, "position", 0)
        line, column = _line_column(text, min(position, len(text)))
        return Diagnostic(path, line, column, f"the file cannot be read as YAML ({exc})")
    if not builder.has_root or builder.root is None:
        return Diagnostic(path, 1, 1, "the file is empty; it must hold the fields of one item")
    document.data = builder.root
    return document


def _yaml_error(path: str, exc: yaml.MarkedYAMLError, lines: list[str]) -> Diagnostic:
    """Turn libyaml's wording into what an editor needs to fix the line."""
    line, column = _at(exc.problem_mark or exc.context_mark)
    problem = exc.problem or ""
    context = exc.context or ""
    start_line, _ = _at(exc.context_mark)
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    char = row[column - 1] if 0 < column <= len(row) else ""
    if "tab" in problem or char == "\t":
        message = "a tab is used for indentation; indent with spaces only"
    elif "quoted scalar" in context and "end of stream" in problem:
        line, column = _at(exc.context_mark)
        message = "the quoted text that starts here is never closed; add the closing quote"
    elif "flow sequence" in context:
        line, column = _at(exc.context_mark)
        message = (
            "the list in square brackets that starts here is not closed with ']' "
            "(if the [ belongs to the text, put the whole value in quotes)"
        )
    elif "flow mapping" in context:
        line, column = _at(exc.context_mark)
        message = (
            "the group in curly brackets that starts here is not closed with '}' "
            "(if the { belongs to the text, put the whole value in quotes)"
        )
    elif "mapping values are not allowed" in problem:
        message = (
            "a colon followed by a space inside a value; put the whole value in quotes, "
            "or check the indentation of this line"
        )
    elif "alias" in context or "anchor" in context:
        line, column = _at(exc.context_mark)
        sign = "*" if "alias" in context else "&"
        message = (
            f"a value starting with {sign} is read as a YAML "
            f"{'alias' if sign == '*' else 'anchor'}; put the whole value in quotes"
        )
    elif (
        "cannot start any token" in problem and char == "@" and row[column - 2 : column - 1] == "["
    ):
        message = (
            "a value cannot start with a citation marker [@...]; put the whole value in quotes"
        )
    elif "cannot start any token" in problem and char:
        message = f"a value cannot start with '{char}'; put the whole value in quotes"
    elif "unknown escape" in problem:
        message = (
            "unknown backslash escape in double-quoted text; write \\\\ for a backslash, "
            "or use single quotes"
        )
    elif "simple key" in context and "expected ':'" in problem:
        line, column = _at(exc.context_mark)
        message = "this line has no colon; write it as key: value, or indent it under a key"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        if char == "-":
            message = (
                "a list item (- ) does not line up here; indent the items of one list "
                "to the same column, under their key"
            )
        elif _after_quoted_text(row, column):
            message = "text after the closing quote; put the whole value inside the quotes"
        else:
            message = (
                "this line is not indented like the lines above it; the keys of one group "
                f"must start in the same column (the group starts on line {start_line})"
            )
    elif "did not find expected '-' indicator" in problem:
        message = "this line does not line up with the list items above it"
    elif "nesting depth" in problem:
        message = _TOO_DEEP
    elif "directive" in context or "YAML document" in problem:
        message = "YAML directives (lines starting with %) are not allowed; delete the line"
    elif "block sequence entries are not allowed" in problem:
        message = "a list item (- ) cannot start here; put it on its own line under its key"
    else:
        where = f" {context}" if context else ""
        message = f"the YAML is malformed here:{where} {problem}".rstrip()
    return Diagnostic(path, line, column, message)


def _after_quoted_text(row: str, column: int) -> bool:
    before = row[: column - 1].rstrip()
    return before.endswith(("'", '"')) and ":" in before


def read_document(file: Path, display_path: str) -> Document | Diagnostic:
    """Read one YAML file from disk; never raises for bad content, never follows a link."""
    text = read_text(file, display_path)
    return text if isinstance(text, Diagnostic) else parse_text(text, display_path)


def read_text(file: Path, display_path: str) -> str | Diagnostic:
    """Read a content file's text (UTF-8, `\\n` line breaks); never follows a link."""

    def problem(message: str) -> Diagnostic:
        return Diagnostic(display_path, 1, 1, message)

    name = os.fspath(file)
    try:
        info = os.lstat(name)
        if stat.S_ISLNK(info.st_mode):
            return problem("symbolic links are not allowed in content/; copy the file here")
        if stat.S_ISDIR(info.st_mode):
            return problem("this is a folder, not a YAML file; rename it or move its files up")
        if not stat.S_ISREG(info.st_mode):
            return problem("this is not a regular file (a pipe, socket or device); delete it")
        if info.st_size > MAX_FILE_BYTES:
            return problem(_too_large(info.st_size))
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(name, flags)
        try:
            # The file could have been swapped between lstat and open.
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                return problem("this is not a regular file; delete it")
            raw = _read_at_most(descriptor, opened.st_size, MAX_FILE_BYTES + 1)
        finally:
            os.close(descriptor)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        if exc.errno == getattr(os, "ELOOP", -1):
            return problem("symbolic links are not allowed in content/; copy the file here")
        return problem(f"cannot read the file ({reason}); check that it exists and is readable")
    if len(raw) > MAX_FILE_BYTES:
        return problem(_too_large(len(raw)))
    try:
        return decode(raw)
    except _Reject as reject:
        return Diagnostic(display_path, reject.line, reject.column, reject.message)


def _read_at_most(descriptor: int, expected: int, limit: int) -> bytes:
    """Up to `limit` bytes of an open file, asking first for the size it had when opened
    (one buffer the size of the file, not of the limit: a megabyte allocated per file was a
    tenth of the time taken to read one)."""
    chunks: list[bytes] = []
    size = 0
    want = min(expected + 1, limit)
    while size < limit:
        chunk = os.read(descriptor, want)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = min(limit - size, 65536)  # usually only to see the end of the file
    return b"".join(chunks)


def _too_large(size: int) -> str:
    return (
        f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES // 1024 // 1024} MiB "
        f"({MAX_FILE_BYTES:,} bytes) per file: shorten it or split it"
    )


# --- data → models -----------------------------------------------------------------------

_TYPE_NAMES = {dict: "a group of fields", list: "a list", str: "text", type(None): "nothing"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, str):
        return f"the text '{shorten(value)}'"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _model_at(cls: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        model = _find_model(current)
        if model is None or part not in model.model_fields:
            return None
        current = model.model_fields[part].annotation
    return _find_model(current)


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _clean_loc(loc: tuple[str | int, ...]) -> Path_:
    # pydantic marks a dict key's own error with a trailing "[key]".
    return tuple(part for part in loc if part != "[key]")


def _message(cls: type[BaseModel], error: ErrorDetails, value: Any) -> tuple[Path_, str, bool]:
    """Return (where, message, at the key?) for one pydantic error, in an editor's words."""
    loc = _clean_loc(tuple(error["loc"]))
    kind = error["type"]
    name = loc[-1] if loc else ""
    where = format_loc(loc)
    if kind == "missing":
        parent = loc[:-1]
        prefix = f"{format_loc(parent)}: " if parent else ""
        if name in LANGUAGE_NAMES:
            return (
                parent,
                f"{prefix}the {LANGUAGE_NAMES[str(name)]} text ({name}) is missing",
                False,
            )
        return parent, f"{prefix}missing required field '{name}'", False
    if kind == "extra_forbidden":
        model = _model_at(cls, loc[:-1])
        known = list(model.model_fields) if model else []
        close = _suggestion(cls, loc)
        hint = f" (did you mean '{close}'?)" if close else f" (known fields: {', '.join(known)})"
        prefix = f"{format_loc(loc[:-1])}: " if len(loc) > 1 else ""
        return loc, f"{prefix}unknown field '{shorten(str(name), 40)}'{hint}", True
    if kind == "bayyin":
        return loc, f"{where}: {error['msg']}", False
    if kind in ("string_type", "model_type", "dict_type", "list_type", "model_attributes_type"):
        wanted = {
            "string_type": "text",
            "list_type": "a list (lines starting with '- ')",
        }.get(kind, "a group of fields (key: value lines)")
        return loc, f"{where}: expected {wanted}, got {_describe(value)}", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, f"{where}: '{shorten(str(value))}' is not allowed here; use {expected}", False
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return loc, f"{where}: expected a whole number, got {_describe(value)}", False
    if kind == "string_pattern_mismatch":
        return (
            loc,
            f"{where}: expected a language code like ar or en, got {_describe(value)}",
            False,
        )
    if kind == "value_error":
        return loc, f"{where}: {str(error['msg']).removeprefix('Value error, ')}", False
    return loc, f"{where}: {error['msg']}", False


def _suggestion(cls: type[BaseModel], loc: Path_) -> str | None:
    """The known field an unknown key at `loc` is probably a typo of."""
    model = _model_at(cls, loc[:-1])
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return close[0] if close else None


def _one_error_per_typo(cls: type[BaseModel], errors: list[ErrorDetails]) -> list[ErrorDetails]:
    # `titel:` makes two errors (unknown 'titel', missing 'title'); the editor made one.
    typos = {
        (*_clean_loc(tuple(e["loc"]))[:-1], suggestion)
        for e in errors
        if e["type"] == "extra_forbidden"
        and (suggestion := _suggestion(cls, _clean_loc(tuple(e["loc"])))) is not None
    }
    return [
        e for e in errors if not (e["type"] == "missing" and _clean_loc(tuple(e["loc"])) in typos)
    ]


def _value_at(data: Any, loc: Path_) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def to_model(document: Document, cls: type[M]) -> M | list[Diagnostic]:
    """Validate a document's data as `cls`, turning every problem into a located diagnostic."""
    if not isinstance(document.data, dict):
        return [
            document.diagnostic(
                (),
                "the file must be a group of fields (key: value lines), "
                f"not {_describe(document.data)}",
            )
        ]
    try:
        return cls.model_validate(document.data)
    except ValidationError as exc:
        errors = _one_error_per_typo(cls, exc.errors(include_url=False, include_input=False))
        diagnostics = []
        for error in errors[:MAX_PROBLEMS_PER_FILE]:
            loc, message, at_key = _message(
                cls, error, _value_at(document.data, _clean_loc(tuple(error["loc"])))
            )
            diagnostics.append(document.diagnostic(loc, message, key=at_key))
        if len(errors) > MAX_PROBLEMS_PER_FILE:
            diagnostics.append(
                Diagnostic(
                    document.path,
                    1,
                    1,
                    f"{len(errors) - MAX_PROBLEMS_PER_FILE} more problems in this file are "
                    "not shown; fix the ones above first",
                )
            )
        return diagnostics


# --- the content folder ------------------------------------------------------------------


def load_content(
    root: Path, project: Path | None = None, *, cache: ReadCache | None = None
) -> tuple[Content, list[Diagnostic]]:
    """Read every file under `root` into typed models; collect every problem on the way.

    Never raises for anything a content folder can hold, and never follows a symbolic link.

    Args:
        root: the content folder.
        project: the folder that diagnostic paths are relative to (the parent of `root`).
        cache: what earlier loads read (the preview keeps one): a file whose size, time
            and inode have not changed is not read again.
    """
    project = project if project is not None else root.parent
    content = Content(root=root, project=project)
    diagnostics: list[Diagnostic] = []
    if root.is_symlink():
        # Followed, a link could make check and build read (and quote in their messages)
        # any folder of the machine.
        return content, [
            Diagnostic(
                display_path(root, project),
                1,
                1,
                "content/ is a symbolic link; symbolic links are not allowed, make it a real "
                "folder",
            )
        ]
    if not root.is_dir():
        return content, [Diagnostic(display_path(root, project), 1, 1, "no content folder here")]

    for kind in REGISTRIES:
        name = kind.name
        file = root / f"{name}.yaml"
        shown = display_path(file, project)
        if not file.exists() and not file.is_symlink():
            if not kind.optional:
                diagnostics.append(Diagnostic(shown, 1, 1, f"{name}.yaml is missing from content/"))
            continue
        registry, document = _read_model(file, shown, kind.model, diagnostics)
        if registry is not None and document is not None:
            content.documents[(name, name)] = document
            setattr(content, name, registry)

    diagnostics += _unknown_entries(root, project)
    planned: list[_Planned] = []
    for folder in FOLDERS:
        diagnostics += _plan_folder(content, root / folder, folder, planned)
    read = _read_all(planned) if cache is None else cache.read(planned)
    for plan, (item, document, found) in zip(planned, read, strict=True):
        diagnostics += found
        diagnostics += _add_item(content, plan, item, document)
    return content, diagnostics


def _unknown_entries(root: Path, project: Path) -> list[Diagnostic]:
    """YAML files and folders at the top of content/ that nothing would read."""
    known_files = [f"{kind.name}.yaml" for kind in REGISTRIES]
    out = []
    for entry in sorted(root.iterdir()):
        if _hidden_yaml(entry):
            out.append(_hidden_diagnostic(entry, project))
            continue
        if entry.name.startswith(".") or entry.name in known_files or entry.name in FOLDERS:
            continue
        if entry.name == IMAGE_FOLDER and entry.is_dir() and not entry.is_symlink():
            # Evidence images: checked where a claim names them (validate.py).
            continue
        is_folder = entry.is_dir() and not entry.is_symlink()
        if not is_folder and entry.suffix.lower() not in (".yaml", ".yml"):
            continue  # a README or similar is fine
        choices = list(FOLDERS) if is_folder else known_files
        stems = {Path(choice).stem: choice for choice in choices}
        close = [
            stems[match]
            for match in difflib.get_close_matches(entry.stem, list(stems), n=1, cutoff=0.6)
        ]
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(choices)}"
        what = "folder" if is_folder else "file"
        out.append(
            Diagnostic(
                display_path(entry, project),
                1,
                1,
                f"content/ has no place for this {what}, so it would be ignored ({hint})",
            )
        )
    return out


def _hidden_yaml(entry: Path) -> bool:
    """A YAML file whose name starts with '.': hidden, and never read."""
    return entry.name.startswith(".") and entry.suffix.lower() in (".yaml", ".yml")


def _hidden_diagnostic(entry: Path, project: Path) -> Diagnostic:
    return Diagnostic(
        display_path(entry, project),
        1,
        1,
        "files whose name starts with '.' are hidden and never read; rename it without the "
        "dot (or delete it)",
    )


@dataclass(frozen=True)
class _Planned:
    """A file of a content folder to be read as one item."""

    folder: str
    file: Path
    shown: str


def _plan_folder(
    content: Content, directory: Path, folder: str, planned: list[_Planned]
) -> list[Diagnostic]:
    """Add the files of one content folder to `planned`; report the names that cannot be ids."""
    project = content.project
    if directory.is_symlink():
        content.refused.add(folder)
        return [
            Diagnostic(
                display_path(directory, project),
                1,
                1,
                "symbolic links are not allowed in content/; make it a real folder",
            )
        ]
    if not directory.is_dir():
        if directory.exists():
            content.refused.add(folder)
            return [
                Diagnostic(
                    display_path(directory, project),
                    1,
                    1,
                    f"content/{folder} must be a folder of .yaml files, not a file",
                )
            ]
        return []
    diagnostics: list[Diagnostic] = [
        _hidden_diagnostic(entry, project) for entry in directory.iterdir() if _hidden_yaml(entry)
    ]
    entries = [entry for entry in directory.iterdir() if not entry.name.startswith(".")]
    # Of names that differ only in case, the all-lowercase one is read, the others refused.
    entries.sort(key=lambda entry: (entry.name.lower(), entry.name != entry.name.lower()))
    lowered: dict[str, str] = {}
    for file in entries:
        shown = display_path(file, project)
        suffix = file.suffix
        if suffix != ".yaml":
            if file.is_dir() and not file.is_symlink():
                message = (
                    f"folders inside content/{folder}/ are not read; move the files up into it"
                )
            elif suffix.lower() in (".yaml", ".yml"):
                message = f"rename the file to end in .yaml (lowercase), like {file.stem}.yaml"
                # References to it are not reported again: the name is the one problem.
                content.broken.add((folder, file.stem))
            else:
                message = f"only .yaml files belong in content/{folder}/"
            diagnostics.append(Diagnostic(shown, 1, 1, message))
            continue
        stem = file.stem
        if stem.lower() in lowered:
            diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"'{file.name}' differs from '{lowered[stem.lower()]}' only in upper/lower "
                    "case; the two collide on Windows and macOS disks: keep one",
                )
            )
            continue
        lowered[stem.lower()] = file.name
        if not ID.match(stem):
            diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"the file name '{file.name}' is not a valid id: use lowercase Latin "
                    "letters, digits and single hyphens, like musk-epstein-files.yaml",
                )
            )
            content.broken.add((folder, stem))
            continue
        planned.append(_Planned(folder, file, shown))
    return diagnostics


def _add_item(
    content: Content, plan: _Planned, item: BaseModel | None, document: Document | None
) -> list[Diagnostic]:
    """Put an item that was read into its table, once its id matches its file name."""
    folder, stem = plan.folder, plan.file.stem
    if item is None or document is None:
        content.broken.add((folder, stem))
        if document is not None and isinstance(document.data, dict):
            content.partial[(folder, stem)] = document
        return []
    item_id = str(getattr(item, "id", ""))
    if item_id != stem:
        content.broken.add((folder, stem))
        if isinstance(document.data, dict):
            content.partial[(folder, stem)] = document
        taken = plan.file.with_name(f"{item_id}.yaml")
        if item_id and (taken.exists() or taken.is_symlink()):
            shown = display_path(taken, content.project)
            return [
                document.diagnostic(
                    ("id",),
                    f"id '{item_id}' is already used by {shown}; ids must be unique: set "
                    f"it to '{stem}' (the file name), or to a new id and rename the file to "
                    "match",
                )
            ]
        return [
            document.diagnostic(
                ("id",),
                f"id '{item_id}' must match the file name '{stem}' "
                f"(rename the file to {item_id}.yaml or change the id)",
            )
        ]
    table: dict[str, Any] = getattr(content, folder)
    table[item_id] = item
    content.documents[(folder, item_id)] = document
    return []


_Read = tuple[BaseModel | None, Document | None, list[Diagnostic]]
# Below this many files, a second process costs more than it saves.
PARALLEL_MIN_FILES = 400
# The helper process gets the larger share: this process also validates what it sends back.
_HELPER_SHARE = 0.55


def _read_all(planned: list[_Planned]) -> list[_Read]:
    """Read the planned files, on two cores when there are many (1.5x faster at 5000).

    A forked helper parses part of the files and sends back each one's data and text with
    marshal (a tenth of the time a pickled model takes); this process validates them, and
    finds positions again only for the files a diagnostic points into.
    $BAYYIN_JOBS=1 reads everything in this process.
    """
    jobs = 1 if os.environ.get("BAYYIN_JOBS") == "1" else min(2, os.cpu_count() or 1)
    if jobs < 2 or len(planned) < PARALLEL_MIN_FILES or not hasattr(os, "fork"):
        return [_read_one(plan) for plan in planned]
    split = len(planned) - int(len(planned) * _HELPER_SHARE)
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            helped = pool.submit(_parse_batch, planned[split:])
            mine = [_read_one(plan) for plan in planned[:split]]
            parsed = marshal.loads(helped.result())
    except BrokenProcessPool:  # the helper died (out of memory?): read it all here
        return [_read_one(plan) for plan in planned]
    return mine + [
        _validate_parsed(plan, *entry) for plan, entry in zip(planned[split:], parsed, strict=True)
    ]


class ReadCache:
    """What each content file held when it was last read, by its size, time and inode."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int, int], _Read]] = {}

    def read(self, planned: list[_Planned]) -> list[_Read]:
        """Like `_read_all`, reading only the files that changed since they were cached."""
        entries: dict[Path, tuple[tuple[int, int, int], _Read]] = {}
        out: list[_Read | None] = []
        stale: list[tuple[int, tuple[int, int, int] | None]] = []
        for index, plan in enumerate(planned):
            try:
                info = plan.file.lstat()
                key: tuple[int, int, int] | None = (info.st_mtime_ns, info.st_size, info.st_ino)
            except OSError:
                key = None
            cached = self._entries.get(plan.file)
            if key is not None and cached is not None and cached[0] == key:
                entries[plan.file] = cached
                out.append(cached[1])
            else:
                stale.append((index, key))
                out.append(None)
        fresh = _read_all([planned[index] for index, _ in stale])
        for (index, key), result in zip(stale, fresh, strict=True):
            out[index] = result
            if key is not None:
                entries[planned[index].file] = (key, result)
        self._entries = entries  # files no longer in content/ are forgotten
        return [result for result in out if result is not None]


def _read_one(plan: _Planned) -> _Read:
    return _as_item(read_document(plan.file, plan.shown), FOLDERS[plan.folder].model)


def _as_item(document: Document | Diagnostic, cls: type[BaseModel]) -> _Read:
    """A file that was read, as (model, document, diagnostics): (None, None, [why]) when it
    could not be read, (None, document, ...) when it does not fit `cls`."""
    if isinstance(document, Diagnostic):
        return None, None, [document]
    model = to_model(document, cls)
    if isinstance(model, list):
        return None, document, [*document.warnings, *model]
    return model, document, list(document.warnings)


def _parse_batch(planned: list[_Planned]) -> bytes:
    """(In the helper process.) Each file as plain values for marshal: (data, text, warnings)
    when it parsed, else the diagnostic that stopped it."""
    out: list[tuple[Any, ...]] = []
    for plan in planned:
        text = read_text(plan.file, plan.shown)
        document = text if isinstance(text, Diagnostic) else parse_text(text, plan.shown)
        if isinstance(document, Diagnostic):
            out.append((_fields(document),))
        else:
            out.append((document.data, text, [_fields(w) for w in document.warnings]))
    return marshal.dumps(out)


def _fields(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    return (
        diagnostic.path,
        diagnostic.line,
        diagnostic.column,
        diagnostic.message,
        diagnostic.severity,
    )


def _validate_parsed(plan: _Planned, *entry: Any) -> _Read:
    """Turn what `_parse_batch` sent for one file into what `_read_one` returns."""
    if len(entry) == 1:
        return _as_item(Diagnostic(*entry[0]), FOLDERS[plan.folder].model)
    data, text, warnings = entry
    document = Document(
        plan.shown,
        data,
        warnings=[Diagnostic(*w) for w in warnings],
        locate=functools.partial(_positions, text, plan.shown),
    )
    return _as_item(document, FOLDERS[plan.folder].model)


def _positions(text: str, path: str) -> tuple[Positions, Positions]:
    """The positions of a file's values and keys, read again from its text."""
    again = parse_text(text, path)
    return (again.positions, again.key_positions) if isinstance(again, Document) else ({}, {})


def _read_model(
    file: Path, shown: str, cls: type[M], diagnostics: list[Diagnostic]
) -> tuple[M | None, Document | None]:
    """Read a file as `cls`: (model, document), (None, document) or (None, None)."""
    model, document, found = _as_item(read_document(file, shown), cls)
    diagnostics.extend(found)
    assert model is None or isinstance(model, cls)
    return model, document
