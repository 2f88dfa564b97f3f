"""The thin adapter to MkDocs + Material: the only module that imports mkdocs.

Each language is its own MkDocs build from the one `mkdocs.yml` (Arabic into the site root,
English into `en/`); the generator supplies the per-language settings, and this plugin turns
the rendered pages into MkDocs pages. Swapping the engine means rewriting this file only.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import jinja2
from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from generator.content.kinds import Content
from generator.content.model import DEFAULT_LANGUAGE, LANGUAGES
from generator.pages.cards import CardCache
from generator.pages.publishing import (
    page_head,
    sitemap_page,
    write_card,
    write_site_files,
    write_site_map,
)
from generator.pages.reads import (
    SITE_FILES,
    FullBuildNeeded,
    LanguageRecord,
    PageRecord,
    Reads,
    Refresh,
)
from generator.pages.render import Renderer, relative
from generator.pages.search_index import write_index
from generator.pages.search_records import facet_values, search_records
from generator.pages.strings import DIRECTION, STRINGS
from generator.pages.template_loader import DedentedLoader
from generator.pages.urls import SiteUrls, language_root
from generator.pages.views import PagePlan, RenderedPage, src_uri
from generator.site.build import OutputClash
from generator.site.output import contact_text, stop_alternate_sitemap_fetch, with_dir

if TYPE_CHECKING:
    # The shape get_toc() reads; private in MkDocs, so only for type checking.
    from mkdocs.structure.toc import _TocToken


class BayyinPlugin(BasePlugin):  # type: ignore[type-arg]
    """Adds the generated pages of one language to a MkDocs build."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = DEFAULT_LANGUAGE
        self.content: Content | None = None
        self.root_url = ""
        self.pages: dict[str, RenderedPage] = {}
        self.plans: list[PagePlan] = []
        self.reads = Reads()
        self.renderer: Renderer | None = None
        self.cards = CardCache(None)
        # Where Jinja keeps compiled templates between builds (None: compile every time).
        self.compiled: jinja2.BytecodeCache | None = None
        # A preview refresh: only these pages are written again, into the site as it is;
        # None for a full build.
        self.refresh: Refresh | None = None
        # What this build read, for the next refresh (set at the end of the build).
        self.record: LanguageRecord | None = None
        # The preview shows draft claims too (bannered, noindex); `build` never does.
        self.drafts = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        assert self.content is not None, "build_language() sets the content"
        # Every read of the content, here and while pages render, goes through the renderer's
        # recording view of it (see reads.py); what no page reads alone, every page shows.
        renderer = Renderer(
            self.content, self.lang, compiled=self.compiled, drafts=self.drafts, reads=self.reads
        )
        self.renderer = renderer
        self.plans = renderer.plan()
        refresh = self.refresh
        # (Their order may change: the site map and the search index follow the new one.)
        if refresh is not None and {p.path for p in self.plans} != refresh.previous.pages.keys():
            raise FullBuildNeeded("the site's pages changed")
        rendered = renderer.pages(refresh.paths if refresh else None, self.plans)
        self.pages = {page.src_uri: page for page in rendered}
        nav_titles = {
            page.path: _text(page.nav_title or page.title) if page.in_nav else None
            for page in rendered
        }
        if refresh is not None:
            # The pages not rendered again are left as they are on disk; every page shows
            # the nav, so a refresh that would change it is a full build.
            before = {path: page.nav_title for path, page in refresh.previous.pages.items()}
            if before != before | nav_titles:
                raise FullBuildNeeded("the nav changed")
            nav_titles = before
        t = STRINGS[self.lang]
        config.nav = [
            {title: src_uri(planned.path)}
            for planned in self.plans
            if (title := nav_titles[planned.path]) is not None
        ]
        config.extra["alternate"] = [
            {
                "name": STRINGS[lang]["language_name"],
                "lang": lang,
                "link": self.root_url + language_root(lang),
            }
            for lang in LANGUAGES
        ]
        config.extra["bayyin_strings"] = t
        # content/site.yaml is the one place for the site's identity: name, logo, publisher
        # and contact (mkdocs.yml holds only a stand-in name, which MkDocs requires).
        site = renderer.content.site
        if site is not None:
            # Escaped once, and marked safe so Material's `| e` does not escape it again:
            # Material prints the name both ways, and it now comes from editor input.
            config.site_name = escape(t["separator"].join(site.name[lang] for lang in LANGUAGES))
            if site.logo:
                config.theme["logo"] = config.theme["favicon"] = site.logo
        # The footer speaks the page's language: who publishes, not which tool built it,
        # and where readers write to.
        config.copyright = f"© {_text(site.organization[self.lang])}" if site else None
        config.extra["bayyin_contact"] = (
            {"label": t["contact"], "href": site.contact, "text": contact_text(site.contact)}
            if site
            else None
        )
        config.extra["generator"] = False
        # GitHub Pages answers every missing path with the one root 404.html, /en/... too:
        # the page holds both languages, this build's first. Links are path-absolute (the
        # page is served at any depth), like the assets MkDocs links from it.
        prefix = urlsplit(self.root_url).path or "/"
        config.extra["bayyin_not_found"] = {
            "prefix": prefix,
            "blocks": [
                {
                    "lang": lang,
                    "dir": DIRECTION[lang],
                    "title": STRINGS[lang]["not_found_title"],
                    "body": STRINGS[lang]["not_found_body"],
                    "go_home": STRINGS[lang]["go_home"],
                    "home": prefix + language_root(lang),
                }
                for lang in sorted(LANGUAGES, key=lambda lang: lang != self.lang)
            ],
        }
        # publishing.py writes one site map for both languages, with their alternates.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        fragments: dict[str, Markup] = {}

        def cached(key: str, caller: Callable[[], str]) -> Markup:
            """`{% call bayyin_cached(key) %}...{% endcall %}`: render the body once per key."""
            if key not in fragments:
                fragments[key] = Markup(caller())
            return fragments[key]

        env.globals["bayyin_cached"] = cached
        # Material's templates and ours without the indentation of their lines (7 % of a
        # claim page): the same page for a browser, fewer bytes to host and send.
        if env.loader is not None:
            env.loader = DedentedLoader(env.loader)
        # Templates do not change during a build (`make serve` starts a new one for each
        # change): no stat() of the template file at each of the ~50 includes per page.
        env.auto_reload = False
        # Material's ~45 templates compile in about 0.2 s per build; Jinja keeps them
        # compiled, keyed by a checksum of each template's source.
        env.bytecode_cache = self.compiled
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # No longer a static template (see on_config), the theme's sitemap.xml would be
        # copied as it is, Jinja source and all.
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None:
            files.remove(theme_sitemap)
        for planned in self.plans:
            name = src_uri(planned.path)
            page = _Generated.generated(config, name, content="")
            assert isinstance(page, _Generated)
            page.modified = name in self.pages
            files.append(page)
        _refuse_clashes(files, self.lang)
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered is not None:
            # Material prints the title unescaped, only ever as text (header, <title>, nav).
            # Quotes are left as they are: no template puts this title into an attribute.
            page.meta["title"] = html.escape(rendered.title, quote=False)
            page.meta["description"] = rendered.description
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered is None:
            return html
        # The page title heads the table of contents: Material's skip link goes to the first
        # entry (the title, not past it to the first section), and its sidebar lists only
        # the children of a level-1 entry.
        sections: list[_TocToken] = [
            {"level": e.level, "id": e.anchor, "name": _text(e.title), "children": []}
            for e in rendered.toc
        ]
        top: _TocToken = {
            "level": 1,
            "id": "content",
            "name": _text(rendered.title),
            "children": sections,
        }
        page.toc = get_toc([top])
        return rendered.html

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        rendered = self.pages.get(page.file.src_uri)
        path = rendered.path if rendered else page.url
        here = language_root(self.lang) + path
        head = None
        if rendered and self.renderer:
            with self.reads.page(path):
                head = page_head(
                    rendered, self.renderer.content, self.lang, SiteUrls(self.root_url)
                )
        page.meta["bayyin"] = {
            "kind": rendered.kind if rendered else "page",
            "alternates": [
                {
                    "lang": lang,
                    "name": STRINGS[lang]["language_name"],
                    "absolute": self.root_url + language_root(lang) + path,
                    "relative": relative(here, language_root(lang) + path),
                    "current": lang == self.lang,
                }
                for lang in LANGUAGES
            ],
            "default_url": self.root_url + path,
            "head": head,
        }
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return with_dir(output, self.lang)

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates (the 404 page) do not pass through on_post_page.
        if template_name.endswith(".html"):
            return with_dir(output_content, self.lang)
        return output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        stop_alternate_sitemap_fetch(site_dir)
        assert self.content is not None and self.renderer is not None
        order = [planned.path for planned in self.plans]
        with self.reads.unrecorded():
            # Written whole from the content, by a refresh too (a fraction of a build): read
            # unrecorded, or every page would depend on every claim.
            write_index(
                site_dir / "search",
                search_records(self.renderer),
                facet_values(self.renderer),
                self.content.search.variants if self.content.search else (),
            )
        urls = SiteUrls(self.root_url)
        content = self.renderer.content
        for page in self.pages.values():
            with self.reads.page(page.path):
                write_card(site_dir, page, content, self.lang, urls, self.cards)
        before = self.refresh.previous.pages if self.refresh else {}
        records = {
            path: (
                PageRecord(
                    frozenset(self.reads.pages.get(path, ())),
                    _text(done.nav_title or done.title) if done.in_nav else None,
                    sitemap_page(done),
                )
                if (done := self.pages.get(src_uri(path))) is not None
                else before[path]
            )
            for path in order
        }
        # The feeds, written again when what they read changed.
        if self.refresh is None or SITE_FILES in self.refresh.paths:
            with self.reads.page(SITE_FILES):
                write_site_files(site_dir, content, self.lang, urls)
            site_files = frozenset(self.reads.pages.pop(SITE_FILES, ()))
        else:
            site_files = self.refresh.previous.site_files
        self.record = LanguageRecord(records, frozenset(self.reads.site_wide), site_files)
        if self.lang == DEFAULT_LANGUAGE:
            # The site map, from every page's entry (those not written again: as recorded).
            entries = [entry for r in records.values() if (entry := r.sitemap) is not None]
            write_site_map(site_dir, entries, urls, self.lang)


