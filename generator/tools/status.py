"""Where each claim stands: rating, dates, draft or published, and whether a translation lags.

A claim's prose is written twice, in Arabic and in English. When one language is edited and
the other is not, the other may no longer say the same thing. Git already knows the history
of every claim file, so this module reads it (one `git log` and one `git cat-file` for the
whole folder) and compares, field by field, the last change of each language:

- a field whose Arabic changed after its English last changed: the English may be stale;
- the other way round: the Arabic may be stale.

Uncommitted edits count as the newest change, so an editor sees the warning before
committing. A commit whose message has the line `Translation-Checked: yes` marks both
languages of the file as in step (for a typo fix that needs no translation).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import subprocess
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.diagnostics import Diagnostic, Document, Path_, format_loc
from generator.content.kinds import Content
from generator.content.load import parse_text
from generator.content.model import LANGUAGE_NAMES

CLAIMS_FOLDER = "content/claims"
_CHECKED = re.compile(r"^translation-checked:\s*(yes|true)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Change:
    """One version of a claim file: who changed it and when (commit None: not committed yet)."""

    commit: str | None
    date: str
    checked: bool = False

    def describe(self) -> str:
        if self.commit is None:
            return "in your uncommitted changes"
        return f"in commit {self.commit[:8]} ({self.date})"


@dataclass
class StaleField:
    """A field whose `stale` language did not follow a later change of the other language."""

    loc: Path_
    stale: str
    changed: Change
    previous: Change


@dataclass
class TranslationStatus:
    """The translation state of one claim file."""

    known: bool
    stale: list[StaleField] = field(default_factory=list)

    def summary(self) -> str:
        if not self.known:
            return "unknown (no git history)"
        if not self.stale:
            return "in step"
        languages = sorted({s.stale for s in self.stale})
        names = " and ".join(LANGUAGE_NAMES.get(lang, lang) for lang in languages)
        return f"{names} may be stale ({len(self.stale)} field(s))"


# --- reading git history ------------------------------------------------------------------


def _git(project: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        completed = subprocess.run(
            ["git", "-C", str(project), *args],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _file_histories(project: Path, folder: str) -> dict[str, list[tuple[Change, str]]] | None:
    """For each file under `folder` (repo-relative path): its versions, oldest first.

    Returns None when `project` is not a git work tree.
    """
    if _git(project, "rev-parse", "--is-inside-work-tree") is None:
        return None
    log = _git(
        project,
        "log",
        "--topo-order",
        # Each commit's parents among the listed ones, to order merges (see _oldest_first).
        "--parents",
        "--no-renames",
        "--no-abbrev",
        "--raw",
        # A merge that brings a file's new version is that version's commit. Without this
        # git prints no diff for merges, so a merged file looked like an uncommitted edit.
        # Not --first-parent: the merged branch's own commits (and their
        # Translation-Checked lines) stay in the history; not plain -m: a merge would then
        # also list, against its other parent, every file it took unchanged from mainline.
        "--diff-merges=first-parent",
        "-z",
        "--format=%x00commit %H %P%x00%cs%x00%B",
        "--",
        folder,
    )
    if log is None:
        # A repository without commits yet: every file is new.
        return {}
    return _parse_log(log.decode("utf-8", "replace").split("\0"))


_COMMIT_TOKEN = re.compile(r"commit ([0-9a-f]{40}|[0-9a-f]{64})((?: [0-9a-f]{40,64})*) ?")
_DATE_TOKEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class _Commit:
    change: Change
    parents: list[str]
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, blob)


def _parse_log(tokens: list[str]) -> dict[str, list[tuple[Change, str]]]:
    """Read `git log --parents --raw -z` with the format "%x00commit %H %P%x00%cs%x00%B":
    every field and path is its own NUL-separated token, so nothing in a commit message or a
    file name (no separator character, no tab, no line break) can move a field. A token that
    is not what its place requires is skipped, never indexed blindly."""
    commits: dict[str, _Commit] = {}
    listed: list[str] = []
    current: _Commit | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        header = _COMMIT_TOKEN.fullmatch(token)
        if header and index + 2 < len(tokens) and _DATE_TOKEN.fullmatch(tokens[index + 1]):
            message = tokens[index + 2]
            change = Change(header.group(1), tokens[index + 1], bool(_CHECKED.search(message)))
            current = commits[change.commit or ""] = _Commit(change, header.group(2).split())
            listed.append(change.commit or "")
            index += 3
            continue
        meta = token.lstrip("\n").split(" ")
        if current is not None and token.lstrip("\n").startswith(":") and len(meta) == 5:
            if index + 1 >= len(tokens):
                break
            current.files.append((tokens[index + 1], meta[3]))
            index += 2
            continue
        index += 1
    histories: dict[str, list[tuple[Change, str]]] = {}
    for sha in _oldest_first(commits, listed):
        for path, blob in commits[sha].files:
            versions = histories.setdefault(path, [])
            # A deleted file starts a new history if it comes back.
            if blob.strip("0") == "":
                versions.clear()
            else:
                versions.append((commits[sha].change, blob))
    return histories


def _oldest_first(commits: dict[str, _Commit], newest_first: list[str]) -> list[str]:
    """Parents before children, and a merge right after its first parent's line.

    The versions of a file are compared one with the one before it, and a merge's changes
    are listed against its first parent: git's own topological order puts the merged
    branch's commits just before the merge, so the merge was compared with the branch's
    older text. Here each merge's other parents' lines come first, then its first parent's.
    """
    order: list[str] = []
    seen: set[str] = set()

    def parents(sha: str) -> Iterator[str]:
        return reversed([p for p in commits[sha].parents if p in commits])

    for tip in newest_first:
        if tip in seen:
            continue
        seen.add(tip)
        stack = [(tip, parents(tip))]
        while stack:
            sha, pending = stack[-1]
            parent = next(pending, None)
            if parent is None:
                stack.pop()
                order.append(sha)
            elif parent not in seen:
                seen.add(parent)
                stack.append((parent, parents(parent)))
    return order


class _Blobs:
    """Reads blobs on demand through one long-running `git cat-file --batch`."""

    def __init__(self, project: Path) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        try:
            self._process = subprocess.Popen(
                ["git", "-C", str(project), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None

    def read(self, blob: str) -> str | None:
        """The text of `blob`, or None if git cannot give it."""
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            return None
        try:
            process.stdin.write(blob.encode() + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) < 3 or header[1] == b"missing":
                return None
            data = process.stdout.read(int(header[2]) + 1)[:-1]
        except (OSError, ValueError):
            return None
        return data.decode("utf-8", "replace")

    def close(self) -> None:
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait(timeout=30)
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None


# --- comparing versions -------------------------------------------------------------------


def bilingual_texts(data: Any, loc: Path_ = ()) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Every {ar, en} pair in a file's data, with where it stands."""
    if isinstance(data, dict):
        if all(isinstance(data.get(lang), str) for lang in LANGUAGE_NAMES):
            yield loc, {lang: data[lang] for lang in LANGUAGE_NAMES}
            return
        for key, value in data.items():
            yield from bilingual_texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from bilingual_texts(item, (*loc, index))


