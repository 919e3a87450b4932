"""Tables as the author meant them, found the way Python-Markdown's block parser finds them.

The tables extension splits a row at every bar that is not escaped or in code, so the bar of a
glossary link (`[[jävig|jäv]]`) would split its cell, and it silently drops the cells of a row beyond
its header's. `TableRows` runs before the blocks are parsed, escapes those bars and refuses the long
rows. To touch only real tables it reads the text as the block parser will: blocks between blank
lines, a table only where a block starts with a header row and a rule of as many cells (every further
line of that block is a row), a heading or a rule between lines starting a block of its own, a
list's items each a block, indented lines as code (or, under a list, as its last item's), and a
block quote's lines read without their `>`, however deep. Indentation nested inside lists and quotes
follows finer rules in Python-Markdown, which this reading simplifies.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import markdown
from markdown.preprocessors import Preprocessor

from builder.syntax import CODE_SPAN, GLOSSARY_LINK

if TYPE_CHECKING:
    from builder.render.renderer import MarkdownRenderer

# What Python-Markdown's block processors look for, in the order they are tried after the tables.
HASH_HEADING = re.compile(r"^#{1,6}")
SETEXT_UNDERLINE = re.compile(r"^[=-]+[ ]*$")
THEMATIC_BREAK = re.compile(r"^[ ]{0,3}(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})[ ]*$")
# With sane_lists, as the renderer has it, a bullet list's items start only with a bullet, and a
# numbered list's only with a number.
BULLET_ITEM = re.compile(r"^[ ]{0,3}[*+-][ ]+")
NUMBERED_ITEM = re.compile(r"^[ ]{0,3}\d+\.[ ]+")
INDENT = "    "
QUOTE_MARK = re.compile(r"^[ ]{0,3}>[ ]?")
RULE_CHARACTERS = set("|:- ")

Line = tuple[int, str]  # the line's index in the text, and what of it the block parser reads here


def table_cells(row: str, border: bool = True) -> int:
    """How many cells the tables extension makes of a row: bars in code spans or escaped do not count,
    nor, in a table whose header has a bar at an edge, the bars at the row's edges."""
    bars = CODE_SPAN.sub("", row.replace("\\|", "")).strip()
    return (bars.removeprefix("|").removesuffix("|") if border else bars).count("|") + 1


def bordered(row: str) -> bool:
    row = row.strip()
    return row.startswith("|") or (row.endswith("|") and not row.endswith("\\|"))


def escape_link_bars(line: str) -> str:
    """A table row with the bar of each glossary link escaped, code spans left as written."""
    def escaped(m: re.Match[str]) -> str:
        return f"[[{m.group(1)}\\|{m.group(2)}]]" if m.group(2) is not None else m.group(0)

    parts, end = [], 0
    for code in CODE_SPAN.finditer(line):
        parts += [GLOSSARY_LINK.sub(escaped, line[end:code.start()]), code.group(0)]
        end = code.end()
    return "".join([*parts, GLOSSARY_LINK.sub(escaped, line[end:])])


class TableRows(Preprocessor):
    """A glossary link's bar does not split its cell, and a row with more cells than its header is refused."""

    def __init__(self, md: markdown.Markdown, renderer: MarkdownRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        self.lines, self.out = lines, list(lines)
        self.blocks(list(enumerate(lines)))
        return self.out

    def blocks(self, lines: list[Line]) -> None:
        """Each run of lines that are not blank, as the block parser cuts the text."""
        block: list[Line] = []
        after_list = False
        for line in [*lines, (-1, "")]:
            if line[1].strip():
                block.append(line)
            elif block:
                after_list = self.block(block, after_list)
                block = []

    def block(self, block: list[Line], after_list: bool = False) -> bool:
        """One block, with the processors tried in the parser's order; True if it leaves a list last, on
        which an indented block after it goes on."""
        if not block:
            return after_list
        texts = [text for _, text in block]
        if indented := next((k for k, text in enumerate(texts) if not text.startswith(INDENT)), len(block)):
            if after_list:  # the list's last item goes on; without a list, indented lines are code
                self.block([(index, text.removeprefix(INDENT)) for index, text in block[:indented]])
            return self.block(block[indented:], after_list)
        if self.table(block):
            return False
        if (heading := first(texts, HASH_HEADING)) is not None:
            self.block(block[:heading], after_list)  # the lines before a heading are one block, those after another
            return self.block(block[heading + 1:])
        if len(block) > 1 and SETEXT_UNDERLINE.match(texts[1]):
            return self.block(block[2:])
        if (rule := first(texts, THEMATIC_BREAK)) is not None:
            self.block(block[:rule], after_list)
            return self.block(block[rule + 1:])
        if BULLET_ITEM.match(texts[0]) or NUMBERED_ITEM.match(texts[0]):
            for item in list_items(block):
                self.block(item)
            return True
        if (quote := first(texts, QUOTE_MARK)) is not None:
            self.block(block[:quote], after_list)
            self.blocks([(index, unquoted(text)) for index, text in block[quote:]])
        return False

    def table(self, block: list[Line]) -> bool:
        """Escape and check the rows of block if it is a table; False if it is not one."""
        if len(block) < 2:
            return False
        rows = [escape_link_bars(text) for _, text in block]
        border = bordered(rows[0])
        header = table_cells(rows[0], border)
        rule = rows[1].strip()
        if table_cells(rule, border) != header or not set(rule) <= RULE_CHARACTERS:
            return False
        if header == 1 and not (border and all(bordered(row) for row in rows)):
            return False  # one column: every row needs a bar at its edge
        for (index, text), row in zip(block, rows, strict=True):
            cells = table_cells(row, border)
            if cells > header:
                self.renderer.report("table-row-too-many-cells", self.lines[index].strip(), cells=cells,
                                     header=header)
            original = self.lines[index]
            self.out[index] = original[:len(original) - len(text)] + row
        return True


def list_items(block: list[Line]) -> list[list[Line]]:
    """A list's items, each read as a block of its own: a marker starts one, an indented line is read
    without its indent, any other line belongs to the item above it."""
    items: list[list[Line]] = []
    kind = BULLET_ITEM if BULLET_ITEM.match(block[0][1]) else NUMBERED_ITEM
    for index, text in block:
        if marker := kind.match(text):
            items.append([(index, text[marker.end():])])
        else:
            items[-1].append((index, text.removeprefix(INDENT)))
    return items


def first(texts: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((k for k, text in enumerate(texts) if pattern.match(text)), None)


def unquoted(text: str) -> str:
    """One level of a block quote's `>` taken off, as the block parser does; a lazy line stays as it is."""
    if text.strip() == ">":
        return ""
    mark = QUOTE_MARK.match(text)
    return text[mark.end():] if mark else text
