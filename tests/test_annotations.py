"""`check --format github`: diagnostics as GitHub Actions workflow commands (annotations)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import cli
from generator.content.diagnostics import Diagnostic


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the Actions runner does (ActionCommand.cs)."""
    assert line.startswith("::")
    head, _, message = line[2:].partition("::")
    command, _, raw_properties = head.partition(" ")
    properties = {}
    for pair in raw_properties.split(",") if raw_properties else []:
        key, _, value = pair.partition("=")
        properties[key] = (
            value.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
        )
    data = message.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return command, properties, data


def test_error_becomes_an_error_annotation_on_its_line() -> None:
    diagnostic = Diagnostic("content/claims/x.yaml", 12, 5, "rating: 'mostly-true' is unknown")
    assert cli.format_github(diagnostic) == (
        "::error file=content/claims/x.yaml,line=12,col=5::rating: 'mostly-true' is unknown"
    )


def test_warning_becomes_a_warning_annotation() -> None:
    diagnostic = Diagnostic("a.yaml", 1, 2, "translation may be stale", severity="warning")
    assert (
        cli.format_github(diagnostic)
        == "::warning file=a.yaml,line=1,col=2::translation may be stale"
    )


def test_message_escapes_percent_and_line_breaks_but_not_colon_or_comma() -> None:
    diagnostic = Diagnostic("a.yaml", 3, 4, "100% sure:\r\nline two, then: more")
    line = cli.format_github(diagnostic)
    assert line.endswith("::100%25 sure:%0D%0Aline two, then: more")
    assert "\n" not in line and "\r" not in line


def test_properties_escape_colon_comma_percent_and_line_breaks() -> None:
    diagnostic = Diagnostic("content/a,b:c%d\re\nf.yaml", 7, 9, "m")
    line = cli.format_github(diagnostic)
    assert line == "::error file=content/a%2Cb%3Ac%25d%0De%0Af.yaml,line=7,col=9::m"


# What printable() leaves as it is: everything but controls, bidi controls, line/paragraph
# separators and lone surrogates; CR and LF stay in, since escaping handles them first.
_SHOWN = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[
        chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\r\n"
    ]
    + [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]],
)


@given(
    path=st.text(_SHOWN, min_size=1, max_size=40),
    message=st.text(_SHOWN, max_size=80),
    line=st.integers(min_value=1, max_value=10**6),
    column=st.integers(min_value=1, max_value=10**4),
    severity=st.sampled_from(["error", "warning"]),
)
def test_the_runner_reads_back_exactly_what_was_written(
    path: str, message: str, line: int, column: int, severity: str
) -> None:
    diagnostic = Diagnostic(path, line, column, message, severity=severity)  # type: ignore[arg-type]
    written = cli.format_github(diagnostic)
    assert "\n" not in written and "\r" not in written
    command, properties, data = parse_command(written)
    assert command == severity
    assert properties == {"file": path, "line": str(line), "col": str(column)}
    assert data == message


def test_controls_and_bidi_controls_are_shown_not_sent() -> None:
    diagnostic = Diagnostic("content/a\u202eb.yaml", 1, 1, "bad \x1b[31m \u2066text")
    line = cli.format_github(diagnostic)
    assert (
        line == "::error file=content/a<U+202E>b.yaml,line=1,col=1::bad <U+001B>[31m <U+2066>text"
    )


def _project_with_one_error(tmp_path: Path, project: Path) -> Path:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    for name in ("site.yaml", "ratings.yaml"):
        shutil.copy(project / "content" / name, root / "content" / name)
    # A newsroom's own contact, not the example site's placeholder (a warning of its own).
    settings = root / "content" / "site.yaml"
    settings.write_text(settings.read_text("utf-8").replace(".example", ".test"), "utf-8")
    shutil.copytree(project / "content" / "pages", root / "content" / "pages")
    (root / "content" / "people").mkdir()
    (root / "content" / "people" / "someone.yaml").write_text(
        "id: someone\nname:\n  ar: شخص\n  en: Someone\nrole:\n  ar: دور\n  en: A role\n"
        "titel: typo\n",
        encoding="utf-8",
    )
    return root


def test_check_prints_annotations_with_format_github(
    tmp_path: Path,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _project_with_one_error(tmp_path, project)
    monkeypatch.chdir(root)
    monkeypatch.delenv(cli.FORMAT_VARIABLE, raising=False)
    assert cli.main(["check", "--format", "github"]) == cli.EXIT_CONTENT
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert out[0].startswith("::error file=content/people/someone.yaml,line=8,col=1::")
    assert "unknown field 'titel'" in out[0]


def test_the_environment_sets_the_default_format_and_the_flag_overrides_it(
    tmp_path: Path,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _project_with_one_error(tmp_path, project)
    monkeypatch.chdir(root)
    monkeypatch.setenv(cli.FORMAT_VARIABLE, "github")
    assert cli.main(["check"]) == cli.EXIT_CONTENT
    assert capsys.readouterr().out.startswith("::error file=content/people/someone.yaml,")
    assert cli.main(["check", "--format", "text"]) == cli.EXIT_CONTENT
    assert capsys.readouterr().out.startswith("content/people/someone.yaml:8:1: error: ")


def test_an_unknown_format_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli.FORMAT_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--format", "sarif"])
    assert exit_info.value.code == cli.EXIT_USAGE


def test_an_unknown_format_in_the_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(cli.FORMAT_VARIABLE, "sarif")
    assert cli.main(["check"]) == cli.EXIT_USAGE
    assert "$BAYYIN_CHECK_FORMAT is 'sarif'" in capsys.readouterr().err
