"""Check content, then build both languages in parallel and swap the new site in atomically."""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import traceback
from pathlib import Path

from generator.errors import ContentError, Diagnostic, sort_diagnostics
from generator.load import Content, load_content
from generator.model import DEFAULT_LANGUAGE, LANGUAGES
from generator.validate import validate


class BuildError(Exception):
    """The site engine failed; the previous site is left as it was."""


def check(project: Path, content_dir: Path | None = None) -> tuple[Content, list[Diagnostic]]:
    """Load and validate content; return the content and every diagnostic, sorted."""
    content, diagnostics = load_content(content_dir or project / "content", project)
    diagnostics += validate(content)
    return content, sort_diagnostics(diagnostics)


def _build_one(args: tuple[Path, str, Path, Content, str]) -> str | None:
    from generator.plugin import build_language

    try:
        build_language(*args)
    except BaseException:  # noqa: BLE001 - reported to the parent process as text
        return traceback.format_exc()
    return None


def build_site(project: Path, site_dir: Path, *, parallel: bool = True) -> Content:
    """Build the whole site into `site_dir`, replacing it only when every step succeeded.

    Raises:
        ContentError: content has errors (nothing is built).
        BuildError: the engine failed (the previous `site_dir` is untouched).
    """
    from generator.plugin import site_root_url

    content, diagnostics = check(project)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise ContentError(errors)
    config_file = project / "mkdocs.yml"
    root_url = site_root_url(config_file)
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        targets = {lang: work / lang for lang in LANGUAGES}
        jobs = [(config_file, lang, targets[lang], content, root_url) for lang in LANGUAGES]
        if parallel:
            with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
                failures = pool.map(_build_one, jobs)
        else:
            failures = [_build_one(job) for job in jobs]
        failed = [f for f in failures if f]
        if failed:
            raise BuildError("\n".join(failed))
        main = targets[DEFAULT_LANGUAGE]
        for lang, target in targets.items():
            if lang != DEFAULT_LANGUAGE:
                target.rename(main / lang)
        _swap(main, site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return content


def _swap(new: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".site-old-{site_dir.name}")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
