"""The values content is made of: languages, dates, ids, URLs, prose, and their validators.

Every value arrives from the loader as text, so the validators here decide what `no`,
`012` or `2025-06-05` mean, not YAML; each refusal is worded for an editor.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

import idna
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
)
from pydantic_core import PydanticCustomError

LANGUAGES: tuple[str, ...] = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
# The languages' names in editors' messages (which are in English).
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}

# Every id, and every content file's name: lowercase Latin letters, digits, single hyphens.
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_ANY_DIGITS_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_EMAIL = re.compile(r"^[^@\s/?#]+@[^@\s/?#]+\.[^@\s/?#]+$")
MAX_URL_LENGTH = 2000
MAX_PROSE_CHARS = 20_000
MAX_BRACKETS = 200
MAX_EMPHASIS_MARKS = 1000
MAX_NESTING = 10
# A citation marker in prose: [@source-id]. No '[' inside: every search for the closing ']'
# then stops at the next '[' (with "[^\]]*", a line of "[@[@[@..." took quadratic time).
MARKER = re.compile(r"\[@([^\][]*)\]")
_NESTING = re.compile(r"^(?:[ \t]|[-*+>](?=\s|$)|[0-9]{1,9}[.)](?=\s|$))*")
_NESTING_MARKER = re.compile(r"[-*+>]|[0-9]{1,9}[.)]")
# A line must start with more than MAX_NESTING of these characters to nest that deep.
_DEEP_PREFIX = re.compile(f"^[-*+> \t0-9.)]{{{MAX_NESTING + 1}}}", re.MULTILINE)


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("bayyin", "expected a date like 2025-06-05")
    text = value.strip()
    match = _DATE.match(text)
    if not match:
        if _ANY_DIGITS_DATE.match(text):
            raise PydanticCustomError(
                "bayyin",
                "write dates with Western digits (0-9), like 2025-06-05, got '{value}'",
                {"value": text},
            )
        raise PydanticCustomError(
            "bayyin", "expected a date like 2025-06-05, got '{value}'", {"value": text}
        )
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise PydanticCustomError(
            "bayyin", "{value} is not a real date (check the day and month)", {"value": text}
        ) from None


# Ids that name a page or a file: "index" would be the page that lists claims (people,
# topics...) and overwrite it; Windows cannot make a file or folder with a device name.
_DEVICE = "it is a device name on Windows, where no file or folder can have it"
RESERVED_IDS = {
    "index": "it is the name of the page that lists them",
    **dict.fromkeys(("con", "prn", "aux", "nul"), _DEVICE),
    **{f"{port}{n}": _DEVICE for port in ("com", "lpt") for n in range(10)},
}


def _check_id(value: str) -> str:
    if not ID.match(value):
        raise PydanticCustomError(
            "bayyin",
            "'{value}' is not a valid id: use lowercase Latin letters, digits and single "
            "hyphens, like musk-epstein-files",
            {"value": value},
        )
    if value in RESERVED_IDS:
        raise PydanticCustomError(
            "bayyin",
            "'{value}' cannot be an id: {why}; choose another",
            {"value": value, "why": RESERVED_IDS[value]},
        )
    return value


def check_url(value: str, *, allow_mailto: bool = False) -> str:
    """Accept only absolute http(s) URLs (and mailto where allowed) to a public host name.

    Raises:
        PydanticCustomError: the link is refused; the message says why in plain words.
    """
    text = value.strip()
    if len(text) > MAX_URL_LENGTH:
        raise _url_error("the link is longer than {limit} characters", limit=MAX_URL_LENGTH)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise _url_error("a link cannot contain spaces; encode them as %20")
    if "\\" in text:
        raise _url_error("a link cannot contain a backslash (\\); use /")
    if text.startswith("//"):
        raise _url_error("write the full link with https://, not a link starting with //")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _url_error("this is not a well-formed link") from None
    scheme = parts.scheme.lower()
    if allow_mailto and scheme == "mailto":
        if parts.query or parts.fragment or "?" in text or "#" in text:
            raise _url_error(
                "a mailto link is only an address: no ?subject=, ?cc=, ?bcc= or other fields "
                "(they can copy the reader's email to someone else)"
            )
        if not _EMAIL.fullmatch(parts.path):
            raise _url_error("a mailto link needs one email address, like mailto:name@example.org")
        return text
    if scheme not in ("http", "https"):
        allowed = "http, https or mailto" if allow_mailto else "http or https"
        if not scheme or not text.lower().startswith(scheme + ":"):
            raise _url_error(
                "write the full link, starting with https:// (only {allowed} links are allowed)",
                allowed=allowed,
            )
        raise _url_error(
            "only {allowed} links are allowed (this one starts with '{scheme}:')",
            allowed=allowed,
            scheme=scheme[:20],
        )
    if "@" in parts.netloc:
        raise _url_error("a link cannot contain a user name or password (user:pass@)")
    if parts.netloc.startswith("["):
        raise _url_error("links to IP addresses are not allowed; use the site's name")
    if not (parts.hostname or "").strip("."):
        raise _url_error("the link has no public host name, like https://www.example.org/")
    try:
        # What the browser connects to: "127.0.0.1%2e" is 127.0.0.1, "x.ｌｏｃａｌ" is x.local.
        host = browser_host(parts.hostname or "").rstrip(".")
    except ValueError as error:
        raise _url_error("the host name is not valid ({reason})", reason=str(error)) from None
    if parts.netloc.startswith("[") or _looks_like_ip(host):
        raise _url_error("links to IP addresses are not allowed; use the site's name")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise _url_error("links to this computer or a local network are not allowed")
    if not host or "." not in host:
        raise _url_error("the link has no public host name, like https://www.example.org/")
    if port is not None and port not in (80, 443):
        raise _url_error("links with a port number (:{port}) are not allowed", port=port)
    return text


# Characters a browser refuses in a host name once it is percent-decoded (WHATWG URL
# standard's forbidden host code points, and controls).
_FORBIDDEN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")


def browser_host(host: str) -> str:
    """The host name a browser connects to for `host` as written in a link: percent-decoded,
    mapped the UTS 46 way (full-width letters, digits and dots become ASCII ones, capitals
    small), each non-ASCII label IDNA-encoded (xn--...).

    Raises:
        ValueError: a browser would refuse the host; the message says why in plain words.
    """
    try:
        decoded = unquote(host, errors="strict") if "%" in host else host
        mapped = idna.uts46_remap(decoded, std3_rules=False, transitional=False)
    except (idna.IDNAError, UnicodeError):
        raise ValueError("it holds a character host names cannot have") from None
    if _FORBIDDEN_HOST.search(mapped):
        raise ValueError("it holds a character host names cannot have")
    labels = mapped.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()  # the root's empty label: "example.org."
    encoded = []
    for label in labels:
        if not label:
            raise ValueError("it has an empty part between two dots")
        if not label.isascii():
            try:
                label = idna.alabel(label).decode("ascii")
            except (idna.IDNAError, UnicodeError):
                raise ValueError(f"'{label}' is not a valid international name") from None
        if len(label) > 63:
            raise ValueError("a part between dots is longer than 63 letters")
        encoded.append(label)
    name = ".".join(encoded) + ("." if mapped.endswith(".") and len(mapped) > 1 else "")
    if len(name.rstrip(".")) > 253:
        raise ValueError("it is longer than 253 letters")
    return name


def _url_error(message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError("bayyin", message, context or None)


def _looks_like_ip(host: str) -> bool:
    # Browsers read a host whose last label is a number (decimal, octal or 0x hex) as IPv4:
    # 127.1, 0x7f.0.0.1 and 2130706433 all reach this computer.
    last = host.rsplit(".", 1)[-1]
    return bool(last) and bool(re.fullmatch(r"[0-9]+|0[xX][0-9a-fA-F]*", last))


def idn_host(url: str) -> str | None:
    """The host of `url` when it is an internationalized (IDN) name, else None.

    IDN hosts can imitate another site with look-alike letters (аpple.com with a Cyrillic а),
    so they are worth a second look; they are not errors: Arabic domains are real.
    """
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    labels = host.split(".")
    if any(label.startswith("xn--") for label in labels) or not host.isascii():
        return host
    return None


def _check_public_url(value: str) -> str:
    return check_url(value)


def _check_contact_url(value: str) -> str:
    return check_url(value, allow_mailto=True)


_THEME_SVG = re.compile(r"^assets/(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_.-]*\.svg$")


def _check_theme_svg(value: str) -> str:
    if not _THEME_SVG.match(value) or ".." in value:
        raise PydanticCustomError(
            "bayyin",
            "expected the path of an SVG file in theme/, like assets/bayyin/logo.svg "
            "(lowercase letters, digits, - and _)",
        )
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _text_required(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("bayyin", "this text is empty; write it out")
    problem = markdown_problem(value)
    if problem:
        raise PydanticCustomError("bayyin", problem)
    return value.strip()


def markdown_problem(text: str) -> str | None:
    """Why `text` is refused as editor prose, or None.

    Python-Markdown is quadratic on long runs of brackets or emphasis marks and recursive
    on nested lists; these limits are far above what any article needs and keep one file
    from stalling or crashing a build.
    """
    if len(text) > MAX_PROSE_CHARS:
        return (
            f"this text is {len(text):,} characters long; the limit is {MAX_PROSE_CHARS:,} "
            "(split it into sections)"
        )
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        brackets = MARKER.sub("", text).count("[")
    if brackets > MAX_BRACKETS:
        return (
            f"this text has {brackets} square brackets besides citation markers; "
            f"the limit is {MAX_BRACKETS} (a link needs one pair)"
        )
    emphasis = text.count("*") + text.count("_")
    if emphasis > MAX_EMPHASIS_MARKS:
        return f"this text has {emphasis} * and _ characters; the limit is {MAX_EMPHASIS_MARKS}"
    if not _DEEP_PREFIX.search(text):
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        prefix = _NESTING.match(line)
        spaces = len(prefix.group(0).expandtabs(4)) if prefix else 0
        markers = len(_NESTING_MARKER.findall(prefix.group(0))) if prefix else 0
        if spaces // 4 + markers > MAX_NESTING:
            return (
                f"line {number} of this text nests lists or quotes more than "
                f"{MAX_NESTING} levels deep"
            )
    return None


def _wikidata(value: str) -> str:
    # fullmatch: with match, "$" let a trailing line break through.
    if not _WIKIDATA.fullmatch(value):
        raise PydanticCustomError(
            "bayyin", "a Wikidata id looks like Q317521, got '{value}'", {"value": value}
        )
    return value


def _sequence(value: Any) -> Any:
    # A single item written without a dash is a list of one for the editor's purposes.
    return [] if value is None else value


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Id = Annotated[str, BeforeValidator(_strip), AfterValidator(_check_id)]


class _Link:
    """Marks a field that holds a link, for checks that walk every link of an item."""


LINK = _Link()
Url = Annotated[str, AfterValidator(_check_public_url), LINK]
ContactUrl = Annotated[str, AfterValidator(_check_contact_url), LINK]
Prose = Annotated[str, AfterValidator(_text_required)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
IdList = Annotated[list[Id], BeforeValidator(_sequence)]
