"""Links between items: claim:id, story:id, person:id, page:id, topic:id and rating:id in
editor Markdown become links relative to the page they are on, so they work when the site
is published under a sub-path. (Their errors are cases in tests/fixtures/invalid/link-*.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from fixture_sites import TODAY, MakeProject

from generator.content.prose import ProseRenderer
from generator.site.build import build_site, check

ROOT = "https://example.org/bayyin/"
CLAIM = "content/claims/dogecoin-doge.yaml"
# Each link written in the claim's English summary, and the page it must reach.
LINKS = {
    "claim:dogecoin-doge#sources": "claims/dogecoin-doge/#sources",
    "person:reviewed-article": "people/reviewed-article/",
    "story:embers": "stories/embers/",
    "page:methodology": "methodology/",
    "rating:inaccurate": "ratings/inaccurate/",
    "topic:doge": "topics/doge/",
}


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{file.name} no longer holds {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    project = make_project(engine=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {ROOT}", text), encoding="utf-8")
    written = " ".join(f"[{target}]({target})" for target in LINKS)
    _edit(
        project / CLAIM,
        "  en: DOGE is the Department of Government Efficiency [@govinfo-eo-14158].",
        f"  en: 'DOGE is the Department of Government Efficiency [@govinfo-eo-14158]. {written}'",
    )
    _edit(
        project / "content/pages/about.yaml",
        "  en: |-\n",
        "  en: |-\n    Read [the check](claim:dogecoin-doge).\n\n",
    )
    return project


def test_item_links_pass_check(project: Path) -> None:
    _, diagnostics = check(project, today=TODAY)
    assert [d.format() for d in diagnostics] == []


def test_item_links_reach_their_page_under_a_sub_path(project: Path) -> None:
    site = project / "site"
    build_site(project, site, parallel=False)
    page_url = ROOT + "en/claims/dogecoin-doge/"
    page = BeautifulSoup((site / "en/claims/dogecoin-doge/index.html").read_text(), "lxml")
    found = {a.get_text(): str(a.get("href")) for a in page.select("a") if a.get_text() in LINKS}
    assert set(found) == set(LINKS)
    for written, target in LINKS.items():
        href = found[written]
        assert not href.startswith("/"), href
        reached = urljoin(page_url, href)
        assert reached == ROOT + "en/" + target
        assert (site / "en" / target.partition("#")[0] / "index.html").is_file(), written
    about = BeautifulSoup((site / "en/about/index.html").read_text(), "lxml")
    link = about.find("a", string="the check")
    assert link is not None
    assert urljoin(ROOT + "en/about/", str(link.get("href"))) == ROOT + "en/claims/dogecoin-doge/"


@pytest.mark.parametrize(
    ("here", "expected"),
    [
        ("", "claims/x/"),
        ("claims/y/", "../x/"),
        ("stories/s/", "../../claims/x/"),
        ("claims/x/", "./"),
    ],
)
def test_a_claim_link_is_relative_to_the_page(here: str, expected: str) -> None:
    html = ProseRenderer(lambda n: "").render("[c](claim:x)", here=here, inline=True)
    assert html == f'<a href="{expected}">c</a>'
