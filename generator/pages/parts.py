"""What the pages share: the renderer's Jinja environment and content, the template
filters, and the views many pages show (claim cards, ratings, scorecards), with the
lookups that find which claims a list shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.content.history import ClaimHistory
from generator.content.images import ImagePlan
from generator.content.kinds import Content
from generator.content.model import Claim, Person, Scale
from generator.content.prose import Citations, ProseRenderer
from generator.pages.reads import Reads, RecordingContent
from generator.pages.strings import DIRECTION, STRINGS, language_label
from generator.pages.template_loader import DedentedLoader
from generator.pages.text import (
    ascii_url,
    format_date_in,
    isolate_latin,
    keep_citations_with_their_word,
    mark_arabic,
    readable_address,
    relative,
    script_lang,
    with_text,
)
from generator.pages.views import (
    CardView,
    ClaimCard,
    RatingView,
    ScorecardEntry,
)

THEME = Path(__file__).resolve().parents[2] / "theme"
RATING_STEPS = 5


class _Environment(jinja2.Environment):
    """Jinja, reading `view.key` of a plain dict as the item first.

    Jinja tries the attribute first and catches the AttributeError a dict raises for every
    key (a tenth of the time taken to render a claim page when its views were dicts). The
    views are dataclasses now (views.py); a dict a template still reads costs no exception.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class PageParts:
    """What the pages of one language share; `Renderer` adds the pages themselves."""

    def __init__(
        self,
        content: Content,
        lang: str,
        *,
        compiled: jinja2.BytecodeCache | None = None,
        drafts: bool = False,
        reads: Reads | None = None,
    ) -> None:
        # Every read of the content goes through `self.content`, which notes it in `reads`
        # for the page being rendered (see reads.py): the preview's refresh relies on it.
        self.reads = reads if reads is not None else Reads()
        self.content: RecordingContent = RecordingContent(content, self.reads)
        self.lang = lang
        # The preview renders draft claims' pages too (bannered, noindex), in no list.
        self.drafts = drafts
        self.t = STRINGS[lang]
        self.prose = ProseRenderer(lambda n: self.t["cite_label"].format(number=n))
        self.env = _Environment(
            loader=DedentedLoader(jinja2.FileSystemLoader(THEME / "partials" / "bayyin")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates do not change during a build: no stat() per include.
            auto_reload=False,
            bytecode_cache=compiled,
        )
        self.env.globals.update(t=self.t, lang=lang, dir=DIRECTION[lang], once=self._once)
        self._fragments: dict[str, Markup] = {}
        # The newest claims' ids and, of them, those drawn a card of their own (has_own_card).
        self._carded: tuple[tuple[str, ...], frozenset[str]] | None = None
        self.env.filters["date"] = self.format_date
        self.env.filters["bidi"] = self.bidi
        self.env.filters["ascii_url"] = ascii_url
        self.env.filters["readable_url"] = readable_address
        self.env.filters["script_lang"] = script_lang
        self.env.filters["with_text"] = with_text
        self.env.filters["language_name"] = lambda code: language_label(code, lang)
        # Read by no page in particular: an edit to the ratings or topics rewrites them all.
        ratings = self.content.ratings
        self.ratings = {r.id: r for r in (ratings.ratings if ratings else [])}
        topics = self.content.topics
        self._topics = {t.id: t for t in topics.topics} if topics else {}
        self._image_plans: dict[str, ImagePlan] = {}

    # --- helpers used by templates ---------------------------------------------------

    def _once(self, key: str, caller: Callable[[], str]) -> Markup:
        """`{% call once(key) %}...{% endcall %}`: the body rendered once per key and
        language, for parts that many pages repeat as they are (a source's entry in the
        source lists of every claim that cites it)."""
        fragment = self._fragments.get(key)
        if fragment is None:
            fragment = self._fragments[key] = Markup(caller())  # noqa: S704 - Jinja output
        return fragment

    def format_date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return format_date_in(value, self.lang)

    def bidi(self, text: str) -> Markup:
        """Escape plain text; in Arabic, isolate its Latin-script runs."""
        html = str(escape(text))
        return Markup(isolate_latin(html) if self.lang == "ar" else mark_arabic(html))  # noqa: S704

    def md(
        self,
        text: str,
        citations: Citations | None = None,
        *,
        here: str,
        inline: bool = False,
    ) -> Markup:
        """Editor Markdown as safe HTML for the page at `here` (item links are relative to it)."""
        html = keep_citations_with_their_word(
            self.prose.render(text, citations, inline=inline, here=here)
        )
        if self.lang == "ar":
            html = isolate_latin(html)
        else:
            html = mark_arabic(html)
        return Markup(html)  # noqa: S704 - sanitized by ProseRenderer

    def _claims(self, ids: Sequence[str]) -> list[Claim]:
        claims = self.content.claims
        return [claims[claim_id] for claim_id in ids]

    def published_claims(self) -> list[Claim]:
        """Published claims, newest first (sorted once per renderer)."""
        return self._claims(self.content.indexed("newest"))

    def claims_with_pages(self) -> list[Claim]:
        """The claims that get a page: the published ones, the withdrawn ones (a page that
        says so), and the drafts in the preview."""
        others = [
            c
            for c in self.content.claims.values()
            if (c.status == "published" and c.withdrawn is not None)
            or (self.drafts and c.status == "draft")
        ]
        return self.published_claims() + sorted(others, key=_by_id)

    def claim_card(self, claim: Claim, here: str) -> ClaimCard:
        person = self.content.people.get(claim.claimant)
        return ClaimCard(
            id=claim.id,
            href=relative(here, f"claims/{claim.id}/"),
            title=claim.title[self.lang],
            short=claim.short[self.lang],
            claimant=person.name[self.lang] if person else claim.claimant,
            date=claim.appearance.date,
            published=claim.published,
            rating=self.rating_view(claim.rating),
        )

    def claim_ids(
        self, *, claimant: str | None = None, rating: str | None = None, topic: str | None = None
    ) -> tuple[str, ...]:
        """The ids of the published claims by a claimant, with a rating or on a topic,
        newest first (one of the three; read from indexes built in one pass over the
        claims). A list looks up only the claims it shows: a page reads those."""
        if claimant is not None:
            return self.content.indexed("claimant", claimant)
        if rating is not None:
            return self.content.indexed("rating", rating)
        if topic is not None:
            return self.content.indexed("topic", topic)
        return self.content.indexed("newest")

    def topic_label(self, topic_id: str) -> str:
        """The topic's label in this language (content/topics.yaml)."""
        topic = self._topics.get(topic_id)
        return topic.label[self.lang] if topic else topic_id

    def topic_ids(self) -> list[str]:
        return list(self.content.indexed("topics"))

    def card(
        self, title: str, *, kicker: str = "", byline: str = "", rating: str | None = None
    ) -> CardView:
        """What the page's social card shows (see generator/pages/cards.py)."""
        return CardView(title, kicker, byline, self.rating_view(rating) if rating else None)

    def rating_card(self, rating_id: str) -> CardView:
        """The card of a rating's list of claims (its page's title), which older claims share
        (`claim_cards`)."""
        label = self.rating_view(rating_id).label
        return self.card(
            self.t["claims_rated"].format(label=label), kicker=self.t["rating"], rating=rating_id
        )

    def has_own_card(self, claim: Claim) -> bool:
        """Whether `claim` is drawn a card of its own: every claim, unless content/site.yaml
        sets `claim_cards` to N, when only the newest N published claims are (a draft always
        is: its rating's list does not show it)."""
        site = self.content.site
        limit = site.claim_cards if site else None
        if limit is None or not claim.listed:
            return True
        newest = self.content.indexed("newest")  # noted as read by the page
        if self._carded is None or self._carded[0] is not newest:
            self._carded = (newest, frozenset(newest[:limit]))
        return claim.id in self._carded[1]

    def rating_view(self, rating_id: str) -> RatingView:
        rating = self.ratings.get(rating_id)
        if rating is None:
            return RatingView(rating_id, rating_id, "neutral", "")
        scale = self.content.ratings.scale if self.content.ratings else None
        return RatingView(
            rating.id,
            rating.label[self.lang],
            rating.tone,
            rating.definition[self.lang],
            rating.value,
            rating_step(rating.value, scale),
        )

    def scorecard(self, claimant: str, here: str) -> tuple[ScorecardEntry, ...]:
        """How many of a claimant's published claims have each rating, best first (ratings
        with none left out)."""
        counts: dict[str, int] = {}
        for rating in self.content.indexed("claimant_ratings", claimant):
            counts[rating] = counts.get(rating, 0) + 1
        return tuple(
            ScorecardEntry(
                self.rating_view(rating_id),
                counts[rating_id],
                relative(here, f"ratings/{rating_id}/"),
            )
            for rating_id in self.scale_order()
            if rating_id in counts
        )

    def scale_order(self) -> list[str]:
        """Rating ids from the best place on the scale to the worst, then those without one."""
        ratings = self.content.ratings.ratings if self.content.ratings else []
        return [r.id for r in sorted(ratings, key=lambda r: (r.value is None, -(r.value or 0)))]

    def claimants(self) -> list[Person]:
        """The people with a published claim (by id): the only ones with a page of their own."""
        people = self.content.people
        return [people[p] for p in self.content.indexed("claimants") if p in people]

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def rating_step(value: int | None, scale: Scale | None) -> int | None:
    """The colour step of a place on the rating scale: 1 for the worst .. RATING_STEPS for
    the best; None for a rating outside the scale (an explainer), which stays neutral."""
    if value is None or scale is None or scale.best <= scale.worst:
        return None
    place = min(1.0, max(0.0, (value - scale.worst) / (scale.best - scale.worst)))
    return 1 + round(place * (RATING_STEPS - 1))


def modified_date(claim: Claim, history: ClaimHistory | None) -> dt.date:
    """When a claim last changed for readers: its `updated` date, or the last change in git
    not marked `Reader-visible: no`, whichever is later (never before `published`)."""
    dates = [claim.published, claim.updated or claim.published]
    if history is not None and history.last_visible is not None:
        dates.append(history.last_visible)
    return max(dates)


def _by_id(item: Person | Claim) -> str:
    return item.id
