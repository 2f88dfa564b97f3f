"""Text as pages print it: Latin runs isolated in Arabic text and Arabic runs marked in
English text, citation markers kept with their word, plain text of editor Markdown, the
readable and the ASCII form of an address, and links from one page to another."""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from urllib.parse import quote, urlsplit, urlunsplit

from babel.dates import format_date
from markupsafe import Markup, escape

from generator.content.model import browser_host
from generator.pages.addresses import MORE, join_parts, readable_url_parts

# Runs of Latin script (with the digits and punctuation inside them) in Arabic text. The
# text is HTML: '&' and an apostrophe arrive as the references "&amp;" and "&#39;" (or "&#x27;"),
# each taken whole; any other reference ("&#34;", a quote) ends the run. A bare '&' in the
# class once split "&#34;" in two: "Trump" showed as "Trump&#34;.
_LATIN_CHAR = r"(?:[A-Za-z0-9.,'’@/:_+%$-]|&amp;|&#39;|&#x27;)"
_LATIN_RUN = re.compile(
    # A character reference outside a run is matched whole and left as it is ("&lt;" is not
    # the Latin word "lt").
    r"(?P<reference>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"
    rf"|[A-Za-z]{_LATIN_CHAR}*(?:[ ][A-Za-z0-9]{_LATIN_CHAR}*)*"
)
_TRAILING_PUNCTUATION = re.compile(r"(?:[.,:;'’]|&#39;|&#x27;)+$")
# No '<' inside a tag: a run of "<<<<" is split in linear time.
_TAG_SPLIT = re.compile(r"(<[^<>]*>)")
# The colour ramp of the rating scale has this many steps (publishing.css defines each).
# Runs of Arabic script (words and the spaces between them) in English text.
_ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC_LETTERS}]+(?:[ \u00a0]+[{_ARABIC_LETTERS}]+)*")
# What a citation marker starts with: the space before it becomes a no-break space.
_CITE_MARKER = '<sup class="bayyin-cite">'


@functools.lru_cache(maxsize=4096)
def format_date_in(value: dt.date, lang: str) -> str:
    """A date as pages print it in `lang`: "5 June 2025"."""
    # Babel re-reads its locale data on every call; an archive repeats the same few dates.
    return format_date(value, "d MMMM y", locale=lang)


def _wrap_latin(match: re.Match[str]) -> str:
    # Sentence punctuation after a Latin word belongs to the Arabic sentence: left inside the
    # isolate, "X:" would show its colon on the wrong side.
    run = match.group(0)
    if match.group("reference"):
        return run
    core = _TRAILING_PUNCTUATION.sub("", run)
    return f'<bdi lang="en">{core}</bdi>{run[len(core) :]}'


def keep_citations_with_their_word(html: str) -> str:
    """Join each citation marker to the word before it with a no-break space, so a marker
    never starts a line on its own."""
    # The rule is the pattern (?<=\S)\s+(?=<marker>) (tests/test_render_shortcuts.py), found
    # by splitting at the markers: the pattern tried every position of the text, a tenth of
    # the time prose took to render.
    parts = html.split(_CITE_MARKER)
    for index, part in enumerate(parts[:-1]):
        kept = part.rstrip()
        # The space must follow something: text, or the end of the marker before it.
        if len(kept) < len(part) and (kept or index > 0):
            parts[index] = kept + "\u00a0"
    return _CITE_MARKER.join(parts)


def isolate_latin(html: str) -> str:
    """Wrap Latin-script runs of Arabic HTML text in <bdi>, leaving tags and attributes alone."""
    parts = _TAG_SPLIT.split(html)
    inside_bdi = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if part.startswith("<bdi") or part.startswith("<code"):
                inside_bdi += 1
            elif part in ("</bdi>", "</code>"):
                inside_bdi -= 1
            continue
        if not inside_bdi:
            parts[index] = _LATIN_RUN.sub(_wrap_latin, part)
    return "".join(parts)


