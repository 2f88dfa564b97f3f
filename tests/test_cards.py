"""Social cards: Open Graph and Twitter meta on every page, and the images they point at."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from built_pages import absolute, claim_ids, html_pages, page_file, parse, root_url
from PIL import Image, ImageColor, ImageDraw

from generator.pages import cards
from generator.pages.cards import Card, CardCache, Typesetter, card_key, render_card
from generator.pages.render import RATING_STEPS

ARABIC = Card(
    lang="ar",
    title="هل قال ماسك إن ترامب «مذكور في ملفات إبستين»؟",
    site_name="بيّن · Bayyin",
    address="example.org/site",
    kicker="تحقق",
    byline="إيلون ماسك",
    rating_label="دقيق مع سياق",
    rating_step=4,
)


def _meta(soup: Any, attribute: str, name: str) -> list[str]:
    return [str(m["content"]) for m in soup.find_all("meta", attrs={attribute: name})]


def test_every_page_has_open_graph_and_twitter_meta(built_site: Path) -> None:
    for path in html_pages(built_site):
        soup = parse(built_site, path)
        lang = "en" if path.startswith("en/") else "ar"
        one = {
            name: _meta(soup, "property", name)
            for name in ("og:title", "og:description", "og:url", "og:image", "og:type")
        }
        assert all(len(v) == 1 and v[0] for v in one.values()), (path, one)
        assert one["og:url"] == [absolute(path)]
        assert _meta(soup, "property", "og:locale") == [{"ar": "ar_AR", "en": "en_US"}[lang]]
        assert _meta(soup, "name", "twitter:card") == ["summary_large_image"]
        # X reads the title, description and image from Open Graph when its own tags are
        # absent (developer.x.com/cards/markup): each is said once.
        for twin in ("twitter:title", "twitter:description", "twitter:image"):
            assert _meta(soup, "name", twin) == [], (path, twin)
        assert _meta(soup, "name", "twitter:image:alt") == _meta(soup, "property", "og:image:alt")
        title = soup.find("title")
        assert title is not None and one["og:title"][0] in title.get_text()
        image = one["og:image"][0]
        assert image.startswith(root_url()) and image.endswith(".png")
        assert _meta(soup, "property", "og:image:width") == ["1200"]
        assert _meta(soup, "property", "og:image:height") == ["630"]
        assert _meta(soup, "property", "og:image:alt")[0]
        file = page_file(built_site, image.removeprefix(root_url()))
        assert file.is_file(), image
        with Image.open(file) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630)


def test_claim_pages_are_articles_with_dates(built_site: Path) -> None:
    soup = parse(built_site, f"claims/{claim_ids()[0]}/")
    assert _meta(soup, "property", "og:type") == ["article"]
    assert len(_meta(soup, "property", "article:published_time")) == 1


def test_card_is_a_png_of_the_open_graph_size() -> None:
    data = render_card(ARABIC)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "PNG"
        assert picture.size == (cards.WIDTH, cards.HEIGHT) == (1200, 630)
        # Ink on the page: the title is drawn, not a blank card.
        histogram = picture.convert("L").histogram()
        assert sum(histogram[:80]) > 5000


def test_arabic_is_shaped_not_drawn_as_isolated_letters() -> None:
    setter = Typesetter(60, bold=True)
    word = "ملفات"
    joined = setter.word(word).width
    isolated = sum(setter.word(letter).width for letter in word)
    # Joined forms are narrower than the same letters standing alone.
    assert joined < isolated * 0.9


class _Recorder:
    """Stands in for ImageDraw: records where each run of text is drawn."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, str, str | None]] = []

    def text(self, xy: tuple[float, float], text: str, **options: Any) -> None:
        self.runs.append((xy[0], text, options.get("direction")))


def _drawn(text: str, rtl: bool) -> list[tuple[float, str, str | None]]:
    setter = Typesetter(40)
    recorder = _Recorder()
    [line] = setter.lines(text, 5000, rtl)
    setter.draw_line(recorder, line, 1100 if rtl else 100, 100, rtl, (0, 0, 0))  # type: ignore[arg-type]
    return recorder.runs


