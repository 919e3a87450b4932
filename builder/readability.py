"""Readability figures for Swedish text: LIX (läsbarhetsindex) and reading time.

LIX = words / sentences + 100 * long_words / words, where a long word has more than six letters
(Björnsson 1968). It measures surface only, so Etos uses it as a warning flag, never as a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from builder.model import Lesson

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ0-9]+)*")
# A sentence ends at . ! ? or : followed by space/end; a lone line (heading, list item) ends one too.
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
# Abbreviations whose dots do not end a sentence ("t.ex.", "bl.a.", "kap.", "prop.").
ABBREVIATIONS = re.compile(
    r"\b(?:t\.ex|bl\.a|m\.m|s\.k|d\.v\.s|dvs|jfr|kap|prop|resp|ca|nr|st|p|s|ff|osv|o\.d|fr\.o\.m|t\.o\.m)\.",
    re.IGNORECASE,
)
# Reading speed for plain Swedish factual text, words per minute.
WORDS_PER_MINUTE = 180


@dataclass(frozen=True)
class Readability:
    """The figures an author needs to judge a text: size, sentence length and LIX."""

    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE


def measure(text: str) -> Readability:
    """Count words, sentences and long words in plain text (Markdown already stripped)."""
    words = 0
    long_words = 0
    sentences = 0
    for line in text.splitlines():
        line = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", ""), line.strip())
        if not line:
            continue
        found = WORD.findall(line)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for w in found if sum(c.isalpha() for c in w) > 6)
        ends = len(SENTENCE_END.findall(line))
        # A heading or list item without a full stop still counts as one sentence.
        if not SENTENCE_END.search(line.rstrip()[-1:] + " "):
            ends += 1
        sentences += max(ends, 1)
    return Readability(words=words, sentences=sentences, long_words=long_words)


MARKDOWN_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\[\^[^\]]*\]|[#*_`>|\[\]]")


def plain_text_of_markdown(markdown_text: str) -> str:
    """Strip the Markdown syntax that would distort word and sentence counts."""
    lines = []
    for line in markdown_text.splitlines():
        stripped = line.strip()
        if stripped.startswith(":::") or re.fullmatch(r"\|?[-:| ]+\|?", stripped or "x"):
            lines.append("")
            continue
        stripped = re.sub(r"\[\[([^\]|]+)(?:\|[^\]]+)?\]\]", r"\1", stripped)
        stripped = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", stripped)
        # YAML keys inside dilemma/kunskapskoll blocks are not prose.
        stripped = re.sub(r"^-?\s*[a-zåäö_]+:\s*(?:\|\s*)?", "", stripped)
        lines.append(MARKDOWN_NOISE.sub(" ", stripped))
    return "\n".join(lines)


def learner_text(lesson: Lesson) -> str:
    """The plain text a learner reads in a lesson: every block but the facilitator's notes."""
    from builder.model import BlockKind

    parts: list[str] = [lesson.title]
    for block in lesson.blocks:
        if block.kind is BlockKind.FACILITATOR:
            continue
        if block.dilemma is not None:
            d = block.dilemma
            parts += [d.title, d.situation, d.prompt, *[c.text for c in d.choices], *[c.feedback for c in d.choices]]
        elif block.question is not None:
            q = block.question
            parts += [q.prompt, *[o.text for o in q.options], *[o.feedback for o in q.options]]
        else:
            parts += [block.title, block.markdown]
    return plain_text_of_markdown("\n".join(p for p in parts if p))


def lesson_readability(lesson: Lesson) -> Readability:
    """LIX and word count of what the learner reads in one lesson."""
    return measure(learner_text(lesson))


def main(paths: list[str]) -> None:
    """Print words, sentences and LIX for each lesson file named on the command line."""
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        figures = measure(plain_text_of_markdown(text))
        print(f"{path}: {figures.words} ord, {figures.sentences} meningar, LIX {figures.lix:.0f}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
