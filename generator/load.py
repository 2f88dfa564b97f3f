"""YAML files → plain data with the line and column of every node, then → typed models.

`yaml.safe_load` is not enough for content written in pull requests: it expands aliases,
accepts duplicate keys silently, and guesses types the YAML 1.1 way (`no` becomes False,
`012` becomes 10, an unquoted date becomes a date). This loader composes the node tree with
libyaml's C loader, keeps every scalar as text (the models decide what a value means) and
rejects what an editor never needs: anchors, aliases, tags, merge keys, several documents.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Diagnostic
from generator.model import Claim, Page, Person, Rating, Ratings, SiteSettings, Source, Story

try:
    from yaml import CSafeLoader as _Loader
except ImportError as exc:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError(
        "PyYAML was installed without libyaml; the pure-Python loader is 15x slower. "
        "Reinstall with `make build` (the lock pins wheels that include libyaml)."
    ) from exc

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

# The implicit types YAML resolves plain scalars to: all of them are read back as text here.
_IMPLICIT_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_NULLS = {"", "~", "null", "Null", "NULL"}

# Bidi embedding/override/isolate controls can reorder text to deceive a reader;
# LRM, RLM and ALM (marks) and ZWJ/ZWNJ (joiners) are harmless and allowed.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 controls other than tab and newline, DEL, and C1 controls.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FLOW_OPENERS = re.compile(r"[\[{](?!@)")
_LINE_PREFIX = re.compile(r"^[ \-?:]*", re.MULTILINE)


@dataclass
class Document:
    """One YAML file as plain data, with where each value and key stands in the file."""

    path: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the value at `loc`, or of the nearest enclosing value."""
        table = self.key_positions if key else self.positions
        if key and loc in table:
            return table[loc]
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def diagnostic(self, loc: Path_, message: str, *, key: bool = False) -> Diagnostic:
        """Return a diagnostic located at the value (or key) at `loc`."""
        line, column = self.position(loc, key=key)
        return Diagnostic(self.path, line, column, message)


