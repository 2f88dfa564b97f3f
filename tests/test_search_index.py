"""The search index: what one query reads, what it finds, and content/search.yaml's rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.content.diagnostics import Document
from generator.content.load import parse_text, to_model
from generator.content.search_vocabulary import SearchVocabulary, vocabulary_diagnostics
from generator.pages.search_index import (
    CHUNK_BYTES,
    FacetValue,
    SearchRecord,
    chunk_key,
    query_bytes,
    search,
    write_index,
)


def _record(n: int, text: str, *, rating: str = "false", year: str = "2025") -> SearchRecord:
    return SearchRecord(
        path=f"claims/c{n}/",
        kind="claim",
        title=f"Claim {n}",
        lead="",
        text=text,
        snippet=text[:20],
        facets={"rating": (rating,), "year": (year,)},
    )


FACETS = {
    "rating": [FacetValue("true", "True"), FacetValue("false", "False")],
    "year": [FacetValue("2025", "2025"), FacetValue("2024", "2024")],
}


def test_a_query_finds_every_word_form_and_ranks_titles_first(tmp_path: Path) -> None:
    records = [
        _record(0, "The firings were unlawful, a judge said."),
        _record(1, "Nobody was fired."),
        SearchRecord("claims/x/", "claim", "Fired workers", "", "", ""),
        _record(3, "Nothing to see here."),
    ]
    write_index(tmp_path, records, FACETS)
    assert search(tmp_path, "fired").documents == [2, 0, 1]
    assert search(tmp_path, "FIRING judge").documents == [0]
    assert search(tmp_path, "fired elephant").documents == []


def test_filters_narrow_and_work_without_a_query(tmp_path: Path) -> None:
    records = [
        _record(0, "Musk wrote it.", rating="true", year="2024"),
        _record(1, "Musk said it."),
        _record(2, "Someone else said it.", rating="true"),
    ]
    write_index(tmp_path, records, FACETS)
    assert search(tmp_path, "musk").documents == [0, 1]
    assert search(tmp_path, "musk", {"rating": "true"}).documents == [0]
    assert search(tmp_path, "", {"rating": "true", "year": "2025"}).documents == [2]
    assert search(tmp_path, "", {"rating": "../../etc"}).documents == []
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["facets"]["rating"] == [["true", "True", 2], ["false", "False", 1]]
    assert manifest["facets"]["year"] == [["2025", "2025", 2], ["2024", "2024", 1]]


def test_variants_and_arabic_prefixes(tmp_path: Path) -> None:
    records = [_record(0, "قال ترمب ذلك"), _record(1, "ردّ على ماسك"), _record(2, "ولاية لبنان")]
    write_index(tmp_path, records, FACETS, [["ترامب", "ترمب"]])
    assert search(tmp_path, "ترامب").documents == [0]
    assert search(tmp_path, "بماسك").documents == [1]
    assert search(tmp_path, "ولاية").documents == [2]
    assert search(tmp_path, "لاية").documents == []


def test_chunks_are_split_by_prefix_and_the_output_is_deterministic(tmp_path: Path) -> None:
    records = [_record(n, f"word{n} term{n * 7} thing{n % 13}") for n in range(3000)]
    write_index(tmp_path / "a", records, FACETS)
    write_index(tmp_path / "b", records, FACETS)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.json"))
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    chunks = list((tmp_path / "a" / "c").glob("*.json"))
    assert len(chunks) > 3
    assert max(p.stat().st_size for p in chunks) < 2 * CHUNK_BYTES
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text("utf-8"))
    assert chunk_key(manifest["chunks"], "word1234") is not None
    found = search(tmp_path / "a", "word1234 thing12")
    assert found.documents == [1234]
    assert sum(f.startswith("c/") for f in found.files) == 2
    # A word of every document is indexed too (in a chunk of its own, gaps of 1).
    assert search(tmp_path / "a", "claim").documents == list(range(3000))


def test_query_bytes_counts_the_scripts_and_the_files_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_index(site / "search", [_record(0, "Musk wrote it.")], FACETS)
    (site / "assets" / "bayyin").mkdir(parents=True)
    for name, size in (("search.js", 1000), ("snowball-english.js", 500)):
        (site / "assets" / "bayyin" / name).write_bytes(b"x" * size)
    read = search(site / "search", "musk").files
    assert read[0] == "manifest.json" and any(f.startswith("r/") for f in read)
    expected = 1500 + sum((site / "search" / f).stat().st_size for f in read)
    assert query_bytes(site, "ar", "musk") == expected


def _vocabulary(text: str) -> tuple[SearchVocabulary, Document]:
    document = parse_text(text, "content/search.yaml")
    assert isinstance(document, Document)
    vocabulary = to_model(document, SearchVocabulary)
    assert isinstance(vocabulary, SearchVocabulary)
    return vocabulary, document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("variants:\n  - [ترامب, ترمب]\n", []),
        (
            "variants:\n  - [ترامب]\n",
            [
                "content/search.yaml:2:5: error: variants: a group needs at least two spellings "
                "of one name"
            ],
        ),
        (
            "variants:\n  - [ترامب, ترمب]\n  - [ماسك, ترمب]\n",
            [
                "content/search.yaml:3:12: error: variants: 'ترمب' is already in the group at "
                "line 2; a spelling belongs to one group"
            ],
        ),
        (
            "variants:\n  - [ترامب, ترامپ, تْرامب]\n",
            [
                "content/search.yaml:2:20: error: variants: 'تْرامب' and 'ترامب' are already "
                "found as one word by search; list only spellings that differ"
            ],
        ),
        (
            "variants:\n  - [Donald Trump, Trump]\n",
            [
                "content/search.yaml:2:6: error: variants: 'Donald Trump' must be one word "
                "(letters and digits)"
            ],
        ),
    ],
)
def test_search_yaml_rules(text: str, expected: list[str]) -> None:
    vocabulary, document = _vocabulary(text)
    assert [d.format() for d in vocabulary_diagnostics(vocabulary, document)] == expected


def test_search_yaml_refuses_unknown_keys() -> None:
    document = parse_text("variant:\n  - [a, b]\n", "content/search.yaml")
    assert isinstance(document, Document)
    errors = to_model(document, SearchVocabulary)
    assert isinstance(errors, list)
    assert [d.format() for d in errors][0].startswith("content/search.yaml:1:1: error: ")
