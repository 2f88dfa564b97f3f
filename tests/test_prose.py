"""Editor prose: Markdown without HTML or file access, sanitized, with numbered citations.

The property tests feed the renderer text no validator has seen; whatever comes in, no
script, frame, event handler or javascript: link may come out. The build test renders a
site whose content is full of template and Markdown-extension syntax and checks it is
shown as text.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixture_sites import FIXTURES, TODAY, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.prose import Citations, ProseRenderer, images, links, markers
from generator.site.build import build_site, check

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"}
ALLOWED_TAGS |= {"h2", "h3", "h4", "bdi", "sup"}
# A link whose target the sanitizer removed keeps its words.
DROPPED = "<p><a>x</a></p>"
ALLOWED_ATTRIBUTES = {"href", "title", "rel", "class", "id", "aria-label"}


def render(text: str, order: list[str] | None = None, *, inline: bool = False) -> str:
    renderer = ProseRenderer(lambda number: f"Source {number}")
    citations = Citations(order=order) if order is not None else None
    return renderer.render(text, citations, inline=inline)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def browser_scheme(href: str) -> str:
    """The scheme a browser reads from `href` (it drops tabs and newlines, trims controls)."""
    cleaned = re.sub(r"[\t\n\r]", "", href).strip(_C0_AND_SPACE).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else ""


def assert_safe(html: str) -> None:
    """What a browser would parse out of `html` has only allow-listed parts."""
    for tag, attributes in elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attributes.items():
            assert name in ALLOWED_ATTRIBUTES, (name, html)
            if name == "href":
                assert browser_scheme(value or "") in ("", "http", "https", "mailto"), html
                target = re.sub(r"[\t\n\r]", "", value or "").strip()
                assert not target.startswith(("//", "\\", "/\\")), (value, html)
    lowered = html.lower()
    for needle in ("<script", "<iframe", "<object", "<embed", "<style", "<img", "<svg", "<math"):
        assert needle not in lowered, (needle, html)


# --- the renderer -------------------------------------------------------------------------


def test_markdown_and_citations() -> None:
    html = render(
        "Some **bold** and *em* text [@b], see [the order](https://www.govinfo.gov/) [@a][@b].",
        ["a", "b"],
    )
    assert html == (
        '<p>Some <strong>bold</strong> and <em>em</em> text <sup class="bayyin-cite">'
        '<a href="#source-b" id="cite-2-1" aria-label="Source 2">[2]</a></sup>, see '
        '<a href="https://www.govinfo.gov/" rel="external">the order</a> '
        '<sup class="bayyin-cite"><a href="#source-a" id="cite-1-1" aria-label="Source 1">[1]'
        '</a></sup><sup class="bayyin-cite"><a href="#source-b" id="cite-2-2" '
        'aria-label="Source 2">[2]</a></sup>.</p>'
    )


def test_markers_and_inline() -> None:
    assert markers("x [@a] y [@ b ] [@a]") == ["a", "b", "a"]
    assert render("just *words*", inline=True) == "just <em>words</em>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        (
            "<div>\n<script>alert(1)</script>\n</div>",
            "<p>&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>",
        ),
        (
            '<iframe src="https://evil.example/"></iframe>',
            '<p>&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;</p>',
        ),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        (
            '<div markdown="1">**x**</div>',
            '<p>&lt;div markdown="1"&gt;<strong>x</strong>&lt;/div&gt;</p>',
        ),
        ('## Heading {: onclick="alert(1)" }', '<h2>Heading {: onclick="alert(1)" }</h2>'),
        (
            'paragraph\n{: .evil onclick="alert(1)" }',
            '<p>paragraph\n{: .evil onclick="alert(1)" }</p>',
        ),
        ('--8<-- "/etc/passwd"', '<p>--8&lt;-- "/etc/passwd"</p>'),
        ("{{ config }} {% include 'x' %}", "<p>{{ config }} {% include 'x' %}</p>"),
        ("[x](javascript:alert(1))", DROPPED),
        ("[x](JaVaScRiPt:alert(1))", DROPPED),
        ("[x]( javascript:alert(1))", DROPPED),
        ("[x](&#106;avascript:alert(1))", DROPPED),
        ("[x](javascript&#58;alert(1))", DROPPED),
        ("[x](data:text/html,<script>alert(1)</script>)", DROPPED),
        ("[x][r]\n\n[r]: vbscript:msgbox", DROPPED),
        ("[x](//evil.example/)", DROPPED),
        ("[x](\\\\evil.example/)", DROPPED),
        (
            '[x](https://a.org "t\\" onmouseover=\\"alert(1)")',
            '<p><a href="https://a.org" '
            'title="t\\&quot; onmouseover=\\&quot;alert(1)" '
            'rel="external">x</a></p>',
        ),
        ("![x](https://a.org/i.png)", "<p></p>"),
        ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
        ("<!-- hidden -->visible", "<p>&lt;!-- hidden --&gt;visible</p>"),
    ],
)
def test_hostile_markdown_is_shown_or_dropped(text: str, expected: str) -> None:
    html = render(text)
    assert html == expected
    assert_safe(html)


def test_placeholder_characters_cannot_forge_citations() -> None:
    html = render("\ue0000\ue001 and \ue0007\ue001 [@a]", ["a"])
    assert html.count("bayyin-cite") == 1
    assert "\ue000" not in html and "\ue001" not in html


def test_marker_ids_cannot_inject_attributes() -> None:
    html = render('[@a" onclick="alert(1)] [@a]', ["a"])
    assert "onclick" not in html
    assert html.count('href="#source-a"') == 1


@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000,
        "![" * 50_000,
        "[a](" * 50_000,
        "*_" * 50_000,
        "- " * 5_000 + "x",
        "".join("    " * i + "- x\n" for i in range(500)),
        "> " * 5_000 + "x",
    ],
    ids=["brackets", "images", "links", "emphasis", "dash-list", "indented-list", "quotes"],
)
def test_pathological_markdown_is_fast_and_never_raises(text: str) -> None:
    started = time.perf_counter()
    html = render(text)
    assert time.perf_counter() - started < 2
    assert_safe(html)


def test_links_and_images_are_read_like_a_browser() -> None:
    text = (
        "[a](https://a.org/x) [b](&#106;avascript:x) <https://c.org/> [d][r] "
        "![e](https://e.org/i.png) [@src]\n\n[r]: data:text/html,x"
    )
    assert links(text) == [
        "https://a.org/x",
        "javascript:x",
        "https://c.org/",
        "data:text/html,x",
        "https://e.org/i.png",
    ]
    assert images(text) == ["https://e.org/i.png"]


# --- properties ---------------------------------------------------------------------------

_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<iframe src=//evil.example>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "&#106;avascript:",
    "&lt;script&gt;",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](//evil.example)",
    "[x](vbscript:msgbox)",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    '{: onclick="alert(1)" }',
    '<div markdown="1">',
    '" onmouseover="alert(1)',
    "'><script>",
    "{{ config }}",
    "{% include 'x' %}",
    '--8<-- "/etc/passwd"',
    "[@a]",
    '[@x" onclick="y]',
    "\ue0000\ue001",
    "<!--",
    "-->",
    "`",
    "**",
    "_",
    "\n\n",
    "\n    ",
    "> ",
    "- ",
    "1. ",
    "# ",
    "[",
    "](",
    ")",
    "<",
    ">",
    '"',
    "&",
    "&#",
    ";",
    ":",
    "on",
    "error=",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8)), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text, inline=st.booleans())
def test_no_script_can_come_out(text: str, inline: bool) -> None:
    assert_safe(render(text, ["a"], inline=inline))


_SCHEMES = ["javascript", "JaVaScRiPt", " javascript", "java\tscript", "\x01javascript"]
_SCHEMES += ["vbscript", "data", "file", "", "http", "https", "mailto", "&#106;avascript"]
urls = st.tuples(
    st.sampled_from(_SCHEMES),
    st.sampled_from([":", "&#58;", "&colon;", "%3A", "://", ":/\\"]),
    st.text(max_size=20),
).map("".join)


@settings(max_examples=200, deadline=None)
@given(url=st.one_of(urls, st.text(max_size=40)), label=st.text(max_size=10))
def test_no_link_with_a_bad_scheme_can_come_out(url: str, label: str) -> None:
    assert_safe(render(f"[{label}]({url}) [{label}][r]\n\n[r]: {url}\n\n<{url}>"))


# --- a real build of hostile but valid content ----------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project", FIXTURES / "hostile", engine=True)
    _, diagnostics = check(project, today=TODAY)
    assert diagnostics == []
    site = base / "site"
    build_site(project, site)
    yield site


def pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for page in sorted(site.rglob("*.html")):
        yield page, BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")


def test_template_syntax_in_content_is_shown_as_text(hostile_site: Path) -> None:
    claim = BeautifulSoup(
        (hostile_site / "en/claims/dogecoin-doge/index.html").read_text(encoding="utf-8"), "lxml"
    )
    text = claim.get_text()
    assert '{{ config.site_name }} {% include "mkdocs.yml" %} {{ 7*7 }}' in text
    assert '{{ lipsum.__globals__["os"].popen("id").read() }}' in text
    assert "{{ config }} {%raw%} ${alert(1)}" in text
    assert claim.title is not None
    assert claim.title.get_text().startswith('{{ config.site_name }} {% include "mkdocs.yml" %}')
    about = BeautifulSoup(
        (hostile_site / "en/about/index.html").read_text(encoding="utf-8"), "lxml"
    )
    assert '{% include "/etc/passwd" %} {{ config.extra }}' in about.get_text()


def test_no_file_was_read_into_the_site(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".xml", ".txt"):
            data = page.read_text(encoding="utf-8")
            assert "root:x:0:0" not in data, page
            assert "custom_dir" not in data, page
            assert "uid=" not in data, page
            assert ">49<" not in data and " 49 " not in data, page


def test_meta_description_cannot_break_out(hostile_site: Path) -> None:
    page = BeautifulSoup(
        (hostile_site / "en/claims/dogecoin-doge/index.html").read_text(encoding="utf-8"), "lxml"
    )
    # The one http-equiv is the page's own Content-Security-Policy.
    equivs = [m["http-equiv"] for m in page.find_all("meta", attrs={"http-equiv": True})]
    assert equivs == ["Content-Security-Policy"]
    description = page.find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"] == (
        'x" http-equiv="refresh" content="0;url=https://evil.example/'
    )


def test_no_handler_or_script_link_anywhere(hostile_site: Path) -> None:
    checked = 0
    for page, soup in pages(hostile_site):
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (page, element)
                if name in ("href", "src", "action", "formaction", "content"):
                    text = " ".join(value) if isinstance(value, list) else str(value)
                    compact = "".join(text.split()).lower()
                    assert not compact.startswith(("javascript:", "vbscript:", "data:")), (
                        page,
                        element,
                    )
        for script in soup.find_all("script"):
            source = script.get("src")
            if source:
                assert not str(source).startswith(("http:", "https:", "//")), (page, script)
            body = script.get_text()
            if script.get("type") == "application/ld+json":
                json.loads(body)  # data, not code: it must stay one JSON value
                continue
            for needle in ("alert", "evil", "popen", "lipsum", "passwd"):
                assert needle not in body, (page, needle)
        checked += 1
    assert checked > 10


def test_hostile_build_did_not_touch_its_content(hostile_site: Path) -> None:
    project = hostile_site.parent / "project"
    for relative in ("claims/dogecoin-doge.yaml", "pages/about.yaml"):
        assert (project / "content" / relative).read_bytes() == (
            FIXTURES / "hostile/content" / relative
        ).read_bytes()
    assert os.access(project / "content", os.W_OK)


def test_only_links_that_leave_the_site_are_marked_external() -> None:
    html = ProseRenderer(str).render("[m](../methodology/) [x](https://a.org/) [e](mailto:a@b.org)")
    assert html == (
        '<p><a href="../methodology/">m</a> '
        '<a href="https://a.org/" rel="external">x</a> '
        '<a href="mailto:a@b.org">e</a></p>'
    )


def test_a_dropped_marker_takes_its_space_with_it() -> None:
    # Summaries shown without a source list (the home page) lose their markers.
    assert ProseRenderer(str).render("the end [@a] [@b].") == "<p>the end.</p>"


# --- plain paragraphs skip Markdown, with the same result ------------------------------------

# Letters, digits, Arabic, punctuation, and the characters Markdown reads as syntax.
_PROSE_ALPHABET = "ab Z09 .,:;()«»\"'-+=#*_`[]!<>&\\\t\n  \nنص،؟\ue000\ue001"


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_PROSE_ALPHABET, max_size=80))
def test_plain_paragraphs_render_as_markdown_renders_them(text: str) -> None:
    from generator.content.prose import _new_markdown, _paragraphs_only

    fast = _paragraphs_only(text)
    if fast is not None:
        assert fast == _new_markdown().convert(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab Z09,:;(«»\"'\nنص،؟\ue000\ue001", max_size=80))
def test_text_without_marks_mostly_takes_the_short_way(text: str) -> None:
    from generator.content.prose import _new_markdown, _paragraphs_only

    fast = _paragraphs_only(text)
    # Only a line starting with 4 spaces or a digit run and "." or ")", or ending in a space,
    # can still need Markdown here.
    if fast is None:
        assert re.search(r"(?m)^ {4}| $", text)
    else:
        assert fast == _new_markdown().convert(text)


@pytest.mark.parametrize(
    "text",
    [
        "one\n\ntwo",
        "line one\nline two\n\n\n  indented start",
        "٢٠٢٥ كان عاماً\nثم 2025 أيضاً",
        "«قال» (في 5 يونيو) \ue0000\ue001، ثم كتب.",
    ],
)
def test_texts_without_markdown_syntax_take_the_short_way(text: str) -> None:
    from generator.content.prose import _new_markdown, _paragraphs_only

    assert _paragraphs_only(text) == _new_markdown().convert(text)


@pytest.mark.parametrize(
    "text",
    ["a *b*", "1. one", "# title", "> quote", "a  \nb", "    code", "x\n---", "- item", "a\\b"],
)
def test_texts_with_markdown_syntax_go_through_markdown(text: str) -> None:
    from generator.content.prose import _paragraphs_only

    assert _paragraphs_only(text) is None