def _refuse_clashes(files: Files, lang: str) -> None:
    """Stop the build when two files of the site would be written to one place (a claim with
    the id "index" would replace the list of claims, claims/index.html).

    Raises:
        OutputClash: names the file and both sources.
    """
    written: dict[str, str] = {}
    for file in files:
        first = written.setdefault(file.dest_uri, file.src_uri)
        if first != file.src_uri:
            raise OutputClash(
                f"two pages would both be written to site/{language_root(lang)}{file.dest_uri} "
                f"({first} and {file.src_uri}); give one of them another id"
            )


class _Generated(File):
    """A page made by the plugin; in a refresh, only the pages written again are modified."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def _text(value: str) -> str:
    """Escape text for Material's nav and TOC templates, which print titles unescaped. The
    loader already refuses markup in content; this is the second line of defence."""
    return str(escape(value))


def site_root_url(config_file: Path) -> str:
    """The site's public root URL: $BAYYIN_SITE_URL, else `site_url` from mkdocs.yml."""
    configured = os.environ.get("BAYYIN_SITE_URL")
    if not configured:
        with tempfile.TemporaryDirectory() as docs_dir:
            config = load_config(str(config_file), docs_dir=docs_dir)
        configured = config.site_url or ""
    return configured if configured.endswith("/") else configured + "/"


