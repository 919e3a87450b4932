"""Render stage: the course model → HTML fragments, once per build, for every writer to reuse.

Markdown is the expensive part of a build, so it is converted here exactly once; the SCORM, web and
print writers only pour these fragments into their templates. All lessons share one page in the
player, so heading and footnote ids are prefixed with the lesson id to stay unique.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
import zlib
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from builder.model import (
    BlockKind,
    Catalogue,
    Course,
    Dilemma,
    FailedStatus,
    GlossaryTerm,
    KeyReveal,
    Lesson,
    Question,
    QuestionType,
)
from builder.names import slugify
from builder.syntax import GLOSSARY_LINK


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

    @property
    def questions(self) -> list[HtmlQuestion]:
        checks = [b.question for lesson in self.lessons for b in lesson.blocks if b.question]
        return checks + self.final_test

    def player_data(self) -> dict:
        """The course structure the player script needs, as plain JSON-able data.

        Lessons, dilemmas and questions each carry a short `key` (see `short_keys`): the player saves
        progress under these keys, so the saved text stays small and survives a course update.
        """
        course = self.course
        test = course.final_test
        checks = [q for q in self.questions if q not in self.final_test]
        dilemmas = [b.dilemma for lesson in self.lessons for b in lesson.blocks if b.dilemma]
        lesson_keys = short_keys([lesson.id for lesson in self.lessons])
        check_keys = short_keys([q.id for q in checks])
        dilemma_keys = short_keys([d.id for d in dilemmas])
        test_keys = short_keys([q.id for q in self.final_test])
        return {
            "id": course.id,
            "version": course.version,
            "title": course.title,
            "lessons": [{"id": lesson.id, "key": lesson_keys[lesson.id], "page": lesson.anchor,
                         "title": lesson.title, "minutes": lesson.lesson.minutes,
                         "checks": [b.question.id for b in lesson.blocks if b.question]} for lesson in self.lessons],
            "checks": {q.id: question_data(q, check_keys[q.id]) for q in checks},
            "dilemmas": {d.id: {"key": dilemma_keys[d.id], "choices": len(d.choices),
                                "recommended": [i for i, c in enumerate(d.choices) if c.recommended]}
                         for d in dilemmas},
            "test": None if test is None else {
                "draw": test.draw,
                "mastery": test.mastery_percent,
                "attempts": test.attempts,
                "reveal": REVEAL_WORDS[test.reveal_key],
                "failedStatus": FAILED_STATUS_WORDS[test.failed_status],
                "questions": [question_data(q, test_keys[q.id]) for q in self.final_test],
            },
        }


# How the player names the final test's settings (the authors' words are Swedish, the player's code English).
REVEAL_WORDS = {KeyReveal.AFTER_LAST_ATTEMPT: "afterLast", KeyReveal.AFTER_EACH_ATTEMPT: "afterEach",
                KeyReveal.NEVER: "never"}
FAILED_STATUS_WORDS = {FailedStatus.INCOMPLETE: "incomplete", FailedStatus.FAILED: "failed"}


def question_data(question: HtmlQuestion, key: str = "") -> dict:
    """A question for the player: what is right, and how each option is named in an LMS record.

    `responses` are the SCORM response identifiers per option: letters for choice questions,
    "true"/"false" for true-false ones (the SCORM 1.2 adapter shortens them to t/f). `objective`
    (1-based, or None) lets a test draw cover every learning objective.
    """
    if question.type is QuestionType.TRUE_FALSE:
        responses = ["true" if text.casefold() == "sant" else "false" for text in question.option_texts]
    else:
        responses = [chr(ord("a") + i) for i in range(len(question.options))]
    return {
        "id": question.id,
        "key": key or short_keys([question.id])[question.id],
        "type": question.type.value,
        "correct": question.correct_indexes,
        "responses": responses,
        "text": question.prompt_text[:250],
        "options": [text[:250] for text in question.option_texts],
        "fixed": question.fixed_order,
        "lesson": question.lesson_id,
        "objective": question.objective,
    }


def short_keys(ids: list[str]) -> dict[str, str]:
    """Four base-36 characters per id, from a CRC-32 of the id; the id itself where two would clash.

    A hash, not a position, so that saved progress still fits after a lesson or question is added,
    and short, so that it stays far below SCORM 1.2's 4,096 characters of suspend data.
    """
    hashed = {}
    for item in ids:
        value = zlib.crc32(item.encode("utf-8")) % 36**4
        digits = ""
        for _ in range(4):
            value, digit = divmod(value, 36)
            digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        hashed[item] = digits
    counts: dict[str, int] = {}
    for digits in hashed.values():
        counts[digits] = counts.get(digits, 0) + 1
    return {item: digits if counts[digits] == 1 else item for item, digits in hashed.items()}


class GlossaryLinks(InlineProcessor):
    """`[[visad text|term]]` → a link to the term in the course's glossary."""

    def __init__(self, pattern: str, renderer: "MarkdownRenderer") -> None:
        super().__init__(pattern)
        self.renderer = renderer

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 - Markdown's API
        shown = m.group(1).strip()
        term = self.renderer.catalogue.glossary.lookup((m.group(2) or m.group(1)).strip())
        if term is None:  # the loader reports unknown terms; render the text plainly
            return shown, m.start(0), m.end(0)
        self.renderer.used_terms.add(term.id)
        link = etree.Element("a", {"href": f"#{term.id}", "class": "term", "data-term": term.id})
        link.text = shown
        return link, m.start(0), m.end(0)


