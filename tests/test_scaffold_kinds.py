"""`new story` and `new page`: skeletons that fail `check` only where the editor must write,
and pass once that is done; and `make new KIND=...` reaches every kind."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from fixture_sites import REPO, TODAY, MakeProject

from generator import cli
from generator.site.build import build_site, check
from generator.tools.scaffold import KINDS, write_skeleton

DAY = dt.date(2025, 7, 1)


def _errors(project: Path) -> list[tuple[str, int, str]]:
    _, diagnostics = check(project, today=TODAY)
    return [(d.path, d.line, d.message) for d in diagnostics if d.severity == "error"]


def _active_lines(text: str, pattern: str) -> set[int]:
    return {
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#") and re.search(pattern, line)
    }


def _filled(text: str) -> str:
    out = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            line = line.replace('ar: ""', 'ar: "نص تجريبي"').replace('en: ""', 'en: "Sample text"')
        out.append(line)
    return "".join(out).replace("choose-a-claim", "dogecoin-doge")


@pytest.mark.parametrize(("kind", "folder"), [("story", "stories"), ("page", "pages")])
def test_skeleton_fails_only_where_to_write_then_passes(
    kind: str, folder: str, make_project: MakeProject
) -> None:
    project = make_project()
    path = write_skeleton(project, kind, "new-item", DAY)
    shown = f"content/{folder}/new-item.yaml"
    text = path.read_text(encoding="utf-8")
    errors = _errors(project)
    assert {e[0] for e in errors} == {shown}
    empty = _active_lines(text, r'""')
    choices = _active_lines(text, r"choose-a-")
    assert {e[1] for e in errors} == empty | choices
    assert all(e[2].endswith("this text is empty; write it out") for e in errors if e[1] in empty)
    assert all("no claim 'choose-a-claim'" in e[2] for e in errors if e[1] in choices)
    assert empty, "a skeleton must leave something to write"
    path.write_text(_filled(text), encoding="utf-8")
    assert _errors(project) == []


def test_a_new_page_gets_a_page_on_the_site(make_project: MakeProject) -> None:
    project = make_project(engine=True)
    path = write_skeleton(project, "page", "privacy", DAY)
    path.write_text(_filled(path.read_text(encoding="utf-8")), encoding="utf-8")
    site = project / "site"
    build_site(project, site, parallel=False)
    assert "Sample text" in (site / "en/privacy/index.html").read_text(encoding="utf-8")
    assert "نص تجريبي" in (site / "privacy/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_make_new_reaches_every_kind(
    kind: str, make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `make new KIND=... ID=...` runs (make -n prints it; -o skips the install step).
    result = subprocess.run(
        [
            "make",
            "-n",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "new",
            f"KIND={kind}",
            "ID=new-item",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # (make prints "Entering/Leaving directory" lines when run from another make.)
    [line] = [line for line in result.stdout.splitlines() if " -m generator new " in line]
    command = line.split()
    assert command[1:] == ["-P", "-m", "generator", "new", kind, "new-item"]
    project = make_project()
    monkeypatch.chdir(project)
    assert cli.main(command[4:]) == cli.EXIT_OK
    assert (project / "content" / KINDS[kind] / "new-item.yaml").is_file()


@pytest.mark.parametrize("kind", ["story", "page"])
def test_skeleton_links_the_schema_of_its_kind(kind: str, make_project: MakeProject) -> None:
    project = make_project()
    path = write_skeleton(project, kind, "new-item", DAY)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    target = (REPO / path.relative_to(project)).parent / match[1]
    assert target.resolve() == (REPO / "schema" / f"{kind}.schema.json").resolve()
    assert target.is_file()
