"""The `check` command's contract, run as editors and CI run it.

`.venv/bin/python -m generator check [PATH...]` in a project folder: exit 0 when clean (or
warnings only), 1 for content errors, 2 for usage errors; one `path:line:col: severity:
message` line per problem, paths relative to the project, every problem of the run at
once, and never a traceback.
"""

from __future__ import annotations

import os

import pytest
from fixture_sites import INVALID, MakeProject, edit, run_check

CLAIM = "content/claims/dogecoin-doge.yaml"


def test_clean_content_exits_0(make_project: MakeProject) -> None:
    result = run_check(make_project())
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "content is clean\n"


def test_warnings_only_exit_0(make_project: MakeProject) -> None:
    result = run_check(make_project("url-idn-warning"))
    assert result.returncode == 0
    assert result.stdout.splitlines() == (
        (INVALID / "url-idn-warning/expected.txt").read_text(encoding="utf-8").splitlines()
    )
    assert result.stderr == "0 error(s), 1 warning(s)\ncontent has warnings only\n"


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            "title:",
            "titel:",
            f"{CLAIM}:2:1: error: unknown field 'titel' (did you mean 'title'?)",
        ),
        (
            "published: 2025-07-01",
            "published: 2025-02-30",
            f"{CLAIM}:36:12: error: published: 2025-02-30 is not a real date (check the day "
            "and month)",
        ),
        (
            "rating: inaccurate",
            "rating: mostly-true",
            f"{CLAIM}:16:9: error: rating: 'mostly-true' is not a known rating (known: accurate, "
            "inaccurate, explainer)",
        ),
        (
            "  en: Was the row",
            "\ten: Was the row",
            f"{CLAIM}:4:1: error: a tab is used for indentation; indent with spaces only",
        ),
        (
            "claimant: reviewed-article",
            "claimant: reviewed-article\nclaimant: someone-else",
            f"{CLAIM}:12:1: error: duplicate key 'claimant' (first given on line 11); "
            "keep only one",
        ),
    ],
    ids=["typo-key", "wrong-date", "unknown-rating", "tab", "duplicate-key"],
)
def test_one_broken_thing_is_one_located_line(
    make_project: MakeProject, old: str, new: str, line: str
) -> None:
    project = make_project()
    edit(project, CLAIM, old, new)
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [line]
    assert result.stderr == "1 error(s), 0 warning(s)\n"


def test_every_problem_of_a_run_at_once(make_project: MakeProject) -> None:
    project = make_project()
    edit(project, CLAIM, "title:", "titel:")
    edit(project, CLAIM, "published: 2025-07-01", "published: 2025-02-30")
    edit(project, CLAIM, "rating: inaccurate", "rating: mostly-true")
    edit(project, "content/people/reviewed-article.yaml", "  en: The", "\ten: The")
    edit(project, "content/sources/govinfo-eo-14158.yaml", "https://", "javascript:")
    edit(project, "content/pages/about.yaml", "title:", "title:\ntitle:")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{CLAIM}:2:1: error: unknown field 'titel' (did you mean 'title'?)",
        f"{CLAIM}:16:9: error: rating: 'mostly-true' is not a known rating (known: accurate, "
        "inaccurate, explainer)",
        f"{CLAIM}:36:12: error: published: 2025-02-30 is not a real date (check the day and month)",
        "content/pages/about.yaml:3:1: error: duplicate key 'title' (first given on line 2); "
        "keep only one",
        "content/people/reviewed-article.yaml:5:1: error: a tab is used for indentation; "
        "indent with spaces only",
        "content/sources/govinfo-eo-14158.yaml:2:6: error: url: only http or https links are "
        "allowed (this one starts with 'javascript:')",
    ]
    assert result.stderr == "6 error(s), 0 warning(s)\n"


def test_paths_narrow_the_report(make_project: MakeProject) -> None:
    project = make_project()
    edit(project, CLAIM, "title:", "titel:")
    edit(project, "content/sources/govinfo-eo-14158.yaml", "https://", "javascript:")
    only_claim = run_check(project, CLAIM)
    assert only_claim.returncode == 1
    assert only_claim.stdout.splitlines() == [
        f"{CLAIM}:2:1: error: unknown field 'titel' (did you mean 'title'?)"
    ]
    only_sources = run_check(project, "content/sources/")
    assert only_sources.returncode == 1
    assert [line.split(":", 1)[0] for line in only_sources.stdout.splitlines()] == [
        "content/sources/govinfo-eo-14158.yaml"
    ]
    clean_file = run_check(project, "content/site.yaml")
    assert (clean_file.returncode, clean_file.stdout) == (0, "")


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["content/claims/no-such-file.yaml"]],
    ids=["unknown-flag", "missing-path"],
)
def test_usage_errors_exit_2(make_project: MakeProject, args: list[str]) -> None:
    result = run_check(make_project(), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error" in result.stderr


def test_path_outside_the_project_is_a_usage_error(make_project: MakeProject) -> None:
    result = run_check(make_project(), "/")
    assert result.returncode == 2
    assert result.stderr == "error: / is outside the project folder\n"


def test_hostile_files_exit_1_with_their_lines(make_project: MakeProject) -> None:
    project = make_project("yaml-deep-nesting-flow")
    expected = (INVALID / "yaml-deep-nesting-flow/expected.txt").read_text(encoding="utf-8")
    for case, relative in (
        ("yaml-billion-laughs", "content/people/reviewed-article.yaml"),
        ("enc-nul-byte", "content/sources/govinfo-eo-14158.yaml"),
        ("enc-utf16-bom", "content/pages/about.yaml"),
    ):
        # The same hostile bytes, each in another file of the one project.
        (project / relative).write_bytes((INVALID / case / CLAIM).read_bytes())
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        *expected.splitlines(),
        "content/pages/about.yaml:1:1: error: the file is saved as UTF-16; save it as UTF-8",
        "content/people/reviewed-article.yaml:1:4: error: anchors (&a) are not allowed; write "
        "each value out in full (if the & belongs to the text, put the whole value in quotes)",
        "content/sources/govinfo-eo-14158.yaml:37:1: error: the file contains a NUL byte; it is "
        "not a text file",
    ]


def test_unprintable_file_name_does_not_crash_the_output(make_project: MakeProject) -> None:
    project = make_project()
    with open(os.fsencode(project / "content/people") + b"/\xff.yaml", "wb") as handle:
        handle.write(b"id: x\n")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/people/\\xFF.yaml:1:1: error: the file name '\\xFF.yaml' is not a valid id: "
        "use lowercase Latin letters, digits and single hyphens, like musk-epstein-files.yaml"
    ]