def mark_arabic(html: str) -> str:
    """Mark Arabic-script runs of English HTML text as Arabic (`lang` picks the font and the
    pronunciation; `dir` isolates the run), leaving tags and attributes alone."""
    parts = _TAG_SPLIT.split(html)
    inside_code = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if part.startswith("<code"):
                inside_code += 1
            elif part == "</code>":
                inside_code -= 1
            continue
        if not inside_code:
            parts[index] = _ARABIC_RUN.sub(r'<span lang="ar" dir="rtl">\g<0></span>', part)
    return "".join(parts)


# The characters of a readable address that one line of a 390 px phone shows at the size
# the source list draws it; a longer one keeps less of its path. (A line that still does
# not fit is cut at its end by the style sheet, and an Arabic slug, drawn right to left,
# would lose its start.)
ADDRESS_LINE = 44
# The path is never cut shorter than this, however long the host.
_SHORTEST_PATH = 16


@functools.lru_cache(maxsize=4096)
def readable_address(url: str) -> Markup:
    """The readable address of `url` as HTML, at most about ADDRESS_LINE characters: each
    part its own isolate, so an Arabic path keeps its segments in address order."""
    parts = readable_url_parts(url)
    if len(join_parts(parts)) > ADDRESS_LINE:
        budget = max(_SHORTEST_PATH, ADDRESS_LINE - len(parts[0]) - 1)
        parts = readable_url_parts(url, max_path=budget)
    shown = [p if p == MORE else f"<bdi>{escape(p)}</bdi>" for p in parts]
    return Markup(join_parts(shown))  # noqa: S704 - every part is escaped


def with_text(template: str, **values: str) -> Markup:
    """An interface string with its {placeholders} filled: each value escaped, in a <bdi>
    marked with its script's language, wherever the string puts it."""
    return Markup(escape(template)).format(  # noqa: S704 - the values are escaped
        **{
            name: Markup('<bdi lang="{}">{}</bdi>').format(script_lang(value), value)  # noqa: S704
            for name, value in values.items()
        }
    )


def script_lang(text: str) -> str:
    """The site language whose script `text` is written in: a name with an Arabic letter is
    Arabic, one without is read as English."""
    return "ar" if _ARABIC_RUN.search(text) else "en"


def relative(here: str, target: str) -> str:
    """A link from the directory URL `here` to the directory URL `target` (both relative)."""
    start = posixpath.join("/", here)
    rel = posixpath.relpath(posixpath.join("/", target), start)
    if rel == ".":
        return "./"
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


_MARKER_WITH_SPACE = re.compile(r"(?<!\s)\s*\[@[^\][]*\]")
_TAG_OR_MARK = re.compile(r"<[^<>]+>|[*_`#>]")


def plain_text(text: str) -> str:
    """Editor Markdown as one line of plain text, without citation markers."""
    # Each pattern is linear on any input: the space before a marker is taken from the start
    # of its run only, and neither bracket nor angle runs are searched more than once.
    text = _MARKER_WITH_SPACE.sub("", text)
    text = _TAG_OR_MARK.sub("", text)
    return " ".join(text.split())


_TAG = re.compile(r"<[^<>]*>")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, unescaped, on one line (the adapter escapes it again
    where it is printed: TocEntry titles are text, not HTML)."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def ascii_url(url: str) -> str:
    """A URL as it travels (IDNA host, percent-encoded path, query and fragment), for display:
    it reads left to right in any page, where an Arabic path would be reordered by the bidi
    algorithm. Links keep the URL as written."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = parts.netloc
    if not host.isascii():
        try:
            ascii_host = browser_host(host)
        except ValueError:
            ascii_host = quote(host, safe=".-")  # `check` refuses it; the build never crashes
        netloc = ascii_host + (f":{parts.port}" if parts.port else "")
    keep = "/%:@!$&'()*+,;=-._~?#[]"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=keep),
            quote(parts.query, safe=keep),
            quote(parts.fragment, safe=keep),
        )
    )
