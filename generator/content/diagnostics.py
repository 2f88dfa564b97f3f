"""The diagnostic type every step reports problems with, its one formatter, and where a
problem stands: a value's path in a file (`Path_`, `format_loc`), a file's path as editors
see it (`display_path`), and a file read as plain data with the position of every value
(`Document`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]
# Where a value stands in a file's data: keys and list indexes from the top.
Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

# What must never reach a terminal or a CI log raw: line breaks and other controls would
# split or hide a diagnostic, bidi controls would reorder it, and the lone surrogates that
# stand for undecodable bytes in a file name cannot even be printed.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with controls, bidi controls and line breaks shown as <U+XXXX>, and the lone
    surrogates that stand for undecodable bytes of a file name shown as \\xNN."""

    def show(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
            return f"\\x{code - 0xDC00:02X}"
        return f"<U+{code:04X}>"

    return _UNPRINTABLE.sub(show, text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at the line and column an editor must look at.

    Lines and columns count from 1, the way editors and compilers number them.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """Return the `path:line:col: error: message` line that editors, CI and tests read.

        Always one printable line, whatever characters a file name or a quoted value held.
        """
        path, message = printable(self.path), printable(self.message)
        return f"{path}:{self.line}:{self.column}: {self.severity}: {message}"


class ContentError(Exception):
    """Raised when content has errors; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} content error(s)")
        self.diagnostics = diagnostics


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Order diagnostics by file, then position, dropping exact repeats."""
    return sorted(set(diagnostics))


def format_loc(loc: Path_) -> str:
    """Write a value's path the way an editor reads it: `context[3].body.en` (items from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def display_path(file: Path, project: Path) -> str:
    """A path as editors see it: relative to the project root, with forward slashes."""
    try:
        return file.absolute().relative_to(project.absolute()).as_posix()
    except ValueError:
        return file.as_posix()


def shorten(value: str, limit: int = 60) -> str:
    """`value` on one line (runs of spaces and line breaks as one space), cut to `limit`."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass
class Document:
    """One YAML file as plain data, with where each value and key stands in the file."""

    path: str
    data: Any
    positions: Positions = field(default_factory=dict)
    key_positions: Positions = field(default_factory=dict)
    # Problems that do not stop the file from loading (severity "warning").
    warnings: list[Diagnostic] = field(default_factory=list)
    # When the positions were left out (another process read the file and sent only its
    # data), the loader's way to find them again: called once, when a diagnostic first
    # needs one.
    locate: Callable[[], tuple[Positions, Positions]] | None = None

    @functools.cached_property
    def _where(self) -> tuple[Positions, Positions]:
        """The positions of values and of keys: found with `locate` (once) when the reader
        left them out; the document's fields are left as they are."""
        return self.locate() if self.locate is not None else (self.positions, self.key_positions)

    def position(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the value at `loc`, or of the nearest enclosing value."""
        positions, key_positions = self._where
        loc = tuple(loc)
        if key and loc in key_positions:
            return key_positions[loc]
        while loc:
            if loc in positions:
                return positions[loc]
            loc = loc[:-1]
        return positions.get((), (1, 1))

    def diagnostic(
        self, loc: Path_, message: str, *, key: bool = False, warning: bool = False
    ) -> Diagnostic:
        """Return a diagnostic located at the value (or key) at `loc`."""
        line, column = self.position(loc, key=key)
        return Diagnostic(self.path, line, column, message, "warning" if warning else "error")
