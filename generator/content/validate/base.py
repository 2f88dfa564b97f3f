"""What every check shares: the content, the diagnostics found so far, how to report one."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterator, Mapping

from generator.content.diagnostics import Diagnostic, Path_, format_loc
from generator.content.kinds import FOLDERS, Content
from generator.content.model import (
    LANGUAGES,
    Text,
)


class CheckerBase:
    """The content being checked and the diagnostics found so far."""

    def __init__(self, content: Content, today: dt.date) -> None:
        self.content = content
        self.today = today
        self.diagnostics: list[Diagnostic] = []
        # The ids links may name, per folder: (sorted, as a set).
        self._targets: dict[str, tuple[list[str], frozenset[str]]] = {}

    def report(self, kind: str, item_id: str, loc: Path_, message: str) -> None:
        document = (
            self.content.documents.get((kind, item_id)) or self.content.partial[(kind, item_id)]
        )
        self.diagnostics.append(document.diagnostic(loc, message))

    def check_reference(
        self, kind: str, item_id: str, loc: Path_, folder: str, target: str
    ) -> None:
        """Report `target` when no item of `folder` has that id."""
        if self.content.has(folder, target):
            return
        noun = FOLDERS[folder].noun
        known: Mapping[str, object] = getattr(self.content, folder)
        self.report(
            kind,
            item_id,
            loc,
            f"{loc[0]}: no {noun} '{target}' in content/{folder}/{suggest(target, known)}",
        )

    @functools.cached_property
    def rating_ids(self) -> set[str]:
        return {r.id for r in self.content.ratings.ratings} if self.content.ratings else set()

    @functools.cached_property
    def topic_ids(self) -> set[str]:
        return {t.id for t in self.content.topics.topics} if self.content.topics else set()

    def check_rating_known(self, kind: str, item_id: str, rating: str) -> None:
        ratings = self.content.ratings
        if ratings is not None and rating not in self.rating_ids:
            known = ", ".join(r.id for r in ratings.ratings)
            self.report(
                kind,
                item_id,
                ("rating",),
                f"rating: '{rating}' is not a known rating (known: {known})",
            )

    def check_date(self, kind: str, item_id: str, loc: Path_, value: dt.date | None) -> None:
        if value is not None and value > self.today:
            self.report(
                kind, item_id, loc, f"{format_loc(loc)}: {value.isoformat()} is in the future"
            )

    def check_unique_ids(self, registry: str, noun: str, ids: list[str]) -> None:
        """Report each id of a registry file (ratings.yaml, topics.yaml) given a second time."""
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                self.report(
                    registry,
                    registry,
                    (registry, index, "id"),
                    f"{noun} id '{item_id}' is given twice",
                )
            seen.add(item_id)


def each_language(text: Text, loc: Path_) -> Iterator[tuple[Path_, str]]:
    for lang in LANGUAGES:
        yield (*loc, lang), text[lang]


def suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
