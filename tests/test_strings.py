"""Every interface string is used, and every one used exists in both languages: the
templates' `t.key` and `t["key"]`, the code's `t["key"]` and `STRINGS[lang]["key"]`, and
the keys chosen at run time (a source's kind, a list's kind, a language's name)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from generator.content.model import LANGUAGES, Source
from generator.pages.strings import STRINGS, language_label

REPO = Path(__file__).resolve().parent.parent
_IN_CODE = re.compile(
    r"""\bt\[["']([a-z_][a-z0-9_]*)["']\]"""  # t["key"], self.t["key"]
    r"""|STRINGS\[[^\]]+\]\[["']([a-z_][a-z0-9_]*)["']\]"""  # STRINGS[lang]["key"]
)
_IN_TEMPLATES = re.compile(r"""\bt\.([a-z_][a-z0-9_]*)|\bt\[["']([a-z_][a-z0-9_]*)["']\]""")
# Keys made at run time: `t[s.kind]` in citations.html (every kind but an original),
# `self.t[kind]` for the kicker of a list's card, and `lang_<code>` in language_label().
_SOURCE_KINDS = set(typing.get_args(Source.model_fields["kind"].annotation)) - {"original"}
_LIST_KINDS = {"claimant", "rating", "topic"}
_LANGUAGE_NAMES = {f"lang_{code}" for code in LANGUAGES}


def _code() -> str:
    files = (REPO / "generator").rglob("*.py")
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.name != "strings.py")


def _templates() -> str:
    return "\n".join(f.read_text(encoding="utf-8") for f in (REPO / "theme").rglob("*.html"))


def _used() -> set[str]:
    found = [*_IN_CODE.finditer(_code()), *_IN_TEMPLATES.finditer(_templates())]
    keys = {key for match in found for key in match.groups() if key}
    return keys | _SOURCE_KINDS | _LIST_KINDS | _LANGUAGE_NAMES


def test_both_languages_have_the_same_strings() -> None:
    assert set(STRINGS) == set(LANGUAGES)
    keys = [set(table) for table in STRINGS.values()]
    assert all(k == keys[0] for k in keys)


def test_every_string_is_used() -> None:
    unused = set(STRINGS["en"]) - _used()
    assert not unused, f"strings no template or code uses: {sorted(unused)}"


def test_every_string_used_exists_in_every_language() -> None:
    for lang, table in STRINGS.items():
        missing = _used() - set(table)
        assert not missing, f"{lang}: strings used but not in the table: {sorted(missing)}"


def test_the_dynamic_keys_are_still_made_that_way() -> None:
    """The families above are read with these expressions: a change to them needs a
    change here."""
    assert "t[s.kind]" in _templates()
    assert "self.t[kind]" in _code()
    assert all(language_label(code, "en") == STRINGS["en"][f"lang_{code}"] for code in LANGUAGES)
