"""Fuzzing: mutated content files get exit 0 or 1 and located lines, never a traceback.

Hypothesis mutates the valid fixture site (bytes, lines, YAML values) and runs the real
`check` command in-process: it must return 0 or 1, print only `path:line:col: severity:
message` lines for files under content/, finish in a bounded time and leave every file
as it found it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixture_sites import VALID, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli

FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*.yaml"))
LINE = re.compile(r"^content/[^:]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning): \S.*$")
# Values that YAML or the model treat specially, or that once broke a loader.
SPECIAL = [
    "no", "off", "yes", "~", "null", "012", "0x1F", "1e3", ".inf", "2025-02-30", "2099-01-01",
    "٢٠٢٥-٠١-٠١", "&a x", "*a", "!!python/object/apply:os.system ['true']", "!x y", "<<",
    "[", "]", "{", "}", "[@x]", "'", '"', "|", ">", "- x", "? x", ": x", "---", "...", "%YAML 1.1",
    "#", "\t", "\u202e", "\u2066", "\x00", "\ufeff", "\u2028", "<script>alert(1)</script>",
    "&lt;", "javascript:alert(1)", "//evil.example", "http://127.0.0.1/", "[x](javascript:x)",
    "{{ config }}", "[" * 300, "- " * 60, "a" * 25_000, "é", "دوجكوين",
]  # fmt: skip


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """One valid file and the mutated bytes to put in its place."""
    name = draw(st.sampled_from(FILES))
    data = bytearray((VALID / name).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["byte", "insert", "delete", "truncate", "line", "value"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "byte" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "line":
            lines = bytes(data).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["drop", "repeat", "swap", "indent", "dedent"]))
            if action == "drop":
                del lines[index]
            elif action == "repeat":
                lines.insert(index, lines[index])
            elif action == "swap" and index + 1 < len(lines):
                lines[index], lines[index + 1] = lines[index + 1], lines[index]
            elif action == "indent":
                lines[index] = b"  " + lines[index]
            else:
                lines[index] = lines[index][1:]
            data = bytearray(b"\n".join(lines))
        elif kind == "value":
            text = bytes(data).decode("utf-8", "surrogateescape")
            values = list(re.finditer(r"(?m)^(\s*(?:- )?[A-Za-z_]+: )(.+)$", text))
            if values:
                match = values[draw(st.integers(0, len(values) - 1))]
                new = draw(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=30)))
                text = text[: match.start(2)] + new + text[match.end(2) :]
                data = bytearray(text.encode("utf-8", "surrogateescape"))
    return name, bytes(data)


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield copy_project(Path(folder) / "project")


def run_check(project: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(project),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.main(["check"])
    return code, out.getvalue(), err.getvalue()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutation=mutations())
def test_mutated_content_gets_located_lines(project: Path, mutation: tuple[str, bytes]) -> None:
    name, data = mutation
    target = project / name
    original = target.read_bytes()
    target.write_bytes(data)
    try:
        before = snapshot(project)
        started = time.perf_counter()
        code, out, err = run_check(project)
        elapsed = time.perf_counter() - started
        assert snapshot(project) == before
    finally:
        target.write_bytes(original)
    assert code in (0, 1), (code, out, err)
    assert "Traceback" not in out + err
    assert elapsed < 3, elapsed
    for line in out.splitlines():
        assert LINE.match(line), line
    if code == 1:
        assert any(": error: " in line for line in out.splitlines())


def test_the_unmutated_site_is_clean(project: Path) -> None:
    assert run_check(project)[:2] == (0, "")
