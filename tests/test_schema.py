"""The JSON Schema in schema/: current with the models, accepts all content, rejects mistakes.

Content is read here the way an editor's YAML extension reads it (YAML 1.2 core: `5` is a
number, `2025-06-05` and `no` are text), after the project's own loader accepted the file.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator import cli
from generator.content.diagnostics import Document
from generator.content.load import parse_text, read_document, to_model
from generator.tools.scaffold import skeleton
from generator.tools.schema import FILE_PATTERNS, KINDS, render, schema_path
from generator.tools.translation_compare import bilingual_texts

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures" / "schema"


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema scalars, as the YAML extension reads."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$",
        list("-+.0123456789"),
    ),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def load_yaml12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a safe loader subclass


def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads(schema_path(PROJECT, kind).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def kind_of(relative: str) -> str | None:
    matches = [
        kind for kind, pattern in FILE_PATTERNS.items() if fnmatch.fnmatch(relative, pattern)
    ]
    assert len(matches) <= 1, (relative, matches)
    return matches[0] if matches else None


def content_files() -> list[str]:
    return sorted(p.relative_to(PROJECT).as_posix() for p in (PROJECT / "content").rglob("*.yaml"))


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_matches_the_models(kind: str) -> None:
    path = schema_path(PROJECT, kind)
    assert path.read_text(encoding="utf-8") == render(kind), (
        f"{path.relative_to(PROJECT)} is out of date: run `python -m generator schema`"
    )


def test_every_content_file_validates_against_its_schema() -> None:
    files = content_files()
    assert len(files) >= 10
    validators = {kind: validator(kind) for kind in KINDS}
    problems = []
    for relative in files:
        kind = kind_of(relative)
        assert kind is not None, f"{relative} is not mapped to a schema in FILE_PATTERNS"
        document = read_document(PROJECT / relative, relative)
        if not isinstance(document, Document):
            problems.append(f"{relative}: the loader refuses it: {document.format()}")
            continue
        model_errors = to_model(document, KINDS[kind][0])
        if isinstance(model_errors, list):
            problems.append(f"{relative}: the model refuses it: {model_errors[0].format()}")
            continue
        data = load_yaml12((PROJECT / relative).read_text(encoding="utf-8"))
        for error in validators[kind].iter_errors(data):
            problems.append(f"{relative}: {error.json_path}: {error.message}")
    assert problems == []


def fixtures() -> list[Path]:
    found = sorted(FIXTURES.glob("*.yaml"))
    assert found, f"no fixtures in {FIXTURES}"
    return found


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda p: p.stem)
def test_invalid_file_is_rejected_by_schema_and_model_at_the_same_place(fixture: Path) -> None:
    kind = fixture.name.split("--")[0]
    text = fixture.read_text(encoding="utf-8")
    expected = re.search(r"^# schema error at: #(\S*)$", text, re.MULTILINE)
    assert expected, f"{fixture.name} needs a '# schema error at: #/pointer' line"
    errors = list(validator(kind).iter_errors(load_yaml12(text)))
    assert errors, f"the {kind} schema accepts {fixture.name}"
    pointers = {"".join(f"/{part}" for part in error.absolute_path) for error in errors}
    assert expected[1] in pointers, (fixture.name, pointers)
    document = parse_text(text, fixture.name)
    assert isinstance(document, Document)
    assert isinstance(to_model(document, KINDS[kind][0]), list), (
        f"the {kind} model accepts {fixture.name}, which the schema refuses"
    )


@pytest.mark.parametrize("kind", ["claim", "person", "source"])
def test_schema_underlines_exactly_the_empty_texts_of_a_skeleton(kind: str) -> None:
    text = skeleton(kind, "new-item", dt.date(2025, 7, 1), PROJECT / "content")
    data = load_yaml12(text)
    errors = list(validator(kind).iter_errors(data))
    flagged = {tuple(error.absolute_path) for error in errors}
    empty = {
        (*loc, lang)
        for loc, pair in bilingual_texts(data)
        for lang, value in pair.items()
        if not value
    }
    empty |= {(key,) for key, value in data.items() if value == ""}
    url_placeholder = {("url",)} if kind == "source" else set()
    assert flagged == empty | url_placeholder


def test_vscode_maps_each_kind_of_file_to_its_schema() -> None:
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    expected = {
        f"./schema/{kind}.schema.json": [pattern] for kind, pattern in FILE_PATTERNS.items()
    }
    assert mapping == expected
    for schema_file in mapping:
        assert (PROJECT / schema_file).is_file(), schema_file
    for relative in content_files():
        matched = [s for s, patterns in mapping.items() if fnmatch.fnmatch(relative, patterns[0])]
        assert len(matched) == 1, (relative, matched)


def test_schema_check_reports_a_stale_file_and_schema_rewrites_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["schema", "--check"]) == cli.EXIT_CONTENT  # no schema/ folder yet
    assert cli.main(["schema"]) == cli.EXIT_OK
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(
        f"{kind}.schema.json" for kind in KINDS
    )
    capsys.readouterr()
    assert cli.main(["schema", "--check"]) == cli.EXIT_OK
    stale = tmp_path / "schema" / "claim.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"draft"', '"sketch"'), "utf-8")
    assert cli.main(["schema", "--check"]) == cli.EXIT_CONTENT
    assert "schema/claim.schema.json: out of date" in capsys.readouterr().out
    assert cli.main(["schema"]) == cli.EXIT_OK
    assert "wrote schema/claim.schema.json" in capsys.readouterr().err
    assert cli.main(["schema", "--check"]) == cli.EXIT_OK
    assert stale.read_text(encoding="utf-8") == render("claim")
