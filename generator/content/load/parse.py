"""YAML text → a `Document` (plain data and positions), or the diagnostic that stops it.

`parse_text` is the one way in. It uses the fast reader (`fast.py`);
`parse_text_reference` reads the same text through the reference reader (`events.py`),
every event checked in full, and must give the same result (tests/test_load_paths.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.content.diagnostics import Diagnostic, Document
from generator.content.load.events import EventReader
from generator.content.load.fast import FastReader
from generator.content.load.text import Reject, check_characters, line_column, read_text
from generator.content.load.yaml_errors import yaml_error

try:
    from yaml._yaml import CParser as _Parser  # libyaml's parser (what CSafeLoader uses)
except ImportError as exc:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError(
        "PyYAML was installed without libyaml; the pure-Python loader is 15x slower. "
        "Reinstall with `make build` (the lock pins wheels that include libyaml)."
    ) from exc


def parse_text(text: str, path: str) -> Document | Diagnostic:
    """Parse YAML text into a Document, or return the diagnostic that stops it."""
    return _parse(text, path, full=False)


def parse_text_reference(text: str, path: str) -> Document | Diagnostic:
    """What `parse_text` must return, read the slow way: every event through
    `EventReader.feed` and every value through every check, with no whole-file shortcut.
    Used by the tests that compare the two."""
    return _parse(text, path, full=True)


def _parse(text: str, path: str, *, full: bool) -> Document | Diagnostic:
    document = Document(path=path, data=None)
    builder = EventReader(document, text) if full else FastReader(document, text)
    if full:
        builder.normalized, builder.markup, builder.comments = False, True, True
    try:
        check_characters(text)
        # libyaml's parser alone: yaml.parse would also set up a constructor and a
        # resolver for each file, which reading events never uses.
        builder.build(iter(_Parser(text).get_event, None))
    except Reject as reject:
        return Diagnostic(path, reject.line, reject.column, reject.message)
    except yaml.MarkedYAMLError as exc:
        return yaml_error(path, exc, text.split("\n"))
    except yaml.YAMLError as exc:
        # libyaml's reader refuses characters that check_characters already refused;
        # this is the net under it, never a traceback.
        position = getattr(exc, "position", 0)
        line, column = line_column(text, min(position, len(text)))
        return Diagnostic(path, line, column, f"the file cannot be read as YAML ({exc})")
    if not builder.has_root or builder.root is None:
        return Diagnostic(path, 1, 1, "the file is empty; it must hold the fields of one item")
    document.data = builder.root
    return document


def read_document(file: Path, display_path: str) -> Document | Diagnostic:
    """Read one YAML file from disk; never raises for bad content, never follows a link."""
    text = read_text(file, display_path)
    return text if isinstance(text, Diagnostic) else parse_text(text, display_path)
