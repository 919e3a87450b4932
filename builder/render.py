"""Render stage: the course model → HTML fragments, once per build, for every writer to reuse.

Markdown is the expensive part of a build, so it is converted here exactly once; the SCORM, web and
print writers only pour these fragments into their templates. All lessons share one page in the
player, so heading and footnote ids are prefixed with the lesson id to stay unique.

This is also where links, images, headings, glossary links and raw HTML are checked: on the tree
Python-Markdown builds, the very tree that becomes the HTML, so what is checked is what is shown.
Every fragment then passes the allowlist in `sanitize.py` before any writer sees it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Markdown's own extensions use
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE, AtomicString
from markupsafe import Markup

from builder.media import MediaCollector
from builder.messages import Localized, register_messages
from builder.model import (
    BlockKind,
    Catalogue,
    Course,
    Dilemma,
    FailedStatus,
    Glossary,
    GlossaryTerm,
    KeyReveal,
    Lesson,
    MediaFile,
    Question,
    QuestionType,
    SourceRef,
)
from builder.names import slugify
from builder.problems import Problems, Severity, SourceErrors
from builder.sanitize import sanitize
from builder.schema import suggest
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

    @property
    def questions(self) -> list[HtmlQuestion]:
        checks = [b.question for lesson in self.lessons for b in lesson.blocks if b.question]
        return checks + self.final_test

    def player_data(self) -> dict[str, object]:
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


def question_data(question: HtmlQuestion, key: str = "") -> dict[str, object]:
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


register_messages({
    "markdown-too-deep": {
        "sv": ("texten är nästlad i {depth} nivåer (citat eller listor i varandra), högst {limit} går",
               "Dela upp citatet eller listan; ingen läsare följer så många nivåer."),
        "en": ("the text nests {depth} levels deep (quotes or lists inside each other); at most {limit} are allowed",
               "Split the quote or the list; no reader follows that many levels."),
    },
    "link-without-scheme": {
        "sv": ("länken {target} saknar https: i början och skulle gå till en annan webbplats",
               "Skriv hela adressen, till exempel https://www.riksdagen.se/."),
        "en": ("the link {target} has no https: and would lead to another site",
               "Write the whole address, e.g. https://www.riksdagen.se/."),
    },
    "image-external": {
        "sv": ("bilden {target} ligger på en annan webbplats",
               "Spara bilden i kursens mapp media/ och visa den därifrån: ![Vad bilden visar](media/bild.png)."),
        "en": ("the image {target} is on another site",
               "Save it in the course's media/ folder and show it from there: ![What it shows](media/image.png)."),
    },
})

# Link schemes a learner's browser may follow; any other (javascript:, vbscript:, data:, file:) is refused.
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):")
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
# A short text that Markdown would turn into one paragraph of exactly its own characters: words with
# single spaces and plain punctuation, starting with a letter, as is every line after the first. It holds no syntax at all (no emphasis,
# link, code, HTML, entity, escape, dash or ellipsis that smarty would change), so it can carry
# nothing a check looks at. Prompts, options and feedback are mostly like this, and Python-Markdown's
# cost per text was most of the render time; `inline` passes them straight to the sanitiser.
PLAIN_INLINE = re.compile(r"""^[^\W\d_](?:[^\W_]|[,:;?!()%/–—’”§"'+]|[.-](?![.-])| (?=\S)|\n(?=[^\W\d_]))*\Z""")


def unescape_entities(value: str) -> str:
    """Decode character references until none is left, as deep as a browser would read them."""
    for _ in range(10):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def link_scheme(target: str) -> str | None:
    """The scheme of a link as a browser sees it (entities, tabs and newlines do not hide it).

    One-letter schemes are Windows drive letters, left to the media checks.
    """
    cleaned = re.sub(r"[\x00-\x20]", "", unescape_entities(target)).lower()
    scheme = SCHEME.match(cleaned)
    return scheme.group(1) if scheme else None


def leaves_the_site(target: str) -> bool:
    """`//host/…` (and `\\\\host`, which browsers read the same): another site, without a scheme."""
    cleaned = re.sub(r"[\x00-\x20]", "", unescape_entities(target)).replace("\\", "/")
    return cleaned.startswith("//")


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


@dataclass(frozen=True)
class AnchorScope:
    """What `#anchor` means in a text: the headings of one lesson or guide chapter, or nothing."""

    key: str | None  # which rendered headings: a lesson's file name, a guide chapter's, or None
    prefix: str  # what the renderer puts before a heading's slug in that document
    file: str  # the file named in messages


@dataclass
class PendingAnchor:
    """A link to a heading, checked once every document's headings are known."""

    key: str | None
    anchor: str
    wanted: str
    file: str
    source: SourceRef | None


class GlossaryLinks(InlineProcessor):
    """`[[visad text|term]]` → a link to the term in the course's glossary."""

    def __init__(self, pattern: str, renderer: MarkdownRenderer) -> None:
        super().__init__(pattern)
        self.renderer = renderer

    # Markdown's API: InlineProcessor changes Pattern's signature, and types-Markdown ignores that the same way.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:  # type: ignore[override]  # noqa: N802
        shown = m.group(1).strip()
        name = (m.group(2) or m.group(1)).strip()
        glossary = self.renderer.catalogue.glossary
        term = glossary.lookup(name)
        if term is None:
            names = [t.term for t in glossary.terms] + [f for t in glossary.terms for f in t.other_forms]
            self.renderer.report("glossary-term-unknown", m.group(0), term=name, suggestion=suggest(name, names))
            return shown, m.start(0), m.end(0)
        self.renderer.used_terms.add(term.id)
        link = etree.Element("a", {"href": f"#{term.id}", "class": "term", "data-term": term.id})
        link.text = shown
        return link, m.start(0), m.end(0)


class RefusedHtml(InlineProcessor):
    """Raw HTML, where Python-Markdown finds it: refused at its line, and shown as the text it is."""

    def __init__(self, pattern: str, renderer: MarkdownRenderer) -> None:
        super().__init__(pattern)
        self.renderer = renderer

    # Markdown's API: InlineProcessor changes Pattern's signature, and types-Markdown ignores that the same way.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:  # type: ignore[override]  # noqa: N802
        self.renderer.report("raw-html", m.group(0), once_per_line=True, tag=m.group(0)[:40])
        return AtomicString(m.group(0)), m.start(0), m.end(0)


class CheckedTree(Treeprocessor):
    """The checks of links, images and headings, on the very tree that becomes the HTML.

    Runs last, after inline patterns, smart punctuation and unescaping, so what it reads is what a
    reader gets: heading ids come from the text as shown, link targets as the browser reads them.
    """

    def __init__(self, md: markdown.Markdown, renderer: MarkdownRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        renderer = self.renderer
        prefix = renderer.id_prefix
        used: set[str] = set()
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "p" and not len(element) and (block := BLOCK_MARK_TEXT.match(element.text or "")):
                    number = block.group(1)
                    mark = etree.Element("etos-block", {"n": number})
                    mark.tail = element.tail
                    parent.remove(element)
                    parent.insert(index, mark)
        for element in list(root.iter()):
            if element.tag == "h1" and renderer.headings_warn:
                text = self.shown_text(element)
                place = renderer.document.find("# " + text) or renderer.document.place(text)
                renderer.report_at("heading-level-one", place, Severity.WARNING)
            if element.tag in ("h2", "h3", "h4", "h5", "h6") and prefix:
                anchor = f"{prefix}-{slugify(self.shown_text(element))}"
                candidate, n = anchor, 1
                while candidate in used:
                    n += 1
                    candidate = f"{anchor}-{n}"
                used.add(candidate)
                element.set("id", candidate)
                renderer.headings.add(candidate)
            elif element.tag == "a" and element.get("class") in ("footnote-ref", "footnote-backref"):
                element.set("href", "#" + renderer.footnote_id(element.get("href", "")[1:]))
            elif element.tag == "a" and not element.get("class"):
                # Classed links are the glossary's and the footnotes', made by the renderer itself.
                renderer.check_link(element)
            elif element.tag == "img":
                renderer.check_image(element)
            elif element.tag == "table":
                element.set("class", "table")
            if element.get("id", "").startswith(("fn:", "fnref:")):
                element.set("id", renderer.footnote_id(element.get("id", "")))

    def shown_text(self, element: etree.Element) -> str:
        """An element's text as a reader sees it: smart punctuation and entities resolved."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def resolve(match: re.Match[str]) -> str:
            number = int(match.group(1))
            stored = stash[number] if number < len(stash) else ""
            return html.unescape(stored) if isinstance(stored, str) else ""

        return HTML_PLACEHOLDER_RE.sub(resolve, "".join(element.itertext()))


class EtosMarkdown(Extension):
    def __init__(self, renderer: MarkdownRenderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # Block HTML is read as text, so that every tag meets the inline pattern that refuses it.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.register(RefusedHtml(HTML_RE, self.renderer), "html", 90)
        md.inlinePatterns.register(GlossaryLinks(GLOSSARY_LINK.pattern, self.renderer), "etos-glossary", 175)
        md.treeprocessors.register(CheckedTree(md, self.renderer), "etos-checks", -10)


class MarkdownRenderer:
    """One configured Markdown converter for a course, reused for every fragment, checking as it goes.

    Every problem it finds goes to `problems` with its file and line; media it finds go to `media`;
    links to headings wait in `pending` until `check_anchors`, when every heading is known.
    """

    def __init__(self, course: Course, catalogue: Catalogue, problems: Problems | None = None,
                 media: MediaCollector | None = None) -> None:
        self.course = course
        self.catalogue = catalogue
        self.problems = problems if problems is not None else Problems(catalogue.root)
        self.media = media if media is not None else MediaCollector(course.folder, catalogue.root, self.problems)
        self.id_prefix = ""
        self.used_terms: set[str] = set()
        self.lessons = {lesson.source.path.name: lesson for lesson in course.lessons}
        self.lesson_anchors = {name: lesson_anchor(lesson) for name, lesson in self.lessons.items()}
        self.scope = AnchorScope(None, "", course.source.path.name)
        self.headings: set[str] = set()
        self.headings_warn = False
        self.rendered_headings: dict[str, set[str]] = {}
        self.unread: set[str | None] = set()  # documents refused unread: links into them are not checked
        self.pending: list[PendingAnchor] = []
        self.images = 0
        self.document = Document([])
        self.md = markdown.Markdown(
            extensions=["tables", "footnotes", "sane_lists", "smarty", "fenced_code", EtosMarkdown(self)],
            extension_configs={
                "footnotes": {"BACKLINK_TITLE": "Tillbaka till texten", "SUPERSCRIPT_TEXT": "{}"},
                "smarty": {"smart_quotes": False, "smart_angled_quotes": False},
            },
            output_format="html",
        )

    # --- reporting -------------------------------------------------------------------------------

    def report(self, code: str, token: str, severity: Severity = Severity.ERROR, once_per_line: bool = False,
               **params: object) -> None:
        """A problem at the place in the current document where token was written; never twice."""
        place = self.document.place(token)
        self.report_at(code, place, severity, once_per_line, **params)

    def report_at(self, code: str, place: SourceRef | None, severity: Severity = Severity.ERROR,
                  once_per_line: bool = False, **params: object) -> None:
        path, line = (place.path, place.line) if place is not None else (self.course.source.path, 0)
        add = self.problems.error if severity is Severity.ERROR else self.problems.warning
        add(code, path, line, **params)
        new = self.problems.items[-1]
        # The glossary is rendered for every course that uses it: its problems are still reported once.
        if any(known == new and (once_per_line or known.params == new.params) for known in self.problems.items[:-1]):
            self.problems.items.pop()

    # --- converting ------------------------------------------------------------------------------

    def block(self, text: str | Document, id_prefix: str = "", headings: str | None = None) -> Markup:
        """Markdown → checked, sanitised HTML for a block of text (paragraphs, lists, tables).

        `headings` names the document whose heading ids links may point at (a lesson's file name).
        """
        return sanitize(self.convert(text, id_prefix, headings))

    def inline(self, text: str) -> Markup:
        """Markdown → HTML for a short text without the surrounding paragraph."""
        if PLAIN_INLINE.match(text):
            # Markdown would make it one paragraph of the very same characters, and find nothing to check.
            return sanitize(text)
        html_text = self.convert(text)
        if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
            html_text = html_text[3:-4]
        return sanitize(html_text)

    def convert(self, text: str | Document, id_prefix: str = "", headings: str | None = None) -> str:
        """Markdown → HTML, unsanitised: every caller passes the result through `sanitize`."""
        document = text if isinstance(text, Document) else Document.of(text)
        if not document.text.strip():
            return ""
        self.document = document
        self.id_prefix = id_prefix
        self.headings = set()
        if self.too_deep(document):
            self.unread.add(headings)
            return ""
        self.md.reset()
        try:
            result = self.md.convert(document.text)
        except RecursionError:  # a nesting the line check did not foresee: still the author's text
            self.report_at("markdown-too-deep", document.start, limit=MAX_NESTING,
                           depth=Localized(f"fler än {MAX_NESTING}", f"more than {MAX_NESTING}"))
            self.unread.add(headings)
            return ""
        if headings is not None:
            self.rendered_headings.setdefault(headings, set()).update(self.headings)
        return result

    def too_deep(self, document: Document) -> bool:
        """Refuse, at its line, a text nested deeper than MAX_NESTING before Markdown recurses into it."""
        offset = 0
        for line in document.text.split("\n"):
            depth = nesting_depth(line)
            if depth > MAX_NESTING:
                self.report_at("markdown-too-deep", document.at_offset(offset), depth=depth, limit=MAX_NESTING)
                return True
            offset += len(line) + 1
        return False

    # --- what the tree processor checks ----------------------------------------------------------

    def footnote_id(self, footnote: str) -> str:
        """`fn:1` → `jav-fn-1`: footnotes restart in every document, ids must not on the one-page player."""
        return f"{self.id_prefix}-{footnote.replace(':', '-')}" if self.id_prefix else footnote

    def check_link(self, element: etree.Element) -> None:
        """Check an author's link and point it at its place in the package; drop its target if refused."""
        written = element.get("href", "")
        # An e-mail autolink comes with its address as character references (AMP_SUBSTITUTE is `&`).
        target = unescape_entities(written.replace(AMP_SUBSTITUTE, "&")).strip()
        place = self.document.place(written)
        scheme = link_scheme(target)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            self.report_at("unsafe-link", place, target=target)
            element.attrib.pop("href", None)
        elif scheme is not None:
            element.set("href", target)
            if scheme in ("http", "https"):
                element.set("rel", "noopener")
        elif leaves_the_site(target):
            self.report_at("link-without-scheme", place, target=target)
            element.attrib.pop("href", None)
        else:
            internal = self.internal_target(target, place)
            if internal:
                element.set("href", internal)
            else:
                element.attrib.pop("href", None)

    def internal_target(self, target: str, place: SourceRef | None) -> str:
        """Where a link without a scheme leads in the package: a lesson, a heading or a media file."""
        file_part, _, anchor = target.partition("#")
        if not file_part:
            if not anchor:
                return target
            scope = self.scope
            wanted = f"{scope.prefix}-{anchor}" if scope.prefix else anchor
            self.pending.append(PendingAnchor(scope.key, anchor, wanted, scope.file, place))
            return f"#{wanted}"
        if file_part.endswith(".md"):
            name = Path(file_part).name
            lesson = self.lessons.get(name) if "/" not in file_part.strip("./") else None
            if lesson is None:
                if name not in self.course.lesson_files or "/" in file_part.strip("./"):
                    # A listed lesson that failed to load has its own error; this link is not one more.
                    self.report_at("link-broken", place, target=file_part,
                                   suggestion=suggest(file_part, list(self.lessons)))
                return ""
            if not anchor:
                return f"#{self.lesson_anchors[name]}"
            wanted = f"{lesson.id}-{anchor}"
            self.pending.append(PendingAnchor(name, anchor, wanted, name, place))
            return f"#{wanted}"
        self.add_media(file_part, place)
        media = self.media.target_of(file_part)
        if media is None:
            return ""
        return media + (f"#{anchor}" if anchor else "")

    def check_image(self, element: etree.Element) -> None:
        """An image needs a text alternative and must be a file of the course."""
        written = element.get("src", "")
        target = unescape_entities(written).strip()
        place = self.document.place(written)
        self.images += 1
        if not (element.get("alt") or "").strip():
            self.report_at("image-without-alt", place, target=target)
        scheme = link_scheme(target)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            self.report_at("unsafe-link", place, target=target)
        elif scheme is not None or leaves_the_site(target):
            self.report_at("image-external", place, target=target)
        else:
            self.add_media(target, place)
            media = self.media.target_of(target)
            if media is not None:
                element.set("src", media)
                element.set("loading", "lazy")
                return
        element.attrib.pop("src", None)

    def add_media(self, reference: str, place: SourceRef | None) -> None:
        """Hand a media reference to the collector, which checks the file and names its package path."""
        path, line = (place.path, place.line) if place is not None else (self.course.source.path, 0)
        self.media.add(reference, path, line)

    def check_anchors(self) -> None:
        """Links to headings, once every lesson is rendered: the ids the renderer made are the truth."""
        for link in self.pending:
            if link.key is not None and link.key in self.unread:
                continue
            known = self.rendered_headings.get(link.key, set()) if link.key is not None else set()
            if link.wanted not in known:
                prefix = link.wanted[: len(link.wanted) - len(link.anchor)]
                anchors = sorted(h[len(prefix):] for h in known if h.startswith(prefix))
                self.report_at("anchor-broken", link.source, anchor=link.anchor, file=link.file,
                               suggestion=suggest(link.anchor, anchors))


def lesson_anchor(lesson: Lesson) -> str:
    return f"lektion-{lesson.id}"


class TextOfHtml(HTMLParser):
    """Collects the text of an HTML fragment, character references decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)


def plain_text(fragment: str) -> str:
    """HTML → one line of text, for LMS records and PDF metadata (`&ndash;` becomes –, not the entity)."""
    parser = TextOfHtml()
    parser.feed(str(fragment))
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.pieces).replace("\xa0", " ")).strip()


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


def render_lesson(lesson: Lesson, number: int, md: MarkdownRenderer) -> HtmlLesson:
    """Render a lesson's prose as one Markdown document, so footnotes and their definitions meet
    wherever they stand; the named blocks are rendered on their own and put back in their places."""
    name = lesson.source.path.name
    md.scope = AnchorScope(name, lesson.id, name)
    special: dict[int, HtmlBlock] = {}
    parts: list[Part] = []
    learner_images = 0
    for index, block in enumerate(lesson.blocks):
        if block.kind is BlockKind.PROSE:
            parts.append(Part(block.markdown, getattr(block.markdown, "source", block.source)))
            continue
        before = md.images
        md.headings_warn = block.kind not in (BlockKind.DILEMMA, BlockKind.KNOWLEDGE_CHECK)
        if block.question is not None:
            special[index] = HtmlBlock(block.kind, block.title, question=render_question(block.question, md))
        elif block.dilemma is not None:
            special[index] = HtmlBlock(block.kind, block.title, dilemma=render_dilemma(block.dilemma, md))
        else:
            # Own id prefix per block: footnotes restart in every separately rendered block.
            special[index] = HtmlBlock(block.kind, block.title, html=md.block(block.markdown, f"{lesson.id}-{index}"))
        if block.kind is not BlockKind.FACILITATOR:
            learner_images += md.images - before
        parts.append(Part(BLOCK_MARK.format(index), None))
    before = md.images
    md.headings_warn = True
    prose_html = md.convert(Document(parts), lesson.id, headings=name)
    md.headings_warn = False
    learner_images += md.images - before
    blocks: list[HtmlBlock] = []
    position = 0
    for match in BLOCK_ELEMENT.finditer(prose_html):
        if prose_html[position:match.start()].strip():
            blocks.append(HtmlBlock(BlockKind.PROSE, "", html=sanitize(prose_html[position:match.start()].strip())))
        blocks.append(special.pop(int(match.group(1))))
        position = match.end()
    if prose_html[position:].strip():
        blocks.append(HtmlBlock(BlockKind.PROSE, "", html=sanitize(prose_html[position:].strip())))
    md.scope = AnchorScope(None, "", md.course.source.path.name)
    return HtmlLesson(lesson, number, lesson_anchor(lesson), blocks, learner_images)


def render_glossary(glossary: Glossary, md: MarkdownRenderer) -> list[HtmlTerm]:
    """Every definition is rendered (and so checked) once; the course lists the terms its texts
    link to, and the terms their definitions link to in turn."""
    links: dict[str, set[str]] = {}
    definitions: dict[str, Markup] = {}
    used = md.used_terms
    for term in glossary.terms:
        md.used_terms = set()
        definitions[term.id] = md.inline(term.definition)
        links[term.id] = md.used_terms
    md.used_terms = used
    listed: set[str] = set()
    waiting = sorted(used)
    while waiting:
        term_id = waiting.pop()
        if term_id not in listed:
            listed.add(term_id)
            waiting += sorted(links.get(term_id, set()) - listed)
    terms = [HtmlTerm(term, definitions[term.id]) for term in glossary.terms if term.id in listed]
    return sorted(terms, key=lambda t: swedish_sort_key(t.term.term))


def render_course(course: Course, catalogue: Catalogue, problems: Problems | None = None) -> RenderedCourse:
    """Convert every piece of Markdown in a course to checked, sanitised HTML, exactly once.

    Problems go to `problems`; without one, any error raises SourceErrors once the course is done.
    """
    collected = problems if problems is not None else Problems(catalogue.root)
    media = MediaCollector(course.folder, catalogue.root, collected)
    md = MarkdownRenderer(course, catalogue, collected, media)
    lessons = [render_lesson(lesson, number, md) for number, lesson in enumerate(course.lessons, start=1)]
    final_test = [render_question(q, md) for q in course.final_test.questions] if course.final_test else []
    description = md.block(course.description)
    guide_purpose, chapters = Markup(""), []
    if course.guide:
        guide_purpose = md.block(course.guide.purpose)
        for chapter in course.guide.chapters:
            prefix = "handledning-" + slugify(chapter.title)
            md.scope = AnchorScope(prefix, prefix, chapter.source.path.name)
            md.headings_warn = True
            chapters.append(HtmlGuideChapter(chapter.title, md.block(chapter.markdown, prefix, headings=prefix)))
            md.headings_warn = False
        md.scope = AnchorScope(None, "", course.source.path.name)
    glossary = render_glossary(catalogue.glossary, md)
    md.check_anchors()
    if problems is None and collected.errors:
        raise SourceErrors(collected)
    return RenderedCourse(course, catalogue, lessons, final_test, glossary, description, guide_purpose, chapters,
                          media=media.files)


SWEDISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


def swedish_sort_key(text: str) -> list[int]:
    """Sort as a Swedish dictionary does: å, ä, ö after z, case ignored."""
    replacements = {"é": "e", "ü": "y"}
    key = []
    for char in text.casefold():
        char = replacements.get(char, char)
        key.append(SWEDISH_ALPHABET.index(char) if char in SWEDISH_ALPHABET else 100 + ord(char))
    return key