def test_right_to_left_order_keeps_latin_and_numbers_left_to_right() -> None:
    runs = _drawn("أنشأ ترامب DOGE Department في 20 يناير", rtl=True)
    x = {text: left for left, text, _ in runs}
    # Arabic words run from right to left...
    assert x["أنشأ"] > x["ترامب"] > x["DOGE"] > x["في"] > x["20"] > x["يناير"]
    # ...but the Latin phrase inside reads left to right, and is drawn left to right.
    assert x["DOGE"] < x["Department"] < x["ترامب"]
    directions = {text: direction for _, text, direction in runs}
    assert directions["DOGE"] == "ltr" and directions["أنشأ"] == "rtl"


def test_quotes_inside_arabic_words_sit_on_the_reading_side() -> None:
    runs = _drawn("«مذكور»", rtl=True)
    # Two font files: the guillemets come from the Latin one, the letters from the Arabic one.
    assert [text for _, text, _ in sorted(runs)] == ["»", "مذكور", "«"]
    assert {direction for *_, direction in runs} == {"rtl"}


def test_left_to_right_card_orders_words_left_to_right() -> None:
    runs = _drawn("Musk wrote 5 June", rtl=False)
    assert [text for _, text, _ in sorted(runs)] == ["Musk", "wrote", "5", "June"]


def test_long_titles_are_cut_with_an_ellipsis() -> None:
    long = Card(**{**ARABIC.__dict__, "title": "كلمة " * 200})
    data = render_card(long)
    assert data.startswith(b"\x89PNG")


def test_cache_reuses_unchanged_cards_and_redraws_changed_ones(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "cards")
    first = cache.png(ARABIC)
    again = cache.png(ARABIC)
    assert first == again
    assert (cache.rendered, cache.reused) == (1, 1)
    changed = Card(**{**ARABIC.__dict__, "rating_label": "مضلل", "rating_step": 2})
    assert card_key(changed) != card_key(ARABIC)
    assert cache.png(changed) != first
    assert (cache.rendered, cache.reused) == (2, 1)
    stored = sorted(p.name for p in (tmp_path / "cards").iterdir())
    assert stored == sorted([".gitignore", f"{card_key(ARABIC)}.png", f"{card_key(changed)}.png"])


def test_cached_cards_are_readable_by_everyone(tmp_path: Path) -> None:
    """A web server or a sync to object storage reads the site as another user."""
    cache = CardCache(tmp_path / "cards")
    cache.write(ARABIC, tmp_path / "card.png")
    assert (tmp_path / "card.png").stat().st_mode & 0o777 == 0o644


def test_rendering_is_reproducible() -> None:
    assert render_card(ARABIC) == render_card(ARABIC)


def test_a_new_encoder_redraws_cached_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached cards written by another level or libdeflate would differ in bytes from a
    fresh build's (the pixels are the same): the encoder is part of the key."""
    before = card_key(ARABIC)
    monkeypatch.setattr(cards, "ENCODER_VERSION", cards.ENCODER_VERSION + "-changed")
    assert card_key(ARABIC) != before


def test_fonts_are_shipped_with_their_licence() -> None:
    for path in cards.FONT_FILES.values():
        assert path.is_file() and path.stat().st_size > 5000
    folder = next(iter(cards.FONT_FILES.values())).parent
    assert (folder / "OFL-IBMPlexSansArabic.txt").is_file()
    assert sorted(p.name for p in folder.glob("*.woff2")) == sorted(
        p.name for p in cards.FONT_FILES.values()
    )


BADGE_AR = (cards.WIDTH - cards.MARGIN - 10, 104 + 56 + 34)  # inside the badge, before its text
BADGE_EN = (cards.MARGIN + 10, 104 + 56 + 34)


def stylesheet_ramp() -> list[tuple[str, str]]:
    """(background, ink) of each step as publishing.css writes them, worst first."""
    text = cards.RAMP_CSS.read_text(encoding="utf-8")
    found = dict(re.findall(r"--bayyin-(step-\d+(?:-ink)?):\s*(#[0-9a-fA-F]{6})\s*;", text))
    return [(found[f"step-{n}"], found[f"step-{n}-ink"]) for n in range(1, RATING_STEPS + 1)]


def near(colour: tuple[int, int, int], wanted: tuple[int, ...], tolerance: int = 3) -> bool:
    """Equal but for the few units the PNG's palette may move a flat colour."""
    return all(abs(a - b) <= tolerance for a, b in zip(colour, wanted, strict=True))


