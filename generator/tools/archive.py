"""`links --archive`: find or make a Wayback Machine copy of each source that has none, and
write it into the source file, changing nothing else in the file.

The Wayback availability API says whether a snapshot exists; when none does and the page
answers, Save Page Now makes one. Both live under one base URL ($BAYYIN_WAYBACK_URL or
`--archive-url`), so tests talk to a fake on 127.0.0.1. The file is edited with ruamel.yaml's
round-trip mode, and the result is compared line by line with the original: unless the only
difference is the `archive:`, `accessed:` and `title:` lines, the file is left as it was.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from generator.content.diagnostics import Diagnostic
from generator.tools.links import Checker, Link, Report

BASE_VARIABLE = "BAYYIN_WAYBACK_URL"
AVAILABILITY_URL = "https://archive.org/wayback/available"
SAVE_URL = "https://web.archive.org/save/"
_SNAPSHOT = re.compile(r"/web/(\d{8})\d*/")
_WRITTEN_KEYS = ("archive:", "  url:", "  date:", "accessed:", "title:")


class ArchiveFailure(Exception):
    """The archive service did not give a snapshot."""


@dataclass(frozen=True)
class Snapshot:
    url: str
    date: dt.date


@dataclass(frozen=True)
class Wayback:
    """Where the Wayback Machine's two services are."""

    availability: str = AVAILABILITY_URL
    save: str = SAVE_URL

    @classmethod
    def at(cls, base: str | None) -> Wayback:
        """The services under `base` (a fake in tests), else $BAYYIN_WAYBACK_URL, else the
        Internet Archive's own addresses."""
        base = base or os.environ.get(BASE_VARIABLE) or ""
        if not base:
            return cls()
        base = base.rstrip("/")
        return cls(f"{base}/wayback/available", f"{base}/save/")


def _snapshot_from(url: str, base: str) -> Snapshot | None:
    absolute = urljoin(base, url)
    match = _SNAPSHOT.search(absolute)
    if not match:
        return None
    if absolute.startswith("http://web.archive.org/"):
        absolute = "https://" + absolute.removeprefix("http://")
    return Snapshot(absolute, dt.datetime.strptime(match.group(1), "%Y%m%d").date())


def find_snapshot(checker: Checker, service: Wayback, url: str) -> Snapshot | None:
    """The snapshot the availability API knows of, or None when there is none.

    Raises ArchiveFailure when the service does not answer as documented.
    """
    query = f"{service.availability}?url={quote(url, safe='')}"
    try:
        answer = checker.request(query)
    except (OSError, ValueError) as error:
        raise ArchiveFailure(f"the availability API did not answer ({error})") from None
    if answer.status != 200:
        raise ArchiveFailure(f"the availability API answered HTTP {answer.status}")
    try:
        data = json.loads(answer.body.decode("utf-8"))
        closest = data["archived_snapshots"].get("closest") or {}
    except (ValueError, KeyError, AttributeError, TypeError):
        raise ArchiveFailure("the availability API gave no readable answer") from None
    if not closest.get("available") or str(closest.get("status", "200")) != "200":
        return None
    return _snapshot_from(str(closest.get("url", "")), query)


def save_page(checker: Checker, service: Wayback, url: str) -> Snapshot:
    """Ask Save Page Now for a new snapshot of `url`.

    Raises ArchiveFailure when it gives none.
    """
    request = service.save + url
    for _ in range(checker.settings.max_redirects + 1):
        try:
            answer = checker.request(request)
        except (OSError, ValueError) as error:
            raise ArchiveFailure(f"Save Page Now did not answer ({error})") from None
        for header in ("Content-Location", "Location"):
            value = answer.headers.get(header)
            snapshot = _snapshot_from(value, request) if value else None
            if snapshot:
                return snapshot
        if answer.status in (301, 302, 303, 307, 308) and answer.headers.get("Location"):
            request = urljoin(request, answer.headers["Location"])
            continue
        raise ArchiveFailure(f"Save Page Now gave no snapshot (HTTP {answer.status})")
    raise ArchiveFailure("Save Page Now redirected too many times")


def _yaml() -> YAML:
    editor = YAML()  # round-trip: comments, order and quoting are kept
    editor.preserve_quotes = True
    editor.width = 1 << 16  # never fold a long line
    return editor


def write_archive(
    file: Path, snapshot: Snapshot, accessed: dt.date | None, title: str
) -> str | None:
    """Add `archive:` (and `accessed:`, and `title:` when the file has none) to a source
    file. Returns None when written, else why the file was left as it was."""
    try:
        original = file.read_bytes().decode("utf-8")
        data = _yaml().load(original)
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        return f"the file could not be read again ({error})"
    if not isinstance(data, CommentedMap) or "archive" in data:
        return "the file changed since it was checked"
    data["archive"] = CommentedMap([("url", snapshot.url), ("date", snapshot.date)])
    if accessed is not None:
        data["accessed"] = accessed
    if title and not data.get("title"):
        data["title"] = title
    out = io.StringIO()
    _yaml().dump(data, out)
    edited = out.getvalue()
    if not _only_added(original, edited):
        return "the YAML editor would change other lines of the file"
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    temporary.write_bytes(edited.encode("utf-8"))
    temporary.replace(file)
    return None


def _only_added(before: str, after: str) -> bool:
    """Whether `after` is `before` with only archive, accessed and title lines added (or an
    empty `accessed:` or `title:` filled in)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if old and not old[-1].endswith("\n"):
        return False  # the new lines would join the last one
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete":
            return False
        if tag == "replace" and not all(
            line.startswith(("accessed:", "title:")) for line in old[i1:i2]
        ):
            return False
        if not all(line.startswith(_WRITTEN_KEYS) for line in new[j1:j2]):
            return False
    return True


def archive_sources(
    report: Report, checker: Checker, service: Wayback
) -> tuple[list[Diagnostic], int]:
    """Give every checked source without an archive copy one; return the problems and how
    many files were written. A failure of the service leaves the file untouched."""
    diagnostics: list[Diagnostic] = []
    written = 0
    by_file: dict[Path, list[Link]] = {}
    for link in report.links:
        by_file.setdefault(link.file, []).append(link)
    for file, links in sorted(by_file.items()):
        if any(link.field == "archive.url" for link in links):
            continue
        source = next((link for link in links if link.field == "url"), None)
        if source is None:
            continue
        result = report.results[source.url]
        try:
            snapshot = find_snapshot(checker, service, source.url)
            if snapshot is None:
                if result.dead:
                    continue  # nothing to save; the dead link is reported already
                snapshot = save_page(checker, service, source.url)
        except ArchiveFailure as error:
            diagnostics.append(
                Diagnostic(
                    source.path,
                    source.line,
                    source.column,
                    f"archive: {error}; the file was left as it was",
                    "warning",
                )
            )
            continue
        # The page was accessed when it was checked (an answer from the cache has its date).
        accessed = dt.date.fromisoformat(result.checked[:10]) if result.ok else None
        why = write_archive(file, snapshot, accessed, result.title)
        if why:
            diagnostics.append(
                Diagnostic(
                    source.path, 1, 1, f"archive: {why}; the file was left as it was", "warning"
                )
            )
        else:
            written += 1
    return diagnostics, written
