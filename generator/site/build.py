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
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.diagnostics import ContentError, Diagnostic, sort_diagnostics
from generator.content.history import read_histories
from generator.content.kinds import FOLDERS, REGISTRIES, Content
from generator.content.load import ReadCache, load_content
from generator.content.model import DEFAULT_LANGUAGE, LANGUAGES
from generator.content.validate import validate
from generator.pages.reads import (
    SITE_FILES,
    FullBuildNeeded,
    LanguageRecord,
    Refresh,
    changed_keys,
)
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


# The content the language builds work on, given to each build process when it starts
# (`_start_worker`): forked, it has it in memory without it being pickled and sent (0.4 s
# at 1000 claims).
_worker_content: Content | None = None

_Job = tuple[Path, str, Path, str, "Refresh | None", bool]
# What a language build returns: the error text (None when it succeeded), what its pages
# read, and whether a refresh found that only a full build shows the edit.
_Result = tuple["str | None", "LanguageRecord | None", bool]


def _start_worker(content: Content | None) -> None:
    global _worker_content
    _worker_content = content


def _build_one(job: _Job) -> _Result:
    from generator.site.plugin import build_language

    config_file, lang, site_dir, root_url, refresh, drafts = job
    content = _worker_content
    assert content is not None, "_start_worker() gives each build process the content"
    try:
        record = build_language(
            config_file, lang, site_dir, content, root_url, refresh, drafts=drafts
        )
    except FullBuildNeeded:
        return None, None, True
    except OutputClash as clash:
        return str(clash), None, False  # a plain sentence: no traceback to read
    except BaseException:  # noqa: BLE001 - reported to the parent process as text
        return traceback.format_exc(), None, False
    return None, record, False


@dataclass
class Preview:
    """What the preview keeps from one build to the next: the content the last build read
    and what each of its pages read (see reads.py), per language."""

    content: Content | None = None
    records: dict[str, LanguageRecord] = field(default_factory=dict)


def build_site(
    project: Path,
    site_dir: Path,
    *,
    parallel: bool = True,
    changed: Collection[Path] = (),
    preview: Preview | None = None,
    cache: ReadCache | None = None,
    drafts: bool = False,
) -> Content:
    """Build the whole site into `site_dir`, replacing it only when every step succeeded.

    With `drafts` (the preview only), draft claims get their page too, with a "draft"
    banner and noindex, and stay out of every list; `build` never sets it.

    For the preview, `changed` (the files edited since the build `preview` keeps) lets it
    write again, into the site in place, only the pages that read what the edits changed
    (see `pages_to_refresh`); `preview` is then updated. `cache` keeps the content files
    read by earlier builds (see `ReadCache`).

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
        pages_to_refresh(preview, content, changed, drafts=drafts)
        if preview is not None and changed and (site_dir / "index.html").is_file()
        else None
    )
    if refresh is not None:
        assert preview is not None
        try:
            targets = {lang: site_dir / language_root(lang) for lang in LANGUAGES}
            records = _run_builds(
                project,
                targets,
                content,
                refresh,
                parallel=parallel,
                drafts=drafts,
                records=preview.records,
            )
        except BuildError:
            raise
        except Exception as error:
            raise BuildError(traceback.format_exc()) from error
        if records is not None:
            preview.content, preview.records = content, preview.records | records
            return content
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_build_folders(site_dir.parent)
        work = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=site_dir.parent))
    except OSError as error:
        raise BuildError(f"cannot create a build folder next to {site_dir}: {error}") from None
    try:
        main, records = _build_into(project, work, content, parallel=parallel, drafts=drafts)
        _swap(main, site_dir)
    except BuildError:
        raise
    except Exception as error:  # the engine or the disk failed: say so, keep the old site
        raise BuildError(traceback.format_exc()) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if preview is not None:
        preview.content, preview.records = content, records
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


def pages_to_refresh(
    preview: Preview, content: Content, changed: Collection[Path], *, drafts: bool = False
) -> dict[str, frozenset[str]] | None:
    """The pages of each language that read something the edits in `changed` changed, or
    None when only a full build shows them right: a file outside content/'s folders and
    registries (the theme, an image, mkdocs.yml), an edit to what every page shows, or a
    claim published, drafted or withdrawn. (A change to which pages there are, or to the
    nav, is found by the refresh itself: see `FullBuildNeeded`.)"""
    before = preview.content
    if before is None or set(preview.records) != set(LANGUAGES):
        return None
    root = content.root.absolute()
    registries = {f"{kind.name}.yaml" for kind in REGISTRIES}
    for path in changed:
        try:
            parts = path.absolute().relative_to(root).parts
        except ValueError:
            return None  # outside content/
        if not (
            (len(parts) == 2 and parts[0] in FOLDERS and parts[1].endswith(".yaml"))
            or (len(parts) == 1 and parts[0] in registries)
        ):
            return None
    if _shown_claims(content, drafts) != _shown_claims(before, drafts):
        return None
    records = preview.records.values()
    keys = {key for record in records for page in record.pages.values() for key in page.reads}
    keys |= {key for record in records for key in record.site_files}
    site_wide = {key for record in records for key in record.site_wide}
    different = changed_keys(before, content, keys | site_wide)
    if different & site_wide:
        return None
    return {
        lang: frozenset(path for path, page in record.pages.items() if page.reads & different)
        | ({SITE_FILES} if record.site_files & different else set())
        for lang, record in preview.records.items()
    }


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
) -> tuple[Path, dict[str, LanguageRecord]]:
    """Build every language under `work`; return the folder that becomes the site, and
    what each language's pages read."""
    targets = {lang: work / lang for lang in LANGUAGES}
    records = _run_builds(project, targets, content, None, parallel=parallel, drafts=drafts)
    assert records is not None, "only a refresh asks for a full build"
    main = targets[DEFAULT_LANGUAGE]
    for lang, target in targets.items():
        if lang != DEFAULT_LANGUAGE:
            target.rename(main / lang)
    return main, records


def _run_builds(
    project: Path,
    targets: dict[str, Path],
    content: Content,
    refresh: dict[str, frozenset[str]] | None,
    *,
    parallel: bool,
    drafts: bool = False,
    records: dict[str, LanguageRecord] | None = None,
) -> dict[str, LanguageRecord] | None:
    """Build each language into its target folder, both at once when `parallel`; return
    what each language's pages read, or None when a refresh found that only a full build
    shows the edit (`refresh`: the pages to write again, per language, into the site that
    the builds recorded in `records` made)."""
    from generator.site.plugin import site_root_url

    config_file = project / "mkdocs.yml"
    root_url = site_root_url(config_file)
    jobs: list[_Job] = [
        (
            config_file,
            lang,
            target,
            root_url,
            Refresh(refresh[lang], records[lang]) if refresh and records else None,
            drafts,
        )
        for lang, target in targets.items()
    ]
    if parallel:
        # A process pool notices a worker that dies (a crash in C code); a plain
        # multiprocessing.Pool would wait for it forever.
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(
                max_workers=len(jobs),
                mp_context=context,
                initializer=_start_worker,
                initargs=(content,),
            ) as pool:
                results = list(pool.map(_build_one, jobs))
        except BrokenProcessPool:
            raise BuildError("a build process died before finishing") from None
    else:
        _start_worker(content)
        try:
            results = [_build_one(job) for job in jobs]
        finally:
            _start_worker(None)
    failed = [error for error, _, _ in results if error]
    if failed:
        raise BuildError("\n".join(failed))
    if any(full for _, _, full in results):
        return None
    return {job[1]: record for job, (_, record, _) in zip(jobs, results, strict=True) if record}


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
