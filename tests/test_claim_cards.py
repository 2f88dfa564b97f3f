"""`claim_cards: N` in content/site.yaml (a site nearing GitHub Pages' 1 GB): only the newest N
published claims are drawn a share card of their own; an older claim's page names its
rating's card, with that card's description, and has no card file."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixture_sites import TODAY, MakeProject

from generator.site.build import build_site, check

# Copies of the fixture's claim, published a month apart: the newest two keep their cards.
PUBLISHED = {
    "doge-jan": "2025-01-10",
    "doge-feb": "2025-02-10",
    "doge-mar": "2025-03-10",
    "doge-apr": "2025-04-10",
}
NEWEST = {"doge-apr", "doge-mar"}
# The fixture's own claim (2025-07-01) is the newest of all.
ORIGINAL = "dogecoin-doge"
RATING_CARD_TITLE = {"ar": "ادعاءات تقييمها", "en": "Claims rated"}


def _project(make_project: MakeProject, limit: int | None) -> Path:
    project = make_project(engine=True)
    claims = project / "content/claims"
    text = (claims / f"{ORIGINAL}.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"id: {ORIGINAL}\n") and "\npublished: 2025-07-01\n" in text
    for claim_id, published in PUBLISHED.items():
        copy = text.replace(f"id: {ORIGINAL}\n", f"id: {claim_id}\n", 1)
        copy = copy.replace("\npublished: 2025-07-01\n", f"\npublished: {published}\n", 1)
        (claims / f"{claim_id}.yaml").write_text(copy, encoding="utf-8")
    if limit is not None:
        site_file = project / "content/site.yaml"
        site_file.write_text(
            site_file.read_text(encoding="utf-8") + f"claim_cards: {limit}\n", encoding="utf-8"
        )
    return project


def _build(project: Path) -> Path:
    _, diagnostics = check(project, today=TODAY)
    assert [d.format() for d in diagnostics] == []
    site = project / "site"
    build_site(project, site, parallel=False)
    return site


def _meta(page: BeautifulSoup, name: str) -> str:
    tag = page.select_one(f"meta[property='{name}']")
    assert tag is not None, name
    return str(tag["content"])


@pytest.mark.parametrize(("root", "lang"), [("", "ar"), ("en/", "en")])
def test_only_the_newest_claims_have_cards_of_their_own(
    make_project: MakeProject, root: str, lang: str
) -> None:
    site = _build(_project(make_project, 3))
    own = {ORIGINAL, *NEWEST}
    for claim_id in [ORIGINAL, *PUBLISHED]:
        folder = site / root / "claims" / claim_id
        page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "lxml")
        image = _meta(page, "og:image")
        alt = _meta(page, "og:image:alt")
        title = _meta(page, "og:title")
        if claim_id in own:
            assert image.endswith(f"/{root}claims/{claim_id}/card.png"), claim_id
            assert (folder / "card.png").is_file(), claim_id
            assert title in alt
        else:
            assert image.endswith(f"/{root}ratings/inaccurate/card.png"), claim_id
            assert (site / root / "ratings/inaccurate/card.png").is_file()
            assert not (folder / "card.png").exists(), claim_id
            assert RATING_CARD_TITLE[lang] in alt and title not in alt


def test_without_the_setting_every_claim_has_its_own_card(make_project: MakeProject) -> None:
    site = _build(_project(make_project, None))
    for root in ("", "en/"):
        for claim_id in [ORIGINAL, *PUBLISHED]:
            assert (site / root / "claims" / claim_id / "card.png").is_file(), claim_id


@pytest.mark.parametrize("value", ["0", "-5", "many", "2.5"])
def test_the_setting_is_a_count(make_project: MakeProject, value: str) -> None:
    project = make_project()
    site_file = project / "content/site.yaml"
    site_file.write_text(
        site_file.read_text(encoding="utf-8") + f"claim_cards: {value}\n", encoding="utf-8"
    )
    _, diagnostics = check(project, today=TODAY)
    lines = [d.format() for d in diagnostics]
    assert len(lines) == 1 and lines[0].startswith("content/site.yaml:"), lines
    assert "claim_cards" in lines[0], lines
