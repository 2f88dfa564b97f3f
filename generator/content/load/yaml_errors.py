"""libyaml's error wording → what an editor needs to fix the line."""

from __future__ import annotations

import yaml

from generator.content.diagnostics import Diagnostic
from generator.content.load.events import TOO_DEEP, at_mark


def yaml_error(path: str, exc: yaml.MarkedYAMLError, lines: list[str]) -> Diagnostic:
    """Turn libyaml's wording into what an editor needs to fix the line."""
    line, column = at_mark(exc.problem_mark or exc.context_mark)
    problem = exc.problem or ""
    context = exc.context or ""
    start_line, _ = at_mark(exc.context_mark)
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    char = row[column - 1] if 0 < column <= len(row) else ""
    if "tab" in problem or char == "\t":
        message = "a tab is used for indentation; indent with spaces only"
    elif "quoted scalar" in context and "end of stream" in problem:
        line, column = at_mark(exc.context_mark)
        message = "the quoted text that starts here is never closed; add the closing quote"
    elif "flow sequence" in context:
        line, column = at_mark(exc.context_mark)
        message = (
            "the list in square brackets that starts here is not closed with ']' "
            "(if the [ belongs to the text, put the whole value in quotes)"
        )
    elif "flow mapping" in context:
        line, column = at_mark(exc.context_mark)
        message = (
            "the group in curly brackets that starts here is not closed with '}' "
            "(if the { belongs to the text, put the whole value in quotes)"
        )
    elif "mapping values are not allowed" in problem:
        message = (
            "a colon followed by a space inside a value; put the whole value in quotes, "
            "or check the indentation of this line"
        )
    elif "alias" in context or "anchor" in context:
        line, column = at_mark(exc.context_mark)
        sign = "*" if "alias" in context else "&"
        message = (
            f"a value starting with {sign} is read as a YAML "
            f"{'alias' if sign == '*' else 'anchor'}; put the whole value in quotes"
        )
    elif (
        "cannot start any token" in problem and char == "@" and row[column - 2 : column - 1] == "["
    ):
        message = (
            "a value cannot start with a citation marker [@...]; put the whole value in quotes"
        )
    elif "cannot start any token" in problem and char:
        message = f"a value cannot start with '{char}'; put the whole value in quotes"
    elif "unknown escape" in problem:
        message = (
            "unknown backslash escape in double-quoted text; write \\\\ for a backslash, "
            "or use single quotes"
        )
    elif "simple key" in context and "expected ':'" in problem:
        line, column = at_mark(exc.context_mark)
        message = "this line has no colon; write it as key: value, or indent it under a key"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        if char == "-":
            message = (
                "a list item (- ) does not line up here; indent the items of one list "
                "to the same column, under their key"
            )
        elif _after_quoted_text(row, column):
            message = "text after the closing quote; put the whole value inside the quotes"
        else:
            message = (
                "this line is not indented like the lines above it; the keys of one group "
                f"must start in the same column (the group starts on line {start_line})"
            )
    elif "did not find expected '-' indicator" in problem:
        message = "this line does not line up with the list items above it"
    elif "nesting depth" in problem:
        message = TOO_DEEP
    elif "directive" in context or "YAML document" in problem:
        message = "YAML directives (lines starting with %) are not allowed; delete the line"
    elif "block sequence entries are not allowed" in problem:
        message = "a list item (- ) cannot start here; put it on its own line under its key"
    else:
        where = f" {context}" if context else ""
        message = f"the YAML is malformed here:{where} {problem}".rstrip()
    return Diagnostic(path, line, column, message)


def _after_quoted_text(row: str, column: int) -> bool:
    before = row[: column - 1].rstrip()
    return before.endswith(("'", '"')) and ":" in before
