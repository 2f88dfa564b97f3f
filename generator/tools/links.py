"""`python -m generator links`: check that every source URL (and archive copy) still answers.

Requests go out concurrently but politely: a few at a time per host, with a pause between
two requests to one host, a timeout, retries with growing pauses, and the wait a server asks
for with `Retry-After`. Redirects are followed (one to another host is reported), and no
more than a few kilobytes of a body are read. Results are kept with their dates in
`.cache/links.json`, so a run within a day of the last one asks no server again.

Only the standard library speaks HTTP here (`http.client`, which reads no proxy settings),
so a test against a server on 127.0.0.1 sends nothing off the machine.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import http.client
import json
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from generator.content.diagnostics import Diagnostic, display_path, sort_diagnostics
from generator.pages.render import ascii_url

CACHE_FILE = Path(".cache") / "links.json"
CACHE_VERSION = 1
USER_AGENT = (
    "Bayyin-links/1.0 (checks that the sources cited by a fact-checking site still answer; "
    "{contact})"
)
# Problems that mean the page is gone, not that the server is having a bad moment.
DEAD_STATUSES = {404: "not found", 410: "gone"}
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One URL in one content file, where an editor would fix it."""

    path: str  # as shown in diagnostics, relative to the project
    file: Path
    line: int
    column: int
    field: str  # "url" or "archive.url"
    url: str


@dataclass(frozen=True)
class Result:
    """What a URL answered, as kept in the cache."""

    url: str
    ok: bool
    status: int | None = None
    problem: str = ""  # what went wrong, in plain words, with the HTTP status when there was one
    final_url: str = ""
    other_host: bool = False  # the redirects ended on another host
    content_type: str = ""
    title: str = ""
    checked: str = ""  # when, as an ISO 8601 UTC time
    bytes_read: int = 0

    @property
    def dead(self) -> bool:
        return not self.ok


@dataclass
class Settings:
    """How politely and how patiently to ask (tests make every pause short)."""

    user_agent: str = USER_AGENT.format(contact="no contact given")
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 2.0  # seconds before the first retry; doubled at each one
    per_host: int = 2  # requests at once to one host
    delay: float = 1.0  # seconds between the starts of two requests to one host
    max_retry_after: float = 120.0  # a longer wait asked by a server is not waited for
    body_limit: int = 64 * 1024
    max_redirects: int = 10
    workers: int = 8
    sleep: Callable[[float], None] = time.sleep


class _Host:
    """The politeness state of one host: how many requests are out, when the last began."""

    def __init__(self, limit: int) -> None:
        self.slots = threading.Semaphore(limit)
        self.lock = threading.Lock()
        self.last = 0.0


class _Answer:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


