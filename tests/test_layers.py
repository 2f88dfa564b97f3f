"""The import graph keeps the pipeline's shape: content -> pages -> site, with tools beside
them. Content never imports pages, site or tools; pages never import the site, the tools or
the loader (they read the model); only the MkDocs adapter imports MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Steps after loading: they get a `Content` and must not know how it was read.
AFTER_LOADING = (
    "generator.content.validate",
    "generator.pages.render",
    "generator.pages.jsonld",
    "generator.pages.publishing",
)
LOADER = "generator.content.load"
ADAPTER = "generator.site.plugin"
ENGINES = ("mkdocs", "material")
# Each layer, and what none of its modules may import, directly or through other modules.
FORBIDDEN = {
    "generator.content": ("generator.pages", "generator.site", "generator.tools", "generator.cli"),
    "generator.pages": ("generator.site", "generator.tools", "generator.cli", LOADER),
    "generator.site": ("generator.tools", "generator.cli"),
    "generator.tools": ("generator.cli",),
}
# The only modules outside the layers: the command line and its entry point.
TOP = ("generator", "generator.__main__", "generator.cli")


def _module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(file: Path) -> set[str]:
    """Every module `file` imports, at the top or inside a function, as dotted names."""
    package = _module_name(file).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(file): file for file in sorted(PACKAGE.rglob("*.py"))}


def _reaches(start: str, target: str) -> list[str] | None:
    """The chain of generator modules by which `start` imports `target`, if any."""
    seen = {start}
    queue = [[start]]
    while queue:
        chain = queue.pop(0)
        for name in sorted(_imports(MODULES[chain[-1]])):
            if name == target or name.startswith(f"{target}."):
                return [*chain, name]
            if name in MODULES and name not in seen:
                seen.add(name)
                queue.append([*chain, name])
    return None


def test_the_modules_named_here_exist() -> None:
    for name in (*AFTER_LOADING, LOADER, ADAPTER):
        assert name in MODULES, f"{name} moved: update this test"


@pytest.mark.parametrize("module", AFTER_LOADING)
def test_steps_after_loading_never_import_the_loader(module: str) -> None:
    chain = _reaches(module, LOADER)
    assert chain is None, " imports ".join(chain or [])


def _layer(module: str) -> str | None:
    return next((layer for layer in FORBIDDEN if module.startswith(f"{layer}.")), None)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_is_in_a_layer(module: str) -> None:
    assert module in TOP or module in FORBIDDEN or _layer(module), f"{module} is in no layer"


@pytest.mark.parametrize("module", sorted(name for name in MODULES if _layer(name)))
def test_no_layer_imports_a_later_one(module: str) -> None:
    for target in FORBIDDEN[_layer(module) or ""]:
        chain = _reaches(module, target)
        assert chain is None, " imports ".join(chain or [])


def test_the_layer_rule_sees_a_chain() -> None:
    assert _reaches("generator.site.build", LOADER) is not None
    assert _reaches("generator.cli", "generator.tools") is not None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_adapter_imports_mkdocs(module: str) -> None:
    if module == ADAPTER:
        assert any(name.split(".")[0] == "mkdocs" for name in _imports(MODULES[module]))
        return
    engines = {name for name in _imports(MODULES[module]) if name.split(".")[0] in ENGINES}
    assert not engines, f"{module} imports {sorted(engines)}"


def test_the_import_finder_sees_imports_inside_functions(tmp_path: Path) -> None:
    file = tmp_path / "generator" / "sample.py"
    file.parent.mkdir()
    file.write_text("def f():\n    from generator.content.load import x\n", encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "generator"
    try:
        assert "generator.content.load" in _imports(file)
    finally:
        PACKAGE = saved
