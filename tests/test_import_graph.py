"""The layers' imports: rendering and validation read the model, never the loader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
NO_LOADER = ("pages/render", "pages/jsonld", "pages/publishing", "content/validate")


def imported(module: str) -> set[str]:
    """The generator modules that `generator/<module>.py` (or every file of the package
    `generator/<module>/`) imports."""
    package = GENERATOR / module
    files = sorted(package.rglob("*.py")) if package.is_dir() else [GENERATOR / f"{module}.py"]
    names: set[str] = set()
    for node in (n for f in files for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("module", NO_LOADER)
def test_rendering_and_validation_never_import_the_loader(module: str) -> None:
    assert "generator.content.load" not in imported(module)


def test_the_check_sees_an_import_of_the_loader() -> None:
    assert "generator.content.load" in imported("site/build")
