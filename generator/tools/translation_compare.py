"""Comparing the versions of a claim file, field by field: which language fell behind."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.diagnostics import Document, Path_
from generator.content.load import parse_text
from generator.content.model import LANGUAGE_NAMES
from generator.tools.translation_git import Blobs, Change, file_histories, run_git

CLAIMS_FOLDER = "content/claims"


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
        found = run_git(project, "rev-parse", "--git-path", self.NAME)
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
    histories = file_histories(project, folder)
    if histories is None:
        return {path: TranslationStatus(known=False) for path in current}
    blobs = Blobs(project)
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


def _committed(cache: _Cache, blobs: Blobs, blob: str, path: str) -> Texts | None:
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
