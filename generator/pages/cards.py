"""Social card images (1200×630 PNG) for Open Graph and Twitter, drawn with Pillow.

Arabic needs shaping (joined letter forms, lam-alef) and right-to-left order: Pillow does
both through libraqm. The site's family, IBM Plex Sans Arabic, ships as one WOFF2 file per
script, so each word is split into runs drawn with its Arabic or its Latin file (FreeType
reads them), and words are ordered with a small bidi pass that is enough for headlines:
Latin names and numbers inside Arabic text keep their left-to-right order.

Rendering takes tens of milliseconds a card, so `CardCache` keeps every PNG under a key made
of what the card shows, the fonts, this renderer's version and the PNG encoder's: unchanged
pages are copied.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import tempfile
import unicodedata
import zlib
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import deflate
from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes, so cached cards are redrawn.
RENDERER_VERSION = "5"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# libdeflate's levels go to 12. A card's encoding, on 40 cards (benchmarks/README.md): level
# 10 12.2 KB in 21 ms, 11 11.7 KB in 49 ms, 12 11.4 KB in 104 ms; Pillow's optimize=True, the
# encoder before, 14.7 KB in 49 ms. Level 11 is the smallest at no more time than before.
DEFLATE_LEVEL = 11
# What writes the bytes, in the cache key: a change of level or of libdeflate redraws the
# cached cards, so a build with a cache writes the bytes a build without one would.
ENCODER_VERSION = f"png-libdeflate-{deflate.__version__}-{DEFLATE_LEVEL}"
FONTS = Path(__file__).resolve().parents[2] / "theme" / "assets" / "bayyin" / "fonts"
FONT_FILES = {
    ("arabic", False): FONTS / "ibm-plex-sans-arabic-arabic-400-normal.woff2",
    ("arabic", True): FONTS / "ibm-plex-sans-arabic-arabic-700-normal.woff2",
    ("latin", False): FONTS / "ibm-plex-sans-arabic-latin-400-normal.woff2",
    ("latin", True): FONTS / "ibm-plex-sans-arabic-latin-700-normal.woff2",
}
# Both scripts come from one family, drawn to the same size.
LATIN_SCALE = 1.0
RGB = tuple[int, int, int]
INK = (26, 26, 46)
MUTED = (84, 88, 104)
PAPER = (255, 255, 255)
BAND = (63, 81, 181)  # Material's indigo, the site's primary colour
# A rating outside the scale keeps its tone's colour, as bayyin.css's .bayyin-rating--<tone>.
TONES = {
    "true": (27, 94, 32),
    "mixed": (138, 75, 0),
    "false": (183, 28, 28),
    "neutral": (55, 71, 79),
}
# The rating scale's colours, read from the stylesheet that colours the pages' badges.
RAMP_CSS = FONTS.parent / "publishing.css"
_RAMP_ENTRY = re.compile(r"--bayyin-step-(\d+)(-ink)?:\s*#([0-9a-fA-F]{6})\s*;")
MARGIN = 72
_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_JOINERS = {"\u200c", "\u200d"}


@dataclass(frozen=True)
class Card:
    """What one card shows. `lang` decides the direction and the reading side."""

    lang: str
    title: str
    site_name: str
    address: str  # the site's address, shown small: "bayyin.github.io/bayyin"
    kicker: str = ""
    byline: str = ""
    rating_label: str = ""
    rating_step: int | None = None  # the place on the colour ramp (render.rating_step)
    rating_tone: str = ""  # the colour of a rating outside the scale

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"


@cache
def rating_ramp() -> dict[int, tuple[RGB, RGB]]:
    """(background, ink) of each step of the rating scale, as publishing.css declares them,
    so a card's badge has its page badge's colours."""
    ramp: dict[int, dict[bool, RGB]] = {}
    for step, ink, value in _RAMP_ENTRY.findall(RAMP_CSS.read_text(encoding="utf-8")):
        colour = (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
        ramp.setdefault(int(step), {})[bool(ink)] = colour
    return {step: (pair[False], pair[True]) for step, pair in ramp.items() if len(pair) == 2}


# --- text layout --------------------------------------------------------------------


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _ARABIC_RANGES)


@dataclass(frozen=True)
class Segment:
    """A run of one word drawn with one font."""

    text: str
    script: str  # "arabic" or "latin"


@dataclass
class Word:
    text: str
    segments: list[Segment]
    direction: str  # "rtl", "ltr" or "" (numbers and punctuation: taken from neighbours)
    width: float = 0.0
    widths: list[float] = field(default_factory=list)


def _segments(word: str) -> list[Segment]:
    segments: list[Segment] = []
    for char in word:
        if _is_arabic(char):
            script = "arabic"
        elif char in _JOINERS or unicodedata.category(char) == "Mn":
            # Marks and joiners belong to the run they sit in.
            script = segments[-1].script if segments else "latin"
        else:
            script = "latin"
        if segments and segments[-1].script == script:
            segments[-1] = Segment(segments[-1].text + char, script)
        else:
            segments.append(Segment(char, script))
    return segments


def _direction(word: str) -> str:
    for char in word:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""


class Typesetter:
    """Lays out and draws paragraphs in one size and weight."""

    def __init__(self, size: int, *, bold: bool = False) -> None:
        self.size = size
        self.fonts = {
            script: _font(script, bold, round(size * (LATIN_SCALE if script == "latin" else 1)))
            for script in ("arabic", "latin")
        }

    def word(self, text: str) -> Word:
        word = Word(text, _segments(text), _direction(text))
        direction = word.direction or "ltr"
        word.widths = [
            self.fonts[s.script].getlength(s.text, direction=direction) for s in word.segments
        ]
        word.width = sum(word.widths)
        return word

    def space(self, rtl: bool) -> float:
        # The Arabic WOFF2 is a subset without a space glyph: its "space" is the notdef
        # box. The Latin file's space, at the full size, is the right width for both scripts.
        return self.fonts["latin"].getlength(" ") / LATIN_SCALE

    def fitted_word(self, text: str, width: float) -> Word:
        """The word `text`, or as much of its start as fits `width` with an ellipsis."""
        word = self.word(text)
        if word.width <= width:
            return word
        low, high = 0, len(text) - 1  # the longest start that fits is in [low, high]
        while low < high:
            middle = (low + high + 1) // 2
            if self.word(text[:middle] + "…").width <= width:
                low = middle
            else:
                high = middle - 1
        return self.word(text[:low] + "…")

    def lines(self, text: str, width: float, rtl: bool) -> list[list[Word]]:
        """Break `text` into lines no wider than `width` (a word wider than a line gets one
        of its own, cut with an ellipsis)."""
        lines: list[list[Word]] = [[]]
        used = 0.0
        space = self.space(rtl)
        for token in text.split():
            word = self.fitted_word(token, width)
            extra = word.width + (space if lines[-1] else 0)
            if lines[-1] and used + extra > width:
                lines.append([word])
                used = word.width
            else:
                lines[-1].append(word)
                used += extra
        return [line for line in lines if line]

    def line_width(self, line: list[Word], rtl: bool) -> float:
        return sum(w.width for w in line) + self.space(rtl) * (len(line) - 1)

    def draw_line(
        self,
        draw: ImageDraw.ImageDraw,
        line: list[Word],
        start: float,
        baseline: float,
        rtl: bool,
        fill: tuple[int, int, int],
    ) -> None:
        """Draw `line` from `start` (the right edge in RTL, the left edge in LTR)."""
        base = "rtl" if rtl else "ltr"
        directions = _resolve([w.direction for w in line], base)
        space = self.space(rtl)
        # Runs of words in one direction; the paragraph direction orders the runs.
        runs: list[tuple[str, list[Word]]] = []
        for word, direction in zip(line, directions, strict=True):
            if runs and runs[-1][0] == direction:
                runs[-1][1].append(word)
            else:
                runs.append((direction, [word]))
        cursor = start
        for direction, words in runs:
            run_width = sum(w.width for w in words) + space * (len(words) - 1)
            left = cursor - run_width if rtl else cursor
            order = words if direction == "ltr" else list(reversed(words))
            x = left
            for word in order:
                self.draw_word(draw, word, x, baseline, direction, fill)
                x += word.width + space
            cursor = cursor - run_width - space if rtl else cursor + run_width + space

    def draw_word(
        self,
        draw: ImageDraw.ImageDraw,
        word: Word,
        left: float,
        baseline: float,
        direction: str,
        fill: tuple[int, int, int],
    ) -> None:
        pieces = list(zip(word.segments, word.widths, strict=True))
        if direction == "rtl":
            pieces.reverse()
        x = left
        for segment, width in pieces:
            draw.text(
                (x, baseline),
                segment.text,
                font=self.fonts[segment.script],
                fill=fill,
                anchor="ls",
                direction=direction,
            )
            x += width


def _resolve(directions: list[str], base: str) -> list[str]:
    """Give each neutral word (numbers, punctuation) a direction, as the bidi rules would:
    the direction of its neighbours when they agree, else the paragraph's."""
    resolved = list(directions)
    for index, direction in enumerate(directions):
        if direction:
            continue
        before = next((d for d in reversed(directions[:index]) if d), base)
        after = next((d for d in directions[index + 1 :] if d), base)
        resolved[index] = before if before == after else base
    return resolved


