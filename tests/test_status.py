"""`python -m generator status` and check's stale-translation warnings, on a real git history."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cli
from generator.site.build import check
from generator.tools import translation_compare, translation_git
from generator.tools.status import format_report, report, translation_warnings
from generator.tools.translation_compare import Texts, compare_versions
from generator.tools.translation_git import Change

CLAIM = "content/claims/sample-claim.yaml"
SUMMARY_AR = "ملخص أول [@aa-musk-epstein-post]"
SUMMARY_EN = "A first summary [@aa-musk-epstein-post]"

CLAIM_TEXT = """\
id: sample-claim
status: {status}
title:
  ar: عنوان
  en: A title
short:
  ar: قصير
  en: Short
claim:
  ar: الادعاء
  en: The claim
claimant: elon-musk
appearance:
  medium:
    ar: منشور
    en: A post
rating: accurate
summary:
  ar: "{summary_ar}"
  en: "{summary_en}"
context:
  - heading:
      ar: عنوان فرعي
      en: A heading
    body:
      ar: فقرة [@aa-musk-epstein-post]
      en: A paragraph [@aa-musk-epstein-post]
sources:
  - aa-musk-epstein-post
published: 2025-07-01
"""


def claim_text(
    summary_ar: str = SUMMARY_AR, summary_en: str = SUMMARY_EN, status: str = "published"
) -> str:
    return CLAIM_TEXT.format(summary_ar=summary_ar, summary_en=summary_en, status=status)


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(root: Path, message: str, files: dict[str, str]) -> str:
    for relative, text in files.items():
        (root / relative).write_text(text, encoding="utf-8")
        git(root, "add", relative)
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, project: Path) -> Path:
    """A fresh git repository: the real registries and pages, one person, one source."""
    root = tmp_path / "repo"
    content = root / "content"
    content.mkdir(parents=True)
    for name in ("site.yaml", "ratings.yaml"):
        shutil.copy(project / "content" / name, content / name)
    shutil.copytree(project / "content" / "pages", content / "pages")
    for folder, item in (("people", "elon-musk"), ("sources", "aa-musk-epstein-post")):
        (content / folder).mkdir()
        shutil.copy(project / "content" / folder / f"{item}.yaml", content / folder)
    (content / "claims").mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "Start")
    return root


def warnings_of(root: Path) -> list[str]:
    content, diagnostics = check(root)
    assert [d.format() for d in diagnostics if d.severity == "error"] == []
    return [d.format() for d in translation_warnings(root, content)]


def test_both_languages_edited_together_is_in_step(repo: Path) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    commit(repo, "Rewrite the summary", {CLAIM: claim_text("ملخص ثان", "A second summary")})
    assert warnings_of(repo) == []
    content, _ = check(repo)
    (row,) = report(repo, content).claims
    assert row.translation == "in step"


def test_arabic_edited_alone_marks_the_english_stale(repo: Path) -> None:
    first = commit(repo, "Add a claim", {CLAIM: claim_text()})
    second = commit(repo, "Reword the Arabic", {CLAIM: claim_text(summary_ar="ملخص معدّل")})
    (warning,) = warnings_of(repo)
    # It points at the English summary, the text that needs updating (line 20, column 7).
    assert warning.startswith(f"{CLAIM}:20:7: warning: summary.en: translation may be stale:")
    assert f"the Arabic changed in commit {second[:8]}" in warning
    assert f"the English last changed in commit {first[:8]}" in warning
    content, _ = check(repo)
    (row,) = report(repo, content).claims
    assert row.translation == "English may be stale (1 field(s))"


def test_english_edited_later_marks_the_arabic_stale(repo: Path) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    commit(repo, "Reword the Arabic", {CLAIM: claim_text(summary_ar="ملخص معدّل")})
    commit(
        repo,
        "Update both, then the English again",
        {CLAIM: claim_text("ملخص ثالث", "A third summary")},
    )
    commit(repo, "Reword the English", {CLAIM: claim_text("ملخص ثالث", "A reworded summary")})
    (warning,) = warnings_of(repo)
    assert f"{CLAIM}:19:7: warning: summary.ar: translation may be stale" in warning
    assert "the English changed in commit" in warning


def test_uncommitted_edits_count_as_the_newest_change(repo: Path) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    (repo / CLAIM).write_text(claim_text(summary_en="An edited summary"), encoding="utf-8")
    (warning,) = warnings_of(repo)
    assert (
        "summary.ar: translation may be stale: the English changed in your uncommitted" in warning
    )


def test_translation_checked_line_marks_both_languages_in_step(repo: Path) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    commit(
        repo,
        "Fix a typo in the Arabic\n\nTranslation-Checked: yes",
        {CLAIM: claim_text(summary_ar="ملخص أوّل [@aa-musk-epstein-post]")},
    )
    assert warnings_of(repo) == []


def test_a_new_uncommitted_claim_is_in_step(repo: Path) -> None:
    (repo / CLAIM).write_text(claim_text(), encoding="utf-8")
    assert warnings_of(repo) == []


def test_without_git_history_the_status_is_unknown_and_check_is_silent(
    repo: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(repo / "content", plain / "content")
    (plain / CLAIM).write_text(claim_text(), encoding="utf-8")
    assert warnings_of(plain) == []
    content, _ = check(plain)
    (row,) = report(plain, content).claims
    assert row.translation == "unknown (no git history)"


def test_check_warns_but_does_not_fail(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    commit(repo, "Reword the Arabic", {CLAIM: claim_text(summary_ar="ملخص معدّل")})
    monkeypatch.chdir(repo)
    monkeypatch.delenv(cli.FORMAT_VARIABLE, raising=False)
    assert cli.main(["check"]) == cli.EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{CLAIM}:20:7: warning: summary.en: translation may be stale")
    assert "content has warnings only" in captured.err
    assert cli.main(["check", "--format", "github"]) == cli.EXIT_OK
    assert capsys.readouterr().out.startswith(f"::warning file={CLAIM},line=20,col=7::")


def test_status_lists_claims_drafts_and_unarchived_sources(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, "Add a draft", {CLAIM: claim_text(status="draft")})
    monkeypatch.chdir(repo)
    assert cli.main(["status"]) == cli.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["claim", "status", "rating", "published", "updated", "translation"]
    assert out[2].split() == ["sample-claim", "draft", "accurate", "2025-07-01", "-", "in", "step"]
    assert "drafts (1): sample-claim" in out
    assert "claims without an author or editor (1): sample-claim" in out
    assert "sources with no archive link (1):" in out
    assert "  aa-musk-epstein-post  (cited by sample-claim)" in out


def test_an_archived_source_is_not_listed(repo: Path) -> None:
    source = repo / "content" / "sources" / "aa-musk-epstein-post.yaml"
    text = source.read_text(encoding="utf-8")
    if "\narchive:" not in text:
        text += "archive:\n  url: https://archive.example.org/aa-musk-epstein-post\n"
        text += "  date: 2025-06-06\n"
    source.write_text(text, encoding="utf-8")
    (repo / CLAIM).write_text(claim_text(), encoding="utf-8")
    content, diagnostics = check(repo)
    assert [d.format() for d in diagnostics if d.severity == "error"] == []
    result = report(repo, content)
    assert result.unarchived == {}
    assert "sources with no archive link (0):\n  none" in format_report(result)


def test_a_field_added_later_with_both_languages_is_in_step() -> None:
    one = Change("a" * 40, "2025-01-01")
    two = Change("b" * 40, "2025-01-02")
    first = {("title",): {"ar": "ع", "en": "T"}}
    second = {**first, ("context", 0, "body"): {"ar": "ف", "en": "P"}}
    assert compare_versions([(one, lambda: first), (two, lambda: second)]) == []
    third = {**second, ("context", 0, "body"): {"ar": "ف2", "en": "P"}}
    (stale,) = compare_versions([(one, lambda: first), (two, lambda: second), (two, lambda: third)])
    assert (stale.loc, stale.stale) == (("context", 0, "body"), "en")


def test_only_the_versions_needed_are_read() -> None:
    reads: list[int] = []

    def version(index: int, ar: str, en: str) -> tuple[Change, Callable[[], Texts | None]]:
        def read() -> Texts | None:
            reads.append(index)
            return {("summary",): {"ar": ar, "en": en}}

        return Change(str(index) * 40, "2025-01-01"), read

    history = [version(i, f"ع{i}", f"S{i}") for i in range(10)]  # both languages, every time
    assert compare_versions(history) == []
    assert sorted(reads) == [8, 9]
    reads.clear()
    history[9] = version(9, "ع-جديد", "S8")  # only the Arabic changed last
    (stale,) = compare_versions(history)
    assert (stale.stale, stale.changed.commit, stale.previous.commit) == ("en", "9" * 40, "8" * 40)
    assert sorted(reads) == [7, 8, 9]


def test_an_unreadable_version_is_skipped() -> None:
    one = Change("a" * 40, "2025-01-01")
    broken = Change("b" * 40, "2025-01-02")
    three = Change("c" * 40, "2025-01-03")
    first = {("title",): {"ar": "ع", "en": "T"}}
    last = {("title",): {"ar": "ع2", "en": "T"}}
    (stale,) = compare_versions(
        [(one, lambda: first), (broken, lambda: None), (three, lambda: last)]
    )
    assert (stale.stale, stale.changed, stale.previous) == ("en", three, one)


def test_committed_versions_are_parsed_once_then_read_from_the_cache(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    commit(repo, "Reword the Arabic", {CLAIM: claim_text(summary_ar="ملخص معدّل")})
    (repo / CLAIM).write_text(claim_text("ملخص ثالث", "A third summary"), encoding="utf-8")
    parsed: list[str] = []
    original = translation_compare.parse_text

    def counting(text: str, path: str) -> object:
        parsed.append(path)
        return original(text, path)

    monkeypatch.setattr(translation_compare, "parse_text", counting)
    first = warnings_of(repo)
    assert len(parsed) == 2  # the two commits; the file on disk was already loaded
    cache = repo / ".git" / "bayyin-translation-cache.json"
    assert cache.is_file()
    parsed.clear()
    assert warnings_of(repo) == first
    assert parsed == []


def test_a_damaged_cache_is_ignored(repo: Path) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    commit(repo, "Reword the Arabic", {CLAIM: claim_text(summary_ar="ملخص معدّل")})
    (repo / ".git" / "bayyin-translation-cache.json").write_text("{not json", encoding="utf-8")
    (warning,) = warnings_of(repo)
    assert "summary.en: translation may be stale" in warning


def test_a_signed_claim_is_not_listed_as_unsigned(repo: Path, project: Path) -> None:
    shutil.copytree(project / "content" / "staff", repo / "content" / "staff")
    (repo / CLAIM).write_text(claim_text() + "author: desk\neditor: desk\n", encoding="utf-8")
    content, diagnostics = check(repo)
    assert [d.format() for d in diagnostics if d.severity == "error"] == []
    result = report(repo, content)
    assert "sample-claim" not in result.unsigned
    assert "claims without an author or editor (0): none" in format_report(result)


def test_status_counts_the_sources_without_a_title(repo: Path) -> None:
    (repo / CLAIM).write_text(claim_text(), encoding="utf-8")
    content, _ = check(repo)
    result = report(repo, content)
    total = len(content.sources)
    assert total > 0 and result.untitled == sorted(content.sources)
    assert f"sources with no title: {total} of {total}" in format_report(result)
    source = repo / "content" / "sources" / "aa-musk-epstein-post.yaml"
    title = "title: Musk says real reason Epstein files have not been made public\n"
    source.write_text(
        source.read_text(encoding="utf-8") + title + "translated_title:\n  ar: ماسك\n",
        encoding="utf-8",
    )
    content, _ = check(repo)
    result = report(repo, content)
    assert "aa-musk-epstein-post" not in result.untitled
    assert f"sources with no title: {total - 1} of {total}" in format_report(result)


def test_a_version_brought_by_a_merge_is_committed_not_uncommitted(repo: Path) -> None:
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    git(repo, "checkout", "-q", "-b", "review")
    commit(repo, "Reword the Arabic", {CLAIM: claim_text(summary_ar="ملخص معدّل")})
    git(repo, "checkout", "-q", "main")
    heading = claim_text().replace("A heading", "Another heading").replace("عنوان فرعي", "فرعي")
    commit(repo, "Reword the heading", {CLAIM: heading})
    git(repo, "merge", "-q", "--no-edit", "review")
    merge = git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "status", "--porcelain") == ""
    histories = translation_git.file_histories(repo, "content/claims")
    assert histories is not None
    assert histories[CLAIM][-1][0].commit == merge
    # The one-language edit still warns, but as committed: the checkout is clean.
    (warning,) = warnings_of(repo)
    assert "summary.en: translation may be stale: the Arabic changed in commit" in warning
    assert "uncommitted" not in warning


def test_status_shows_a_withdrawn_claim_as_withdrawn(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    withdrawn = (
        claim_text()
        + "withdrawn:\n  date: 2025-07-02\n  reason:\n    ar: سحبناه\n    en: We withdrew it\n"
    )
    commit(repo, "Withdraw the claim", {CLAIM: withdrawn})
    content, diagnostics = check(repo)
    assert [d.format() for d in diagnostics if d.severity == "error"] == []
    (row,) = report(repo, content).claims
    assert row.status == "withdrawn"
    monkeypatch.chdir(repo)
    assert cli.main(["status"]) == cli.EXIT_OK
    assert capsys.readouterr().out.splitlines()[2].split()[:2] == ["sample-claim", "withdrawn"]


OTHER = "content/claims/other-claim.yaml"


def test_translation_checked_on_a_merged_branch_still_counts(repo: Path) -> None:
    """The Translation-Checked line is on the branch's commit, not on the merge: the walk must
    keep the merged branch's commits (so `--first-parent` would be wrong)."""
    commit(repo, "Add two claims", {CLAIM: claim_text(), OTHER: other_text()})
    git(repo, "checkout", "-q", "-b", "side")
    commit(
        repo,
        "Fix a typo in the Arabic\n\nTranslation-Checked: yes",
        {CLAIM: claim_text(summary_ar="ملخص أوّل [@aa-musk-epstein-post]")},
    )
    git(repo, "checkout", "-q", "main")
    commit(repo, "Rewrite the other summary", {OTHER: other_text("ملخص آخر", "Another summary")})
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    assert warnings_of(repo) == []