class _Reject(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def decode(raw: bytes) -> str:
    """Decode file bytes as UTF-8 (a BOM is allowed), naming the problem when they are not.

    Raises:
        _Reject: the bytes are not UTF-8 text, or contain NUL bytes.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Reject(1, 1, "the file is saved as UTF-16; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _Reject(
            line,
            column,
            "the file is not valid UTF-8 (perhaps saved as Windows-1256 or another legacy "
            f"encoding; byte 0x{raw[exc.start]:02X}); save it as UTF-8",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise _Reject(line, column, "the file contains a NUL byte; it is not a text file")
    return text.replace("\r\n", "\n")


def _at(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _check_events(text: str) -> None:
    """Walk the event stream (libyaml's parser is iterative) for what the node tree hides.

    Anchors that are never used, explicit tags and the nesting depth cannot be told from
    composed nodes; this slower pass runs only when the text has the characters that
    introduce them.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line, column = _at(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise _Reject(
                line,
                column,
                "aliases (*name) are not allowed; write the value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Reject(
                line,
                column,
                "anchors (&name) are not allowed; write each value out in full",
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag is not None and (
            implicit is False or (isinstance(implicit, tuple) and not any(implicit))
        )
        if explicit:
            raise _Reject(
                line,
                column,
                f"YAML tags ({tag}) are not allowed; remove the tag and write plain text",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Reject(
                    line,
                    column,
                    f"the file nests more than {MAX_DEPTH} levels deep",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _may_need_event_check(text: str) -> bool:
    if "&" in text or "*" in text or "!" in text:
        return True
    # An upper bound of the nesting depth: flow brackets plus the widest line prefix.
    prefix = max((len(m.group(0)) for m in _LINE_PREFIX.finditer(text)), default=0)
    return len(_FLOW_OPENERS.findall(text)) + prefix > MAX_DEPTH


def _clean_text(value: str, line: int, column: int) -> str:
    bidi = _BIDI_CONTROLS.search(value)
    if bidi:
        raise _Reject(
            line,
            column,
            f"the text contains an invisible bidi control character U+{ord(bidi.group()):04X} "
            "that can reorder what readers see; delete it (LRM/RLM marks are fine)",
        )
    control = _CONTROL_CHARS.search(value)
    if control:
        raise _Reject(
            line,
            column,
            f"the text contains the invisible control character U+{ord(control.group()):04X}; "
            "delete it",
        )
    return unicodedata.normalize("NFC", value)


def _to_data(document: Document, node: yaml.Node, loc: Path_, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _Reject(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "aliases (*name) are not allowed; write the value out in full",
        )
    seen.add(id(node))
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    document.positions[loc] = (line, column)
    if node.tag not in _IMPLICIT_TAGS:
        if node.tag == "tag:yaml.org,2002:merge":
            raise _Reject(line, column, "merge keys (<<) are not allowed; write keys out")
        raise _Reject(line, column, f"YAML tags ({node.tag}) are not allowed")
    if isinstance(node, yaml.ScalarNode):
        value = _clean_text(str(node.value), line, column)
        if node.style is None and value in _NULLS:
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(document, item, (*loc, i), seen) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Reject(key_line, key_column, "merge keys (<<) are not allowed; write keys out")
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Reject(key_line, key_column, "a key must be a plain word, not a list or map")
        key = str(key_node.value)
        if key in result:
            first_line, _ = document.key_positions[(*loc, key)]
            raise _Reject(
                key_line,
                key_column,
                f"duplicate key '{key}' (first given on line {first_line}); keep only one",
            )
        document.key_positions[(*loc, key)] = (key_line, key_column)
        result[key] = _to_data(document, value_node, (*loc, key), seen)
    return result


def parse_text(text: str, path: str) -> Document | Diagnostic:
    """Parse YAML text into a Document, or return the diagnostic that stops it."""
    document = Document(path=path, data=None)
    try:
        if _may_need_event_check(text):
            _check_events(text)
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return Diagnostic(path, 1, 1, "the file is empty; see content/README for a template")
        document.data = _to_data(document, node, (), set())
    except _Reject as reject:
        return Diagnostic(path, reject.line, reject.column, reject.message)
    except yaml.MarkedYAMLError as exc:
        return _yaml_error(path, exc)
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        return Diagnostic(path, 1, 1, f"YAML error: {exc}")
    return document


def _yaml_error(path: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if (
        "expected a single document" in (exc.context or "")
        or "document" in problem
        and ("expected '<document start>'" in problem)
    ):
        message = "the file holds more than one YAML document (---); keep one per file"
    elif "found character '\\t'" in problem or "\\t" in problem:
        message = "a tab is used for indentation; indent with spaces"
    elif "mapping values are not allowed" in problem:
        message = (
            "a colon followed by a space inside a value; put the whole value in quotes, "
            "or write it as a block (key: >-, then the text indented on the next lines)"
        )
    elif "found undefined alias" in problem or "alias" in problem:
        message = "aliases (*name) are not allowed; write the value out in full"
    else:
        context = f" {exc.context}" if exc.context else ""
        message = f"YAML syntax error:{context} {problem}".replace("  ", " ")
    return Diagnostic(path, line, column, message)


def read_document(file: Path, display_path: str) -> Document | Diagnostic:
    """Read one YAML file from disk; never raises for bad content."""
    try:
        if file.is_symlink():
            return Diagnostic(display_path, 1, 1, "symbolic links are not allowed in content/")
        if file.is_dir():
            return Diagnostic(display_path, 1, 1, "this is a folder, not a YAML file")
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Diagnostic(display_path, 1, 1, f"cannot read the file: {exc.strerror}")
    if len(raw) > MAX_FILE_BYTES:
        return Diagnostic(
            display_path,
            1,
            1,
            f"the file is larger than {MAX_FILE_BYTES // 1024} KiB; split it or shorten it",
        )
    try:
        text = decode(raw)
    except _Reject as reject:
        return Diagnostic(display_path, reject.line, reject.column, reject.message)
    return parse_text(text, display_path)


# --- data → models -----------------------------------------------------------------------

_LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}
_TYPE_NAMES = {dict: "a group of fields", list: "a list", str: "text", type(None): "nothing"}


def _describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def format_loc(loc: Path_) -> str:
    """Write a value's path the way an editor reads it: `context[3].body.en` (items from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _model_at(cls: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        model = _find_model(current)
        if model is None or part not in model.model_fields:
            return None
        current = model.model_fields[part].annotation
    return _find_model(current)


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _message(cls: type[BaseModel], error: ErrorDetails, value: Any) -> tuple[Path_, str, bool]:
    loc = tuple(error["loc"])
    kind = error["type"]
    name = loc[-1] if loc else ""
    if kind == "missing":
        parent = loc[:-1]
        if name in _LANGUAGE_NAMES:
            where = format_loc(parent)
            return (
                parent,
                f"{where}: the {_LANGUAGE_NAMES[str(name)]} text ({name}) is missing",
                False,
            )
        prefix = f"{format_loc(parent)}: " if parent else ""
        return parent, f"{prefix}missing required field '{name}'", False
    where = format_loc(loc)
    if kind == "extra_forbidden":
        model = _model_at(cls, loc[:-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known fields: {', '.join(known)})"
        return loc, f"unknown field '{name}'{hint}", True
    if kind == "bayyin":
        return loc, f"{where}: {error['msg']}", False
    if kind in ("string_type", "model_type", "dict_type", "list_type", "model_attributes_type"):
        wanted = {
            "string_type": "text",
            "list_type": "a list (lines starting with '- ')",
        }.get(kind, "a group of fields (key: value lines)")
        return loc, f"{where}: expected {wanted}, got {_describe(value)}", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, f"{where}: '{value}' is not allowed here; use one of {expected}", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return loc, f"{where}: expected a whole number, got '{value}'", False
    if (
        kind == "string_pattern_mismatch"
        and name in ("language",)
        or str(name) in (_LANGUAGE_NAMES)
    ):
        return loc, f"{where}: expected a language code like ar or en, got '{value}'", False
    return loc, f"{where}: {error['msg']}", False


def _value_at(data: Any, loc: Path_) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def to_model(document: Document, cls: type[M]) -> M | list[Diagnostic]:
    """Validate a document's data as `cls`, turning every problem into a located diagnostic."""
    if not isinstance(document.data, dict):
        return [
            document.diagnostic(
                (),
                "the file must be a group of fields (key: value lines), "
                f"not {_describe(document.data)}",
            )
        ]
    try:
        return cls.model_validate(document.data)
    except ValidationError as exc:
        diagnostics = []
        for error in exc.errors(include_url=False):
            loc, message, at_key = _message(
                cls, error, _value_at(document.data, tuple(error["loc"]))
            )
            diagnostics.append(document.diagnostic(loc, message, key=at_key))
        return diagnostics


# --- the content folder ------------------------------------------------------------------

FOLDERS: dict[str, type[BaseModel]] = {
    "people": Person,
    "sources": Source,
    "claims": Claim,
    "stories": Story,
    "pages": Page,
}


@dataclass
class Content:
    """Everything in content/, typed, with the document each item came from."""

    root: Path
    project: Path
    site: SiteSettings | None = None
    ratings: Ratings | None = None
    people: dict[str, Person] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    # Files that exist but could not be read; references to them are not reported again.
    broken: set[tuple[str, str]] = field(default_factory=set)

    def has(self, folder: str, item_id: str) -> bool:
        """Whether an item exists (or exists but has errors already reported)."""
        table: dict[str, Any] = getattr(self, folder)
        return item_id in table or (folder, item_id) in self.broken

    def document(self, kind: str, item_id: str) -> Document:
        """The document an item was read from (kind is a folder name, 'site' or 'ratings')."""
        return self.documents[(kind, item_id)]

    def rating(self, rating_id: str) -> Rating:
        assert self.ratings is not None
        return next(r for r in self.ratings.ratings if r.id == rating_id)


def display_path(file: Path, project: Path) -> str:
    """A path as editors see it: relative to the project root, with forward slashes."""
    try:
        return file.absolute().relative_to(project.absolute()).as_posix()
    except ValueError:
        return file.as_posix()


def load_content(root: Path, project: Path | None = None) -> tuple[Content, list[Diagnostic]]:
    """Read every file under `root` into typed models; collect every problem on the way.

    Args:
        root: the content folder.
        project: the folder that diagnostic paths are relative to (the parent of `root`).
    """
    project = project if project is not None else root.parent
    content = Content(root=root, project=project)
    diagnostics: list[Diagnostic] = []
    if not root.is_dir():
        return content, [Diagnostic(display_path(root, project), 1, 1, "no content folder here")]

    registries: tuple[tuple[str, type[BaseModel]], ...] = (
        ("site", SiteSettings),
        ("ratings", Ratings),
    )
    for name, registry_cls in registries:
        file = root / f"{name}.yaml"
        shown = display_path(file, project)
        if not file.exists() and not file.is_symlink():
            diagnostics.append(Diagnostic(shown, 1, 1, f"{name}.yaml is missing from content/"))
            continue
        registry = _read_model(file, shown, registry_cls, diagnostics)
        if registry is not None:
            content.documents[(name, name)] = registry[1]
            setattr(content, name, registry[0])

    for folder, cls in FOLDERS.items():
        directory = root / folder
        if directory.is_symlink():
            diagnostics.append(
                Diagnostic(
                    display_path(directory, project),
                    1,
                    1,
                    "symbolic links are not allowed in content/",
                )
            )
            continue
        if not directory.is_dir():
            continue
        table: dict[str, Any] = getattr(content, folder)
        lowered: dict[str, str] = {}
        for file in sorted(directory.iterdir()):
            shown = display_path(file, project)
            if file.name.startswith("."):
                continue
            if file.suffix == ".yml":
                diagnostics.append(Diagnostic(shown, 1, 1, "rename the file to end in .yaml"))
                continue
            if file.suffix != ".yaml":
                if not file.is_dir():
                    diagnostics.append(
                        Diagnostic(shown, 1, 1, f"only .yaml files belong in content/{folder}/")
                    )
                continue
            stem = file.stem
            if stem.lower() in lowered:
                diagnostics.append(
                    Diagnostic(
                        shown,
                        1,
                        1,
                        f"'{file.name}' differs from '{lowered[stem.lower()]}' only in upper/lower "
                        "case; the two collide on case-insensitive disks",
                    )
                )
                continue
            lowered[stem.lower()] = file.name
            loaded = _read_model(file, shown, cls, diagnostics)
            if loaded is None:
                content.broken.add((folder, stem))
                continue
            item, document = loaded
            item_id = str(getattr(item, "id", ""))
            if item_id != stem:
                diagnostics.append(
                    document.diagnostic(
                        ("id",),
                        f"id '{item_id}' must match the file name '{stem}' "
                        f"(rename the file to {item_id}.yaml or change the id)",
                    )
                )
                continue
            table[item_id] = item
            content.documents[(folder, item_id)] = document
    return content, diagnostics


def _read_model(
    file: Path, shown: str, cls: type[M], diagnostics: list[Diagnostic]
) -> tuple[M, Document] | None:
    document = read_document(file, shown)
    if isinstance(document, Diagnostic):
        diagnostics.append(document)
        return None
    model = to_model(document, cls)
    if isinstance(model, list):
        diagnostics.extend(model)
        return None
    return model, document
