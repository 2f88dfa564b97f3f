"""Skeleton files for `python -m generator new claim|person|source <id>`.

A skeleton has every field, in both languages, with a comment saying what each is for.
It is meant to fail `check` exactly where the editor must write something, and nowhere
else: every required text is an empty "" (check says "this text is empty; write it out"),
every reference to another file is a `choose-a-...` id that names no file (check says which
file is missing, or lists the known ratings), and optional fields are commented out.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from generator.load import Document, read_document, to_model
from generator.model import Id, Ratings

KINDS: dict[str, str] = {"claim": "claims", "person": "people", "source": "sources"}
SCHEMA_NAMES: dict[str, str] = {"claim": "claim", "person": "person", "source": "source"}

# Placeholders for references: valid ids (so the file loads) that name no file.
CHOOSE_PERSON = "choose-a-person"
CHOOSE_RATING = "choose-a-rating"
CHOOSE_SOURCE = "choose-a-source"


class ScaffoldError(Exception):
    """The skeleton cannot be written (bad id, existing file); the message says why."""


def check_new_id(item_id: str) -> str:
    """Return `item_id` if it is a valid id, else raise ScaffoldError with the reason."""
    try:
        return TypeAdapter(Id).validate_python(item_id)
    except ValidationError as error:
        raise ScaffoldError(error.errors()[0]["msg"]) from None


def _people(content: Path) -> list[str]:
    folder = content / "people"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _ratings(content: Path) -> list[tuple[str, str]]:
    """(id, English label) of each known rating, or nothing if ratings.yaml cannot be read."""
    file = content / "ratings.yaml"
    document = read_document(file, "content/ratings.yaml")
    if not isinstance(document, Document):
        return []
    ratings = to_model(document, Ratings)
    if isinstance(ratings, list):
        return []
    return [(r.id, r.label.en) for r in ratings.ratings]


def _header(kind: str, item_id: str, today: dt.date) -> str:
    return (
        f"# yaml-language-server: $schema=../../schema/{SCHEMA_NAMES[kind]}.schema.json\n"
        f"# A new {kind}, created {today.isoformat()} by `python -m generator new {kind} "
        f"{item_id}`.\n"
        '# Replace every "" with text, in Arabic (ar) and in English (en), and every choose-a-...\n'
        "# with a real id; then run `make check`: it lists what is left, with the line to fix.\n"
        '# املأ كل "" بالعربية (ar) وبالإنجليزية (en)، ثم شغّل make check لترى ما بقي.\n'
        "# Guide: CONTRIBUTING.md.\n"
    )


def claim_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new claim file."""
    people = "\n".join(
        textwrap.wrap(
            ", ".join(_people(content)) or "none yet",
            width=94,
            initial_indent="#   ",
            subsequent_indent="#   ",
            break_on_hyphens=False,
        )
    )
    ratings = _ratings(content)
    width = max((len(rating_id) for rating_id, _ in ratings), default=0)
    rating_lines = (
        "".join(f"#   {rating_id.ljust(width)}  {label}\n" for rating_id, label in ratings)
        or "#   (see content/ratings.yaml)\n"
    )
    day = today.isoformat()
    return (
        _header("claim", item_id, today)
        + f"""
# The id is the file name and the page's address (/claims/{item_id}/): change both or neither.
id: {item_id}

# draft: checked, but not on the site. Change to published when the check is ready.
status: draft

# The headline of the check: a question or a plain statement.
title:
  ar: ""
  en: ""

# The claim in 75 characters or fewer, for search engines (ClaimReview).
short:
  ar: ""
  en: ""

# The claim as it was said or written; in quotation marks when it is a quote.
claim:
  ar: ""
  en: ""

# When the claim above is a translation: the exact words, in their own language.
# To use it, delete the "# " at the start of the next three lines.
# original:
#   language: en
#   text: ""

# Who made the claim: the id of a file in content/people/. Someone new? Run
# `python -m generator new person <their-id>` first. The people so far:
{people}
claimant: {CHOOSE_PERSON}

# Where and when the claim was made.
appearance:
  # The day it was said. Delete the "# " to use it; leave it out if no source gives the day.
  # date: {day}
  # Where it was said: "Post on X", "Television interview".
  medium:
    ar: ""
    en: ""
  # A link to where it was said, if there is one (delete the "# " to use it).
  # url: ""

# The verdict, one of (content/ratings.yaml has what each one means):
{rating_lines}rating: {CHOOSE_RATING}

# The verdict in two or three sentences. Cite sources with markers like [@source-id].
summary:
  ar: ""
  en: ""

# The explanation, in sections. End every paragraph with at least one citation [@source-id].
# For several paragraphs, write `body: |-` and the paragraphs on the next lines, indented,
# separated by an empty line (see the worked example in CONTRIBUTING.md).
context:
  - heading:
      ar: ""
      en: ""
    body:
      ar: ""
      en: ""

# Every source cited above, one id per line: files in content/sources/.
# A new source? Run `python -m generator new source <its-id>`.
sources:
  - {CHOOSE_SOURCE}

# The day the check is first published (today). Change it if it goes out later.
published: {day}
# The day of the last substantial update, if any (delete the "# " to use it).
# updated: {day}

# Corrections after publication, each with a date and a note in both languages:
#   - date: {day}
#     note:
#       ar: ""
#       en: ""
corrections: []

# Other claims on the same subject: ids of files in content/claims/.
related: []

# Topics, as ids like epstein or trump-musk-feud.
topics: []
"""
    )


