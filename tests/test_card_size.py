"""Social cards stay small (10,000 claims make 20,000 of them) and stay a PNG that social
sites accept; the smaller encoding keeps every pixel and survives a fork."""

from __future__ import annotations

import io
import multiprocessing
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.pages import cards
from generator.pages.cards import Card, draw_card, encode_png, render_card

CARD = Card(
    lang="ar",
    title="«الرئيس السابق» و«ولايته الثانية المحتملة»... المقال يخطئ في صفة ترامب",
    site_name="بيّن · Bayyin",
    address="bayyin.github.io/bayyin",
    kicker="الادعاء",
    byline="فريق بيّن",
    rating_label="غير دقيق",
    rating_tone="false",
)
ENGLISH = Card(
    lang="en",
    title='"Former president" and a "potential second term": the article gets it wrong',
    site_name="بيّن · Bayyin",
    address="bayyin.github.io/bayyin",
    kicker="Claim",
    byline="Bayyin team",
    rating_label="Accurate, with context",
    rating_step=4,
)


def _chunks(data: bytes) -> list[tuple[bytes, bytes, int]]:
    """(type, data, stored CRC) of each chunk after the signature."""
    chunks = []
    at = len(cards.PNG_SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        chunks.append((kind, body, crc))
        at += 12 + length
    assert at == len(data)
    return chunks


def test_a_card_is_a_small_palette_png() -> None:
    data = render_card(CARD)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.mode == "P"
    colours = image.getcolors()
    assert colours is not None and len(colours) <= 16
    # 18 KB with 64 colours unoptimized; 13.1 KB with Pillow's optimize=True; 10.4 KB with
    # libdeflate.
    assert len(data) < 11_000


@pytest.mark.parametrize("card", [CARD, ENGLISH], ids=["ar", "en"])
def test_the_smaller_png_has_exactly_the_pixels_of_pillows(card: Card) -> None:
    drawn = draw_card(card)
    pillows = io.BytesIO()
    drawn.save(pillows, format="PNG", optimize=True)  # the encoding cards had before
    before = Image.open(pillows)
    after = Image.open(io.BytesIO(encode_png(drawn)))
    assert (after.mode, after.size) == (before.mode, before.size) == ("P", (1200, 630))
    assert after.getpalette() == before.getpalette()
    assert after.tobytes() == before.tobytes()
    assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes()
    assert len(encode_png(drawn)) < 0.85 * len(pillows.getvalue())


def test_the_png_is_valid() -> None:
    data = render_card(CARD)
    Image.open(io.BytesIO(data)).verify()
    assert data.startswith(cards.PNG_SIGNATURE)
    chunks = _chunks(data)
    assert [kind for kind, _, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    for kind, body, crc in chunks:
        assert zlib.crc32(kind + body) == crc, kind
    # 1200 × 630, 4 bits a pixel, palette colour, deflate, no filter method, not interlaced
    assert chunks[0][1] == struct.pack(">IIBBBBB", 1200, 630, 4, 3, 0, 0, 0)
    rows = zlib.decompress(chunks[2][1])
    assert len(rows) == 630 * (1 + 600)
    assert {rows[row * 601] for row in range(630)} == {0}  # every row unfiltered


def test_transparency_is_kept() -> None:
    image = Image.new("P", (3, 2))
    image.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255])
    image.putdata([0, 1, 2, 2, 1, 0])
    for transparency in (1, b"\x80\x00"):
        image.info["transparency"] = transparency
        written = Image.open(io.BytesIO(encode_png(image)))
        assert written.convert("RGBA").tobytes() == image.convert("RGBA").tobytes()


def _draw_into(path: Path) -> None:
    path.write_bytes(render_card(CARD))


def test_a_process_that_drew_a_card_can_fork_and_draw_again(tmp_path: Path) -> None:
    """The build forks one process per language after the parent may have drawn cards (the
    preview, the tests). An encoder with a thread pool (oxipng's rayon) hangs for ever in the
    forked child: its workers are not there."""
    drawn = render_card(CARD)
    child = multiprocessing.get_context("fork").Process(
        target=_draw_into, args=(tmp_path / "child.png",)
    )
    child.start()
    child.join(timeout=30)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail("the forked child did not draw its card within 30 s")
    assert child.exitcode == 0
    assert (tmp_path / "child.png").read_bytes() == drawn