Texts = dict[Path_, dict[str, str]]


def compare_versions(
    versions: Sequence[tuple[Change, Callable[[], Texts | None]]],
) -> list[StaleField]:
    """Find the fields whose languages last changed at different versions.

    `versions` are oldest first, each with a function that reads its texts (None: the version
    cannot be read, and is skipped). The walk starts from the newest version and reads older
    ones only while some field has a language whose last change is not found yet, so a file
    whose last edit touched both languages costs two reads, whatever its history.
    """
    loaded: dict[int, Texts | None] = {}

    def texts_at(index: int) -> Texts | None:
        if index not in loaded:
            loaded[index] = versions[index][1]()
        return loaded[index]

    newest = len(versions) - 1
    while newest >= 0 and texts_at(newest) is None:
        newest -= 1
    if newest < 0:
        return []
    current = texts_at(newest)
    assert current is not None
    last: dict[Path_, dict[str, int]] = {loc: {} for loc in current}
    index, texts = newest, current
    while index > 0 and any(len(found) < len(current[loc]) for loc, found in last.items()):
        older = index - 1
        while older >= 0 and texts_at(older) is None:
            older -= 1
        if older < 0:
            break
        previous = texts_at(older)
        assert previous is not None
        checked = versions[index][0].checked
        for loc, found in last.items():
            pair = texts.get(loc)
            if pair is None or len(found) == len(current[loc]):
                continue
            before = previous.get(loc)
            for lang, text in pair.items():
                if lang not in found and (checked or before is None or before.get(lang) != text):
                    found[lang] = index
        index, texts = older, previous
    stale = []
    for loc, found in last.items():
        for lang in current[loc]:
            found.setdefault(lang, index)
        ordered = sorted(found.items(), key=lambda item: item[1])
        (behind, behind_at), (_, ahead_at) = ordered[0], ordered[-1]
        if behind_at != ahead_at:
            stale.append(StaleField(loc, behind, versions[ahead_at][0], versions[behind_at][0]))
    return sorted(stale, key=lambda s: [str(part) for part in s.loc])


