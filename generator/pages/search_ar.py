"""Arabic search normalization: the reference for the browser's copy in search-ar.js.

Material's search matches Arabic words only in the exact form they were typed: `ابستين`
misses `إبستين`, and `ماسك` misses `بماسك`. Both the index and the query therefore go
through the same normalization: letters that editors and readers write interchangeably are
folded together, marks that do not change the word are dropped, and the one-letter
prefixes that Arabic attaches to words (و ف ب ل, and the article ال) are stripped.

The folding runs in the search worker on every token (theme/assets/bayyin/search-ar.js), so
the result snippets keep the text exactly as published. The JavaScript is a port of this
module; a browser test checks that both give the same result on every word of the index.
"""

from __future__ import annotations

import re

# Harakat, tanwin, shadda, sukun, the dagger alif, Quranic annotation marks; and tatweel.
_MARKS = re.compile(
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
# Longest first, so that وال is tried before و. Stripping repeats (وبال → ب → ال), so the
# result is the same whether a word is normalized once or twice: the query that the worker
# has already normalized goes through the index pipeline again.
PREFIXES: tuple[str, ...] = ("\u0627\u0644", "\u0648", "\u0641", "\u0628", "\u0644")
# A prefix is stripped only when at least this many letters remain: `ولد` stays `ولد`.
MIN_STEM = 3
_HEAD = re.compile(r"^[+-]*")
_TAIL = re.compile(r"(?:[~^][0-9]*|\*)*$")


def _is_word_char(char: str) -> bool:
    # Letters (Unicode L*) and numbers (N*): the same set as JavaScript's [\p{L}\p{N}].
    return char.isalpha() or char.isnumeric()


def normalize_token(token: str) -> str:
    """Fold one search token to the form that both the index and the query use.

    Returns an empty string for a token with no letters or digits (it is dropped).
    """
    text = _MARKS.sub("", token.lower()).translate(_FOLD)
    start, end = 0, len(text)
    while start < end and not _is_word_char(text[start]):
        start += 1
    while end > start and not _is_word_char(text[end - 1]):
        end -= 1
    text = text[start:end]
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            rest = text[len(prefix) :]
            # The rest must start with a letter, or stripping would expose punctuation
            # that a second pass would trim: normalizing twice must change nothing.
            if text.startswith(prefix) and len(rest) >= MIN_STEM and _is_word_char(rest[0]):
                text = rest
                stripped = True
                break
    return text


def _matched(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(0) if match else ""


def normalize_query(query: str) -> str:
    """Normalize each word of a query, keeping Lunr's operators (+ - * ~ ^ :) in place."""
    words = []
    for word in query.split():
        head = _matched(_HEAD, word)
        tail = _matched(_TAIL, word[len(head) :])
        body = word[len(head) : len(word) - len(tail)]
        normalized = normalize_token(body)
        if normalized:
            words.append(head + normalized + tail)
    return " ".join(words)


def normalize_text(text: str) -> list[str]:
    """Normalize every whitespace-separated token of `text`, dropping empty ones."""
    return [t for t in (normalize_token(w) for w in text.split()) if t]
