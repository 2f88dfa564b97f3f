"""Plain data → a typed model; every pydantic error in an editor's words, at its line."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.content.diagnostics import Diagnostic, Document, Path_, format_loc, shorten
from generator.content.model import LANGUAGE_NAMES

# More problems than this in one file are summed up in one line: a file that is not
# content at all (say, 100 000 unknown keys) must not bury the other files' problems.
MAX_PROBLEMS_PER_FILE = 50

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {dict: "a group of fields", list: "a list", str: "text", type(None): "nothing"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, str):
        return f"the text '{shorten(value)}'"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _model_at(cls: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        model = _find_model(current)
        if model is None or part not in model.model_fields:
            return None
        current = model.model_fields[part].annotation
    return _find_model(current)


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _clean_loc(loc: tuple[str | int, ...]) -> Path_:
    # pydantic marks a dict key's own error with a trailing "[key]".
    return tuple(part for part in loc if part != "[key]")


def _message(cls: type[BaseModel], error: ErrorDetails, value: Any) -> tuple[Path_, str, bool]:
    """Return (where, message, at the key?) for one pydantic error, in an editor's words."""
    loc = _clean_loc(tuple(error["loc"]))
    kind = error["type"]
    name = loc[-1] if loc else ""
    where = format_loc(loc)
    if kind == "missing":
        parent = loc[:-1]
        prefix = f"{format_loc(parent)}: " if parent else ""
        if name in LANGUAGE_NAMES:
            return (
                parent,
                f"{prefix}the {LANGUAGE_NAMES[str(name)]} text ({name}) is missing",
                False,
            )
        return parent, f"{prefix}missing required field '{name}'", False
    if kind == "extra_forbidden":
        model = _model_at(cls, loc[:-1])
        known = list(model.model_fields) if model else []
        close = _suggestion(cls, loc)
        hint = f" (did you mean '{close}'?)" if close else f" (known fields: {', '.join(known)})"
        prefix = f"{format_loc(loc[:-1])}: " if len(loc) > 1 else ""
        return loc, f"{prefix}unknown field '{shorten(str(name), 40)}'{hint}", True
    if kind == "bayyin":
        return loc, f"{where}: {error['msg']}", False
    if kind in ("string_type", "model_type", "dict_type", "list_type", "model_attributes_type"):
        wanted = {
            "string_type": "text",
            "list_type": "a list (lines starting with '- ')",
        }.get(kind, "a group of fields (key: value lines)")
        return loc, f"{where}: expected {wanted}, got {_describe(value)}", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, f"{where}: '{shorten(str(value))}' is not allowed here; use {expected}", False
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return loc, f"{where}: expected a whole number, got {_describe(value)}", False
    if kind == "string_pattern_mismatch":
        return (
            loc,
            f"{where}: expected a language code like ar or en, got {_describe(value)}",
            False,
        )
    if kind == "value_error":
        return loc, f"{where}: {str(error['msg']).removeprefix('Value error, ')}", False
    return loc, f"{where}: {error['msg']}", False


def _suggestion(cls: type[BaseModel], loc: Path_) -> str | None:
    """The known field an unknown key at `loc` is probably a typo of."""
    model = _model_at(cls, loc[:-1])
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    return close[0] if close else None


def _one_error_per_typo(cls: type[BaseModel], errors: list[ErrorDetails]) -> list[ErrorDetails]:
    # `titel:` makes two errors (unknown 'titel', missing 'title'); the editor made one.
    typos = {
        (*_clean_loc(tuple(e["loc"]))[:-1], suggestion)
        for e in errors
        if e["type"] == "extra_forbidden"
        and (suggestion := _suggestion(cls, _clean_loc(tuple(e["loc"])))) is not None
    }
    return [
        e for e in errors if not (e["type"] == "missing" and _clean_loc(tuple(e["loc"])) in typos)
    ]


def _value_at(data: Any, loc: Path_) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def to_model(document: Document, cls: type[M]) -> M | list[Diagnostic]:
    """Validate a document's data as `cls`, turning every problem into a located diagnostic."""
    if not isinstance(document.data, dict):
        return [
            document.diagnostic(
                (),
                "the file must be a group of fields (key: value lines), "
                f"not {_describe(document.data)}",
            )
        ]
    try:
        return cls.model_validate(document.data)
    except ValidationError as exc:
        errors = _one_error_per_typo(cls, exc.errors(include_url=False, include_input=False))
        diagnostics = []
        for error in errors[:MAX_PROBLEMS_PER_FILE]:
            loc, message, at_key = _message(
                cls, error, _value_at(document.data, _clean_loc(tuple(error["loc"])))
            )
            diagnostics.append(document.diagnostic(loc, message, key=at_key))
        if len(errors) > MAX_PROBLEMS_PER_FILE:
            diagnostics.append(
                Diagnostic(
                    document.path,
                    1,
                    1,
                    f"{len(errors) - MAX_PROBLEMS_PER_FILE} more problems in this file are "
                    "not shown; fix the ones above first",
                )
            )
        return diagnostics
