"""The pages that list claims (the home page, every claim, a claimant's, a rating's, a
topic's, in numbered pages), the indexes of claimants, ratings and topics, and the prose
pages (about, methodology, corrections)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from generator.content.model import Claim
from generator.pages.paging import ListPage, pager, split
from generator.pages.parts import PageParts
from generator.pages.text import (
    html_text,
    relative,
)
from generator.pages.urls import language_root
from generator.pages.views import (
    CardView,
    DataFeedLinks,
    IndexEntry,
    LinkView,
    LogEntry,
    RatingView,
    RenderedPage,
    ScorecardEntry,
    StaffView,
    TocEntry,
)


class ListPages(PageParts):
    """The list, index and prose pages of one language."""

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
        claims = [self.claim_card(c, "") for c in self._claims(self.claim_ids()[:12])]
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
            card=self.card(site.tagline[self.lang] if site else ""),
        )

    def claims_list(self, page: ListPage) -> RenderedPage:
        """A page of the list of every published claim (`claims/page/2/`)."""
        claims = self.claim_ids()
        chunk = split(claims)[page.number - 1]
        html = self.render(
            "claim-list.html",
            title=self.t["all_claims"],
            intro="",
            claims=[self.claim_card(c, page.path) for c in self._claims(chunk)],
            count=len(claims),
            pager=pager(page),
            # Reordering a page would only reorder its own cards.
            sortable=page.total == 1,
        )
        return self.paged(
            page,
            RenderedPage(
                path=page.path,
                kind="claims",
                title=self.t["all_claims"],
                description=self.t["all_claims_description"],
                html=html,
                in_nav=page.number == 1,
                card=self.card(self.t["all_claims"]),
            ),
        )

    def paged(self, page: ListPage, rendered: RenderedPage) -> RenderedPage:
        """`rendered` as page `page` of its list: a title of its own after the first page,
        the previous and next pages for the head and the first page's card image."""
        if page.number > 1:
            rendered = dataclasses.replace(
                rendered,
                title=self.t["page_title"].format(title=rendered.title, number=page.number),
                card_of=page.base,
            )
        return dataclasses.replace(rendered, previous=page.previous, next=page.next)

    def claim_list_page(
        self,
        page: ListPage,
        kind: str,
        title: str,
        claims: Sequence[str],
        *,
        intro: str = "",
        links: list[LinkView] | None = None,
        card: CardView | None = None,
        scorecard: tuple[ScorecardEntry, ...] = (),
    ) -> RenderedPage:
        """A page of a list of some claims (by id): one claimant's, one rating's or one
        topic's (`people/x/page/2/`). Its card shows its title unless `card` is given."""
        chunk = self._claims(split(claims)[page.number - 1])
        html = self.render(
            "claim-list.html",
            title=title,
            intro=intro,
            links=links or [],
            # Its links are made for the first page.
            scorecard=scorecard if page.number == 1 else (),
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
            card=card or self.card(title, kicker=self.t[kind]),
        )
        return self.paged(page, rendered)

    def index_page(
        self, here: str, kind: str, title: str, entries: list[IndexEntry]
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
            card=self.card(title),
        )

    def entry(
        self,
        here: str,
        target: str,
        label: str,
        count: int,
        *,
        scorecard: tuple[ScorecardEntry, ...] | None = None,
        rating: RatingView | None = None,
    ) -> IndexEntry:
        return IndexEntry(relative(here, target), label, count, scorecard, rating)

    def person_page(self, person_id: str, page: ListPage) -> RenderedPage:
        person = self.content.people[person_id]
        lang = self.lang
        links = []
        if person.wikidata:
            links.append(
                LinkView(self.t["wikidata"], f"https://www.wikidata.org/wiki/{person.wikidata}")
            )
        links += [LinkView(url, url) for url in person.same_as]
        here = f"people/{person.id}/"
        return self.claim_list_page(
            page,
            "claimant",
            self.t["claims_by"].format(name=person.name[lang]),
            self.claim_ids(claimant=person.id),
            intro=person.role[lang],
            links=links,
            scorecard=self.scorecard(person.id, here),
        )

    def people_index(self) -> RenderedPage:
        here = "people/"
        people = sorted(self.claimants(), key=lambda p: p.name[self.lang])
        entries = [
            self.entry(
                here,
                f"people/{p.id}/",
                p.name[self.lang],
                len(self.claim_ids(claimant=p.id)),
                scorecard=self.scorecard(p.id, here),
            )
            for p in people
        ]
        return self.index_page(here, "claimants", self.t["claimants"], entries)

    def rating_page(self, rating_id: str, page: ListPage) -> RenderedPage:
        rating = self.ratings[rating_id]
        # The card older claims share too (`claim_cards`): its title is the page's.
        card = self.rating_card(rating.id)
        return self.claim_list_page(
            page,
            "rating",
            card.title,
            self.claim_ids(rating=rating.id),
            intro=rating.definition[self.lang],
            card=card,
        )

    def ratings_index(self) -> RenderedPage:
        here = "ratings/"
        entries = [
            self.entry(
                here,
                f"ratings/{rating_id}/",
                self.ratings[rating_id].label[self.lang],
                len(self.claim_ids(rating=rating_id)),
                rating=self.rating_view(rating_id),
            )
            for rating_id in self.scale_order()
        ]
        scale = self.content.ratings.scale if self.content.ratings else None
        html = self.render(
            "ratings.html",
            title=self.t["ratings"],
            scale=scale,
            rated=[e for e in entries if e.rating and e.rating.value is not None],
            unrated=[e for e in entries if not (e.rating and e.rating.value is not None)],
        )
        return RenderedPage(
            path=here,
            kind="ratings",
            title=self.t["ratings"],
            description=self.t["ratings_intro"],
            html=html,
            in_nav=True,
            card=self.card(self.t["ratings"]),
        )

    def topic_page(self, topic_id: str, page: ListPage) -> RenderedPage:
        label = self.topic_label(topic_id)
        return self.claim_list_page(
            page,
            "topic",
            self.t["claims_on"].format(topic=label),
            self.claim_ids(topic=topic_id),
        )

    def topics_index(self) -> RenderedPage:
        here = "topics/"
        topics = self.topic_ids()
        entries = [
            self.entry(
                here,
                f"topics/{t}/",
                self.topic_label(t),
                len(self.claim_ids(topic=t)),
            )
            for t in topics
        ]
        return self.index_page(here, "topics", self.t["topics"], entries)

    def corrections_page(self, page_id: str, page: ListPage) -> RenderedPage:
        """A page of the corrections page, in numbered pages of its log."""
        chunk = split(self.correction_entries())[page.number - 1]
        return self.paged(page, self.prose_page(page_id, page, chunk))

    def correction_entries(self) -> list[tuple[dt.date, Claim, str]]:
        """Every correction and withdrawal, newest first: (date, claim, note or "" for a
        withdrawal, whose note is its reason)."""
        log = [
            (correction.date, claim, correction.note[self.lang])
            for claim in self._claims(self.content.indexed("corrected"))
            for correction in claim.corrections
        ]
        log += [
            (claim.withdrawn.date, claim, "")
            for claim in self._claims(self.content.indexed("withdrawn"))
            if claim.withdrawn is not None
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
                StaffView(m.name[self.lang], m.role[self.lang])
                for m in sorted(self.content.staff.values(), key=lambda m: m.name[self.lang])
            ]
        if page_id == "methodology":
            # The data feeds of publishing.py: one per language, the table at the site root.
            here_in_site = language_root(self.lang) + here
            extra["data_feeds"] = DataFeedLinks(
                json=relative(here, "claimreview.json"),
                csv=relative(here_in_site, "claimreview.csv"),
            )
        if page_id == "corrections":
            log = []
            for date, claim, note in entries:
                if note:
                    shown = self.md(note, here=here)
                else:
                    assert claim.withdrawn is not None
                    reason = self.md(claim.withdrawn.reason[self.lang], here=here, inline=True)
                    shown = Markup(f"{escape(self.t['withdrawn'])}: {reason}")  # noqa: S704
                log.append(LogEntry(date, shown, self.claim_card(claim, here)))
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
            # The further pages of the corrections log stay out of the navigation, which
            # every page of the site carries.
            in_nav=list_page is None or list_page.number == 1,
            card=self.card(page.title[self.lang]),
        )
