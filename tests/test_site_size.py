"""The build prints the site's size as the Pages artifact carries it and warns from 80 %."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import site_size
from generator.site.site_size import SiteSize, measure, size_report


def test_every_file_counts_in_tar_blocks(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"x" * 1000)
    (tmp_path / "card.png").write_bytes(b"y" * 10)
    (tmp_path / ".nojekyll").write_bytes(b"")
    size = measure(tmp_path)
    assert size.files == 3
    assert size.bytes == 1010
    # a header and two blocks, a header and one block, a header only
    assert size.artifact_bytes == (512 + 2 * 512) + (512 + 512) + 512
    assert (size.largest_page, size.largest_page_bytes) == ("a/index.html", 1000)


@pytest.mark.parametrize(("used", "warned"), [(0.79, False), (0.8, True), (1.2, True)])
def test_a_warning_from_80_percent(used: float, warned: bool) -> None:
    size = SiteSize(10, 0, int(site_size.PAGES_LIMIT * used), "index.html", 2000)
    lines = size_report(size, "site")
    assert lines[0].startswith("site/: ")
    assert "largest page index.html (2 KB)" in lines[0]
    assert any("site/: warning: " in line for line in lines) == warned
