"""The kinds of content (one registry) and `Content`, the aggregate that holds them all.

Every list of kinds elsewhere (the loader's folders, the schemas and their file patterns,
`new`'s skeletons, the nouns in messages) is derived from `KINDS`: a new kind is one entry
here, and the tests that walk the registry say what else it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.diagnostics import Document
from generator.content.history import Histories
from generator.content.model import (
    Claim,
    Page,
    Person,
    Rating,
    Ratings,
    SiteSettings,
    Source,
    Staff,
    Story,
    Topics,
)
from generator.content.search_vocabulary import SearchVocabulary


@dataclass(frozen=True)
class Kind:
    """One kind of content file.

    Attributes:
        name: the kind's name: its schema (schema/<name>.schema.json) and `new <name>`.
        model: the model a file of this kind is read as.
        folder: the folder of content/ whose files are items of this kind (one per file,
            named by its id), or None for a registry (one file, content/<name>.yaml).
        noun: what an editor calls one item, in messages ("no staff member 'x'").
        scaffold: where this kind stands in `new`'s list of kinds (1 first, the most
            written), or 0 when `new` writes no skeleton of it.
        optional: (registries) whether a site may do without the file.
    """

    name: str
    model: type[BaseModel]
    folder: str | None
    noun: str
    scaffold: int = 0
    optional: bool = False

    @property
    def file_pattern(self) -> str:
        """Where this kind's files live, relative to the project (for editor settings)."""
        if self.folder is None:
            return f"content/{self.name}.yaml"
        return f"content/{self.folder}/*.yaml"

    @property
    def files(self) -> str:
        """The files of this kind, in words for a schema's description."""
        return self.file_pattern.replace("*", "<id>")


# In the order the loader reads them (folders, then registries), which is also the order
# of the folders named in its messages.
KINDS: tuple[Kind, ...] = (
    Kind("person", Person, "people", "person", scaffold=4),
    Kind("source", Source, "sources", "source", scaffold=5),
    Kind("claim", Claim, "claims", "claim", scaffold=1),
    Kind("story", Story, "stories", "story", scaffold=2),
    Kind("page", Page, "pages", "page", scaffold=3),
    Kind("staff", Staff, "staff", "staff member", scaffold=6),
    Kind("site", SiteSettings, None, "site settings"),
    Kind("ratings", Ratings, None, "ratings"),
    Kind("topics", Topics, None, "topics", optional=True),
    Kind("search", SearchVocabulary, None, "search vocabulary", optional=True),
)
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
# The folders of content/ (one item per file), and the registries (one file each).
FOLDERS: dict[str, Kind] = {kind.folder: kind for kind in KINDS if kind.folder is not None}
REGISTRIES: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.folder is None)
# The kinds `new` writes, in the order it lists them.
SCAFFOLDED: tuple[Kind, ...] = tuple(
    sorted((kind for kind in KINDS if kind.scaffold), key=lambda kind: kind.scaffold)
)


@dataclass
class Content:
    """Everything in content/, typed, with the document each item came from."""

    root: Path
    project: Path
    site: SiteSettings | None = None
    ratings: Ratings | None = None
    topics: Topics | None = None
    search: SearchVocabulary | None = None
    people: dict[str, Person] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    staff: dict[str, Staff] = field(default_factory=dict)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    # Files that exist but could not be read; references to them are not reported again.
    broken: set[tuple[str, str]] = field(default_factory=set)
    # Files that parsed but did not fit their model: their references are still checked,
    # so one run reports a typo'd key and an unknown rating together.
    partial: dict[tuple[str, str], Document] = field(default_factory=dict)
    # Folders refused as a whole (a symbolic link): references into them are not checked.
    refused: set[str] = field(default_factory=set)
    # The revision history of each claim, from git; read by the build only (see history.py).
    history: Histories = field(default_factory=Histories)

    def has(self, folder: str, item_id: str) -> bool:
        """Whether an item exists (or exists but has errors already reported)."""
        table: dict[str, Any] = getattr(self, folder)
        return item_id in table or (folder, item_id) in self.broken or folder in self.refused

    def document(self, kind: str, item_id: str) -> Document:
        """The document an item was read from (kind is a folder name, 'site' or 'ratings')."""
        return self.documents[(kind, item_id)]

    def rating(self, rating_id: str) -> Rating:
        assert self.ratings is not None
        return next(r for r in self.ratings.ratings if r.id == rating_id)
