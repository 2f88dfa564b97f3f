"""The command line: `python -m generator check|build|serve|new|status|schema|links`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from generator.content.diagnostics import ContentError, Diagnostic, printable, sort_diagnostics
from generator.site.build import BuildError, build_site, check
from generator.site.site_size import measure as measure_site
from generator.site.site_size import size_report
from generator.tools.scaffold import KINDS

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "github")
# CI sets this so that `make check` prints annotations without a Makefile change.
FORMAT_VARIABLE = "BAYYIN_CHECK_FORMAT"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostic: Diagnostic) -> str:
    """The diagnostic as a GitHub Actions workflow command, shown inline on the file.

    Escaping follows the Actions toolkit: `%`, CR and LF in the message; the same plus
    `:` and `,` in property values such as the file name.
    """
    properties = ",".join(
        f"{key}={printable(_escape_property(value))}"
        for key, value in (
            ("file", diagnostic.path),
            ("line", str(diagnostic.line)),
            ("col", str(diagnostic.column)),
        )
    )
    message = printable(_escape_data(diagnostic.message))
    return f"::{diagnostic.severity} {properties}::{message}"


def _print_diagnostics(diagnostics: list[Diagnostic], output: str = "text") -> None:
    for diagnostic in diagnostics:
        print(format_github(diagnostic) if output == "github" else diagnostic.format())
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    project = Path.cwd()
    if args.format not in FORMATS:
        print(
            f"error: ${FORMAT_VARIABLE} is '{args.format}'; use one of {', '.join(FORMATS)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    selected: list[str] = []
    for raw in args.paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            print(f"error: no such file or folder: {raw}", file=sys.stderr)
            return EXIT_USAGE
        try:
            selected.append(path.absolute().relative_to(project).as_posix())
        except ValueError:
            print(f"error: {raw} is outside the project folder", file=sys.stderr)
            return EXIT_USAGE
    content, diagnostics = check(project)
    from generator.content.placeholders import placeholder_diagnostics
    from generator.tools.status import translation_warnings

    diagnostics = sort_diagnostics(
        diagnostics
        + translation_warnings(project, content)
        + placeholder_diagnostics(project, content, args.placeholders)
    )
    if selected:
        diagnostics = [
            d
            for d in diagnostics
            if any(
                d.path == s or d.path.startswith(s.rstrip("/") + "/") or s == "." for s in selected
            )
        ]
    _print_diagnostics(diagnostics, args.format)
    if any(d.severity == "error" for d in diagnostics):
        return EXIT_CONTENT
    print("content is clean" if not diagnostics else "content has warnings only", file=sys.stderr)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    project = Path.cwd()
    started = time.perf_counter()
    try:
        content = build_site(project, Path(args.site_dir), parallel=not args.serial)
    except ContentError as error:
        _print_diagnostics(error.diagnostics)
        print(
            "build stopped: fix the errors above; the previous site was left as it was",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except BuildError as error:
        print(f"build failed; the previous site was left as it was:\n{error}", file=sys.stderr)
        return 3
    if content.history.notice:
        print(content.history.notice, file=sys.stderr)
    published = sum(c.listed for c in content.claims.values())
    print(
        f"built {args.site_dir}/ ({published} claims, 2 languages) in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    for line in size_report(measure_site(Path(args.site_dir)), args.site_dir):
        print(line, file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve

    return serve(Path.cwd(), host=args.host, port=args.port, restart=True)


def cmd_new(args: argparse.Namespace) -> int:
    from generator.tools.scaffold import ScaffoldError, write_skeleton

    project = Path.cwd()
    try:
        written = write_skeleton(project, args.kind, args.id)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    shown = written.relative_to(project).as_posix()
    print(shown)
    print(
        f'wrote {shown}: replace every "" and choose-a-... in it, then run `make check`',
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from generator.tools.status import format_report, report

    project = Path.cwd()
    content, diagnostics = check(project)
    print(format_report(report(project, content)))
    errors = sum(d.severity == "error" for d in diagnostics)
    if errors:
        print(
            f"{errors} content error(s) not shown; files with errors are left out "
            "(run `make check`)",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.tools.schema import stale_schemas, write_schemas

    project = Path.cwd()
    if args.check:
        stale = stale_schemas(project)
        for path in stale:
            print(
                f"{path.relative_to(project).as_posix()}: out of date with "
                "generator/content/model.py; "
                "run `python -m generator schema` and commit the result",
            )
        return EXIT_CONTENT if stale else EXIT_OK
    for path in write_schemas(project):
        print(f"wrote {path.relative_to(project).as_posix()}", file=sys.stderr)
    return EXIT_OK


def _port(text: str) -> int:
    """A port number for `serve --port`."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (use 1 to 65535)")
    return int(text)


