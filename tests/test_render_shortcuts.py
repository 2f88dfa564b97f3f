"""Shortcuts the renderer takes for speed give the HTML the plain way gives.

The no-break space before citation markers is found by splitting at the markers, not with
the regular expression that defines it; a source's entry in the source list is rendered once
per language and reused on every page that cites the source. Each is compared here with the
plain way, on generated text and on the real content.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from built_pages import content
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.pages.render import Renderer, keep_citations_with_their_word

MARKER = '<sup class="bayyin-cite">'
# The rule itself: a run of white space after a non-space, right before a marker.
SPACE_BEFORE_CITE = re.compile(rf"(?<=\S)\s+(?={re.escape(MARKER)})")

_PIECES = st.sampled_from(
    [MARKER, "<sup>", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "a", "ب", ".", "<p>", "x y"]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_no_break_space_goes_where_the_rule_puts_it(html: str) -> None:
    assert keep_citations_with_their_word(html) == SPACE_BEFORE_CITE.sub("\u00a0", html)


def test_a_marker_keeps_its_word_and_a_leading_space_stays() -> None:
    html = f" {MARKER}1</sup> word \n {MARKER}2</sup>"
    assert keep_citations_with_their_word(html) == f" {MARKER}1</sup> word\u00a0{MARKER}2</sup>"


def _without_once(renderer: Renderer) -> Renderer:
    """`renderer` rendering every `once` block each time it is met."""

    def every_time(key: str, caller: Callable[[], str]) -> Markup:
        return Markup(caller())  # noqa: S704 - Jinja output

    renderer.env.globals["once"] = every_time
    return renderer


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_source_entries_rendered_once_read_as_rendered_each_time(lang: str) -> None:
    site = content()
    cited_twice = {
        source
        for claim in site.claims.values()
        for source in claim.sources
        if sum(source in other.sources for other in site.claims.values()) > 1
    }
    assert cited_twice, "the real content has sources that several claims cite"
    once = {page.path: page.html for page in Renderer(site, lang).pages()}
    each_time = {page.path: page.html for page in _without_once(Renderer(site, lang)).pages()}
    assert once == each_time
