"""Fixtures shared by the unit tests (tests/) and the browser tests (site_tests/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.build import build_site

PROJECT = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def project() -> Path:
    """The repository root (holds mkdocs.yml and content/)."""
    return PROJECT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the real content/, shared by every test of the session."""
    site = tmp_path_factory.mktemp("build") / "site"
    build_site(PROJECT, site)
    return site
