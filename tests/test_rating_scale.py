"""The rating scale's colours: distinct in hue and lightness, for colour-blind readers too.

The ramp's colours are read from the stylesheet itself (publishing.css), so a changed colour
is checked before it ships. Lightness is CIELAB L* (D65); colour-blind vision is simulated
with the matrices of Machado, Oliveira and Fernandes (2009) at full severity, applied to
linear RGB; colours are told apart by their CIELAB distance (ΔE*76).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from built_pages import LANGUAGES, content, language_root, page_file, parse

from generator.content.model import Scale
from generator.pages.render import RATING_STEPS, rating_step

CSS = Path(__file__).resolve().parent.parent / "theme/assets/bayyin/publishing.css"
# Adjacent steps must differ at least this much in lightness (of 100).
MIN_LIGHTNESS_STEP = 10.0
# Any two steps, seen with any of the simulated deficiencies, at least this far apart.
MIN_DISTANCE = 15.0
# WCAG AA for the badge's small bold text.
MIN_CONTRAST = 4.5

MACHADO = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
Linear = tuple[float, float, float]


def ramp() -> list[tuple[str, str]]:
    """(background, ink) of each step, worst first, as the stylesheet declares them."""
    text = CSS.read_text(encoding="utf-8")
    found = dict(re.findall(r"--bayyin-(step-\d+(?:-ink)?):\s*(#[0-9a-fA-F]{6})\s*;", text))
    return [(found[f"step-{n}"], found[f"step-{n}-ink"]) for n in range(1, RATING_STEPS + 1)]


def linear(hex_colour: str) -> Linear:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return channel(r), channel(g), channel(b)


def simulate(rgb: Linear, deficiency: str | None) -> Linear:
    if deficiency is None:
        return rgb
    m = MACHADO[deficiency]
    r, g, b = (
        min(1.0, max(0.0, m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2])) for i in range(3)
    )
    return r, g, b


def lab(rgb: Linear) -> Linear:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: Linear, b: Linear) -> float:
    return float(sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5)


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b = linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_stylesheet_declares_every_step() -> None:
    assert len(ramp()) == RATING_STEPS
    for step in range(1, RATING_STEPS + 1):
        assert f'.bayyin-rating[data-step="{step}"]' in CSS.read_text(encoding="utf-8")


def test_adjacent_steps_differ_in_lightness() -> None:
    lightness = [lab(linear(background))[0] for background, _ in ramp()]
    for worse, better in itertools.pairwise(lightness):
        assert abs(worse - better) >= MIN_LIGHTNESS_STEP, lightness


@pytest.mark.parametrize("deficiency", [None, *MACHADO])
def test_every_two_steps_stay_apart(deficiency: str | None) -> None:
    seen = [lab(simulate(linear(background), deficiency)) for background, _ in ramp()]
    for (i, a), (j, b) in itertools.combinations(enumerate(seen, start=1), 2):
        assert distance(a, b) >= MIN_DISTANCE, (deficiency, i, j, distance(a, b))


def test_every_label_reads_on_its_step() -> None:
    for background, ink in ramp():
        assert contrast(background, ink) >= MIN_CONTRAST, (background, ink)


def test_the_checks_can_tell_a_red_from_a_green_only_by_hue() -> None:
    # The check itself must fail on the classic mistake: a red and a green of one lightness.
    red, green = (
        lab(simulate(linear("#b71c1c"), "deuteranopia")),
        lab(simulate(linear("#1b7e20"), "deuteranopia")),
    )
    assert distance(red, green) < MIN_DISTANCE


def test_each_place_on_the_scale_gets_its_own_step() -> None:
    scale = Scale(worst=1, best=5)
    assert [rating_step(v, scale) for v in (1, 2, 3, 4, 5)] == [1, 2, 3, 4, 5]
    assert rating_step(None, scale) is None  # an explainer stays neutral
    # A longer scale still runs from the first step to the last.
    wide = Scale(worst=0, best=10)
    assert rating_step(0, wide) == 1 and rating_step(10, wide) == RATING_STEPS
    assert rating_step(5, wide) == 3


def test_the_seed_ratings_get_distinct_steps() -> None:
    data = content()
    assert data.ratings is not None
    steps = {
        r.id: rating_step(r.value, data.ratings.scale)
        for r in data.ratings.ratings
        if r.value is not None
    }
    values = {r.id: r.value for r in data.ratings.ratings if r.value is not None}
    for a, b in itertools.combinations(steps, 2):
        if values[a] != values[b]:
            assert steps[a] != steps[b], (a, b)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ratings_page_explains_each_rating(built_site: Path, lang: str) -> None:
    data = content()
    assert data.ratings is not None
    root = language_root(lang)
    soup = parse(built_site, f"{root}ratings/")
    claims = [c for c in data.claims.values() if c.status == "published"]
    rated = [r for r in data.ratings.ratings if r.value is not None]
    listed = soup.select("ol.bayyin-scale > li")
    # Best first, in the order of their place on the scale.
    assert [li["id"] for li in listed] == [
        f"rating-{r.id}" for r in sorted(rated, key=lambda r: -(r.value or 0))
    ]
    for rating in data.ratings.ratings:
        item = soup.select_one(f"#rating-{rating.id}")
        assert item is not None, rating.id
        assert rating.definition[lang].split()[0] in item.get_text(), rating.id
        badge = item.select_one(".bayyin-rating")
        assert badge is not None and badge.get_text() == rating.label[lang]
        expected_step = rating_step(rating.value, data.ratings.scale)
        assert badge.get("data-step") == (str(expected_step) if expected_step else None)
        if rating.value is not None:
            assert f"{rating.value}" in item.select_one(".bayyin-scale__place").get_text()
        link = item.select("a")[-1]
        count = sum(1 for c in claims if c.rating == rating.id)
        assert link["href"] == f"{rating.id}/"
        assert str(count) in link.get_text()
        assert page_file(built_site, f"{root}ratings/{rating.id}/").is_file()
