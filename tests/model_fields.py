"""The fields of every content model, walked from the registry of content kinds: shared by
the tests that every field is read by the pages and every text is declared prose or plain."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, get_args

from pydantic import BaseModel

from generator.content.kinds import KINDS


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


def model_fields(skip: Collection[type[BaseModel]] = ()) -> Iterator[tuple[str, str, Any]]:
    """(class name, field name, annotation) of each field of every model the content kinds
    reach, each model once; the models in `skip` are not entered."""
    seen: set[type[BaseModel]] = set(skip)
    todo = [kind.model for kind in KINDS]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            yield cls.__name__, name, info.annotation
            todo += _models_in(info.annotation)
