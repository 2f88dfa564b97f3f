"""The diagnostic type every step reports problems with, and its one formatter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
        """Return the `path:line:col: error: message` line that editors, CI and tests read."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} content error(s)")
        self.diagnostics = diagnostics


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Order diagnostics by file, then position, dropping exact repeats."""
    return sorted(set(diagnostics))
