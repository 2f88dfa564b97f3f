"""The two ways of reading YAML agree.

`parse_text` reads a file with the fast reader: one loop for the common events, and checks
skipped for every value when the whole file passed them. `parse_text_reference` reads it with
every event through `EventReader.feed` and every value through every check. For every YAML
file under tests/ and for generated documents, valid and broken (duplicate keys, aliases,
tags, tabs, YAML 1.1 booleans and dates, wrong types, Unicode, bidi controls, markup,
comments), both give the same data, positions, warnings, diagnostics (text, line, column)
and models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.content.diagnostics import Diagnostic, Document
from generator.content.kinds import FOLDERS, REGISTRIES
from generator.content.load import parse_text, parse_text_reference, read_text, to_model
from generator.content.load.fast import FastReader
from generator.content.model import Claim, Person, SiteSettings, Source, Story

TESTS = Path(__file__).resolve().parent
_TEXTS = {
    file: read_text(file, file.relative_to(TESTS).as_posix())
    for file in sorted(TESTS.rglob("*"))
    if file.suffix in (".yaml", ".yml") and file.is_file() and not file.is_symlink()
}
# The files that are text (the others are fixtures of unreadable files: not UTF-8, too large).
FILES = {file: text for file, text in _TEXTS.items() if isinstance(text, str)}
MODELS: list[type[BaseModel]] = [Claim, Source, Person, Story, SiteSettings]
CHECKS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _model_for(file: Path) -> type[BaseModel]:
    if file.parent.name in FOLDERS:
        return FOLDERS[file.parent.name].model
    registries = {f"{kind.name}.yaml": kind.model for kind in REGISTRIES}
    return registries.get(file.name, Claim)


def _outcome(result: Document | Diagnostic, cls: type[BaseModel]) -> tuple[Any, ...]:
    if isinstance(result, Diagnostic):
        return ("stopped", result.format())
    model = to_model(result, cls)
    return (
        "read",
        result.data,
        result.positions,
        result.key_positions,
        [warning.format() for warning in result.warnings],
        [d.format() for d in model] if isinstance(model, list) else model,
    )


def assert_read_alike(text: str, path: str, cls: type[BaseModel]) -> None:
    fast = _outcome(parse_text(text, path), cls)
    reference = _outcome(parse_text_reference(text, path), cls)
    assert fast == reference, text


def _takes_the_fast_loop(text: str) -> bool:
    reader = FastReader(Document(path="x.yaml", data=None), text)
    return reader.normalized and not reader.markup and not reader.comments


def test_the_fixtures_are_read_by_both_loops() -> None:
    # Without files of both kinds, the comparison below would not compare the fast loop.
    fast = [file for file, text in FILES.items() if _takes_the_fast_loop(text)]
    assert len(fast) > 20
    assert len(fast) < len(FILES)


@pytest.mark.parametrize("file", sorted(FILES), ids=lambda file: file.relative_to(TESTS).as_posix())
def test_every_fixture_file_reads_alike(file: Path) -> None:
    assert_read_alike(FILES[file], file.relative_to(TESTS).as_posix(), _model_for(file))


# --- generated documents ------------------------------------------------------------------

KEYS = [
    "id", "title", "summary", "rating", "published", "updated", "sources", "claimant", "ar",
    "en", "context", "heading", "body", "status", "topics", "url", "name", "language", "x",
    "<<", "? x", "a b", "عنوان",
]  # fmt: skip
# Values YAML 1.1 or the model read specially, and characters the checks look for.
SPECIAL = [
    "no", "yes", "off", "on", "~", "null", "Null", "", "012", "0x1F", "1e3", ".inf", "true",
    "2025-06-05", "2025-02-30", "5/6/2025", "٢٠٢٥-٠١-٠١", "claim-id", "&a x", "*a", "!!str x",
    "!x y", "[a, b]", "{a: b}", "[", "{", "|", ">", "- x", "#1 issue", "a #b", "a # b", "@x",
    "`x`", "%x", "<b>bold</b>", "<https://a.b/>", "<https://a.b/x=1>", "&amp;", "a&copy=2",
    "&#65;", "[@source-id]", "[t](https://a.b)", "e\u0301", "\u00e9", "\u202ex", "\u2066x",
    "\u200fx", "x\u200d", "\x85", "\u2028", "\ufeff", "\t", "a\tb", "دوجكوين", "ﻻ",
]  # fmt: skip
ALPHABET = st.sampled_from(
    list("abcxyz019 -_.:#&*!|>?@%`'\"[]{},<>=/\\\t")
    + ["é", "e", "\u0301", "د", "و", "\u064b", "\u200f", "\u202e", "\u00a0", "ı", "ſ", "\x7f"]
)
ESCAPES = ["\\u202e", "\\t", "\\x41", "\\n", "\\\\", '\\"', "\\u0301", "\\e", "\\q", "\\ud800"]


@st.composite
def scalars(draw: st.DrawFn) -> str:
    """A scalar as written after `key: `, in any style, possibly broken."""
    text = draw(st.one_of(st.sampled_from(SPECIAL), st.text(ALPHABET, max_size=12)))
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "block", "folded"]))
    if style == "single":
        return "'" + text.replace("'", draw(st.sampled_from(["''", "'"]))) + "'"
    if style == "double":
        escape = draw(st.sampled_from(["", *ESCAPES]))
        return '"' + text.replace('"', '\\"') + escape + '"'
    if style in ("block", "folded"):
        return ("|" if style == "block" else ">") + "\n  " + text + "\n  " + draw(scalars())
    return text


@st.composite
def nodes(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """The lines of one mapping at `indent`, with nested mappings and lists."""
    pad = " " * indent
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(KEYS))
        prefix = draw(st.sampled_from(["", "", "", "&a ", "!!str ", "*a "]))
        shape = draw(st.sampled_from(["scalar", "scalar", "map", "list", "flow"]))
        if shape == "map" and depth < 3:
            lines.append(f"{pad}{prefix}{key}:")
            lines += draw(nodes(indent + draw(st.sampled_from([2, 2, 4, 1])), depth + 1))
        elif shape == "list" and depth < 3:
            lines.append(f"{pad}{prefix}{key}:")
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(f"{pad}  - {draw(scalars())}")
                else:
                    inner = draw(nodes(indent + 4, depth + 1))
                    lines.append(f"{pad}  - {inner[0].lstrip()}")
                    lines += inner[1:]
        elif shape == "flow":
            items = ", ".join(draw(st.lists(st.sampled_from(SPECIAL[:30]), max_size=3)))
            lines.append(f"{pad}{key}: " + draw(st.sampled_from([f"[{items}]", f"{{{items}}}"])))
        else:
            comment = draw(st.sampled_from(["", "", " # note", "  #x", " #"]))
            lines.append(f"{pad}{prefix}{key}: {draw(scalars())}{comment}")
    return lines


SNIPPETS = [
    "\t", "---\n", "...\n", "%YAML 1.1\n", "&a ", "*a", "<<: *a\n", "!!python/object x", "#",
    " #1", "\u202e", "\ufeff", "\x00", "\u2028", "<p>", "&lt;", '"', "'", ":", ": ", "- ", "[",
    "]", "{", "}", "\n", "\n  ", "  ", "@", "`", "|", ">", "?", "é", "e\u0301",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a few lines repeated (duplicate keys), dropped, indented with tabs, or a
    snippet inserted anywhere."""
    for _ in range(draw(st.integers(0, 3))):
        lines = text.split("\n")
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["repeat", "drop", "tab", "insert", "insert"]))
        if action == "repeat":
            lines.insert(index, lines[index])
        elif action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "tab":
            lines[index] = "\t" + lines[index].lstrip(" ")
        else:
            text = "\n".join(lines)
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
            continue
        text = "\n".join(lines)
    return text


@st.composite
def generated(draw: st.DrawFn) -> str:
    return draw(mutated("\n".join(draw(nodes(0, 0))) + "\n"))


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> tuple[Path, str]:
    file = draw(st.sampled_from(sorted(FILES)))
    return file, draw(mutated(FILES[file]))


@CHECKS
@given(text=generated(), cls=st.sampled_from(MODELS))
def test_generated_documents_read_alike(text: str, cls: type[BaseModel]) -> None:
    assert_read_alike(text, "content/claims/generated.yaml", cls)


@CHECKS
@given(case=mutated_fixtures())
def test_mutated_fixture_files_read_alike(case: tuple[Path, str]) -> None:
    file, text = case
    assert_read_alike(text, file.relative_to(TESTS).as_posix(), _model_for(file))
