"""The maintainer's provenance check (tools/provenance.py) on the fixture site and a fixture
fact sheet: it is not run on content/ by the test suite (a newsroom cites its own sources)."""

from __future__ import annotations

from pathlib import Path

from fixture_sites import FIXTURES, MakeProject

from tools.provenance import factsheet_excerpts, main, problems, quote_matches, urls_in

REFERENCE = FIXTURES / "provenance"
SOURCE = "content/sources/fedsmith-trump-establishes-doge.yaml"
EXCERPT = (
    "Among the many executive orders he issued on his first day, President Trump issued one "
    "that formally establishes the Department of Government Efficiency (DOGE)."
)


def add_line(project: Path, relative: str, line: str) -> None:
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_urls_in_finds_fields_markdown_links_autolinks_and_bare_urls() -> None:
    assert list(urls_in("https://example.org/a_(b)")) == ["https://example.org/a_(b)"]
    prose = "See [this](https://a.example/x), <https://b.example/y> and https://c.example/z."
    assert sorted(urls_in(prose)) == [
        "https://a.example/x",
        "https://b.example/y",
        "https://c.example/z.",
    ]
    assert list(urls_in("[log](../corrections/) and [mail](mailto:x@y.example)")) == []


def test_factsheet_excerpts_belong_to_the_url_above_them() -> None:
    sheet = (
        "## 1. Point\n\n"
        "1. **Outlet** (English)  \n"
        "   <https://a.example/1>  \n"
        "   > first   excerpt  \n"
        "   > second excerpt\n"
        "## 2. Next\n"
        "   > orphan excerpt\n"
    )
    assert factsheet_excerpts(sheet) == {"https://a.example/1": ["first excerpt", "second excerpt"]}
    assert quote_matches("first\n excerpt", ["first excerpt"])
    assert quote_matches("second", ["second excerpt"])
    assert not quote_matches("first excerpt, invented", ["first excerpt"])
    assert not quote_matches("  ", ["first excerpt"])


def test_content_from_the_fact_sheet_passes(make_project: MakeProject) -> None:
    project = make_project()
    add_line(project, SOURCE, f"quote: {EXCERPT[:60]}")
    assert problems(project, REFERENCE) == []
    assert main([str(REFERENCE), "--project", str(project)]) == 0


def test_an_unlisted_url_and_an_invented_quote_are_reported(make_project: MakeProject) -> None:
    project = make_project()
    add_line(project, SOURCE, "quote: Trump issued one order on his first day and no other.")
    path = project / "content/sources/govinfo-eo-14158.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2025-02005.htm", "2025-02006.htm"),
        encoding="utf-8",
    )
    assert problems(project, REFERENCE) == [
        "content/sources/fedsmith-trump-establishes-doge.yaml.quote: not an excerpt of "
        "https://www.fedsmith.com/2025/01/21/trump-formally-establishes-doge/ in factsheet.md",
        "content/sources/govinfo-eo-14158.yaml.url: "
        "https://www.govinfo.gov/content/pkg/FR-2025-01-29/html/2025-02006.htm "
        "is not in sources.tsv",
    ]
    assert main([str(REFERENCE), "--project", str(project)]) == 1


def test_a_missing_reference_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert main([str(tmp_path), "--project", str(tmp_path)]) == 2
