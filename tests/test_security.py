"""Regression tests of issue 19 (security): each one failed before its fix.

A project is the valid fixture with one file changed; `check` must answer with located
plain-words diagnostics, and the build must never crash on what `check` lets through.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup
from fixture_sites import REPO, TODAY, MakeProject, edit
from PIL import Image
from test_status import CLAIM as STATUS_CLAIM
from test_status import claim_text, commit, repo, warnings_of  # noqa: F401 - repo: a fixture

import generator.site.build
import generator.site.output
import generator.site.plugin
from generator.content.load import parse_text
from generator.content.model import markdown_problem
from generator.content.prose import Citations, ProseRenderer, images, links, markers
from generator.content.validate import items as validate_items
from generator.pages import cards, render
from generator.pages.addresses import readable_url
from generator.site.build import BuildError, _build_into, check

CLAIM = "content/claims/dogecoin-doge.yaml"


def lines(project: Path) -> list[str]:
    _, found = check(project, today=TODAY)
    return [d.format() for d in found]


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
    out = generator.site.output.with_csp(page)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', out)
    assert policy is not None
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert policy.group(1).count("'sha256-") == 1
    assert "'unsafe-inline'" not in policy.group(1)
    assert "http" not in policy.group(1)  # no other host
    evil = generator.site.output.with_csp(
        page.replace(material, material.replace('"../.."', '"x"+alert(1)+"'))
    )
    assert "'sha256-" not in evil


def test_the_theme_has_no_inline_script_of_its_own() -> None:
    for template in (REPO / "theme").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "application/" in tag, f"{template}: {tag}"


# --- 2. code from a pull request ----------------------------------------------------------

_SHADOWS = {
    "difflib.py": "",
    "markdown.py": "",
    "yaml/__init__.py": "",
    "sitecustomize.py": "",
}


def test_a_module_added_at_the_top_of_the_project_does_not_run(make_project: MakeProject) -> None:
    """What the Makefile runs, in a project that holds modules named like the ones the
    generator imports: none of them runs."""
    project = make_project(engine=True)
    marker = project / "ran.txt"
    for name in _SHADOWS:
        path = project / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"open({str(marker)!r}, 'a').write({name!r})\n", encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"^GEN := \$\(PY\) (.*)$", makefile, re.MULTILINE)
    assert command is not None, "the Makefile names its generator command GEN"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    env["PYTHONSAFEPATH"] = "1"
    done = subprocess.run(
        [sys.executable, *command.group(1).split(), "check"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert not marker.exists(), marker.read_text(encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr


def _commands(text: str) -> list[str]:
    return re.findall(r"[^\n`|]*-m generator\b[^\n`|]*", text)


@pytest.mark.parametrize(
    "relative",
    [
        "Makefile",
        ".github/workflows/ci.yml",
        ".github/workflows/deploy.yml",
        "README.md",
        "CONTRIBUTING.md",
        ".ci/run",
    ],
)
def test_every_generator_command_runs_with_a_safe_path(relative: str) -> None:
    text = (REPO / relative).read_text(encoding="utf-8")
    if relative == "Makefile":
        assert re.search(r"^export PYTHONSAFEPATH := 1$", text, re.MULTILINE)
    for command in _commands(text):
        if "python" in command or "$(PY)" in command:
            assert "-P -m generator" in command, f"{relative}: {command.strip()}"


def test_compiled_templates_are_kept_outside_the_project(tmp_path: Path) -> None:
    cache = generator.site.plugin.template_cache(REPO / "mkdocs.yml")
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    assert REPO.resolve() not in Path(cache.directory).resolve().parents
    # One folder for every project, entries named by template source (not path): test
    # projects do not each leave a folder behind.
    other = generator.site.plugin.template_cache(tmp_path / "mkdocs.yml")
    assert isinstance(other, jinja2.FileSystemBytecodeCache)
    assert other.directory == cache.directory
    env = jinja2.Environment()
    first = cache.get_bucket(env, "main.html", str(REPO / "theme/main.html"), "{{ x }}")
    second = other.get_bucket(env, "main.html", str(tmp_path / "theme/main.html"), "{{ x }}")
    assert first.key == second.key


def _steps(relative: str) -> list[dict[str, object]]:
    workflow = yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("relative", [".github/workflows/ci.yml", ".github/workflows/deploy.yml"])
def test_workflows_refuse_committed_cache_files_before_building(relative: str) -> None:
    runs = [str(step.get("run", "")) for step in _steps(relative)]
    refuse = [i for i, run in enumerate(runs) if "git ls-files .cache" in run and "exit 1" in run]
    build = [i for i, run in enumerate(runs) if "make " in run]
    assert refuse and build and refuse[0] < build[0]


def test_the_deploy_cache_restores_no_compiled_template() -> None:
    for step in _steps(".github/workflows/deploy.yml"):
        if str(step.get("uses", "")).startswith("actions/cache@"):
            options = step["with"]
            assert isinstance(options, dict)
            assert options["path"] == ".cache/cards"


def test_codeowners_owns_everything_but_content() -> None:
    rules = [
        line.split()
        for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules[0][0] == "*" and len(rules[0]) > 1
    assert ["/content/"] in rules
    # The last matching line wins: nothing after the content line gives content an owner.
    after = rules[rules.index(["/content/"]) + 1 :]
    assert all(not rule[0].startswith(("/content", "content")) for rule in after)


# --- 3. regular expressions on editor text --------------------------------------------------

_PROSE_RENDERER = ProseRenderer(lambda number: f"[{number}]")
# Every rule that reads editor prose with a regular expression (the loader, validation,
# Markdown and the renderer's helpers).
PROSE_RULES: dict[str, Callable[[str], object]] = {
    "validate paragraphs": validate_items._paragraphs,
    "citation markers": markers,
    "links": links,
    "images": images,
    "markdown limits": markdown_problem,
    "plain text": render.plain_text,
    "Latin isolation": render.isolate_latin,
    "Arabic marking": render.mark_arabic,
    "no-break space before citations": render.keep_citations_with_their_word,
    "readable source address": lambda text: readable_url("https://example.org/" + text),
    "Markdown (under the length limit)": lambda text: _PROSE_RENDERER.render(text[:19_000]),
    "Markdown (over it)": _PROSE_RENDERER.render,
    "Markdown without citations": lambda text: _PROSE_RENDERER.render(text, None, inline=True),
    "YAML value": lambda text: parse_text("a: '" + text.replace("'", "''") + "'\n", "f.yaml"),
    "YAML plain value": lambda text: parse_text("a: x" + text.replace("\n", " ") + "\n", "f.yaml"),
}
HOSTILE_UNITS = [
    "[a]:b",
    "[a]: b\n",
    "[@",
    " ",
    "\t",
    " #",
    "\n ",
    "&a",
    "a&",
    "<a",
    "<",
    "<https:",
    "[",
    "*",
    "_",
    "`",
    "\\",
    "1.",
    "[a](",
    "![",
    "> ",
    "A ",
]
LINE = 100_000


class _TooSlow(Exception):
    pass


def _interrupt(signum: int, frame: object) -> None:
    raise _TooSlow


@pytest.mark.parametrize("rule", sorted(PROSE_RULES))
def test_every_prose_rule_answers_a_hostile_line_in_a_second(rule: str) -> None:
    function = PROSE_RULES[rule]
    slow: list[str] = []
    previous = signal.signal(signal.SIGALRM, _interrupt)
    try:
        for unit in HOSTILE_UNITS:
            for ending in ("", "\n["):
                line = (unit * (LINE // len(unit) + 1))[:LINE] + ending
                # CPU seconds of this thread: what a catastrophic pattern burns, not what a
                # loaded machine adds while the test waits its turn. The alarm (wall time)
                # stops a run that would never end; being stopped counts as too slow.
                start = time.thread_time()
                stopped = False
                signal.alarm(10)
                try:
                    function(line)
                except _TooSlow:
                    stopped = True
                finally:
                    signal.alarm(0)
                took = time.thread_time() - start
                if took >= 1 or stopped:
                    slow.append(f"{unit!r} * {LINE // len(unit)} + {ending!r}: {took:.1f} s")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert slow == []


def test_check_answers_reference_definitions_on_one_line(make_project: MakeProject) -> None:
    project = make_project()
    hostile = "[a]:b" * 30 + "\n        [@govinfo-eo-14158]"
    edit(
        project,
        CLAIM,
        "        Executive Order 14158 established the department [@govinfo-eo-14158].",
        f"        {hostile}",
    )
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.alarm(10)
    try:
        start = time.perf_counter()
        lines(project)
        took = time.perf_counter() - start
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert took < 1


@pytest.mark.parametrize(
    "text",
    [
        '[x][1]\n\n[1]: https://a.example/ "t[@a]" onmouseover="alert(1)"',
        "[x](https://a.example/[@a])",
        '[x](https://a.example/ "t[@a]")',
    ],
)
def test_a_marker_inside_a_link_stays_out_of_its_attributes(text: str) -> None:
    html_text = _PROSE_RENDERER.render(text, Citations(order=["a"]))
    for tag in re.findall(r"<[^>]*>", html_text):
        assert not re.search(r'="[^"]*<', tag), html_text


# --- 4 and 6. host names as a browser reads them; links in every Markdown field -----------

SOURCE = "content/sources/govinfo-eo-14158.yaml"
SOURCE_URL = "https://www.govinfo.gov/content/pkg/FR-2025-01-29/html/2025-02005.htm"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://ä..example.com/", "the host name is not valid (it has an empty part"),
        ("https://" + "ä" + "a" * 63 + ".example.com/", "the host name is not valid"),
        ("https://" + "a" * 64 + ".example.com/", "the host name is not valid (a part between"),
        ("https://\ue000.example.com/", "the host name is not valid"),
        ("https://127.0.0.1%2e/", "links to IP addresses are not allowed"),
        ("https://127.0.0.\uff11/", "links to IP addresses are not allowed"),
        ("https://x.\uff4c\uff4f\uff43\uff41\uff4c/", "links to this computer or a local network"),
        ("https://x\u3002local/", "links to this computer or a local network"),
    ],
)
def test_a_host_a_browser_refuses_or_reads_as_local_is_a_located_error(
    make_project: MakeProject, url: str, reason: str
) -> None:
    project = make_project()
    edit(project, SOURCE, f"url: {SOURCE_URL}", f"url: {url}")
    found = lines(project)
    assert len(found) == 1, found
    assert found[0].startswith(f"{SOURCE}:2:6: error: url: {reason}"), found


@pytest.mark.parametrize(
    "url",
    ["https://ä..example.com/", "https://" + "ä" * 70 + ".example/", "https://\ue000.example/"],
)
def test_the_shown_address_of_a_bad_host_never_raises(url: str) -> None:
    assert render.ascii_url(url).startswith("https://")


HEADING = "      en: What DOGE is"


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("[x](http:evil.example)", "the link has no public host name"),
        ("[x](https://user:pass@evil.example/)", "a link cannot contain a user name or password"),
        ("[x](javascript:alert(1))", "only http, https or mailto links are allowed"),
        ("<https://127.0.0.1%2e/>", "links to IP addresses are not allowed"),
    ],
)
def test_links_in_a_context_heading_are_checked(
    make_project: MakeProject, link: str, message: str
) -> None:
    project = make_project()
    edit(project, CLAIM, HEADING, f"{HEADING} {link}")
    line = line_of(project, CLAIM, HEADING)
    found = lines(project)
    assert len(found) == 1, found
    assert found[0].startswith(f"{CLAIM}:{line}:")
    assert "context[1].heading.en: link" in found[0] and message in found[0], found


BODY = "        Executive Order 14158 established the department"


@pytest.mark.parametrize("query", ["?bcc=x@evil.example", "?cc=x@evil.example", "?subject=x"])
def test_a_mailto_link_with_fields_is_refused(make_project: MakeProject, query: str) -> None:
    project = make_project()
    edit(project, CLAIM, BODY, f"{BODY} [mail](mailto:a@example.org{query})")
    found = lines(project)
    assert len(found) == 1 and "a mailto link is only an address" in found[0], found


def test_an_unencrypted_link_in_prose_is_a_warning(make_project: MakeProject) -> None:
    project = make_project()
    edit(project, CLAIM, BODY, f"{BODY} [x](http://www.example.org/)")
    line = line_of(project, CLAIM, "[x](http://") - 1  # the line of "en: |-"
    assert lines(project) == [
        f"{CLAIM}:{line}:11: warning: context[1].body.en: the link 'http://www.example.org/' "
        "is not encrypted (http://); use https:// if the site offers it"
    ]


def test_a_wikidata_id_with_a_line_break_is_refused(make_project: MakeProject) -> None:
    person = "content/people/reviewed-article.yaml"
    project = make_project()
    path = project / person
    path.write_text(path.read_text(encoding="utf-8") + 'wikidata: "Q42\\n"\n', encoding="utf-8")
    found = lines(project)
    assert len(found) == 1 and "a Wikidata id looks like Q317521" in found[0], found


# --- 5. commit messages -------------------------------------------------------------------


@pytest.mark.parametrize("message", ["Add\x1ea claim", "Add\x1fa\x1f claim\x1e\x1f", "\x1e"])
def test_separator_characters_in_a_commit_message_do_not_break_check(
    repo: Path,  # noqa: F811 - the fixture of test_status
    message: str,
) -> None:
    commit(repo, message, {STATUS_CLAIM: claim_text()})
    commit(repo, "Reword\x1f the Arabic\x1e", {STATUS_CLAIM: claim_text(summary_ar="ملخص معدّل")})
    (warning,) = warnings_of(repo)
    assert "English" in warning


# --- 7. ids that name a page or a file ----------------------------------------------------


@pytest.mark.parametrize("item_id", ["index", "con", "nul", "com1", "lpt9"])
def test_reserved_ids_are_refused(make_project: MakeProject, item_id: str) -> None:
    project = make_project()
    people = project / "content" / "people"
    text = (people / "reviewed-article.yaml").read_text(encoding="utf-8")
    (people / f"{item_id}.yaml").write_text(
        text.replace("id: reviewed-article", f"id: {item_id}"), encoding="utf-8"
    )
    found = lines(project)
    assert len(found) == 1, found
    assert found[0].startswith(f"content/people/{item_id}.yaml:1:5: error: id: '{item_id}'")
    assert "cannot be an id" in found[0]


def test_two_pages_written_to_one_file_fail_the_build(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project(engine=True)
    content, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    # Past check (which refuses the id): the build itself must notice.
    claim = next(iter(content.claims.values()))
    content.claims = {"index": claim.model_copy(update={"id": "index"})}
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(BuildError) as caught:
        _build_into(project, work, content, parallel=False)
    message = str(caught.value)
    assert "two pages would both be written to site/claims/index.html" in message
    assert "Traceback" not in message


# --- 8. Latin runs in Arabic text; table-of-contents headings -------------------------------


@pytest.mark.parametrize(
    "text",
    ['قال "Trump" ذلك', "شركة AT&T الأميركية", "تغريدة Musk's اليوم", "قال 'Musk' و<Trump>"],
)
def test_isolating_latin_runs_keeps_the_text(make_project: MakeProject, text: str) -> None:
    content, _ = check(make_project(), today=TODAY)
    renderer = render.Renderer(content, "ar")
    for shown in (renderer.bidi(text), renderer.md(text, inline=True, here="")):
        soup = BeautifulSoup(f"<p>{shown}</p>", "html.parser")
        assert soup.get_text() == text, str(shown)
        assert soup.find("bdi") is not None, str(shown)
        for bdi in soup.find_all("bdi"):
            assert "&" not in bdi.get_text() or "AT&T" in bdi.get_text(), str(shown)


def test_table_of_contents_headings_are_their_text(make_project: MakeProject) -> None:
    project = make_project()
    edit(project, "content/pages/about.yaml", "    ## راسلونا", "    ## أسئلة Q&A و**أجوبة**")
    edit(project, CLAIM, HEADING, "      en: What **DOGE** & co. are")
    content, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    about = render.Renderer(content, "ar").prose_page("about")
    assert [entry.title for entry in about.toc][0] == "أسئلة Q&A وأجوبة"
    claim = render.Renderer(content, "en").claim_page(next(iter(content.claims.values())))
    assert "What DOGE & co. are" in [entry.title for entry in claim.toc]


# --- 9. the smaller ones ------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "letter"), [("en", "a"), ("ar", "ب")])
def test_a_word_longer_than_the_card_is_cut_with_an_ellipsis(lang: str, letter: str) -> None:
    word = letter * 3000
    card = cards.Card(
        lang=lang,
        title=f"{word} {word}",
        site_name=word,
        address="bayyin.github.io/bayyin",
        kicker=word,
        byline=word,
        rating_label=word,
        rating_step=1,
    )
    inner = cards.WIDTH - 2 * cards.MARGIN
    setter = cards.Typesetter(40, bold=True)
    for line in setter.lines(card.title, inner, card.rtl):
        assert setter.line_width(line, card.rtl) <= inner
        assert line[-1].text.endswith("…")
    image = Image.open(io.BytesIO(cards.render_card(card))).convert("RGB")
    # Nothing is drawn in the side margins below the band (the title, badge and byline
    # all stay inside; the band runs edge to edge).
    for x in (*range(0, cards.MARGIN - 8), *range(cards.WIDTH - cards.MARGIN + 8, cards.WIDTH)):
        for y in range(120, cards.HEIGHT - 16, 3):
            pixel = image.getpixel((x, y))
            assert isinstance(pixel, tuple) and min(pixel) >= 245, (x, y, pixel)


def test_a_build_removes_the_folders_of_killed_builds(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project(engine=True)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    killed = [
        out / f".site-build-{dead}-abc",
        out / ".site-build-old1234x",
        out / f".site-old-site-{dead}",
    ]
    for folder in killed:
        (folder / "ar").mkdir(parents=True)
        (folder / "ar" / "index.html").write_text("x", encoding="utf-8")
    os.utime(killed[1], (time.time() - 7 * 3600, time.time() - 7 * 3600))
    running = out / f".site-build-{os.getppid()}-xyz"
    running.mkdir()
    fresh = out / ".site-build-new5678y"
    fresh.mkdir()
    generator.site.build.build_site(project, out / "site", parallel=False)
    assert sorted(p.name for p in out.iterdir()) == sorted(["site", running.name, fresh.name])


def test_a_symlinked_content_folder_is_refused(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project()
    elsewhere = tmp_path / "elsewhere"
    (project / "content").rename(elsewhere)
    (project / "content").symlink_to(elsewhere, target_is_directory=True)
    assert lines(project) == [
        "content:1:1: error: content/ is a symbolic link; symbolic links are not allowed, "
        "make it a real folder"
    ]


@pytest.mark.parametrize("relative", ["content/.site.yaml", "content/claims/.draft.yaml"])
def test_a_hidden_yaml_file_is_reported(make_project: MakeProject, relative: str) -> None:
    project = make_project()
    (project / relative).write_text("id: draft\n", encoding="utf-8")
    (project / "content" / ".DS_Store").write_bytes(b"\0")
    assert lines(project) == [
        f"{relative}:1:1: error: files whose name starts with '.' are hidden and never read; "
        "rename it without the dot (or delete it)"
    ]


def test_the_ci_container_is_pinned_by_digest() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        image = job.get("container")
        image = image.get("image") if isinstance(image, dict) else image
        if image is not None:
            assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image), image
