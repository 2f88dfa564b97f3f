"""`make serve`: build into a preview folder, serve it, rebuild when a source file changes."""

from __future__ import annotations

import errno
import functools
import http.server
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Collection
from pathlib import Path

from generator.content.diagnostics import ContentError
from generator.content.kinds import Content
from generator.content.load import ReadCache
from generator.site.build import BuildError, Preview, build_site

WATCHED = ("content", "theme", "mkdocs.yml", "generator")
# The generator's own code, wherever it is imported from: an edit restarts the preview.
PACKAGE = Path(__file__).resolve().parents[1]
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
    for path in dict.fromkeys([*(project / name for name in WATCHED), PACKAGE]):
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            try:
                stamps[str(file)] = file.stat().st_mtime
            except OSError:
                continue
    return stamps


class _State:
    version = 0

    def __init__(self) -> None:
        # The content files as last read: a refresh reads again only the edited ones.
        self.cache = ReadCache()
        # What the last build read, for a preview refresh of the pages an edit touches.
        self.preview = Preview()

    @property
    def content(self) -> Content | None:
        return self.preview.content


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


def _rebuild(
    project: Path,
    site: Path,
    state: _State,
    changed: Collection[Path] = (),
    *,
    drafts: bool = True,
) -> bool:
    """Build the preview again (with the drafts, when `drafts`); True when it was updated.

    `changed` holds every file edited since the last successful build: when they are all
    content files, only the pages that read what they changed are written again (see
    `pages_to_refresh`; about a second at 1000 claims instead of a full build).
    """
    started = time.perf_counter()
    try:
        build_site(
            project,
            site,
            changed=changed,
            preview=state.preview,
            cache=state.cache,
            drafts=drafts,
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


def _code(changed: Collection[Path], project: Path) -> list[Path]:
    """The Python files among `changed`: the generator's code (a module already imported
    would stay as it was, so the preview restarts rather than rebuild with it)."""
    folders = (PACKAGE, (project / "generator").absolute())
    return [
        path
        for path in changed
        if path.suffix == ".py" and any(path.absolute().is_relative_to(f) for f in folders)
    ]


def _restart() -> None:
    """Run the preview again in this process, with the same command line (the
    interpreter's options, `-P` among them, and the same port): never returns."""
    print("the generator's code changed: restarting the preview", file=sys.stderr, flush=True)
    os.execv(sys.executable, sys.orig_argv)


class _Restart(BaseException):
    """The generator's code changed: leave the loop, clean up, and start again."""


class _Stop(BaseException):
    """SIGTERM or SIGHUP arrived: leave the loop and clean up, as Ctrl+C does (a
    BaseException, so that no `except Exception` on the way takes it for a failed build)."""


def _stop(signum: int, frame: object) -> None:
    raise _Stop


def _interrupt(signum: int, frame: object) -> None:
    # Ctrl+C, set here rather than inherited: a process started with SIGINT ignored (a
    # background job of a shell, some task runners) would otherwise never stop on it.
    raise KeyboardInterrupt


_PREFIX = "bayyin-preview-"
_STALE = re.compile(rf"^{_PREFIX}([0-9]+)-")


def _preview_folder() -> Path:
    """A new `bayyin-preview-<pid>-*` folder in the temp directory ($TMPDIR when it is set).

    $TMPDIR is used as given: Python would quietly fall back to /tmp when it cannot write
    there, and the editor would not know where the preview went. Folders left by previews
    whose process no longer runs (killed with SIGKILL, or the machine lost power) are removed.

    Raises:
        OSError: the folder cannot be made; the message says where and why.
    """
    chosen = os.environ.get("TMPDIR") or None
    try:
        directory = Path(chosen or tempfile.gettempdir())
    except OSError as error:  # no usable temp directory at all
        raise OSError(
            f"cannot make a preview folder ({error}); set TMPDIR to a folder you can write to"
        ) from None
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=directory))
    except OSError as error:
        reason = error.strerror or str(error)
        raise OSError(
            f"cannot make the preview folder in {directory} ({reason}); set TMPDIR to a "
            "folder you can write to"
        ) from None
    _remove_stale(directory)
    return folder


