"""Cross-file rules: references resolve, citations match sources, dates make sense."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterator, Mapping

import idna
from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from generator.errors import Diagnostic
from generator.load import Content, Path_, display_path, format_loc
from generator.model import (
    LANGUAGES,
    MARKER,
    Claim,
    Story,
    Text,
    browser_host,
    check_url,
    idn_host,
    iter_links,
)
from generator.prose import images, links, markers

__all__ = ["MARKER", "markers", "validate"]

SHORT_LIMIT = 75
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# One line of a block of link reference definitions ([1]: https://...). Matched line by line:
# one pattern for the whole block backtracked exponentially ("[a]:b" 16 times took 116 s).
_REFERENCE_LINE = re.compile(r"[ \t]*\[[^\]\n]+\]:[ \t]*\S[^\n]*")
REQUIRED_PAGES = ("about", "methodology", "corrections")
_LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}


def validate(content: Content, today: dt.date | None = None) -> list[Diagnostic]:
    """Check every cross-file rule; return one diagnostic per problem.

    Args:
        content: what `load_content` read.
        today: the date that "in the future" is measured from (default: today).
    """
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
        noun = {"people": "person", "sources": "source", "claims": "claim"}[folder]
        known: Mapping[str, object] = getattr(self.content, folder)
        self.report(
            kind,
            item_id,
            loc,
            f"{loc[0]}: no {noun} '{target}' in content/{folder}/{_suggest(target, known)}",
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

    def check_partial(self, kind: str, item_id: str, data: dict[str, object]) -> None:
        """Check the references of an item whose file did not fit its model."""

        def one(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and _ID.match(value) else None

        def each(key: str) -> list[tuple[int, str]]:
            value = data.get(key)
            if not isinstance(value, list):
                return []
            return [(i, v) for i, v in enumerate(value) if isinstance(v, str) and _ID.match(v)]

        if kind == "claims":
            if (claimant := one("claimant")) is not None:
                self.check_reference(kind, item_id, ("claimant",), "people", claimant)
            if (rating := one("rating")) is not None:
                self.check_rating_known(kind, item_id, rating)
            for index, other in each("related"):
                self.check_reference(kind, item_id, ("related", index), "claims", other)
        if kind == "stories":
            for index, claim_id in each("claims"):
                self.check_reference(kind, item_id, ("claims", index), "claims", claim_id)
        if kind in ("claims", "stories"):
            for index, source_id in each("sources"):
                self.check_reference(kind, item_id, ("sources", index), "sources", source_id)

    def run(self) -> None:
        for folder in ("people", "sources", "claims", "stories"):
            for item_id in getattr(self.content, folder):
                self.check_links(folder, item_id)
        self.check_plain_texts()
        if self.content.site is not None:
            for loc, url in iter_links(self.content.site):
                self.check_idn("site", "site", loc, url)
        self.check_ratings()
        self.check_topics()
        for (kind, item_id), document in sorted(self.content.partial.items()):
            self.check_partial(kind, item_id, document.data)
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
                if not self.content.has("pages", page_id):
                    self.diagnostics.append(
                        Diagnostic(
                            _shown(self.content, f"pages/{page_id}.yaml"),
                            1,
                            1,
                            f"the {page_id} page is missing; every site needs one",
                        )
                    )

    def check_plain_texts(self) -> None:
        """Refuse autolinks (<https://...>) outside Markdown prose: titles, names and labels
        are plain text, shown by templates that do not read Markdown."""
        items: list[tuple[str, str, BaseModel | None]] = [
            ("site", "site", self.content.site),
            ("ratings", "ratings", self.content.ratings),
            ("topics", "topics", self.content.topics),
        ]
        for folder in ("people", "sources", "claims", "stories", "pages"):
            items += [(folder, i, m) for i, m in getattr(self.content, folder).items()]
        for kind, item_id, item in items:
            if item is None:
                continue
            for loc, text in _plain_texts(item, ()):
                found = _AUTOLINK.search(text)
                if found:
                    self.report(
                        kind,
                        item_id,
                        loc,
                        f"{format_loc(loc)}: '{_shorten(found.group())}' is a link; links "
                        "are allowed only in Markdown prose (summaries, section bodies), "
                        "not in a title, name or label",
                    )

    def check_ratings(self) -> None:
        ratings = self.content.ratings
        if ratings is None:
            return
        self.check_unique_ids("ratings", "rating", [r.id for r in ratings.ratings])
        for index, rating in enumerate(ratings.ratings):
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
        self.check_prose_links(kind, item_id, loc, text)
        return found

    def check_prose_links(self, kind: str, item_id: str, loc: Path_, text: str) -> None:
        """Check every link and image Markdown makes of `text` (any Markdown field)."""
        if images(text):
            self.report(
                kind,
                item_id,
                loc,
                f"{format_loc(loc)}: images (![...](...)) are not shown in prose; "
                "link to the page that shows the picture instead",
            )
        for url in links(text):
            shown = _shorten(url)
            if url.startswith("#") or _is_relative(url):
                continue
            try:
                check_url(url, allow_mailto=True)
            except PydanticCustomError as error:
                self.report(kind, item_id, loc, f"{format_loc(loc)}: link '{shown}': {error}")
                continue
            self.check_idn(kind, item_id, loc, url)
            self.check_https(kind, item_id, loc, url)

    def check_https(self, kind: str, item_id: str, loc: Path_, url: str) -> None:
        if url.strip().lower().startswith("http://"):
            document = self.content.document(kind, item_id)
            self.diagnostics.append(
                document.diagnostic(
                    loc,
                    f"{format_loc(loc)}: the link '{_shorten(url.strip())}' is not encrypted "
                    "(http://); use https:// if the site offers it",
                    warning=True,
                )
            )

    def check_idn(self, kind: str, item_id: str, loc: Path_, url: str) -> None:
        host = idn_host(url)
        if host is None:
            return
        try:
            ascii_host = browser_host(host)
            unicode_host = ".".join(idna.decode(label) for label in ascii_host.split("."))
        except (ValueError, idna.IDNAError, UnicodeError):
            ascii_host = unicode_host = host
        names = unicode_host if unicode_host == ascii_host else f"{unicode_host} ({ascii_host})"
        document = self.content.document(kind, item_id)
        self.diagnostics.append(
            document.diagnostic(
                loc,
                f"{format_loc(loc)}: the link goes to an internationalized host name "
                f"{names}; such names can imitate another site, so check it is the one "
                "you mean",
                warning=True,
            )
        )

    def check_links(self, kind: str, item_id: str) -> None:
        table: Mapping[str, BaseModel] = getattr(self.content, kind)
        for loc, url in iter_links(table[item_id]):
            self.check_idn(kind, item_id, loc, url)
            # A source's own address is a record of where it was published, as it was.
            if not (kind == "sources" and loc == ("url",)):
                self.check_https(kind, item_id, loc, url)

    def check_cited(self, kind: str, item_id: str, sources: list[str], used: set[str]) -> None:
        seen: set[str] = set()
        for index, source_id in enumerate(sources):
            loc: Path_ = ("sources", index)
            if source_id in seen:
                self.report(kind, item_id, loc, f"sources: '{source_id}' is listed twice")
            seen.add(source_id)
            if not self.content.has("sources", source_id):
                self.check_reference(kind, item_id, loc, "sources", source_id)
            elif source_id not in used and source_id in self.content.sources:
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"sources: '{source_id}' is listed but never cited with [@{source_id}]",
                )

    def check_topics(self) -> None:
        topics = self.content.topics
        if topics is None:
            return
        self.check_unique_ids("topics", "topic", [t.id for t in topics.topics])

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

    def check_topics_known(self, claim: Claim) -> None:
        topics = self.content.topics
        if topics is None and (self.content.root / "topics.yaml").exists():
            return  # the file has errors of its own, already reported
        known = self.topic_ids
        for index, topic in enumerate(claim.topics):
            if topic not in known:
                hint = _suggest(topic, dict.fromkeys(known))
                self.report(
                    "claims",
                    claim.id,
                    ("topics", index),
                    f"topics: '{topic}' is not in content/topics.yaml{hint}; add it there "
                    "with its Arabic and English label",
                )

    def check_claim(self, claim: Claim) -> None:
        cid = claim.id
        kind = "claims"
        self.check_reference(kind, cid, ("claimant",), "people", claim.claimant)
        self.check_rating_known(kind, cid, claim.rating)
        self.check_topics_known(claim)
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
            # Headings are Markdown too (without citations): their links obey the same rules.
            for loc, text in _texts(section.heading, ("context", index, "heading")):
                self.check_prose_links(kind, cid, loc, text)
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
            else:
                self.check_reference(kind, cid, ("related", index), "claims", other)

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
            self.check_reference(kind, sid, ("claims", index), "claims", claim_id)
        self.check_date(kind, sid, ("published",), story.published)
        if story.updated is not None and story.updated < story.published:
            self.report(
                kind,
                sid,
                ("updated",),
                f"updated ({story.updated.isoformat()}) is before published "
                f"({story.published.isoformat()})",
            )
        for index, event in enumerate(story.timeline):
            self.check_date(kind, sid, ("timeline", index, "date"), event.date)


# The fields rendered as Markdown (class name, field name); every other text is plain.
_MARKDOWN_FIELDS = {
    ("Claim", "summary"),
    ("Section", "heading"),
    ("Section", "body"),
    ("Correction", "note"),
    ("Story", "summary"),
    ("Event", "text"),
    ("Page", "body"),
}
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\n]*>?", re.IGNORECASE)


def _plain_texts(item: object, loc: Path_) -> Iterator[tuple[Path_, str]]:
    """Every text of `item` that is not Markdown prose, with where it is."""
    if isinstance(item, str):
        yield loc, item
    elif isinstance(item, BaseModel):
        for name in type(item).model_fields:
            if (type(item).__name__, name) not in _MARKDOWN_FIELDS:
                yield from _plain_texts(getattr(item, name), (*loc, name))
    elif isinstance(item, (list, tuple)):
        for index, value in enumerate(item):
            yield from _plain_texts(value, (*loc, index))
    elif isinstance(item, dict):
        for key, value in item.items():
            yield from _plain_texts(value, (*loc, key))


def _texts(text: Text, loc: Path_) -> Iterator[tuple[Path_, str]]:
    for lang in LANGUAGES:
        yield (*loc, lang), text[lang]


def _paragraphs(body: str) -> list[str]:
    # A block of link reference definitions ([1]: https://...) is not a paragraph.
    return [p for p in re.split(r"\n\s*\n", body) if p.strip() and not _references_only(p)]


def _references_only(paragraph: str) -> bool:
    return all(_REFERENCE_LINE.fullmatch(line) for line in paragraph.strip().split("\n"))


def _suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _shown(content: Content, relative: str) -> str:
    return display_path(content.root / relative, content.project)


def _is_relative(url: str) -> bool:
    """A link to another page of this site, like ../corrections/ (no scheme, no host)."""
    return (
        not url.startswith("//")
        and "\\" not in url
        and ":" not in url.split("/", 1)[0]
        and not any(ch.isspace() or ord(ch) < 32 for ch in url)
    )


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
