"""content/search.yaml: the spelling variants editors list for search, and its rules.

Transliterated names are written several ways (ترمب and ترامب); each group lists the
spellings of one name, and a search for any of them finds the others. The file is optional.

    variants:
      - [ترمب, ترامب]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.content.diagnostics import Diagnostic, Document
from generator.content.model import Strict
from generator.content.search_text import term, words

Spelling = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class SearchVocabulary(Strict):
    """Words that search treats as one (content/search.yaml)."""

    variants: list[list[Spelling]] = Field(
        default_factory=list,
        description="Groups of spellings of one name, e.g. [ترمب, ترامب]: a search for one "
        "finds the others. Each group holds at least two spellings; a spelling is in one group.",
    )


def vocabulary_diagnostics(vocabulary: SearchVocabulary, document: Document) -> list[Diagnostic]:
    """The problems of a read search.yaml: a group of one spelling, a spelling of more than
    one word, a spelling in two groups, two spellings that search already reads as one."""
    out: list[Diagnostic] = []
    seen: dict[str, tuple[int, int]] = {}
    for g, group in enumerate(vocabulary.variants):
        if len(group) < 2:
            out.append(
                document.diagnostic(
                    ("variants", g),
                    "variants: a group needs at least two spellings of one name",
                )
            )
        terms_here: dict[str, str] = {}
        for s, spelling in enumerate(group):
            loc = ("variants", g, s)
            found = words(spelling)
            if len(found) != 1:
                out.append(
                    document.diagnostic(
                        loc, f"variants: {spelling!r} must be one word (letters and digits)"
                    )
                )
                continue
            name = term(found[0], frozenset(), {})
            if name in terms_here:
                out.append(
                    document.diagnostic(
                        loc,
                        f"variants: {spelling!r} and {terms_here[name]!r} are already found "
                        "as one word by search; list only spellings that differ",
                    )
                )
                continue
            terms_here[name] = spelling
            if name in seen:
                first_group, first_item = seen[name]
                line, column = document.position(("variants", first_group, first_item))
                out.append(
                    document.diagnostic(
                        loc,
                        f"variants: {spelling!r} is already in the group at line {line}; "
                        "a spelling belongs to one group",
                    )
                )
                continue
            seen[name] = (g, s)
    return out
