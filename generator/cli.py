"""The command line: `python -m generator check|build|serve`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.build import BuildError, build_site, check
from generator.errors import ContentError, Diagnostic

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format())
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    project = Path.cwd()
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
    _, diagnostics = check(project)
    if selected:
        diagnostics = [
            d
            for d in diagnostics
            if any(
                d.path == s or d.path.startswith(s.rstrip("/") + "/") or s == "." for s in selected
            )
        ]
    _print_diagnostics(diagnostics)
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
    published = sum(c.status == "published" for c in content.claims.values())
    print(
        f"built {args.site_dir}/ ({published} claims, 2 languages) in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(Path.cwd(), host=args.host, port=args.port)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("check", help="validate content/ and report every problem")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="only report problems in these files or folders"
    )
    p.set_defaults(run=cmd_check)

    p = commands.add_parser("build", help="check, then build the site into site/")
    p.add_argument("--site-dir", default="site", help="output folder (default: site)")
    p.add_argument("--serial", action="store_true", help="build the languages one by one")
    p.set_defaults(run=cmd_build)

    p = commands.add_parser("serve", help="preview the site; rebuild when content changes")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(run=cmd_serve)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
