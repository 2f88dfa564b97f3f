"""`make serve`: a taken port or an unusable temp folder is one line and exit 2; the preview
folder goes away however the preview ends; drafts are shown there, and only there."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from built_pages import sitemap_text
from fixture_sites import REPO, TODAY, MakeProject

from generator.pages.reads import SITE_FILES
from generator.site.build import Preview, build_site, check, pages_to_refresh
from generator.site.serve import _rebuild, _State

DRAFT = "doge-draft"
START_SECONDS = 120


def _with_draft(project: Path) -> Path:
    claims = project / "content/claims"
    text = (claims / "dogecoin-doge.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: dogecoin-doge\n")
    text = text.replace("id: dogecoin-doge\n", f"id: {DRAFT}\nstatus: draft\n", 1)
    (claims / f"{DRAFT}.yaml").write_text(text, encoding="utf-8")
    return project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(project: Path, temp: Path, *args: str, code: str | None = None) -> subprocess.Popen[str]:
    command = ["-c", code] if code else ["-m", "generator", "serve"]
    return subprocess.Popen(
        [sys.executable, *command, *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_serving(process: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(f"the preview did not start: {process.communicate()}")


def _previews(temp: Path) -> list[str]:
    return sorted(p.name for p in temp.iterdir() if p.name.startswith("bayyin-preview-"))


def _get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
        return str(answer.read().decode("utf-8"))


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir()
    return folder


def test_a_taken_port_is_one_line_and_exit_2(make_project: MakeProject, temp: Path) -> None:
    project = make_project(engine=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(project, temp, "--port", str(port))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.splitlines() == [
        f"error: port {port} on 127.0.0.1 is already in use (another preview?); stop it, or "
        f"choose another port: make serve PORT={port + 1}"
    ]
    assert out == ""
    assert _previews(temp) == []


@pytest.mark.parametrize("kind", ["a file", "missing"])
def test_an_unusable_temp_folder_is_one_line(
    make_project: MakeProject, temp: Path, kind: str
) -> None:
    project = make_project(engine=True)
    unusable = temp / "not-a-folder"
    if kind == "a file":
        unusable.write_text("")
    process = _serve(project, unusable, "--port", str(_free_port()))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: cannot make the preview folder in {unusable} (")
    assert lines[0].endswith("); set TMPDIR to a folder you can write to")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_no_preview_folder_is_left_after_a_signal(
    make_project: MakeProject, temp: Path, stop: signal.Signals
) -> None:
    project = _with_draft(make_project(engine=True))
    port = _free_port()
    process = _serve(project, temp, "--port", str(port))
    try:
        _wait_until_serving(process, port)
        assert len(_previews(temp)) == 1
        # The draft is in the preview, bannered and noindex; the published list leaves it out.
        page = _soup(_get(port, f"/en/claims/{DRAFT}/"))
        assert page.select_one("p.bayyin-draft-banner") is not None
        listing = _get(port, "/en/claims/")
        links = [a.get("href") for a in _soup(listing).select("a")]
        assert "dogecoin-doge/" in links
        assert f"{DRAFT}/" not in links
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert _previews(temp) == []


_CRASH = """
import sys
import generator.site.serve
from generator.cli import main

def crash(project):
    raise RuntimeError("a bug in the preview")

