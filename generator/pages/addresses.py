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
    that there was more), and a long path keeps only its last segments, cut short if need be.
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
    # Keep the end of the path: as many whole segments as fit (a short last one, like "en",
    # says little alone), at least one.
    tail = [segments[-1]]
    for segment in reversed(segments[:-1]):
        if len("/".join([segment, *tail])) > max_path:
            break
        tail.insert(0, segment)
    if len(tail[-1]) > max_path:
        tail[-1] = _cut(tail[-1], max_path)
        more = []
    elif len(tail) == 1 < len(segments) and len(tail[0]) < max_path // 3:
        # A short last segment (a language, a page number) after a long slug: keep the
        # slug's start too.
        tail.insert(0, _cut(segments[-2], max_path - len(tail[0]) - 1))
    return [host, *([ELLIPSIS] if len(tail) < len(segments) else []), *tail, *more]


def _cut(segment: str, limit: int) -> str:
    """`segment` cut to `limit` characters with an ellipsis, on a whole word of the slug when
    one ends in its second half."""
    if len(segment) <= limit:
        return segment
    cut = segment[: limit - 1]
    if "-" in cut[limit // 2 :]:
        cut = cut[: cut.rindex("-")]
    return cut.rstrip("-_.") + ELLIPSIS


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