class PageLinks(Treeprocessor):
    """Give headings unique ids and point links and images at their places in the package."""

    def __init__(self, md: markdown.Markdown, renderer: "MarkdownRenderer") -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        prefix = self.renderer.id_prefix
        used: set[str] = set()
        for element in root.iter():
            if element.tag in ("h2", "h3", "h4", "h5", "h6") and prefix:
                text = "".join(element.itertext())
                anchor = f"{prefix}-{slugify(text)}"
                candidate, n = anchor, 1
                while candidate in used:
                    n += 1
                    candidate = f"{anchor}-{n}"
                used.add(candidate)
                element.set("id", candidate)
            elif element.tag == "a" and not element.get("class"):
                # Classed links (glossary terms, footnotes) are made by extensions and already right.
                element.set("href", self.renderer.link_target(element.get("href", "")))
                if re.match(r"^https?://", element.get("href", "")):
                    element.set("rel", "noopener")
            elif element.tag == "img":
                element.set("src", self.renderer.media_target(element.get("src", "")))
                element.set("loading", "lazy")
            elif element.tag == "table":
                element.set("class", "table")


class EtosMarkdown(Extension):
    def __init__(self, renderer: "MarkdownRenderer") -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # Raw HTML is refused at load; here it is escaped as well, so nothing slips through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(GlossaryLinks(GLOSSARY_LINK.pattern, self.renderer), "etos-glossary", 175)
        md.treeprocessors.register(PageLinks(md, self.renderer), "etos-links", 1)


class MarkdownRenderer:
    """One configured Markdown converter for a course, reused for every fragment."""

    def __init__(self, course: Course, catalogue: Catalogue) -> None:
        self.course = course
        self.catalogue = catalogue
        self.id_prefix = ""
        self.used_terms: set[str] = set()
        self.lesson_anchors = {lesson.source.path.name: lesson_anchor(lesson) for lesson in course.lessons}
        self.heading_prefix = {lesson.source.path.name: lesson.id for lesson in course.lessons}
        self.media = course.media_targets
        self.md = markdown.Markdown(
            extensions=["tables", "footnotes", "sane_lists", "smarty", EtosMarkdown(self)],
            extension_configs={
                "footnotes": {"BACKLINK_TITLE": "Tillbaka till texten", "SUPERSCRIPT_TEXT": "{}"},
                "smarty": {"smart_quotes": False, "smart_angled_quotes": False},
            },
            output_format="html",
        )

    def block(self, text: str, id_prefix: str = "") -> Markup:
        """Markdown → HTML for a block of text (paragraphs, lists, tables)."""
        self.id_prefix = id_prefix
        self.md.reset()
        html = self.md.convert(text)
        if id_prefix:
            html = re.sub(r'(id|href)="(#?)(fn|fnref):([^"]+)"',
                          lambda m: f'{m.group(1)}="{m.group(2)}{id_prefix}-{m.group(3)}-{m.group(4)}"', html)
        return Markup(html)

    def inline(self, text: str) -> Markup:
        """Markdown → HTML for a short text without the surrounding paragraph."""
        html = str(self.block(text))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def link_target(self, href: str) -> str:
        file_part, _, anchor = href.partition("#")
        if file_part.endswith(".md"):
            name = file_part.rsplit("/", 1)[-1]
            if anchor:
                return f"#{self.heading_prefix.get(name, '')}-{anchor}"
            return f"#{self.lesson_anchors.get(name, '')}"
        if file_part and file_part in self.media:
            return self.media[file_part] + (f"#{anchor}" if anchor else "")
        if not file_part and anchor and self.id_prefix:
            return f"#{self.id_prefix}-{anchor}"
        return href

    def media_target(self, src: str) -> str:
        return self.media.get(src, src)


def lesson_anchor(lesson: Lesson) -> str:
    return f"lektion-{lesson.id}"


def plain_text(html: str) -> str:
    """HTML → one line of text, for LMS records and PDF metadata."""
    text = re.sub(r"<[^>]+>", "", html)
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    text = text.replace("&quot;", '"').replace("&#39;", "'")
    return re.sub(r"\s+", " ", text).strip()


