"""What each page reads of the content, recorded while it renders, for the preview's refresh.

The pages are rendered from a `RecordingContent`: the content as it is, whose every lookup
(an item of a folder, a registry, a claim's history, a part of the claim index) notes a
`Key` for the page being rendered. Nothing the renderer reads escapes the record: it has no
other way to the content. After an edit, `changed_keys` compares the value of each recorded
key in the content before and after it, and the preview writes again exactly the pages that
read one of them.

Keys:
    (folder, id): one item of a folder ("claims", "people", ...), or None when it is missing.
    (folder, "*"): the whole folder (read by iterating it).
    ("site",), ("ratings",), ("topics",): a registry.
    ("history", claim id): a claim's history from git.
    ("index", part, *args): a part of the `ClaimIndex` (which claims a list shows, in order).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.content.history import ClaimHistory, Histories
from generator.content.kinds import FOLDERS, REGISTRIES, Content
from generator.pages.sitemap import SitemapPage

Key = tuple[str, ...]
ALL = "*"
_REGISTRY_NAMES = frozenset(kind.name for kind in REGISTRIES)

V = TypeVar("V")


class Reads:
    """The keys read by each page (by its path) and by no page in particular (site-wide:
    what every page shows, like the site's name in the header)."""

    def __init__(self) -> None:
        self.pages: dict[str, set[Key]] = {}
        self.site_wide: set[Key] = set()
        self._target: set[Key] | None = self.site_wide

    def note(self, key: Key) -> None:
        if self._target is not None:
            self._target.add(key)

    @contextlib.contextmanager
    def page(self, path: str) -> Iterator[None]:
        """Note what is read meanwhile as read by the page at `path`."""
        previous = self._target
        self._target = self.pages.setdefault(path, set())
        try:
            yield
        finally:
            self._target = previous

    @contextlib.contextmanager
    def unrecorded(self) -> Iterator[None]:
        """Read without noting: for what the refresh compares as a whole (the set of pages,
        the site-wide files it always writes again)."""
        previous = self._target
        self._target = None
        try:
            yield
        finally:
            self._target = previous


class _RecordingDict(dict[str, V]):
    """A folder of items that notes each lookup, and iteration as a read of the whole."""

    def __init__(self, folder: str, items: dict[str, V], reads: Reads) -> None:
        super().__init__(items)
        self._folder = folder
        self._reads = reads

    def __getitem__(self, key: str) -> V:
        self._reads.note((self._folder, key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._reads.note((self._folder, key))
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._reads.note((self._folder, key))
        return super().__contains__(key)

    def _whole(self) -> None:
        self._reads.note((self._folder, ALL))

    def __iter__(self) -> Iterator[str]:
        self._whole()
        return super().__iter__()

    def __len__(self) -> int:
        self._whole()
        return super().__len__()

    def keys(self) -> Any:
        self._whole()
        return super().keys()

    def values(self) -> Any:
        self._whole()
        return super().values()

    def items(self) -> Any:
        self._whole()
        return super().items()


@dataclass(frozen=True)
class _RecordingHistories(Histories):
    reads: Reads = field(default_factory=Reads, compare=False)

    def of(self, claim_id: str) -> ClaimHistory | None:
        self.reads.note(("history", claim_id))
        return super().of(claim_id)


class RecordingContent(Content):
    """`content` as it is, noting in `reads` every part of it that is read."""

    def __init__(self, content: Content, reads: Reads) -> None:
        for item in dataclasses.fields(Content):
            object.__setattr__(self, item.name, getattr(content, item.name))
        for folder in FOLDERS:
            setattr(self, folder, _RecordingDict(folder, getattr(content, folder), reads))
        self.history = _RecordingHistories(content.history.claims, content.history.notice, reads)
        self.reads = reads
        self.index = ClaimIndex.of(content)

    def __getattribute__(self, name: str) -> Any:
        if name in _REGISTRY_NAMES:
            object.__getattribute__(self, "reads").note((name,))
        return object.__getattribute__(self, name)

    def indexed(self, *part: str) -> tuple[str, ...]:
        """A part of the claim index (see `ClaimIndex.part`), noted as read."""
        self.reads.note(("index", *part))
        return self.index.part(*part)


@dataclass(frozen=True)
class ClaimIndex:
    """The published claims' ids, newest first, and grouped by claimant, rating and topic;
    the stories each claim belongs to. Built in one pass, so pages that list claims cost
    what they list, not the whole archive each."""

    newest_first: tuple[str, ...]
    by_claimant: dict[str, tuple[str, ...]]
    by_rating: dict[str, tuple[str, ...]]
    by_topic: dict[str, tuple[str, ...]]
    stories_of: dict[str, tuple[str, ...]]
    # Published, then withdrawn: their page says so, and the corrections page lists them.
    withdrawn: tuple[str, ...]
    # Published claims with a correction, newest first (the corrections page lists them).
    corrected: tuple[str, ...]
    _ratings: dict[str, str]

    @classmethod
    def of(cls, content: Content) -> ClaimIndex:
        published = [c for c in content.claims.values() if c.listed]
        published.sort(key=lambda c: (c.published, c.id), reverse=True)
        by_claimant: dict[str, list[str]] = {}
        by_rating: dict[str, list[str]] = {}
        by_topic: dict[str, list[str]] = {}
        stories_of: dict[str, list[str]] = {}
        for claim in published:
            by_claimant.setdefault(claim.claimant, []).append(claim.id)
            by_rating.setdefault(claim.rating, []).append(claim.id)
            for topic in claim.topics:
                by_topic.setdefault(topic, []).append(claim.id)
        for story in content.stories.values():
            for claim_id in dict.fromkeys(story.claims):
                stories_of.setdefault(claim_id, []).append(story.id)
        return cls(
            tuple(c.id for c in published),
            _frozen(by_claimant),
            _frozen(by_rating),
            _frozen(by_topic),
            _frozen(stories_of),
            tuple(
                c.id
                for c in content.claims.values()
                if c.status == "published" and c.withdrawn is not None
            ),
            tuple(c.id for c in published if c.corrections),
            {c.id: c.rating for c in published},
        )

    def part(self, name: str, *args: str) -> tuple[str, ...]:
        """ "newest": every published claim; "claimant"/"rating"/"topic" x: those of x;
        "stories_of" claim: the stories that gather it; "withdrawn": the published claims
        withdrawn since; "corrected": those with a correction; "claimant_ratings" x: the
        ratings of x's claims (a scorecard counts them); "claimants" and "topics": the ids
        with at least one published claim, sorted."""
        if name == "newest":
            return self.newest_first
        if name == "withdrawn":
            return self.withdrawn
        if name == "corrected":
            return self.corrected
        if name == "claimant_ratings":
            claims = self.by_claimant.get(args[0], ())
            return tuple(self._ratings[claim_id] for claim_id in claims)
        if name == "claimants":
            return tuple(sorted(self.by_claimant))
        if name == "topics":
            return tuple(sorted(self.by_topic))
        table = {
            "claimant": self.by_claimant,
            "rating": self.by_rating,
            "topic": self.by_topic,
            "stories_of": self.stories_of,
        }[name]
        return table.get(args[0], ())


def _frozen(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in table.items()}


def _same(before: object, after: object) -> bool:
    return before is after or before == after


class _Values:
    """The value of each key in one version of the content."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._index: ClaimIndex | None = None

    def of(self, key: Key) -> object:
        name = key[0]
        if name in FOLDERS:
            folder: dict[str, Any] = getattr(self.content, name)
            return folder if key[1] == ALL else folder.get(key[1])
        if name in _REGISTRY_NAMES:
            return getattr(self.content, name)
        if name == "history":
            return self.content.history.of(key[1])
        if name == "index":
            if self._index is None:
                self._index = ClaimIndex.of(self.content)
            return self._index.part(*key[1:])
        raise ValueError(f"not a key of the content: {key!r}")


def _same_value(key: Key, before: object, after: object) -> bool:
    if key[0] in FOLDERS and key[1] == ALL:
        assert isinstance(before, dict) and isinstance(after, dict)
        return before.keys() == after.keys() and all(
            _same(value, after[name]) for name, value in before.items()
        )
    return _same(before, after)


def changed_keys(before: Content, after: Content, keys: Iterable[Key]) -> set[Key]:
    """The keys whose value differs between two versions of the content."""
    old, new = _Values(before), _Values(after)
    return {key for key in set(keys) if not _same_value(key, old.of(key), new.of(key))}


@dataclass(frozen=True)
class PageRecord:
    """What a build knows of one page afterwards: what it read, its title in the nav (the
    escaped text, None when it is not in the nav) and its entry in the site map."""

    reads: frozenset[Key]
    nav_title: str | None
    sitemap: SitemapPage | None


# Where the refresh notes what the files made of the whole content read (the feeds, the
# data table, the evidence images): a path no page has.
SITE_FILES = "#site-files"


@dataclass(frozen=True)
class LanguageRecord:
    """What one language's build read: each page's record (every page, in the site's order),
    the keys read for no page in particular (which every page shows), and what the files
    made of the whole content read (see `SITE_FILES`)."""

    pages: dict[str, PageRecord]
    site_wide: frozenset[Key]
    site_files: frozenset[Key]


@dataclass(frozen=True)
class Refresh:
    """A preview refresh of one language: write again the pages at `paths`, into the site
    that the build recorded in `previous` made."""

    paths: frozenset[str]
    previous: LanguageRecord


class FullBuildNeeded(Exception):
    """A refresh cannot show the edit: the pages or the nav that every page shows changed."""
