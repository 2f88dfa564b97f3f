"""Templates read without the indentation of their lines, so pages carry none of it."""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2

# A line break and the spaces or tabs that indent the next line. In HTML outside <pre> and
# <textarea> (which no template here holds), a line break reads as the same white space
# with or without them; the indentation was about 7 % of a claim page's bytes. After a line
# that ends with a tag or a comment, Jinja drops the line break (trim_blocks): the
# indentation was the only white space there, and one space of it is kept.
_INDENT = re.compile(r"([%#]\})?\n[ \t]+")
_LINE_INDENT = re.compile(r"\n[ \t]+")


def _one_break(match: re.Match[str]) -> str:
    return f"{match.group(1)}\n " if match.group(1) else "\n"


def dedented(source: str, *, trim_blocks: bool = True) -> str:
    """`source` with the indentation of every line after the first taken away; with
    `trim_blocks` (Jinja's option), one space of it is kept where Jinja drops the line break
    before it."""
    if not trim_blocks:
        return _LINE_INDENT.sub("\n", source)
    return _INDENT.sub(_one_break, source)


class DedentedLoader(jinja2.BaseLoader):
    """Reads templates through `loader`, without the indentation of their lines.

    Only the templates' own text changes: what they insert (prose, titles) is left as it is.
    """

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return dedented(source, trim_blocks=environment.trim_blocks), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()
