"""Reading content on two cores gives exactly what reading it in one process gives.

A forked helper parses part of the files and sends back plain data; the positions of its
files are found again only when a diagnostic needs one. Every invalid case is read both
ways and must give the same diagnostics, in the same places, and the same models.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fixture_sites import INVALID, TODAY, MakeProject

import generator.content.load.reader
from generator.content.kinds import Content
from generator.content.load import ReadCache
from generator.site.build import check

CASES = sorted(case.name for case in INVALID.iterdir() if case.is_dir())


def _read(
    project: Path, monkeypatch: pytest.MonkeyPatch, *, parallel: bool
) -> tuple[Content, list[str], int]:
    """Check `project` in one process or two; return the content, the lines, and how many
    files the helper process read."""
    helped = 0
    original = generator.content.load.reader._validate_parsed

    def counting(*args: Any) -> Any:
        nonlocal helped
        helped += 1
        return original(*args)

    with monkeypatch.context() as patch:
        patch.setattr(generator.content.load.reader, "_validate_parsed", counting)
        if parallel:
            patch.setattr(generator.content.load.reader, "PARALLEL_MIN_FILES", 0)
            patch.setattr(os, "cpu_count", lambda: 2)
            patch.delenv("BAYYIN_JOBS", raising=False)
        else:
            patch.setenv("BAYYIN_JOBS", "1")
        content, diagnostics = check(project, today=TODAY)
    return content, [d.format() for d in diagnostics], helped


@pytest.mark.parametrize("case", [None, *CASES])
def test_two_processes_read_like_one(
    case: str | None, make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(case) if case else make_project()
    alone, alone_lines, alone_helped = _read(project, monkeypatch, parallel=False)
    shared, shared_lines, shared_helped = _read(project, monkeypatch, parallel=True)
    assert alone_helped == 0
    assert shared_helped > 0, "the helper process read nothing"
    assert shared_lines == alone_lines
    for table in ("people", "sources", "claims", "stories", "pages"):
        assert getattr(shared, table) == getattr(alone, table), table
    assert shared.broken == alone.broken
    assert set(shared.partial) == set(alone.partial)


def test_positions_of_a_helper_read_file_are_found_again(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    content, _, helped = _read(project, monkeypatch, parallel=True)
    assert helped > 0
    lazy = [d for d in content.documents.values() if d.locate is not None]
    assert lazy, "no document was sent back without its positions"
    document = lazy[0]
    assert document.positions == {}
    line, column = document.position(("id",))
    # Found into a cache: position() leaves the document's fields as they were.
    assert document.positions == {} and document.locate is not None
    shown = project / document.path
    lines = shown.read_text(encoding="utf-8").splitlines()
    assert lines[line - 1][column - 1 :].startswith(str(document.data["id"]))


def test_a_read_cache_reads_again_only_what_changed(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    read: list[list[str]] = []
    original = generator.content.load.reader.read_all

    def recording(planned: list[Any]) -> Any:
        read.append(sorted(plan.file.name for plan in planned))
        return original(planned)

    monkeypatch.setattr(generator.content.load.reader, "read_all", recording)
    cache = ReadCache()
    first, first_lines = check(project, today=TODAY, cache=cache)
    assert first_lines == [] and len(read[0]) > 5

    claim = project / "content/claims/dogecoin-doge.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("title:\n", "titles:\n", 1), encoding="utf-8")
    second, second_lines = check(project, today=TODAY, cache=cache)
    assert read[1] == ["dogecoin-doge.yaml"], "only the edited file is read again"
    fresh, fresh_lines = check(project, today=TODAY)
    assert [d.format() for d in second_lines] == [d.format() for d in fresh_lines]
    assert second_lines and "titles" in second_lines[0].message
    assert second.claims == fresh.claims and second.sources == first.sources

    claim.write_text(text, encoding="utf-8")
    third, third_lines = check(project, today=TODAY, cache=cache)
    assert read[-1] == ["dogecoin-doge.yaml"] and third_lines == []
    assert third.claims == first.claims
