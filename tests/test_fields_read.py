"""Every field of the content models is read by the pages: a field added to a model but never
rendered would be accepted in content and shown nowhere (see "Adding a field" in
docs/DEVELOPING.md). The renderer, the adapter and the templates must name each field."""

from __future__ import annotations

import re
from pathlib import Path

from model_fields import model_fields

PROJECT = Path(__file__).resolve().parent.parent
READERS = [
    *sorted((PROJECT / "generator" / "pages").rglob("*.py")),
    *sorted((PROJECT / "generator" / "site").rglob("*.py")),
    *sorted((PROJECT / "theme").rglob("*.html")),
]
# Fields the pages read through a method of the model, not by name.
THROUGH_THE_MODEL = {("Source", "translated_title"): "Source.title_in"}


def _fields() -> set[tuple[str, str]]:
    return {(cls, name) for cls, name, _ in model_fields()}


def _unread(fields: set[tuple[str, str]], source: str) -> list[str]:
    """The fields that `source` never names as `.field`, `["field"]` or `field=`."""
    return sorted(
        f"{cls}.{name}"
        for cls, name in fields
        if (cls, name) not in THROUGH_THE_MODEL
        and not re.search(rf"\.{name}\b|\[['\"]{name}['\"]\]|\b{name}=", source)
    )


def test_the_pages_read_every_field_of_the_models() -> None:
    source = "\n".join(file.read_text(encoding="utf-8") for file in READERS)
    unread = _unread(_fields(), source)
    assert not unread, (
        f"{unread}: no page reads these fields; render them (generator/pages/render.py and a "
        "template in theme/), or add them to THROUGH_THE_MODEL if a model method reads them"
    )


def test_the_finder_sees_a_field_nothing_reads() -> None:
    fields = {("Claim", "verdict_note"), ("Claim", "title")}
    assert _unread(fields, "{{ claim.title }}") == ["Claim.verdict_note"]
    assert _unread(fields, 'page["verdict_note"] claim.title') == []
