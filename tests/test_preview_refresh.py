"""The preview's refresh: after an edit to a claim, source, person or story, only the pages
the edit touches are written again, and the site is then what a full build would make."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from generator.content.kinds import Content
from generator.site.build import build_site, check, claims_to_refresh

PROJECT = Path(__file__).resolve().parent.parent
CLAIMS = "content/claims"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's content, with its engine configuration and theme."""
    copy = tmp_path / "project"
    shutil.copytree(PROJECT / "content", copy / "content")
    shutil.copy2(PROJECT / "mkdocs.yml", copy / "mkdocs.yml")
    (copy / "theme").symlink_to(PROJECT / "theme", target_is_directory=True)
    return copy


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


def test_a_refresh_writes_what_a_full_build_writes(project: Path) -> None:
    site = project / "site"
    before = build_site(project, site)
    stamps = {page: page.stat().st_mtime_ns for page in site.glob("**/claims/*/index.html")}
    claim = _edit(
        project / CLAIMS / "musk-trump-epstein-files.yaml",
        'Musk said Trump "is in the Epstein files"',
        'Elon Musk wrote that Trump "is in the Epstein files"',
    )
    source = _edit(
        project / "content/sources/aa-musk-epstein-post.yaml", "تغطية مباشرة", "تغطية حية"
    )

    refresh = claims_to_refresh(before, _load(project), [claim, source])
    assert refresh is not None and "musk-trump-epstein-files" in refresh
    assert len(refresh) < len(before.claims)
    build_site(project, site, changed=[claim, source], previous=before)
    rewritten = {
        page.parent.name for page, stamp in stamps.items() if page.stat().st_mtime_ns != stamp
    }
    assert rewritten == refresh, "a refresh writes the touched claims' pages, and only those"

    full = project / "full"
    build_site(project, full)
    refreshed, built = _files(site), _files(full)
    assert refreshed.keys() == built.keys()
    for name, file in built.items():
        assert filecmp.cmp(refreshed[name], file, shallow=False), name
    assert "Elon Musk wrote that" in (site / "en/claims/index.html").read_text("utf-8")


def test_the_claims_an_edit_touches(project: Path) -> None:
    content = _load(project)
    claims = project / CLAIMS

    def refresh(*names: str) -> frozenset[str] | None:
        return claims_to_refresh(content, content, [project / "content" / n for n in names])

    # A claim, and the claims that show it among their related claims.
    assert refresh("claims/article-dogecoin-doge.yaml") == {
        "article-dogecoin-doge",
        *(c.id for c in content.claims.values() if "article-dogecoin-doge" in c.related),
    }
    # A source: the claims that cite it.
    assert refresh("sources/aa-musk-epstein-post.yaml") == {
        c.id for c in content.claims.values() if "aa-musk-epstein-post" in c.sources
    }
    # A person: the claims they made; a story: the claims it gathers.
    assert refresh("people/elon-musk.yaml") == {
        "musk-trump-epstein-files",
        "musk-trump-named-in-epstein-files",
        "musk-epstein-files-withheld-reason",
    }
    story = content.stories["trump-musk-embers"]
    assert refresh("stories/trump-musk-embers.yaml") == set(story.claims)
    assert (claims / "article-dogecoin-doge.yaml").is_file()


@pytest.mark.parametrize(
    "changed",
    [
        "content/ratings.yaml",  # a registry: every page may show it
        "content/site.yaml",
        "content/pages/about.yaml",
        "theme/main.html",
        "mkdocs.yml",
        "generator/pages/render.py",
        "content/claims/a-claim-that-is-not-there.yaml",
    ],
)
def test_other_edits_build_the_whole_site(project: Path, changed: str) -> None:
    content = _load(project)
    assert claims_to_refresh(content, content, [project / changed]) is None


def test_a_new_or_drafted_claim_builds_the_whole_site(project: Path) -> None:
    before = _load(project)
    claim = project / CLAIMS / "article-dogecoin-doge.yaml"
    claim.write_text(claim.read_text("utf-8") + "status: draft\n", "utf-8")
    assert claims_to_refresh(before, _load(project), [claim]) is None

    copy = project / CLAIMS / "article-dogecoin-doge-2.yaml"
    shutil.copy2(claim, copy)
    _edit(copy, "id: article-dogecoin-doge", "id: article-dogecoin-doge-2")
    assert claims_to_refresh(before, _load(project), [copy]) is None
