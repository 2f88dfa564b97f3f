"""`Document.position()` only reads: the positions a reader left out are found once, and
the document's fields stay as they were."""

from __future__ import annotations

import dataclasses

from generator.content.diagnostics import Document, Positions


def test_position_finds_left_out_positions_once_and_changes_nothing() -> None:
    calls: list[int] = []

    def locate() -> tuple[Positions, Positions]:
        calls.append(1)
        return {(): (1, 1), ("title",): (2, 3)}, {("title",): (2, 1)}

    document = Document("content/claims/x.yaml", {"title": "x"}, locate=locate)
    before = dataclasses.asdict(document)
    assert document.position(("title", "en")) == (2, 3)
    assert document.position(("title",), key=True) == (2, 1)
    assert document.position(("other",)) == (1, 1)
    assert calls == [1]
    assert dataclasses.asdict(document) == before


def test_position_reads_the_positions_a_reader_kept() -> None:
    document = Document("a.yaml", {}, positions={(): (1, 1), ("a",): (4, 5)})
    assert document.position(("a", 0)) == (4, 5)
    assert document.locate is None
