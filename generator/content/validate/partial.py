"""The checks of an item whose file did not fit its model: whatever could be read."""

from __future__ import annotations

import datetime as dt

from pydantic import TypeAdapter, ValidationError

from generator.content.diagnostics import Path_, format_loc
from generator.content.model import (
    ID,
    LANGUAGES,
    Date,
)
from generator.content.prose import markers
from generator.content.validate.base import suggest
from generator.content.validate.prose_links import ProseChecks


class PartialChecks(ProseChecks):
    """References, prose and dates of the files that did not fit their model."""

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
                        hint = suggest(topic, dict.fromkeys(self.topic_ids))
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
                                f"{suggest(source_id, self.content.sources)}",
                            )
                    self.check_prose(kind, item_id, (*loc, lang), text, set(markers(text)))
                else:
                    self.check_prose(kind, item_id, (*loc, lang), text, cited)
        for loc in dates:
            self.check_date(kind, item_id, loc, _raw_date(_raw_at(data, loc)))


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
