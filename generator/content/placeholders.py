"""Values left over from the example site: warnings in `check`, errors before publishing.

A newsroom that copies Bayyin starts from the example site's identity. Two things must not
go public unchanged: a link or address on an example domain (`.example`, example.com...)
anywhere in content/ (the contact in site.yaml is published in every claim's ClaimReview
data and in the footer), and the example maintainers' team in `.github/CODEOWNERS`.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.content.diagnostics import Diagnostic, Document, Path_, Severity, format_loc
from generator.content.kinds import Content
from generator.content.prose import links

CODEOWNERS = ".github/CODEOWNERS"
# The team the example site's CODEOWNERS names.
EXAMPLE_TEAM = "@bayyin/maintainers"
# The domains reserved for examples (RFC 2606): they can never be a newsroom's own.
_EXAMPLE_DOMAINS = ("example", "example.com", "example.net", "example.org")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$")


def placeholder_host(url: str) -> str | None:
    """The host of `url` (or of a mailto: address) when it is an example domain, else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() == "mailto":
        host = parts.path.rpartition("@")[2].split("?")[0].lower()
    host = host.rstrip(".")
    return host if _example_domain(host) else None


def _example_domain(host: str) -> str | None:
    """The example domain `host` belongs to, the way a message names it (".example")."""
    for domain in _EXAMPLE_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return "." + domain if domain == "example" else domain
    return None


def placeholder_diagnostics(
    project: Path, content: Content, severity: Severity = "warning"
) -> list[Diagnostic]:
    """One diagnostic per example-domain link in content/ and for the example CODEOWNERS team.

    Args:
        project: the project folder (holds content/ and .github/).
        content: what `check` loaded.
        severity: "warning" for `check`, "error" before publishing.
    """
    found: list[Diagnostic] = []
    documents = {**content.partial, **content.documents}
    for _, document in sorted(documents.items()):
        if not _may_name_an_example(document.data):
            continue
        for loc, value in _strings(document.data, ()):
            # Every example domain has "example" in its name: a text without it holds none,
            # and most texts are skipped here (before looking for links in them).
            if "example" not in value.lower():
                continue
            targets = [value.strip()] if _URL.match(value.strip()) else links(value)
            for url in targets:
                host = placeholder_host(url)
                domain = _example_domain(host) if host else None
                if domain is None:
                    continue
                line, column = _locate(project, document, loc, url)
                found.append(
                    Diagnostic(
                        document.path,
                        line,
                        column,
                        f"{format_loc(loc)}: {url} is a placeholder ({domain} domain, "
                        "reserved for examples); put your newsroom's own address here before "
                        "the site is published",
                        severity,
                    )
                )
    owners = _codeowners_team(project)
    if owners is not None:
        line, column, count = owners
        found.append(
            Diagnostic(
                CODEOWNERS,
                line,
                column,
                f"{EXAMPLE_TEAM} is the example site's maintainers' team ({count} line(s)); "
                "name your own organization's team (or people) who must review changes to "
                "the generator, theme and workflows",
                severity,
            )
        )
    return found


def _may_name_an_example(data: Any) -> bool:
    """Whether some text of a file's data may hold "example" (in any case): all its texts are
    searched at once, as marshal writes them (each text's characters in a row), in a fifth
    of the time a walk through every text takes. Exact: only ASCII letters lowercase to
    the letters of "example". A key can match too; then the walk decides."""
    try:
        return b"example" in marshal.dumps(data).lower()
    except ValueError:  # not plain data: walk it
        return True


def _strings(data: Any, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))
    elif isinstance(data, str):
        yield loc, data


def _locate(project: Path, document: Document, loc: Path_, url: str) -> tuple[int, int]:
    """Line and column of `url` in the file: inside a block of prose, the link's own line."""
    line, column = document.position(loc)
    try:
        text = (project / document.path).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return line, column
    lines = text.split("\n")
    start = sum(len(each) + 1 for each in lines[: line - 1]) + column - 1
    index = text.find(url, start)
    if index == -1:
        return line, column
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _codeowners_team(project: Path) -> tuple[int, int, int] | None:
    """(line, column, lines naming it) of the example team in CODEOWNERS, or None."""
    try:
        text = (project / CODEOWNERS).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    first: tuple[int, int] | None = None
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        rule = line.split("#", 1)[0]
        column = rule.find(EXAMPLE_TEAM)
        if column != -1:
            count += 1
            first = first or (number, column + 1)
    return (*first, count) if first else None
