"""The size of the built site as GitHub Pages receives it, against Pages' 1 GB limit.

The deploy workflow uploads `site/` as a tar archive made with `--hard-dereference`: every
file counts in full (hard-linked cards too), in 512-byte blocks, plus a 512-byte header each.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# "Published GitHub Pages sites may be no larger than 1 GB" (GitHub's Pages limits).
PAGES_LIMIT = 1_000_000_000
WARN_FROM = 0.8
_BLOCK = 512


@dataclass(frozen=True)
class SiteSize:
    files: int
    bytes: int  # the files' own sizes
    artifact_bytes: int  # as the tar archive carries them
    largest_page: str  # the largest HTML file, relative to the site
    largest_page_bytes: int


def measure(site_dir: Path) -> SiteSize:
    """Count every file under `site_dir`."""
    files = total = artifact = 0
    largest, largest_bytes = "", 0
    for folder, _, names in os.walk(site_dir):
        for name in names:
            path = Path(folder, name)
            size = path.stat().st_size
            files += 1
            total += size
            artifact += _BLOCK + -(-size // _BLOCK) * _BLOCK
            if name.endswith(".html") and size > largest_bytes:
                largest, largest_bytes = path.relative_to(site_dir).as_posix(), size
    return SiteSize(files, total, artifact, largest, largest_bytes)


def size_report(size: SiteSize, site_name: str) -> list[str]:
    """The lines the build prints: the size, and a warning from 80 % of Pages' limit."""
    share = size.artifact_bytes / PAGES_LIMIT
    lines = [
        f"{site_name}/: {size.artifact_bytes / 1e6:.1f} MB in {size.files} files "
        f"({share:.0%} of GitHub Pages' 1 GB limit); largest page {size.largest_page} "
        f"({size.largest_page_bytes / 1000:.0f} KB)"
    ]
    if share >= WARN_FROM:
        lines.append(
            f"{site_name}/: warning: the site is {share:.0%} of GitHub Pages' 1 GB limit; "
            "a larger site cannot be published there: set claim_cards in content/site.yaml "
            "(share cards for the newest claims only), or publish it to object storage "
            "(README.md: beyond GitHub Pages' size limit)"
        )
    return lines
