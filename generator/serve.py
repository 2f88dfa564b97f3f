"""`make serve`: build into a preview folder, serve it, rebuild when a source file changes."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Collection
from pathlib import Path

from generator.build import BuildError, build_site
from generator.errors import ContentError
from generator.load import Content, ReadCache

WATCHED = ("content", "theme", "mkdocs.yml", "generator")
# How often the files are looked at (a stat of each: about 10 ms at 1000 claims).
_POLL_SECONDS = 0.25
# A file, not an inline script: the pages' Content-Security-Policy runs no inline script.
_RELOAD_JS = (
    "(function(){var v=null;setInterval(function(){fetch('/__bayyin__/version')"
    ".then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v)"
    "location.reload();v=t}).catch(function(){})},400)})()"
)
_RELOAD = '<script src="/__bayyin__/reload.js"></script>'


def _snapshot(project: Path) -> dict[str, float]:
    stamps: dict[str, float] = {}
    for name in WATCHED:
        path = project / name
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            try:
                stamps[str(file)] = file.stat().st_mtime
            except OSError:
                continue
    return stamps


class _State:
    version = 0
    # What the last build read, for a preview refresh of the pages an edit touches.
    content: Content | None = None

    def __init__(self) -> None:
        # The content files as last read: a refresh reads again only the edited ones.
        self.cache = ReadCache()


def _handler(site: Path, state: _State) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            content_type = "text/html; charset=utf-8"
            if self.path == "/__bayyin__/version":
                body = str(state.version).encode()
            elif self.path == "/__bayyin__/reload.js":
                body = _RELOAD_JS.encode()
                content_type = "text/javascript; charset=utf-8"
            else:
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if path.suffix != ".html" or not path.is_file():
                    super().do_GET()
                    return
                body = path.read_bytes().replace(b"</body>", _RELOAD.encode() + b"</body>", 1)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _rebuild(project: Path, site: Path, state: _State, changed: Collection[Path] = ()) -> bool:
    """Build the preview again; True when it was updated.

    `changed` holds every file edited since the last successful build: when they are all
    claims, sources, people or stories that already existed, only the pages they touch are
    written again (about a second at 1000 claims instead of a full build).
    """
    started = time.perf_counter()
    try:
        state.content = build_site(
            project, site, changed=changed, previous=state.content, cache=state.cache
        )
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic.format(), flush=True)
        print("preview not updated: fix the errors above", file=sys.stderr, flush=True)
        return False
    except BuildError as error:
        print(f"preview not updated:\n{error}", file=sys.stderr, flush=True)
        return False
    state.version += 1
    print(f"rebuilt in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return True


def serve(project: Path, *, host: str, port: int) -> int:
    """Serve a preview on host:port until interrupted; reloads open pages after each rebuild."""
    preview = Path(tempfile.mkdtemp(prefix="bayyin-preview-"))
    site = preview / "site"
    state = _State()
    stamps = _snapshot(project)
    _rebuild(project, site, state)
    site.mkdir(exist_ok=True)
    handler = functools.partial(_handler(site, state), directory=str(site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving on http://{host}:{port}/ (English: /en/); Ctrl+C stops", file=sys.stderr)
    pending: set[Path] = set()  # edited since the last build that succeeded
    try:
        while True:
            time.sleep(_POLL_SECONDS)
            current = _snapshot(project)
            if current != stamps:
                pending.update(
                    Path(name)
                    for name in current.keys() | stamps.keys()
                    if current.get(name) != stamps.get(name)
                )
                stamps = current
                if _rebuild(project, site, state, pending):
                    pending.clear()
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        shutil.rmtree(preview, ignore_errors=True)