class Checker:
    """Asks servers whether URLs still answer, politely; safe to share between threads."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._tls = ssl.create_default_context()

    def _host(self, netloc: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(netloc, _Host(self.settings.per_host))

    def request(self, url: str) -> _Answer:
        """One GET of `url`, no redirect followed, at most `body_limit` bytes of the body.

        Raises OSError, ssl.SSLError or http.client.HTTPException when no answer came.
        """
        parts = urlsplit(ascii_url(url))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http or https URL")
        host = self._host(parts.netloc.lower())
        with host.slots:
            with host.lock:
                wait = host.last + self.settings.delay - time.monotonic()
                if wait > 0:
                    self.settings.sleep(wait)
                host.last = time.monotonic()
            connection: http.client.HTTPConnection
            if parts.scheme == "https":
                connection = http.client.HTTPSConnection(
                    parts.hostname, parts.port, timeout=self.settings.timeout, context=self._tls
                )
            else:
                connection = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=self.settings.timeout
                )
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            try:
                connection.request(
                    "GET",
                    target,
                    headers={
                        "User-Agent": self.settings.user_agent,
                        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
                        "Accept-Encoding": "identity",
                        "Connection": "close",
                    },
                )
                response = connection.getresponse()
                body = b""
                if 200 <= response.status < 300:
                    body = response.read(self.settings.body_limit)
                return _Answer(response.status, response.headers, body)
            finally:
                connection.close()

    def check(self, url: str, now: dt.datetime | None = None) -> Result:
        """Whether `url` answers, following redirects and retrying what may pass."""
        checked = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        result = self._check(url)
        return replace(result, checked=checked)

    def _check(self, url: str) -> Result:
        settings = self.settings
        pause = settings.backoff
        last = Result(url, ok=False, problem="not checked")
        for attempt in range(settings.retries + 1):
            retry_after: float | None = None
            try:
                last = self._follow(url)
            except ssl.SSLError as error:
                return Result(url, ok=False, problem=f"TLS failure ({_reason(error)})")
            except TimeoutError:
                last = Result(
                    url, ok=False, problem=f"no answer within {settings.timeout:g} s (timed out)"
                )
            except socket.gaierror:
                last = Result(url, ok=False, problem="host name not found (DNS)")
            except ConnectionRefusedError:
                last = Result(url, ok=False, problem="connection refused")
            except ValueError as error:
                return Result(url, ok=False, problem=str(error))
            except (OSError, http.client.HTTPException) as error:
                last = Result(url, ok=False, problem=f"connection failed ({_reason(error)})")
            else:
                if last.ok or last.status not in _RETRY_STATUSES:
                    return last
                retry_after = _retry_after(last.problem)
            if attempt == settings.retries:
                break
            if retry_after is not None:
                if retry_after > settings.max_retry_after:
                    break
                settings.sleep(retry_after)
            else:
                settings.sleep(pause)
                pause *= 2
        return replace(last, problem=last.problem.split("\0")[0])

    def _follow(self, url: str) -> Result:
        current = url
        start_host = (urlsplit(url).hostname or "").lower()
        for _ in range(self.settings.max_redirects + 1):
            answer = self.request(current)
            if answer.status in (301, 302, 303, 307, 308):
                location = answer.headers.get("Location")
                if not location:
                    return Result(
                        url,
                        ok=False,
                        status=answer.status,
                        problem=f"redirect without a Location (HTTP {answer.status})",
                    )
                current = urljoin(current, location.strip())
                if urlsplit(current).scheme not in ("http", "https"):
                    return Result(url, ok=False, problem=f"redirects to a non-web URL: {current}")
                continue
            final_host = (urlsplit(current).hostname or "").lower()
            base = Result(
                url,
                ok=200 <= answer.status < 300,
                status=answer.status,
                final_url=current if current != url else "",
                other_host=final_host != start_host,
                content_type=answer.headers.get_content_type(),
                bytes_read=len(answer.body),
            )
            if base.ok:
                return replace(base, title=_title(answer))
            reason = DEAD_STATUSES.get(answer.status) or (
                http.client.responses.get(answer.status, "error").lower()
            )
            problem = f"{reason} (HTTP {answer.status})"
            if answer.status in _RETRY_STATUSES:
                # The wait the server asked for rides along, for _check only.
                problem += "\0" + (answer.headers.get("Retry-After") or "")
            return replace(base, problem=problem)
        return Result(url, ok=False, problem=f"more than {self.settings.max_redirects} redirects")


def _reason(error: BaseException) -> str:
    if isinstance(error, ssl.SSLError) and error.reason:
        return str(error.reason)
    return str(error) or type(error).__name__


def _retry_after(problem: str) -> float | None:
    """The seconds a `Retry-After` header asked for (a number or an HTTP date), or None."""
    _, _, value = problem.partition("\0")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _title(answer: _Answer) -> str:
    if answer.headers.get_content_type() not in ("text/html", "application/xhtml+xml"):
        return ""
    match = _TITLE.search(answer.body)
    if not match:
        return ""
    charset = _CHARSET.search(answer.headers.get("Content-Type", ""))
    try:
        text = match.group(1).decode(charset.group(1) if charset else "utf-8", "replace")
    except LookupError:
        text = match.group(1).decode("utf-8", "replace")
    return " ".join(html.unescape(text).split())


# --- the cache ------------------------------------------------------------------------


@dataclass
class LinkCache:
    """Results by URL with the time each was checked; fresh for `max_age`."""

    file: Path | None
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    max_age: dt.timedelta = dt.timedelta(days=1)
    results: dict[str, Result] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path | None, now: dt.datetime | None = None) -> LinkCache:
        cache = cls(file, now or dt.datetime.now(dt.UTC))
        if file is None or not file.is_file():
            return cache
        try:
            data = json.loads(file.read_text("utf-8"))
            if data.get("version") == CACHE_VERSION:
                for url, entry in data["results"].items():
                    cache.results[url] = Result(**entry)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            cache.results.clear()  # a damaged cache is only a slower run
        return cache

    def fresh(self, url: str) -> Result | None:
        result = self.results.get(url)
        if result is None:
            return None
        try:
            checked = dt.datetime.strptime(result.checked, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            return None
        age = self.now - checked.replace(tzinfo=dt.UTC)
        return result if dt.timedelta(0) <= age < self.max_age else None

    def save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": CACHE_VERSION,
            "results": {url: asdict(r) for url, r in sorted(self.results.items())},
        }
        temporary = self.file.with_name(self.file.name + f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
        temporary.replace(self.file)


# --- finding the links -------------------------------------------------------------------


def source_files(project: Path, paths: Iterable[Path] = ()) -> list[Path]:
    """The source files to check: under `paths` (files or folders), else content/sources."""
    chosen = list(paths) or [project / "content" / "sources"]
    files: set[Path] = set()
    for path in chosen:
        if path.is_dir():
            files.update(p for p in path.rglob("*.yaml") if p.is_file())
        elif path.suffix == ".yaml":
            files.add(path)
    return sorted(files)


def find_links(project: Path, files: Iterable[Path]) -> tuple[list[Link], list[Diagnostic]]:
    """Every `url` and `archive.url` in `files`; a file that is not YAML is reported and
    skipped."""
    links: list[Link] = []
    diagnostics: list[Diagnostic] = []
    for file in files:
        shown = display_path(file, project)
        try:
            text = file.read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
        except (OSError, UnicodeDecodeError) as error:
            diagnostics.append(Diagnostic(shown, 1, 1, f"cannot be read, skipped: {error}"))
            continue
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = error.problem or "not valid YAML"
            diagnostics.append(
                Diagnostic(shown, line, column, f"not valid YAML ({problem}), skipped")
            )
            continue
        except yaml.YAMLError as error:
            diagnostics.append(Diagnostic(shown, 1, 1, f"not valid YAML ({error}), skipped"))
            continue
        for name, value in _urls(node):
            links.append(
                Link(
                    shown,
                    file,
                    value.start_mark.line + 1,
                    value.start_mark.column + 1,
                    name,
                    str(value.value).strip(),
                )
            )
    return links, diagnostics


def _urls(node: yaml.Node | None) -> Iterable[tuple[str, yaml.ScalarNode]]:
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value == "url" and isinstance(value, yaml.ScalarNode) and _is_web(value.value):
            yield "url", value
        elif key.value == "archive" and isinstance(value, yaml.MappingNode):
            for inner_key, inner in value.value:
                if (
                    isinstance(inner_key, yaml.ScalarNode)
                    and inner_key.value == "url"
                    and isinstance(inner, yaml.ScalarNode)
                    and _is_web(inner.value)
                ):
                    yield "archive.url", inner


def _is_web(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


# --- the run -----------------------------------------------------------------------------


@dataclass
class Report:
    """What one run found: a result per URL, and the lines to print."""

    links: list[Link]
    results: dict[str, Result]
    diagnostics: list[Diagnostic]
    from_cache: int = 0

    @property
    def dead(self) -> list[Link]:
        return [link for link in self.links if self.results[link.url].dead]

    @property
    def moved(self) -> list[Link]:
        return [
            link
            for link in self.links
            if self.results[link.url].ok and self.results[link.url].other_host
        ]

    def summary(self) -> str:
        urls = len(self.results)
        dead = len({link.url for link in self.dead})
        moved = len({link.url for link in self.moved})
        skipped = sum(d.severity == "error" for d in self.diagnostics)
        text = (
            f"checked {urls} link(s) in {len(self.links)} place(s) "
            f"({self.from_cache} from the cache of the last day): "
            f"{urls - dead} answer, {dead} dead or failing, {moved} redirect to another host"
        )
        if skipped:
            text += f"; {skipped} file(s) skipped"
        return text


def check_links(
    project: Path,
    files: Iterable[Path],
    checker: Checker,
    cache: LinkCache,
) -> Report:
    """Check every link in `files` (each URL once), taking fresh results from `cache` and
    putting new ones in it."""
    links, diagnostics = find_links(project, files)
    urls = sorted({link.url for link in links})
    results: dict[str, Result] = {}
    to_check = []
    for url in urls:
        cached = cache.fresh(url)
        if cached is not None:
            results[url] = cached
        else:
            to_check.append(url)
    if to_check:
        with ThreadPoolExecutor(max_workers=max(1, checker.settings.workers)) as pool:
            for url, result in zip(to_check, pool.map(checker.check, to_check), strict=True):
                results[url] = result
                cache.results[url] = result
    for link in links:
        result = results[link.url]
        if result.dead:
            diagnostics.append(
                Diagnostic(
                    link.path, link.line, link.column, f"{link.field}: {result.problem}", "warning"
                )
            )
        elif result.other_host:
            diagnostics.append(
                Diagnostic(
                    link.path,
                    link.line,
                    link.column,
                    f"{link.field}: redirects to another host: {result.final_url}",
                    "warning",
                )
            )
    return Report(links, results, sort_diagnostics(diagnostics), len(urls) - len(to_check))


def user_agent(contact: str | None) -> str:
    """A User-Agent that says who asks and how to reach them (the site's repository, else
    its contact address)."""
    return USER_AGENT.format(contact=contact or "no contact given")
