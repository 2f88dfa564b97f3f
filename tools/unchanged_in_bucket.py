"""Before `aws s3 sync`: date back every file of the built site that the bucket already holds
byte for byte, so that the sync sends only the files that changed.

`aws s3 sync` sends a file when its size differs or when it is newer than the object in the
bucket, and a build writes every file anew: without this, every deployment would send the
whole site. An object's ETag is the MD5 of its bytes when it was sent in one part (files under
the CLI's 8 MB multipart threshold); a file with that MD5 is given an old modification time,
and the sync leaves it alone. Any other file (changed, new, sent in parts, or in a bucket whose
encryption makes ETags something else) keeps its new time and is sent: a doubt costs an
upload, never a stale page. Standard library only, run with `python3 -I -S`: no installed
package's code runs in the step that holds the bucket's credentials.

    aws s3api list-objects-v2 --bucket BUCKET --output json \\
        | python3 -I -S tools/unchanged_in_bucket.py site
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

# Older than any object in a bucket: 2000-01-01T00:00:00Z.
OLD = 946_684_800


def etags(listing: str) -> dict[str, str]:
    """Key → MD5 (hex) of each single-part object in `aws s3api list-objects-v2` JSON output
    (empty for an empty bucket, for which the CLI prints nothing)."""
    if not listing.strip():
        return {}
    objects = json.loads(listing).get("Contents") or []
    return {o["Key"]: o["ETag"].strip('"') for o in objects if "-" not in o["ETag"]}


def date_back_unchanged(site: Path, known: dict[str, str]) -> int:
    """Give each file under `site` whose MD5 is its key's ETag the time OLD; return how many."""
    count = 0
    for file in sorted(site.rglob("*")):
        key = file.relative_to(site).as_posix()
        if not file.is_file() or key not in known:
            continue
        if hashlib.md5(file.read_bytes(), usedforsecurity=False).hexdigest() == known[key]:
            os.utime(file, (OLD, OLD))
            count += 1
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: aws s3api list-objects-v2 ... | unchanged_in_bucket.py SITE", file=sys.stderr)
        return 2
    site = Path(argv[0])
    unchanged = date_back_unchanged(site, etags(sys.stdin.read()))
    total = sum(1 for f in site.rglob("*") if f.is_file())
    print(f"{unchanged} of {total} files already in the bucket as built: not sent again")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
