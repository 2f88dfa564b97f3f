"""Full-page screenshots for people to look at (test-artifacts/screenshots/, gitignored)."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import DESKTOP, MOBILE, Visit
from catalogue import LANGUAGES, claim_path, richest_claim

VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_claim_page_screenshot(
    visit_with: Callable[..., Visit], artifacts: Path, lang: str, device: str
) -> None:
    viewport = VIEWPORTS[device]
    visit = visit_with(viewport=viewport)
    page = visit.open(claim_path(richest_claim(), lang))
    page.evaluate("document.fonts.ready.then(() => true)")
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    shot = folder / f"claim-{lang}-{device}.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = png_size(shot)
    assert width == viewport["width"], f"{shot.name}: the page is wider than the screen"
    assert height >= viewport["height"]
    fonts = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family + ' ' + f.weight + ' ' + f.unicodeRange)"
    )
    # One family draws both scripts: its Arabic and its Latin files are both in use.
    plex = [font for font in fonts if "IBM Plex Sans Arabic" in font]
    assert any("U+600-" in font.upper() for font in plex), f"Arabic font not used: {fonts}"
    assert any("U+20-7E" in font.upper() for font in plex), f"Latin font not used: {fonts}"
    assert visit.traffic.problems() == []
