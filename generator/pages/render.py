"""Model → HTML bodies of every page, per language, with the theme's Jinja partials.

Nothing here knows about MkDocs: the adapter (`plugin.py`) turns each `RenderedPage` into a
page of the site. Templates receive view data only; all text is escaped by Jinja unless it
is HTML that `prose.py` has already sanitized.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import jinja2
from babel.dates import format_date
from markupsafe import Markup, escape

from generator.content.history import Change, ClaimHistory
from generator.content.images import ImagePlan, plan_image
from generator.content.kinds import Content
from generator.content.model import (
    LANGUAGES,
    Claim,
    Person,
    Rating,
    Scale,
    Source,
    Story,
    browser_host,
)
from generator.content.prose import Citations, ProseRenderer
from generator.pages.addresses import MORE, join_parts, readable_url_parts
from generator.pages.paging import ListPage, list_pages, pager, split
from generator.pages.strings import DIRECTION, STRINGS, language_label
from generator.pages.urls import language_root

THEME = Path(__file__).resolve().parents[2] / "theme"
# Runs of Latin script (with the digits and punctuation inside them) in Arabic text. The
# text is HTML: '&' and an apostrophe arrive as the references "&amp;" and "&#39;" (or "&#x27;"),
# each taken whole; any other reference ("&#34;", a quote) ends the run. A bare '&' in the
# class once split "&#34;" in two: "Trump" showed as "Trump&#34;.
_LATIN_CHAR = r"(?:[A-Za-z0-9.,'’@/:_+%$-]|&amp;|&#39;|&#x27;)"
_LATIN_RUN = re.compile(
    # A character reference outside a run is matched whole and left as it is ("&lt;" is not
    # the Latin word "lt").
    r"(?P<reference>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"
    rf"|[A-Za-z]{_LATIN_CHAR}*(?:[ ][A-Za-z0-9]{_LATIN_CHAR}*)*"
)
_TRAILING_PUNCTUATION = re.compile(r"(?:[.,:;'’]|&#39;|&#x27;)+$")
# No '<' inside a tag: a run of "<<<<" is split in linear time.
_TAG_SPLIT = re.compile(r"(<[^<>]*>)")
# The colour ramp of the rating scale has this many steps (publishing.css defines each).
RATING_STEPS = 5
# Runs of Arabic script (words and the spaces between them) in English text.
_ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC_LETTERS}]+(?:[ \u00a0]+[{_ARABIC_LETTERS}]+)*")
# The space before a citation marker: a no-break space keeps the marker with its word. The
# run must follow a non-space, so each run of spaces is tried once (not from each of its
# characters: 100 KB of spaces took a minute).
_SPACE_BEFORE_CITE = re.compile(r"(?<=\S)\s+(?=<sup class=\"bayyin-cite\">)")


@dataclass
class TocEntry:
    level: int
    anchor: str
    title: str


@dataclass
class RenderedPage:
    """One page of one language, ready for the site engine."""

    path: str  # the page's URL path relative to the language root: "", "claims/x/"
    kind: str
    title: str
    description: str
    html: str
    toc: list[TocEntry] = field(default_factory=list)
    in_nav: bool = False
    nav_title: str = ""
    # A page search engines must not list (a draft in the preview): robots noindex, no
    # structured data, left out of the site map.
    noindex: bool = False
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return "index.md" if not self.path else self.path.rstrip("/") + ".md"


@functools.lru_cache(maxsize=4096)
def _format_date(value: dt.date, lang: str) -> str:
    # Babel re-reads its locale data on every call; an archive repeats the same few dates.
    return format_date(value, "d MMMM y", locale=lang)


def _wrap_latin(match: re.Match[str]) -> str:
    # Sentence punctuation after a Latin word belongs to the Arabic sentence: left inside the
    # isolate, "X:" would show its colon on the wrong side.
    run = match.group(0)
    if match.group("reference"):
        return run
    core = _TRAILING_PUNCTUATION.sub("", run)
    return f'<bdi lang="en">{core}</bdi>{run[len(core) :]}'


def keep_citations_with_their_word(html: str) -> str:
    """Join each citation marker to the word before it with a no-break space, so a marker
    never starts a line on its own."""
    return _SPACE_BEFORE_CITE.sub("\u00a0", html)


def isolate_latin(html: str) -> str:
    """Wrap Latin-script runs of Arabic HTML text in <bdi>, leaving tags and attributes alone."""
    parts = _TAG_SPLIT.split(html)
    inside_bdi = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if part.startswith("<bdi") or part.startswith("<code"):
                inside_bdi += 1
            elif part in ("</bdi>", "</code>"):
                inside_bdi -= 1
            continue
        if not inside_bdi:
            parts[index] = _LATIN_RUN.sub(_wrap_latin, part)
    return "".join(parts)


def mark_arabic(html: str) -> str:
    """Mark Arabic-script runs of English HTML text as Arabic (`lang` picks the font and the
    pronunciation; `dir` isolates the run), leaving tags and attributes alone."""
    parts = _TAG_SPLIT.split(html)
    inside_code = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if part.startswith("<code"):
                inside_code += 1
            elif part == "</code>":
                inside_code -= 1
            continue
        if not inside_code:
            parts[index] = _ARABIC_RUN.sub(r'<span lang="ar" dir="rtl">\g<0></span>', part)
    return "".join(parts)


def readable_address(url: str) -> Markup:
    """The readable address of `url` as HTML: each part its own isolate, so an Arabic path
    keeps its segments in address order."""
    parts = [p if p == MORE else f"<bdi>{escape(p)}</bdi>" for p in readable_url_parts(url)]
    return Markup(join_parts(parts))  # noqa: S704 - every part is escaped


def script_lang(text: str) -> str:
    """The site language whose script `text` is written in: a name with an Arabic letter is
    Arabic, one without is read as English."""
    return "ar" if _ARABIC_RUN.search(text) else "en"


@dataclass
class _ClaimIndex:
    """Published claims, newest first, and grouped by claimant, rating and topic; the stories
    each claim belongs to; topics by id. Built in one pass, so pages that list claims cost
    what they list, not the whole archive each."""

    newest_first: list[Claim]
    by_claimant: dict[str, list[Claim]]
    by_rating: dict[str, list[Claim]]
    by_topic: dict[str, list[Claim]]
    stories_of: dict[str, list[Story]]
    topics: dict[str, Any]

    @classmethod
    def of(cls, content: Content) -> _ClaimIndex:
        published = [c for c in content.claims.values() if c.listed]
        published.sort(key=lambda c: (c.published, c.id), reverse=True)
        index = cls(published, {}, {}, {}, {}, {})
        for claim in published:
            index.by_claimant.setdefault(claim.claimant, []).append(claim)
            index.by_rating.setdefault(claim.rating, []).append(claim)
            for topic in claim.topics:
                index.by_topic.setdefault(topic, []).append(claim)
        for story in content.stories.values():
            for claim_id in dict.fromkeys(story.claims):
                index.stories_of.setdefault(claim_id, []).append(story)
        index.topics = {t.id: t for t in content.topics.topics} if content.topics else {}
        return index


class _Environment(jinja2.Environment):
    """Jinja, reading `view.key` of a plain dict as the item first.

    Jinja tries the attribute first and catches the AttributeError a dict raises for every
    key: page views are dicts, and those exceptions were a tenth of the time taken to render
    a claim page.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class Renderer:
    """Renders every page of one language. Build one per language and reuse it."""

    def __init__(
        self,
        content: Content,
        lang: str,
        *,
        compiled: jinja2.BytecodeCache | None = None,
        drafts: bool = False,
    ) -> None:
        self.content = content
        self.lang = lang
        # The preview renders draft claims' pages too (bannered, noindex), in no list.
        self.drafts = drafts
        self.t = STRINGS[lang]
        self.prose = ProseRenderer(lambda n: self.t["cite_label"].format(number=n))
        self.env = _Environment(
            loader=jinja2.FileSystemLoader(THEME / "partials" / "bayyin"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates do not change during a build: no stat() per include.
            auto_reload=False,
            bytecode_cache=compiled,
        )
        self.env.globals.update(t=self.t, lang=lang, dir=DIRECTION[lang])
        self.env.filters["date"] = self.format_date
        self.env.filters["bidi"] = self.bidi
        self.env.filters["ascii_url"] = ascii_url
        self.env.filters["readable_url"] = readable_address
        self.env.filters["script_lang"] = script_lang
        self.env.filters["language_name"] = lambda code: language_label(code, lang)
        self.ratings = {r.id: r for r in (content.ratings.ratings if content.ratings else [])}

    # --- helpers used by templates ---------------------------------------------------

    def format_date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return _format_date(value, self.lang)

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

    def published_claims(self) -> list[Claim]:
        """Published claims, newest first (sorted once per renderer)."""
        return self._index.newest_first

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

    @functools.cached_property
    def _index(self) -> _ClaimIndex:
        return _ClaimIndex.of(self.content)

    def claim_card(self, claim: Claim, here: str) -> dict[str, Any]:
        person = self.content.people.get(claim.claimant)
        return {
            "id": claim.id,
            "href": relative(here, f"claims/{claim.id}/"),
            "title": claim.title[self.lang],
            "short": claim.short[self.lang],
            "claimant": person.name[self.lang] if person else claim.claimant,
            "date": claim.appearance.date,
            "published": claim.published,
            "rating": self.rating_view(claim.rating),
        }

    def claims_with(
        self, *, claimant: str | None = None, rating: str | None = None, topic: str | None = None
    ) -> list[Claim]:
        """Published claims by a claimant, with a rating or on a topic, newest first
        (one of the three; read from indexes built in one pass over the claims)."""
        index = self._index
        if claimant is not None:
            return index.by_claimant.get(claimant, [])
        if rating is not None:
            return index.by_rating.get(rating, [])
        if topic is not None:
            return index.by_topic.get(topic, [])
        return index.newest_first

    def topic_label(self, topic_id: str) -> str:
        """The topic's label in this language (content/topics.yaml)."""
        topic = self._index.topics.get(topic_id)
        return topic.label[self.lang] if topic else topic_id

    def topic_ids(self) -> list[str]:
        return sorted(self._index.by_topic)

    def card(
        self, title: str, *, kicker: str = "", byline: str = "", rating: str | None = None
    ) -> dict[str, Any]:
        """What the page's social card shows (see generator/pages/cards.py)."""
        view = self.rating_view(rating) if rating else None
        return {
            "title": title,
            "kicker": kicker,
            "byline": byline,
            "rating": (
                {"label": view["label"], "step": view.get("step"), "tone": view["tone"]}
                if view
                else None
            ),
        }

    def rating_view(self, rating_id: str) -> dict[str, Any]:
        rating = self.ratings.get(rating_id)
        if rating is None:
            return {"id": rating_id, "label": rating_id, "tone": "neutral", "definition": ""}
        scale = self.content.ratings.scale if self.content.ratings else None
        return {
            "id": rating.id,
            "label": rating.label[self.lang],
            "tone": rating.tone,
            "definition": rating.definition[self.lang],
            "value": rating.value,
            "step": rating_step(rating.value, scale),
        }

    def scorecard(self, claims: list[Claim], here: str) -> list[dict[str, Any]]:
        """How many of `claims` have each rating, best first (ratings with none left out):
        [{rating (view), count, href}]."""
        counts: dict[str, int] = {}
        for claim in claims:
            counts[claim.rating] = counts.get(claim.rating, 0) + 1
        return [
            {
                "rating": self.rating_view(rating_id),
                "count": counts[rating_id],
                "href": relative(here, f"ratings/{rating_id}/"),
            }
            for rating_id in self.scale_order()
            if rating_id in counts
        ]

    def scale_order(self) -> list[str]:
        """Rating ids from the best place on the scale to the worst, then those without one."""
        ratings = self.content.ratings.ratings if self.content.ratings else []
        return [r.id for r in sorted(ratings, key=lambda r: (r.value is None, -(r.value or 0)))]

    def byline(self, claim: Claim) -> dict[str, str] | None:
        """Who wrote and who edited a claim's check, by name ({author, editor}, or {both}
        when one member did both), or None when nobody is named."""
        names = {
            role: member.name[self.lang]
            for role, member_id in (("author", claim.author), ("editor", claim.editor))
            if member_id and (member := self.content.staff.get(member_id))
        }
        if not names:
            return None
        if len(names) == 2 and claim.author == claim.editor:
            return {"author": "", "editor": "", "both": names["author"]}
        return {"author": "", "editor": "", "both": ""} | names

    @functools.cached_property
    def image_plans(self) -> dict[str, ImagePlan]:
        """What the build writes for each image that a published claim shows."""
        return {
            image.file: plan_image(self.content.root, image.file)
            for claim in self.published_claims()
            for image in claim.images
        }

    def claimants(self) -> list[Person]:
        """The people with a published claim: the only ones with a page of their own."""
        by_claimant = self._index.by_claimant
        return [p for p in self.content.people.values() if p.id in by_claimant]

    def source_view(self, source: Source, citations: Citations) -> dict[str, Any]:
        return {
            "id": source.id,
            "number": citations.number(source.id),
            "url": source.url,
            "title": source.title,
            "about": source.about[self.lang],
            "title_lang": source.language,
            "translated": source.title_in(self.lang),
            "publisher": source.publisher[self.lang],
            "publisher_original": _original_name(source, self.lang),
            "language": source.language,
            "published": source.published,
            "accessed": source.accessed,
            "archive": source.archive,
            "quote": source.quote,
            "translated_quote": source.quote_in(self.lang),
            "kind": source.kind,
            "original_publisher": source.original_publisher,
            "backlinks": citations.uses.get(source.id, []),
        }

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    # --- pages -------------------------------------------------------------------------

    def pages(self, claims: Collection[str] | None = None) -> list[RenderedPage]:
        """Every page of this language; with `claims`, only those claims' pages (and every
        page that is not a claim's: the lists that show them)."""
        out = [self.home_page(), *self.claims_index()]
        out += [
            self.withdrawn_page(c) if c.withdrawn is not None else self.claim_page(c)
            for c in self.claims_with_pages()
            if claims is None or c.id in claims
        ]
        out += [
            self.story_page(s) for s in sorted(self.content.stories.values(), key=lambda s: s.id)
        ]
        topics = self.topic_ids()
        if topics:
            out.append(self.topics_index(topics))
            out += [page for t in topics for page in self.topic_page(t)]
        out.append(self.people_index())
        out += [page for p in sorted(self.claimants(), key=_by_id) for page in self.person_page(p)]
        if self.content.ratings:
            out.append(self.ratings_index())
            out += [page for r in self.content.ratings.ratings for page in self.rating_page(r)]
        out.append(self.search_page())
        fixed = ("methodology", "about", "corrections")
        for page_id in [*fixed, *sorted(set(self.content.pages) - set(fixed))]:
            if page_id in self.content.pages:
                out += self.prose_pages(page_id)
        return out

    def claim_page(self, claim: Claim) -> RenderedPage:
        lang = self.lang
        here = f"claims/{claim.id}/"
        citations = Citations(order=list(claim.sources))
        person = self.content.people.get(claim.claimant)
        summary = self.md(claim.summary[lang], citations, here=here)
        sections = []
        toc = [TocEntry(2, "verdict", self.t["verdict"])]
        for index, section in enumerate(claim.context, start=1):
            anchor = f"context-{index}"
            heading = self.md(section.heading[lang], inline=True, here=here)
            sections.append(
                {
                    "anchor": anchor,
                    "heading": heading,
                    "body": self.md(section.body[lang], citations, here=here),
                }
            )
            # The table of contents shows the heading as text (its Markdown rendered).
            toc.append(TocEntry(2, anchor, html_text(heading)))
        corrections = [
            {"date": c.date, "note": self.md(c.note[lang], citations, here=here)}
            for c in claim.corrections
        ]
        if corrections:
            toc.append(TocEntry(2, "corrections", self.t["corrections"]))
        history = self.history_view(claim)
        if history:
            toc.append(TocEntry(2, "history", self.t["history"]))
        toc.append(TocEntry(2, "sources", self.t["sources"]))
        sources = [
            self.source_view(self.content.sources[s], citations)
            for s in claim.sources
            if s in self.content.sources
        ]
        related = [
            self.claim_card(self.content.claims[r], here)
            for r in claim.related
            if r in self.content.claims and self.content.claims[r].listed
        ]
        stories = [
            {"title": s.title[lang], "href": relative(here, f"stories/{s.id}/")}
            for s in self._index.stories_of.get(claim.id, [])
        ]
        images = [
            {
                "src": relative(language_root(lang) + here, self.image_plans[image.file].name),
                "width": self.image_plans[image.file].width,
                "height": self.image_plans[image.file].height,
                "alt": image.alt[lang],
                "caption": self.md(image.caption[lang], here=here, inline=True),
                "credit": image.credit[lang],
            }
            for image in claim.images
        ]
        if images:
            toc.insert(1, TocEntry(2, "evidence", self.t["evidence"]))
        html = self.render(
            "claim.html",
            byline=self.byline(claim),
            images=images,
            claim={
                "id": claim.id,
                "title": claim.title[lang],
                "text": claim.claim[lang],
                "original": claim.original
                if claim.original and claim.original.language != lang
                else None,
                "appearance": {
                    "date": claim.appearance.date,
                    "medium": claim.appearance.medium[lang],
                    "url": claim.appearance.url,
                },
                "published": claim.published,
                "updated": claim.updated,
                "topics": claim.topics,
            },
            claimant={
                "name": person.name[lang] if person else claim.claimant,
                "role": person.role[lang] if person else "",
                "href": relative(here, f"people/{claim.claimant}/"),
            },
            topics=[
                {"label": self.topic_label(t), "href": relative(here, f"topics/{t}/")}
                for t in claim.topics
            ],
            rating_href=relative(here, f"ratings/{claim.rating}/"),
            rating=self.rating_view(claim.rating),
            summary=summary,
            sections=sections,
            corrections=corrections,
            history=history,
            sources=sources,
            related=related,
            stories=stories,
            ratings_href=relative(here, "ratings/"),
            draft=claim.status == "draft",
        )
        return RenderedPage(
            path=here,
            kind="claim",
            title=claim.title[lang],
            description=claim.short[lang],
            html=html,
            toc=toc,
            noindex=claim.status == "draft",
            data={
                "claim": claim,
                "published": claim.published,
                "updated": claim.updated,
                # What dateModified, the feed and the site map give: see modified_date().
                "modified": modified_date(claim, self.content.history.of(claim.id)),
                "card": self.card(
                    claim.title[lang],
                    kicker=self.t["fact_check"],
                    byline=person.name[lang] if person else "",
                    rating=claim.rating,
                ),
            },
        )

    def withdrawn_page(self, claim: Claim) -> RenderedPage:
        """What stays at a withdrawn check's address: that it was withdrawn, when and why."""
        assert claim.withdrawn is not None
        lang = self.lang
        here = f"claims/{claim.id}/"
        html = self.render(
            "withdrawn.html",
            claim={"title": claim.title[lang], "published": claim.published},
            withdrawn={
                "date": claim.withdrawn.date,
                "reason": self.md(claim.withdrawn.reason[lang], here=here),
            },
            corrections_href=relative(here, "corrections/"),
            home_href=relative(here, ""),
        )
        return RenderedPage(
            path=here,
            kind="withdrawn",
            title=f"{self.t['withdrawn']}: {claim.title[lang]}",
            description=plain_text(claim.withdrawn.reason[lang]),
            html=html,
            noindex=True,
            data={"card": self.card(claim.title[lang], kicker=self.t["withdrawn"])},
        )

    def history_view(self, claim: Claim) -> dict[str, Any] | None:
        """The History section of a claim page, or None when git gave no history."""
        history = self.content.history.of(claim.id)
        if history is None:
            return None
        site = self.content.site
        repository = site.repository.rstrip("/") if site and site.repository else None

        def href(change: Change) -> str | None:
            return f"{repository}/commit/{change.commit}" if repository else None

        # Commits before the publication date were the draft's, not changes readers saw.
        later = [c for c in history.later if c.date >= claim.published]
        changes = []
        for change in later:
            if change.visible:
                text, text_lang = change.description(self.lang)
                changes.append(
                    {
                        "date": change.date,
                        "text": text,
                        "lang": text_lang if text_lang != self.lang else None,
                        "href": href(change),
                    }
                )
        return {
            "first": {"date": claim.published, "href": href(history.first)},
            "changes": changes,
            "minor": [{"date": c.date, "href": href(c)} for c in later if not c.visible],
        }

    def story_page(self, story: Story) -> RenderedPage:
        lang = self.lang
        here = f"stories/{story.id}/"
        citations = Citations(order=list(story.sources))
        summary = self.md(story.summary[lang], citations, here=here)
        timeline = [
            {"date": e.date, "text": self.md(e.text[lang], citations, inline=True, here=here)}
            for e in sorted(story.timeline, key=lambda e: e.date)
        ]
        claims = [
            self.claim_card(self.content.claims[c], here)
            for c in story.claims
            if c in self.content.claims and self.content.claims[c].listed
        ]
        sources = [
            self.source_view(self.content.sources[s], citations)
            for s in story.sources
            if s in self.content.sources
        ]
        toc = [TocEntry(2, "claims", self.t["claims_in_story"])]
        if timeline:
            toc.append(TocEntry(2, "timeline", self.t["timeline"]))
        if sources:
            toc.append(TocEntry(2, "sources", self.t["sources"]))
        article = story.article
        html = self.render(
            "story.html",
            story={
                "title": story.title[lang],
                "published": story.published,
                "updated": story.updated,
            },
            article=None
            if article is None
            else {
                "title": article.title,
                "language": article.language,
                "publisher": article.publisher[lang],
                "date": article.date,
                "url": article.url,
            },
            summary=summary,
            claims=claims,
            timeline=timeline,
            sources=sources,
        )
        return RenderedPage(
            path=here,
            kind="story",
            title=story.title[lang],
            description=plain_text(story.summary[lang]),
            html=html,
            toc=toc,
            in_nav=True,
            data={
                "story": story,
                "published": story.published,
                "updated": story.updated,
                "card": self.card(story.title[lang], kicker=self.t["story"]),
            },
        )

    def home_page(self) -> RenderedPage:
        site = self.content.site
        stories = [
            {
                "title": s.title[self.lang],
                "href": relative("", f"stories/{s.id}/"),
                "summary": self.md(s.summary[self.lang], here=""),
            }
            for s in sorted(self.content.stories.values(), key=lambda s: s.published, reverse=True)
        ]
        claims = [self.claim_card(c, "") for c in self.published_claims()[:12]]
        html = self.render(
            "home.html",
            site_name=site.name[self.lang] if site else "",
            tagline=site.tagline[self.lang] if site else "",
            stories=stories,
            claims=claims,
            all_claims_href="claims/",
        )
        return RenderedPage(
            path="",
            kind="home",
            title=site.name[self.lang] if site else "",
            description=site.tagline[self.lang] if site else "",
            html=html,
            in_nav=True,
            nav_title=self.t["home"],
            data={"card": self.card(site.tagline[self.lang] if site else "")},
        )

    def claims_index(self) -> list[RenderedPage]:
        """The list of every published claim, in numbered pages (`claims/page/2/`)."""
        claims = self.published_claims()
        chunks = split(claims)
        out = []
        for page, chunk in zip(list_pages("claims/", len(chunks)), chunks, strict=True):
            html = self.render(
                "claim-list.html",
                title=self.t["all_claims"],
                intro="",
                claims=[self.claim_card(c, page.path) for c in chunk],
                count=len(claims),
                pager=pager(page),
                # Reordering a page would only reorder its own cards.
                sortable=page.total == 1,
            )
            out.append(
                self.paged(
                    page,
                    RenderedPage(
                        path=page.path,
                        kind="claims",
                        title=self.t["all_claims"],
                        description=self.t["all_claims_description"],
                        html=html,
                        in_nav=page.number == 1,
                        data={"card": self.card(self.t["all_claims"])},
                    ),
                )
            )
        return out

    def paged(self, page: ListPage, rendered: RenderedPage) -> RenderedPage:
        """`rendered` as page `page` of its list: a title of its own after the first page,
        the previous and next pages for the head and the first page's card image."""
        if page.number > 1:
            rendered.title = self.t["page_title"].format(title=rendered.title, number=page.number)
            rendered.data["card_of"] = page.base
        rendered.data["previous"] = page.previous
        rendered.data["next"] = page.next
        return rendered

    def claim_list_page(
        self,
        here: str,
        kind: str,
        title: str,
        claims: list[Claim],
        *,
        intro: str = "",
        links: list[dict[str, str]] | None = None,
        rating: str | None = None,
        scorecard: list[dict[str, Any]] | None = None,
    ) -> list[RenderedPage]:
        """A list of some claims: one claimant's, one rating's or one topic's, in numbered
        pages (`people/x/page/2/`)."""
        chunks = split(claims)
        out = []
        for page, chunk in zip(list_pages(here, len(chunks)), chunks, strict=True):
            html = self.render(
                "claim-list.html",
                title=title,
                intro=intro,
                links=links or [],
                # Its links are made for the first page.
                scorecard=(scorecard or []) if page.number == 1 else [],
                claims=[self.claim_card(c, page.path) for c in chunk],
                count=len(claims),
                pager=pager(page),
                sortable=False,
            )
            rendered = RenderedPage(
                path=page.path,
                kind=kind,
                title=title,
                description=intro or title,
                html=html,
                # The claimant's name and role are found once, on the list's first page.
                data={"card": self.card(title, kicker=self.t[kind], rating=rating)},
            )
            out.append(self.paged(page, rendered))
        return out

    def index_page(
        self, here: str, kind: str, title: str, entries: list[dict[str, Any]]
    ) -> RenderedPage:
        """A page listing claimants, ratings or topics, each with its number of claims."""
        html = self.render("index.html", title=title, entries=entries)
        return RenderedPage(
            path=here,
            kind=kind,
            title=title,
            description=title,
            html=html,
            in_nav=True,
            data={"card": self.card(title)},
        )

    def entry(self, here: str, target: str, label: str, claims: list[Claim]) -> dict[str, Any]:
        return {"href": relative(here, target), "label": label, "count": len(claims)}

    def person_page(self, person: Person) -> list[RenderedPage]:
        lang = self.lang
        links = []
        if person.wikidata:
            links.append(
                {"href": f"https://www.wikidata.org/wiki/{person.wikidata}", "label": "Wikidata"}
            )
        links += [{"href": url, "label": url} for url in person.same_as]
        here = f"people/{person.id}/"
        claims = self.claims_with(claimant=person.id)
        return self.claim_list_page(
            here,
            "claimant",
            self.t["claims_by"].format(name=person.name[lang]),
            claims,
            intro=person.role[lang],
            links=links,
            scorecard=self.scorecard(claims, here),
        )

    def people_index(self) -> RenderedPage:
        here = "people/"
        people = sorted(self.claimants(), key=lambda p: p.name[self.lang])
        entries = [
            self.entry(
                here,
                f"people/{p.id}/",
                p.name[self.lang],
                self.claims_with(claimant=p.id),
            )
            | {"scorecard": self.scorecard(self.claims_with(claimant=p.id), here)}
            for p in people
        ]
        return self.index_page(here, "claimants", self.t["claimants"], entries)

    def rating_page(self, rating: Rating) -> list[RenderedPage]:
        return self.claim_list_page(
            f"ratings/{rating.id}/",
            "rating",
            self.t["claims_rated"].format(label=rating.label[self.lang]),
            self.claims_with(rating=rating.id),
            intro=rating.definition[self.lang],
            rating=rating.id,
        )

    def ratings_index(self) -> RenderedPage:
        here = "ratings/"
        entries = [
            self.entry(
                here,
                f"ratings/{rating_id}/",
                self.ratings[rating_id].label[self.lang],
                self.claims_with(rating=rating_id),
            )
            | {"rating": self.rating_view(rating_id)}
            for rating_id in self.scale_order()
        ]
        scale = self.content.ratings.scale if self.content.ratings else None
        html = self.render(
            "ratings.html",
            title=self.t["ratings"],
            scale=scale,
            rated=[e for e in entries if e["rating"]["value"] is not None],
            unrated=[e for e in entries if e["rating"]["value"] is None],
        )
        return RenderedPage(
            path=here,
            kind="ratings",
            title=self.t["ratings"],
            description=self.t["ratings_intro"],
            html=html,
            in_nav=True,
            data={"card": self.card(self.t["ratings"])},
        )

    def topic_page(self, topic_id: str) -> list[RenderedPage]:
        label = self.topic_label(topic_id)
        return self.claim_list_page(
            f"topics/{topic_id}/",
            "topic",
            self.t["claims_on"].format(topic=label),
            self.claims_with(topic=topic_id),
        )

    def topics_index(self, topics: list[str]) -> RenderedPage:
        here = "topics/"
        entries = [
            self.entry(
                here,
                f"topics/{t}/",
                self.topic_label(t),
                self.claims_with(topic=t),
            )
            for t in topics
        ]
        return self.index_page(here, "topics", self.t["topics"], entries)

    def search_page(self) -> RenderedPage:
        """The search page (`search/?q=`): the form with its filters; assets/bayyin/search.js
        reads the index that search_index.py writes beside it and shows the results."""
        from generator.pages.search_records import facet_values

        labels = {
            "rating": self.t["rating"],
            "claimant": self.t["claimant"],
            "topic": self.t["topic"],
            "year": self.t["search_year"],
        }
        facets = [
            {"name": name, "label": labels[name], "values": values}
            for name, values in facet_values(self).items()
            if values
        ]
        html = self.render("search.html", facets=facets)
        return RenderedPage(
            path="search/",
            kind="search",
            title=self.t["search"],
            description=self.t["search_label"],
            html=html,
            noindex=True,
            data={"card": self.card(self.t["search"])},
        )

    def prose_pages(self, page_id: str) -> list[RenderedPage]:
        """A prose page; the corrections page in numbered pages of its log."""
        if page_id != "corrections":
            return [self.prose_page(page_id)]
        entries = self.correction_entries()
        chunks = split(entries)
        return [
            self.paged(page, self.prose_page(page_id, page, chunk))
            for page, chunk in zip(list_pages(f"{page_id}/", len(chunks)), chunks, strict=True)
        ]

    def correction_entries(self) -> list[tuple[dt.date, Claim, str]]:
        """Every correction and withdrawal, newest first: (date, claim, note or "" for a
        withdrawal, whose note is its reason)."""
        log = [
            (correction.date, claim, correction.note[self.lang])
            for claim in self.published_claims()
            for correction in claim.corrections
        ]
        log += [
            (claim.withdrawn.date, claim, "")
            for claim in self.content.claims.values()
            if claim.status == "published" and claim.withdrawn is not None
        ]
        return sorted(log, key=lambda e: e[0], reverse=True)

    def prose_page(
        self,
        page_id: str,
        list_page: ListPage | None = None,
        entries: Sequence[tuple[dt.date, Claim, str]] = (),
    ) -> RenderedPage:
        page = self.content.pages[page_id]
        here = list_page.path if list_page else f"{page_id}/"
        extra: dict[str, Any] = {}
        if page_id == "methodology" and self.content.ratings:
            extra["ratings"] = [self.rating_view(r.id) for r in self.content.ratings.ratings]
        if page_id == "about":
            extra["staff"] = [
                {"name": m.name[self.lang], "role": m.role[self.lang]}
                for m in sorted(self.content.staff.values(), key=lambda m: m.name[self.lang])
            ]
        if page_id == "methodology":
            # The data feeds of publishing.py: one per language, the table at the site root.
            here_in_site = language_root(self.lang) + here
            extra["data_feeds"] = {
                "json": relative(here, "claimreview.json"),
                "csv": relative(here_in_site, "claimreview.csv"),
            }
        if page_id == "corrections":
            log = []
            for date, claim, note in entries:
                if note:
                    shown = self.md(note, here=here)
                else:
                    assert claim.withdrawn is not None
                    reason = self.md(claim.withdrawn.reason[self.lang], here=here, inline=True)
                    shown = Markup(f"{escape(self.t['withdrawn'])}: {reason}")  # noqa: S704
                log.append({"date": date, "note": shown, "claim": self.claim_card(claim, here)})
            extra["log"] = log
            extra["pager"] = pager(list_page) if list_page else None
        counter = iter(range(1, 1000))
        body = re.sub(
            "<h2>",
            lambda _: f'<h2 id="section-{next(counter)}">',
            self.md(page.body[self.lang], here=here),
        )
        html = self.render(
            "page.html",
            page_id=page_id,
            title=page.title[self.lang],
            body=Markup(body),
            **extra,  # noqa: S704 - sanitized by ProseRenderer
        )
        toc = [
            TocEntry(2, m.group(1), html_text(m.group(2)))
            for m in re.finditer(r'<h2 id="([^"]+)">(.*?)</h2>', html)
        ]
        return RenderedPage(
            path=here,
            kind=page_id,
            title=page.title[self.lang],
            description=page.title[self.lang],
            html=html,
            toc=toc,
            in_nav=True,
            data={"card": self.card(page.title[self.lang])},
        )


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


def relative(here: str, target: str) -> str:
    """A link from the directory URL `here` to the directory URL `target` (both relative)."""
    start = posixpath.join("/", here)
    rel = posixpath.relpath(posixpath.join("/", target), start)
    if rel == ".":
        return "./"
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


def _by_id(item: Person | Claim) -> str:
    return item.id


_MARKER_WITH_SPACE = re.compile(r"(?<!\s)\s*\[@[^\][]*\]")
_TAG_OR_MARK = re.compile(r"<[^<>]+>|[*_`#>]")


def plain_text(text: str) -> str:
    """Editor Markdown as one line of plain text, without citation markers."""
    # Each pattern is linear on any input: the space before a marker is taken from the start
    # of its run only, and neither bracket nor angle runs are searched more than once.
    text = _MARKER_WITH_SPACE.sub("", text)
    text = _TAG_OR_MARK.sub("", text)
    return " ".join(text.split())


def _original_name(source: Source, lang: str) -> str | None:
    """The outlet's own name when readers of `lang` are shown another one, else None."""
    if source.language not in LANGUAGES:
        return None
    own = source.publisher[source.language]
    return own if own != source.publisher[lang] else None


_TAG = re.compile(r"<[^<>]*>")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, unescaped, on one line (the adapter escapes it again
    where it is printed: TocEntry titles are text, not HTML)."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def render_site(content: Content, lang: str) -> list[RenderedPage]:
    """Render every page of the site in `lang`."""
    assert lang in LANGUAGES
    return Renderer(content, lang).pages()


def ascii_url(url: str) -> str:
    """A URL as it travels (IDNA host, percent-encoded path, query and fragment), for display:
    it reads left to right in any page, where an Arabic path would be reordered by the bidi
    algorithm. Links keep the URL as written."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = parts.netloc
    if not host.isascii():
        try:
            ascii_host = browser_host(host)
        except ValueError:
            ascii_host = quote(host, safe=".-")  # `check` refuses it; the build never crashes
        netloc = ascii_host + (f":{parts.port}" if parts.port else "")
    keep = "/%:@!$&'()*+,;=-._~?#[]"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=keep),
            quote(parts.query, safe=keep),
            quote(parts.fragment, safe=keep),
        )
    )
