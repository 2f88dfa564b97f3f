"""Arabic search normalization: the reference for the browser's copy in search.js.

Readers and editors write the same Arabic word in several ways: `ابستين` for `إبستين`, and
`بماسك` for `ب` + `ماسك`. The index and the query therefore go through the same folding:
letters written interchangeably are made one, marks that do not change the word are
dropped, and the prefixes that Arabic attaches to words are stripped in one pass (a
conjunction و or ف, then a preposition ب ك or ل, then the article ال).

A one-letter prefix is stripped only when what remains is a word of the site's own text or
is at least `LONG_STEM` letters long: `ولاية` and `لبنان` stay themselves (`لاية`, `بنان` are
no words of the text), `بماسك` becomes `ماسك`. The browser gets the short words of the text
(`known_words`) in the index's manifest, so both sides decide alike.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

# Harakat, tanwin, shadda, sukun, the dagger alif, Quranic annotation marks; and tatweel.
MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)
_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0622": "\u0627",  # آ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0649": "\u064a",  # ى → ي
        "\u0629": "\u0647",  # ة → ه
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    }
)
CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
PREPOSITIONS = ("\u0628", "\u0643", "\u0644")  # ب ك ل
ARTICLE = "\u0627\u0644"  # ال
# ل before the article drops the article's alif: لل + word (للمحكمة = ل + المحكمة).
LAM_ARTICLE = "\u0644\u0644"
# What the article leaves must be at least this long (الم stays), and what a one-letter
# prefix leaves too, even when it is a word of the text.
MIN_STEM = 3
# A one-letter prefix before this many letters or more is stripped without asking.
LONG_STEM = 5
ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")


def fold(word: str) -> str:
    """`word` lower-cased, without marks, with interchangeable letters and digits folded."""
    return MARKS.sub("", word.lower()).translate(_FOLD)


def _strip_article(word: str) -> str:
    if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_STEM:
        return word[len(ARTICLE) :]
    return word


def _strips(rest: str, known: Collection[str]) -> bool:
    return len(rest) >= LONG_STEM or (len(rest) >= MIN_STEM and rest in known)


def normalize_word(word: str, known: Collection[str]) -> str:
    """The index form of one folded Arabic word (see `fold`), its prefixes stripped.

    Args:
        word: a folded word of letters only.
        known: the short words of the text (`known_words`): a one-letter prefix before
            a word of fewer than `LONG_STEM` letters is stripped only when that word is one.
    """
    if word[:1] in CONJUNCTIONS and _strips(word[1:], known):
        word = word[1:]
    if word.startswith(LAM_ARTICLE) and len(word) - len(LAM_ARTICLE) >= MIN_STEM:
        return word[len(LAM_ARTICLE) :]
    if word[:1] in PREPOSITIONS and _strips(word[1:], known):
        word = word[1:]
    return _strip_article(word)


def known_words(words: Iterable[str]) -> frozenset[str]:
    """The short words (`MIN_STEM` to `LONG_STEM` − 1 letters) that the text uses as they are
    or after the article, from its folded Arabic words: what a one-letter prefix may leave."""
    known = set()
    for word in words:
        for form in (word, _strip_article(word)):
            if MIN_STEM <= len(form) < LONG_STEM:
                known.add(form)
    return frozenset(known)
