"""Source locating: a Markdown document joined from parts, that can say where a piece was written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.model import SourceRef

# Quotes and lists inside each other: real courses use three levels at most. Python-Markdown parses
# and serialises nesting by recursion, so a text nested a few hundred levels deep would crash it.
MAX_NESTING = 20
CONTAINER_PREFIX = re.compile(r" {0,3}(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)) ?| {4}|\t")
# Stands for a named block in a lesson's prose while the prose is rendered as one document; the
# tree processor turns it into an element that no source can produce (raw HTML never gets through).
# The control character is one the loader refuses in every source, and not one Markdown strips.
BLOCK_MARK = "ETOSBLOCK\x1e{}\x1eETOSBLOCK"
BLOCK_MARK_TEXT = re.compile("^ETOSBLOCK\x1e(\\d+)\x1eETOSBLOCK$")
BLOCK_ELEMENT = re.compile(r'<etos-block n="(\d+)"></etos-block>')


def nesting_depth(line: str) -> int:
    """How many quotes, list items and indentation levels a line opens before its text."""
    depth, position = 0, 0
    while True:
        match = CONTAINER_PREFIX.match(line, position)
        if match is None or match.end() == position:
            return depth
        depth += 1
        position = match.end()


@dataclass
class Part:
    """One piece of a Markdown document and where it came from (None: a piece the renderer added)."""

    text: str
    source: SourceRef | None


class Document:
    """A Markdown text being rendered, joined from parts, that can say where a piece of it was written.

    The tree Python-Markdown builds keeps no source positions, so a problem found in the tree is
    placed by finding the text of what was found (a link's target, a tag, a `[[term]]`) in the
    document: the next occurrence each time, so two identical mistakes name their own lines. What
    cannot be found is placed at the line where the document starts.
    """

    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts
        self.text = "\n\n".join(part.text for part in parts)
        self.starts: list[int] = []
        offset = 0
        for part in parts:
            self.starts.append(offset)
            offset += len(part.text) + 2
        self.cursors: dict[str, int] = {}

    @classmethod
    def of(cls, text: str) -> Document:
        return cls([Part(text, getattr(text, "source", None))])

    @property
    def start(self) -> SourceRef | None:
        return next((part.source for part in self.parts if part.source is not None), None)

    def at_offset(self, offset: int) -> SourceRef | None:
        """The file and line of a position in the document."""
        index = max(i for i, start in enumerate(self.starts) if start <= offset) if self.starts else 0
        source = self.parts[index].source if self.parts else None
        if source is None:
            return self.start
        return SourceRef(source.path, source.line + self.text.count("\n", self.starts[index], offset))

    def find(self, token: str) -> SourceRef | None:
        """Where the next occurrence of token was written, or None if it was not written as such."""
        if not token:
            return None
        found = self.text.find(token, self.cursors.get(token, 0))
        if found < 0:
            found = self.text.find(token)
        if found < 0:
            return None
        self.cursors[token] = found + len(token)
        return self.at_offset(found)

    def place(self, token: str) -> SourceRef | None:
        """Where token was written, else where the document starts."""
        return self.find(token) or self.start