def fingerprints(data: Any) -> Texts:
    """Each {ar, en} pair of a file's data, with each text replaced by a short hash of it.

    Only equality matters when comparing versions, and hashes keep the cache small.
    """
    return {
        loc: {lang: _digest(text) for lang, text in pair.items()}
        for loc, pair in bilingual_texts(data)
    }


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (no filters), to spot an unchanged file."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class _Cache:
    """Fingerprints of committed versions, by blob id, kept in the git folder between runs.

    A blob never changes, so its fingerprints never go stale; only new commits cost a parse.
    """

    NAME = "bayyin-translation-cache.json"
    VERSION = 1

    def __init__(self, project: Path) -> None:
        found = _git(project, "rev-parse", "--git-path", self.NAME)
        self.path = project / found.decode().strip() if found else None
        self.entries: dict[str, list[list[str]] | None] = {}
        self.changed = False
        if self.path is not None:
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
                if stored.get("version") == self.VERSION:
                    self.entries = stored["blobs"]
            except (OSError, ValueError, KeyError, AttributeError):
                self.entries = {}

    def get(self, blob: str, read: Callable[[], Texts | None]) -> Texts | None:
        if blob in self.entries:
            rows = self.entries[blob]
            if rows is None:
                return None
            return {tuple(json.loads(loc)): {"ar": ar, "en": en} for loc, ar, en in rows}
        texts = read()
        self.entries[blob] = (
            None
            if texts is None
            else [[json.dumps(list(loc)), pair["ar"], pair["en"]] for loc, pair in texts.items()]
        )
        self.changed = True
        return texts

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        temporary = self.path.with_name(f"{self.NAME}.{os.getpid()}.tmp")
        try:
            temporary.write_text(
                json.dumps({"version": self.VERSION, "blobs": self.entries}), encoding="utf-8"
            )
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


def translation_statuses(
    project: Path, current: dict[str, Document], folder: str = CLAIMS_FOLDER
) -> dict[str, TranslationStatus]:
    """The translation status of each file of `folder`, keyed by its repo-relative path.

    Args:
        project: the repository root.
        current: the documents as they are on disk now, keyed by repo-relative path.
        folder: the folder whose history to read.
    """
    histories = _file_histories(project, folder)
    if histories is None:
        return {path: TranslationStatus(known=False) for path in current}
    blobs = _Blobs(project)
    cache = _Cache(project)
    statuses: dict[str, TranslationStatus] = {}
    try:
        for path, document in current.items():
            history = histories.get(path, [])
            now = fingerprints(document.data)
            versions: list[tuple[Change, Callable[[], Texts | None]]] = [
                (change, functools.partial(_committed, cache, blobs, blob, path))
                for change, blob in history
            ]
            on_disk = _read_bytes(project / path)
            if history and on_disk is not None and _blob_id(on_disk) == history[-1][1]:
                versions[-1] = (history[-1][0], _given(now))
            else:
                versions.append((Change(None, dt.date.today().isoformat()), _given(now)))
            statuses[path] = TranslationStatus(known=True, stale=compare_versions(versions))
    finally:
        blobs.close()
        cache.save()
    return statuses


def _given(texts: Texts) -> Callable[[], Texts | None]:
    return lambda: texts


def _committed(cache: _Cache, blobs: _Blobs, blob: str, path: str) -> Texts | None:
    def read() -> Texts | None:
        text = blobs.read(blob)
        if text is None:
            return None
        parsed = parse_text(text, path)
        return fingerprints(parsed.data) if isinstance(parsed, Document) else None

    return cache.get(blob, read)


