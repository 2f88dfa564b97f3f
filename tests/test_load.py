"""The loader: YAML text → plain data with positions, refusing what content never needs."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fixture_sites import REPO, TODAY, VALID, MakeProject

from generator.content.diagnostics import Diagnostic, Document
from generator.content.load import decode, parse_text, read_document, to_model
from generator.content.model import Claim
from generator.site.build import check

CLAIM_FILE = VALID / "content/claims/dogecoin-doge.yaml"
CLAIM = "content/claims/dogecoin-doge.yaml"
BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
# Marks and joiners that Arabic text legitimately needs: LRM, RLM, ALM, ZWJ, ZWNJ.
ALLOWED_INVISIBLES = ["\u200e", "\u200f", "\u061c", "\u200d", "\u200c"]


def parsed(text: str) -> Document:
    result = parse_text(text, "f.yaml")
    assert isinstance(result, Document), result
    return result


def refused(text: str) -> str:
    result = parse_text(text, "f.yaml")
    assert isinstance(result, Diagnostic), f"accepted: {result}"
    return result.format()


def claim_from(raw: bytes, tmp_path: Path) -> tuple[Claim, Document]:
    file = tmp_path / "dogecoin-doge.yaml"
    file.write_bytes(raw)
    document = read_document(file, CLAIM)
    assert isinstance(document, Document), document
    model = to_model(document, Claim)
    assert isinstance(model, Claim), model
    return model, document


# --- data and positions ---------------------------------------------------------------------


def test_scalars_stay_text_and_positions_are_kept() -> None:
    document = parsed(
        "id: x\nvalue: 012\nflag: no\nwhen: 2025-06-05\nnothing:\nlist:\n  - 1e3\n  - off\n"
    )
    assert document.data == {
        "id": "x",
        "value": "012",
        "flag": "no",
        "when": "2025-06-05",
        "nothing": None,
        "list": ["1e3", "off"],
    }
    assert document.positions[("value",)] == (2, 8)
    assert document.positions[("list", 1)] == (8, 5)
    assert document.key_positions[("when",)] == (4, 1)
    assert document.position(("list", 5, "deeper")) == (7, 3)


def test_columns_count_characters_not_bytes() -> None:
    document = parsed("title:\n  ar: «نص» عربي\n  en: x\n")
    assert document.data == {"title": {"ar": "«نص» عربي", "en": "x"}}
    assert document.positions[("title", "en")] == (3, 7)
    assert refused("ar: «نص» عربي\nen: 'x' y\n") == (
        "f.yaml:2:9: error: text after the closing quote; put the whole value inside the quotes"
    )
    assert refused("ar: «نص» عربي\t: x: y\n").startswith("f.yaml:1:")


def test_quoted_null_words_are_text() -> None:
    assert parsed("a: ''\nb: 'null'\nc: ~\nd: null\n").data == {
        "a": "",
        "b": "null",
        "c": None,
        "d": None,
    }


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw, id="bom"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"), id="bom-crlf"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r"), id="old-mac-cr"),
    ],
)
def test_bom_and_line_endings_give_the_same_model(variant: Any, tmp_path: Path) -> None:
    raw = CLAIM_FILE.read_bytes()
    plain, plain_document = claim_from(raw, tmp_path)
    other, other_document = claim_from(variant(raw), tmp_path)
    assert other == plain
    assert other_document.positions == plain_document.positions
    assert "\r" not in other.context[0].body.en


def test_bom_and_crlf_files_pass_check(make_project: MakeProject) -> None:
    project = make_project()
    claim = project / CLAIM
    claim.write_bytes(b"\xef\xbb\xbf" + claim.read_bytes().replace(b"\n", b"\r\n"))
    _, diagnostics = check(project, today=TODAY)
    assert diagnostics == []


def test_text_is_normalized_to_nfc() -> None:
    decomposed = "Cafe\u0301 \u0627\u0653"  # é and آ written as base letter + combining mark
    assert unicodedata.normalize("NFC", decomposed) != decomposed
    document = parsed(f"a: {decomposed}\nb: 'x {decomposed}'\n")
    assert document.data == {"a": "Café آ", "b": "x Café آ"}


# --- characters ---------------------------------------------------------------------------


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=[f"U+{ord(c):04X}" for c in BIDI_CONTROLS])
@pytest.mark.parametrize(
    ("template", "position"),
    [
        ("title:\n  ar: نص {c}عربي\n", "2:10"),
        ("title:\n  en: 'quoted {c}text'\n", "2:15"),
        ('title:\n  en: "escaped \\u{code}"\n', "2:7"),
        ("body: |\n  line one\n  line {c}two\n", "3:8"),
        ("url: https://www.govinfo.gov/{c}x\n", "1:30"),
        ("id: dogecoin{c}-doge\n", "1:13"),
        ("ti{c}tle: x\n", "1:3"),
        ("# a comment {c}\nid: x\n", "1:13"),
    ],
    ids=["plain", "quoted", "escape", "block", "url", "id", "key", "comment"],
)
def test_bidi_controls_are_refused_everywhere(char: str, template: str, position: str) -> None:
    text = template.format(c=char, code=f"{ord(char):04X}")
    assert refused(text) == (
        f"f.yaml:{position}: error: invisible bidi control character U+{ord(char):04X} (it can "
        "reorder what readers see); delete it (the marks LRM, RLM and ALM are fine)"
    )


@pytest.mark.parametrize(
    "char", ALLOWED_INVISIBLES, ids=[f"U+{ord(c):04X}" for c in ALLOWED_INVISIBLES]
)
def test_marks_and_joiners_are_kept(char: str) -> None:
    assert parsed(f"ar: نص{char}عربي\n").data == {"ar": f"نص{char}عربي"}


@pytest.mark.parametrize(
    ("char", "message"),
    [
        ("\x00", "the file contains a NUL byte; it is not a text file"),
        ("\x1b", "the text contains the invisible control character U+001B; delete it"),
        ("\x7f", "the text contains the invisible control character U+007F; delete it"),
        ("\x85", "the text contains the NEL line break (U+0085); delete it"),
        ("\u2028", "the text contains the line separator U+2028; delete it"),
        ("\u2029", "the text contains the paragraph separator U+2029; delete it"),
        (
            "\ufeff",
            "the text contains a byte-order mark (U+FEFF) in the middle of the file; delete it",
        ),
        ("\uffff", "the text contains the invisible control character U+FFFF; delete it"),
    ],
)
def test_invisible_characters_are_refused_at_their_position(char: str, message: str) -> None:
    assert refused(f"a: 1\nb: x{char}y\n") == f"f.yaml:2:5: error: {message}"


def test_tab_inside_a_value_is_fine() -> None:
    assert parsed("a: 'x\ty'\n").data == {"a": "x\ty"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"a: \xff\n",
            "1:4: error: the file is not valid UTF-8 (byte 0xFF); it was saved in "
            "another encoding (such as Latin-1): save it as UTF-8",
        ),
        (
            "a: عربي\n".encode("cp1256"),
            "1:4: error: the file is not valid UTF-8 (byte 0xDA); it "
            "looks like Windows-1256 (Arabic Windows encoding): save it as UTF-8",
        ),
        (
            "a: عربي \xff\n".encode().replace(b"\xc3\xbf", b"\xff"),
            "1:9: error: the file is not "
            "valid UTF-8 (byte 0xFF); retype the text at this spot and save the file as UTF-8",
        ),
        ("a: x\n".encode("utf-16"), "1:1: error: the file is saved as UTF-16; save it as UTF-8"),
        (
            "a: xyz\n".encode("utf-16-be"),
            "1:1: error: the file is saved as UTF-16; save it as UTF-8",
        ),
        (
            b"\xed\xa0\x80",
            "1:1: error: the file is not valid UTF-8 (byte 0xED); it was saved in "
            "another encoding (such as Latin-1): save it as UTF-8",
        ),
    ],
    ids=["latin1", "cp1256", "damaged", "utf16-bom", "utf16be", "surrogate"],
)
def test_encodings_are_named(raw: bytes, message: str, tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(raw)
    result = read_document(file, "x.yaml")
    assert isinstance(result, Diagnostic)
    assert result.format() == f"x.yaml:{message}"


def test_decode_normalizes_line_breaks() -> None:
    assert decode(b"\xef\xbb\xbfa\r\nb\rc\n") == "a\nb\nc\n"


# --- markup -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("<script>alert(1)</script>", "'<script'"),
        ("x <img src=x onerror=alert(1)>", "'<img'"),
        ("</title><script>", "'</title'"),
        ("<!-- comment -->", "'<!--'"),
        ("<?php", "'<?php'"),
        ("<svg/onload=alert(1)>", "'<svg/onload=alert(1)'"),
    ],
)
def test_html_is_refused(value: str, found: str) -> None:
    assert refused(f"a: '{value}'\n") == (
        f"f.yaml:1:4: error: {found} looks like HTML; HTML is not allowed in content (write "
        "plain text; in prose use Markdown, like **bold** or [text](https://...))"
    )


@pytest.mark.parametrize(
    "reference", ["&lt;", "&LT", "&#60;", "&#x3C;", "&#106;", "&ltscript", "&amp;", "&quot;"]
)
def test_character_references_are_refused(reference: str) -> None:
    assert refused(f"a: 'x {reference} y'\n") == (
        f"f.yaml:1:4: error: '{reference}' is an HTML character reference; type the character "
        "itself instead"
    )


@pytest.mark.parametrize(
    "value",
    [
        "AT&T and Q&A, R&D; 3 < 4 and 5 > 2",
        "see <https://www.govinfo.gov/> or <mailto:a@b.org>",
        "https://www.govinfo.gov/?a=1&copy=2&lang=en",
        "«نص» <3 x",
    ],
)
def test_text_that_only_looks_close_to_html_is_fine(value: str) -> None:
    assert parsed(f"a: '{value}'\n").data == {"a": value}


# --- YAML features content does not need ----------------------------------------------------


def test_hash_glued_to_a_word_warns_that_it_was_dropped() -> None:
    document = parsed("a: the #1 issue\nb: x  # a real comment\nc: '#1 quoted'\n")
    assert document.data == {"a": "the", "b": "x", "c": "#1 quoted"}
    assert [w.format() for w in document.warnings] == [
        "f.yaml:1:8: warning: the text after ' #' is read as a YAML comment and left out of the "
        "value; if it belongs to the text, put the whole value in quotes"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\n", "1:4: error: anchors (&x) are not allowed"),
        ("a: *x\n", "1:4: error: aliases (*name) are not allowed"),
        ("a: !!str 1\n", "1:4: error: YAML tags (!!str) are not allowed"),
        ("a: ! x\n", "1:4: error: YAML tags (!) are not allowed"),
        ("a: !<tag:x> 1\n", "1:4: error: YAML tags (tag:x) are not allowed"),
        ("a: !!set {x}\n", "1:4: error: YAML tags (!!set) are not allowed"),
        ("a: !!omap [x: 1]\n", "1:4: error: YAML tags (!!omap) are not allowed"),
        ("%TAG !e! tag:e.org,2000:\n---\na: !e!x 1\n", "3:4: error: YAML tags (tag:e.org,2000:x)"),
        ("<<: {a: 1}\n", "1:1: error: merge keys (<<) are not allowed"),
        ("a:\n  - <<: {b: 1}\n", "2:5: error: merge keys (<<) are not allowed"),
        ("? [a]\n: 1\n", "1:3: error: a key must be a plain word, not a list or a group"),
        ("a: 1\n---\nb: 2\n", "2:1: error: the file holds more than one YAML document"),
        ("a:\n  b: 1\n  b: 2\n", "3:3: error: duplicate key 'b' (first given on line 2)"),
        ("a:\n  b:\n    c: 1\n  b: 2\n", "4:3: error: duplicate key 'b' (first given on line 2)"),
        ("- a: 1\n  a: 2\n", "2:3: error: duplicate key 'a' (first given on line 1)"),
        ("a: [1, 2\n", "1:4: error: the list in square brackets that starts here is not closed"),
        ("a: {b: 1\n", "1:4: error: the group in curly brackets that starts here is not closed"),
        ("a: 'x\n", "1:4: error: the quoted text that starts here is never closed"),
        ("a:\n\t- x\n", "2:1: error: a tab is used for indentation"),
        ("a: 1\nb\nc: 2\n", "2:1: error: this line has no colon; write it as key: value"),
        ("a: b: c\n", "1:5: error: a colon followed by a space inside a value"),
        ("a: `x`\n", "1:4: error: a value cannot start with '`'"),
        ("a: & x\n", "1:4: error: a value starting with & is read as a YAML anchor"),
        ("a:\n  - x\n - y\n", "3:2: error: a list item (- ) does not line up here"),
        ("%YAML 1.3\n---\na: 1\n", "1:1: error: YAML directives (lines starting with %) are not"),
        ('a: "\\q"\n', "1:5: error: unknown backslash escape in double-quoted text"),
    ],
)
def test_yaml_refusals(text: str, message: str) -> None:
    assert refused(text).startswith(f"f.yaml:{message}")


def test_billion_laughs_stops_at_the_first_anchor() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)
    ]
    assert refused("\n".join(lines) + "\n").startswith(
        "f.yaml:1:4: error: anchors (&a) are not allowed"
    )


_DEEP = """
import sys
from generator.content.load import parse_text
text = sys.stdin.read()
print(parse_text(text, "f.yaml").format())
"""


@pytest.mark.parametrize(
    ("text", "position"),
    [
        pytest.param("a: " + "[" * 10_000 + "]" * 10_000 + "\n", "1:1003", id="flow-10000"),
        pytest.param("a: " + "{b: " * 10_000 + "}" * 10_000 + "\n", "1:160", id="map-10000"),
        pytest.param("- " * 10_000 + "x\n", "1:81", id="dashes-10000"),
        pytest.param("".join(" " * i + "k:\n" for i in range(2_000)), "41:41", id="block-2000"),
        pytest.param("a:\n" + "- " * 900 + "[" * 900 + "]" * 900 + "\n", "2:79", id="mixed"),
    ],
)
def test_deep_nesting_is_refused_without_crashing(text: str, position: str) -> None:
    # libyaml's C composer recursed once per level and crashed the interpreter on input
    # like this; run in a child process so a crash fails this test instead of pytest.
    result = subprocess.run(
        [sys.executable, "-c", _DEEP],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout == (
        f"f.yaml:{position}: error: the file nests lists and groups more than 40 levels deep; "
        "content never needs that many\n"
    )


def test_forty_levels_are_fine_forty_one_are_not() -> None:
    expected: list[Any] = []
    for _ in range(38):
        expected = [expected]
    # The top-level group and 39 lists: 40 levels.
    assert parsed("a: " + "[" * 39 + "]" * 39 + "\n").data == {"a": expected}
    assert refused("a: " + "[" * 40 + "]" * 40 + "\n").startswith(
        "f.yaml:1:43: error: the file nests lists and groups more than 40 levels deep"
    )


# --- checks made once per file, and the values that escapes can change ------------------------


def test_escapes_cannot_make_markup_that_the_file_does_not_show() -> None:
    # The file holds no '<': the whole-file check finds nothing, the value check must.
    assert refused('a: "\\x3cscript\\x3e"\n') == (
        "f.yaml:1:4: error: '<script' looks like HTML; HTML is not allowed in content (write "
        "plain text; in prose use Markdown, like **bold** or [text](https://...))"
    )
    assert refused('a: "x \\x26lt; y"\n').endswith(
        "'&lt;' is an HTML character reference; type the character itself instead"
    )


def test_escapes_are_normalized_to_nfc_in_a_normalized_file() -> None:
    document = parsed('a: "Cafe\\u0301"\nb: Café\n')
    assert document.data == {"a": "Café", "b": "Café"}