def render_question(question: Question, md: MarkdownRenderer) -> HtmlQuestion:
    options = [HtmlOption(md.inline(o.text), o.correct, md.inline(o.feedback)) for o in question.options]
    prompt = md.inline(question.prompt)
    return HtmlQuestion(
        id=question.id,
        type=question.type,
        prompt=prompt,
        options=options,
        explanation=md.inline(question.explanation),
        objective=question.objective,
        prompt_text=plain_text(str(prompt)),
        option_texts=[plain_text(str(o.text)) for o in options],
        fixed_order=question.fixed_order,
        lesson_id=question.lesson_id,
    )


def render_dilemma(dilemma: Dilemma, md: MarkdownRenderer) -> HtmlDilemma:
    return HtmlDilemma(
        id=dilemma.id,
        title=dilemma.title,
        situation=md.block(dilemma.situation),
        prompt=md.inline(dilemma.prompt),
        choices=[HtmlChoice(md.inline(c.text), md.inline(c.feedback), c.recommended) for c in dilemma.choices],
        facilitator_note=md.block(dilemma.facilitator_note) if dilemma.facilitator_note else Markup(""),
    )


PLACEHOLDER = "ETOSBLOCK{}"
PLACEHOLDER_HTML = re.compile(r"<p>ETOSBLOCK(\d+)</p>")


def render_lesson(lesson: Lesson, number: int, md: MarkdownRenderer) -> HtmlLesson:
    """Render a lesson's prose as one Markdown document, so footnotes and their definitions meet
    wherever they stand; the named blocks are rendered on their own and put back in their places."""
    special: dict[int, HtmlBlock] = {}
    parts: list[str] = []
    for index, block in enumerate(lesson.blocks):
        if block.kind is BlockKind.PROSE:
            parts.append(block.markdown)
            continue
        if block.question is not None:
            special[index] = HtmlBlock(block.kind, block.title, question=render_question(block.question, md))
        elif block.dilemma is not None:
            special[index] = HtmlBlock(block.kind, block.title, dilemma=render_dilemma(block.dilemma, md))
        else:
            # Own id prefix per block: footnotes restart in every separately rendered block.
            special[index] = HtmlBlock(block.kind, block.title, html=md.block(block.markdown, f"{lesson.id}-{index}"))
        parts.append(PLACEHOLDER.format(index))
    prose_html = str(md.block("\n\n".join(parts), lesson.id))
    blocks: list[HtmlBlock] = []
    position = 0
    for match in PLACEHOLDER_HTML.finditer(prose_html):
        if prose_html[position:match.start()].strip():
            blocks.append(HtmlBlock(BlockKind.PROSE, "", html=Markup(prose_html[position:match.start()].strip())))
        blocks.append(special[int(match.group(1))])
        position = match.end()
    if prose_html[position:].strip():
        blocks.append(HtmlBlock(BlockKind.PROSE, "", html=Markup(prose_html[position:].strip())))
    return HtmlLesson(lesson, number, lesson_anchor(lesson), blocks)


def render_course(course: Course, catalogue: Catalogue) -> RenderedCourse:
    """Convert every piece of Markdown in a course to HTML, exactly once."""
    md = MarkdownRenderer(course, catalogue)
    lessons = [render_lesson(lesson, number, md) for number, lesson in enumerate(course.lessons, start=1)]
    final_test = [render_question(q, md) for q in course.final_test.questions] if course.final_test else []
    description = md.block(course.description)
    guide_purpose, chapters = Markup(""), []
    if course.guide:
        guide_purpose = md.block(course.guide.purpose)
        chapters = [HtmlGuideChapter(c.title, md.block(c.markdown, "handledning-" + slugify(c.title)))
                    for c in course.guide.chapters]
    # Definitions may link other terms: render until no new term turns up.
    rendered_terms: dict[str, HtmlTerm] = {}
    while True:
        pending = [t for t in catalogue.glossary.terms if t.id in md.used_terms and t.id not in rendered_terms]
        if not pending:
            break
        for term in pending:
            rendered_terms[term.id] = HtmlTerm(term, md.inline(term.definition))
    glossary = sorted(rendered_terms.values(), key=lambda t: swedish_sort_key(t.term.term))
    return RenderedCourse(course, catalogue, lessons, final_test, glossary, description, guide_purpose, chapters)


SWEDISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


def swedish_sort_key(text: str) -> list[int]:
    """Sort as a Swedish dictionary does: å, ä, ö after z, case ignored."""
    replacements = {"é": "e", "ü": "y"}
    key = []
    for char in text.casefold():
        char = replacements.get(char, char)
        key.append(SWEDISH_ALPHABET.index(char) if char in SWEDISH_ALPHABET else 100 + ord(char))
    return key
