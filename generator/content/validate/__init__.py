"""Cross-file rules: references resolve, citations match sources, dates make sense."""

from __future__ import annotations

import datetime as dt

from generator.content.diagnostics import Diagnostic, display_path
from generator.content.kinds import Content
from generator.content.model import MARKER, iter_links
from generator.content.prose import markers
from generator.content.search_vocabulary import vocabulary_diagnostics
from generator.content.validate.base import each_language
from generator.content.validate.items import ItemChecks
from generator.content.validate.partial import PartialChecks
from generator.content.validate.plain_texts import PlainTextChecks

__all__ = ["MARKER", "markers", "validate"]

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


class _Checker(PartialChecks, ItemChecks, PlainTextChecks):
    """Every check, run in the order the diagnostics are reported."""

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
            for loc, text in each_language(page.body, ("body",)):
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

    def check_topics(self) -> None:
        topics = self.content.topics
        if topics is None:
            return
        self.check_unique_ids("topics", "topic", [t.id for t in topics.topics])


def _shown(content: Content, relative: str) -> str:
    return display_path(content.root / relative, content.project)
