"""The content types: claims, sources, people, ratings, stories and pages.

Language-neutral facts (dates, URLs, ids, the rating) are stated once; prose is a `Text`
with both languages, and a missing translation is an error, never a silent fallback.
Every value arrives from the loader as text, so the validators here decide what `no`,
`012` or `2025-06-05` mean, not YAML.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.content.values import (
    DEFAULT_LANGUAGE,
    ID,
    LANGUAGE_NAMES,
    LANGUAGES,
    LINK,
    MARKER,
    ContactUrl,
    Date,
    Id,
    IdList,
    Language,
    Prose,
    Url,
    _check_theme_svg,
    _wikidata,
    browser_host,
    check_url,
    idn_host,
    markdown_problem,
)

# The value types are defined in values.py; the ones other modules read here are re-exported.
__all__ = [
    "Appearance",
    "Archive",
    "Article",
    "Claim",
    "Correction",
    "DEFAULT_LANGUAGE",
    "Date",
    "Event",
    "EvidenceImage",
    "ID",
    "IMAGE_FOLDER",
    "Id",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "MARKER",
    "Original",
    "Page",
    "Person",
    "Rating",
    "Ratings",
    "Scale",
    "Section",
    "SiteSettings",
    "Source",
    "Staff",
    "Story",
    "Strict",
    "Text",
    "Topic",
    "Topics",
    "Withdrawal",
    "browser_host",
    "check_url",
    "idn_host",
    "iter_links",
    "markdown_problem",
]


class Strict(BaseModel):
    """Base of every content type: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Text(Strict):
    """Prose in both languages. Both are required."""

    ar: Prose
    en: Prose

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))


def _name_per_language(value: Any) -> Any:
    # One name serves every language; a mapping gives each language its own.
    if isinstance(value, str) and value.strip():
        return {lang: value for lang in LANGUAGES}
    if isinstance(value, dict):
        return value
    if value is None or isinstance(value, str):
        raise PydanticCustomError("bayyin", "this text is empty; write it out")
    raise PydanticCustomError(
        "bayyin", "expected a name, or a name for each language (ar: and en: lines)"
    )


Name = Annotated[Text, BeforeValidator(_name_per_language, json_schema_input_type=Prose | Text)]


class Archive(Strict):
    """A snapshot of a source in a web archive."""

    url: Url
    date: Date


class Source(Strict):
    """A citable page: `content/sources/<id>.yaml`."""

    id: Id
    url: Url
    title: Prose | None = Field(
        default=None,
        description="The page's own title, in its language, exactly as the page gives it.",
    )
    translated_title: dict[Language, Prose] = Field(
        default_factory=dict,
        description="When title is given: the title in each site language other than the source's.",
    )
    about: Text = Field(description="What this page is and what it supports, in our words.")
    publisher: Name = Field(
        description="The outlet, as it names itself: one name, or its name in each site "
        "language (ar, en) when readers of the other language know it by another name."
    )
    language: Language
    published: Date | None = None
    accessed: Date | None = Field(
        default=None, description="When an editor last opened the page; leave empty if unknown."
    )
    archive: Archive | None = None
    quote: Prose | None = Field(
        default=None, description="A short excerpt, verbatim, in the source's language."
    )
    translated_quote: dict[Language, Prose] = Field(
        default_factory=dict,
        description="When quote is given: its translation into each site language other than "
        "the source's (a faithful translation, not a summary).",
    )
    kind: Literal["original", "republication", "secondary", "document", "post"] = "original"
    original_publisher: Prose | None = Field(
        default=None, description="For a republication: whose report it reproduces."
    )

    def title_in(self, lang: str) -> str | None:
        """The title translated into `lang`, or None when the source is in `lang`."""
        if self.language == lang:
            return None
        return self.translated_title.get(lang)

    def quote_in(self, lang: str) -> str | None:
        """The quote translated into `lang`, or None when the source is in `lang`."""
        if self.language == lang:
            return None
        return self.translated_quote.get(lang)


class Person(Strict):
    """Someone (or an organization) whose statements are checked: `content/people/<id>.yaml`.

    Whether they are a claimant is not written here: it follows from the published claims
    that name them (`claimant:`); a person only mentioned in claims gets no page.
    """

    id: Id
    kind: Literal["person", "organization", "publication"] = Field(
        default="person",
        description="person, organization, or publication (an article or outlet that made "
        "the claim, such as the article under review).",
    )
    name: Text
    role: Text
    wikidata: Annotated[str, AfterValidator(_wikidata)] | None = None
    same_as: list[Url] = Field(default_factory=list)


class Staff(Strict):
    """A member of the newsroom who writes or edits checks: `content/staff/<id>.yaml`."""

    id: Id
    kind: Literal["person", "team"] = Field(
        default="person", description="person, or team (a desk that signs as one)."
    )
    name: Text
    role: Text = Field(description="Their job in the newsroom: 'Fact-checker', 'Editor'.")


class Rating(Strict):
    """One entry of the ratings vocabulary."""

    id: Id
    label: Text
    definition: Text
    value: int | None = Field(
        default=None,
        description="Place on the numeric scale for ClaimReview; leave empty for no rating.",
    )
    tone: Literal["true", "mixed", "false", "neutral"]


class Scale(Strict):
    worst: int
    best: int


class Ratings(Strict):
    """The ratings vocabulary: `content/ratings.yaml`."""

    scale: Scale
    ratings: list[Rating]


class Topic(Strict):
    """One entry of the topics vocabulary."""

    id: Id
    label: Text


class Topics(Strict):
    """The topics vocabulary: `content/topics.yaml`. Claims list topic ids from it."""

    topics: list[Topic]


