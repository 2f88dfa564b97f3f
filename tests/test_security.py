"""Regression tests of issue 19 (security): each one failed before its fix.

A project is the valid fixture with one file changed; `check` must answer with located
plain-words diagnostics, and the build must never crash on what `check` lets through.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixture_sites import REPO, TODAY, MakeProject

import generator.plugin
from generator.build import check

CLAIM = "content/claims/dogecoin-doge.yaml"


def lines(project: Path) -> list[str]:
    _, found = check(project, today=TODAY)
    return [d.format() for d in found]


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, relative: str, needle: str) -> int:
    text = (project / relative).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


# --- 1. markup in titles ------------------------------------------------------------------

HOSTILE_AUTOLINK = "<https://a.b/contenteditable/autofocus/onfocus=alert(document.domain)//>"


def test_an_autolink_with_an_equals_sign_is_refused(make_project: MakeProject) -> None:
    project = make_project()
    edit(project, CLAIM, '  en: Was the row about "Dogecoin"?', f"  en: 'Title {HOSTILE_AUTOLINK}'")
    line = line_of(project, CLAIM, "Title <https")
    found = lines(project)
    assert found[0].startswith(f"{CLAIM}:{line}:")
    assert "is a link in <...> with a quote or '=' in it" in found[0]


@pytest.mark.parametrize(
    ("relative", "old"),
    [
        (CLAIM, "  en: Was the row"),
        ("content/people/reviewed-article.yaml", "  en: The article"),
        ("content/site.yaml", "  en: Bayyin\n"),
    ],
)
def test_an_autolink_outside_prose_is_refused(
    make_project: MakeProject, relative: str, old: str
) -> None:
    project = make_project()
    edit(project, relative, old, old.replace("en: ", "en: <https://example.org/> "))
    line = line_of(project, relative, "<https://example.org/>")
    found = lines(project)
    assert len(found) == 1, found
    assert re.match(
        rf"{re.escape(relative)}:{line}:\d+: error: \S+: '<https://example.org/>' is a link; "
        "links are allowed only in Markdown prose",
        found[0],
    ), found


def test_only_materials_own_inline_scripts_are_allowed() -> None:
    material = (
        '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
        "_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem("
        't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem('
        'a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )
    page = (
        f'<html><head><meta charset="utf-8"><script>{material}</script>'
        "<script>alert(1)</script></head></html>"
    )
    out = generator.plugin.with_csp(page)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', out)
    assert policy is not None
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert policy.group(1).count("'sha256-") == 1
    assert "'unsafe-inline'" not in policy.group(1)
    assert "http" not in policy.group(1)  # no other host
    evil = generator.plugin.with_csp(
        page.replace(material, material.replace('"../.."', '"x"+alert(1)+"'))
    )
    assert "'sha256-" not in evil


def test_the_theme_has_no_inline_script_of_its_own() -> None:
    for template in (REPO / "theme").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "application/" in tag, f"{template}: {tag}"
