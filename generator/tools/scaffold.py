"""Skeleton files for `python -m generator new claim|story|page|person|source|staff <id>`.

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

from generator.content.diagnostics import Document
from generator.content.kinds import SCAFFOLDED
from generator.content.load import read_document, to_model
from generator.content.model import Id, Ratings

# kind -> the folder its files go in, for the kinds `new` writes (see kinds.py).
KINDS: dict[str, str] = {kind.name: kind.folder or "" for kind in SCAFFOLDED}

# Placeholders for references: valid ids (so the file loads) that name no file.
CHOOSE_CLAIM = "choose-a-claim"
CHOOSE_PERSON = "choose-a-person"
CHOOSE_RATING = "choose-a-rating"
CHOOSE_SOURCE = "choose-a-source"
CHOOSE_STAFF = "choose-a-staff-member"


class ScaffoldError(Exception):
    """The skeleton cannot be written (bad id, existing file); the message says why."""


def check_new_id(item_id: str) -> str:
    """Return `item_id` if it is a valid id, else raise ScaffoldError with the reason."""
    try:
        return TypeAdapter(Id).validate_python(item_id)
    except ValidationError as error:
        raise ScaffoldError(error.errors()[0]["msg"]) from None


def _ids(content: Path, folder_name: str) -> list[str]:
    folder = content / folder_name
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _people(content: Path) -> list[str]:
    return _ids(content, "people")


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
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
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

# Who wrote the check and who edited it: ids of files in content/staff/ (the staff so far:
# {", ".join(_ids(content, "staff")) or "none yet"}). Delete the "# " to use them.
# author: {CHOOSE_STAFF}
# editor: {CHOOSE_STAFF}

# Images that show the evidence (a screenshot of the post, a page of a document): files you
# saved into content/images/ (never a link), each with its description for readers who
# cannot see it (alt), a caption and a credit, in both languages:
#   - file: {item_id}-post.png
#     alt:
#       ar: ""
#       en: ""
#     caption:
#       ar: ""
#       en: ""
#     credit:
#       ar: ""
#       en: ""
images: []
# To take down a published check: its address then shows only that it was withdrawn, when
# and why (CONTRIBUTING.md, "Unpublishing"). Delete the "# " of the lines below to use it.
# withdrawn:
#   date: {day}
#   reason:
#     ar: ""
#     en: ""
"""
    )


def person_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new person (or organization) file."""
    return (
        _header("person", item_id, today)
        + f"""
# The id is the file name; claims name this person with `claimant: {item_id}`.
id: {item_id}

# person, organization, or publication (an article or outlet that made the claim).
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


def staff_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new staff file (someone who writes or edits checks)."""
    return (
        _header("staff", item_id, today)
        + f"""
# The id is the file name; claims name this member with `author: {item_id}` or
# `editor: {item_id}`.
id: {item_id}

# person, or team (a desk that signs its checks as one).
kind: person

# The name as it appears in bylines, in each language.
name:
  ar: ""
  en: ""

# Their job in the newsroom: "Fact-checker", "Editor".
role:
  ar: ""
  en: ""
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


def story_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new story: a page that groups claims, e.g. an article under review."""
    day = today.isoformat()
    claims = "\n".join(
        textwrap.wrap(
            ", ".join(_ids(content, "claims")) or "none yet",
            width=94,
            initial_indent="#   ",
            subsequent_indent="#   ",
            break_on_hyphens=False,
        )
    )
    return (
        _header("story", item_id, today)
        + f"""
# A story has no draft state: it is on the site as soon as check passes. Keep it on a branch
# (in a pull request) until it is ready.

# The id is the file name and the page's address (/stories/{item_id}/): change both or neither.
id: {item_id}

# The story's headline.
title:
  ar: ""
  en: ""

# What the story is about and what we found, in two or three sentences. Cite sources with
# markers like [@source-id]; link a claim with [its title](claim:claim-id).
summary:
  ar: ""
  en: ""

# When the story reviews one article: the article itself. Delete the "# " to use it.
# article:
#   title: ""              # the article's own title, word for word, in its language
#   language: ar
#   publisher:
#     ar: ""
#     en: ""
#   date: {day}
#   url: "https://"

# The claims the story groups, one id per line: files in content/claims/. The claims so far:
{claims}
claims:
  - {CHOOSE_CLAIM}

# Dated events, shown in date order. Each text cites its source:
#   - date: {day}
#     text:
#       ar: ""
#       en: ""
timeline: []

# Every source cited in the summary or the timeline: files in content/sources/.
sources: []

# The day the story is first published (today). Change it if it goes out later.
published: {day}
# The day of the last substantial update, if any (delete the "# " to use it).
# updated: {day}
"""
    )


def page_skeleton(item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new page of prose (like about or methodology)."""
    return (
        _header("page", item_id, today)
        + f"""
# A page has no draft state: it is on the site, in the menu, as soon as check passes.

# The id is the file name and the page's address (/{item_id}/): change both or neither.
id: {item_id}

# The page's title, as the menu shows it.
title:
  ar: ""
  en: ""

# The page itself, in Markdown. For several paragraphs, write `ar: |-` and the text on the
# next lines, indented, with an empty line between paragraphs; `## ` starts a section.
# Link another page of the site with [its title](page:about), a claim with (claim:its-id).
# Pages take no citations: a page that needs sources is a claim or a story.
body:
  ar: ""
  en: ""
"""
    )


_SKELETONS: dict[str, Callable[[str, dt.date, Path], str]] = {
    "claim": claim_skeleton,
    "story": story_skeleton,
    "page": page_skeleton,
    "person": person_skeleton,
    "source": source_skeleton,
    "staff": staff_skeleton,
}


def skeleton(kind: str, item_id: str, today: dt.date, content: Path) -> str:
    """The text of a new file of `kind` (a key of KINDS)."""
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