def other_text(summary_ar: str = SUMMARY_AR, summary_en: str = SUMMARY_EN) -> str:
    return claim_text(summary_ar, summary_en).replace("id: sample-claim", "id: other-claim")


def test_a_merge_is_compared_with_its_first_parent_not_with_the_merged_branch(repo: Path) -> None:
    """Main fixes an Arabic typo (checked) while a branch rewrites a heading; after the merge
    the summary is in step. Listed in git's topological order, the branch's version (with the
    old Arabic) sat between main's and the merge's, so the merge looked like it changed the
    Arabic summary alone."""
    commit(repo, "Add a claim", {CLAIM: claim_text()})
    git(repo, "checkout", "-q", "-b", "side")
    heading = claim_text().replace("عنوان فرعي", "عنوان فرعي آخر").replace("A heading", "Another")
    commit(repo, "Rewrite the heading", {CLAIM: heading})
    git(repo, "checkout", "-q", "main")
    typo_fixed = claim_text(summary_ar="ملخص أوّل [@aa-musk-epstein-post]")
    commit(repo, "Fix a typo in the Arabic\n\nTranslation-Checked: yes", {CLAIM: typo_fixed})
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    merged = (repo / CLAIM).read_text(encoding="utf-8")
    assert "ملخص أوّل" in merged and "Another" in merged
    assert warnings_of(repo) == []
