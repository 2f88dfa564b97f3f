"""YAML files → plain data with the line and column of every node, then → typed models.

`yaml.safe_load` is not enough for content written in pull requests: it expands aliases,
accepts duplicate keys silently, and guesses types the YAML 1.1 way (`no` becomes False,
`012` becomes 10, an unquoted date becomes a date). This loader reads libyaml's event stream
(its parser is iterative, so no nesting depth can crash it; its C composer is recursive and
is never used), builds plain data with an explicit stack, keeps every scalar as text (the
models decide what a value means) and rejects what an editor never needs: anchors, aliases,
tags, merge keys, several documents, invisible control characters and HTML markup.
"""

from generator.content.load.folders import load_content
from generator.content.load.parse import parse_text, parse_text_reference, read_document
from generator.content.load.reader import ReadCache
from generator.content.load.text import MAX_FILE_BYTES, decode, read_text
from generator.content.load.to_model import MAX_PROBLEMS_PER_FILE, to_model

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS_PER_FILE",
    "ReadCache",
    "decode",
    "load_content",
    "parse_text",
    "parse_text_reference",
    "read_document",
    "read_text",
    "to_model",
]
