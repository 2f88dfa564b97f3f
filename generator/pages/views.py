"""What the renderer hands on: each page rendered, with the typed views that the site's
head data, social cards, feeds and site map read (see publishing.py), and the views of a
rating that templates print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.content.model import Archive, Claim, Original


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class RatingView:
    """A rating as a page shows it, in the page's language."""

    id: str
    label: str
    tone: str
    definition: str
    value: int | None = None
    # The colour step on the rating scale (see `rating_step`); None outside the scale.
    step: int | None = None


@dataclass(frozen=True)
class ClaimCard:
    """A claim in a list (claim-card.html)."""

    id: str
    href: str
    title: str
    short: str
    claimant: str
    date: dt.date | None
    published: dt.date
    rating: RatingView


@dataclass(frozen=True)
class ScorecardEntry:
    """How many claims of a list have one rating (scorecard.html)."""

    rating: RatingView
    count: int
    href: str


@dataclass(frozen=True)
class IndexEntry:
    """A claimant, rating or topic in an index, with its number of claims (index.html,
    ratings.html); a claimant's with its scorecard, a rating's with its view."""

    href: str
    label: str
    count: int
    scorecard: tuple[ScorecardEntry, ...] | None = None
    rating: RatingView | None = None


@dataclass(frozen=True)
class CardView:
    """What a page's social card shows (see cards.py); an empty title shows the page's."""

    title: str
    kicker: str = ""
    byline: str = ""
    rating: RatingView | None = None


@dataclass(frozen=True)
class RenderedPage:
    """One page of one language, ready for the site engine."""

    path: str  # the page's URL path relative to the language root: "", "claims/x/"
    kind: str
    title: str
    description: str
    html: str
    card: CardView
    toc: list[TocEntry] = field(default_factory=list)
    in_nav: bool = False
    nav_title: str = ""
    # A page search engines must not list (a draft in the preview): robots noindex, no
    # structured data, left out of the site map.
    noindex: bool = False
    # A further page of a list: the first page's path, whose card image it shares.
    card_of: str | None = None
    # The previous and next pages of a list of claims.
    previous: str | None = None
    next: str | None = None
    # A claim's page: the claim (its ClaimReview goes into the head).
    claim: Claim | None = None
    published: dt.date | None = None
    updated: dt.date | None = None
    # When the page last changed for readers (a claim's: see render.modified_date()).
    modified: dt.date | None = None

    @property
    def src_uri(self) -> str:
        return src_uri(self.path)

    @property
    def last_changed(self) -> dt.date | None:
        """The date the site map gives the page."""
        return self.modified or self.updated or self.published


def src_uri(path: str) -> str:
    """The name MkDocs knows the page at `path` by."""
    return "index.md" if not path else path.rstrip("/") + ".md"


@dataclass(frozen=True)
class PagePlan:
    """A page of the site before it is rendered: where it goes, and how to render it."""

    path: str
    render: Callable[[], RenderedPage]


# --- the views of claim and story pages (claim.html, story.html, citations.html, ...) -------


@dataclass(frozen=True)
class Byline:
    """Who wrote and who edited a check, by name: `both` when one member did both."""

    author: str = ""
    editor: str = ""
    both: str = ""


@dataclass(frozen=True)
class SourceView:
    """One entry of a numbered source list, in the page's language (see citations.html)."""

    id: str
    number: int
    url: str
    title: str | None
    about: str
    title_lang: str
    translated: str | None
    publisher: str
    publisher_original: str | None
    language: str
    published: dt.date | None
    accessed: dt.date | None
    archive: Archive | None
    quote: str | None
    translated_quote: str | None
    kind: str
    original_publisher: str | None
    backlinks: tuple[str, ...]


@dataclass(frozen=True)
class SectionView:
    anchor: str
    heading: Markup
    body: Markup


@dataclass(frozen=True)
class CorrectionView:
    date: dt.date
    note: Markup


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    text: Markup


@dataclass(frozen=True)
class StoryLink:
    title: str
    href: str


@dataclass(frozen=True)
class LinkView:
    label: str
    href: str


@dataclass(frozen=True)
class ImageView:
    src: str
    width: int
    height: int
    alt: str
    caption: Markup
    credit: str


@dataclass(frozen=True)
class AppearanceView:
    date: dt.date | None
    medium: str
    url: str | None


@dataclass(frozen=True)
class ClaimView:
    id: str
    title: str
    text: str
    # The original words, when they are in another language than the page's.
    original: Original | None
    appearance: AppearanceView
    published: dt.date
    updated: dt.date | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class ClaimantView:
    name: str
    role: str
    href: str


@dataclass(frozen=True)
class DatedLink:
    """A date, linked to its commit when site.yaml names the repository."""

    date: dt.date
    href: str | None


@dataclass(frozen=True)
class ChangeView:
    date: dt.date
    text: str
    # The language the text is written in, None when it is the page's.
    lang: str | None
    href: str | None


@dataclass(frozen=True)
class HistoryView:
    first: DatedLink
    changes: tuple[ChangeView, ...]
    minor: tuple[DatedLink, ...]


@dataclass(frozen=True)
class TitleAndDate:
    """What a withdrawn check's page still says of it: its title and when it was published."""

    title: str
    published: dt.date


@dataclass(frozen=True)
class WithdrawnView:
    date: dt.date
    reason: Markup


@dataclass(frozen=True)
class StoryView:
    title: str
    published: dt.date
    updated: dt.date | None


@dataclass(frozen=True)
class ArticleView:
    title: str
    language: str
    publisher: str
    date: dt.date | None
    url: str | None


# --- the views of list and prose pages ----------------------------------------------------


@dataclass(frozen=True)
class StaffView:
    name: str
    role: str


@dataclass(frozen=True)
class DataFeedLinks:
    """The methodology page's links to the data feeds (publishing.py)."""

    json: str
    csv: str


@dataclass(frozen=True)
class LogEntry:
    """One entry of the corrections log: the date, what changed, and the claim."""

    date: dt.date
    note: Markup
    claim: ClaimCard


@dataclass(frozen=True)
class FacetView:
    """A filter of the search page: its name in the URL, its label, and its values."""

    name: str
    label: str
    values: tuple[object, ...]
