"""What readers can search, per language: one record per page, made from the content (the
title, the claim as said, the verdict and the context), never from the page's markup, so
source lists, citation markers and related-claim cards stay out by construction."""

from __future__ import annotations

import re

from generator.content.model import Claim
from generator.pages.render import Renderer
from generator.pages.search_index import FacetValue, SearchRecord
from generator.pages.text import plain_text

SNIPPET_CHARS = 180
# A Markdown link's target is no text a reader sees: [text](url) → text.
_LINK_TARGET = re.compile(r"\]\([^()\s]*\)")


def _plain(text: str) -> str:
    return plain_text(_LINK_TARGET.sub("]", text)).replace("[", "").replace("]", "")


def snippet(text: str) -> str:
    """`text` cut at a word before SNIPPET_CHARS characters, with an ellipsis when cut."""
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + "\u2026"


def claim_record(renderer: Renderer, claim: Claim) -> SearchRecord:
    lang = renderer.lang
    person = renderer.content.people.get(claim.claimant)
    said = _plain(claim.claim[lang])
    parts = [claim.summary[lang]]
    for section in claim.context:
        parts += [section.heading[lang], section.body[lang]]
    return SearchRecord(
        path=f"claims/{claim.id}/",
        kind="claim",
        title=claim.title[lang],
        lead=" ".join((said, person.name[lang] if person else "")),
        text=" ".join(_plain(p) for p in parts),
        snippet=snippet(said),
        date=claim.published.isoformat(),
        date_label=renderer.format_date(claim.published),
        facets={
            "rating": (claim.rating,),
            "claimant": (claim.claimant,),
            "topic": tuple(claim.topics),
            "year": (str(claim.published.year),),
        },
    )


def search_records(renderer: Renderer) -> list[SearchRecord]:
    """Every searchable page of the renderer's language: the published claims (newest
    first), the stories, the claimants and the prose pages but the corrections log (which
    repeats the claims)."""
    lang = renderer.lang
    records = [claim_record(renderer, claim) for claim in renderer.published_claims()]
    for story in sorted(renderer.content.stories.values(), key=lambda s: s.id):
        summary = _plain(story.summary[lang])
        records.append(
            SearchRecord(
                path=f"stories/{story.id}/",
                kind="story",
                title=story.title[lang],
                lead="",
                text=summary,
                snippet=snippet(summary),
                date=story.published.isoformat(),
                date_label=renderer.format_date(story.published),
            )
        )
    for person in sorted(renderer.claimants(), key=lambda p: p.id):
        records.append(
            SearchRecord(
                path=f"people/{person.id}/",
                kind="claimant",
                title=person.name[lang],
                lead="",
                text=person.role[lang],
                snippet=person.role[lang],
            )
        )
    for page_id in sorted(set(renderer.content.pages) - {"corrections"}):
        page = renderer.content.pages[page_id]
        body = _plain(page.body[lang])
        records.append(
            SearchRecord(
                path=f"{page_id}/",
                kind="page",
                title=page.title[lang],
                lead="",
                text=body,
                snippet=snippet(body),
            )
        )
    return records


def facet_values(renderer: Renderer) -> dict[str, list[FacetValue]]:
    """The values readers can filter by, with their labels, in the order shown: ratings on
    the scale's order, claimants and topics by name, years newest first."""
    lang = renderer.lang
    claims = renderer.published_claims()
    return {
        "rating": [
            FacetValue(view.id, view.label, view.tone, view.step)
            for view in (renderer.rating_view(r) for r in renderer.scale_order())
        ],
        "claimant": sorted(
            (FacetValue(p.id, p.name[lang]) for p in renderer.claimants()),
            key=lambda v: (v.label, v.value),
        ),
        "topic": sorted(
            (FacetValue(t, renderer.topic_label(t)) for t in renderer.topic_ids()),
            key=lambda v: (v.label, v.value),
        ),
        "year": [
            FacetValue(y, y) for y in sorted({str(c.published.year) for c in claims}, reverse=True)
        ],
    }
