"""Source addresses shown as readable text: host and decoded, shortened path."""

from __future__ import annotations

import pytest

from generator.pages.addresses import MAX_PATH, readable_url
from generator.pages.render import readable_address

ARABIC_SLUG = (
    "https://www.aljazeera.net/news/2025/6/5/"
    "%D8%B9%D8%A7%D8%AC%D9%84-%D8%A5%D9%8A%D9%84%D9%88%D9%86-%D9%85%D8%A7%D8%B3%D9%83"
)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://aawsat.com/node/5151668", "aawsat.com/node/5151668"),
        ("https://www.albayan.ae/economy/money/998570", "albayan.ae/economy/money/998570"),
        ("https://example.org/", "example.org"),
        ("https://example.org", "example.org"),
        # Arabic decoded, not drawn as %D8%B9...
        ("https://example.org/%D8%B9%D8%A7%D8%AC%D9%84", "example.org/عاجل"),
        # Query and fragment are left out, with a mark that there was more.
        ("https://shorouknews.com/news/view.aspx?id=13c6", "shorouknews.com/news/view.aspx?…"),
        ("https://example.org/a#part", "example.org/a?…"),
        (ARABIC_SLUG, "aljazeera.net/news/2025/6/5/عاجل-إيلون-ماسك"),
        # A long path keeps the segments at its end that fit.
        (
            ARABIC_SLUG.replace("/news/", "/news/politics/world/americas/"),
            "aljazeera.net/…/world/americas/2025/6/5/عاجل-إيلون-ماسك",
        ),
        # Characters that would make the label lie stay encoded: a right-to-left override,
        # an encoded slash, a space, invalid UTF-8.
        ("https://example.org/a%E2%80%AEb", "example.org/a%E2%80%AEb"),
        ("https://example.org/a%2Fb", "example.org/a%2Fb"),
        ("https://example.org/a%20b", "example.org/a%20b"),
        ("https://example.org/%FF", "example.org/%FF"),
    ],
)
def test_readable_url(url: str, shown: str) -> None:
    assert readable_url(url) == shown


def test_a_long_last_segment_is_cut_with_an_ellipsis() -> None:
    slug = "white-house-to-withdraw-isaacman-nomination-to-lead-nasa"
    shown = readable_url(f"https://7inch.org.uk/{slug}")
    assert shown.startswith("7inch.org.uk/white-house-to-withdraw")
    assert shown.endswith("…")
    assert len(shown) <= len("7inch.org.uk/") + MAX_PATH
    assert slug.startswith(shown.removeprefix("7inch.org.uk/").removesuffix("…"))


def test_a_long_path_with_many_segments_keeps_host_and_last_segment() -> None:
    shown = readable_url("https://www.example.org/" + "/".join(["section"] * 10) + "/story-42")
    # As many whole segments as fit, from the end.
    assert shown == "example.org/…/section/section/section/section/story-42"


def test_an_idn_host_is_shown_in_its_own_script() -> None:
    assert readable_url("https://xn--mgbh0fb.xn--kgbechtv/") == "مثال.إختبار"


def test_the_address_as_html_isolates_each_part_and_escapes_it() -> None:
    assert readable_address("https://www.i24news.tv/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/x?p=1") == (
        "<bdi>i24news.tv</bdi>/<bdi>ar</bdi>/<bdi>أخبار</bdi>/<bdi>x</bdi>?…"
    )
    assert "<script>" not in readable_address("https://example.org/%3Cscript%3E")


def test_a_short_last_segment_keeps_the_start_of_the_slug_before_it() -> None:
    url = (
        "https://www.lbcgroup.tv/news/world-news/858493/"
        "trump-and-musk-to-speak-friday-after-alliance-descends-into-public-feu/en"
    )
    assert readable_url(url) == "lbcgroup.tv/…/trump-and-musk-to-speak-friday…/en"