def _remove_stale(directory: Path) -> None:
    """Remove the preview folders of previews that are no longer running."""
    try:
        entries = list(directory.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _STALE.match(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            os.kill(int(match[1]), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except (PermissionError, OverflowError, ValueError):
            continue  # another user's process, or not a process id: leave it alone


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that gave up (a reload while the first build runs) is not worth a
        # traceback in the editor's terminal.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _listen(
    host: str, port: int, handler: functools.partial[http.server.SimpleHTTPRequestHandler]
) -> http.server.ThreadingHTTPServer:
    """Open the server socket, or raise OSError with a one-line message saying what to do."""
    try:
        return _Server((host, port), handler)
    except OverflowError:
        raise OSError(f"--port {port} is not a port number (use 1 to 65535)") from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise OSError(
                f"port {port} on {host} is already in use (another preview?); stop it, or "
                f"choose another port: make serve PORT={port + 1}"
            ) from None
        if error.errno == errno.EACCES:
            raise OSError(
                f"port {port} needs administrator rights; choose a port above 1023: "
                "make serve PORT=8000"
            ) from None
        reason = error.strerror or str(error)
        raise OSError(f"cannot serve on {host}:{port} ({reason})") from None


def serve(
    project: Path, *, host: str, port: int, drafts: bool = True, restart: bool = False
) -> int:
    """Serve a preview on host:port until interrupted; reloads open pages after each rebuild.

    Returns 2 with a one-line message when the port is taken or the preview folder cannot be
    made. The preview folder is removed however the preview ends: Ctrl+C (SIGINT), SIGTERM,
    SIGHUP or an error. An edit to the generator's Python code restarts the process (with
    `restart`, as `python -m generator serve` does): modules are not loaded twice. An edit
    to a template builds the site again; each build reads the templates anew.
    """
    previous = {signal.SIGINT: signal.signal(signal.SIGINT, _interrupt)}
    previous.update(
        {signum: signal.signal(signum, _stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    )
    preview: Path | None = None
    server: http.server.ThreadingHTTPServer | None = None
    started = False
    restarting = False
    try:
        preview = _preview_folder()
        site = preview / "site"
        state = _State()
        handler = functools.partial(_handler(site, state), directory=str(site))
        # The port is taken before the first build: a taken port is said at once.
        server = _listen(host, port, handler)
        stamps = _snapshot(project)
        _rebuild(project, site, state, drafts=drafts)
        site.mkdir(exist_ok=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started = True
        print(f"serving on http://{host}:{port}/ (English: /en/); Ctrl+C stops", file=sys.stderr)
        _show_drafts(state, host, port)
        pending: set[Path] = set()  # edited since the last build that succeeded
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
                if restart and _code(pending, project):
                    raise _Restart
                if _rebuild(project, site, state, pending, drafts=drafts):
                    pending.clear()
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Stop):
        print("preview stopped", file=sys.stderr)
        return 0
    except _Restart:
        restarting = True
    finally:
        # A second Ctrl+C while cleaning up must not leave the folder half removed.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        if server is not None:
            if started:  # shutdown() waits for serve_forever(): forever if it never ran
                server.shutdown()
            server.server_close()
        if preview is not None:
            shutil.rmtree(preview, ignore_errors=True)
        for signum, handler_before in previous.items():
            signal.signal(signum, handler_before)
    assert restarting
    _restart()
    return 0  # not reached: the process runs the preview again


def _show_drafts(state: _State, host: str, port: int) -> None:
    content = state.content
    if content is None:
        return
    for claim in sorted(content.claims.values(), key=lambda c: c.id):
        if claim.status == "draft":
            print(
                f"draft (preview only): http://{host}:{port}/claims/{claim.id}/",
                file=sys.stderr,
            )
