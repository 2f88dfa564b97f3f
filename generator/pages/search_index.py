"""The site's search index: static files, written per language, of which one query loads a few.

A reader's query costs the same few hundred kilobytes at 100 claims and at 100,000: the
browser (theme/assets/bayyin/search.js) loads

- `search/manifest.json`: the number of documents, which term chunk holds which terms, the
  short Arabic words of the text and the spelling variants (for the query's
  normalization), and each filter's values with their labels;
- one term chunk per query word, `search/c/<n>.json`: terms → the documents that hold them,
  split by term prefix so that no chunk is much over `CHUNK_BYTES`;
- the result records of the documents shown, `search/r/<n>.json`, `SHARD` documents a file;
- for a filter, the documents of the value chosen, `search/f/<facet>-<value>.json`.

Documents are numbered in the order given (newest claim first): at equal score a result
list is newest first. Postings are sorted document numbers written as gaps, so that even a
word of every document costs about two bytes a document (20 KB at 10,000): no word is left
out, and such a word gets a chunk of its own. `search()` is
the reference for the browser's query; `query_bytes()` counts what one query downloads.
Output is deterministic: the same records give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.search_ar import ARABIC_LETTER, known_words
from generator.content.search_text import term, words
from generator.pages.urls import language_root

# A term chunk is split by a longer prefix while it is larger than this.
CHUNK_BYTES = 24_000
# Result records per shard file; a first page of results loads at most PAGE_SIZE shards.
SHARD = 16
PAGE_SIZE = 10
# What a query reads of what was typed: a pasted page is cut, not processed.
MAX_QUERY = 200
MAX_TERMS = 10
# A word in the title (or the claim as said) scores this much; a word in the text 1.
TITLE_WEIGHT = 3
FACETS = ("rating", "claimant", "topic", "year")
# The search page's own scripts (theme/assets/bayyin/).
SCRIPTS = ("snowball-english.js", "search.js")
_SAFE_VALUE = re.compile(r"[a-z0-9-]+")


@dataclass(frozen=True)
class SearchRecord:
    """What the index keeps of one page: the text it is found by and the result shown."""

    path: str  # the page's URL path relative to the language root: "claims/x/"
    kind: str  # "claim", "story", "claimant", "page"
    title: str
    # Searched with the title's weight (the claim as said), then with the text's.
    lead: str
    text: str
    snippet: str
    date: str = ""  # ISO date, "" for none
    date_label: str = ""
    # Filter values: ids (rating, claimant, topics) and the year.
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    # A rating's colour on the pages (rating-badge.html): its tone and step on the scale.
    tone: str = ""
    step: int | None = None


def variant_map(groups: Sequence[Sequence[str]], known: Iterable[str] = ()) -> dict[str, str]:
    """A spelling's term → the term of its group's first spelling, for each group of
    variants (content/search.yaml)."""
    known = frozenset(known)
    mapping: dict[str, str] = {}
    for group in groups:
        group_terms = [term(w, known, {}) for spelling in group for w in words(spelling)[:1]]
        for other in group_terms[1:]:
            if other != group_terms[0]:
                mapping[other] = group_terms[0]
    return mapping


def _gaps(numbers: Sequence[int]) -> list[int]:
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def _undo_gaps(gaps: Sequence[int]) -> list[int]:
    out: list[int] = []
    total = 0
    for gap in gaps:
        total += gap
        out.append(total)
    return out


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _chunk_keys(sizes: Mapping[str, int]) -> list[str]:
    """Prefixes that split the terms (with their sizes) into chunks of about CHUNK_BYTES: a
    term belongs to the longest key it starts with."""
    keys: list[str] = []

    def split(prefix: str, members: list[str]) -> None:
        keys.append(prefix)
        if sum(sizes[t] for t in members) <= CHUNK_BYTES:
            return
        depth = len(prefix) + 1
        longer: dict[str, list[str]] = {}
        for member in members:
            if len(member) >= depth:
                longer.setdefault(member[:depth], []).append(member)
        for child in sorted(longer):
            split(child, longer[child])

    by_first: dict[str, list[str]] = {}
    for name in sorted(sizes):
        by_first.setdefault(name[:1], []).append(name)
    for first in sorted(by_first):
        split(first, by_first[first])
    return keys


def chunk_key(keys: Mapping[str, object], name: str) -> str | None:
    """The key of the chunk that holds `name`: the longest key that `name` starts with."""
    for length in range(len(name), 0, -1):
        if name[:length] in keys:
            return name[:length]
    return None


def write_index(
    folder: Path,
    records: Sequence[SearchRecord],
    facet_values: Mapping[str, Sequence[FacetValue]],
    variants: Sequence[Sequence[str]] = (),
) -> None:
    """Write the index of `records` (document n is records[n]) into `folder`, replacing
    the index that was there (the folder also holds the search page).

    Args:
        facet_values: each filter's values, in the order readers see them, with labels.
        variants: groups of spellings of one name (content/search.yaml).
    """
    folded = [(words(r.title + " " + r.lead), words(r.text)) for r in records]
    distinct = {w for lead, text in folded for part in (lead, text) for w in part}
    known = known_words(w for w in distinct if ARABIC_LETTER.search(w))
    mapping = variant_map(variants, known)
    # An archive repeats its words: each distinct word is brought to its term once.
    terms_of: dict[str, str] = {}

    def term_of(word: str) -> str:
        found = terms_of.get(word)
        if found is None:
            found = terms_of[word] = term(word, known, mapping)
        return found

    lead_docs: dict[str, list[int]] = {}
    text_docs: dict[str, list[int]] = {}
    for doc, (lead, text) in enumerate(folded):
        lead_terms = {term_of(w) for w in set(lead)}
        for name in lead_terms:
            lead_docs.setdefault(name, []).append(doc)
        for name in {term_of(w) for w in set(text)} - lead_terms:
            text_docs.setdefault(name, []).append(doc)
    count = len(records)
    names = sorted(lead_docs.keys() | text_docs.keys())
    postings = {n: [_gaps(lead_docs.get(n, [])), _gaps(text_docs.get(n, []))] for n in names}
    keys = _chunk_keys({n: len(_dump({n: p})) for n, p in postings.items()})
    chunks: dict[str, dict[str, list[list[int]]]] = {k: {} for k in keys}
    for name, posting in postings.items():
        key = chunk_key(chunks, name)
        assert key is not None
        chunks[key][name] = posting
    files: dict[str, bytes] = {}
    chunk_ids = {}
    for number, key in enumerate(keys):
        if chunks[key]:
            chunk_ids[key] = number
            files[f"c/{number}.json"] = _dump(chunks[key])
    for start in range(0, count, SHARD):
        files[f"r/{start // SHARD}.json"] = _dump(
            [_result(r) for r in records[start : start + SHARD]]
        )
    facets: dict[str, list[list[object]]] = {}
    for facet in FACETS:
        facets[facet] = []
        members: dict[str, list[int]] = {}
        for doc, record in enumerate(records):
            for value_id in dict.fromkeys(record.facets.get(facet, ())):
                members.setdefault(value_id, []).append(doc)
        for value in facet_values.get(facet, ()):
            docs = members.get(value.value, [])
            if not docs or not _SAFE_VALUE.fullmatch(value.value):
                continue
            entry: list[object] = [value.value, value.label, len(docs)]
            if value.tone:
                entry += [value.tone, value.step]
            facets[facet].append(entry)
            files[f"f/{facet}-{value.value}.json"] = _dump(_gaps(docs))
    version = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items())))
    manifest = {
        "v": version.hexdigest()[:12],
        "count": count,
        "shard": SHARD,
        "page": PAGE_SIZE,
        "chunks": chunk_ids,
        "known": sorted(known),
        "variants": mapping,
        "facets": facets,
        "limits": {"query": MAX_QUERY, "terms": MAX_TERMS, "title": TITLE_WEIGHT},
    }
    files["manifest.json"] = _dump(manifest)
    for part in ("c", "r", "f"):
        if (folder / part).is_dir():
            shutil.rmtree(folder / part)
    for name, data in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _result(record: SearchRecord) -> list[object]:
    """A record as search.js reads it: [path, kind, title, snippet, date, date label, rating,
    claimant, topics]."""
    return [
        record.path,
        record.kind,
        record.title,
        record.snippet,
        record.date,
        record.date_label,
        (record.facets.get("rating") or ("",))[0],
        (record.facets.get("claimant") or ("",))[0],
        list(record.facets.get("topic", ())),
    ]


@dataclass
class Query:
    """One search as the browser makes it, with the files it reads."""

    documents: list[int]  # matching documents, best first
    files: list[str]  # every file read, relative to the index folder


def search(folder: Path, query: str, filters: Mapping[str, str] | None = None) -> Query:
    """The reference for search.js: the documents that hold every term of `query` (and
    match every filter), best first, and the files read to find them and show the first page.
    """
    manifest = json.loads((folder / "manifest.json").read_bytes())
    read = ["manifest.json"]
    known = frozenset(manifest["known"])
    names: list[str] = []
    for word in words(query[:MAX_QUERY]):
        name = term(word, known, manifest["variants"])
        if name not in names:
            names.append(name)
    names = names[:MAX_TERMS]
    scores: dict[int, int] | None = None
    for name in names:
        key = chunk_key(manifest["chunks"], name)
        found: dict[int, int] = {}
        if key is not None:
            path = f"c/{manifest['chunks'][key]}.json"
            if path not in read:
                read.append(path)
            lead, text = json.loads((folder / path).read_bytes()).get(name, [[], []])
            found = {doc: TITLE_WEIGHT for doc in _undo_gaps(lead)}
            found.update({doc: 1 for doc in _undo_gaps(text)})
        scores = (
            found
            if scores is None
            else {doc: score + found[doc] for doc, score in scores.items() if doc in found}
        )
    if scores is None:
        scores = {doc: 0 for doc in range(manifest["count"])} if filters else {}
    for facet, value in sorted((filters or {}).items()):
        path = f"f/{facet}-{value}.json"
        if not _SAFE_VALUE.fullmatch(value) or not (folder / path).is_file():
            scores = {}
            continue
        read.append(path)
        allowed = set(_undo_gaps(json.loads((folder / path).read_bytes())))
        scores = {doc: score for doc, score in scores.items() if doc in allowed}
    ranked = sorted(scores, key=lambda doc: (-scores[doc], doc))
    for doc in ranked[:PAGE_SIZE]:
        shard = f"r/{doc // manifest['shard']}.json"
        if shard not in read:
            read.append(shard)
    return Query(ranked, read)


def index_folder(site_dir: Path, lang: str) -> Path:
    """Where the index of `lang` is in a built site."""
    return site_dir / language_root(lang) / "search"


def query_bytes(site_dir: Path, lang: str, query: str) -> int:
    """What the browser downloads for `query` on the search page of `lang` (the script,
    the manifest, the term chunks and the shards of the first page of results); the page
    itself and the site's shared assets are not counted."""
    folder = index_folder(site_dir, lang)
    scripts = site_dir / "assets" / "bayyin"
    files = search(folder, query).files
    return sum((scripts / f).stat().st_size for f in SCRIPTS) + sum(
        (folder / f).stat().st_size for f in files
    )
