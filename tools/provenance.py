"""Maintainer check: every URL and quote in content/ comes from a reference fact sheet.

Not part of `make test`: a newsroom cites the sources it finds, and this archive's editors
worked from one fact sheet (`factsheet.md`) and its URL list (`sources.tsv`). Run it with the
folder that holds both:

    .venv/bin/python tools/provenance.py path/to/reference [--project .]

Exit 0 when every URL is in `sources.tsv` and every source's quote is an excerpt quoted under
its own URL in `factsheet.md`; 1 otherwise (one line per problem); 2 when a file is missing.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s<>\"')\]]+")
_ENTRY_URL = re.compile(r"^\s+<(\S+)>\s*$")
_EXCERPT = re.compile(r"^\s*> (.*)$")


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, the way the fact sheet wraps lines."""
    return " ".join(text.split())


def reference_urls(tsv: Path) -> set[str]:
    """The `url` column of sources.tsv."""
    with tsv.open(encoding="utf-8", newline="") as handle:
        return {row["url"].strip() for row in csv.DictReader(handle, delimiter="\t")}


def factsheet_excerpts(markdown: str) -> dict[str, list[str]]:
    """Each source URL of the fact sheet with the excerpts quoted under it."""
    excerpts: dict[str, list[str]] = {}
    current: str | None = None
    for line in markdown.splitlines():
        if line.startswith("#"):
            current = None
            continue
        url = _ENTRY_URL.match(line)
        if url:
            current = url.group(1)
            excerpts.setdefault(current, [])
            continue
        quote = _EXCERPT.match(line)
        if quote and current is not None:
            excerpts[current].append(normalise(quote.group(1)))
    return excerpts


def quote_matches(quote: str, excerpts: list[str]) -> bool:
    """True when `quote` is one of `excerpts`, or a verbatim part of one."""
    wanted = normalise(quote)
    return bool(wanted) and any(wanted in excerpt for excerpt in excerpts)


def urls_in(value: str) -> Iterator[str]:
    """Absolute URLs in a string: the whole value when it is a URL, else links in Markdown."""
    text = value.strip()
    if _ABSOLUTE.match(text) and not any(ch.isspace() for ch in text):
        yield text
        return
    for url in [*_MARKDOWN_LINK.findall(text), *_AUTOLINK.findall(text)]:
        if _ABSOLUTE.match(url):
            yield url
    yield from _BARE_URL.findall(text)


def strings_in(data: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string value (and key) of parsed YAML, with a readable path to it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield f"{where}.{key}", str(key)
            yield from strings_in(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_in(value, f"{where}[{index}]")
    elif isinstance(data, str):
        yield where, data


def problems(project: Path, reference: Path) -> list[str]:
    """One line per URL of content/ missing from sources.tsv and per source quote that is
    not an excerpt of its own URL in factsheet.md."""
    allowed = reference_urls(reference / "sources.tsv")
    excerpts = factsheet_excerpts((reference / "factsheet.md").read_text(encoding="utf-8"))
    found: list[str] = []
    for path in sorted((project / "content").rglob("*.yaml")):
        shown = path.relative_to(project).as_posix()
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for where, value in strings_in(data, shown):
            found += [
                f"{where}: {url} is not in sources.tsv"
                for url in urls_in(value)
                if url not in allowed
            ]
        if path.parent.name == "sources" and isinstance(data, dict):
            quote, url = data.get("quote"), data.get("url")
            if isinstance(quote, str) and not quote_matches(quote, excerpts.get(str(url), [])):
                found.append(f"{shown}.quote: not an excerpt of {url} in factsheet.md")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="folder with factsheet.md and sources.tsv")
    parser.add_argument("--project", type=Path, default=Path("."), help="default: .")
    args = parser.parse_args(argv)
    for name in ("factsheet.md", "sources.tsv"):
        if not (args.reference / name).is_file():
            print(f"error: {args.reference / name} is missing", file=sys.stderr)
            return 2
    if not (args.project / "content").is_dir():
        print(f"error: {args.project / 'content'} is not a folder", file=sys.stderr)
        return 2
    found = problems(args.project, args.reference)
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
