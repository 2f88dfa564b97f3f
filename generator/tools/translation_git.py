"""The git history of the claim files, as the translation status reads it: one `git log`
for the folder and one `git cat-file` for every version it needs."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


def run_git(project: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
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


def file_histories(project: Path, folder: str) -> dict[str, list[tuple[Change, str]]] | None:
    """For each file under `folder` (repo-relative path): its versions, oldest first.

    Returns None when `project` is not a git work tree.
    """
    if run_git(project, "rev-parse", "--is-inside-work-tree") is None:
        return None
    log = run_git(
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


class Blobs:
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