@cache
def _font(script: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[(script, bold)]), size)


# --- the card -------------------------------------------------------------------------


def _leading(size: int, rtl: bool) -> int:
    # Arabic has tall ascenders and deep descenders: Arabic lines need more room.
    return round(size * (1.5 if rtl else 1.25))


def _fit_title(
    title: str, width: float, height: float, rtl: bool
) -> tuple[Typesetter, list[list[Word]]]:
    """The largest title size whose lines fit; at the smallest, cut with an ellipsis."""
    for size in range(68, 39, -4):
        setter = Typesetter(size, bold=True)
        lines = setter.lines(title, width, rtl)
        if len(lines) * _leading(size, rtl) <= height:
            return setter, lines
    max_lines = max(1, int(height // _leading(setter.size, rtl)))
    lines = lines[:max_lines]
    last = lines[-1]
    while last and setter.line_width(last + [setter.word("…")], rtl) > width:
        last.pop()
    lines[-1] = [*last, setter.word("…")]
    return setter, lines


def render_card(card: Card) -> bytes:
    """Draw `card` and return the PNG bytes."""
    return encode_png(draw_card(card))


def draw_card(card: Card) -> Image.Image:
    """Draw `card` as a palette image of at most 16 colours."""
    if not features.check("raqm"):
        raise RuntimeError("Pillow was built without libraqm: Arabic cannot be shaped")
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    rtl = card.rtl
    inner = WIDTH - 2 * MARGIN
    start = WIDTH - MARGIN if rtl else MARGIN
    end = MARGIN if rtl else WIDTH - MARGIN

    # The band: site name on the reading side, the kind of page on the other.
    band = 104
    draw.rectangle((0, 0, WIDTH, band), fill=BAND)
    brand = Typesetter(44, bold=True)
    for line in brand.lines(card.site_name, inner / 2, rtl)[:1]:
        brand.draw_line(draw, line, start, 70, rtl, PAPER)
    if card.kicker:
        kicker = Typesetter(34)
        for line in kicker.lines(card.kicker, inner / 2, rtl)[:1]:
            width = kicker.line_width(line, rtl)
            kicker.draw_line(draw, line, end + width if rtl else end - width, 68, rtl, PAPER)

    y = band + 56
    if card.rating_label:
        badge = Typesetter(38, bold=True)
        line = badge.lines(card.rating_label, inner - 60, rtl)[0]
        width = badge.line_width(line, rtl) + 56
        left = start - width if rtl else start
        # A rating outside the scale (unproven, an explainer) keeps its tone, as on the pages.
        fill, ink = rating_ramp().get(
            card.rating_step or 0, (TONES.get(card.rating_tone, MUTED), PAPER)
        )
        draw.rounded_rectangle((left, y, left + width, y + 68), radius=34, fill=fill)
        badge.draw_line(draw, line, start - 28 if rtl else start + 28, y + 47, rtl, ink)
        y += 68 + 36

    footer = HEIGHT - 56
    setter, lines = _fit_title(card.title, inner, footer - 60 - y, rtl)
    leading = _leading(setter.size, rtl)
    # The first baseline sits one ascent below the top; the rest follow at the leading.
    baseline = y + setter.size * (1.05 if rtl else 0.95)
    for line in lines:
        setter.draw_line(draw, line, start, baseline, rtl, INK)
        baseline += leading

    small = Typesetter(30)
    if card.byline:
        for line in small.lines(card.byline, inner * 0.6, rtl)[:1]:
            small.draw_line(draw, line, start, footer, rtl, MUTED)
    address = Typesetter(28)
    line = address.lines(card.address, inner * 0.4, False)[0]
    width = address.line_width(line, False)
    address.draw_line(draw, line, end if rtl else end - width, footer, False, MUTED)
    draw.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=BAND)

    # A card has a few flat colours and anti-aliased text: 16 palette entries keep the Arabic
    # smooth (12 or 8 leave light specks around the badge's letters and jagged edges in the
    # band; benchmarks/README.md). Measured on an Arabic card: RGB PNG 47 KB, 64 colours 18 KB,
    # 16 colours 13 KB with Pillow's optimize=True (WebP lossless 18 KB, lossy 25 KB; JPEG
    # 67 KB, and blurred edges).
    return image.quantize(16, method=Image.Quantize.FASTOCTREE)


def encode_png(image: Image.Image) -> bytes:
    """`image`, a palette image, as a PNG whose one IDAT chunk libdeflate compressed.

    Lossless: the palette and every pixel's index are written as they are. On 40 cards of
    distinct titles (benchmarks/README.md) it is a fifth smaller than Pillow's
    `optimize=True`, in about the time Pillow takes. libdeflate (the `deflate` package) is
    single-threaded C: unlike oxipng's thread pool, it keeps working in a process forked
    after it ran, as the build's one process per language is.
    """
    if image.mode != "P":
        raise ValueError(f"a palette image is needed, not mode {image.mode}")
    palette = bytes(image.getpalette() or [])
    colours = len(palette) // 3
    # The fewest bits a pixel that hold every palette index: 4 for a card's 16 colours.
    bits = next(b for b in (1, 2, 4, 8) if colours <= 1 << b)
    packed = image.tobytes("raw", "P" if bits == 8 else f"P;{bits}")
    stride = (image.width * bits + 7) // 8
    # Each row starts with its filter type: 0, none. The rows of a palette image of text
    # compress best unfiltered (Pillow's adaptive filters, Sub and Up all come out larger).
    rows = b"".join(b"\0" + packed[at : at + stride] for at in range(0, len(packed), stride))
    header = struct.pack(">IIBBBBB", image.width, image.height, bits, 3, 0, 0, 0)
    chunks = [(b"IHDR", header), (b"PLTE", palette)]
    transparency = image.info.get("transparency")
    if isinstance(transparency, int):  # one fully transparent index
        chunks.append((b"tRNS", b"\xff" * transparency + b"\0"))
    elif isinstance(transparency, bytes):  # an alpha value per index
        chunks.append((b"tRNS", transparency))
    chunks += [(b"IDAT", bytes(deflate.zlib_compress(rows, DEFLATE_LEVEL))), (b"IEND", b"")]
    return PNG_SIGNATURE + b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in chunks
    )


