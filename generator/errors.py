"""The diagnostic type every step reports problems with, and its one formatter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

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
