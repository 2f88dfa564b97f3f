"""Search terms: how the index and the query cut text into words and bring each word to the
one form both sides compare. The browser's copy is theme/assets/bayyin/search.js (a browser
test checks that both agree on every word of the built site).

An Arabic word is folded and loses its attached prefixes (search_ar.py); any other word is
lower-cased and stemmed with the Snowball English algorithm (`fired` and `firings` both
become `fire`, `Epsteins` and `Epstein's` become `epstein`). Spelling variants that editors
list in content/search.yaml (`ترمب`, `ترامب`) are then made one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping

import snowballstemmer  # type: ignore[import-untyped]

from generator.content.search_ar import ARABIC_LETTER, fold, normalize_word

# A word: letters and digits (Python's \w without the underscore; JavaScript's
# [\p{L}\p{N}]). An English possessive ('s) is dropped before the cut, so `Epstein's` is one
# word and not `epstein` and `s`.
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_ENGLISH = snowballstemmer.stemmer("english")
# Only words of ASCII letters and digits are stemmed (other scripts are left as they are):
# the browser's port then counts characters as Python does.
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The folded words of `text`, in order (see search_ar.fold)."""
    return _WORD.findall(_POSSESSIVE.sub("", fold(text)))


def term(word: str, known: Collection[str], variants: Mapping[str, str]) -> str:
    """The index term of one folded word.

    Args:
        word: one of `words(text)`.
        known: the short Arabic words of the text (search_ar.known_words).
        variants: a spelling variant's term → the term of its group's first spelling.
    """
    if ARABIC_LETTER.search(word):
        stem = normalize_word(word, known)
    elif _ASCII_WORD.fullmatch(word):
        stem = str(_ENGLISH.stemWord(word))
    else:
        stem = word
    return variants.get(stem, stem)


def terms(
    text: str, known: Collection[str], variants: Mapping[str, str] | None = None
) -> Iterator[str]:
    """The index terms of `text`, in order, repeats included."""
    variants = variants or {}
    for word in words(text):
        yield term(word, known, variants)