generator.site.serve._snapshot = crash
sys.argv[0] = "generator"
raise SystemExit(main(["serve", *sys.argv[1:]]))
"""


def test_no_preview_folder_is_left_after_a_crash(make_project: MakeProject, temp: Path) -> None:
    project = make_project(engine=True)
    process = _serve(project, temp, "--port", str(_free_port()), code=_CRASH)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "a bug in the preview" in err
    assert _previews(temp) == []


def _soup(page_html: str) -> BeautifulSoup:
    return BeautifulSoup(page_html, "html.parser")


def _head(page_html: str) -> tuple[list[str], bool]:
    """The robots meta values of a page, and whether it carries JSON-LD."""
    page = _soup(page_html)
    robots = [str(m.get("content", "")) for m in page.select("meta[name=robots]")]
    return robots, page.select_one("script[type='application/ld+json']") is not None


def test_drafts_are_in_the_preview_only(make_project: MakeProject) -> None:
    project = _with_draft(make_project(engine=True))
    preview = project / "preview"
    build_site(project, preview, parallel=False, drafts=True)
    for lang_root, banner in (("", "مسودة"), ("en/", "Draft")):
        page_file = preview / lang_root / f"claims/{DRAFT}/index.html"
        text = page_file.read_text(encoding="utf-8")
        robots, jsonld = _head(text)
        assert robots == ["noindex"]
        assert not jsonld  # no ClaimReview for a draft
        shown = _soup(text).select_one("p.bayyin-draft-banner")
        assert shown is not None and banner in shown.get_text()
        published = (preview / lang_root / "claims/dogecoin-doge/index.html").read_text()
        assert _head(published) == ([], True)
        listing = _soup((preview / lang_root / "claims/index.html").read_text())
        links = [a.get("href") for a in listing.select("a")]
        assert "dogecoin-doge/" in links
        assert f"{DRAFT}/" not in links
    assert DRAFT not in sitemap_text(preview)

    site = project / "site"
    build_site(project, site, parallel=False)
    assert (site / "claims/dogecoin-doge/index.html").is_file()
    assert not list(site.rglob(f"*{DRAFT}*"))
    assert DRAFT not in sitemap_text(site)


def test_folders_of_previews_no_longer_running_are_removed(
    make_project: MakeProject, temp: Path
) -> None:
    finished = subprocess.Popen(["true"])
    finished.wait()
    stale = temp / f"bayyin-preview-{finished.pid}-abc"
    (stale / "site").mkdir(parents=True)
    running = temp / f"bayyin-preview-{os.getpid()}-def"
    running.mkdir()
    other = temp / "bayyin-preview-notapid"
    other.mkdir()
    project = make_project(engine=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = _serve(project, temp, "--port", str(taken.getsockname()[1]))
        process.communicate(timeout=60)
    assert process.returncode == 2
    assert _previews(temp) == sorted([running.name, other.name])


def test_a_draft_with_errors_gets_located_errors_in_the_preview(
    make_project: MakeProject, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_draft(make_project(engine=True))
    draft = project / f"content/claims/{DRAFT}.yaml"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("rating: inaccurate", "rating: mostly-true"), encoding="utf-8")
    line = text.splitlines().index("rating: inaccurate") + 1
    state = _State()
    assert not _rebuild(project, project / "preview", state, drafts=True)
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"content/claims/{DRAFT}.yaml:{line}:9: error: rating: 'mostly-true' is not a known "
        "rating (known: accurate, inaccurate, explainer)"
    ]
    assert err == "preview not updated: fix the errors above\n"


def test_an_edited_draft_is_refreshed_in_the_preview_only(make_project: MakeProject) -> None:
    project = _with_draft(make_project(engine=True))
    with_drafts, without = Preview(), Preview()
    build_site(project, project / "preview", parallel=False, drafts=True, preview=with_drafts)
    build_site(project, project / "site", parallel=False, preview=without)
    draft = project / f"content/claims/{DRAFT}.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("DOGE is", "DOGE was"))
    after, _ = check(project, today=TODAY)
    page = f"claims/{DRAFT}/"
    # (The feeds read every claim file, a draft's too: they are written again.)
    assert pages_to_refresh(with_drafts, after, [draft], drafts=True) == {
        "ar": {page, SITE_FILES},
        "en": {page, SITE_FILES},
    }
    assert pages_to_refresh(without, after, [draft]) == {"ar": {SITE_FILES}, "en": {SITE_FILES}}
    # Publishing the draft changes the lists: only a full build shows that.
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: draft\n", ""))
    published, _ = check(project, today=TODAY)
    assert pages_to_refresh(with_drafts, published, [draft], drafts=True) is None


def _wait_for(port: int, path: str, text: str, process: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            page = _get(port, path)
        except OSError:
            page = ""
        if text in page:
            return page
        time.sleep(0.5)
    pytest.fail(f"{path} never showed {text!r}")


def test_an_edit_to_the_generators_code_restarts_the_preview(
    make_project: MakeProject, temp: Path, tmp_path: Path
) -> None:
    """A module already imported would stay as it was: the preview runs itself again, on
    the same port, and the edited module's output appears."""
    project = make_project(engine=True)
    code = tmp_path / "code"
    shutil.copytree(REPO / "generator", code / "generator", ignore=shutil.ignore_patterns("*.pyc"))
    (code / "theme").symlink_to(REPO / "theme", target_is_directory=True)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(code), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_serving(process, port)
        assert "All claims" in _get(port, "/en/")
        strings = code / "generator/pages/strings.py"
        text = strings.read_text(encoding="utf-8")
        assert '"all_claims": "All claims",' in text
        strings.write_text(text.replace('"All claims"', '"Every claim"', 1), encoding="utf-8")
        _wait_for(port, "/en/", "Every claim", process)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "the generator's code changed: restarting the preview" in err
    assert "Traceback" not in err
    assert _previews(temp) == []


def test_an_edit_to_a_template_is_built_without_a_restart(make_project: MakeProject) -> None:
    """Each build reads the templates anew: no restart is needed for them."""
    project = make_project(engine=True)
    (project / "theme").unlink()
    shutil.copytree(REPO / "theme", project / "theme")
    site = project / "preview"
    state = _State()
    assert _rebuild(project, site, state)
    main = project / "theme/main.html"
    text = main.read_text(encoding="utf-8")
    block = "{% block site_meta %}"
    assert block in text
    edited = '<meta name="bayyin-edited" content="yes">'
    assert edited not in (site / "en/index.html").read_text("utf-8")
    main.write_text(text.replace(block, block + edited, 1), "utf-8")
    assert _rebuild(project, site, state, [main])
    assert edited in (site / "en/index.html").read_text("utf-8")


def test_ctrl_c_stops_a_preview_started_with_sigint_ignored(
    make_project: MakeProject, temp: Path
) -> None:
    """A shell's background job (and some task runners) start with SIGINT ignored; Python
    then installs no Ctrl+C handler of its own, and the preview never stopped on it."""
    project = make_project(engine=True)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),  # noqa: PLW1509
    )
    try:
        _wait_until_serving(process, port)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        assert "preview stopped" in err
        assert _previews(temp) == []
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
