"""Editor Markdown → safe HTML, with citation markers turned into numbered links.

Editor prose gets its own Markdown instance: no raw HTML, no attr_list, no md_in_html, no
snippets (they read files from disk). Whatever Markdown produces then passes an allow-list
sanitizer, so no script, frame, event handler or `javascript:` link can reach a page.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3

from generator.content.model import MARKER, markdown_problem

__all__ = [
    "ITEM_LINK",
    "MARKER",
    "Citations",
    "ProseRenderer",
    "images",
    "item_path",
    "links",
    "markers",
    "sanitize",
]

_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "h2",
    "h3",
    "h4",
    "bdi",
}
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto"}
# A link to another page of the site, written by what it is, not where it is:
# [our earlier check](claim:musk-epstein-files). The build makes it relative to the page it
# is on, so it works wherever the site is published (under /bayyin/ as well as at /).
ITEM_LINK = re.compile(r"^(claim|story|person|page|topic|rating):([^#]*)(#.*)?$")
# Each link form and the content folder (or registry) its ids come from.
ITEM_KINDS: dict[str, str] = {
    "claim": "claims",
    "story": "stories",
    "person": "people",
    "page": "pages",
    "topic": "topics",
    "rating": "ratings",
}
_ITEM_HREF = re.compile(r'href="(claim|story|person|page|topic|rating):([a-z0-9-]+)(#[^"]*)?"')
# Private-use characters stand in for citation markers while Markdown runs.
_HOLD_OPEN, _HOLD_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{_HOLD_OPEN}([0-9]+){_HOLD_CLOSE}")
# The space before a token, taken from the start of its run only (linear on any input).
_IN_TAG = re.compile(r"(<[^<>]*>)")
_TOKEN_WITH_SPACE = re.compile(r"(?<!\s)\s*" + _TOKEN.pattern)


def markers(text: str) -> list[str]:
    """The source ids cited in a text, in order."""
    return [m.strip() for m in MARKER.findall(text)]


@dataclass
class Citations:
    """Numbers sources in the order the source list shows them; remembers every marker made."""

    order: list[str]
    uses: dict[str, list[str]] = field(default_factory=dict)

    def number(self, source_id: str) -> int:
        return self.order.index(source_id) + 1

    def anchor(self, source_id: str) -> str:
        """Return a new id for one marker of `source_id` (the source list links back to it):
        by the source's number, not its id, which may be long and each id is written twice
        per marker (the marker's id, the back link)."""
        anchors = self.uses.setdefault(source_id, [])
        anchors.append(f"cite-{self.number(source_id)}-{len(anchors) + 1}")
        return anchors[-1]


def _new_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in editor prose is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 already drops unknown schemes; a scheme-relative (//host) or backslash link is
    # relative to nh3 but leaves the site in a browser.
    if attribute == "href" and (value.lstrip().startswith(("//", "\\", "/\\")) or "\\" in value):
        return None
    return value


_ANCHOR = re.compile(r"<a\s[^>]*>")
_EXTERNAL_HREF = re.compile(r'\shref="https?://')


def _mark_external(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not _EXTERNAL_HREF.search(tag):
        return tag  # a link within the site, or mailto: not "external"
    return tag[:-1] + ' rel="external">'


def sanitize(html_text: str) -> str:
    """Keep only the allow-listed tags, attributes and link schemes of `html_text`; mark links
    that leave the site with rel="external" (every page sends no referrer: its
    `<meta name="referrer">`, generator/site/output.py; no link opens a window, so none
    needs "noopener")."""
    cleaned = nh3.clean(
        html_text,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )
    return _ANCHOR.sub(_mark_external, cleaned)


def _plain_paragraphs(text: str) -> str:
    # For text the validator refuses (the build never gets here with it): shown, not parsed.
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


# Text where Markdown has nothing to do: no inline mark, escape, entity or autolink, and no line
# that could open a block (heading, quote, list, code, rule, setext underline) or end in a hard
# break. Most editor prose is like that; Markdown would only wrap its paragraphs in <p>.
_INLINE_SYNTAX = re.compile(r"[*_`\[\]!<>\\&#\t]")
_BLOCK_SYNTAX = re.compile(r"^(?: {4}| *(?:[-+=]|[0-9]+[.)]))| $", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ ]*\n")


def _paragraphs_only(text: str) -> str | None:
    """What Markdown makes of `text` when it is plain paragraphs, else None."""
    if _INLINE_SYNTAX.search(text) or _BLOCK_SYNTAX.search(text):
        return None
    blocks = [block.strip() for block in _BLANK_LINES.split(text)]
    return "\n".join(f"<p>{block}</p>" for block in blocks if block)


def item_path(kind: str, item_id: str) -> str:
    """The site path (relative to a language root) of the page a `kind:id` link names."""
    if kind == "page":
        return f"{item_id}/"
    return f"{ITEM_KINDS[kind]}/{item_id}/"


def _item_hrefs(html_text: str, here: str) -> str:
    """Turn each `href="claim:id"` (and story:, person:, ...) into a link relative to `here`."""

    def replace(match: re.Match[str]) -> str:
        target = posixpath.join("/", item_path(match.group(1), match.group(2)))
        rel = posixpath.relpath(target, posixpath.join("/", here))
        rel = "./" if rel == "." else rel + "/"
        return f'href="{rel}{match.group(3) or ""}"'

    return _ITEM_HREF.sub(replace, html_text)


class ProseRenderer:
    """Renders editor Markdown; one Markdown instance is built once and reset per call."""

    def __init__(self, cite_label: Callable[[int], str]) -> None:
        self._md = _new_markdown()
        self._cite_label = cite_label

    def to_html(self, text: str) -> str:
        """Markdown → HTML, before sanitizing. Never raises on any input."""
        if markdown_problem(text):
            return _plain_paragraphs(text)
        simple = _paragraphs_only(text)
        if simple is not None:
            return simple
        try:
            return str(self._md.reset().convert(text))
        except RecursionError:  # pragma: no cover - markdown_problem bounds the nesting
            return _plain_paragraphs(text)

    def render(
        self,
        text: str,
        citations: Citations | None = None,
        *,
        inline: bool = False,
        here: str | None = None,
    ) -> str:
        """Return sanitized HTML for `text`; markers become links when `citations` is given.

        `here` is the path of the page the text is on (like "claims/x/"): links written as
        claim:id, story:id, person:id, page:id, topic:id or rating:id become relative to it.
        Without it, such links lose their target (the sanitizer drops unknown schemes).
        """
        found: list[str] = []

        def hold(match: re.Match[str]) -> str:
            found.append(match.group(1).strip())
            return f"{_HOLD_OPEN}{len(found) - 1}{_HOLD_CLOSE}"

        text = text.replace(_HOLD_OPEN, "").replace(_HOLD_CLOSE, "")
        html_text = self.to_html(MARKER.sub(hold, text))
        if here is not None and "href=" in html_text:
            html_text = _item_hrefs(html_text, here)
        html_text = sanitize(html_text)
        if (
            inline
            and html_text.startswith("<p>")
            and html_text.endswith("</p>")
            and html_text.count("<p>") == 1
        ):
            html_text = html_text[3:-4]

        def place(match: re.Match[str]) -> str:
            index = int(match.group(1))
            source_id = found[index] if index < len(found) else ""
            if citations is None or source_id not in citations.order:
                return ""
            number = citations.number(source_id)
            anchor = citations.anchor(source_id)
            label = html.escape(self._cite_label(number))
            return (
                f'<sup class="bayyin-cite"><a href="#source-{source_id}" id="{anchor}" '
                f'aria-label="{label}">[{number}]</a></sup>'
            )

        # A marker inside a tag (a link's title or address) is dropped: the link HTML it
        # stands for would end the attribute there.
        parts = _IN_TAG.split(html_text)
        for index in range(1, len(parts), 2):
            parts[index] = _TOKEN.sub("", parts[index])
        html_text = "".join(parts)
        if citations is None:
            # Markers are dropped where there is no source list (home-page summaries): drop
            # the space before each too, or the sentence ends "word ."
            return _TOKEN_WITH_SPACE.sub("", html_text)
        return _TOKEN.sub(place, html_text)


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append(value)
                if tag == "img":
                    self.images.append(value)


_LINK_FINDER = ProseRenderer(lambda number: "")


@functools.lru_cache(maxsize=1024)
def _collect(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    stripped = MARKER.sub("", text)
    # With raw HTML off, Markdown makes a link or an image only from "[" (inline, reference,
    # image) or "<" (autolink): most prose has neither once the markers are gone, and is
    # not worth a Markdown pass.
    if "[" not in stripped and "<" not in stripped:
        return (), ()
    collector = _LinkCollector()
    collector.feed(_LINK_FINDER.to_html(stripped))
    collector.close()
    return tuple(collector.found), tuple(collector.images)


def links(text: str) -> list[str]:
    """Every link target Markdown makes of `text` (links, images, autolinks, references),
    with character references decoded the way a browser decodes them."""
    return list(_collect(text)[0])


def images(text: str) -> list[str]:
    """The image sources Markdown makes of `text` (the sanitizer drops images)."""
    return list(_collect(text)[1])
