"""Check content, then build both languages in parallel and swap the new site in atomically."""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import multiprocessing
import os
import re
import shutil
import tempfile
import time
import traceback
from collections.abc import Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.content.diagnostics import ContentError, Diagnostic, sort_diagnostics
from generator.content.history import read_histories
from generator.content.kinds import Content
from generator.content.load import ReadCache, load_content
from generator.content.model import DEFAULT_LANGUAGE, LANGUAGES
from generator.content.validate import validate
from generator.pages.urls import language_root


class BuildError(Exception):
    """The site engine failed; the previous site is left as it was."""


class OutputClash(Exception):
    """Two pages (or a page and a file of the theme) would be written to one file."""


def check(
    project: Path,
    content_dir: Path | None = None,
    *,
    today: dt.date | None = None,
    cache: ReadCache | None = None,
) -> tuple[Content, list[Diagnostic]]:
    """Load and validate content; return the content and every diagnostic, sorted.

    Args:
        project: the project folder (diagnostic paths are relative to it).
        content_dir: the content folder (default: `project/content`).
        today: the date that "in the future" is measured from (default: today).
        cache: files read by earlier checks (see `ReadCache`); the preview keeps one.
    """
    with _collector_paused():
        content, diagnostics = load_content(
            content_dir or project / "content", project, cache=cache
        )
        diagnostics += validate(content, today)
    return content, sort_diagnostics(diagnostics)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: loading makes about 150 objects per claim and no
    reference cycles, and the collector would walk the growing heap again and again
    (a fifth of the time `check` took at 5000 claims). Reference counting still frees."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was made meanwhile goes straight to the oldest generation: left in the
        # youngest, the first collection after this would walk all of it (0.1 s at 5000).
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


# The content the language builds work on: set before the build processes fork, so each
# one has it in memory without it being pickled and sent (0.4 s at 1000 claims).
_build_content: Content | None = None

_Job = tuple[Path, str, Path, str, "frozenset[str] | None", bool]


def _build_one(job: _Job) -> str | None:
    from generator.site.plugin import build_language

    config_file, lang, site_dir, root_url, refresh, drafts = job
    content = _build_content
    assert content is not None
    try:
        build_language(config_file, lang, site_dir, content, root_url, refresh, drafts=drafts)
    except OutputClash as clash:
        return str(clash)  # a plain sentence: no traceback to read
    except BaseException:  # noqa: BLE001 - reported to the parent process as text
        return traceback.format_exc()
    return None


def build_site(
    project: Path,
    site_dir: Path,
    *,
    parallel: bool = True,
    changed: Collection[Path] = (),
    previous: Content | None = None,
    cache: ReadCache | None = None,
    drafts: bool = False,
) -> Content:
    """Build the whole site into `site_dir`, replacing it only when every step succeeded.

    With `drafts` (the preview only), draft claims get their page too, with a "draft"
    banner and noindex, and stay out of every list; `build` never sets it.

    For the preview, `changed` (the content files edited since the build that read
    `previous`) lets it write only the pages those edits touch into the site in place,
    when every edit is to a claim, source, person or story that already existed
    (see `claims_to_refresh`); anything else builds the whole site. `cache` keeps the
    content files read by earlier builds (see `ReadCache`).

    Raises:
        ContentError: content has errors (nothing is built).
        BuildError: the engine failed (the previous `site_dir` is untouched).
    """
    content, diagnostics = check(project, cache=cache)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise ContentError(errors)
    content.history = read_histories(content.root)
    site_dir = site_dir.absolute()
    refresh = (
        claims_to_refresh(previous, content, changed, drafts=drafts)
        if previous is not None and changed and (site_dir / "index.html").is_file()
        else None
    )
    if refresh is not None:
        try:
            targets = {lang: site_dir / language_root(lang) for lang in LANGUAGES}
            _run_builds(project, targets, content, refresh, parallel=parallel, drafts=drafts)
        except BuildError:
            raise
        except Exception as error:
            raise BuildError(traceback.format_exc()) from error
        return content
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_build_folders(site_dir.parent)
        work = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=site_dir.parent))
    except OSError as error:
        raise BuildError(f"cannot create a build folder next to {site_dir}: {error}") from None
    try:
        main = _build_into(project, work, content, parallel=parallel, drafts=drafts)
        _swap(main, site_dir)
    except BuildError:
        raise
    except Exception as error:  # the engine or the disk failed: say so, keep the old site
        raise BuildError(traceback.format_exc()) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return content


# A build folder named without a process id (made before they carried one) is left alone
# while a build may still be using it.
_UNNAMED_BUILD_AGE = 6 * 3600
_BUILD_FOLDER = re.compile(r"\.site-(?:build-([0-9]+)-.*|old-.*-([0-9]+)|build-.*)")


