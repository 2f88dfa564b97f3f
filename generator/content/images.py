"""Evidence images: checked when content is validated, resized and optimised at build.

Claims name files kept in `content/images/` (never links to other sites). A file that is
missing, too large or not a decodable image is an editor's error with its line; at build each
image is scaled down to `MAX_WIDTH` and written once, as WebP, under `images/` at the site
root, where the pages of every language link to it with its width and height.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.content.kinds import Content
from generator.content.model import IMAGE_FOLDER

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000
MAX_WIDTH = 1200
OUTPUT_FOLDER = "images"
WEBP_QUALITY = 82
# Pillow refuses larger images itself (a decompression bomb); MAX_SIDE is far below it.
_FORMATS = {"PNG", "JPEG", "WEBP"}


@dataclass(frozen=True)
class ImagePlan:
    """What the build writes for one source image, and what a page needs to show it."""

    source: Path
    name: str  # the file's path under the site root: "images/musk-post-1a2b3c4d.webp"
    width: int
    height: int


def image_path(content_root: Path, file: str) -> Path:
    """Where the file a claim names is kept."""
    return content_root / IMAGE_FOLDER / file


def image_problem(path: Path) -> str | None:
    """Why the image at `path` cannot be used, in an editor's words, or None."""
    shown = f"content/{IMAGE_FOLDER}/{path.name}"
    if path.is_symlink():
        return f"{shown} is a symbolic link; put the image file itself there"
    if not path.is_file():
        return f"{shown} does not exist; save the image there (names are case-sensitive)"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (
            f"{shown} is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} "
            "MB (save it smaller, or as .jpg or .webp)"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                width, height = image.size
                if kind not in _FORMATS:
                    return f"{shown} is a {kind} image; use PNG, JPEG or WebP"
                if width > MAX_SIDE or height > MAX_SIDE:
                    return (
                        f"{shown} is {width}×{height} pixels; the limit is {MAX_SIDE} pixels "
                        "a side (crop or scale it down)"
                    )
                image.load()  # decodes every pixel: a truncated file fails here
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"{shown} is not an image that can be read (PNG, JPEG or WebP)"
    except (OSError, SyntaxError, ValueError):
        return f"{shown} is damaged or truncated and cannot be read; save it again"
    return None


def plan_image(content_root: Path, file: str) -> ImagePlan:
    """The output name and size of one checked image (reads only its header)."""
    source = image_path(content_root, file)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
    with Image.open(source) as image:
        width, height = _upright_size(image)
    if width > MAX_WIDTH:
        height = max(1, round(height * MAX_WIDTH / width))
        width = MAX_WIDTH
    stem = file.rsplit(".", 1)[0]
    return ImagePlan(source, f"{OUTPUT_FOLDER}/{stem}-{digest}.webp", width, height)


def write_image(plan: ImagePlan, site_dir: Path) -> Path:
    """Write the resized, optimised copy of one image under `site_dir` (once: the name
    carries the source's hash, so an existing file is already right)."""
    target = site_dir / plan.name
    if target.is_file():
        return target
    with Image.open(plan.source) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        if image.size != (plan.width, plan.height):
            image = image.resize((plan.width, plan.height), Image.Resampling.LANCZOS)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        image.save(partial, "WEBP", quality=WEBP_QUALITY, method=6)
    partial.replace(target)
    return target


def _upright_size(image: Image.Image) -> tuple[int, int]:
    # A photo's EXIF orientation 5-8 turns it a quarter: width and height swap on screen.
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def published_images(content: Content) -> list[str]:
    """The image files that published claims show, each once, in a stable order."""
    files = {
        image.file: None
        for claim in sorted(content.claims.values(), key=lambda c: c.id)
        if claim.status == "published"
        for image in claim.images
    }
    return list(files)


def write_images(content: Content, site_dir: Path) -> list[Path]:
    """Write every image that a published claim shows under `site_dir` (the site root)."""
    return [
        write_image(plan_image(content.root, file), site_dir) for file in published_images(content)
    ]
