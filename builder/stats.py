"""Figures per lesson for authors: words, estimated time, LIX, questions and images (`etos stats`).

The same figures drive the lints on declared minutes and readability, so the table an author reads
and the warnings `etos check` gives can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from builder.messages import text
from builder.model import Block, BlockKind, Lesson
from builder.readability import Readability, measure, plain_text_of_markdown

if TYPE_CHECKING:
    from builder.render import RenderedCourse

# Minutes a learner spends on an activity beyond reading its words (which are counted as text).
MINUTES_PER_CHECK = 0.5
MINUTES_PER_DILEMMA = 1.5
MINUTES_PER_REFLECTION = 1.0
MINUTES_PER_IMAGE = 0.25
TITLE_WIDTH = 38


def block_text(block: Block) -> list[str]:
    """The texts of a block a learner reads, as Markdown; facilitator notes are not for learners."""
    if block.kind is BlockKind.FACILITATOR:
        return []
    if block.dilemma is not None:
        dilemma = block.dilemma
        return [dilemma.title, dilemma.situation, dilemma.prompt,
                *[c.text for c in dilemma.choices], *[c.feedback for c in dilemma.choices]]
    if block.question is not None:
        question = block.question
        return [question.prompt, *[o.text for o in question.options],
                *[o.feedback for o in question.options], question.explanation]
    return [block.title, block.markdown] if block.title else [block.markdown]


def learner_text(lesson: Lesson) -> str:
    """Everything a learner reads in a lesson, as plain text, one source line per line."""
    pieces = [lesson.title] + [text for block in lesson.blocks for text in block_text(block) if text]
    return "\n".join(plain_text_of_markdown(piece) for piece in pieces)


@dataclass(frozen=True)
class LessonFigures:
    lesson: Lesson
    number: int
    readability: Readability
    questions: int
    dilemmas: int
    reflections: int
    images: int

    @property
    def words(self) -> int:
        return self.readability.words

    @property
    def lix(self) -> float:
        return self.readability.lix

    @property
    def estimated_minutes(self) -> float:
        """Reading time plus a fixed time for each activity; the words of activities are read too."""
        return (self.readability.reading_minutes + MINUTES_PER_CHECK * self.questions
                + MINUTES_PER_DILEMMA * self.dilemmas + MINUTES_PER_REFLECTION * self.reflections
                + MINUTES_PER_IMAGE * self.images)


def lesson_figures(lesson: Lesson, number: int, images: int) -> LessonFigures:
    """The figures of one lesson; `images` are counted by the renderer, in the tree it renders."""
    return LessonFigures(
        lesson=lesson,
        number=number,
        readability=measure(learner_text(lesson)),
        questions=len(lesson.knowledge_checks),
        dilemmas=len(lesson.dilemmas),
        reflections=len(lesson.blocks_of(BlockKind.REFLECTION)),
        images=images,
    )


def course_figures(rendered: RenderedCourse) -> list[LessonFigures]:
    return [lesson_figures(lesson.lesson, lesson.number, lesson.learner_images) for lesson in rendered.lessons]


def whole_course(figures: list[LessonFigures]) -> Readability:
    """The course's text as one: LIX of the whole, not an average of the lessons' LIX."""
    return Readability(words=sum(f.readability.words for f in figures),
                       sentences=sum(f.readability.sentences for f in figures),
                       long_words=sum(f.readability.long_words for f in figures))


# --- Output --------------------------------------------------------------------------------------

def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def course_table(rendered: RenderedCourse, lix_target: int, lang: str = "sv") -> list[str]:
    """The stats table of one course as lines for the terminal; LIX over target in yellow."""
    course = rendered.course
    figures = course_figures(rendered)
    rows: list[tuple[list[str], bool]] = []
    for f in figures:
        rows.append(([str(f.number), shorten(f.lesson.title, TITLE_WIDTH), str(f.words), str(f.lesson.minutes),
                      str(round(f.estimated_minutes)), f"{f.lix:.0f}", str(f.questions), str(f.images)],
                     f.lix > lix_target))
    total = whole_course(figures)
    rows.append((["", text("cli", "stats-total", lang), str(total.words), str(sum(f.lesson.minutes for f in figures)),
                  str(round(sum(f.estimated_minutes for f in figures))), f"{total.lix:.0f}",
                  str(sum(f.questions for f in figures)), str(sum(f.images for f in figures))],
                 total.lix > lix_target))
    headings = text("cli", "stats-headings", lang).split("|")
    widths = [max(len(row[i]) for row in [headings] + [r for r, _ in rows]) for i in range(len(headings))]

    def line(cells: list[str], lix_warning: bool = False) -> str:
        out = []
        for index, cell in enumerate(cells):
            shown = cell.ljust(widths[index]) if index == 1 else cell.rjust(widths[index])
            if index == 5 and lix_warning:
                shown = click.style(shown, fg="yellow", bold=True)
            out.append(shown)
        return "  ".join(out).rstrip()

    title = text("cli", "stats-course", lang, title=course.title, id=course.id, target=lix_target)
    lines = [click.style(title, bold=True),
             line(headings), line(["-" * w for w in widths])]
    lines += [line(cells, warn) for cells, warn in rows[:-1]]
    lines += [line(["-" * w for w in widths]), line(*rows[-1])]
    if course.final_test:
        test = course.final_test
        lines.append(text("cli", "stats-test", lang, draw=test.draw, pool=len(test.questions)))
    return lines


def course_data(rendered: RenderedCourse, lix_target: int) -> dict[str, object]:
    """The same figures for `--format json`."""
    course = rendered.course
    figures = course_figures(rendered)
    total = whole_course(figures)
    return {
        "id": course.id,
        "title": course.title,
        "lix_target": lix_target,
        "lessons": [{
            "number": f.number,
            "id": f.lesson.id,
            "title": f.lesson.title,
            "file": f.lesson.source.path.name,
            "words": f.words,
            "minutes_declared": f.lesson.minutes,
            "minutes_estimated": round(f.estimated_minutes, 1),
            "lix": round(f.lix, 1),
            "questions": f.questions,
            "dilemmas": f.dilemmas,
            "reflections": f.reflections,
            "images": f.images,
        } for f in figures],
        "total": {
            "words": total.words,
            "minutes_declared": sum(f.lesson.minutes for f in figures),
            "course_minutes": course.minutes,
            "minutes_estimated": round(sum(f.estimated_minutes for f in figures), 1),
            "lix": round(total.lix, 1),
            "questions": sum(f.questions for f in figures),
            "images": sum(f.images for f in figures),
            "final_test_pool": len(course.final_test.questions) if course.final_test else 0,
        },
    }