def remove_stale_build_folders(parent: Path) -> list[Path]:
    """Delete the `.site-build-*` and `.site-old-*` folders in `parent` that builds killed
    halfway left behind (their process is gone); return them. A running build's folder,
    named with its process id, is kept."""
    removed: list[Path] = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _BUILD_FOLDER.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        pid = match.group(1) or match.group(2)
        if pid is not None:
            stale = not _process_alive(int(pid))
        else:
            try:
                stale = time.time() - entry.stat().st_mtime > _UNNAMED_BUILD_AGE
            except OSError:
                continue
        if stale:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a number we cannot ask about: keep it
    return True


def claims_to_refresh(
    previous: Content, content: Content, changed: Collection[Path], *, drafts: bool = False
) -> frozenset[str] | None:
    """The claims whose pages the edits in `changed` touch, or None when only a full build
    shows them right: a file added, removed or renamed, a claim published or drafted, or an
    edit outside claims, sources, people and stories (a registry, a page, the theme).

    Besides the pages of these claims, a refresh writes every page that is not a claim's
    (the lists, people, ratings, topics and stories), so only claim pages are chosen here.
    """
    for folder in ("claims", "sources", "people", "stories", "pages"):
        if set(getattr(previous, folder)) != set(getattr(content, folder)):
            return None
    published = _shown_claims(content, drafts)
    if published != _shown_claims(previous, drafts):
        return None
    claims: set[str] = set()
    for path in changed:
        try:
            folder, name = path.absolute().relative_to(content.root.absolute()).parts
        except ValueError:
            return None  # outside content/, or in a subfolder of it
        item_id = name.removesuffix(".yaml")
        if not name.endswith(".yaml") or not content.has(folder, item_id):
            return None
        if folder == "claims":
            claims.add(item_id)
            claims.update(c.id for c in content.claims.values() if item_id in c.related)
            claims.update(c.id for c in previous.claims.values() if item_id in c.related)
        elif folder == "sources":
            claims.update(c.id for c in content.claims.values() if item_id in c.sources)
        elif folder == "people":
            claims.update(c.id for c in content.claims.values() if c.claimant == item_id)
            claims.update(c.id for c in previous.claims.values() if c.claimant == item_id)
        elif folder == "stories":
            claims.update(content.stories[item_id].claims)
            claims.update(previous.stories[item_id].claims)
        else:
            return None
    return frozenset(claims & {claim_id for claim_id, _, _ in published})


def _shown_claims(content: Content, drafts: bool) -> set[tuple[str, str, bool]]:
    """The claims that have a page, with the state it shows: a change of state is a full
    build, because the lists change."""
    return {
        (c.id, c.status, c.withdrawn is None)
        for c in content.claims.values()
        if c.status == "published" or drafts
    }


def _build_into(
    project: Path, work: Path, content: Content, *, parallel: bool, drafts: bool = False
) -> Path:
    """Build every language under `work`; return the folder that becomes the site."""
    targets = {lang: work / lang for lang in LANGUAGES}
    _run_builds(project, targets, content, None, parallel=parallel, drafts=drafts)
    main = targets[DEFAULT_LANGUAGE]
    for lang, target in targets.items():
        if lang != DEFAULT_LANGUAGE:
            target.rename(main / lang)
    return main


def _run_builds(
    project: Path,
    targets: dict[str, Path],
    content: Content,
    refresh: frozenset[str] | None,
    *,
    parallel: bool,
    drafts: bool = False,
) -> None:
    """Build each language into its target folder, both at once when `parallel`."""
    from generator.site.plugin import site_root_url

    global _build_content
    config_file = project / "mkdocs.yml"
    root_url = site_root_url(config_file)
    jobs: list[_Job] = [
        (config_file, lang, target, root_url, refresh, drafts) for lang, target in targets.items()
    ]
    _build_content = content
    try:
        if parallel:
            # A process pool notices a worker that dies (a crash in C code); a plain
            # multiprocessing.Pool would wait for it forever.
            context = multiprocessing.get_context("fork")
            try:
                with ProcessPoolExecutor(max_workers=len(jobs), mp_context=context) as pool:
                    failures = list(pool.map(_build_one, jobs))
            except BrokenProcessPool:
                raise BuildError("a build process died before finishing") from None
        else:
            failures = [_build_one(job) for job in jobs]
    finally:
        _build_content = None
    failed = [f for f in failures if f]
    if failed:
        raise BuildError("\n".join(failed))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.restype = ctypes.c_int
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def _swap(new: Path, site_dir: Path) -> None:
    """Put `new` in place of `site_dir`; readers see the old site or the new one, never none."""
    if not site_dir.exists() and not site_dir.is_symlink():
        new.rename(site_dir)
        return
    if _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
        return
    old = site_dir.with_name(f".site-old-{site_dir.name}-{os.getpid()}")
    site_dir.rename(old)
    try:
        new.rename(site_dir)
    except BaseException:
        old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
