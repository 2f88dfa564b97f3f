"""The real content/ against the reference fact sheet: every link, quote and citation.

The fact sheet (`shared/reference/factsheet.md`) and its URL list (`sources.tsv`) sit in the
`shared/` folder beside the repository; CI lays a copy there. They are the only pages editors
may cite, so a missing copy is a failure, not a reason to skip.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import check
from generator.errors import Diagnostic
from generator.load import Content
from generator.model import LANGUAGES

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
SOURCES_TSV = REFERENCE / "sources.tsv"
FACTSHEET = REFERENCE / "factsheet.md"

_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s<>\"')\]]+")
_ENTRY_URL = re.compile(r"^\s+<(\S+)>\s*$")
_EXCERPT = re.compile(r"^\s*> (.*)$")
# A paragraph ends with a marker, optionally followed by closing punctuation or quotes.
_ENDS_CITED = re.compile(r"\[@[^\]]+\][\s.,;:!?؟،؛»”\"')]*$")


def _reference(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(
            f"{path} is missing: the content tests need the shared/ folder beside the "
            "repository (CI lays a copy there)"
        )
    return path


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, the way the fact sheet wraps lines."""
    return " ".join(text.split())


def reference_urls(tsv: Path) -> set[str]:
    """The `url` column of sources.tsv."""
    with tsv.open(encoding="utf-8", newline="") as handle:
        return {row["url"].strip() for row in csv.DictReader(handle, delimiter="\t")}


def factsheet_excerpts(markdown: str) -> dict[str, list[str]]:
    """Each source URL of the fact sheet with the excerpts quoted under it."""
    excerpts: dict[str, list[str]] = {}
    current: str | None = None
    for line in markdown.splitlines():
        if line.startswith("#"):
            current = None
            continue
        url = _ENTRY_URL.match(line)
        if url:
            current = url.group(1)
            excerpts.setdefault(current, [])
            continue
        quote = _EXCERPT.match(line)
        if quote and current is not None:
            excerpts[current].append(normalise(quote.group(1)))
    return excerpts


def quote_matches(quote: str, excerpts: list[str]) -> bool:
    """True when `quote` is one of `excerpts`, or a verbatim part of one."""
    wanted = normalise(quote)
    return bool(wanted) and any(wanted in excerpt for excerpt in excerpts)


def urls_in(value: str) -> Iterator[str]:
    """Absolute URLs in a string: the whole value when it is a URL, else links in Markdown."""
    text = value.strip()
    if _ABSOLUTE.match(text) and not any(ch.isspace() for ch in text):
        yield text
        return
    for url in [*_MARKDOWN_LINK.findall(text), *_AUTOLINK.findall(text)]:
        if _ABSOLUTE.match(url):
            yield url
    yield from _BARE_URL.findall(text)


def strings_in(data: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string value (and key) of parsed YAML, with a readable path to it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield f"{where}.{key}", str(key)
            yield from strings_in(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_in(value, f"{where}[{index}]")
    elif isinstance(data, str):
        yield where, data


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def uncited_paragraphs(content: Content) -> list[str]:
    """`claim-id context[i] lang paragraph n` for each context paragraph without a final marker."""
    missing = []
    for claim in content.claims.values():
        for index, section in enumerate(claim.context):
            for lang in LANGUAGES:
                for number, paragraph in enumerate(paragraphs(section.body[lang]), start=1):
                    if not _ENDS_CITED.search(paragraph):
                        missing.append(
                            f"{claim.id} context[{index}] {lang} paragraph {number}: "
                            f"…{paragraph[-60:]}"
                        )
    return missing


@pytest.fixture(scope="module")
def checked(project: Path) -> tuple[Content, list[Diagnostic]]:
    return check(project)


@pytest.fixture(scope="module")
def content(checked: tuple[Content, list[Diagnostic]]) -> Content:
    return checked[0]


@pytest.fixture(scope="module")
def allowed_urls() -> set[str]:
    return reference_urls(_reference(SOURCES_TSV))


@pytest.fixture(scope="module")
def excerpts() -> dict[str, list[str]]:
    return factsheet_excerpts(_reference(FACTSHEET).read_text(encoding="utf-8"))


# --- the helpers find what they should (so the content tests below can fail) ------------


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


def test_a_context_paragraph_must_end_with_a_marker() -> None:
    assert _ENDS_CITED.search("Fact [@a].")
    assert _ENDS_CITED.search("حقيقة [@a] [@b].")
    assert not _ENDS_CITED.search("Fact [@a]. Then an uncited sentence.")


# --- the real content ---------------------------------------------------------------------


def test_check_is_clean(checked: tuple[Content, list[Diagnostic]]) -> None:
    _, diagnostics = checked
    assert [d.format() for d in diagnostics] == []


def test_every_url_in_content_comes_from_the_fact_sheet(
    project: Path, allowed_urls: set[str]
) -> None:
    files = sorted((project / "content").rglob("*.yaml"))
    assert files
    unknown = []
    seen = 0
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for where, value in strings_in(data, path.relative_to(project).as_posix()):
            for url in urls_in(value):
                seen += 1
                if url not in allowed_urls:
                    unknown.append(f"{where}: {url}")
    assert seen > 0
    assert unknown == []


def test_every_context_paragraph_ends_with_a_citation(content: Content) -> None:
    assert content.claims
    assert uncited_paragraphs(content) == []


def test_every_source_quote_is_a_fact_sheet_excerpt_of_its_own_url(
    content: Content, excerpts: dict[str, list[str]]
) -> None:
    quoted = [s for s in content.sources.values() if s.quote is not None]
    assert quoted
    wrong = [
        f"{s.id}: {s.quote}"
        for s in quoted
        if s.quote is None or not quote_matches(s.quote, excerpts.get(s.url, []))
    ]
    assert wrong == []
