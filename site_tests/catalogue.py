"""The pages a reader can reach, by type and language, as site-relative paths.

Ids come from the project's own loader at collection time (so tests can be parametrized); the
built site must then hold a page for each. Claimant and rating index pages live at
`people/<id>/` and `ratings/<id>/`, the way claims live at `claims/<id>/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.content.kinds import Content
from generator.content.load import load_content

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "en")
CLAIMANT_DIR = "people"
RATING_DIR = "ratings"


@cache
def content() -> Content:
    loaded, _ = load_content(PROJECT / "content", PROJECT)
    return loaded


def language_root(lang: str) -> str:
    """The folder of a language: '' for Arabic (the default), 'en/' for English."""
    return "" if lang == "ar" else f"{lang}/"


def claim_ids() -> list[str]:
    return sorted(content().claims)


def richest_claim() -> str:
    """The claim with the most sources: the page with the most to lay out and to print."""
    claims = content().claims
    return max(sorted(claims), key=lambda claim_id: len(claims[claim_id].sources))


def claim_path(claim_id: str, lang: str) -> str:
    return f"{language_root(lang)}claims/{claim_id}/"


# What the search page is opened with: a name that finds claims in each language.
SEARCH_QUERY = {"ar": "ماسك", "en": "Musk"}


def page_types(lang: str) -> dict[str, str]:
    """One representative page of every page type of issue 7, for `lang`.

    'search' is the search page with a query, '404' a path that does not exist.
    The claimant and rating pages are those of the first claim (by id) made by a person
    with a claimant page.
    """
    loaded = content()
    root = language_root(lang)
    first = loaded.claims[claim_ids()[0]]
    return {
        "home": root,
        "story": f"{root}stories/{sorted(loaded.stories)[0]}/",
        "claim": claim_path(first.id, lang),
        "claimant": f"{root}{CLAIMANT_DIR}/{first.claimant}/",
        "rating": f"{root}{RATING_DIR}/{first.rating}/",
        "claimants": f"{root}{CLAIMANT_DIR}/",
        "ratings": f"{root}{RATING_DIR}/",
        "about": f"{root}about/",
        "search": f"{root}search/?q={SEARCH_QUERY[lang]}",
        "404": f"{root}this-page-does-not-exist/",
    }


def every_page(site: Path) -> list[str]:
    """Site-relative paths of every HTML page of the build ('' for the home page)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def pages_of(site: Path, lang: str) -> list[str]:
    """Every page of one language (site-relative paths)."""
    root = language_root(lang)
    return [
        path
        for path in every_page(site)
        if (path.startswith(root) if root else not path.startswith("en/"))
    ]


def largest_page_of_each_kind(site: Path, lang: str) -> dict[str, str]:
    """For each kind of page (its folder: 'claims/*', 'people/*', 'about', '404.html', ...),
    the page with the most HTML: the one most likely to overflow a small screen."""
    root = language_root(lang)
    largest: dict[str, tuple[int, str]] = {}
    for path in pages_of(site, lang):
        parts = path.removeprefix(root).strip("/").split("/")
        kind = parts[0] + ("/*" if len(parts) > 1 else "")
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        size = file.stat().st_size
        if kind not in largest or size > largest[kind][0]:
            largest[kind] = (size, path)
    return {kind: path for kind, (_, path) in sorted(largest.items())}
