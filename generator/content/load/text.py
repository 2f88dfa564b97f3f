"""A content file's bytes → checked text: size, encoding, invisible characters, markup.

The whole-file checks run once per file; `clean_text` and `check_markup` run on single values
(the event readers call them where a value can hold what the file does not show).
"""

from __future__ import annotations

import functools
import html
import os
import re
import stat
import unicodedata
from pathlib import Path

from generator.content.diagnostics import Diagnostic

MAX_FILE_BYTES = 1024 * 1024

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
HTML_TAG = re.compile(r"<(?!(?:https?|mailto):[^\s<>\"'=]*>)[A-Za-z/!?][^\s>]{0,30}")
_AUTOLINK_START = re.compile(r"<(?:https?|mailto):", re.IGNORECASE)
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


class Reject(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `index` of `text`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode(raw: bytes) -> str:
    """Decode file bytes as UTF-8 (a BOM is allowed), naming the problem when they are not.

    Line breaks are normalized to `\\n` (CRLF files read exactly like LF files).

    Raises:
        Reject: the bytes are not UTF-8 text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(raw):
        raise Reject(1, 1, "the file is saved as UTF-16; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise Reject(line, column, _not_utf8_message(raw, raw[exc.start])) from None
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


def check_characters(text: str) -> None:
    """Refuse invisible and deceptive characters anywhere in the file, at their position."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    line, column = line_column(text, found.start())
    char = found.group()
    if char == "\x00":
        raise Reject(line, column, "the file contains a NUL byte; it is not a text file")
    raise Reject(line, column, _character_message(char))


def _character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if re.match(f"[{_BIDI}]", char):
        return (
            f"invisible bidi control character {code} (it can reorder what readers see); "
            "delete it (the marks LRM, RLM and ALM are fine)"
        )
    name = _CHARACTER_NAMES.get(char, f"the invisible control character {code}")
    return f"the text contains {name}; delete it"


def clean_text(value: str, line: int, column: int) -> str:
    """Check a scalar's value (escapes like "\\u202E" can produce what the file does not show)."""
    found = _FORBIDDEN.search(value)
    if found:
        raise Reject(line, column, _character_message(found.group()))
    return unicodedata.normalize("NFC", value)


def check_markup(value: str, line: int, column: int) -> None:
    """Refuse HTML in content: page templates and search snippets must never meet markup."""
    tag = HTML_TAG.search(value)
    if tag and _AUTOLINK_START.match(tag.group()):
        raise Reject(
            line,
            column,
            f"'{tag.group()}' is a link in <...> with a quote or '=' in it, which a browser "
            "could read as HTML; write it as [text](https://...)",
        )
    if tag:
        raise Reject(
            line,
            column,
            f"'{tag.group()}' looks like HTML; HTML is not allowed in content "
            "(write plain text; in prose use Markdown, like **bold** or [text](https://...))",
        )
    for reference in CHARACTER_REFERENCE.finditer(value):
        name = reference.group()
        named_in_query = (
            not name.startswith("&#")
            and not name.endswith(";")
            and value[reference.end() : reference.end() + 1] == "="
        )
        # `?a=1&copy=2` in a link is a query, not a character reference (browsers agree).
        if not named_in_query and _is_reference(name):
            raise Reject(
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
    except Reject as reject:
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
