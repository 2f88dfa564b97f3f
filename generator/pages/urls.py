"""Where each page of each language lives, as site paths and absolute public URLs."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import DEFAULT_LANGUAGE


def language_root(lang: str) -> str:
    """The folder of a language inside the site: '' for the default, 'en/' for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


@dataclass(frozen=True)
class SiteUrls:
    """Absolute URLs under the site's public root (`root` ends with '/')."""

    root: str

    def home(self, lang: str) -> str:
        return self.root + language_root(lang)

    def page(self, lang: str, path: str) -> str:
        """The URL of the page at `path` (relative to the language root, like 'claims/x/')."""
        return self.root + language_root(lang) + path
