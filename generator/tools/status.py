"""Where each claim stands: rating, dates, draft or published, and whether a translation lags.

A claim's prose is written twice, in Arabic and in English. When one language is edited and
the other is not, the other may no longer say the same thing. Git already knows the history
of every claim file, so this module reads it (one `git log` and one `git cat-file` for the
whole folder) and compares, field by field, the last change of each language:

- a field whose Arabic changed after its English last changed: the English may be stale;
- the other way round: the Arabic may be stale.

Uncommitted edits count as the newest change, so an editor sees the warning before
committing. A commit whose message has the line `Translation-Checked: yes` marks both
languages of the file as in step (for a typo fix that needs no translation).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.diagnostics import Diagnostic, Document, format_loc
from generator.content.kinds import Content
from generator.content.model import LANGUAGE_NAMES
from generator.tools.translation_compare import TranslationStatus, translation_statuses

# --- what check and status report ---------------------------------------------------------


def _claim_documents(content: Content) -> dict[str, Document]:
    return {
        content.document("claims", claim_id).path: content.document("claims", claim_id)
        for claim_id in content.claims
    }


def translation_warnings(project: Path, content: Content) -> list[Diagnostic]:
    """Warnings for `check`: one per claim field whose translation may be stale.

    Warnings never fail `check`; they point at the text that may need updating.
    """
    documents = _claim_documents(content)
    if not documents:
        return []
    diagnostics = []
    for path, status in translation_statuses(project, documents).items():
        document = documents[path]
        for stale in status.stale:
            other = "en" if stale.stale == "ar" else "ar"
            where = format_loc((*stale.loc, stale.stale))
            line, column = document.position((*stale.loc, stale.stale))
            diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    f"{where}: translation may be stale: the {LANGUAGE_NAMES[other]} changed "
                    f"{stale.changed.describe()}, the {LANGUAGE_NAMES[stale.stale]} last "
                    f"changed {stale.previous.describe()}; update the "
                    f"{LANGUAGE_NAMES[stale.stale]}, or if it already matches, commit with the "
                    "line 'Translation-Checked: yes' in the message",
                    severity="warning",
                )
            )
    return diagnostics


@dataclass
class ClaimRow:
    """One line of the status table."""

    id: str
    status: str
    rating: str
    published: str
    updated: str
    translation: str


@dataclass
class Report:
    """What `python -m generator status` prints."""

    claims: list[ClaimRow]
    drafts: list[str]
    unarchived: dict[str, list[str]]
    # Claims that name no author or no editor (bylines are optional, so this is a to-do).
    unsigned: list[str] = field(default_factory=list)
    # Sources whose page title is not recorded (the list shows the publisher instead).
    untitled: list[str] = field(default_factory=list)
    sources: int = 0


def report(project: Path, content: Content) -> Report:
    """Gather the status of every claim, the drafts and the sources with no archive link."""
    documents = _claim_documents(content)
    statuses = translation_statuses(project, documents) if documents else {}
    rows = []
    for claim_id, claim in sorted(content.claims.items()):
        path = content.document("claims", claim_id).path
        status = statuses.get(path, TranslationStatus(known=False))
        rows.append(
            ClaimRow(
                id=claim_id,
                status="withdrawn" if claim.withdrawn else claim.status,
                rating=claim.rating,
                published=claim.published.isoformat(),
                updated=claim.updated.isoformat() if claim.updated else "-",
                translation=status.summary(),
            )
        )
    cited_by: dict[str, list[str]] = {}
    for claim_id, claim in sorted(content.claims.items()):
        for source_id in claim.sources:
            cited_by.setdefault(source_id, []).append(claim_id)
    unarchived = {
        source_id: cited_by.get(source_id, [])
        for source_id, source in sorted(content.sources.items())
        if source.archive is None
    }
    drafts = [row.id for row in rows if row.status == "draft"]
    unsigned = [
        claim_id
        for claim_id, claim in sorted(content.claims.items())
        if claim.author is None or claim.editor is None
    ]
    untitled = [source_id for source_id, s in sorted(content.sources.items()) if not s.title]
    return Report(
        claims=rows,
        drafts=drafts,
        unarchived=unarchived,
        unsigned=unsigned,
        untitled=untitled,
        sources=len(content.sources),
    )


def format_report(result: Report) -> str:
    """The report as plain-text tables, in the order an editor reads them."""
    header = ("claim", "status", "rating", "published", "updated", "translation")
    table = [header] + [
        (r.id, r.status, r.rating, r.published, r.updated, r.translation) for r in result.claims
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    lines.append(f"drafts ({len(result.drafts)}): {', '.join(result.drafts) or 'none'}")
    lines.append("")
    lines.append(
        f"claims without an author or editor ({len(result.unsigned)}): "
        f"{', '.join(result.unsigned) or 'none'}"
    )
    lines.append("")
    cited = {k: v for k, v in result.unarchived.items() if v}
    uncited = [k for k, v in result.unarchived.items() if not v]
    lines.append(f"sources with no archive link ({len(result.unarchived)}):")
    for source_id, claims in cited.items():
        lines.append(f"  {source_id}  (cited by {', '.join(claims)})")
    if uncited:
        lines.append(f"  and {len(uncited)} not cited by any claim:")
        lines.extend(
            textwrap.wrap(
                ", ".join(uncited),
                width=96,
                initial_indent="    ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        )
    if not result.unarchived:
        lines.append("  none")
    lines.append("")
    lines.append(
        f"sources with no title: {len(result.untitled)} of {result.sources}"
        + (" (add title: as the page gives it, and translated_title:)" if result.untitled else "")
    )
    return "\n".join(lines)
