"""The whitespace pass over every page: shorter, and rendered exactly as before."""

from __future__ import annotations

import re

from generator.site.output import compact_whitespace, with_dir

INDENTED = """<div class="a">

    <p>One <b>bold</b>
       <i>word</i></p>
    <pre>  line one
      line two

  </pre>
    <textarea>  kept
    </textarea>
  <script>var a = ">  \\n   <";</script>
  <style>.a >  \\n  .b { }</style>
</div>
"""


def test_blank_lines_and_indentation_between_tags_become_one_line_break() -> None:
    out = compact_whitespace(INDENTED)
    assert out.startswith('<div class="a">\n<p>One <b>bold</b>\n<i>word</i></p>\n<pre>')
    assert len(out) < len(INDENTED)
    assert not re.search(r">\n\s+<", out.split("<pre>")[0])
    assert "</pre>\n<textarea>" in out and "</textarea>\n<script>" in out


def test_whitespace_that_is_content_is_left_alone() -> None:
    out = compact_whitespace(INDENTED)
    for verbatim in (
        "<pre>  line one\n      line two\n\n  </pre>",
        "<textarea>  kept\n    </textarea>",
        '<script>var a = ">  \\n   <";</script>',
        "<style>.a >  \\n  .b { }</style>",
    ):
        assert verbatim in out


def test_words_keep_the_space_between_them() -> None:
    # Only runs with a line break are touched; a run without one is left as it is.
    assert compact_whitespace("<b>a</b> <i>b</i>") == "<b>a</b> <i>b</i>"
    assert compact_whitespace("<b>a</b>\n   <i>b</i>") == "<b>a</b>\n<i>b</i>"


def test_pages_are_compacted_before_the_script_hashes_are_taken() -> None:
    page = (
        '<html lang="en" class="no-js">\n<head><meta charset="utf-8">\n    <title>t</title>'
        "</head>\n\n  <body></body></html>"
    )
    out = with_dir(page, "en")
    assert "\n    <title>" not in out and "\n\n  <body>" not in out
    assert "Content-Security-Policy" in out
