"""The rules for prose: citation markers, and every link and image Markdown makes of it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path

import idna
from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from generator.content.diagnostics import Diagnostic, Path_, format_loc, shorten
from generator.content.model import (
    ID,
    browser_host,
    check_url,
    idn_host,
    iter_links,
)
from generator.content.prose import ITEM_KINDS, ITEM_LINK, images, links, markers
from generator.content.validate.base import CheckerBase


class ProseChecks(CheckerBase):
    """Markers, links and images in prose; host names and http:// in every link."""

    def check_prose(
        self, kind: str, item_id: str, loc: Path_, text: str, cited: set[str] | None
    ) -> list[str]:
        found = markers(text)
        for source_id in found:
            if cited is None:
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"{format_loc(loc)}: citation [@{source_id}] is not allowed here",
                )
            elif source_id not in cited:
                known = ", ".join(sorted(cited)) or "none"
                self.report(
                    kind,
                    item_id,
                    loc,
                    f"{format_loc(loc)}: citation [@{source_id}] does not match a source listed "
                    f"in sources (listed: {known})",
                )
        self.check_prose_links(kind, item_id, loc, text)
        return found

    def check_prose_links(self, kind: str, item_id: str, loc: Path_, text: str) -> None:
        """Check every link and image Markdown makes of `text` (any Markdown field)."""
        if images(text):
            self.report(
                kind,
                item_id,
                loc,
                f"{format_loc(loc)}: images (![...](...)) are not shown in prose; "
                "link to the page that shows the picture instead",
            )
        searched_from: dict[str, int] = {}
        for url in links(text):
            shown = shorten(url, 80)
            problem = self.item_link_problem(kind, item_id, url)
            if problem is None and url.startswith("#"):
                continue
            if (
                problem is None
                and url.startswith("/")
                and _is_relative(url[1:])
                and url[1:2] != "/"
            ):
                problem = _root_absolute_problem(url)
            if problem is not None:
                self.report_at_link(
                    kind, item_id, loc, url, searched_from, f"link '{shown}': {problem}"
                )
                continue
            if _is_relative(url) or ITEM_LINK.match(url):
                continue
            try:
                check_url(url, allow_mailto=True)
            except PydanticCustomError as error:
                hint = ""
                if re.fullmatch(r"[A-Za-z]+:[a-z0-9-]+", url):
                    hint = (
                        "; a link to a page of this site is written claim:<id>, story:<id>, "
                        "person:<id>, page:<id>, topic:<id> or rating:<id>"
                    )
                self.report(kind, item_id, loc, f"{format_loc(loc)}: link '{shown}': {error}{hint}")
                continue
            self.check_idn(kind, item_id, loc, url)
            self.check_https(kind, item_id, loc, url)

    def check_https(self, kind: str, item_id: str, loc: Path_, url: str) -> None:
        if url.strip().lower().startswith("http://"):
            document = self.content.document(kind, item_id)
            self.diagnostics.append(
                document.diagnostic(
                    loc,
                    f"{format_loc(loc)}: the link '{shorten(url.strip(), 80)}' is not encrypted "
                    "(http://); use https:// if the site offers it",
                    warning=True,
                )
            )

    def item_link_problem(self, kind: str, item_id: str, url: str) -> str | None:
        """Why a claim:id (story:, person:, page:, topic:, rating:) link goes nowhere, or None."""
        match = ITEM_LINK.match(url)
        if match is None:
            return None
        form, target = match.group(1), match.group(2)
        folder = ITEM_KINDS[form]
        if not ID.match(target):
            return (
                f"'{target}' is not an id; write {form}:<id>, like {form}:{self._example(folder)}"
            )
        if not self._is_link_target(folder, target):
            known = self._link_targets(folder)
            if folder in ("claims", "stories", "people", "pages") and self.content.has(
                folder, target
            ):
                return None  # the file exists but has errors of its own, already reported
            where = {"topics": "content/topics.yaml", "ratings": "content/ratings.yaml"}.get(
                folder, f"content/{folder}/"
            )
            if folder == "topics" and target in self.topic_ids:
                return f"topic '{target}' has no page yet: no published claim lists it under topics"
            return f"no {form} '{target}' in {where}{suggest_or_list(target, known)}"
        target_claim = self.content.claims.get(target) if folder == "claims" else None
        if target_claim is not None:
            linking_is_draft = kind == "claims" and self._status(item_id) == "draft"
            if target_claim.status == "draft" and not linking_is_draft:
                return (
                    f"claim '{target}' is a draft, so its page is not published: publish it "
                    "first, or add the link when it is"
                )
        return None

    def _status(self, claim_id: str) -> object:
        """A claim's status, also when its file did not fit the model."""
        claim = self.content.claims.get(claim_id)
        if claim is not None:
            return claim.status
        partial = self.content.partial.get(("claims", claim_id))
        return partial.data.get("status") if partial is not None else None

    def _link_targets(self, folder: str) -> list[str]:
        """The ids a link into `folder` may name, sorted; worked out once per folder (the
        content does not change while it is checked), not once per link."""
        known = self._targets.get(folder)
        if known is None:
            if folder == "topics":
                ids = {t for c in self.content.claims.values() if c.listed for t in c.topics}
                ids &= self.topic_ids
            elif folder == "ratings":
                ids = set(self.rating_ids)
            else:
                ids = set(getattr(self.content, folder))
                ids |= {i for f, i in self.content.broken if f == folder}
            known = self._targets[folder] = (sorted(ids), frozenset(ids))
        return known[0]

    def _is_link_target(self, folder: str, item_id: str) -> bool:
        self._link_targets(folder)
        return item_id in self._targets[folder][1]

    def _example(self, folder: str) -> str:
        known = self._link_targets(folder)
        return known[0] if known else "an-id"

    def report_at_link(
        self,
        kind: str,
        item_id: str,
        loc: Path_,
        url: str,
        searched_from: dict[str, int],
        message: str,
    ) -> None:
        """Report a problem with one link, at the line and column where the link is written."""
        document = (
            self.content.documents.get((kind, item_id)) or self.content.partial[(kind, item_id)]
        )
        line, column = document.position(loc)
        found = _find_in_file(
            self.content.project / document.path, url, line, column, searched_from.get(url, 0)
        )
        if found is None:
            self.diagnostics.append(document.diagnostic(loc, f"{format_loc(loc)}: {message}"))
            return
        searched_from[url] = found[2]
        self.diagnostics.append(
            Diagnostic(document.path, found[0], found[1], f"{format_loc(loc)}: {message}")
        )

    def check_idn(self, kind: str, item_id: str, loc: Path_, url: str) -> None:
        host = idn_host(url)
        if host is None:
            return
        try:
            ascii_host = browser_host(host)
            unicode_host = ".".join(idna.decode(label) for label in ascii_host.split("."))
        except (ValueError, idna.IDNAError, UnicodeError):
            ascii_host = unicode_host = host
        names = unicode_host if unicode_host == ascii_host else f"{unicode_host} ({ascii_host})"
        document = self.content.document(kind, item_id)
        self.diagnostics.append(
            document.diagnostic(
                loc,
                f"{format_loc(loc)}: the link goes to an internationalized host name "
                f"{names}; such names can imitate another site, so check it is the one "
                "you mean",
                warning=True,
            )
        )

    def check_links(self, kind: str, item_id: str) -> None:
        table: Mapping[str, BaseModel] = getattr(self.content, kind)
        for loc, url in iter_links(table[item_id]):
            self.check_idn(kind, item_id, loc, url)
            # A source's own address is a record of where it was published, as it was.
            if not (kind == "sources" and loc == ("url",)):
                self.check_https(kind, item_id, loc, url)


