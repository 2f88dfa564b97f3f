"""The fixture sites: the valid one is clean; each invalid case gives exactly its diagnostics.

Cases that cannot live in git (symbolic links, pipes, unreadable files, names that differ
only in case, files over the size cap) are made here, next to their expected lines.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixture_sites import INVALID, REPO, TODAY, VALID, MakeProject, copy_project

import generator.content.load.text
from generator.content.load import MAX_FILE_BYTES, MAX_PROBLEMS_PER_FILE
from generator.site.build import check

CASES = sorted(case.name for case in INVALID.iterdir() if case.is_dir())
CLAIM = "content/claims/dogecoin-doge.yaml"
SOURCE = "content/sources/govinfo-eo-14158.yaml"

# Runs `check` in a child process and prints its lines as JSON: for input that once
# crashed the interpreter, a crash must fail the test, not end pytest.
_CHILD = """
import datetime, json, sys
from pathlib import Path
from generator.site.build import check
_, found = check(Path(sys.argv[1]), today=datetime.date.fromisoformat(sys.argv[2]))
print(json.dumps([d.format() for d in found]))
"""


def lines(project: Path) -> list[str]:
    _, diagnostics = check(project, today=TODAY)
    return [d.format() for d in diagnostics]


def lines_in_child(project: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project), TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, f"check crashed (exit {result.returncode}):\n{result.stderr}"
    found: list[str] = json.loads(result.stdout)
    return found


def test_valid_site_is_clean(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    content, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    assert set(content.claims) == {"dogecoin-doge"}
    assert set(content.sources) == {"govinfo-eo-14158", "fedsmith-trump-establishes-doge"}
    assert content.site is not None and content.ratings is not None
    assert set(content.pages) == {"about", "methodology", "corrections"}


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(case: str, make_project: MakeProject) -> None:
    folder = INVALID / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}: expected.txt is empty; a case must expect a diagnostic"
    project = make_project(case)
    started = time.perf_counter()
    found = lines_in_child(project) if (folder / "isolate").exists() else lines(project)
    assert found == expected
    assert time.perf_counter() - started < 10


def test_every_case_changes_the_valid_site() -> None:
    for case in CASES:
        folder = INVALID / case
        assert (folder / "content").is_dir() or (folder / "remove.txt").is_file(), case
        assert set(p.name for p in folder.iterdir()) <= {
            "content",
            "remove.txt",
            "expected.txt",
            "isolate",
        }, case


# --- files that cannot be committed ---------------------------------------------------------


def test_names_differing_only_in_case(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    (claim.parent / "Dogecoin-Doge.yaml").write_bytes(claim.read_bytes())
    assert lines(project) == [
        "content/claims/Dogecoin-Doge.yaml:1:1: error: 'Dogecoin-Doge.yaml' differs from "
        "'dogecoin-doge.yaml' only in upper/lower case; the two collide on Windows and macOS "
        "disks: keep one"
    ]


def test_symlinked_file_is_refused_and_never_opened(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    outside = tmp_path / "outside.yaml"
    outside.write_text((VALID / "content/people/reviewed-article.yaml").read_text())
    link = project / "content/people/other.yaml"
    link.symlink_to(outside)
    opened: list[str] = []
    real_open = os.open

    def spy(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        opened.append(os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(generator.content.load.text.os, "open", spy)
    assert lines(project) == [
        "content/people/other.yaml:1:1: error: symbolic links are not allowed in content/; "
        "copy the file here"
    ]
    assert str(link) not in opened and str(outside) not in opened
    assert any(path.endswith("reviewed-article.yaml") for path in opened)


def test_symlink_inside_content_is_refused_too(make_project: MakeProject) -> None:
    project = make_project()
    (project / "content/claims/copy.yaml").symlink_to(project / CLAIM)
    assert lines(project) == [
        "content/claims/copy.yaml:1:1: error: symbolic links are not allowed in content/; "
        "copy the file here"
    ]


def test_symlinked_folder_is_refused(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project()
    people = project / "content/people"
    people.rename(tmp_path / "people-elsewhere")
    people.symlink_to(tmp_path / "people-elsewhere", target_is_directory=True)
    assert lines(project) == [
        "content/people:1:1: error: symbolic links are not allowed in content/; "
        "make it a real folder",
    ]


def test_symlinked_site_yaml_is_refused(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project()
    site = project / "content/site.yaml"
    site.rename(tmp_path / "site.yaml")
    site.symlink_to(tmp_path / "site.yaml")
    assert lines(project) == [
        "content/site.yaml:1:1: error: symbolic links are not allowed in content/; "
        "copy the file here"
    ]


def test_named_pipe_does_not_hang(make_project: MakeProject) -> None:
    project = make_project()
    os.mkfifo(project / "content/claims/pipe.yaml")
    started = time.perf_counter()
    assert lines(project) == [
        "content/claims/pipe.yaml:1:1: error: this is not a regular file (a pipe, socket or "
        "device); delete it"
    ]
    assert time.perf_counter() - started < 5


def test_unreadable_file(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project()
    person = project / "content/people/reviewed-article.yaml"
    person.chmod(0)
    if os.geteuid() == 0:
        # Root reads a mode-000 file anyway; make the open fail the way it does for editors.
        real_open = os.open

        def refuse(path: str | os.PathLike[str], flags: int, *args: int) -> int:
            if Path(path) == person:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(generator.content.load.text.os, "open", refuse)
    try:
        assert lines(project) == [
            "content/people/reviewed-article.yaml:1:1: error: cannot read the file (permission "
            "denied); check that it exists and is readable"
        ]
    finally:
        person.chmod(0o644)


def test_file_over_the_size_cap(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    text = claim.read_bytes()
    claim.write_bytes(text + b"#" * (MAX_FILE_BYTES + 1 - len(text)))
    assert lines(project) == [
        f"{CLAIM}:1:1: error: the file is 1,048,577 bytes; the limit is 1 MiB (1,048,576 bytes) "
        "per file: shorten it or split it"
    ]


def test_file_at_the_size_cap_loads(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    text = claim.read_bytes()
    padding = MAX_FILE_BYTES - len(text) - 1
    claim.write_bytes(text + b"#" * padding + b"\n")
    assert claim.stat().st_size == MAX_FILE_BYTES
    assert lines(project) == []


def test_huge_scalar_is_refused_quickly(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    text = claim.read_text(encoding="utf-8")
    huge = "[" * 900_000
    claim.write_text(text.replace("en: What DOGE is", f"en: '{huge}'"), encoding="utf-8")
    started = time.perf_counter()
    assert lines(project) == [
        f"{CLAIM}:23:11: error: context[1].heading.en: this text is 900,000 characters long; "
        "the limit is 20,000 (split it into sections)"
    ]
    assert time.perf_counter() - started < 5


def test_many_problems_in_one_file_are_capped(make_project: MakeProject) -> None:
    project = make_project()
    person = project / "content/people/reviewed-article.yaml"
    extra = "".join(f"k{index}: v\n" for index in range(60_000))
    person.write_text(person.read_text(encoding="utf-8") + extra, encoding="utf-8")
    started = time.perf_counter()
    found = lines(project)
    assert time.perf_counter() - started < 10
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert found[0] == (
        "content/people/reviewed-article.yaml:1:1: error: 59950 more problems in this file "
        "are not shown; fix the ones above first"
    )
    assert found[1].startswith(
        "content/people/reviewed-article.yaml:9:1: error: unknown field 'k0' (known fields: id,"
    )


def test_hidden_files_are_ignored(make_project: MakeProject) -> None:
    project = make_project()
    (project / "content/claims/.dogecoin-doge.yaml.swp").write_bytes(b"\x00\xff")
    (project / "content/.DS_Store").write_bytes(b"\x00")
    (project / "content/README.md").write_text("How to add a claim\n")
    assert lines(project) == []


def test_no_content_folder(tmp_path: Path) -> None:
    assert lines(tmp_path) == ["content:1:1: error: no content folder here"]


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-29", None),
        ("2025-02-29", "published: 2025-02-29 is not a real date (check the day and month)"),
        ("2025-13-01", "published: 2025-13-01 is not a real date (check the day and month)"),
        ("2025-00-10", "published: 2025-00-10 is not a real date (check the day and month)"),
        ("'2025-07-01'", None),
        (
            "2025-07-01T10:00:00",
            "published: expected a date like 2025-06-05, got '2025-07-01T10:00:00'",
        ),
        (
            "۲۰۲۵-۰۷-۰۱",
            "published: write dates with Western digits (0-9), like 2025-06-05, got '۲۰۲۵-۰۷-۰۱'",
        ),
        ("2026-01-01", None),
        ("2026-01-02", "published: 2026-01-02 is in the future"),
    ],
)
def test_dates(make_project: MakeProject, value: str, message: str | None) -> None:
    project = make_project()
    claim = project / CLAIM
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("published: 2025-07-01", f"published: {value}"),
        encoding="utf-8",
    )
    expected = [] if message is None else [f"{CLAIM}:36:12: error: {message}"]
    assert lines(project) == expected


def test_yaml_11_values_are_read_as_the_model_wants(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    text = claim.read_text(encoding="utf-8")
    text = text.replace('  en: Was the row about "Dogecoin"?', "  en: no")
    text = text.replace("  en: What DOGE is", "  en: off")
    text = text.replace("topics:\n  - doge", "topics:\n  - 012\n  - yes")
    claim.write_text(text, encoding="utf-8")
    ratings = project / "content/ratings.yaml"
    ratings.write_text(
        ratings.read_text(encoding="utf-8").replace("value: 5", "value: 05"), encoding="utf-8"
    )
    topics = project / "content/topics.yaml"
    topics.write_text(
        "topics:\n"
        + "".join(
            f"  - id: '{t}'\n    label:\n      ar: وسم\n      en: Tag\n" for t in ("012", "yes")
        ),
        encoding="utf-8",
    )
    content, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    loaded = content.claims["dogecoin-doge"]
    assert loaded.title.en == "no"
    assert loaded.context[0].heading.en == "off"
    assert loaded.topics == ["012", "yes"]
    assert loaded.published == dt.date(2025, 7, 1)
    assert content.ratings is not None
    assert content.ratings.ratings[0].value == 5
    assert content.ratings.ratings[0].tone == "true"
    assert content.ratings.ratings[1].tone == "false"


def test_all_problems_of_a_run_are_reported(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    text = claim.read_text(encoding="utf-8")
    text = text.replace("title:", "titel:").replace(
        "published: 2025-07-01", "published: 2025-02-30"
    )
    text = text.replace("rating: inaccurate", "rating: mostly-true")
    claim.write_text(text, encoding="utf-8")
    source = project / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace("https://", "javascript://"))
    person = project / "content/people/reviewed-article.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "id: again\n", encoding="utf-8")
    assert lines(project) == [
        f"{CLAIM}:2:1: error: unknown field 'titel' (did you mean 'title'?)",
        f"{CLAIM}:16:9: error: rating: 'mostly-true' is not a known rating (known: accurate, "
        "inaccurate, explainer)",
        f"{CLAIM}:36:12: error: published: 2025-02-30 is not a real date (check the day and month)",
        "content/people/reviewed-article.yaml:9:1: error: duplicate key 'id' (first given on "
        "line 1); keep only one",
        f"{SOURCE}:2:6: error: url: only http or https links are allowed (this one starts with "
        "'javascript:')",
    ]


def test_unprintable_file_names_are_shown_escaped(make_project: MakeProject) -> None:
    project = make_project()
    claims = os.fsencode(project / "content/claims")
    with open(claims + b"/\xff\xe2\x80\xaebad.yaml", "wb") as handle:
        handle.write(b"id: x\n")
    (project / "content/claims/new\nline.yaml").write_text("id: x\n", encoding="utf-8")
    hint = "is not a valid id: use lowercase Latin letters, digits and single hyphens"
    assert lines(project) == [
        f"content/claims/new<U+000A>line.yaml:1:1: error: the file name 'new<U+000A>line.yaml' "
        f"{hint}, like musk-epstein-files.yaml",
        f"content/claims/\\xFF<U+202E>bad.yaml:1:1: error: the file name "
        f"'\\xFF<U+202E>bad.yaml' {hint}, like musk-epstein-files.yaml",
    ]


def test_escaped_line_break_in_a_value_stays_on_one_line(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "published: 2025-07-01", 'published: "2025-07-01\\nlater"'
        ),
        encoding="utf-8",
    )
    assert lines(project) == [
        f"{CLAIM}:36:12: error: published: expected a date like 2025-06-05, got "
        "'2025-07-01<U+000A>later'"
    ]


def test_folder_that_is_a_file(make_project: MakeProject) -> None:
    project = make_project()
    stories = project / "content/stories"
    for file in stories.iterdir():
        file.unlink()
    stories.rmdir()
    stories.write_text("id: embers\n", encoding="utf-8")
    assert lines(project) == [
        "content/stories:1:1: error: content/stories must be a folder of .yaml files, not a file"
    ]
