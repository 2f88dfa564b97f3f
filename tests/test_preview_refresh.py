"""The preview's refresh: after an edit, the pages that read what it changed are written
again, and the site is then byte for byte what a full build of the edited content makes."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from generator.content.kinds import Content
from generator.pages.reads import SITE_FILES, RecordingContent
from generator.pages.render import Renderer
from generator.pages.urls import language_root
from generator.site.build import Preview, build_site, check, pages_to_refresh

PROJECT = Path(__file__).resolve().parent.parent

# (file, text, replacement): an edit to each kind of content, in a field of each class:
# prose, a name or label shown on other pages, a date, a reference to another item.
# Each is a refresh (only the pages that read what changed are written again) but those in
# FULL, which change what every page shows (the nav, the site's name, a registry).
FULL = {"story label", "rating label", "topic label", "site name"}
EDITS = {
    "claim prose": (
        "claims/musk-trump-epstein-files.yaml",
        'Musk said Trump "is in the Epstein files"',
        'Elon Musk wrote that Trump "is in the Epstein files"',
    ),
    "claim date": (
        "claims/article-dogecoin-doge.yaml",
        "published: 2026-11-26",
        "published: 2026-11-20",
    ),
    "claim reference": (
        "claims/article-dogecoin-doge.yaml",
        "  - article-isaacman-nomination-gor\n",
        "",
    ),
    "source prose": ("sources/aa-musk-epstein-post.yaml", "تغطية مباشرة", "تغطية حية"),
    "source reference": (
        "sources/aa-musk-epstein-post.yaml",
        "publisher: Anadolu Agency",
        "publisher: Anadolu",
    ),
    "person name": ("people/elon-musk.yaml", "en: Elon Musk", "en: Elon R. Musk"),
    "staff name": ("staff/desk.yaml", "en: Editorial desk", "en: The desk"),
    "story label": (
        "stories/trump-musk-embers.yaml",
        "what the article says",
        "what the article claims",
    ),
    "story reference": (
        "stories/trump-musk-embers.yaml",
        "  - article-dogecoin-doge\n",
        "",
    ),
    "page prose": ("pages/about.yaml", "Bayyin explains", "Bayyin (بيّن) explains"),
    "rating label": ("ratings.yaml", "en: Inaccurate", "en: Wrong"),
    "topic label": ("topics.yaml", "en: The Epstein case", "en: The Epstein files"),
    "site name": ("site.yaml", "en: Bayyin", "en: Bayyin."),
}


def _copy(destination: Path) -> Path:
    """A copy of the real project's content, with its engine configuration and theme."""
    shutil.copytree(PROJECT / "content", destination / "content")
    shutil.copy2(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    (destination / "theme").symlink_to(PROJECT / "theme", target_is_directory=True)
    return destination


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _copy(tmp_path / "project")


def _edit(file: Path, old: str, new: str) -> Path:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{file.name} no longer holds {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def _load(project: Path) -> Content:
    content, diagnostics = check(project)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return content


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _assert_same_site(refreshed: Path, built: Path) -> None:
    mine, theirs = _files(refreshed), _files(built)
    assert mine.keys() == theirs.keys(), "the refresh leaves the pages of a full build"
    different = [
        name for name, file in theirs.items() if not filecmp.cmp(mine[name], file, shallow=False)
    ]
    assert not different, f"stale after the refresh: {different}"


def test_renaming_a_person_refreshes_every_card_that_names_them(project: Path) -> None:
    """The issue's bug: the related-claim card on another claimant's claim page kept the
    old name after a refresh."""
    site = project / "site"
    preview = Preview()
    build_site(project, site, preview=preview)
    person = _edit(project / "content/people/elon-musk.yaml", "en: Elon Musk", "en: Elon R. Musk")
    build_site(project, site, changed=[person], preview=preview)
    page = (site / "en/claims/article-dogecoin-doge/index.html").read_text("utf-8")
    assert "Elon R. Musk" in page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Preview]:
    """The real content built once, and what its pages read."""
    project = _copy(tmp_path_factory.mktemp("built") / "project")
    preview = Preview()
    build_site(project, project / "site", preview=preview)
    return project, preview


@pytest.mark.parametrize("name", list(EDITS))
def test_a_refresh_writes_what_a_full_build_writes(
    built: tuple[Path, Preview], tmp_path: Path, name: str
) -> None:
    original, before = built
    project = _copy(tmp_path / "project")
    site = project / "site"
    shutil.copytree(original / "site", site, symlinks=True)
    # The build's record, moved with the content to this copy.
    assert before.content is not None
    preview = Preview(_load(project), dict(before.records))
    assert preview.content is not None
    preview.content.history = before.content.history
    stamps = {page: page.stat().st_mtime_ns for page in site.rglob("index.html")}
    file, old, new = EDITS[name]
    edited = _edit(project / "content" / file, old, new)

    refresh = pages_to_refresh(preview, _load(project), [edited])
    build_site(project, site, changed=[edited], preview=preview)
    rewritten = {
        page.relative_to(site).as_posix()
        for page, stamp in stamps.items()
        if page.stat().st_mtime_ns != stamp
    }
    build_site(project, project / "full")
    _assert_same_site(site, project / "full")
    if name not in FULL:
        # A refresh, not a full build in disguise: only some pages were written again.
        assert refresh is not None
        assert rewritten and len(rewritten) < len(stamps) / 2, rewritten
        assert rewritten == {
            f"{language_root(lang)}{path}index.html"
            for lang, paths in refresh.items()
            for path in paths - {SITE_FILES}
        }


def test_the_renderer_reaches_the_content_only_through_its_record(project: Path) -> None:
    """What a page shows comes from reads that are noted: the renderer keeps no other way
    to the content."""
    content = _load(project)
    renderer = Renderer(content, "en")
    assert isinstance(renderer.content, RecordingContent)
    others = [name for name, value in vars(renderer).items() if isinstance(value, Content)]
    assert others == ["content"]
    assert not [name for name in vars(renderer.content) if name == "original"]
    page = "claims/article-dogecoin-doge/"
    renderer.pages({page})
    claim = content.claims["article-dogecoin-doge"]
    related = [content.claims[r] for r in claim.related]
    assert {("claims", claim.id), ("people", claim.claimant)} <= renderer.reads.pages[page]
    assert {("people", r.claimant) for r in related} <= renderer.reads.pages[page]


@pytest.mark.parametrize(
    "changed",
    [
        "theme/main.html",
        "mkdocs.yml",
        "content/images/screenshot.png",
        "generator/pages/render.py",
        "content/claims/notes.txt",
    ],
)
def test_edits_outside_the_content_files_build_the_whole_site(
    built: tuple[Path, Preview], changed: str
) -> None:
    project, preview = built
    assert preview.content is not None
    assert pages_to_refresh(preview, preview.content, [project / changed]) is None
    # A content file, with nothing changed in it, rewrites nothing.
    same = project / "content/claims/article-dogecoin-doge.yaml"
    assert pages_to_refresh(preview, preview.content, [same]) == {"ar": set(), "en": set()}
