"""The real content/: what any newsroom's content must pass before it is published.

These tests read nothing outside the repository: an editor who adds a claim citing a new
source passes them. Whether each URL and quote comes from this archive's own fact sheet is
an editorial check for its maintainers, run by hand (tools/provenance.py), not a unit test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixture_sites import MakeProject

from generator.content.diagnostics import Diagnostic
from generator.content.kinds import Content
from generator.content.model import LANGUAGES
from generator.site.build import check

# A paragraph ends with a marker, optionally followed by closing punctuation or quotes.
_ENDS_CITED = re.compile(r"\[@[^\]]+\][\s.,;:!?؟،؛»”\"')]*$")


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def uncited_paragraphs(content: Content) -> list[str]:
    """`claim-id context[i] lang paragraph n` for each context paragraph without a final marker."""
    missing = []
    for claim in content.claims.values():
        for index, section in enumerate(claim.context):
            for lang in LANGUAGES:
                for number, paragraph in enumerate(paragraphs(section.body[lang]), start=1):
                    if not _ENDS_CITED.search(paragraph):
                        missing.append(
                            f"{claim.id} context[{index}] {lang} paragraph {number}: "
                            f"…{paragraph[-60:]}"
                        )
    return missing


def uncited_sources(content: Content) -> list[str]:
    """Source files that no claim or story lists: a source is in content/ to be cited."""
    items = [*content.claims.values(), *content.stories.values()]
    listed = {source for item in items for source in item.sources}
    return sorted(set(content.sources) - listed)


@pytest.fixture(scope="module")
def checked(project: Path) -> tuple[Content, list[Diagnostic]]:
    return check(project)


@pytest.fixture(scope="module")
def content(checked: tuple[Content, list[Diagnostic]]) -> Content:
    return checked[0]


# --- the helpers find what they should (so the content tests below can fail) ------------


def test_a_context_paragraph_must_end_with_a_marker() -> None:
    assert _ENDS_CITED.search("Fact [@a].")
    assert _ENDS_CITED.search("حقيقة [@a] [@b].")
    assert not _ENDS_CITED.search("Fact [@a]. Then an uncited sentence.")


def test_a_source_no_claim_lists_is_found(make_project: MakeProject) -> None:
    project = make_project()
    (project / "content/sources/orphan.yaml").write_text(
        (project / "content/sources/govinfo-eo-14158.yaml")
        .read_text(encoding="utf-8")
        .replace("id: govinfo-eo-14158", "id: orphan"),
        encoding="utf-8",
    )
    loaded, _ = check(project)
    assert uncited_sources(loaded) == ["orphan"]


# --- the real content ---------------------------------------------------------------------


def test_check_finds_no_error(checked: tuple[Content, list[Diagnostic]]) -> None:
    _, diagnostics = checked
    assert [d.format() for d in diagnostics if d.severity == "error"] == []


def test_every_context_paragraph_ends_with_a_citation(content: Content) -> None:
    assert content.claims
    assert uncited_paragraphs(content) == []


def test_every_source_is_cited(content: Content) -> None:
    assert content.sources
    assert uncited_sources(content) == []
