"""Model → HTML bodies of every page, per language, with the theme's Jinja partials.

Nothing here knows about MkDocs: the adapter (`plugin.py`) turns each `RenderedPage` into a
page of the site. Templates receive view data only; all text is escaped by Jinja unless it
is HTML that `prose.py` has already sanitized.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection

from generator.content.kinds import Content
from generator.content.model import LANGUAGES
from generator.pages.claim_pages import ClaimPages
from generator.pages.list_pages import ListPages
from generator.pages.paging import ListPage, list_pages, split
from generator.pages.parts import RATING_STEPS, THEME, _by_id, modified_date, rating_step
from generator.pages.text import (
    ADDRESS_LINE,
    ascii_url,
    html_text,
    isolate_latin,
    keep_citations_with_their_word,
    mark_arabic,
    plain_text,
    readable_address,
    relative,
    script_lang,
    with_text,
)
from generator.pages.views import (
    FacetView,
    PagePlan,
    RenderedPage,
)

# What other modules and the tests import from here.
__all__ = [
    "ADDRESS_LINE",
    "RATING_STEPS",
    "THEME",
    "Renderer",
    "ascii_url",
    "html_text",
    "isolate_latin",
    "keep_citations_with_their_word",
    "mark_arabic",
    "modified_date",
    "plain_text",
    "rating_step",
    "readable_address",
    "relative",
    "render_site",
    "script_lang",
    "with_text",
]


class Renderer(ClaimPages, ListPages):
    """Renders every page of one language. Build one per language and reuse it."""

    # --- pages -------------------------------------------------------------------------

    def pages(
        self, paths: Collection[str] | None = None, plans: list[PagePlan] | None = None
    ) -> list[RenderedPage]:
        """Every page of this language, or those at `paths`, each rendered with what it
        reads noted under its path (`plans`: this renderer's `plan()`, when already made)."""
        out = []
        for planned in self.plan() if plans is None else plans:
            if paths is None or planned.path in paths:
                with self.reads.page(planned.path):
                    out.append(planned.render())
        return out

    def plan(self) -> list[PagePlan]:
        """Every page of this language, in the site's order, not yet rendered: which pages
        there are is read here without being noted (the refresh compares the list itself).
        Each page's `render` finds what it shows from ids, through `self.content`."""
        with self.reads.unrecorded():
            return self._plan()

    def _plan(self) -> list[PagePlan]:
        out = [PagePlan("", self.home_page)]
        out += self._paged("claims/", len(self.claim_ids()), self.claims_list)
        out += [
            PagePlan(f"claims/{c.id}/", functools.partial(self.claim_or_withdrawn, c.id))
            for c in self.claims_with_pages()
        ]
        out += [
            PagePlan(f"stories/{story_id}/", functools.partial(self.story_page, story_id))
            for story_id in sorted(self.content.stories)
        ]
        topics = self.topic_ids()
        if topics:
            out.append(PagePlan("topics/", self.topics_index))
            for topic_id in topics:
                count = len(self.claim_ids(topic=topic_id))
                make = functools.partial(self.topic_page, topic_id)
                out += self._paged(f"topics/{topic_id}/", count, make)
        out.append(PagePlan("people/", self.people_index))
        for person in sorted(self.claimants(), key=_by_id):
            count = len(self.claim_ids(claimant=person.id))
            make = functools.partial(self.person_page, person.id)
            out += self._paged(f"people/{person.id}/", count, make)
        if self.content.ratings:
            out.append(PagePlan("ratings/", self.ratings_index))
            for rating in self.content.ratings.ratings:
                count = len(self.claim_ids(rating=rating.id))
                make = functools.partial(self.rating_page, rating.id)
                out += self._paged(f"ratings/{rating.id}/", count, make)
        out.append(PagePlan("search/", self.search_page))
        fixed = ("methodology", "about", "corrections")
        for page_id in [*fixed, *sorted(set(self.content.pages) - set(fixed))]:
            if page_id not in self.content.pages:
                continue
            if page_id == "corrections":
                count = len(self.correction_entries())
                make = functools.partial(self.corrections_page, page_id)
                out += self._paged(f"{page_id}/", count, make)
            else:
                out.append(PagePlan(f"{page_id}/", functools.partial(self.prose_page, page_id)))
        return out

    @staticmethod
    def _paged(base: str, count: int, make: Callable[[ListPage], RenderedPage]) -> list[PagePlan]:
        """The numbered pages of a list of `count` entries at `base`."""
        pages = list_pages(base, len(split(range(count))))
        return [PagePlan(page.path, functools.partial(make, page)) for page in pages]

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
            FacetView(name, labels[name], tuple(values))
            for name, values in facet_values(self).items()
            if values
        ]
        return RenderedPage(
            path="search/",
            kind="search",
            title=self.t["search"],
            description=self.t["search_label"],
            html=self.render("search.html", facets=facets),
            noindex=True,
            card=self.card(self.t["search"]),
        )

    def claim_or_withdrawn(self, claim_id: str) -> RenderedPage:
        claim = self.content.claims[claim_id]
        return self.withdrawn_page(claim) if claim.withdrawn is not None else self.claim_page(claim)


def render_site(content: Content, lang: str) -> list[RenderedPage]:
    """Render every page of the site in `lang`."""
    assert lang in LANGUAGES
    return Renderer(content, lang).pages()
