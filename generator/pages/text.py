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
# The space before a citation marker: a no-break space keeps the marker with its word. The
# run must follow a non-space, so each run of spaces is tried once (not from each of its
# characters: 100 KB of spaces took a minute).
_SPACE_BEFORE_CITE = re.compile(r"(?<=\S)\s+(?=<sup class=\"bayyin-cite\">)")


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
    return _SPACE_BEFORE_CITE.sub("\u00a0", html)


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


def readable_address(url: str) -> Markup:
    """The readable address of `url` as HTML: each part its own isolate, so an Arabic path
    keeps its segments in address order."""
    parts = [p if p == MORE else f"<bdi>{escape(p)}</bdi>" for p in readable_url_parts(url)]
    return Markup(join_parts(parts))  # noqa: S704 - every part is escaped


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