def person_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new person (or organization) file."""
    return (
        _header("person", item_id, today)
        + f"""
# The id is the file name; claims name this person with `claimant: {item_id}`.
id: {item_id}

# person or organization.
kind: person

# The name as readers know it, in each language.
name:
  ar: ""
  en: ""

# What they do, as it matters to the claims checked: "Businessman; owner of X".
role:
  ar: ""
  en: ""

# Their Wikidata id, like Q317521, if they have one (delete the "# " to use it).
# wikidata: Q

# Links to their official profiles or pages, one per line, like:
#   - https://...
same_as: []
"""
    )


def source_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new source file."""
    day = today.isoformat()
    return (
        _header("source", item_id, today)
        + f"""
# The id is the file name; claims cite this source with [@{item_id}].
id: {item_id}

# The page's full address, copied from the browser's address bar.
url: "https://"

# What kind of page it is: original (a report), republication (another outlet's report,
# reproduced), secondary (a report on others' reporting), document (an official text),
# or post (a social-media post).
kind: original

# The outlet, as it names itself: "Anadolu Agency". When readers of the other language know
# it by another name, give one per language instead (publisher: then ar: and en: lines).
publisher: ""

# The language the page is written in, as a code: ar, en, fr, ...
language: ""

# What this page is and what we cite it for, in our own words, in both languages.
about:
  ar: ""
  en: ""

# The page's own title, word for word, in its language; then the title translated into
# each site language the page is not in. Delete the "# " to use them.
# title: ""
# translated_title:
#   ar: ""
#   en: ""

# The day the page was published, if it says (delete the "# " to use it).
# published: {day}

# The day you read the page: today.
accessed: {day}

# A saved copy of the page in a web archive, so readers can check it if the page changes
# or disappears. Delete the "# " to use it.
# archive:
#   url: ""
#   date: {day}

# A short excerpt, word for word, that supports what we cite the page for; then its
# translation into each site language the page is not in (a translation, not a summary).
# quote: ""
# translated_quote:
#   ar: ""

# For a republication: the outlet whose report the page reproduces.
# original_publisher: ""
"""
    )


_SKELETONS: dict[str, Callable[[str, dt.date, Path], str]] = {
    "claim": claim_skeleton,
    "person": person_skeleton,
    "source": source_skeleton,
}


def skeleton(kind: str, item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new file of `kind` ("claim", "person" or "source")."""
    return _SKELETONS[kind](item_id, today, content)


def write_skeleton(project: Path, kind: str, item_id: str, today: dt.date | None = None) -> Path:
    """Write `content/<folder>/<id>.yaml` and return its path.

    Raises:
        ScaffoldError: the id is not valid, or the file already exists.
    """
    check_new_id(item_id)
    content = project / "content"
    target = content / KINDS[kind] / f"{item_id}.yaml"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target.relative_to(project).as_posix()} already exists")
    text = skeleton(kind, item_id, today or dt.date.today(), content)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return target
