"""What the render stage hands every writer: a course's model with each piece of its HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from builder.model import BlockKind, Catalogue, Course, GlossaryTerm, Lesson, QuestionType
from builder.package.layout import MediaFile


@dataclass
class HtmlOption:
    text: Markup
    correct: bool
    feedback: Markup


@dataclass
class HtmlQuestion:
    id: str
    type: QuestionType
    prompt: Markup
    options: list[HtmlOption]
    explanation: Markup
    objective: int | None
    # Plain text versions for LMS interaction records, which cannot hold HTML.
    prompt_text: str = ""
    option_texts: list[str] = field(default_factory=list)
    fixed_order: bool = False
    lesson_id: str = ""

    @property
    def correct_indexes(self) -> list[int]:
        return [i for i, option in enumerate(self.options) if option.correct]


@dataclass
class HtmlChoice:
    text: Markup
    feedback: Markup
    recommended: bool


@dataclass
class HtmlDilemma:
    id: str
    title: str
    situation: Markup
    prompt: Markup
    choices: list[HtmlChoice]
    facilitator_note: Markup


@dataclass
class HtmlBlock:
    kind: BlockKind
    title: str
    html: Markup = Markup("")
    dilemma: HtmlDilemma | None = None
    question: HtmlQuestion | None = None


@dataclass
class HtmlLesson:
    lesson: Lesson
    number: int
    anchor: str
    blocks: list[HtmlBlock]
    learner_images: int = 0  # images a learner sees (facilitator notes left out), for `etos stats`

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def title(self) -> str:
        return self.lesson.title

    def blocks_of(self, kind: BlockKind) -> list[HtmlBlock]:
        return [b for b in self.blocks if b.kind is kind]

    @property
    def learner_blocks(self) -> list[HtmlBlock]:
        """What a learner sees: everything but the facilitator's notes."""
        return [b for b in self.blocks if b.kind is not BlockKind.FACILITATOR]


@dataclass
class HtmlTerm:
    term: GlossaryTerm
    definition: Markup

    @property
    def anchor(self) -> str:
        return self.term.id


@dataclass
class HtmlGuideChapter:
    title: str
    html: Markup
    role_cards: bool = False  # GuideChapter.role_cards


@dataclass
class RenderedCourse:
    """A course ready for any writer: model plus every piece of HTML it needs."""

    course: Course
    catalogue: Catalogue
    lessons: list[HtmlLesson]
    final_test: list[HtmlQuestion]
    glossary: list[HtmlTerm]
    description: Markup
    guide_purpose: Markup = Markup("")
    guide_chapters: list[HtmlGuideChapter] = field(default_factory=list)
    dilemma_notes: dict[str, Markup] = field(default_factory=dict)
    # The media files the rendered texts use, found in the tree the checks read: what every package holds.
    media: list[MediaFile] = field(default_factory=list)
    cover: str = ""  # the cover picture's path in a package, one of `media`; "" if the course sets none

    @property
    def questions(self) -> list[HtmlQuestion]:
        checks = [b.question for lesson in self.lessons for b in lesson.blocks if b.question]
        return checks + self.final_test
