"""Search terms: what a reader types finds the forms the text uses, in Arabic and English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.search_ar import known_words, normalize_word
from generator.content.search_text import terms, words

# The short words of an imagined text: what a one-letter prefix may leave.
KNOWN = known_words(["ماسك", "المحكمه", "بلد", "لعب"])

FOUND_AS = [
    # hamza forms of alif
    ("إبستين", "ابستين"),
    ("أكثر", "اكثر"),
    ("آلاف", "الاف"),
    ("ٱلله", "الله"),
    # alif maqsura and ta marbuta
    ("على", "علي"),
    ("الكفاءة", "كفاءه"),
    # tashkeel and tatweel
    ("مُذَكَّرَةٌ", "مذكره"),
    ("مـــاسك", "ماسك"),
    ("بيّن", "بين"),
    # attached prefixes: before a word of the text, or before five letters or more
    ("بماسك", "ماسك"),
    ("وماسك", "ماسك"),
    ("لماسك", "ماسك"),
    ("فماسك", "ماسك"),
    ("كماسك", "ماسك"),
    ("المحكمة", "محكمه"),
    ("والمحكمة", "محكمه"),
    ("بالمحكمة", "محكمه"),
    ("للمحكمة", "محكمه"),
    ("وبالمحكمة", "محكمه"),
    ("وبإبستين", "ابستين"),
    # not before a short word the text does not use: these stay themselves
    ("ولاية", "ولايه"),
    ("لبنان", "لبنان"),
    ("ولد", "ولد"),
    ("فم", "فم"),
    # punctuation around a word
    ("«مذكور", "مذكور"),
    ("إبستين»؟", "ابستين"),
    # digits
    ("٢٠٢٥", "2025"),
    ("۲۰۲۵", "2025"),
    # English word forms: the Snowball stemmer on both sides
    ("fired", "fire"),
    ("firings", "fire"),
    ("Epsteins", "epstein"),
    ("Epstein’s", "epstein"),
    ("(DOGE)", "doge"),
]


@pytest.mark.parametrize(("written", "term"), FOUND_AS)
def test_a_word_and_its_term(written: str, term: str) -> None:
    assert list(terms(written, KNOWN)) == [term]


def test_known_words_are_the_short_words_of_the_text() -> None:
    assert known_words(["ماسك", "المحكمه", "اللعب", "من", "مذكورات"]) == {"ماسك", "لعب"}


def test_a_prefix_before_a_known_short_word_is_stripped() -> None:
    assert normalize_word("لبنان", frozenset()) == "لبنان"
    assert normalize_word("لبنان", frozenset({"بنان"})) == "بنان"


def test_variants_are_made_one() -> None:
    assert list(terms("ترمب وترامب", KNOWN, {"ترمب": "ترامب"})) == ["ترامب", "ترامب"]


def test_text_without_letters_has_no_words() -> None:
    assert words("« — » ... ؟") == []
    assert words("َُِّ") == []


@given(st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءؤئـًٌٍَُِّْ", min_size=5, max_size=12))
def test_a_prefixed_long_word_finds_the_bare_word(word: str) -> None:
    [bare] = words(word) or [""]
    if len(bare) >= 5 and bare[0] not in "وفبكل" and not bare.startswith("ال"):
        assert list(terms("و" + word, KNOWN)) == list(terms(word, KNOWN))
        assert list(terms("بال" + word, KNOWN)) == list(terms(word, KNOWN))
