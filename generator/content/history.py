"""The revision history of each claim, read from git: when its file was first committed and
every later change, with the descriptions editors gave in commit trailers.

One `git log` reads the history of every claim at once (a process per claim would cost a
second per thousand claims). Fields are separated by NUL, the one byte a commit message
cannot hold, so any subject or trailer (line breaks, control characters) parses. A clone
without history (no `.git`, no git, or a shallow clone whose oldest commit would look like
every claim's first publication) gives no history and a notice, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Trailers editors add to a commit that changes claims (see CONTRIBUTING.md).
DESCRIPTION_TRAILER = "Change-{lang}"
VISIBILITY_TRAILER = "Reader-visible"
_LANGUAGES = ("ar", "en")
_FIELDS = ("commit", "date", "subject", "ar", "en", "visible")
_HASH = re.compile(r"[0-9a-f]{40,64}")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _trailer(key: str) -> str:
    # Several trailers of one key are joined by a space; continuation lines are unfolded.
    return f"%(trailers:key={key},valueonly,unfold,separator=%x20)"


# An empty field opens each commit: file names are never empty, so it cannot be mistaken.
_FORMAT = "%x00".join(
    [
        "",
        "%H",
        "%cs",
        "%s",
        *(_trailer(DESCRIPTION_TRAILER.format(lang=lang)) for lang in _LANGUAGES),
        _trailer(VISIBILITY_TRAILER),
    ]
)


@dataclass(frozen=True)
class Change:
    """One commit that changed a claim's file."""

    commit: str
    date: dt.date
    subject: str
    # The description per language from the Change-ar / Change-en trailers ('' when absent).
    descriptions: dict[str, str] = field(default_factory=dict)
    visible: bool = True

    def description(self, lang: str) -> tuple[str, str]:
        """The description to show in `lang` and the language it is written in: the
        trailer of that language, else the commit subject in the language it looks to be."""
        given = self.descriptions.get(lang, "")
        if given:
            return given, lang
        return self.subject, "ar" if _ARABIC_LETTER.search(self.subject) else "en"


@dataclass(frozen=True)
class ClaimHistory:
    """Every commit that changed one claim's file, oldest first."""

    changes: tuple[Change, ...]

    @property
    def first(self) -> Change:
        return self.changes[0]

    @property
    def later(self) -> tuple[Change, ...]:
        return self.changes[1:]

    @property
    def last_visible(self) -> dt.date | None:
        """The date of the last change readers are told about after the first commit."""
        dates = [c.date for c in self.later if c.visible]
        return max(dates) if dates else None


@dataclass(frozen=True)
class Histories:
    """The history of every claim with one; `notice` says why there is none, if so."""

    claims: dict[str, ClaimHistory] = field(default_factory=dict)
    notice: str | None = None

    def of(self, claim_id: str) -> ClaimHistory | None:
        return self.claims.get(claim_id)


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def read_histories(content_dir: Path) -> Histories:
    """The history of every claim in `content_dir/claims`, from one `git log`."""
    claims_dir = content_dir / "claims"
    no_history = (
        "notice: the content has no git history here (no .git folder or no git): "
        "claim pages are built without their History section"
    )
    if not claims_dir.is_dir():
        return Histories()
    shallow = _git(claims_dir, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return Histories(notice=no_history)
    if shallow.strip() == "true":
        return Histories(
            notice="notice: this is a shallow clone (git fetch --unshallow gives the whole "
            "history): claim pages are built without their History section"
        )
    output = _git(
        claims_dir,
        "-c",
        "log.showSignature=false",
        "log",
        "-z",
        "--name-only",
        "--relative",
        "--no-renames",
        "--no-merges",
        f"--format={_FORMAT}",
        "--",
        ".",
    )
    if output is None:
        return Histories(notice=no_history)
    return Histories(claims=parse_log(output))


def parse_log(output: str) -> dict[str, ClaimHistory]:
    """The history of each claim from `git log -z --name-only` output in `_FORMAT`
    (newest commit first, as git prints it)."""
    tokens = output.split("\0")
    per_claim: dict[str, list[Change]] = {}
    index = 0
    while index < len(tokens):
        if tokens[index] != "" or index + len(_FIELDS) >= len(tokens):
            index += 1
            continue
        values = dict(zip(_FIELDS, tokens[index + 1 : index + 1 + len(_FIELDS)], strict=True))
        index += 1 + len(_FIELDS)
        if not _HASH.fullmatch(values["commit"]):
            continue
        try:
            date = dt.date.fromisoformat(values["date"])
        except ValueError:
            continue
        change = Change(
            commit=values["commit"],
            date=date,
            subject=values["subject"].strip(),
            descriptions={lang: values[lang].strip() for lang in _LANGUAGES},
            visible=values["visible"].strip().lower() not in ("no", "false"),
        )
        while index < len(tokens) and tokens[index] != "":
            name = tokens[index].removeprefix("\n")
            index += 1
            if "/" not in name and name.endswith(".yaml"):
                per_claim.setdefault(name.removesuffix(".yaml"), []).append(change)
    return {
        claim_id: ClaimHistory(tuple(reversed(changes)))
        for claim_id, changes in sorted(per_claim.items())
    }
