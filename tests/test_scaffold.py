"""`python -m generator new claim|person|source <id>`: skeletons that fail only where to write."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator import cli
from generator.content.diagnostics import Diagnostic
from generator.content.model import (
    Appearance,
    Claim,
    EvidenceImage,
    Original,
    Person,
    Section,
    Source,
    Staff,
    Withdrawal,
)
from generator.site.build import check
from generator.tools.scaffold import skeleton, write_skeleton

DAY = dt.date(2025, 7, 1)
PERSON = "elon-musk"
SOURCE = "aa-musk-epstein-post"


@pytest.fixture
def site(tmp_path: Path, project: Path) -> Path:
    """A small clean project: the real registries and pages, one person, one source."""
    root = tmp_path / "site"
    content = root / "content"
    content.mkdir(parents=True)
    for name in ("site.yaml", "ratings.yaml"):
        shutil.copy(project / "content" / name, content / name)
    # A newsroom's own contact, not the example site's placeholder (a warning of its own).
    settings = content / "site.yaml"
    settings.write_text(settings.read_text("utf-8").replace(".example", ".test"), "utf-8")
    shutil.copytree(project / "content" / "pages", content / "pages")
    for folder, item in (("people", PERSON), ("sources", SOURCE)):
        (content / folder).mkdir()
        shutil.copy(project / "content" / folder / f"{item}.yaml", content / folder)
    (content / "claims").mkdir()
    _, diagnostics = check(root)
    assert [d.format() for d in diagnostics if d.severity == "error"] == []
    return root


def errors_in(root: Path, relative: str) -> list[Diagnostic]:
    _, diagnostics = check(root)
    errors = [d for d in diagnostics if d.severity == "error"]
    assert all(d.path == relative for d in errors), [d.format() for d in errors]
    return errors


def active_lines(text: str, pattern: str) -> set[int]:
    """Numbers of the lines (from 1) that are not comments and match `pattern`."""
    return {
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#") and re.search(pattern, line)
    }


def fill_texts(text: str, cite: str | None = None) -> str:
    """Replace every "" an editor must fill with text, citing `cite` where given."""
    marker = f" [@{cite}]" if cite else ""
    out = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            line = line.replace('ar: ""', f'ar: "نص تجريبي{marker}"')
            line = line.replace('en: ""', f'en: "Sample text{marker}"')
        out.append(line)
    return "".join(out)


def declared_fields(text: str) -> set[str]:
    """Field names written in the skeleton, as keys or as commented-out keys."""
    return set(re.findall(r"^[ #-]*([a-z_]+):", text, re.MULTILINE))


@pytest.mark.parametrize(
    ("kind", "models"),
    [
        ("claim", (Claim, Appearance, Original, Section, EvidenceImage, Withdrawal)),
        ("person", (Person,)),
        ("source", (Source,)),
        ("staff", (Staff,)),
    ],
)
def test_skeleton_names_every_field_of_the_model(
    kind: str, models: tuple[type[BaseModel], ...], site: Path
) -> None:
    text = skeleton(kind, "new-item", DAY, site / "content")
    for model in models:
        missing = set(model.model_fields) - declared_fields(text)
        assert not missing, f"{model.__name__} fields missing from the {kind} skeleton: {missing}"


@pytest.mark.parametrize("kind", ["claim", "person", "source", "staff"])
def test_skeleton_starts_with_the_schema_line_for_the_editor(
    kind: str, site: Path, project: Path
) -> None:
    path = write_skeleton(site, kind, "new-item", DAY)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    # The relative link must reach the committed schema from where the file is written.
    target = (project / path.relative_to(site)).parent / match[1]
    assert target.resolve() == (project / "schema" / f"{kind}.schema.json").resolve()
    assert target.is_file()


def test_claim_skeleton_is_dated_today_and_lists_the_choices(site: Path) -> None:
    text = skeleton("claim", "new-claim", DAY, site / "content")
    assert "published: 2025-07-01" in text
    assert "id: new-claim" in text
    assert "status: draft" in text
    assert PERSON in text  # the known people
    for rating in ("accurate", "misleading", "explainer"):
        assert re.search(rf"^#\s+{rating}\s", text, re.MULTILINE), rating


def test_claim_skeleton_fails_only_where_the_editor_must_write(site: Path) -> None:
    # Every problem comes out in one run: the empty texts and the choices still to make.
    path = write_skeleton(site, "claim", "new-claim", DAY)
    text = path.read_text(encoding="utf-8")
    errors = errors_in(site, "content/claims/new-claim.yaml")
    empty = active_lines(text, r'""')
    choices = active_lines(text, r"choose-a-")
    assert {d.line for d in errors} == empty | choices
    assert all(
        d.message.endswith("this text is empty; write it out") for d in errors if d.line in empty
    )
    assert all("choose-a-" in d.message for d in errors if d.line in choices)


def test_claim_skeleton_then_fails_only_on_the_choices_to_make(site: Path) -> None:
    path = write_skeleton(site, "claim", "new-claim", DAY)
    path.write_text(fill_texts(path.read_text(encoding="utf-8")), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    errors = errors_in(site, "content/claims/new-claim.yaml")
    choices = active_lines(text, r"choose-a-")
    uncited = active_lines(text, r"^\s+(ar|en): \"(نص تجريبي|Sample text)\"$") & {
        d.line for d in errors if "has no citation" in d.message
    }
    assert {d.line for d in errors} == choices | uncited
    assert len(uncited) == 2  # the Arabic and English body of the one context section
    messages = " ".join(d.message for d in errors)
    assert "no person 'choose-a-person' in content/people/" in messages
    assert "'choose-a-rating' is not a known rating (known: accurate," in messages
    assert "no source 'choose-a-source' in content/sources/" in messages


def test_filled_claim_skeleton_is_clean(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(site)
    assert cli.main(["new", "claim", "new-claim"]) == cli.EXIT_OK
    path = site / "content" / "claims" / "new-claim.yaml"
    assert capsys.readouterr().out.strip() == "content/claims/new-claim.yaml"
    text = fill_texts(path.read_text(encoding="utf-8"), cite=SOURCE)
    text = (
        text.replace("choose-a-person", PERSON)
        .replace("choose-a-rating", "accurate")
        .replace("choose-a-source", SOURCE)
    )
    path.write_text(text, encoding="utf-8")
    assert cli.main(["check"]) == cli.EXIT_OK
    assert capsys.readouterr().out == ""
    content, _ = check(site)
    assert content.claims["new-claim"].status == "draft"
    assert content.claims["new-claim"].published == dt.date.today()


@pytest.mark.parametrize(
    ("kind", "folder", "placeholders"),
    [
        ("person", "people", r'""'),
        ("source", "sources", r'""|"https://"'),
        ("staff", "staff", r'""'),
    ],
)
def test_person_and_source_skeletons_fail_only_where_to_write(
    kind: str, folder: str, placeholders: str, site: Path
) -> None:
    path = write_skeleton(site, kind, "new-item", DAY)
    text = path.read_text(encoding="utf-8")
    errors = errors_in(site, f"content/{folder}/new-item.yaml")
    assert {d.line for d in errors} == active_lines(text, placeholders)
    filled = fill_texts(text).replace('"https://"', '"https://www.example.org/page"')
    filled = re.sub(r'^(\w+): ""$', r'\1: "Filled in"', filled, flags=re.MULTILINE)
    filled = filled.replace('language: "Filled in"', "language: en")
    path.write_text(filled, encoding="utf-8")
    assert errors_in(site, f"content/{folder}/new-item.yaml") == []


def test_new_refuses_to_overwrite_a_file(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(site)
    existing = site / "content" / "people" / f"{PERSON}.yaml"
    before = existing.read_bytes()
    assert cli.main(["new", "person", PERSON]) == cli.EXIT_USAGE
    assert existing.read_bytes() == before
    assert f"content/people/{PERSON}.yaml already exists" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["Bad_Id", "two--hyphens", "trailing-", "كلمة", "a/b"])
def test_new_refuses_an_invalid_id(
    bad: str, site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(site)
    assert cli.main(["new", "claim", bad]) == cli.EXIT_USAGE
    assert "is not a valid id" in capsys.readouterr().err
    assert list((site / "content" / "claims").iterdir()) == []


def test_new_refuses_an_unknown_kind(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["new", "article", "x"])
    assert exit_info.value.code == cli.EXIT_USAGE


def test_the_guide_the_skeleton_points_to_explains_every_rating(project: Path) -> None:
    guide = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    english, _, arabic = guide.partition('<a id="العربية"></a>')
    assert arabic, "CONTRIBUTING.md needs its Arabic part"
    content, _ = check(project)
    assert content.ratings is not None
    for rating in content.ratings.ratings:
        for part in (english, arabic):
            assert f"| `{rating.id}` | " in part, f"CONTRIBUTING.md does not explain {rating.id}"
    assert "Guide: CONTRIBUTING.md." in skeleton("claim", "x", DAY, project / "content")
