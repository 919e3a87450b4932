"""The course model: what the loader produces and every writer reads.

Plain typed dataclasses. They hold Markdown source text, never HTML, and know nothing of SCORM, zip
files or PDF: those are the writers' business. Every object remembers where it came from so that
later stages (lints, the preview server) can still point an author at a file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


@dataclass(frozen=True)
class SourceRef:
    """A place in a source file, for messages: `sex_principerna/lessons/02-demokrati.md:14`."""

    path: Path
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


class Text(str):
    """A Markdown text that remembers where it starts in its source file.

    It is a str, so every reader of the model uses it as one; the render stage, which checks the
    parsed text, reads `source` to name the line of a problem inside it.
    """

    source: SourceRef | None

    def __new__(cls, value: str, source: SourceRef | None = None) -> Text:
        text = super().__new__(cls, value)
        text.source = source
        return text


class QuestionType(str, Enum):
    """The three kinds of scored question; values are the words authors write."""

    SINGLE = "enval"
    MULTIPLE = "flerval"
    TRUE_FALSE = "sant-falskt"


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str
    source: SourceRef


@dataclass
class Question:
    """A scored question: a knowledge check in a lesson or an item of the final test pool."""

    id: str
    type: QuestionType
    prompt: str
    options: list[Option]
    explanation: str
    objective: int | None  # 1-based index into Course.objectives
    source: SourceRef
    # Options shown in the author's order ("Alla ovanstående", "Sant/Falskt"); others are shuffled.
    fixed_order: bool = False
    # The lesson that teaches what a final-test question asks: where a learner who got it wrong goes back to.
    lesson_id: str = ""

    @property
    def correct_indexes(self) -> list[int]:
        return [i for i, option in enumerate(self.options) if option.correct]


@dataclass
class DilemmaChoice:
    text: str
    feedback: str
    recommended: bool
    source: SourceRef


@dataclass
class Dilemma:
    """A case with choices; feedback per choice, none of it scored."""

    id: str
    title: str
    situation: str
    prompt: str
    choices: list[DilemmaChoice]
    facilitator_note: str
    source: SourceRef


class BlockKind(str, Enum):
    """Named content blocks; values are the words authors write after `:::`."""

    PROSE = "text"
    FACT = "fakta"
    LAW = "lagrum"
    EXAMPLE = "exempel"
    REFLECTION = "reflektion"
    DILEMMA = "dilemma"
    KNOWLEDGE_CHECK = "kunskapskoll"
    FACILITATOR = "handledare"


@dataclass
class Block:
    """One piece of a lesson body, in reading order.

    Prose, fact, example, reflection and facilitator blocks carry Markdown in `markdown`; a dilemma
    block carries `dilemma`, a knowledge check `question`.
    """

    kind: BlockKind
    source: SourceRef
    title: str = ""
    markdown: str = ""
    dilemma: Dilemma | None = None
    question: Question | None = None


@dataclass
class Lesson:
    id: str
    title: str
    minutes: int
    blocks: list[Block]
    source: SourceRef
    slug: str  # the file name without number and extension, ASCII: used for output names

    @property
    def knowledge_checks(self) -> list[Question]:
        return [b.question for b in self.blocks if b.question is not None]

    @property
    def dilemmas(self) -> list[Dilemma]:
        return [b.dilemma for b in self.blocks if b.dilemma is not None]

    def blocks_of(self, kind: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind is kind]


class KeyReveal(str, Enum):
    """When the final test shows the right options; values are the words authors write."""

    AFTER_LAST_ATTEMPT = "efter_sista_försöket"
    AFTER_EACH_ATTEMPT = "efter_varje_försök"
    NEVER = "aldrig"


class FailedStatus(str, Enum):
    """What SCORM 1.2 reports after a failed attempt while attempts are left (2004 keeps both apart)."""

    INCOMPLETE = "ofullständig"
    FAILED = "underkänd"


@dataclass
class FinalTest:
    questions: list[Question]
    draw: int  # how many questions a learner gets from the pool
    mastery_percent: int
    attempts: int  # 0 means unlimited
    source: SourceRef
    reveal_key: KeyReveal = KeyReveal.AFTER_LAST_ATTEMPT
    failed_status: FailedStatus = FailedStatus.INCOMPLETE

    @property
    def mastery_score(self) -> float:
        """The pass mark as SCORM 2004 wants it: a scaled score between 0 and 1."""
        return self.mastery_percent / 100


@dataclass
class GlossaryTerm:
    id: str
    term: str
    definition: str
    legal_reference: str
    other_forms: list[str]
    source: SourceRef


@dataclass
class Glossary:
    terms: list[GlossaryTerm]

    def lookup(self, word: str) -> GlossaryTerm | None:
        """Find a term by its name or one of its inflected forms, ignoring case."""
        wanted = word.strip().casefold()
        for term in self.terms:
            if term.term.casefold() == wanted or wanted in (f.casefold() for f in term.other_forms):
                return term
        return None


@dataclass
class SessionActivity:
    activity: str
    method: str
    minutes: int
    material: str
    lesson_id: str
    source: SourceRef


@dataclass
class Worksheet:
    title: str
    instruction: str
    questions: list[str]
    source: SourceRef


@dataclass
class GuideChapter:
    title: str
    markdown: str
    source: SourceRef
    # Printed one role per page, so that each participant gets only their own (load/guide.py says which).
    role_cards: bool = False


@dataclass
class FacilitatorGuide:
    """The sources of the printed facilitator material (`handledning/`)."""

    purpose: str
    preparation: list[str]
    minutes: int
    plan: list[SessionActivity]
    discussion_questions: list[str]
    worksheets: list[Worksheet]
    chapters: list[GuideChapter]
    source: SourceRef


@dataclass
class Course:
    id: str
    folder: Path
    title: str
    subtitle: str
    language: str
    version: str
    audience: str
    minutes: int
    description: str
    objectives: list[str]
    keywords: list[str]
    lessons: list[Lesson]
    final_test: FinalTest | None
    guide: FacilitatorGuide | None
    source: SourceRef
    lix_target: int = 45  # the highest LIX a lesson of this course should have
    fact_checked: str = ""  # ISO date the content was last checked against the law
    law_as_of: str = ""  # ISO date of the law text the course describes
    references: list[str] = field(default_factory=list)  # the sources the course builds on
    # `omslagsbild:`, a picture in the course folder for the start page and the printed covers; its line.
    cover: str = ""
    cover_line: int = 0
    # The lesson files course.yaml lists, loaded or not: a link to one that failed is not reported twice.
    lesson_files: list[str] = field(default_factory=list)

    @property
    def knowledge_checks(self) -> list[Question]:
        return [q for lesson in self.lessons for q in lesson.knowledge_checks]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


@dataclass(frozen=True)
class Theme:
    """An agency's look from the catalogue's `utseende:`: colours as checked `#rrggbb`, and its logo.

    A colour left out is "" and keeps the player's own; `logo` is the checked file on disk and
    `logo_target` its path inside every package.
    """

    primary: str
    accent: str
    logo: Path | None
    logo_target: str
    source: SourceRef

    @property
    def has_colours(self) -> bool:
        return bool(self.primary or self.accent)


@dataclass
class Catalogue:
    """What all courses share: who publishes them, the glossary and where the SCORM schemas are."""

    root: Path
    publisher: str
    contact: str
    licence: str
    course_folders: list[str]
    schema_folder: Path | None
    glossary: Glossary
    source: SourceRef
    origin: str = ""  # where the material comes from, printed beside the publisher
    theme: Theme | None = None  # the agency's colours and logo (`utseende:`), None for the player's own


@dataclass
class Project:
    """Everything `etos` loads before it writes anything."""

    catalogue: Catalogue
    courses: list[Course] = field(default_factory=list)

    def course(self, key: str) -> Course | None:
        """Find a course by id or by folder name, as the CLI lets users type either."""
        return next((c for c in self.courses if key in (c.id, c.folder.name)), None)
