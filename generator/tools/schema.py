"""JSON Schema for each kind of content file, generated from the models, for editors' editors.

VS Code's YAML extension (and any editor speaking the YAML language server) reads these
files to autocomplete field names and underline mistakes while the editor types. They are
generated, committed under `schema/`, and checked in CI to match the models.

The models validate more than a schema can say (references between files, citations); the
schema only carries what one file can show: field names, required fields, allowed values,
and the shape of ids, dates, links and non-empty text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.content import model, values
from generator.content.kinds import KINDS as CONTENT_KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schema"

# kind -> (model, which content files it describes); derived from the registry of kinds.
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    kind.name: (kind.model, kind.files) for kind in CONTENT_KINDS
}

# Where each kind's files live, as glob patterns relative to the project (for editor settings).
FILE_PATTERNS: dict[str, str] = {kind.name: kind.file_pattern for kind in CONTENT_KINDS}

_URL = r"^https?://[^\s/?#@]+\.[^\s/?#@]+([/?#]\S*)?$"
_NOT_BLANK = r"\S"


def _validator_keywords() -> dict[Callable[..., Any], JsonSchemaValue]:
    """Schema keywords for the models' own validators, which pydantic cannot describe."""
    known: dict[str, JsonSchemaValue] = {
        "_check_id": {"pattern": model.ID.pattern},
        "_text_required": {"minLength": 1, "pattern": _NOT_BLANK},
        "_check_public_url": {"pattern": _URL},
        "_check_contact_url": {"pattern": rf"{_URL}|^mailto:\S+@\S+$"},
        "_wikidata": {"pattern": values._WIKIDATA.pattern},
        "_parse_date": {"pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "_image_file": {"pattern": model._IMAGE_FILE.pattern},
    }
    found: dict[Callable[..., Any], JsonSchemaValue] = {}
    for name, keywords in known.items():
        function = getattr(values, name, None) or getattr(model, name, None)
        if callable(function):
            found[function] = keywords
    return found


class EditorJsonSchema(GenerateJsonSchema):
    """pydantic's generator, plus the patterns that the models check in Python code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keywords = _validator_keywords()

    def _with_keywords(
        self, schema: JsonSchemaValue, function: Callable[..., Any]
    ) -> JsonSchemaValue:
        keywords = self._keywords.get(function)
        if keywords and schema.get("type") == "string":
            return {**schema, **keywords}
        return schema

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        result = super().function_after_schema(schema)
        return self._with_keywords(result, schema["function"]["function"])

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        result = super().function_before_schema(schema)
        return self._with_keywords(result, schema["function"]["function"])


def generate(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    cls, files = KINDS[kind]
    schema = cls.model_json_schema(schema_generator=EditorJsonSchema)
    return {
        "$schema": DIALECT,
        "$comment": (
            "Generated from generator/content/model.py by `python -m generator schema`; "
            "do not edit. "
            f"Describes {files}."
        ),
        **schema,
    }


def render(kind: str) -> str:
    """The text of `schema/<kind>.schema.json`, exactly as committed."""
    return json.dumps(generate(kind), indent=2, ensure_ascii=False) + "\n"


def schema_path(project: Path, kind: str) -> Path:
    """Where the schema of `kind` is committed."""
    return project / SCHEMA_FOLDER / f"{kind}.schema.json"


def stale_schemas(project: Path) -> list[Path]:
    """The committed schema files that differ from what the models generate (or are missing)."""
    stale = []
    for kind in KINDS:
        path = schema_path(project, kind)
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != render(kind):
            stale.append(path)
    return stale


def write_schemas(project: Path) -> list[Path]:
    """Write every schema file under `schema/`; return the files that changed."""
    folder = project / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    changed = stale_schemas(project)
    for path in changed:
        kind = path.name.removesuffix(".schema.json")
        path.write_text(render(kind), encoding="utf-8")
    return changed