def badge_colour(png: bytes, where: tuple[int, int]) -> tuple[int, int, int]:
    with Image.open(io.BytesIO(png)) as picture:
        return picture.convert("RGB").getpixel(where)  # type: ignore[return-value]


@pytest.mark.parametrize("step", range(1, RATING_STEPS + 1))
def test_rating_badge_has_its_step_colours_from_the_stylesheet(step: int) -> None:
    # The stylesheet's hex values, read here on their own (not through cards.rating_ramp).
    background, ink = (ImageColor.getrgb(c) for c in stylesheet_ramp()[step - 1])
    data = render_card(Card(**{**ARABIC.__dict__, "rating_step": step}))
    assert near(badge_colour(data, BADGE_AR), background)
    # The label's strokes: the badge's colour farthest from its background is the ink
    # (the palette may move it by a few units).
    x, y = BADGE_AR
    with Image.open(io.BytesIO(data)) as picture:
        badge = picture.convert("RGB").crop((x - 200, y - 20, x, y + 20))
        colours = [c for _, c in badge.getcolors(1 << 16) or []]
    farthest = max(
        colours, key=lambda c: sum(abs(a - b) for a, b in zip(c, background, strict=True))
    )
    assert near(farthest, ink, tolerance=12), (farthest, ink)


@pytest.mark.parametrize(("tone", "colour"), [("mixed", "#8a4b00"), ("neutral", "#37474f")])
def test_a_rating_outside_the_scale_keeps_its_tone_as_on_the_pages(tone: str, colour: str) -> None:
    # The colours of bayyin.css's --bayyin-mixed and --bayyin-neutral (Unproven, Explainer).
    css = (cards.FONTS.parent / "bayyin.css").read_text(encoding="utf-8")
    assert f"--bayyin-{tone}: {colour};" in css
    card = Card(**{**ARABIC.__dict__, "rating_step": None, "rating_tone": tone})
    assert near(badge_colour(render_card(card), BADGE_AR), ImageColor.getrgb(colour))


def test_misleading_and_inaccurate_cards_have_their_scale_colours(built_site: Path) -> None:
    # They share the 'false' tone; on the pages' ramp they are different steps.
    colours = {
        rating: badge_colour(
            page_file(built_site, f"en/ratings/{rating}/card.png").read_bytes(), BADGE_EN
        )
        for rating in ("misleading", "inaccurate", "unproven")
    }
    ramp = [ImageColor.getrgb(background) for background, _ in stylesheet_ramp()]
    assert colours["misleading"] != colours["inaccurate"]
    assert any(near(colours["misleading"], step) for step in ramp)
    assert any(near(colours["inaccurate"], step) for step in ramp)
    # Unproven is outside the scale: its tone's colour, as its badge on the pages.
    assert near(colours["unproven"], ImageColor.getrgb("#8a4b00"))


def test_draw_accepts_pillow_draw() -> None:
    image = Image.new("RGB", (400, 100), "white")
    setter = Typesetter(30)
    [line] = setter.lines("بيّن Bayyin", 400, True)
    setter.draw_line(ImageDraw.Draw(image), line, 390, 60, True, (0, 0, 0))
    ink = image.convert("L").point(lambda value: 255 if value < 128 else 0).getbbox()
    # Drawn from the right edge (390) leftwards.
    assert ink is not None and 370 < ink[2] <= 392 and ink[0] > 50


def test_cached_cards_are_linked_into_the_site_not_copied(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "cards")
    site = tmp_path / "site"
    site.mkdir()
    cache.write(ARABIC, site / "first.png")
    cache.write(ARABIC, site / "second.png")
    stored = tmp_path / "cards" / f"{card_key(ARABIC)}.png"
    assert (site / "second.png").read_bytes() == render_card(ARABIC)
    assert (site / "first.png").stat().st_ino == stored.stat().st_ino
    assert (site / "second.png").stat().st_ino == stored.stat().st_ino
    assert (cache.rendered, cache.reused) == (1, 1)


def test_without_a_cache_cards_are_written_out(tmp_path: Path) -> None:
    cache = CardCache(None)
    cache.write(ARABIC, tmp_path / "card.png")
    assert (tmp_path / "card.png").read_bytes() == render_card(ARABIC)
    assert (tmp_path / "card.png").stat().st_nlink == 1
