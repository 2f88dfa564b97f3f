"""tools/unchanged_in_bucket.py: files the bucket holds byte for byte are dated back, so that
`aws s3 sync` sends only the others (deploy-object-storage.yml)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "unchanged_in_bucket.py"
OLD = 946_684_800


def _run(site: Path, listing: str) -> str:
    # As the workflow runs it: isolated, without site-packages (standard library only).
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(TOOL), str(site)],
        input=listing,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_only_files_the_bucket_holds_as_built_are_dated_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    files = {
        "index.html": b"same",
        "en/claims/x/index.html": b"same too",
        "sitemap.xml": b"changed",
        "feed.xml": b"sent in parts",
        "new.html": b"not in the bucket",
    }
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)

    def etag(data: bytes) -> str:
        return '"' + hashlib.md5(data, usedforsecurity=False).hexdigest() + '"'

    listing = {
        "Contents": [
            {"Key": "index.html", "ETag": etag(b"same")},
            {"Key": "en/claims/x/index.html", "ETag": etag(b"same too")},
            {"Key": "sitemap.xml", "ETag": etag(b"before")},
            {"Key": "feed.xml", "ETag": '"' + hashlib.md5(b"x").hexdigest() + '-2"'},
            {"Key": "gone.html", "ETag": etag(b"gone")},
        ]
    }
    out = _run(site, json.dumps(listing))
    assert "2 of 5 files" in out
    dated = {name for name in files if (site / name).stat().st_mtime == OLD}
    assert dated == {"index.html", "en/claims/x/index.html"}


def test_an_empty_bucket_dates_back_nothing(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("page")
    # The CLI prints nothing for an empty bucket, or an object without Contents.
    assert "0 of 1 files" in _run(tmp_path, "")
    assert "0 of 1 files" in _run(tmp_path, '{"RequestCharged": null}')
    assert (tmp_path / "index.html").stat().st_mtime != OLD
