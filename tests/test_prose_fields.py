"""Every text of the models is declared Markdown prose or plain text, and validation reads
every Markdown field: a prose field it skipped would have its `[@source]` markers and links
go unchecked (the trap of adding a field, see docs/DEVELOPING.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

import pytest
from fixture_sites import TODAY, MakeProject
from model_fields import model_fields
from pydantic import BaseModel

from generator.content.diagnostics import Path_
from generator.content.load import load_content
from generator.content.model import LANGUAGES, Text
from generator.content.validate import validate
from generator.content.validate.plain_texts import _MARKDOWN_FIELDS
from generator.content.validate.prose_links import ProseChecks

# The texts shown as they are (titles, names, labels): no Markdown, no citations.
PLAIN_FIELDS = {
    ("Person", "name"), ("Person", "role"), ("Source", "about"), ("Source", "publisher"),
    ("Claim", "title"), ("Claim", "short"), ("Claim", "claim"), ("Appearance", "medium"),
    ("EvidenceImage", "alt"), ("EvidenceImage", "credit"), ("Story", "title"),
    ("Article", "publisher"), ("Page", "title"), ("Staff", "name"), ("Staff", "role"),
    ("SiteSettings", "name"), ("SiteSettings", "tagline"), ("SiteSettings", "organization"),
    ("Rating", "label"), ("Rating", "definition"), ("Topic", "label"),
}  # fmt: skip

# What the valid fixture's claim lacks, so that every Markdown field is there at least once.
EXTRA_CLAIM = """
corrections:
  - date: 2025-02-01
    note:
      ar: تصحيح
      en: A correction
images:
  - file: post.png
    alt:
      ar: لقطة
      en: A screenshot
    caption:
      ar: المنشور
      en: The post
    credit:
      ar: المصدر
      en: The source
withdrawn:
  date: 2026-03-01
  reason:
    ar: سبب السحب
    en: Why it was withdrawn
"""


def _holds_text(annotation: Any) -> bool:
    return annotation is Text or any(_holds_text(arg) for arg in get_args(annotation))


def _text_fields() -> set[tuple[str, str]]:
    """(class name, field name) of every field of the content models that holds a Text."""
    return {(cls, name) for cls, name, kind in model_fields(skip={Text}) if _holds_text(kind)}


def test_every_text_field_is_declared_prose_or_plain() -> None:
    fields = _text_fields()
    undeclared = fields - _MARKDOWN_FIELDS - PLAIN_FIELDS
    assert not undeclared, (
        f"{sorted(undeclared)}: add each to _MARKDOWN_FIELDS (generator/content/validate/"
        "plain_texts.py) if it is rendered as Markdown, else to PLAIN_FIELDS here"
    )
    assert not _MARKDOWN_FIELDS & PLAIN_FIELDS
    assert _MARKDOWN_FIELDS | PLAIN_FIELDS <= fields, "a declared field no longer exists"


def _markdown_texts(item: object, loc: Path_) -> Iterator[tuple[str, Path_]]:
    """(class name.field, where) of each language of every Markdown field in `item`."""
    if isinstance(item, BaseModel):
        for name in type(item).model_fields:
            value = getattr(item, name)
            if (type(item).__name__, name) in _MARKDOWN_FIELDS and isinstance(value, Text):
                for lang in LANGUAGES:
                    yield f"{type(item).__name__}.{name}", (*loc, name, lang)
            else:
                yield from _markdown_texts(value, (*loc, name))
    elif isinstance(item, list):
        for index, value in enumerate(item):
            yield from _markdown_texts(value, (*loc, index))


def test_validation_reads_every_markdown_field(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    claim = project / "content/claims/dogecoin-doge.yaml"
    claim.write_text(claim.read_text(encoding="utf-8") + EXTRA_CLAIM, encoding="utf-8")
    content, problems = load_content(project / "content", project)
    assert [p.format() for p in problems] == []

    read: set[tuple[str, str, Path_]] = set()
    check_prose, check_prose_links = ProseChecks.check_prose, ProseChecks.check_prose_links

    def prose(self: ProseChecks, kind: str, item_id: str, loc: Path_, *args: Any, **kw: Any) -> Any:
        read.add((kind, item_id, loc))
        return check_prose(self, kind, item_id, loc, *args, **kw)

    def prose_links(self: ProseChecks, kind: str, item_id: str, loc: Path_, text: str) -> None:
        read.add((kind, item_id, loc))
        check_prose_links(self, kind, item_id, loc, text)

    monkeypatch.setattr(ProseChecks, "check_prose", prose)
    monkeypatch.setattr(ProseChecks, "check_prose_links", prose_links)
    validate(content, TODAY)

    present: set[str] = set()
    skipped: list[str] = []
    for folder in ("claims", "stories", "pages", "people", "sources"):
        for item_id, item in getattr(content, folder).items():
            for field, loc in _markdown_texts(item, ()):
                present.add(field)
                if (folder, item_id, loc) not in read:
                    skipped.append(f"{folder}/{item_id}: {'.'.join(map(str, loc))}")
    assert not skipped, f"Markdown fields validation never reads: {skipped}"
    declared = {f"{cls}.{name}" for cls, name in _MARKDOWN_FIELDS}
    assert present == declared, f"no instance in the fixture of {sorted(declared - present)}"


def test_the_check_sees_a_skipped_field(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same check, with claim summaries left out of validation: it must fail.
    from generator.content.validate import items

    each_language = items.each_language

    def without_summaries(text: Text, loc: Path_) -> Iterator[tuple[Path_, str]]:
        return iter(()) if loc == ("summary",) else each_language(text, loc)

    monkeypatch.setattr(items, "each_language", without_summaries)
    with pytest.raises(AssertionError, match=r"claims/dogecoin-doge: summary\.ar"):
        test_validation_reads_every_markdown_field(make_project, monkeypatch)
