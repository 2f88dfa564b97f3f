"""People in their roles: claimants have pages and scorecards, people only mentioned have
none; checks carry bylines from the staff registry, and the about page lists the staff."""

from __future__ import annotations

from pathlib import Path

import pytest
from built_pages import LANGUAGES, content, language_root, page_file, parse
from fixture_sites import TODAY, MakeProject

from generator.pages.render import Renderer
from generator.site.build import check

MENTIONED = """id: someone-mentioned
name:
  ar: شخص مذكور
  en: Someone mentioned
role:
  ar: ورد اسمه في ادعاء
  en: Named in a claim
"""


def published_by(claimant: str) -> list[str]:
    return [
        c.id
        for c in content().claims.values()
        if c.status == "published" and c.claimant == claimant
    ]


def claimant_ids() -> list[str]:
    return sorted(p for p in content().people if published_by(p))


def test_the_seed_has_people_who_are_only_mentioned() -> None:
    # Otherwise the tests below could not tell claimants from everyone else.
    assert set(content().people) - set(claimant_ids())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_people_index_lists_claimants_with_their_counts(built_site: Path, lang: str) -> None:
    data = content()
    soup = parse(built_site, f"{language_root(lang)}people/")
    entries = soup.select("ul.bayyin-index > li")
    listed = {li.select_one("a")["href"].strip("/"): li for li in entries}
    assert sorted(listed) == claimant_ids()
    for person_id, li in listed.items():
        count = len(published_by(person_id))
        assert count > 0
        assert li.select_one(".bayyin-index__count").get_text() == (
            f"(Claims: {count})" if lang == "en" else f"(عدد الادعاءات: {count})"
        )
        # The scorecard says in words what its bar shows.
        said = [a.get_text() for a in li.select(".bayyin-scorecard__counts a")]
        expected = {}
        for claim_id in published_by(person_id):
            rating = data.rating(data.claims[claim_id].rating)
            expected[rating.label[lang]] = expected.get(rating.label[lang], 0) + 1
        assert sorted(said) == sorted(f"{label}: {n}" for label, n in expected.items())
        bar = li.select_one(".bayyin-scorecard__bar")
        assert bar is not None and bar.get("aria-hidden") == "true"
        # One part per rating, as wide as its count, and no style attribute (the pages'
        # Content-Security-Policy refuses them).
        parts = bar.find_all("rect")
        assert sorted(int(r["width"]) for r in parts) == sorted(expected.values())
        assert bar["viewbox"] == f"0 0 {count} 1"
        assert not li.select("[style]")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_claimants_get_a_page(built_site: Path, lang: str) -> None:
    root = language_root(lang)
    for person_id in content().people:
        exists = page_file(built_site, f"{root}people/{person_id}/").is_file()
        assert exists == bool(published_by(person_id)), person_id
    assert not page_file(built_site, f"{root}people/jeffrey-epstein/").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_claimant_page_shows_the_scorecard(built_site: Path, lang: str) -> None:
    for person_id in claimant_ids():
        soup = parse(built_site, f"{language_root(lang)}people/{person_id}/")
        counts = soup.select(".bayyin-scorecard__counts li")
        total = sum(int(li.get_text().rsplit(":", 1)[1]) for li in counts)
        assert total == len(published_by(person_id))


def test_a_draft_claim_makes_nobody_a_claimant(make_project: MakeProject) -> None:
    project = make_project()
    (project / "content/people/someone-mentioned.yaml").write_text(MENTIONED, encoding="utf-8")
    claim = project / "content/claims/dogecoin-doge.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "claimant: reviewed-article", "claimant: someone-mentioned"
        ),
        encoding="utf-8",
    )
    loaded, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    paths = {page.path for page in Renderer(loaded, "en").pages()}
    assert "people/someone-mentioned/" in paths
    assert "people/reviewed-article/" not in paths  # now claims nothing

    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "id: dogecoin-doge", "id: dogecoin-doge\nstatus: draft"
        ),
        encoding="utf-8",
    )
    loaded, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    paths = {page.path for page in Renderer(loaded, "en").pages()}
    assert not {p for p in paths if p.startswith("people/") and p != "people/"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_claim_box_reads_verdict_first(built_site: Path, lang: str) -> None:
    for claim in content().claims.values():
        if claim.status != "published":
            continue
        soup = parse(built_site, f"{language_root(lang)}claims/{claim.id}/")
        box = soup.select_one(".bayyin-claimbox")
        assert box is not None
        first = box.find(True)
        assert first is not None and "bayyin-claimbox__verdict" in first.get("class", [])
        badge = first.select_one(".bayyin-rating")
        assert badge is not None and badge["data-rating"] == claim.rating
        order = [
            el
            for el in box.find_all(True)
            if el.get("class")
            and {"bayyin-rating", "bayyin-claimbox__text", "bayyin-claimbox__facts"}
            & set(el["class"])
        ]
        assert [sorted(el["class"])[0] for el in order][:1] == ["bayyin-rating"]
        assert "bayyin-claimbox__facts" in order[-1]["class"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_claim_pages_carry_the_byline(built_site: Path, lang: str) -> None:
    data = content()
    words = {"en": ("Written by", "Edited by"), "ar": ("كتابة:", "تحرير:")}[lang]
    for claim in data.claims.values():
        if claim.status != "published":
            continue
        soup = parse(built_site, f"{language_root(lang)}claims/{claim.id}/")
        byline = soup.select_one(".bayyin-byline")
        if claim.author is None and claim.editor is None:
            assert byline is None
            continue
        assert byline is not None
        text = " ".join(byline.get_text().split())
        if claim.author and claim.author == claim.editor:
            both = {"en": "Written and edited by", "ar": "كتابة وتحرير:"}[lang]
            assert text == f"{both} {data.staff[claim.author].name[lang]}"
            continue
        if claim.author:
            assert f"{words[0]} {data.staff[claim.author].name[lang]}" in text
        if claim.editor:
            assert f"{words[1]} {data.staff[claim.editor].name[lang]}" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_page_lists_the_staff_registry(built_site: Path, lang: str) -> None:
    data = content()
    assert data.staff
    soup = parse(built_site, f"{language_root(lang)}about/")
    names = [n.get_text() for n in soup.select(".bayyin-staff .bayyin-staff__name")]
    assert sorted(names) == sorted(m.name[lang] for m in data.staff.values())


def test_a_claim_without_bylines_shows_none(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / "content/claims/dogecoin-doge.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("author: desk\n", "").replace("editor: desk\n", ""), "utf-8")
    loaded, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    page = next(p for p in Renderer(loaded, "en").pages() if p.path == "claims/dogecoin-doge/")
    assert "bayyin-byline" not in page.html
    signed = Renderer(check(make_project(), today=TODAY)[0], "en").pages()
    page = next(p for p in signed if p.path == "claims/dogecoin-doge/")
    assert "Written and edited by" in page.html

    # Two members: each named in their role.
    (project / "content/staff/second.yaml").write_text(
        (project / "content/staff/desk.yaml")
        .read_text(encoding="utf-8")
        .replace("id: desk", "id: second")
        .replace("Editorial desk", "Second desk"),
        encoding="utf-8",
    )
    claim.write_text(text.replace("editor: desk", "editor: second"), "utf-8")
    loaded, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    page = next(p for p in Renderer(loaded, "en").pages() if p.path == "claims/dogecoin-doge/")
    assert "Written by <span" in page.html and "Edited by <span" in page.html
    assert "Second desk" in page.html
