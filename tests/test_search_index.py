"""What goes into Material's search index: the claim and its explanation, as Material's own
parser would read the page, from a fraction of the markup."""

from __future__ import annotations

import json
from pathlib import Path

from built_pages import published_claims
from material.plugins.search.plugin import Parser

from generator.pages.strings import STRINGS
from generator.site.plugin import search_html


def _sections(html: str) -> list[tuple[str | None, str, list[str]]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).split()) for s in parser.data]


PAGE = """
<article class="bayyin-claim" id="content">
  <h1>هل قال <bdi>Musk</bdi> ذلك؟</h1>
  <p class="bayyin-dates">
    نُشر: <time datetime="2026-11-26">26 نوفمبر 2026</time>
  </p>
  <div class="bayyin-claimbox"><blockquote>«نص»</blockquote>
    <dl><div><dt>صاحب الادعاء</dt>
      <dd><a href="../../people/x/">إيلون <bdi>Musk</bdi></a></dd></div></dl>
  </div>
  <section aria-labelledby="verdict">
    <h2 id="verdict">الحكم</h2>
    <p>نص <strong>مهم</strong> <code>a  b</code>
      <sup class="bayyin-cite"><a href="#s">1</a></sup></p>
    <pre><code>line one
    line   two</code></pre>
    <ul><li>أولاً</li><li><em>ثانياً</em></li></ul>
  </section>
  <section class="bayyin-sources" aria-labelledby="sources"><h2 id="sources">المصادر</h2>
    <ol><li>مصدر</li></ol></section>
  <aside class="bayyin-related"><h2 id="related">ذو صلة</h2></aside>
</article>
"""


def test_the_parser_reads_the_same_sections_from_the_lighter_markup() -> None:
    full = _sections(
        PAGE.replace(
            PAGE[PAGE.index('<section class="bayyin-sources"') : PAGE.index("</aside>") + 8], ""
        ).replace('<sup class="bayyin-cite"><a href="#s">1</a></sup>', "")
    )
    light = _sections(search_html(PAGE))
    assert light == full
    assert [section_id for section_id, _, _ in light] == [None, "verdict"]


def test_sources_markers_and_related_claims_stay_out() -> None:
    light = search_html(PAGE)
    for absent in ("المصادر", "مصدر", "ذو صلة", "bayyin-cite", "<bdi", "<a ", "<time", "<dl"):
        assert absent not in light
    for kept in ('<h2 id="verdict">', "<p>", "<ul><li>", "<code>", "<pre>"):
        assert kept in light


def test_white_space_is_kept_only_in_preformatted_text() -> None:
    light = search_html(PAGE)
    assert "<pre><code>line one\n    line   two</code></pre>" in light
    assert "  " not in light.replace(light[light.index("<pre>") : light.index("</pre>")], "")


def test_the_built_index_holds_each_claim_once_with_its_verdict(built_site: Path) -> None:
    for lang, prefix in (("ar", ""), ("en", "en/")):
        index = built_site / prefix / "search/search_index.json"
        docs = json.loads(index.read_text("utf-8"))["docs"]
        verdicts = sorted(d["location"] for d in docs if d["location"].endswith("#verdict"))
        assert verdicts == sorted(f"claims/{c.id}/#verdict" for c in published_claims())
        assert {d["title"] for d in docs if d["location"] in verdicts} == {STRINGS[lang]["verdict"]}
        assert all("  " not in d["text"] for d in docs)