def build_language(
    config_file: Path,
    lang: str,
    site_dir: Path,
    content: Content,
    root_url: str,
    refresh: Refresh | None = None,
    *,
    drafts: bool = False,
) -> LanguageRecord:
    """Build one language of the site into `site_dir` with MkDocs; with `refresh`, write
    only its pages into the site already there. Returns what each page read.

    Raises:
        FullBuildNeeded: (a refresh) the edit changed which pages there are, or the nav.
    """
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    docs_dir = site_dir.with_name(site_dir.name + "-docs")
    docs_dir.mkdir(parents=True, exist_ok=True)
    config = load_config(str(config_file), site_dir=str(site_dir), docs_dir=str(docs_dir))
    config.site_url = root_url + language_root(lang)
    config.theme["language"] = lang
    config.theme["direction"] = "rtl" if lang == "ar" else "ltr"
    # Registered here rather than through a package entry point, so the project runs
    # from its folder without being installed.
    plugin = BayyinPlugin()
    config.plugins["bayyin"] = plugin
    plugin.lang = lang
    plugin.content = content
    plugin.root_url = root_url
    plugin.cards = CardCache(card_cache_dir(config_file))
    plugin.compiled = template_cache(config_file)
    plugin.refresh = refresh
    plugin.drafts = drafts
    if refresh is None:
        mkdocs_build(config)
        assert plugin.record is not None
        return plugin.record
    # A refresh is what MkDocs calls a dirty build, and it warns about it on every build
    # (which strict mode would count as a failure): expected here, so left unsaid.
    engine_log = logging.getLogger("mkdocs.commands.build")
    engine_log.addFilter(_not_the_dirty_warning)
    try:
        mkdocs_build(config, dirty=True)
    finally:
        engine_log.removeFilter(_not_the_dirty_warning)
    assert plugin.record is not None
    return plugin.record


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _SourceKeyedCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, with each entry named by the template's name and source rather
    than its path: every checkout (and every test project) shares one entry per version of a
    template, so the folder does not grow with each project built."""

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        key = hashlib.sha256(f"{name}\0{source}".encode()).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket


def template_cache(config_file: Path) -> jinja2.BytecodeCache | None:
    """Compiled templates, kept in the user's cache folder ($XDG_CACHE_HOME or ~/.cache,
    under bayyin/templates/; None when the folder cannot be made: templates are then
    compiled at each build). `config_file` is not used: the cache is shared.

    Compiled templates are code that Jinja loads and runs: they are never kept inside the
    repository, where a pull request could commit some or a restored CI cache bring them.
    """
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not Path(base).is_absolute():
        base = str(Path.home() / ".cache")
    folder = Path(base) / "bayyin" / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _SourceKeyedCache(str(folder))


def card_cache_dir(config_file: Path) -> Path | None:
    """Where rendered social cards are kept between builds: $BAYYIN_CARD_CACHE, else
    `.cache/cards` beside mkdocs.yml; an empty $BAYYIN_CARD_CACHE turns the cache off."""
    configured = os.environ.get("BAYYIN_CARD_CACHE")
    if configured is None:
        return config_file.parent / ".cache" / "cards"
    return Path(configured) if configured else None