# --- cache ----------------------------------------------------------------------------


@cache
def _fonts_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(FONT_FILES.values()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def card_key(card: Card) -> str:
    """A name for the card's image that changes whenever its pixels or bytes could change."""
    payload = json.dumps(
        {
            "card": asdict(card),
            "renderer": RENDERER_VERSION,
            "encoder": ENCODER_VERSION,
            "fonts": _fonts_digest(),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass
class CardCache:
    """PNG files by `card_key`; `None` as the folder turns caching off."""

    folder: Path | None
    rendered: int = 0
    reused: int = 0

    def write(self, card: Card, target: Path) -> None:
        """Write the card's image to `target`: a hard link to the cached file when it can
        (one system call instead of reading and writing the bytes), else a copy."""
        # A link is replaced, never written through: that would change the cached file.
        target.unlink(missing_ok=True)
        if self.folder is not None:
            stored = self._stored(card, self.folder)
            try:
                os.link(stored, target)
                return
            except OSError:  # another file system, or one without hard links
                target.write_bytes(stored.read_bytes())
                return
        target.write_bytes(self.png(card))

    def png(self, card: Card) -> bytes:
        if self.folder is None:
            self.rendered += 1
            return render_card(card)
        return self._stored(card, self.folder).read_bytes()

    def _stored(self, card: Card, folder: Path) -> Path:
        """The cached file of the card's image, drawn and stored first if needed."""
        path = folder / f"{card_key(card)}.png"
        if path.is_file():
            self.reused += 1
            return path
        data = render_card(card)
        self.rendered += 1
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Rendered social cards, safe to delete.\n*\n", encoding="utf-8")
        # Write then rename: two builds running at once never read half a file.
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file readable by its owner only; the site's copies are links to it,
        # and a web server or a sync to object storage reads them as another user.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        return path
