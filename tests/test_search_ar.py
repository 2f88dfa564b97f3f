"""The Arabic search normalizer: what a reader types finds the forms the text uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.pages.search_ar import normalize_query, normalize_text, normalize_token

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
    # attached prefixes
    ("بماسك", "ماسك"),
    ("وماسك", "ماسك"),
    ("لماسك", "ماسك"),
    ("فماسك", "ماسك"),
    ("المحكمة", "محكمه"),
    ("والمحكمة", "محكمه"),
    ("بالمحكمة", "محكمه"),
    ("للمحكمة", "محكمه"),
    # punctuation around a word
    ("«مذكور", "مذكور"),
    ("إبستين»؟", "ابستين"),
    ("(DOGE)", "doge"),
    # digits
    ("٢٠٢٥", "2025"),
    ("۲۰۲۵", "2025"),
]


@pytest.mark.parametrize(("written", "normalized"), FOUND_AS)
def test_normalize_token(written: str, normalized: str) -> None:
    assert normalize_token(written) == normalized


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ابستين", "ورد اسمه في ملفات إبستين."),
        ("ماسك", "قال بماسك ووماسك"),
        ("ماسك", "كتب لماسك"),
        ("مذكورة", "«مُذكـورة»"),
        ("علي", "على"),
    ],
)
def test_query_finds_text(query: str, text: str) -> None:
    assert normalize_query(query) in normalize_text(text)


@pytest.mark.parametrize("word", ["ولد", "بلد", "لعب", "فم", "ال", "و"])
def test_short_words_keep_their_first_letter(word: str) -> None:
    # A prefix is only stripped when three letters remain: ولد (a boy) is not و + لد.
    assert normalize_token(word) == word


def test_tokens_without_letters_are_dropped() -> None:
    assert normalize_token("«»") == ""
    assert normalize_text("« — »") == []


def test_query_keeps_lunr_operators() -> None:
    assert normalize_query("+بماسك* -إبستين~2 title:ترامب^3") == "+ماسك* -ابستين~2 title:ترامب^3"
    assert normalize_query("  ") == ""


@given(st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءؤئـًٌٍَُِّْ «»،؟ .-", max_size=30))
def test_normalizing_twice_changes_nothing(text: str) -> None:
    # The worker normalizes the query, then Lunr's pipeline may normalize it again.
    for token in text.split():
        once = normalize_token(token)
        assert normalize_token(once) == once


@given(st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءؤئـًٌٍَُِّْ", min_size=1, max_size=12))
def test_prefix_and_variants_find_the_same_word(word: str) -> None:
    # A word written with a prefix, hamza, tashkeel or tatweel normalizes to what the bare
    # word does, whenever the bare word is long enough to lose a prefix itself.
    base = normalize_token(word)
    if len(base) >= 3:
        assert normalize_token("و" + base) == normalize_token(base)
        assert normalize_token("بال" + base) == normalize_token(base)