class Appearance(Strict):
    """Where and when the claim was made."""

    date: Date | None = Field(default=None, description="Leave empty if no source gives the day.")
    medium: Text
    url: Url | None = None


class Original(Strict):
    """The claim verbatim, in the language it was made in, when that is not a site language
    or when the translation on the other language's page needs the original beside it."""

    text: Prose
    language: Language


class Section(Strict):
    """A context section: a heading and a Markdown body with citation markers [@source-id]."""

    heading: Text
    body: Text


_IMAGE_FILE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:png|jpe?g|webp)$")
IMAGE_FOLDER = "images"


def _image_file(value: str) -> str:
    text = value.strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) or text.startswith("//"):
        raise PydanticCustomError(
            "bayyin",
            "images are kept in the repository, never linked: save the image into "
            "content/images/ and write its file name here, like musk-post.png",
        )
    if not _IMAGE_FILE.match(text):
        raise PydanticCustomError(
            "bayyin",
            "'{value}' is not an image file name: write the name of a file in content/images/, "
            "in lowercase Latin letters, digits and hyphens, ending in .png, .jpg or .webp, "
            "like musk-post.png",
            {"value": text[:80]},
        )
    return text


class EvidenceImage(Strict):
    """An image shown as evidence (a screenshot of the post, a page of a document), kept in
    `content/images/`: never linked from another site."""

    file: Annotated[str, AfterValidator(_image_file)] = Field(
        description="The name of a file in content/images/, like musk-post.png."
    )
    alt: Text = Field(description="What the image shows, for readers who cannot see it.")
    caption: Text
    credit: Text = Field(description="Who made or published the image.")


class Correction(Strict):
    date: Date
    note: Text


class Withdrawal(Strict):
    """When and why a published check was taken down. Its page stays at the same address and
    says so; it leaves every list, the feed, the site map and search."""

    date: Date = Field(description="The day the check was withdrawn.")
    reason: Text = Field(description="Why, in plain words, for readers who follow an old link.")


class Claim(Strict):
    """A checked statement: `content/claims/<id>.yaml`."""

    id: Id
    status: Literal["published", "draft"] = "published"
    title: Text
    short: Text = Field(description="The claim in 75 characters or fewer (for ClaimReview).")
    claim: Text = Field(description="The claim as it was said or written.")
    original: Original | None = Field(
        default=None, description="The exact words, in their language, when claim is a translation."
    )
    claimant: Id
    appearance: Appearance
    rating: Id
    summary: Text = Field(description="The verdict in two or three sentences.")
    context: list[Section]
    sources: IdList
    published: Date
    updated: Date | None = None
    corrections: list[Correction] = Field(default_factory=list)
    related: IdList = Field(default_factory=list)
    topics: IdList = Field(default_factory=list)
    author: Id | None = Field(default=None, description="Who wrote the check: a content/staff/ id.")
    editor: Id | None = Field(default=None, description="Who edited it: a content/staff/ id.")
    images: list[EvidenceImage] = Field(default_factory=list)
    withdrawn: Withdrawal | None = Field(
        default=None,
        description="Set when a published check is taken down: the page then only says so.",
    )

    @property
    def listed(self) -> bool:
        """Whether the check is on the site as a check: published and not withdrawn."""
        return self.status == "published" and self.withdrawn is None


class Event(Strict):
    """A dated entry of a story's timeline."""

    date: Date
    text: Text


class Article(Strict):
    """The article a story reviews."""

    title: Prose
    publisher: Text
    language: Language
    date: Date | None = None
    url: Url | None = None


class Story(Strict):
    """A page that groups claims, e.g. an article under review: `content/stories/<id>.yaml`."""

    id: Id
    title: Text
    summary: Text
    article: Article | None = None
    claims: IdList
    timeline: list[Event] = Field(default_factory=list)
    sources: IdList = Field(default_factory=list)
    published: Date
    updated: Date | None = None


class Page(Strict):
    """A page of prose (about, methodology, corrections): `content/pages/<id>.yaml`."""

    id: Id
    title: Text
    body: Text


class SiteSettings(Strict):
    """Who publishes the site: `content/site.yaml`."""

    name: Text
    tagline: Text
    organization: Text
    contact: ContactUrl
    repository: Url | None = None
    # The site's mark: an SVG in theme/, shown in the header and used as the favicon.
    logo: Annotated[str, AfterValidator(_check_theme_svg)] | None = None
    founded: Date | None = None
    # Past about 9,000 claims the site outgrows GitHub Pages' 1 GB; a claim's two share cards
    # are a quarter of what it costs (README: "Beyond GitHub Pages' size limit").
    claim_cards: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Draw a share card of its own for the newest N published claims only; older "
            "claims share their rating's card (about 26 KB less a claim). Leave empty: every "
            "claim has its own."
        ),
    )


def iter_links(
    item: BaseModel, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every link held by `item` and the models inside it, with where it stands."""
    for name, is_link in _link_fields(type(item)):
        yield from _links_in(getattr(item, name), is_link, (*loc, name))


@functools.cache
def _link_fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of `cls` that are links or can hold a model with links: (name, is link)."""
    return tuple(
        (name, is_link)
        for name, info in cls.model_fields.items()
        if (is_link := LINK in info.metadata or _has_link(info.annotation))
        or any(_link_fields(model) for model in _models_in(info.annotation))
    )


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


def _links_in(
    value: Any, is_link: bool, loc: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, BaseModel):
        yield from iter_links(value, loc)
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _links_in(entry, is_link, (*loc, index))
    elif isinstance(value, str) and is_link:
        yield loc, value


def _has_link(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return LINK in annotation.__metadata__
    return any(_has_link(arg) for arg in get_args(annotation))
