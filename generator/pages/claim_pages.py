"""The pages of one claim (its check, or what stays when it is withdrawn) and of a story,
with the views they show: sources, byline, history, evidence images."""

from __future__ import annotations

from generator.content.history import Change
from generator.content.images import ImagePlan, plan_image
from generator.content.model import LANGUAGES, Claim, Person, Source
from generator.content.prose import Citations
from generator.pages.parts import PageParts, modified_date
from generator.pages.text import (
    html_text,
    plain_text,
    relative,
)
from generator.pages.urls import language_root
from generator.pages.views import (
    AppearanceView,
    ArticleView,
    Byline,
    CardView,
    ChangeView,
    ClaimantView,
    ClaimView,
    CorrectionView,
    DatedLink,
    HistoryView,
    ImageView,
    LinkView,
    RenderedPage,
    SectionView,
    SourceView,
    StoryLink,
    StoryView,
    TimelineEntry,
    TitleAndDate,
    TocEntry,
    WithdrawnView,
)


class ClaimPages(PageParts):
    """The claim and story pages of one language."""

    def byline(self, claim: Claim) -> Byline | None:
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
            return Byline(both=names["author"])
        return Byline(**names)

    def image_plan(self, file: str) -> ImagePlan:
        """What the build writes for an image a claim shows (the file itself is not
        content: an edit to it builds the whole preview)."""
        plan = self._image_plans.get(file)
        if plan is None:
            plan = self._image_plans[file] = plan_image(self.content.root, file)
        return plan

    def source_view(self, source: Source, citations: Citations) -> SourceView:
        return SourceView(
            id=source.id,
            number=citations.number(source.id),
            url=source.url,
            title=source.title,
            about=source.about[self.lang],
            title_lang=source.language,
            translated=source.title_in(self.lang),
            publisher=source.publisher[self.lang],
            publisher_original=_original_name(source, self.lang),
            language=source.language,
            published=source.published,
            accessed=source.accessed,
            archive=source.archive,
            quote=source.quote,
            translated_quote=source.quote_in(self.lang),
            kind=source.kind,
            original_publisher=source.original_publisher,
            backlinks=tuple(citations.uses.get(source.id, [])),
        )

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
                SectionView(anchor, heading, self.md(section.body[lang], citations, here=here))
            )
            # The table of contents shows the heading as text (its Markdown rendered).
            toc.append(TocEntry(2, anchor, html_text(heading)))
        corrections = [
            CorrectionView(c.date, self.md(c.note[lang], citations, here=here))
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
            StoryLink(s.title[lang], relative(here, f"stories/{s.id}/"))
            for s in map(self.content.stories.get, self.content.indexed("stories_of", claim.id))
            if s is not None
        ]
        images = [
            ImageView(
                src=relative(language_root(lang) + here, self.image_plan(image.file).name),
                width=self.image_plan(image.file).width,
                height=self.image_plan(image.file).height,
                alt=image.alt[lang],
                caption=self.md(image.caption[lang], here=here, inline=True),
                credit=image.credit[lang],
            )
            for image in claim.images
        ]
        if images:
            toc.insert(1, TocEntry(2, "evidence", self.t["evidence"]))
        html = self.render(
            "claim.html",
            byline=self.byline(claim),
            images=images,
            claim=ClaimView(
                id=claim.id,
                title=claim.title[lang],
                text=claim.claim[lang],
                original=claim.original
                if claim.original and claim.original.language != lang
                else None,
                appearance=AppearanceView(
                    date=claim.appearance.date,
                    medium=claim.appearance.medium[lang],
                    url=claim.appearance.url,
                ),
                published=claim.published,
                updated=claim.updated,
                topics=tuple(claim.topics),
            ),
            claimant=ClaimantView(
                name=person.name[lang] if person else claim.claimant,
                role=person.role[lang] if person else "",
                href=relative(here, f"people/{claim.claimant}/"),
            ),
            topics=[
                LinkView(self.topic_label(t), relative(here, f"topics/{t}/")) for t in claim.topics
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
        card, card_of = self.share_card(claim, person)
        return RenderedPage(
            path=here,
            kind="claim",
            title=claim.title[lang],
            description=claim.short[lang],
            html=html,
            toc=toc,
            noindex=claim.status == "draft",
            claim=claim,
            published=claim.published,
            updated=claim.updated,
            # What dateModified, the feed and the site map give: see modified_date().
            modified=modified_date(claim, self.content.history.of(claim.id)),
            card=card,
            card_of=card_of,
        )

    def share_card(self, claim: Claim, person: Person | None) -> tuple[CardView, str | None]:
        """A claim page's card, and the page whose card image it shares: its own card, or
        its rating's list's (`has_own_card`)."""
        if not self.has_own_card(claim):
            return self.rating_card(claim.rating), f"ratings/{claim.rating}/"
        own = self.card(
            claim.title[self.lang],
            kicker=self.t["fact_check"],
            byline=person.name[self.lang] if person else "",
            rating=claim.rating,
        )
        return own, None

    def withdrawn_page(self, claim: Claim) -> RenderedPage:
        """What stays at a withdrawn check's address: that it was withdrawn, when and why."""
        assert claim.withdrawn is not None
        lang = self.lang
        here = f"claims/{claim.id}/"
        html = self.render(
            "withdrawn.html",
            claim=TitleAndDate(claim.title[lang], claim.published),
            withdrawn=WithdrawnView(
                date=claim.withdrawn.date,
                reason=self.md(claim.withdrawn.reason[lang], here=here),
            ),
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
            card=self.card(claim.title[lang], kicker=self.t["withdrawn"]),
        )

    def history_view(self, claim: Claim) -> HistoryView | None:
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
                    ChangeView(
                        date=change.date,
                        text=text,
                        lang=text_lang if text_lang != self.lang else None,
                        href=href(change),
                    )
                )
        return HistoryView(
            first=DatedLink(claim.published, href(history.first)),
            changes=tuple(changes),
            minor=tuple(DatedLink(c.date, href(c)) for c in later if not c.visible),
        )

    def story_page(self, story_id: str) -> RenderedPage:
        story = self.content.stories[story_id]
        lang = self.lang
        here = f"stories/{story.id}/"
        citations = Citations(order=list(story.sources))
        summary = self.md(story.summary[lang], citations, here=here)
        timeline = [
            TimelineEntry(e.date, self.md(e.text[lang], citations, inline=True, here=here))
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
            story=StoryView(story.title[lang], story.published, story.updated),
            article=None
            if article is None
            else ArticleView(
                title=article.title,
                language=article.language,
                publisher=article.publisher[lang],
                date=article.date,
                url=article.url,
            ),
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
            published=story.published,
            updated=story.updated,
            card=self.card(story.title[lang], kicker=self.t["story"]),
        )


def _original_name(source: Source, lang: str) -> str | None:
    """The outlet's own name when readers of `lang` are shown another one, else None."""
    if source.language not in LANGUAGES:
        return None
    own = source.publisher[source.language]
    return own if own != source.publisher[lang] else None
