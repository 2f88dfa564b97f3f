"""Builds are atomic, reproducible and never touch content.

A failed build (content errors, an engine failure, a dying build process, a failed swap)
leaves the previous site byte-identical; two builds with one SOURCE_DATE_EPOCH give the
same bytes, whatever Python's hash seed; no build or check modifies a content file.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixture_sites import REPO, VALID, copy_project

import generator.site.build
import generator.site.plugin
from generator.content.diagnostics import ContentError
from generator.content.kinds import Content
from generator.site.build import BuildError, build_site

EPOCH = "1750000000"


def tree(root: Path) -> dict[str, str]:
    """Every file and symbolic link under `root`, relative path → SHA-256 of its bytes."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            out[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[relative] = "folder"
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The valid fixture site, built once with a fixed SOURCE_DATE_EPOCH."""
    base = tmp_path_factory.mktemp("atomic")
    project = copy_project(base / "project", engine=True)
    site = base / "site"
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build_site(project, site)
        yield project, site
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-", "site-")))


def test_build_writes_both_languages(built: tuple[Path, Path]) -> None:
    _, site = built
    assert (site / "index.html").is_file()
    assert (site / "en" / "index.html").is_file()
    assert (site / "claims" / "dogecoin-doge" / "index.html").is_file()
    assert leftovers(site.parent) == []


def test_two_builds_are_byte_identical(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = built
    # Another process, another hash seed, another output folder: the same bytes.
    other = tmp_path / "elsewhere" / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(other)],
        cwd=project,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "PYTHONHASHSEED": "12345",
            "SOURCE_DATE_EPOCH": EPOCH,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    first, second = tree(site), tree(other)
    assert len(first) > 20
    differing = sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )
    assert differing == []


def test_builds_never_modify_content(built: tuple[Path, Path]) -> None:
    project, _ = built
    assert tree(project / "content") == tree(VALID / "content")


def test_content_errors_leave_the_site(built: tuple[Path, Path]) -> None:
    project, site = built
    before = tree(site)
    claim = project / "content/claims/dogecoin-doge.yaml"
    original = claim.read_bytes()
    claim.write_bytes(original.replace(b"rating: inaccurate", b"rating: mostly-true"))
    try:
        with pytest.raises(ContentError) as raised:
            build_site(project, site)
    finally:
        claim.write_bytes(original)
    assert [d.format() for d in raised.value.diagnostics] == [
        "content/claims/dogecoin-doge.yaml:16:9: error: rating: 'mostly-true' is not a known "
        "rating (known: accurate, inaccurate, explainer)"
    ]
    assert tree(site) == before
    assert leftovers(site.parent) == []


def test_engine_failure_leaves_the_site(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site = built
    before = tree(site)
    real = generator.site.plugin.build_language

    def english_fails(
        config: Path,
        lang: str,
        target: Path,
        content: Content,
        url: str,
        refresh: object,
        drafts: bool = False,
    ) -> None:
        if lang == "en":
            raise RuntimeError("injected failure in the English build")
        real(config, lang, target, content, url)

    # The build forks after this: its processes inherit the patched function.
    monkeypatch.setattr(generator.site.plugin, "build_language", english_fails)
    with pytest.raises(BuildError, match="injected failure in the English build"):
        build_site(project, site)
    assert tree(site) == before
    assert leftovers(site.parent) == []


def test_dying_build_process_is_an_error_not_a_hang(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site = built
    before = tree(site)

    def crash(
        config: Path,
        lang: str,
        target: Path,
        content: Content,
        url: str,
        refresh: object,
        drafts: bool = False,
    ) -> None:
        os.kill(os.getpid(), signal.SIGKILL)  # what a segfault in C code looks like

    monkeypatch.setattr(generator.site.plugin, "build_language", crash)
    with pytest.raises(BuildError, match="a build process died"):
        build_site(project, site)
    assert tree(site) == before
    assert leftovers(site.parent) == []


def fake_engine(
    config: Path,
    lang: str,
    target: Path,
    content: Content,
    url: str,
    refresh: object,
    drafts: bool = False,
) -> None:
    target.mkdir(parents=True)
    (target / "index.html").write_text(f"new {lang}\n", encoding="utf-8")


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_swap_replaces_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    project = copy_project(tmp_path / "project", engine=True)
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(generator.site.plugin, "build_language", fake_engine)
    if not exchange:
        monkeypatch.setattr(generator.site.build, "_exchange", lambda first, second: False)
    build_site(project, site, parallel=False)
    assert tree(site) == {
        "en": "folder",
        "en/index.html": hashlib.sha256(b"new en\n").hexdigest(),
        "index.html": hashlib.sha256(b"new ar\n").hexdigest(),
    }
    assert leftovers(tmp_path) == []


def test_failed_swap_restores_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", engine=True)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old\n", encoding="utf-8")
    before = tree(site)
    monkeypatch.setattr(generator.site.plugin, "build_language", fake_engine)
    monkeypatch.setattr(generator.site.build, "_exchange", lambda first, second: False)
    real_rename = Path.rename

    def rename(self: Path, target: str | os.PathLike[str]) -> Path:
        if Path(target) == site and self.name == "ar":
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(BuildError, match="No space left on device"):
        build_site(project, site, parallel=False)
    assert tree(site) == before
    assert leftovers(tmp_path) == []


def test_unusable_output_folder_is_a_build_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", engine=True)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    with pytest.raises(BuildError, match="cannot create a build folder"):
        build_site(project, blocker / "site", parallel=False)
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_bom_and_crlf_content_builds_the_same_site(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, site = built
    project = copy_project(tmp_path / "project", engine=True)
    for file in (project / "content").rglob("*.yaml"):
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    other = tmp_path / "site"
    build_site(project, other)  # the module fixture's SOURCE_DATE_EPOCH is still set
    first, second = tree(site), tree(other)
    differing = sorted(n for n in first.keys() | second.keys() if first.get(n) != second.get(n))
    assert differing == []
