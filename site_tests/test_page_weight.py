"""The weight of an Arabic claim page, as a reader on a slow connection pays for it.

The local server does not compress, so each response body is also gzipped here (level 6) to
estimate what GitHub Pages sends; fonts (WOFF2) and images are sent as they are. Search loads
only on the search page, and only the parts of the index a query needs: a claim page loads
none of it, and one query stays within issue 15's budget of 300 KB.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from browsing import Visit
from catalogue import claim_path, richest_claim

BUDGET = 150_000
MAX_REQUESTS = 15
SEARCH_PARTS = ("/search/", "/search.js", "/snowball-english.js")
SEARCH_BUDGET = 300_000
COMPRESSED_TYPES = ("font/woff2", "image/png", "image/jpeg", "image/webp")


@dataclass(frozen=True)
class Transfer:
    url: str
    content_type: str
    raw: int
    sent: int  # estimated bytes on the wire from a compressing server

    @property
    def search(self) -> bool:
        return any(part in self.url for part in SEARCH_PARTS)


def measure(visit: Visit) -> list[Transfer]:
    transfers = []
    for response in visit.traffic.responses:
        body = response.body()
        kind = response.headers.get("content-type", "").split(";")[0]
        already_compressed = kind in COMPRESSED_TYPES or response.url.endswith(".woff2")
        sent = len(body) if already_compressed else len(gzip.compress(body, compresslevel=6))
        transfers.append(Transfer(response.url, kind, len(body), sent))
    return transfers


def test_arabic_claim_page_weight(visit: Visit, artifacts: Path) -> None:
    path = claim_path(richest_claim(), "ar")
    page = visit.open(path)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert visit.traffic.problems() == []
    transfers = measure(visit)
    own = [t for t in transfers if not t.search]
    search = [t for t in transfers if t.search]
    report = {
        "page": path,
        "requests": len(own),
        "raw_bytes": sum(t.raw for t in own),
        "sent_bytes_estimate": sum(t.sent for t in own),
        "search_requests": len(search),
        "search_raw_bytes": sum(t.raw for t in search),
        "search_sent_bytes_estimate": sum(t.sent for t in search),
        "transfers": [asdict(t) for t in transfers],
    }
    (artifacts / "page-weight.json").write_text(json.dumps(report, indent=2), "utf-8")
    print(
        f"\n{path}: {len(own)} requests, {report['raw_bytes']:,} B raw, "
        f"~{report['sent_bytes_estimate']:,} B gzipped; search adds {len(search)} requests, "
        f"{report['search_raw_bytes']:,} B raw, ~{report['search_sent_bytes_estimate']:,} B gzipped"
    )
    for t in sorted(transfers, key=lambda t: -t.sent):
        print(
            f"  {t.sent:>8,} {t.raw:>8,}  {'search ' if t.search else ''}{t.url.split('/', 3)[-1]}"
        )
    assert any(t.url.endswith(".woff2") for t in own), "the Arabic font was not loaded"
    assert report["sent_bytes_estimate"] <= BUDGET, f"page weighs more than {BUDGET:,} B"
    assert search == [], "a claim page loads nothing of search"
    assert len(own) <= MAX_REQUESTS, f"{len(own)} requests for one page"


def test_one_search_stays_within_its_budget(visit: Visit) -> None:
    page = visit.open("search/?q=ماسك")
    page.wait_for_selector("li.bayyin-result")
    page.wait_for_load_state("networkidle")
    assert visit.traffic.problems() == []
    search = [
        t
        for t in measure(visit)
        if t.search and not t.url.endswith("/search/?q=%D9%85%D8%A7%D8%B3%D9%83")
    ]
    print(f"\none Arabic search: {len(search)} requests, {sum(t.raw for t in search):,} B raw")
    assert any("manifest.json" in t.url for t in search)
    assert sum(t.raw for t in search) <= SEARCH_BUDGET
