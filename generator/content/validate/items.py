"""The rules of each kind of item: sources, claims (with withdrawals) and stories."""

from __future__ import annotations

import re

from generator.content.diagnostics import Path_, format_loc
from generator.content.images import image_path, image_problem
from generator.content.model import (
    LANGUAGE_NAMES,
    LANGUAGES,
    MARKER,
    Claim,
    Story,
)
from generator.content.validate.base import each_language, suggest
from generator.content.validate.prose_links import ProseChecks

SHORT_LIMIT = 75
# One line of a block of link reference definitions ([1]: https://...). Matched line by line:
# one pattern for the whole block backtracked exponentially ("[a]:b" 16 times took 116 s).
_REFERENCE_LINE = re.compile(r"[ \t]*\[[^\]\n]+\]:[ \t]*\S[^\n]*")


class ItemChecks(ProseChecks):
    """Cross-file rules of sources, claims and stories."""

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

    def check_topics_known(self, claim: Claim) -> None:
        topics = self.content.topics
        if topics is None and (self.content.root / "topics.yaml").exists():
            return  # the file has errors of its own, already reported
        known = self.topic_ids
        for index, topic in enumerate(claim.topics):
            if topic not in known:
                hint = suggest(topic, dict.fromkeys(known))
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
            for at, text in each_language(image.caption, ("images", index, "caption")):
                self.check_prose(kind, cid, at, text, cited=None)
            problem = image_problem(image_path(self.content.root, image.file))
            if problem:
                at = ("images", index, "file")
                self.report(kind, cid, at, f"{format_loc(at)}: {problem}")
        cited = set(claim.sources)
        used: set[str] = set()
        texts = [
            *each_language(claim.summary, ("summary",)),
            *(
                t
                for i, s in enumerate(claim.context)
                for t in each_language(s.body, ("context", i, "body"))
            ),
            *(
                t
                for i, c in enumerate(claim.corrections)
                for t in each_language(c.note, ("corrections", i, "note"))
            ),
        ]
        for loc, text in texts:
            used.update(self.check_prose(kind, cid, loc, text, cited))
        for index, section in enumerate(claim.context):
            # Headings are Markdown too (without citations): their links obey the same rules.
            for loc, text in each_language(section.heading, ("context", index, "heading")):
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
        for loc, text in each_language(withdrawn.reason, ("withdrawn", "reason")):
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
            *each_language(story.summary, ("summary",)),
            *(
                t
                for i, e in enumerate(story.timeline)
                for t in each_language(e.text, ("timeline", i, "text"))
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


def _paragraphs(body: str) -> list[str]:
    # A block of link reference definitions ([1]: https://...) is not a paragraph.
    return [p for p in re.split(r"\n\s*\n", body) if p.strip() and not _references_only(p)]


def _references_only(paragraph: str) -> bool:
    return all(_REFERENCE_LINE.fullmatch(line) for line in paragraph.strip().split("\n"))