def cmd_links(args: argparse.Namespace) -> int:
    from generator.content.load import load_content
    from generator.tools.archive import Wayback, archive_sources
    from generator.tools.links import (
        CACHE_FILE,
        Checker,
        LinkCache,
        Settings,
        check_links,
        source_files,
        user_agent,
    )

    project = Path.cwd()
    paths = []
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            print(f"error: no such file or folder: {raw}", file=sys.stderr)
            return EXIT_USAGE
        paths.append(path.absolute())
    if args.timeout <= 0 or args.workers < 1:
        print("error: --timeout and --workers must be positive", file=sys.stderr)
        return EXIT_USAGE
    site = None
    if (project / "content" / "site.yaml").is_file():
        site = load_content(project / "content", project)[0].site
    checker = Checker(
        Settings(
            user_agent=user_agent((site.repository or site.contact) if site else None),
            timeout=args.timeout,
            workers=args.workers,
        )
    )
    cache = LinkCache.load(project / CACHE_FILE)
    if args.fresh:
        cache.results.clear()
    report = check_links(project, source_files(project, paths), checker, cache)
    diagnostics = report.diagnostics
    written = 0
    if args.archive:
        found, written = archive_sources(report, checker, Wayback.at(args.archive_url))
        diagnostics = sort_diagnostics(diagnostics + found)
    cache.save()
    _print_diagnostics(diagnostics)
    print(report.summary(), file=sys.stderr)
    if args.archive:
        print(f"archive copies written into {written} source file(s)", file=sys.stderr)
    failed = report.dead or any(d.severity == "error" for d in diagnostics)
    return EXIT_CONTENT if failed else EXIT_OK


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("check", help="validate content/ and report every problem")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="only report problems in these files or folders"
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=os.environ.get(FORMAT_VARIABLE) or "text",
        help="text: path:line:col: error: message (default); github: GitHub Actions "
        f"annotations (${FORMAT_VARIABLE} sets the default)",
    )
    p.add_argument(
        "--placeholders",
        choices=("warning", "error"),
        default="warning",
        help="how to report example-site values (an .example contact, the example "
        "CODEOWNERS team): warning (default), or error, as the deploy workflow does",
    )
    p.set_defaults(run=cmd_check)

    p = commands.add_parser("build", help="check, then build the site into site/")
    p.add_argument("--site-dir", default="site", help="output folder (default: site)")
    p.add_argument("--serial", action="store_true", help="build the languages one by one")
    p.set_defaults(run=cmd_build)

    p = commands.add_parser(
        "serve", help="preview the site, drafts included; rebuild when content changes"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to serve on (default: 8000)")
    p.set_defaults(run=cmd_serve)

    p = commands.add_parser(
        "new", help="write a skeleton claim, story, page, person, source or staff file to fill in"
    )
    p.add_argument("kind", choices=tuple(KINDS))
    p.add_argument("id", help="the new file's id, like musk-epstein-files")
    p.set_defaults(run=cmd_new)

    p = commands.add_parser(
        "status", help="list claims (rating, dates, translation), drafts, unarchived sources"
    )
    p.set_defaults(run=cmd_status)

    p = commands.add_parser("schema", help="write the JSON Schema of each file kind to schema/")
    p.add_argument(
        "--check", action="store_true", help="only report schema files that are out of date"
    )
    p.set_defaults(run=cmd_schema)

    p = commands.add_parser(
        "links", help="check that every source URL still answers (--archive: add archive copies)"
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="source files or folders (default: content/sources)",
    )
    p.add_argument(
        "--archive",
        action="store_true",
        help="for each source without an archive copy, find or make a Wayback Machine snapshot "
        "and write archive:, accessed: and (when empty) title: into its file",
    )
    p.add_argument(
        "--archive-url",
        default=None,
        help="base URL of the Wayback Machine's services ($BAYYIN_WAYBACK_URL; default: the "
        "Internet Archive)",
    )
    p.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for an answer")
    p.add_argument("--workers", type=int, default=8, help="requests at once (2 per host at most)")
    p.add_argument(
        "--fresh", action="store_true", help="ask every server again, even if checked within a day"
    )
    p.set_defaults(run=cmd_links)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
