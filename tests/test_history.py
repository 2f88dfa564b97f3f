"""Revision history from git: a temporary repository with commits whose messages hold
trailers, line breaks and the separator characters other formats use, then the pages,
the structured data, the feed and the site map that follow it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from built_pages import SITEMAP_NS, sitemap_entries
from fixture_sites import MakeProject

from generator.content.history import parse_log, read_histories
from generator.site.build import build_site

CLAIM = "dogecoin-doge"
REPOSITORY = "https://git.example/newsroom/bayyin"
ODD_SUBJECT = "Fix the \x1erecord\x1f and <b>unit</b> separators & quotes \"'"


def git(project: Path, *args: str, date: str = "2025-07-01T10:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-C", str(project), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def edit(project: Path, old: str, new: str) -> None:
    path = project / "content" / "claims" / f"{CLAIM}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repository(make_project: MakeProject) -> tuple[Path, list[str]]:
    """A project in git: the claim added, changed with trailers, fixed for a typo, then
    changed again with an odd subject; returns it and the commits, oldest first."""
    project = make_project(engine=True)
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + f"repository: {REPOSITORY}\n", "utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Add the dogecoin claim")
    edit(project, "published: 2025-07-01", "published: 2025-07-01\nupdated: 2025-07-02")
    message = (
        "Correct the date of the order\n\nThe order was signed a day earlier.\n\n"
        "Change-ar: تصحيح تاريخ الأمر التنفيذي\nChange-en: Correct the date of the\n"
        "  executive order\n"
    )
    git(project, "commit", "-q", "-am", message, date="2025-08-03T23:30:00+00:00")
    edit(project, "updated: 2025-07-02", "updated: 2025-07-03")
    git(
        project,
        "commit",
        "-q",
        "-am",
        "Fix a typo\n\nReader-visible: no\n",
        date="2025-09-10T08:00:00+00:00",
    )
    edit(project, "updated: 2025-07-03", "updated: 2025-07-04")
    git(
        project,
        "commit",
        "-q",
        "-am",
        ODD_SUBJECT + "\n\nA body line with \x1e and \x1f\nand more.\n",
        date="2025-10-05T12:00:00+00:00",
    )
    commits = git(project, "log", "--reverse", "--format=%H").split()
    return project, commits


def test_history_of_each_change(repository: tuple[Path, list[str]]) -> None:
    project, commits = repository
    histories = read_histories(project / "content")
    assert histories.notice is None
    assert list(histories.claims) == [CLAIM]
    history = histories.claims[CLAIM]
    assert [c.commit for c in history.changes] == commits
    assert [c.date for c in history.changes] == [
        dt.date(2025, 7, 1),
        dt.date(2025, 8, 3),
        dt.date(2025, 9, 10),
        dt.date(2025, 10, 5),
    ]
    corrected, typo, odd = history.later
    assert corrected.description("ar") == ("تصحيح تاريخ الأمر التنفيذي", "ar")
    assert corrected.description("en") == ("Correct the date of the executive order", "en")
    assert not typo.visible
    assert odd.subject == ODD_SUBJECT
    assert odd.description("ar") == (ODD_SUBJECT, "en")
    assert history.last_visible == dt.date(2025, 10, 5)


def test_claim_pages_show_the_history(repository: tuple[Path, list[str]]) -> None:
    project, commits = repository
    site = project / "site"
    build_site(project, site, parallel=False)
    for root, lang in (("", "ar"), ("en/", "en")):
        page = BeautifulSoup(
            (site / root / "claims" / CLAIM / "index.html").read_text("utf-8"), "lxml"
        )
        section = page.find("section", class_="bayyin-history")
        assert section is not None
        items = section.find_all("li")
        assert len(items) == 4  # first published, two visible changes, the minor edits
        links = [a["href"] for a in section.find_all("a")]
        # The minor edit (the third commit) is listed last, in the minor edits' item.
        shown = [commits[0], commits[1], commits[3], commits[2]]
        assert links == [f"{REPOSITORY}/commit/{commit}" for commit in shown]
        assert items[0].time["datetime"] == "2025-07-01"
        described = "تصحيح تاريخ الأمر التنفيذي" if lang == "ar" else "Correct the date"
        assert described in items[1].get_text()
        assert items[1].find("bdi", lang=True) is None
        # A subject without a trailer is shown as written, marked as English on both pages.
        odd = items[2].find("bdi", lang="en") if lang == "ar" else items[2]
        assert odd is not None and ODD_SUBJECT in odd.get_text()
        assert items[3].time["datetime"] == "2025-09-10"
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["dateModified"] == "2025-10-05"
        feed = ET.parse(site / root / "feed.xml").getroot()
        atom = "{http://www.w3.org/2005/Atom}"
        assert feed.find(f"{atom}entry/{atom}updated").text == "2025-10-05T00:00:00Z"
    lastmods = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in sitemap_entries(site)
        if url.find("s:lastmod", SITEMAP_NS) is not None
    }
    assert [v for k, v in lastmods.items() if k.endswith(f"/claims/{CLAIM}/")] == [
        "2025-10-05",
        "2025-10-05",
    ]


def test_commits_of_the_draft_are_not_listed(make_project: MakeProject) -> None:
    project = make_project(engine=True)
    git(project, "init", "-q", "-b", "main")
    edit(project, "published: 2025-07-01", "published: 2025-07-01\nstatus: draft")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Start the claim", date="2025-06-01T09:00:00Z")
    edit(project, "status: draft", "status: draft\nupdated: 2025-07-01")
    git(project, "commit", "-q", "-am", "Draft edit", date="2025-06-15T09:00:00Z")
    edit(project, "status: draft\n", "")
    git(project, "commit", "-q", "-am", "Publish the claim", date="2025-07-01T09:00:00Z")
    site = project / "site"
    build_site(project, site, parallel=False)
    page = BeautifulSoup((site / "en" / "claims" / CLAIM / "index.html").read_text("utf-8"), "lxml")
    items = page.select(".bayyin-history li")
    assert [item.get_text(" ", strip=True) for item in items] == [
        "First published: 1 July 2025",
        "1 July 2025 : Publish the claim",
    ]


def test_minor_edits_do_not_move_the_modified_date(
    repository: tuple[Path, list[str]],
) -> None:
    project, _ = repository
    edit(project, "updated: 2025-07-04", "updated: 2025-07-05")
    git(project, "commit", "-q", "-am", "Typo\n\nReader-visible: no", date="2025-12-01T00:00:00Z")
    history = read_histories(project / "content").claims[CLAIM]
    assert len(history.later) == 4
    assert history.last_visible == dt.date(2025, 10, 5)


def test_no_git_gives_a_notice(make_project: MakeProject) -> None:
    project = make_project()
    histories = read_histories(project / "content")
    assert histories.claims == {}
    assert histories.notice is not None and "no git history" in histories.notice


def test_shallow_clone_gives_a_notice(repository: tuple[Path, list[str]], tmp_path: Path) -> None:
    project, _ = repository
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    histories = read_histories(clone / "content")
    assert histories.claims == {}
    assert histories.notice is not None and "shallow clone" in histories.notice


def test_a_build_without_history_has_no_history_section(make_project: MakeProject) -> None:
    project = make_project(engine=True)
    site = project / "site"
    content = build_site(project, site, parallel=False)
    assert content.history.notice is not None
    page = (site / "en" / "claims" / CLAIM / "index.html").read_text("utf-8")
    assert 'class="bayyin-history"' not in page
    assert "<html" in page


def test_parse_log_skips_what_is_not_a_claim_file() -> None:
    commit = "a" * 40
    output = (
        f"\0{commit}\x002025-01-02\0Subject\0\0\0\0\nx.yaml\0notes.txt\0sub/y.yaml"
        f"\0\0{'b' * 40}\x00not-a-date\0S\0\0\0\0\nz.yaml\0"
    )
    histories = parse_log(output)
    assert list(histories) == ["x"]
    assert histories["x"].first.date == dt.date(2025, 1, 2)
