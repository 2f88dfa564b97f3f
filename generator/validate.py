"""Cross-file rules: references resolve, citations match sources, dates make sense."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import idna
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from generator.errors import Diagnostic, Path_, display_path, format_loc, shorten
from generator.images import image_path, image_problem
from generator.kinds import FOLDERS, Content
from generator.model import (
    ID,
    LANGUAGE_NAMES,
    LANGUAGES,
    MARKER,
    Claim,
    Date,
    Story,
    Text,
    browser_host,
    check_url,
    idn_host,
    iter_links,
)
from generator.prose import ITEM_KINDS, ITEM_LINK, images, links, markers
from generator.search_vocabulary import vocabulary_diagnostics

__all__ = ["MARKER", "markers", "validate"]

SHORT_LIMIT = 75
# One line of a block of link reference definitions ([1]: https://...). Matched line by line:
# one pattern for the whole block backtracked exponentially ("[a]:b" 16 times took 116 s).
_REFERENCE_LINE = re.compile(r"[ \t]*\[[^\]\n]+\]:[ \t]*\S[^\n]*")
REQUIRED_PAGES = ("about", "methodology", "corrections")


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
            return value if isinstance(value, str) and ID.match(value) else None

        def each(key: str) -> list[tuple[int, str]]:
            value = data.get(key)
            if not isinstance(value, list):
                return []
            return [(i, v) for i, v in enumerate(value) if isinstance(v, str) and ID.match(v)]

        if kind == "claims":
            if (claimant := one("claimant")) is not None:
                self.check_reference(kind, item_id, ("claimant",), "people", claimant)
            if (rating := one("rating")) is not None:
                self.check_rating_known(kind, item_id, rating)
            for index, other in each("related"):
                self.check_reference(kind, item_id, ("related", index), "claims", other)
            for role in ("author", "editor"):
                if (member := one(role)) is not None:
                    self.check_reference(kind, item_id, (role,), "staff", member)
        if kind == "stories":
            for index, claim_id in each("claims"):
                self.check_reference(kind, item_id, ("claims", index), "claims", claim_id)
        if kind in ("claims", "stories"):
            for index, source_id in each("sources"):
                self.check_reference(kind, item_id, ("sources", index), "sources", source_id)
        self.check_partial_texts_and_dates(kind, item_id, data, {v for _, v in each("sources")})

    def check_partial_texts_and_dates(
        self, kind: str, item_id: str, data: dict[str, object], listed: set[str]
    ) -> None:
        """The prose and date rules, for an item whose file did not fit its model: whatever
        could be read is checked, so one run reports every problem of the file."""
        cited: set[str] | None = listed if kind in ("claims", "stories") else None
        # With no readable source list, a marker can only be checked against content/sources/.
        unlisted = cited is not None and not isinstance(data.get("sources"), list)
        dates: list[Path_] = []
        texts: list[Path_] = []
        if kind == "claims":
            texts += [("summary",)]
            texts += [("context", i, "body") for i in _indexes(data.get("context"))]
            texts += [("corrections", i, "note") for i in _indexes(data.get("corrections"))]
            dates += [("published",), ("updated",), ("appearance", "date"), ("withdrawn", "date")]
            dates += [("corrections", i, "date") for i in _indexes(data.get("corrections"))]
            topics = data.get("topics")
            if isinstance(topics, list) and self.content.topics is not None:
                for index, topic in enumerate(topics):
                    if isinstance(topic, str) and ID.match(topic) and topic not in self.topic_ids:
                        hint = _suggest(topic, dict.fromkeys(self.topic_ids))
                        self.report(
                            kind,
                            item_id,
                            ("topics", index),
                            f"topics: '{topic}' is not in content/topics.yaml{hint}; add it "
                            "there with its Arabic and English label",
                        )
        elif kind == "stories":
            texts += [("summary",)]
            texts += [("timeline", i, "text") for i in _indexes(data.get("timeline"))]
            dates += [("published",)]
            dates += [("timeline", i, "date") for i in _indexes(data.get("timeline"))]
        elif kind == "sources":
            dates += [("published",), ("accessed",), ("archive", "date")]
        elif kind == "pages":
            texts += [("body",)]
        for loc in texts:
            value = _raw_at(data, loc)
            if not isinstance(value, dict):
                continue
            for lang in LANGUAGES:
                text = value.get(lang)
                if not isinstance(text, str) or not text.strip():
                    continue
                if unlisted:
                    for source_id in markers(text):
                        if not self.content.has("sources", source_id):
                            self.report(
                                kind,
                                item_id,
                                (*loc, lang),
                                f"{format_loc((*loc, lang))}: citation [@{source_id}]: no source "
                                f"'{source_id}' in content/sources/"
                                f"{_suggest(source_id, self.content.sources)}",
                            )
                    self.check_prose(kind, item_id, (*loc, lang), text, set(markers(text)))
                else:
                    self.check_prose(kind, item_id, (*loc, lang), text, cited)
        for loc in dates:
            self.check_date(kind, item_id, loc, _raw_date(_raw_at(data, loc)))

    def run(self) -> None:
        for folder in ("people", "sources", "claims", "stories"):
            for item_id in getattr(self.content, folder):
                self.check_links(folder, item_id)
        self.check_plain_texts()
        if self.content.site is not None:
            for loc, url in iter_links(self.content.site):
                self.check_idn("site", "site", loc, url)
            # Only where there is a theme to look in (not in a checkout of content alone).
            logo, theme = self.content.site.logo, self.content.project / "theme"
            if logo and theme.is_dir() and not (theme / logo).is_file():
                self.report("site", "site", ("logo",), f"logo: there is no file theme/{logo}")
        self.check_ratings()
        self.check_topics()
        if self.content.search is not None:
            document = self.content.document("search", "search")
            self.diagnostics += vocabulary_diagnostics(self.content.search, document)
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
                        f"{format_loc(loc)}: '{shorten(found.group(), 80)}' is a link; links "
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
                    f"translated_title: the {LANGUAGE_NAMES[lang]} title ({lang}) is missing; "
                    f"the source is in '{source.language}', so readers of the {lang} page need "
                    "a translated title",
                )
        self.check_quote_translations(source_id)
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

    def check_quote_translations(self, source_id: str) -> None:
        source = self.content.sources[source_id]
        if source.translated_quote and source.quote is None:
            self.report(
                "sources",
                source_id,
                ("translated_quote",),
                "translated_quote: there is no quote to translate; add the quote, verbatim",
            )
            return
        for lang in source.translated_quote:
            if lang == source.language or lang not in LANGUAGES:
                self.report(
                    "sources",
                    source_id,
                    ("translated_quote", lang),
                    f"translated_quote: '{lang}' is not needed: translate the quote into the "
                    f"site languages other than the source's own ('{source.language}')",
                )
        if source.quote is None:
            return
        for lang in LANGUAGES:
            if lang != source.language and lang not in source.translated_quote:
                document = self.content.document("sources", source_id)
                loc: Path_ = ("translated_quote",) if source.translated_quote else ("quote",)
                self.diagnostics.append(
                    document.diagnostic(
                        loc,
                        f"{format_loc(loc)}: the quote has no {LANGUAGE_NAMES[lang]} "
                        f"translation ({lang}); readers of the {lang} page see it only in "
                        f"'{source.language}' (add translated_quote: {lang}: ...)",
                        warning=True,
                    )
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
        searched_from: dict[str, int] = {}
        for url in links(text):
            shown = shorten(url, 80)
            problem = self.item_link_problem(kind, item_id, url)
            if problem is None and url.startswith("#"):
                continue
            if (
                problem is None
                and url.startswith("/")
                and _is_relative(url[1:])
                and url[1:2] != "/"
            ):
                problem = _root_absolute_problem(url)
            if problem is not None:
                self.report_at_link(
                    kind, item_id, loc, url, searched_from, f"link '{shown}': {problem}"
                )
                continue
            if _is_relative(url) or ITEM_LINK.match(url):
                continue
            try:
                check_url(url, allow_mailto=True)
            except PydanticCustomError as error:
                hint = ""
                if re.fullmatch(r"[A-Za-z]+:[a-z0-9-]+", url):
                    hint = (
                        "; a link to a page of this site is written claim:<id>, story:<id>, "
                        "person:<id>, page:<id>, topic:<id> or rating:<id>"
                    )
                self.report(kind, item_id, loc, f"{format_loc(loc)}: link '{shown}': {error}{hint}")
                continue
            self.check_idn(kind, item_id, loc, url)
            self.check_https(kind, item_id, loc, url)

    def check_https(self, kind: str, item_id: str, loc: Path_, url: str) -> None:
        if url.strip().lower().startswith("http://"):
            document = self.content.document(kind, item_id)
            self.diagnostics.append(
                document.diagnostic(
                    loc,
                    f"{format_loc(loc)}: the link '{shorten(url.strip(), 80)}' is not encrypted "
                    "(http://); use https:// if the site offers it",
                    warning=True,
                )
            )

    def item_link_problem(self, kind: str, item_id: str, url: str) -> str | None:
        """Why a claim:id (story:, person:, page:, topic:, rating:) link goes nowhere, or None."""
        match = ITEM_LINK.match(url)
        if match is None:
            return None
        form, target = match.group(1), match.group(2)
        folder = ITEM_KINDS[form]
        if not ID.match(target):
            return (
                f"'{target}' is not an id; write {form}:<id>, like {form}:{self._example(folder)}"
            )
        if not self._is_link_target(folder, target):
            known = self._link_targets(folder)
            if folder in ("claims", "stories", "people", "pages") and self.content.has(
                folder, target
            ):
                return None  # the file exists but has errors of its own, already reported
            where = {"topics": "content/topics.yaml", "ratings": "content/ratings.yaml"}.get(
                folder, f"content/{folder}/"
            )
            if folder == "topics" and target in self.topic_ids:
                return f"topic '{target}' has no page yet: no published claim lists it under topics"
            return f"no {form} '{target}' in {where}{_suggest_or_list(target, known)}"
        target_claim = self.content.claims.get(target) if folder == "claims" else None
        if target_claim is not None:
            linking_is_draft = kind == "claims" and self._status(item_id) == "draft"
            if target_claim.status == "draft" and not linking_is_draft:
                return (
                    f"claim '{target}' is a draft, so its page is not published: publish it "
                    "first, or add the link when it is"
                )
        return None

    def _status(self, claim_id: str) -> object:
        """A claim's status, also when its file did not fit the model."""
        claim = self.content.claims.get(claim_id)
        if claim is not None:
            return claim.status
        partial = self.content.partial.get(("claims", claim_id))
        return partial.data.get("status") if partial is not None else None

    def _link_targets(self, folder: str) -> list[str]:
        """The ids a link into `folder` may name, sorted; worked out once per folder (the
        content does not change while it is checked), not once per link."""
        known = self._targets.get(folder)
        if known is None:
            if folder == "topics":
                ids = {t for c in self.content.claims.values() if c.listed for t in c.topics}
                ids &= self.topic_ids
            elif folder == "ratings":
                ids = set(self.rating_ids)
            else:
                ids = set(getattr(self.content, folder))
                ids |= {i for f, i in self.content.broken if f == folder}
            known = self._targets[folder] = (sorted(ids), frozenset(ids))
        return known[0]

    def _is_link_target(self, folder: str, item_id: str) -> bool:
        self._link_targets(folder)
        return item_id in self._targets[folder][1]

    def _example(self, folder: str) -> str:
        known = self._link_targets(folder)
        return known[0] if known else "an-id"

    def report_at_link(
        self,
        kind: str,
        item_id: str,
        loc: Path_,
        url: str,
        searched_from: dict[str, int],
        message: str,
    ) -> None:
        """Report a problem with one link, at the line and column where the link is written."""
        document = (
            self.content.documents.get((kind, item_id)) or self.content.partial[(kind, item_id)]
        )
        line, column = document.position(loc)
        found = _find_in_file(
            self.content.project / document.path, url, line, column, searched_from.get(url, 0)
        )
        if found is None:
            self.diagnostics.append(document.diagnostic(loc, f"{format_loc(loc)}: {message}"))
            return
        searched_from[url] = found[2]
        self.diagnostics.append(
            Diagnostic(document.path, found[0], found[1], f"{format_loc(loc)}: {message}")
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
        for role, member in (("author", claim.author), ("editor", claim.editor)):
            if member is not None:
                self.check_reference(kind, cid, (role,), "staff", member)
        for index, image in enumerate(claim.images):
            for at, text in _texts(image.caption, ("images", index, "caption")):
                self.check_prose(kind, cid, at, text, cited=None)
            problem = image_problem(image_path(self.content.root, image.file))
            if problem:
                at = ("images", index, "file")
                self.report(kind, cid, at, f"{format_loc(at)}: {problem}")
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
        if claim.withdrawn is not None:
            self.check_withdrawal(claim)
        for index, other in enumerate(claim.related):
            if other == cid:
                self.report(
                    kind, cid, ("related", index), "related: a claim cannot relate to itself"
                )
            else:
                self.check_reference(kind, cid, ("related", index), "claims", other)

    def check_withdrawal(self, claim: Claim) -> None:
        withdrawn = claim.withdrawn
        assert withdrawn is not None
        cid = claim.id
        if claim.status == "draft":
            self.report(
                "claims",
                cid,
                ("withdrawn",),
                "withdrawn: a draft was never published, so it cannot be withdrawn; delete the "
                "file instead",
            )
        self.check_date("claims", cid, ("withdrawn", "date"), withdrawn.date)
        if withdrawn.date < claim.published:
            self.report(
                "claims",
                cid,
                ("withdrawn", "date"),
                f"withdrawn.date ({withdrawn.date.isoformat()}) is before published "
                f"({claim.published.isoformat()})",
            )
        for loc, text in _texts(withdrawn.reason, ("withdrawn", "reason")):
            self.check_prose("claims", cid, loc, text, cited=None)

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


def _indexes(value: object) -> range:
    return range(len(value)) if isinstance(value, list) else range(0)


def _raw_at(data: object, loc: Path_) -> object:
    """The value at `loc` in a file's plain data, or None where the path does not lead."""
    for part in loc:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


_DATE_ADAPTER: TypeAdapter[dt.date] = TypeAdapter(Date)


def _raw_date(value: object) -> dt.date | None:
    """A date as the model reads it, or None (a date it refuses is reported as a field error)."""
    if not isinstance(value, str):
        return None
    try:
        return _DATE_ADAPTER.validate_python(value)
    except ValidationError:
        return None


# The fields rendered as Markdown (class name, field name); every other text is plain.
_MARKDOWN_FIELDS = {
    ("Claim", "summary"),
    ("Section", "heading"),
    ("Section", "body"),
    ("Correction", "note"),
    ("Story", "summary"),
    ("Event", "text"),
    ("Page", "body"),
    ("EvidenceImage", "caption"),
    ("Withdrawal", "reason"),
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


def _suggest_or_list(name: str, known: list[str], limit: int = 8) -> str:
    """A did-you-mean when one id is close, else the known ids (the first `limit`)."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if not known:
        return " (there are none yet)"
    shown = ", ".join(known[:limit]) + (", ..." if len(known) > limit else "")
    return f" (known: {shown})"


# A root-absolute path to a page of the site, and the link form that names the same page.
_SITE_PATH = re.compile(
    r"^/(?:[a-z]{2}/)?(claims|stories|people|topics|ratings)/([a-z0-9]+(?:-[a-z0-9]+)*)/?(#.*)?$"
)
_PAGE_PATH = re.compile(r"^/(?:[a-z]{2}/)?([a-z0-9]+(?:-[a-z0-9]+)*)/?(#.*)?$")
_FORM_OF_FOLDER = {folder: form for form, folder in ITEM_KINDS.items()}


def _root_absolute_problem(url: str) -> str:
    """What to write instead of a link that starts with / (it breaks under a sub-path)."""
    why = "a link starting with / breaks when the site is published under a sub-path like /bayyin/"
    match = _SITE_PATH.match(url)
    if match:
        form = _FORM_OF_FOLDER[match.group(1)]
        return f"{why}; use {form}:{match.group(2)}{match.group(3) or ''}"
    match = _PAGE_PATH.match(url)
    if match and match.group(1) not in ("en", "ar"):
        return f"{why}; use page:{match.group(1)}{match.group(2) or ''}"
    return (
        f"{why}; link to a page of this site with claim:<id>, story:<id>, person:<id>, "
        "page:<id>, topic:<id> or rating:<id>"
    )


def _find_in_file(
    file: Path, needle: str, line: int, column: int, skip: int
) -> tuple[int, int, int] | None:
    """Where `needle` is first written in `file` at or after (line, column), past the first
    `skip` characters of the file: (line, column, offset just after it), or None."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    start = sum(len(row) + 1 for row in lines[: line - 1]) + column - 1
    index = text.find(needle, max(start, skip))
    if index < 0:
        return None
    row = text.count("\n", 0, index)
    column_found = index - (text.rfind("\n", 0, index) + 1)
    return row + 1, column_found + 1, index + len(needle)


def _is_relative(url: str) -> bool:
    """A link to another page of this site, like ../corrections/ (no scheme, no host)."""
    return (
        not url.startswith("//")
        and "\\" not in url
        and ":" not in url.split("/", 1)[0]
        and not any(ch.isspace() or ord(ch) < 32 for ch in url)
    )
