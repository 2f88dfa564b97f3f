"""Source addresses as readers can read them: the host and a decoded, shortened path."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

# Past this many characters the path is cut to its last segment (and that to this length).
MAX_PATH = 40
ELLIPSIS = "…"


MORE = f"?{ELLIPSIS}"


def readable_url(url: str, max_path: int = MAX_PATH) -> str:
    """The host and path of `url` for display, e.g. `aljazeera.net/…/عاجل-إيلون-ماسك`."""
    return join_parts(readable_url_parts(url, max_path))


def join_parts(parts: list[str]) -> str:
    """The parts of a readable address as one text: path parts between slashes, then "?…"."""
    if parts[-1] == MORE:
        return "/".join(parts[:-1]) + MORE
    return "/".join(parts)


def readable_url_parts(url: str, max_path: int = MAX_PATH) -> list[str]:
    """The parts of the readable address, host first: shown one bidi isolate each, so the
    segments of an Arabic path stay in address order (left to right) while each reads in
    its own direction.

    The path is percent-decoded (so an Arabic slug reads as Arabic, not as `%D8%B9…`); the
    scheme, a leading `www.`, the query and the fragment are left out (a last part "?…" marks
    that there was more), and a long path keeps only its last segment, cut short if need be.
    The link itself keeps the full URL: this is only its label.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    try:
        # Shown as the host reads in the address bar; a spoofed look-alike is caught by
        # `check` (an IDN host is a located warning), not hidden here.
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        pass
    segments = [_decoded(s) for s in parts.path.split("/") if s]
    # The query or fragment is left out; "?…" (a part of its own) says there was one.
    more = [MORE] if parts.query or parts.fragment else []
    if len("/".join(segments)) <= max_path:
        return [host, *segments, *more]
    last = segments[-1]
    if len(last) > max_path:
        cut = last[: max_path - 1]
        # End on a whole word of the slug when one ends in its second half.
        if "-" in cut[max_path // 2 :]:
            cut = cut[: cut.rindex("-")]
        last = cut.rstrip("-_.") + ELLIPSIS
        more = []
    return [host, *([ELLIPSIS] if len(segments) > 1 else []), last, *more]


def _decoded(segment: str) -> str:
    """One path segment, percent-decoded unless that would show something misleading."""
    try:
        text = unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return segment
    # Invisible and direction-changing characters (U+202E reverses what follows), spaces and
    # a decoded "/" would make the label lie about the address: keep the segment encoded.
    if any(_hidden(ch) for ch in text):
        return segment
    return text


def _hidden(ch: str) -> bool:
    return ch == "/" or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
