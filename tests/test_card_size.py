"""Social cards stay small (10,000 claims make 20,000 of them) and stay a PNG that social
sites accept."""

from __future__ import annotations

import io

from PIL import Image

from generator.pages.cards import Card, render_card

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


def test_a_card_is_a_small_palette_png() -> None:
    data = render_card(CARD)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.mode == "P"
    colours = image.getcolors()
    assert colours is not None and len(colours) <= 16
    # 18 KB with 64 colours unoptimized; 13 KB now.
    assert len(data) < 15_000
