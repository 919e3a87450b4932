"""A lesson body cut into blocks: prose, and the `:::` blocks an author names (facts, examples,
reflections, dilemmas, knowledge checks, facilitator notes).

The splitter reads fenced code exactly as the renderer does, so a `:::` the learner sees as code is
never taken for a block, and an unclosed fence hides nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.fenced_code import FencedBlockPreprocessor

from builder.load.questions import read_question
from builder.model import Block, BlockKind, Dilemma, DilemmaChoice, SourceRef, Text
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_each, read_source, suggest
from builder.yamlsource import parse_yaml

BLOCK_START = re.compile(r"^:::\s*([A-Za-zÅÄÖåäö/-]+)\s*(.*?)\s*$")
BLOCK_END = re.compile(r"^:::\s*$")
BLOCK_ALIASES = {"fakta/lagrum": BlockKind.LAW}
MARKDOWN_BLOCKS = {BlockKind.FACT, BlockKind.LAW, BlockKind.EXAMPLE, BlockKind.REFLECTION, BlockKind.FACILITATOR}

# A fenced code block exactly as the renderer's `fenced_code` extension reads one: `:::` inside it is code.
FENCED_BLOCK = FencedBlockPreprocessor.FENCED_BLOCK_RE


@dataclass(kw_only=True)
class DilemmaSource(SourceMapping):
    """A `::: dilemma` block's YAML: a case and the choices a learner weighs."""

    title: str = key("rubrik", required=True)
    situation: Text = key("situation", required=True)
    prompt: Text = key("fråga", default="Vad gör du?")
    choices: list[object] = key("val", required=True)
    facilitator_note: Text = key("handledarnotering", default="")


@dataclass(kw_only=True)
class ChoiceSource(SourceMapping):
    """One choice of a dilemma, with the feedback it gets."""

    text: Text = key("text", required=True)
    feedback: Text = key("återkoppling", required=True)
    recommended: bool = key("rekommenderat", default=False)


def fenced_code_ends(lines: list[str]) -> dict[int, int]:
    """Where each fenced code block starts and ends (line indexes), read as the renderer reads them.

    The renderer's `fenced_code` extension takes a fence only at the start of a line and only once it
    is closed by the same fence; the same regular expression finds them here, so a `:::` that the
    renderer shows as code is code for the block splitter too, and an unclosed ``` hides nothing.
    """
    text = "\n".join(lines)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    ends: dict[int, int] = {}
    i = 0
    while i < len(lines):
        match = FENCED_BLOCK.match(text, starts[i]) if lines[i][:3] in ("```", "~~~") else None
        if match is None:
            i += 1
            continue
        last = text.count("\n", 0, match.end())
        ends[i] = last
        i = last + 1
    return ends


def split_blocks(lines: list[str], first_line: int, path: Path, lesson_id: str, problems: Problems) -> list[Block]:
    """Cut a lesson body into prose and `:::` blocks, keeping each block's line; fenced code is never cut."""
    blocks: list[Block] = []
    prose: list[str] = []
    prose_line = first_line
    counters: dict[BlockKind, int] = {}
    fences = fenced_code_ends(lines)
    code = {j for start, end in fences.items() for j in range(start, end + 1)}
    i = 0

    def flush_prose() -> None:
        if "".join(prose).strip():
            blocks.append(Block(BlockKind.PROSE, SourceRef(path, prose_line),
                                markdown=Text("\n".join(prose), SourceRef(path, prose_line))))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        number = first_line + i
        start = None if i in code else BLOCK_START.match(line)
        if start is None or BLOCK_END.match(line):
            if BLOCK_END.match(line) and i not in code:
                problems.error("block-end-without-start", path, number)
            else:
                if not prose:
                    prose_line = number
                prose.append(line)
            i += 1
            continue
        flush_prose()
        word, title = start.group(1).lower(), start.group(2)
        kind = BLOCK_ALIASES.get(word)
        if kind is None:
            kind = next((k for k in BlockKind if k.value == word and k is not BlockKind.PROSE), None)
        try:
            close = next(j for j in range(i + 1, len(lines))
                         if j not in code and (BLOCK_END.match(lines[j]) or BLOCK_START.match(lines[j])))
        except StopIteration:
            close = None
        if close is None or not BLOCK_END.match(lines[close]):
            problems.error("block-unclosed", path, number, kind=word)
            i = close if close is not None else len(lines)
            prose_line = first_line + i
            continue
        body = lines[i + 1:close]
        if kind is None:
            names = [k.value for k in BlockKind if k is not BlockKind.PROSE]
            problems.error("block-unknown", path, number, kind=word, suggestion=suggest(word, names),
                           known=", ".join(names))
        else:
            if kind is BlockKind.FACT and title.lower().startswith("lagrum"):
                # Before Lagrum had a kind of its own, the law was a fact box titled so.
                problems.warning("block-fact-about-law", path, number, title=title)
            counters[kind] = counters.get(kind, 0) + 1
            block = make_block(kind, title, body, number, path, f"{lesson_id}-{kind.value}-{counters[kind]}", problems)
            if block is not None:
                blocks.append(block)
        i = close + 1
        prose_line = first_line + i
    flush_prose()
    return blocks


def make_block(kind: BlockKind, title: str, body: list[str], line: int, path: Path, block_id: str,
               problems: Problems) -> Block | None:
    """Build one block; YAML blocks are parsed with line numbers that match the lesson file."""
    source = SourceRef(path, line)
    if kind in MARKDOWN_BLOCKS:
        joined = "\n".join(body)
        markdown = joined.strip("\n")
        if not markdown.strip():
            problems.error("block-empty", path, line, kind=kind.value)
            return None
        first = line + 1 + len(joined) - len(joined.lstrip("\n"))
        return Block(kind, source, title=title, markdown=Text(markdown, SourceRef(path, first)))
    data = parse_yaml("\n".join(body), path, problems, line_offset=line)
    if data is None:
        if not "\n".join(body).strip():
            problems.error("block-empty", path, line, kind=kind.value)
        return None
    if kind is BlockKind.DILEMMA:
        dilemma = read_dilemma(data, block_id, path, line, problems)
        return Block(kind, source, title=dilemma.title, dilemma=dilemma) if dilemma else None
    question = read_question(data, path, line, problems)
    return Block(kind, source, question=question) if question else None


def read_dilemma(data: object, dilemma_id: str, path: Path, line: int, problems: Problems) -> Dilemma | None:
    """A dilemma block; its id comes from the lesson, since authors never name one."""
    dilemma = read_source(DilemmaSource, data, path, problems, line, where="dilemma")
    if dilemma is None:
        return None
    choices = [DilemmaChoice(choice.text, choice.feedback, choice.recommended, SourceRef(path, item_line))
               for item_line, choice in read_each(ChoiceSource, dilemma.choices, path, problems, line, where="val")]
    if isinstance(dilemma.found("choices"), list) and len(dilemma.choices) < 2:
        problems.error("too-few-choices", path, dilemma.line_of("choices"))
    return Dilemma(
        id=dilemma_id,
        title=dilemma.title,
        situation=dilemma.situation,
        prompt=dilemma.prompt,
        choices=choices,
        facilitator_note=dilemma.facilitator_note,
        source=SourceRef(path, dilemma.line),
    )
