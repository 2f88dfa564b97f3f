"""Fixture sites for the unit tests: a valid minimal site and invalid cases built on it.

`tests/fixtures/valid/content/` is a small site with every kind of content file. Each
`tests/fixtures/invalid/<case>/` holds only what differs from it:

- `content/...`: files laid over a copy of the valid content (same path → replaced);
- `remove.txt` (optional): paths, relative to the project, deleted from the copy;
- `isolate` (optional): run the case in a child process (input that once crashed the
  interpreter must fail the test, not kill pytest);
- `expected.txt`: the exact diagnostic lines `check` prints, in order.

Adding a case is adding a folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
# "In the future" is measured from this date, so the expected diagnostics never age.
TODAY = dt.date(2026, 1, 1)

MakeProject = Callable[..., Path]


def copy_project(destination: Path, case: Path | None = None, *, engine: bool = False) -> Path:
    """Copy the valid site into `destination`, with `case` laid over it.

    Args:
        destination: a folder that does not exist yet; it becomes the project.
        case: an invalid-case folder (its content/ overlays, its remove.txt deletes).
        engine: also give the project what a build needs (mkdocs.yml, theme/).
    """
    shutil.copytree(VALID / "content", destination / "content")
    if case is not None:
        overlay = case / "content"
        if overlay.is_dir():
            shutil.copytree(overlay, destination / "content", dirs_exist_ok=True)
        removals = case / "remove.txt"
        if removals.exists():
            for line in removals.read_text(encoding="utf-8").splitlines():
                target = destination / line.strip()
                assert target.exists(), f"{removals}: {line} is not in the valid site"
                target.unlink()
    if engine:
        shutil.copy2(REPO / "mkdocs.yml", destination / "mkdocs.yml")
        (destination / "theme").symlink_to(REPO / "theme", target_is_directory=True)
    return destination


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator check` in `project` as a separate process, as an editor runs it;
    it must never end in a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def edit(project: Path, relative: str, old: str, new: str, *, every: bool = False) -> None:
    """Replace the first `old` (with `every`, each one) in the project's file `relative`,
    which must hold it."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} has no {old!r}"
    path.write_text(text.replace(old, new, -1 if every else 1), encoding="utf-8")
