"""Reading the planned files: on two cores when there are many, and a cache for the preview."""

from __future__ import annotations

import functools
import marshal
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.content.diagnostics import Diagnostic, Document, Positions
from generator.content.kinds import FOLDERS
from generator.content.load.parse import parse_text, read_document
from generator.content.load.text import read_text
from generator.content.load.to_model import to_model

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Planned:
    """A file of a content folder to be read as one item."""

    folder: str
    file: Path
    shown: str


_Read = tuple[BaseModel | None, Document | None, list[Diagnostic]]
# Below this many files, a second process costs more than it saves.
PARALLEL_MIN_FILES = 400
# The helper process gets the larger share: this process also validates what it sends back.
_HELPER_SHARE = 0.55


def read_all(planned: list[Planned]) -> list[_Read]:
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

    def read(self, planned: list[Planned]) -> list[_Read]:
        """Like `read_all`, reading only the files that changed since they were cached."""
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
        fresh = read_all([planned[index] for index, _ in stale])
        for (index, key), result in zip(stale, fresh, strict=True):
            out[index] = result
            if key is not None:
                entries[planned[index].file] = (key, result)
        self._entries = entries  # files no longer in content/ are forgotten
        return [result for result in out if result is not None]


def _read_one(plan: Planned) -> _Read:
    return as_item(read_document(plan.file, plan.shown), FOLDERS[plan.folder].model)


def as_item(document: Document | Diagnostic, cls: type[BaseModel]) -> _Read:
    """A file that was read, as (model, document, diagnostics): (None, None, [why]) when it
    could not be read, (None, document, ...) when it does not fit `cls`."""
    if isinstance(document, Diagnostic):
        return None, None, [document]
    model = to_model(document, cls)
    if isinstance(model, list):
        return None, document, [*document.warnings, *model]
    return model, document, list(document.warnings)


def _parse_batch(planned: list[Planned]) -> bytes:
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


def _validate_parsed(plan: Planned, *entry: Any) -> _Read:
    """Turn what `_parse_batch` sent for one file into what `_read_one` returns."""
    if len(entry) == 1:
        return as_item(Diagnostic(*entry[0]), FOLDERS[plan.folder].model)
    data, text, warnings = entry
    document = Document(
        plan.shown,
        data,
        warnings=[Diagnostic(*w) for w in warnings],
        locate=functools.partial(_positions, text, plan.shown),
    )
    return as_item(document, FOLDERS[plan.folder].model)


def _positions(text: str, path: str) -> tuple[Positions, Positions]:
    """The positions of a file's values and keys, read again from its text."""
    again = parse_text(text, path)
    return (again.positions, again.key_positions) if isinstance(again, Document) else ({}, {})