def _read_bytes(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


# --- what check and status report ---------------------------------------------------------


def _claim_documents(content: Content) -> dict[str, Document]:
    return {
        content.document("claims", claim_id).path: content.document("claims", claim_id)
        for claim_id in content.claims
    }


def translation_warnings(project: Path, content: Content) -> list[Diagnostic]:
    """Warnings for `check`: one per claim field whose translation may be stale.

    Warnings never fail `check`; they point at the text that may need updating.
    """
    documents = _claim_documents(content)
    if not documents:
        return []
    diagnostics = []
    for path, status in translation_statuses(project, documents).items():
        document = documents[path]
        for stale in status.stale:
            other = "en" if stale.stale == "ar" else "ar"
            where = format_loc((*stale.loc, stale.stale))
            line, column = document.position((*stale.loc, stale.stale))
            diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    f"{where}: translation may be stale: the {LANGUAGE_NAMES[other]} changed "
                    f"{stale.changed.describe()}, the {LANGUAGE_NAMES[stale.stale]} last "
                    f"changed {stale.previous.describe()}; update the "
                    f"{LANGUAGE_NAMES[stale.stale]}, or if it already matches, commit with the "
                    "line 'Translation-Checked: yes' in the message",
                    severity="warning",
                )
            )
    return diagnostics


@dataclass
class ClaimRow:
    """One line of the status table."""

    id: str
    status: str
    rating: str
    published: str
    updated: str
    translation: str


@dataclass
class Report:
    """What `python -m generator status` prints."""

    claims: list[ClaimRow]
    drafts: list[str]
    unarchived: dict[str, list[str]]
    # Claims that name no author or no editor (bylines are optional, so this is a to-do).
    unsigned: list[str] = field(default_factory=list)
    # Sources whose page title is not recorded (the list shows the publisher instead).
    untitled: list[str] = field(default_factory=list)
    sources: int = 0


def report(project: Path, content: Content) -> Report:
    """Gather the status of every claim, the drafts and the sources with no archive link."""
    documents = _claim_documents(content)
    statuses = translation_statuses(project, documents) if documents else {}
    rows = []
    for claim_id, claim in sorted(content.claims.items()):
        path = content.document("claims", claim_id).path
        status = statuses.get(path, TranslationStatus(known=False))
        rows.append(
            ClaimRow(
                id=claim_id,
                status="withdrawn" if claim.withdrawn else claim.status,
                rating=claim.rating,
                published=claim.published.isoformat(),
                updated=claim.updated.isoformat() if claim.updated else "-",
                translation=status.summary(),
            )
        )
    cited_by: dict[str, list[str]] = {}
    for claim_id, claim in sorted(content.claims.items()):
        for source_id in claim.sources:
            cited_by.setdefault(source_id, []).append(claim_id)
    unarchived = {
        source_id: cited_by.get(source_id, [])
        for source_id, source in sorted(content.sources.items())
        if source.archive is None
    }
    drafts = [row.id for row in rows if row.status == "draft"]
    unsigned = [
        claim_id
        for claim_id, claim in sorted(content.claims.items())
        if claim.author is None or claim.editor is None
    ]
    untitled = [source_id for source_id, s in sorted(content.sources.items()) if not s.title]
    return Report(
        claims=rows,
        drafts=drafts,
        unarchived=unarchived,
        unsigned=unsigned,
        untitled=untitled,
        sources=len(content.sources),
    )


def format_report(result: Report) -> str:
    """The report as plain-text tables, in the order an editor reads them."""
    header = ("claim", "status", "rating", "published", "updated", "translation")
    table = [header] + [
        (r.id, r.status, r.rating, r.published, r.updated, r.translation) for r in result.claims
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    lines.append(f"drafts ({len(result.drafts)}): {', '.join(result.drafts) or 'none'}")
    lines.append("")
    lines.append(
        f"claims without an author or editor ({len(result.unsigned)}): "
        f"{', '.join(result.unsigned) or 'none'}"
    )
    lines.append("")
    cited = {k: v for k, v in result.unarchived.items() if v}
    uncited = [k for k, v in result.unarchived.items() if not v]
    lines.append(f"sources with no archive link ({len(result.unarchived)}):")
    for source_id, claims in cited.items():
        lines.append(f"  {source_id}  (cited by {', '.join(claims)})")
    if uncited:
        lines.append(f"  and {len(uncited)} not cited by any claim:")
        lines.extend(
            textwrap.wrap(
                ", ".join(uncited),
                width=96,
                initial_indent="    ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        )
    if not result.unarchived:
        lines.append("  none")
    lines.append("")
    lines.append(
        f"sources with no title: {len(result.untitled)} of {result.sources}"
        + (" (add title: as the page gives it, and translated_title:)" if result.untitled else "")
    )
    return "\n".join(lines)
