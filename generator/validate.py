"""Cross-file rules: references resolve, citations match sources, dates make sense."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping

from pydantic_core import PydanticCustomError

from generator.errors import Diagnostic
from generator.load import Content, Path_, display_path, format_loc
from generator.model import LANGUAGES, Claim, Story, Text, check_url

MARKER = re.compile(r"\[@([^\]]*)\]")
# Markdown inline links and autolinks: [text](url "title") and <scheme:...>.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
SHORT_LIMIT = 75
REQUIRED_PAGES = ("about", "methodology", "corrections")
_LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}


def markers(text: str) -> list[str]:
    """The source ids cited in a text, in order."""
    return [m.strip() for m in MARKER.findall(text)]


def validate(content: Content, today: dt.date | None = None) -> list[Diagnostic]:
    """Check every cross-file rule; return one diagnostic per problem."""
    today = today or dt.date.today()
    checker = _Checker(content, today)
    checker.run()
    return checker.diagnostics


class _Checker:
    def __init__(self, content: Content, today: dt.date) -> None:
        self.content = content
        self.today = today
        self.diagnostics: list[Diagnostic] = []

    def report(self, kind: str, item_id: str, loc: Path_, message: str) -> None:
        document = self.content.document(kind, item_id)
        self.diagnostics.append(document.diagnostic(loc, message))

    def run(self) -> None:
        self.check_ratings()
        for source_id in self.content.sources:
            self.check_source(source_id)
        for claim in self.content.claims.values():
            self.check_claim(claim)
        for story in self.content.stories.values():
            self.check_story(story)
        for page_id, page in self.content.pages.items():
            for loc, text in _texts(page.body, ("body",)):
                self.check_prose("pages", page_id, loc, text, cited=None)
        if self.content.site is not None:
            for page_id in REQUIRED_PAGES:
                if page_id not in self.content.pages:
                    self.diagnostics.append(
                        Diagnostic(
                            _shown(self.content, f"pages/{page_id}.yaml"),
                            1,
                            1,
                            f"the {page_id} page is missing; every site needs one",
                        )
                    )

    def check_ratings(self) -> None:
        ratings = self.content.ratings
        if ratings is None:
            return
        seen: set[str] = set()
        for index, rating in enumerate(ratings.ratings):
            if rating.id in seen:
                self.report(
                    "ratings",
                    "ratings",
                    ("ratings", index, "id"),
                    f"rating id '{rating.id}' is given twice",
                )
            seen.add(rating.id)
            if rating.value is not None and not (
                ratings.scale.worst <= rating.value <= ratings.scale.best
            ):
                self.report(
                    "ratings",
                    "ratings",
                    ("ratings", index, "value"),
                    f"value {rating.value} is outside the scale "
                    f"{ratings.scale.worst}..{ratings.scale.best}",
                )
        if ratings.scale.worst >= ratings.scale.best:
            self.report("ratings", "ratings", ("scale",), "scale: worst must be lower than best")

    def check_date(self, kind: str, item_id: str, loc: Path_, value: dt.date | None) -> None:
        if value is not None and value > self.today:
            self.report(
                kind, item_id, loc, f"{format_loc(loc)}: {value.isoformat()} is in the future"
            )

    def check_source(self, source_id: str) -> None:
        source = self.content.sources[source_id]
        for lang in LANGUAGES:
            if source.title and lang != source.language and lang not in source.translated_title:
                self.report(
                    "sources",
                    source_id,
                    ("translated_title",) if source.translated_title else ("title",),
                    f"translated_title: the {_LANGUAGE_NAMES[lang]} title ({lang}) is missing; "
                    f"the source is in '{source.language}', so readers of the {lang} page need "
                    "a translated title",
                )
        self.check_date("sources", source_id, ("published",), source.published)
        self.check_date("sources", source_id, ("accessed",), source.accessed)
        if source.archive is not None:
            self.check_date("sources", source_id, ("archive", "date"), source.archive.date)
        if source.published and source.accessed and source.accessed < source.published:
            self.report(
                "sources",
                source_id,
                ("accessed",),
                "accessed: the page cannot be read before it was published",
            )

    def check_prose(
        self, kind: str, item_id: str, loc: Path_, text: str, cited: set[str] | None
    ) -> list[str]:
        found = markers(text)
        for source_id in found:
            if cited is None:
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"{format_loc(loc)}: citation [@{source_id}] is not allowed here",
                )
            elif source_id not in cited:
                known = ", ".join(sorted(cited)) or "none"
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"{format_loc(loc)}: citation [@{source_id}] does not match a source listed "
                    f"in sources (listed: {known})",
                )
        for url in [*_LINK.findall(text), *_AUTOLINK.findall(text)]:
            if url.startswith("#") or _is_relative(url):
                continue
            try:
                check_url(url, allow_mailto=True)
            except PydanticCustomError as error:
                self.report(kind, item_id, loc, f"{format_loc(loc)}: link '{url}': {error}")
        return found

    def check_cited(self, kind: str, item_id: str, sources: list[str], used: set[str]) -> None:
        seen: set[str] = set()
        for index, source_id in enumerate(sources):
            loc: Path_ = ("sources", index)
            if source_id in seen:
                self.report(kind, item_id, loc, f"sources: '{source_id}' is listed twice")
            seen.add(source_id)
            if not self.content.has("sources", source_id):
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"sources: no source '{source_id}' in content/sources/"
                    f"{_suggest(source_id, self.content.sources)}",
                )
            elif source_id not in used and source_id in self.content.sources:
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"sources: '{source_id}' is listed but never cited with [@{source_id}]",
                )

    def check_claim(self, claim: Claim) -> None:
        cid = claim.id
        kind = "claims"
        if not self.content.has("people", claim.claimant):
            self.report(
                kind,
                cid,
                ("claimant",),
                f"claimant: no person '{claim.claimant}' in content/people/"
                f"{_suggest(claim.claimant, self.content.people)}",
            )
        ratings = self.content.ratings
        if ratings is not None and claim.rating not in {r.id for r in ratings.ratings}:
            known = ", ".join(r.id for r in ratings.ratings)
            self.report(
                kind,
                cid,
                ("rating",),
                f"rating: '{claim.rating}' is not a known rating (known: {known})",
            )
        cited = set(claim.sources)
        used: set[str] = set()
        texts = [
            *_texts(claim.summary, ("summary",)),
            *(
                t
                for i, s in enumerate(claim.context)
                for t in _texts(s.body, ("context", i, "body"))
            ),
            *(
                t
                for i, c in enumerate(claim.corrections)
                for t in _texts(c.note, ("corrections", i, "note"))
            ),
        ]
        for loc, text in texts:
            used.update(self.check_prose(kind, cid, loc, text, cited))
        for index, section in enumerate(claim.context):
            for lang in LANGUAGES:
                self.check_paragraphs_cited(
                    cid, ("context", index, "body", lang), section.body[lang]
                )
        self.check_cited(kind, cid, claim.sources, used)
        for lang in LANGUAGES:
            if len(claim.short[lang]) > SHORT_LIMIT:
                self.report(
                    kind,
                    cid,
                    ("short", lang),
                    f"short.{lang}: {len(claim.short[lang])} characters; keep it to "
                    f"{SHORT_LIMIT} or fewer",
                )
        self.check_date(kind, cid, ("published",), claim.published)
        self.check_date(kind, cid, ("updated",), claim.updated)
        self.check_date(kind, cid, ("appearance", "date"), claim.appearance.date)
        if claim.updated is not None and claim.updated < claim.published:
            self.report(
                kind,
                cid,
                ("updated",),
                f"updated ({claim.updated.isoformat()}) is before published "
                f"({claim.published.isoformat()})",
            )
        if claim.appearance.date and claim.appearance.date > claim.published:
            self.report(
                kind,
                cid,
                ("appearance", "date"),
                "appearance.date: the claim cannot appear after the check was published",
            )
        for index, correction in enumerate(claim.corrections):
            self.check_date(kind, cid, ("corrections", index, "date"), correction.date)
            if correction.date < claim.published:
                self.report(
                    kind,
                    cid,
                    ("corrections", index, "date"),
                    "a correction cannot predate the claim's publication",
                )
        for index, other in enumerate(claim.related):
            if other == cid:
                self.report(
                    kind, cid, ("related", index), "related: a claim cannot relate to itself"
                )
            elif not self.content.has("claims", other):
                self.report(
                    kind,
                    cid,
                    ("related", index),
                    f"related: no claim '{other}' in content/claims/"
                    f"{_suggest(other, self.content.claims)}",
                )

    def check_paragraphs_cited(self, cid: str, loc: Path_, body: str) -> None:
        for number, paragraph in enumerate(_paragraphs(body), start=1):
            if not MARKER.search(paragraph):
                self.report(
                    "claims",
                    cid,
                    loc,
                    f"{format_loc(loc)}: paragraph {number} has no citation; end each factual "
                    "paragraph with a marker like [@source-id]",
                )

    def check_story(self, story: Story) -> None:
        sid = story.id
        kind = "stories"
        cited = set(story.sources)
        used: set[str] = set()
        texts = [
            *_texts(story.summary, ("summary",)),
            *(
                t
                for i, e in enumerate(story.timeline)
                for t in _texts(e.text, ("timeline", i, "text"))
            ),
        ]
        for loc, text in texts:
            used.update(self.check_prose(kind, sid, loc, text, cited))
        self.check_cited(kind, sid, story.sources, used)
        for index, claim_id in enumerate(story.claims):
            if not self.content.has("claims", claim_id):
                self.report(
                    kind,
                    sid,
                    ("claims", index),
                    f"claims: no claim '{claim_id}' in content/claims/"
                    f"{_suggest(claim_id, self.content.claims)}",
                )
        self.check_date(kind, sid, ("published",), story.published)
        if story.updated is not None and story.updated < story.published:
            self.report(kind, sid, ("updated",), "updated is before published")
        for index, event in enumerate(story.timeline):
            self.check_date(kind, sid, ("timeline", index, "date"), event.date)


def _texts(text: Text, loc: Path_) -> Iterator[tuple[Path_, str]]:
    for lang in LANGUAGES:
        yield (*loc, lang), text[lang]


def _paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def _suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _shown(content: Content, relative: str) -> str:
    return display_path(content.root / relative, content.project)


def _is_relative(url: str) -> bool:
    """A link to another page of this site, like ../corrections/ (no scheme, no host)."""
    return (
        not url.startswith("//")
        and ":" not in url.split("/", 1)[0]
        and not any(ch.isspace() for ch in url)
    )
