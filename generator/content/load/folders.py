"""The content folder → `Content`: which files are read, in which table each item goes."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.diagnostics import Diagnostic, Document, display_path
from generator.content.kinds import FOLDERS, REGISTRIES, Content
from generator.content.load.parse import read_document
from generator.content.load.reader import M, Planned, ReadCache, as_item, read_all
from generator.content.model import ID, IMAGE_FOLDER


def load_content(
    root: Path, project: Path | None = None, *, cache: ReadCache | None = None
) -> tuple[Content, list[Diagnostic]]:
    """Read every file under `root` into typed models; collect every problem on the way.

    Never raises for anything a content folder can hold, and never follows a symbolic link.

    Args:
        root: the content folder.
        project: the folder that diagnostic paths are relative to (the parent of `root`).
        cache: what earlier loads read (the preview keeps one): a file whose size, time
            and inode have not changed is not read again.
    """
    project = project if project is not None else root.parent
    content = Content(root=root, project=project)
    diagnostics: list[Diagnostic] = []
    if root.is_symlink():
        # Followed, a link could make check and build read (and quote in their messages)
        # any folder of the machine.
        return content, [
            Diagnostic(
                display_path(root, project),
                1,
                1,
                "content/ is a symbolic link; symbolic links are not allowed, make it a real "
                "folder",
            )
        ]
    if not root.is_dir():
        return content, [Diagnostic(display_path(root, project), 1, 1, "no content folder here")]

    for kind in REGISTRIES:
        name = kind.name
        file = root / f"{name}.yaml"
        shown = display_path(file, project)
        if not file.exists() and not file.is_symlink():
            if not kind.optional:
                diagnostics.append(Diagnostic(shown, 1, 1, f"{name}.yaml is missing from content/"))
            continue
        registry, document = _read_model(file, shown, kind.model, diagnostics)
        if registry is not None and document is not None:
            content.documents[(name, name)] = document
            setattr(content, name, registry)

    diagnostics += _unknown_entries(root, project)
    planned: list[Planned] = []
    for folder in FOLDERS:
        diagnostics += _plan_folder(content, root / folder, folder, planned)
    read = read_all(planned) if cache is None else cache.read(planned)
    for plan, (item, document, found) in zip(planned, read, strict=True):
        diagnostics += found
        diagnostics += _add_item(content, plan, item, document)
    return content, diagnostics


def _unknown_entries(root: Path, project: Path) -> list[Diagnostic]:
    """YAML files and folders at the top of content/ that nothing would read."""
    known_files = [f"{kind.name}.yaml" for kind in REGISTRIES]
    out = []
    for entry in sorted(root.iterdir()):
        if _hidden_yaml(entry):
            out.append(_hidden_diagnostic(entry, project))
            continue
        if entry.name.startswith(".") or entry.name in known_files or entry.name in FOLDERS:
            continue
        if entry.name == IMAGE_FOLDER and entry.is_dir() and not entry.is_symlink():
            # Evidence images: checked where a claim names them (validate.py).
            continue
        is_folder = entry.is_dir() and not entry.is_symlink()
        if not is_folder and entry.suffix.lower() not in (".yaml", ".yml"):
            continue  # a README or similar is fine
        choices = list(FOLDERS) if is_folder else known_files
        stems = {Path(choice).stem: choice for choice in choices}
        close = [
            stems[match]
            for match in difflib.get_close_matches(entry.stem, list(stems), n=1, cutoff=0.6)
        ]
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(choices)}"
        what = "folder" if is_folder else "file"
        out.append(
            Diagnostic(
                display_path(entry, project),
                1,
                1,
                f"content/ has no place for this {what}, so it would be ignored ({hint})",
            )
        )
    return out


def _hidden_yaml(entry: Path) -> bool:
    """A YAML file whose name starts with '.': hidden, and never read."""
    return entry.name.startswith(".") and entry.suffix.lower() in (".yaml", ".yml")


def _hidden_diagnostic(entry: Path, project: Path) -> Diagnostic:
    return Diagnostic(
        display_path(entry, project),
        1,
        1,
        "files whose name starts with '.' are hidden and never read; rename it without the "
        "dot (or delete it)",
    )


def _plan_folder(
    content: Content, directory: Path, folder: str, planned: list[Planned]
) -> list[Diagnostic]:
    """Add the files of one content folder to `planned`; report the names that cannot be ids."""
    project = content.project
    if directory.is_symlink():
        content.refused.add(folder)
        return [
            Diagnostic(
                display_path(directory, project),
                1,
                1,
                "symbolic links are not allowed in content/; make it a real folder",
            )
        ]
    if not directory.is_dir():
        if directory.exists():
            content.refused.add(folder)
            return [
                Diagnostic(
                    display_path(directory, project),
                    1,
                    1,
                    f"content/{folder} must be a folder of .yaml files, not a file",
                )
            ]
        return []
    diagnostics: list[Diagnostic] = [
        _hidden_diagnostic(entry, project) for entry in directory.iterdir() if _hidden_yaml(entry)
    ]
    entries = [entry for entry in directory.iterdir() if not entry.name.startswith(".")]
    # Of names that differ only in case, the all-lowercase one is read, the others refused.
    entries.sort(key=lambda entry: (entry.name.lower(), entry.name != entry.name.lower()))
    lowered: dict[str, str] = {}
    for file in entries:
        shown = display_path(file, project)
        suffix = file.suffix
        if suffix != ".yaml":
            if file.is_dir() and not file.is_symlink():
                message = (
                    f"folders inside content/{folder}/ are not read; move the files up into it"
                )
            elif suffix.lower() in (".yaml", ".yml"):
                message = f"rename the file to end in .yaml (lowercase), like {file.stem}.yaml"
                # References to it are not reported again: the name is the one problem.
                content.broken.add((folder, file.stem))
            else:
                message = f"only .yaml files belong in content/{folder}/"
            diagnostics.append(Diagnostic(shown, 1, 1, message))
            continue
        stem = file.stem
        if stem.lower() in lowered:
            diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"'{file.name}' differs from '{lowered[stem.lower()]}' only in upper/lower "
                    "case; the two collide on Windows and macOS disks: keep one",
                )
            )
            continue
        lowered[stem.lower()] = file.name
        if not ID.match(stem):
            diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"the file name '{file.name}' is not a valid id: use lowercase Latin "
                    "letters, digits and single hyphens, like musk-epstein-files.yaml",
                )
            )
            content.broken.add((folder, stem))
            continue
        planned.append(Planned(folder, file, shown))
    return diagnostics


def _add_item(
    content: Content, plan: Planned, item: BaseModel | None, document: Document | None
) -> list[Diagnostic]:
    """Put an item that was read into its table, once its id matches its file name."""
    folder, stem = plan.folder, plan.file.stem
    if item is None or document is None:
        content.broken.add((folder, stem))
        if document is not None and isinstance(document.data, dict):
            content.partial[(folder, stem)] = document
        return []
    item_id = str(getattr(item, "id", ""))
    if item_id != stem:
        content.broken.add((folder, stem))
        if isinstance(document.data, dict):
            content.partial[(folder, stem)] = document
        taken = plan.file.with_name(f"{item_id}.yaml")
        if item_id and (taken.exists() or taken.is_symlink()):
            shown = display_path(taken, content.project)
            return [
                document.diagnostic(
                    ("id",),
                    f"id '{item_id}' is already used by {shown}; ids must be unique: set "
                    f"it to '{stem}' (the file name), or to a new id and rename the file to "
                    "match",
                )
            ]
        return [
            document.diagnostic(
                ("id",),
                f"id '{item_id}' must match the file name '{stem}' "
                f"(rename the file to {item_id}.yaml or change the id)",
            )
        ]
    table: dict[str, Any] = getattr(content, folder)
    table[item_id] = item
    content.documents[(folder, item_id)] = document
    return []


def _read_model(
    file: Path, shown: str, cls: type[M], diagnostics: list[Diagnostic]
) -> tuple[M | None, Document | None]:
    """Read a file as `cls`: (model, document), (None, document) or (None, None)."""
    model, document, found = as_item(read_document(file, shown), cls)
    diagnostics.extend(found)
    assert model is None or isinstance(model, cls)
    return model, document
