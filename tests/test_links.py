"""`links` against a server on 127.0.0.1: every kind of answer a source URL can give, the
cache, and `--archive` against a fake Wayback Machine. No request leaves the machine."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator import cli
from generator.tools.archive import Snapshot, Wayback, archive_sources, write_archive
from generator.tools.links import Checker, LinkCache, Settings, check_links, source_files

TITLE = "A page: with a title &amp; more"
BIG = 20 * 1024 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        parts = urlsplit(self.path)
        path = parts.path
        self.server.hits[path] += 1
        self.server.agents.add(self.headers.get("User-Agent", ""))
        port = self.server.server_address[1]
        if path == "/ok":
            self.send(200, f"<html><head><title>{TITLE}</title></head></html>".encode())
        elif path == "/r1":
            self.send(301, Location="/r2")
        elif path == "/r2":
            self.send(301, Location=f"http://127.0.0.1:{port}/ok")
        elif path == "/missing":
            self.send(404, b"no")
        elif path == "/gone":
            self.send(410, b"gone")
        elif path == "/busy":
            if self.server.hits[path] == 1:
                self.server.busy_at = time.monotonic()
                self.send(429, b"slow down", Retry_After="1")
            else:
                self.server.retried_after = time.monotonic() - self.server.busy_at
                self.send(200, b"<title>Busy</title>")
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, b"<title>Slow</title>")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            chunk = b"<title>Huge</title>" + b"x" * 65517
            try:
                while self.server.sent < BIG:
                    self.wfile.write(chunk)
                    self.server.sent += len(chunk)
            except OSError:
                pass  # the checker hung up: what it should do
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4 not a web page", Content_Type="application/pdf")
        elif path == "/away":
            self.send(302, Location=f"http://localhost:{port}/ok")
        elif path == "/wayback/available":
            self.wayback(parse_qs(parts.query)["url"][0])
        elif path.startswith("/save/"):
            if self.server.wayback_fails:
                self.send(503, b"down")
            else:
                self.send(200, b"saved", Content_Location="/web/20261205101010/" + path[6:])
        else:
            self.send(500, b"unexpected")

    def wayback(self, url: str) -> None:
        if self.server.wayback_fails:
            self.send(503, b"down")
            return
        closest = {}
        if url.endswith("/r1"):
            closest = {
                "available": True,
                "url": f"http://127.0.0.1:{self.server.server_address[1]}/web/20250102030405/{url}",
                "timestamp": "20250102030405",
                "status": "200",
            }
        body = json.dumps(
            {"url": url, "archived_snapshots": {"closest": closest} if closest else {}}
        )
        self.send(200, body.encode(), Content_Type="application/json")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.sent = 0
        self.busy_at = 0.0
        self.retried_after = 0.0
        self.wayback_fails = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up on a slow or huge answer is what the tests want


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


CASES = {
    "ok": "http://127.0.0.1:{port}/ok",
    "chain": "http://127.0.0.1:{port}/r1",
    "missing": "http://127.0.0.1:{port}/missing",
    "gone": "http://127.0.0.1:{port}/gone",
    "busy": "http://127.0.0.1:{port}/busy",
    "slow": "http://127.0.0.1:{port}/slow",
    "tls": "https://127.0.0.1:{port}/ok",
    "huge": "http://127.0.0.1:{port}/huge",
    "pdf": "http://127.0.0.1:{port}/report.pdf",
    "away": "http://127.0.0.1:{port}/away",
}


def source_text(source_id: str, url: str) -> str:
    return (
        f"# A source for the link checker's tests\nid: {source_id}\nurl: {url}\n"
        "about:\n  ar: نص\n  en: 'Text, quoted'   # a comment that must stay\n"
        "publisher: Example\nlanguage: en\n"
    )


@pytest.fixture
def project(tmp_path: Path, server: Server) -> Path:
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    port = server.server_address[1]
    for name, url in CASES.items():
        (sources / f"{name}.yaml").write_text(source_text(name, url.format(port=port)), "utf-8")
    (sources / "broken.yaml").write_text("id: broken\nurl: [http://127.0.0.1/\n", "utf-8")
    return tmp_path


def settings() -> Settings:
    return Settings(
        user_agent="Bayyin-links-test/1.0",
        timeout=0.5,
        retries=1,
        backoff=0.01,
        delay=0.0,
        max_retry_after=5,
        body_limit=4096,
    )


def run(project: Path, now: dt.datetime | None = None) -> tuple[list[str], Checker]:
    checker = Checker(settings())
    cache = LinkCache.load(project / ".cache" / "links.json", now)
    report = check_links(project, source_files(project), checker, cache)
    cache.save()
    return [d.format() for d in report.diagnostics], checker


def test_every_kind_of_answer(project: Path, server: Server) -> None:
    port = server.server_address[1]
    lines, _ = run(project)
    assert (
        "content/sources/broken.yaml:3:1: error: not valid YAML "
        "(did not find expected ',' or ']'), skipped"
    ) in lines
    by_file = {
        line.split(":", 1)[0].rsplit("/", 1)[1].removesuffix(".yaml"): line for line in lines
    }
    assert set(by_file) == {"broken", "missing", "gone", "slow", "tls", "away"}
    assert by_file["missing"] == (
        "content/sources/missing.yaml:3:6: warning: url: not found (HTTP 404)"
    )
    assert by_file["gone"] == "content/sources/gone.yaml:3:6: warning: url: gone (HTTP 410)"
    assert by_file["slow"] == (
        "content/sources/slow.yaml:3:6: warning: url: no answer within 0.5 s (timed out)"
    )
    assert by_file["tls"].startswith("content/sources/tls.yaml:3:6: warning: url: TLS failure (")
    assert by_file["away"] == (
        "content/sources/away.yaml:3:6: warning: url: redirects to another host: "
        f"http://localhost:{port}/ok"
    )
    # 429 with Retry-After: 1 was waited for, then the page answered.
    assert server.hits["/busy"] == 2 and server.retried_after >= 0.9
    # The 301 chain was followed to the page.
    assert server.hits["/r1"] == server.hits["/r2"] == 1
    # A huge body is not read: the checker hung up long before the end.
    assert server.sent < BIG // 4
    assert server.agents == {"Bayyin-links-test/1.0"}


def test_results_are_cached_for_a_day(project: Path, server: Server) -> None:
    now = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)
    first, _ = run(project, now)
    hits = sum(server.hits.values())
    cache = json.loads((project / ".cache" / "links.json").read_text("utf-8"))
    ok = cache["results"][f"http://127.0.0.1:{server.server_address[1]}/ok"]
    assert ok["ok"] and ok["status"] == 200 and ok["title"] == "A page: with a title & more"
    assert ok["checked"].startswith(dt.date.today().isoformat())
    # Checked "now"; a run within the day asks no server again and reports the same.
    stamp = dt.datetime.strptime(ok["checked"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    again, _ = run(project, stamp + dt.timedelta(hours=23))
    assert again == first
    assert sum(server.hits.values()) == hits
    # A day later, it asks again.
    run(project, stamp + dt.timedelta(hours=25))
    assert sum(server.hits.values()) > hits


def test_the_command_line(
    project: Path,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(project)
    sources = project / "content" / "sources"
    assert (
        cli.main(["links", "--timeout", "0.5", str(sources / "ok.yaml"), str(sources / "pdf.yaml")])
        == 0
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        "checked 2 link(s) in 2 place(s) (0 from the cache of the last day): 2 answer"
        in captured.err
    )
    assert cli.main(["links", "--timeout", "0.5", str(sources / "missing.yaml")]) == 1
    assert "warning: url: not found (HTTP 404)" in capsys.readouterr().out
    assert cli.main(["links", "no-such-folder"]) == 2
    assert cli.main(["links", "--timeout", "0"]) == 2


def test_archive_writes_only_the_new_lines(project: Path, server: Server) -> None:
    port = server.server_address[1]
    checker = Checker(settings())
    sources = project / "content" / "sources"
    files = [sources / "ok.yaml", sources / "chain.yaml", sources / "missing.yaml"]
    before = {file: file.read_bytes() for file in files}
    report = check_links(project, files, checker, LinkCache(None))
    problems, written = archive_sources(report, checker, Wayback.at(f"http://127.0.0.1:{port}"))
    assert problems == [] and written == 2
    today = report.results[f"http://127.0.0.1:{port}/ok"].checked[:10]
    # No snapshot existed: Save Page Now made one; the title came from the page.
    assert (
        sources.joinpath("ok.yaml").read_bytes()
        == before[sources / "ok.yaml"]
        + (
            f"archive:\n  url: http://127.0.0.1:{port}/web/20261205101010/http://127.0.0.1:{port}/ok\n"
            f"  date: 2026-12-05\naccessed: {today}\ntitle: 'A page: with a title & more'\n"
        ).encode()
    )
    # A snapshot existed: it is used as it is, with its own date.
    assert (
        sources.joinpath("chain.yaml").read_bytes()
        == before[sources / "chain.yaml"]
        + (
            f"archive:\n  url: http://127.0.0.1:{port}/web/20250102030405/http://127.0.0.1:{port}/r1\n"
            f"  date: 2025-01-02\naccessed: {today}\ntitle: 'A page: with a title & more'\n"
        ).encode()
    )
    # A dead page with no snapshot: nothing to save, nothing written.
    assert sources.joinpath("missing.yaml").read_bytes() == before[sources / "missing.yaml"]


def test_archive_service_failure_leaves_files_untouched(project: Path, server: Server) -> None:
    server.wayback_fails = True
    port = server.server_address[1]
    checker = Checker(settings())
    files = sorted((project / "content" / "sources").glob("*.yaml"))
    before = {file: file.read_bytes() for file in files}
    report = check_links(project, files, checker, LinkCache(None))
    problems, written = archive_sources(report, checker, Wayback.at(f"http://127.0.0.1:{port}"))
    assert written == 0
    assert len(problems) == len(CASES)
    assert (
        problems[0]
        .format()
        .endswith(
            "warning: archive: the availability API answered HTTP 503; the file was left as it was"
        )
    )
    assert {file: file.read_bytes() for file in files} == before


def test_archive_refuses_an_edit_that_would_change_other_lines(tmp_path: Path) -> None:
    file = tmp_path / "source.yaml"
    # ruamel.yaml writes the spaces after `publisher:` back as one: not a change to make.
    original = b"id: x\nurl: https://example.org/\npublisher:    Example\n"
    file.write_bytes(original)
    snapshot = Snapshot(
        "https://web.archive.org/web/20250101000000/https://example.org/", dt.date(2025, 1, 1)
    )
    why = write_archive(file, snapshot, dt.date(2025, 1, 2), "")
    assert why is not None and "other lines" in why
    assert file.read_bytes() == original