def suggest_or_list(name: str, known: list[str], limit: int = 8) -> str:
    """A did-you-mean when one id is close, else the known ids (the first `limit`)."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if not known:
        return " (there are none yet)"
    shown = ", ".join(known[:limit]) + (", ..." if len(known) > limit else "")
    return f" (known: {shown})"


# A root-absolute path to a page of the site, and the link form that names the same page.
_SITE_PATH = re.compile(
    r"^/(?:[a-z]{2}/)?(claims|stories|people|topics|ratings)/([a-z0-9]+(?:-[a-z0-9]+)*)/?(#.*)?$"
)
_PAGE_PATH = re.compile(r"^/(?:[a-z]{2}/)?([a-z0-9]+(?:-[a-z0-9]+)*)/?(#.*)?$")
_FORM_OF_FOLDER = {folder: form for form, folder in ITEM_KINDS.items()}


def _root_absolute_problem(url: str) -> str:
    """What to write instead of a link that starts with / (it breaks under a sub-path)."""
    why = "a link starting with / breaks when the site is published under a sub-path like /bayyin/"
    match = _SITE_PATH.match(url)
    if match:
        form = _FORM_OF_FOLDER[match.group(1)]
        return f"{why}; use {form}:{match.group(2)}{match.group(3) or ''}"
    match = _PAGE_PATH.match(url)
    if match and match.group(1) not in ("en", "ar"):
        return f"{why}; use page:{match.group(1)}{match.group(2) or ''}"
    return (
        f"{why}; link to a page of this site with claim:<id>, story:<id>, person:<id>, "
        "page:<id>, topic:<id> or rating:<id>"
    )


def _find_in_file(
    file: Path, needle: str, line: int, column: int, skip: int
) -> tuple[int, int, int] | None:
    """Where `needle` is first written in `file` at or after (line, column), past the first
    `skip` characters of the file: (line, column, offset just after it), or None."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    start = sum(len(row) + 1 for row in lines[: line - 1]) + column - 1
    index = text.find(needle, max(start, skip))
    if index < 0:
        return None
    row = text.count("\n", 0, index)
    column_found = index - (text.rfind("\n", 0, index) + 1)
    return row + 1, column_found + 1, index + len(needle)


def _is_relative(url: str) -> bool:
    """A link to another page of this site, like ../corrections/ (no scheme, no host)."""
    return (
        not url.startswith("//")
        and "\\" not in url
        and ":" not in url.split("/", 1)[0]
        and not any(ch.isspace() or ord(ch) < 32 for ch in url)
    )
