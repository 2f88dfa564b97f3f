"""Templates read without their indentation give pages that read the same, in fewer bytes."""

from __future__ import annotations

import re

import jinja2
import pytest
from bs4 import BeautifulSoup
from built_pages import content

from generator.pages.render import THEME, Renderer
from generator.pages.template_loader import DedentedLoader, dedented


def _text(html: str) -> str:
    """What a reader gets of `html`: its text, each run of white space one space."""
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text())


def _environment(loader: jinja2.BaseLoader, *, trim: bool = True) -> jinja2.Environment:
    return jinja2.Environment(loader=loader, trim_blocks=trim, lstrip_blocks=trim, autoescape=True)


@pytest.mark.parametrize("trim", [True, False], ids=["trim_blocks", "MkDocs' defaults"])
@pytest.mark.parametrize(
    "source",
    [
        # Jinja drops the line break after "{% endif %}": the indentation was the space.
        "<p><a>t</a>{% if x %} (x){% endif %}\n      <span>about</span></p>",
        "<ul>\n  {% for i in items %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>",
        "<p>\n    one\n    two {# a note #}\n    three\n</p>",
        "<p>{{ a }}\n\t\t{{ b }}</p>",
    ],
)
def test_dedented_templates_read_the_same(source: str, trim: bool) -> None:
    values = {"x": True, "items": ["a", "b"], "a": "A", "b": "B"}
    plain = _environment(jinja2.DictLoader({"t": source}), trim=trim)
    loader = DedentedLoader(jinja2.DictLoader({"t": source}))
    shown = _environment(loader, trim=trim).get_template("t").render(**values)
    assert _text(shown) == _text(plain.get_template("t").render(**values))
    assert len(shown) < len(plain.get_template("t").render(**values))


def test_only_indentation_goes() -> None:
    assert dedented("a\n    b\n\tc\nd  e") == "a\nb\nc\nd  e"
    assert dedented("{% if x %}\n    b") == "{% if x %}\n b"
    assert dedented("{% if x %}\n    b", trim_blocks=False) == "{% if x %}\nb"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_body_reads_as_with_indented_templates(lang: str) -> None:
    site = content()
    dedented_pages = Renderer(site, lang).pages()
    indented = Renderer(site, lang)
    indented.env.loader = jinja2.FileSystemLoader(THEME / "partials" / "bayyin")
    indented_pages = indented.pages()
    assert [p.path for p in dedented_pages] == [p.path for p in indented_pages]
    for short, long in zip(dedented_pages, indented_pages, strict=True):
        assert _text(short.html) == _text(long.html), short.path
    assert sum(len(p.html) for p in dedented_pages) < 0.97 * sum(
        len(p.html) for p in indented_pages
    )
