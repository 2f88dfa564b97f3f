"""Fixtures of the unit tests in tests/ (the repository's conftest.py has the shared ones)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_sites import INVALID, MakeProject, copy_project


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Return a function that makes a fresh project from the valid site (and a case)."""
    counter = iter(range(1_000_000))

    def make(case: str | Path | None = None, *, engine: bool = False) -> Path:
        folder = INVALID / case if isinstance(case, str) else case
        return copy_project(tmp_path / f"project-{next(counter)}", folder, engine=engine)

    return make
