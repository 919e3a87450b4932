"""What the PDF engine may read: a folder of staged files, and a source that can ask for nothing else.

Typst reads files only below the root folder it is given, and fetches from the network only for an
`#import "@preview/…"`. So the print writer gives it a fresh folder holding exactly the course's
media, as packaged (SVGs sanitised), and the layout library, written there as bytes (never linked);
the fonts come from fixed Debian folders, with system fonts ignored. No path from a source is ever
looked up on disk: an image is referred to by its package path, and one that is not a staged file
is left out and reported as a content error naming the reference and, where the course model
shows it, its `file:line`.

Before compiling, the generated source passes a gate (`check_source`): with its string literals
taken out (every course text is one, see typst_markup.py), what is left may name only the layout's
own functions and a few built-in elements. `import`, `include`, `read`, `image`, `json`, `plugin`,
`eval`, `sys` and every other name are refused, so a source that asks for a package or a file,
because of a bug in Etos or a text that escaped its literal, fails closed before the engine runs.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from builder.media_check import packaged_bytes
from builder.messages import Localized, register_messages
from builder.model import BlockKind, Course, Question, SourceRef
from builder.package.layout import MediaFile
from builder.problems import Problems, SourceErrors
from builder.regular_files import read_regular_file

LAYOUT = "etos.typ"
PREAMBLE = f'#import "{LAYOUT}": *\n'

# What a generated document may name outside its string literals: the layout's functions, their
# parameters, and the built-in elements the HTML converter writes.
ALLOWED_NAMES = frozenset("""
    show with none true false box
    heading level outlined bookmarked depth list enum start strong emph raw block linebreak super footnote link label
    etos-document etos-cover etos-contents etos-chapter etos-lead etos-quiet etos-facilitator-only
    etos-fact etos-law etos-example etos-reflection etos-lines etos-options etos-hint etos-dilemma etos-check
    etos-quote etos-rule etos-xref etos-figure etos-inline-image etos-table etos-plan etos-term
    etos-last-word etos-references etos-checklist etos-talking-points etos-choice-feedback etos-note
    etos-key-question etos-worksheet etos-prompt
    etos-card etos-part-start etos-chapter-entry etos-chapter-continued etos-heading-continued etos-worksheet-entry
    title course-title kind author description keywords lang subtitle illustration
    illustration-alt facts publisher anchor kicker number alt caption columns header body multiple
    options correct hint prompt situation choices lines rows total items explanation objective
    instruction questions time activity lesson method minutes material legal pages entries
    first-page figures footnotes
""".split())
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
SKELETON_CHARACTERS = re.compile(r"[\s#()\[\],:.0-9]*")
# A string literal as Typst reads one: escapes skip a character; an open literal ends the source.
STRING_LITERAL = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)


class StagedRoot:
    """A temporary folder with the course's media (as packaged) and the layout, and nothing else.

    `names` maps each medium's package path to its path in the folder (the same path: `media/…`).
    """

    def __init__(self, media: list[MediaFile], layout: Path) -> None:
        self.media = media
        self.layout = layout
        self.names: dict[str, str] = {}

    def __enter__(self) -> StagedRoot:
        self.base = Path(tempfile.mkdtemp(prefix="etos-print-"))
        self.folder = self.base / "root"
        self.packages = self.base / "packages"  # empty: no cached or local package can be found
        self.folder.mkdir()
        self.packages.mkdir()
        (self.folder / LAYOUT).write_bytes(read_regular_file(self.layout))
        for media in self.media:
            relative = PurePosixPath(media.target)
            if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                continue  # the loader makes every target safe; one that is not is never staged
            target = self.folder.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(packaged_bytes(media.source_path))
            self.names[media.target] = relative.as_posix()
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


def source_skeleton(source: str) -> str:
    """The source with every string literal replaced by a space, scanned as Typst scans strings.

    A literal runs from `"` to the next `"` that no backslash escapes (a backslash takes the next
    character, whatever it is); one left open runs to the end. One regular expression, not a loop
    per character: the gate reads every byte of a 1,000-page source.
    """
    return STRING_LITERAL.sub(" ", source)


def unsafe_names(source: str) -> list[str]:
    """What in a generated source is not allowed: names outside the allowlist, stray syntax."""
    if not source.startswith(PREAMBLE):
        return ["(the layout import is missing)"]
    skeleton = source_skeleton(source[len(PREAMBLE):])
    found = [name for name in NAME.findall(skeleton) if name not in ALLOWED_NAMES]
    rest = NAME.sub(" ", skeleton)
    if not SKELETON_CHARACTERS.fullmatch(rest):
        found += sorted({char for char in rest if not SKELETON_CHARACTERS.fullmatch(char)})
    return list(dict.fromkeys(found))


def check_source(source: str, course: Course, root: Path, document: Localized) -> None:
    """Refuse to typeset a generated source that names anything beyond the layout (see the module text)."""
    found = unsafe_names(source)
    if found:
        problems = Problems(root)
        problems.error("pdf-source-refused", course.source.path, 0, document=document,
                       names=", ".join(found[:5]))
        raise SourceErrors(problems)


def report_refused(refused: list[str], course: Course, root: Path, document: Localized) -> None:
    """Raise SourceErrors with one problem per refused reference, at the source that holds it if known."""
    if not refused:
        return
    problems = Problems(root)
    for url in dict.fromkeys(refused):
        place = locate_reference(course, url)
        problems.error("pdf-fetch-refused", place.path, place.line, target=shown_url(url), document=document)
    raise SourceErrors(problems)


FILE_ERROR = re.compile(r"(file not found|access denied|failed to load|is a directory|file is not valid|"
                        r"escape the project root)", re.I)
SEARCHED_AT = re.compile(r"searched at ([^)]+)\)|path `\"(.+?)\"`")


def typeset_error(error: Exception, staged: StagedRoot, course: Course, root: Path,
                  document: Localized) -> SourceErrors:
    """A Typst failure as a build error: a refused read names the file, anything else the document."""
    message = str(getattr(error, "message", "") or error)
    problems = Problems(root)
    if FILE_ERROR.search(message):
        searched = SEARCHED_AT.search(message)
        target = (searched.group(1) or searched.group(2)) if searched else message
        try:
            target = Path(target).relative_to(staged.folder).as_posix()
        except ValueError:
            pass
        place = locate_reference(course, target)
        problems.error("pdf-fetch-refused", place.path, place.line, target=shown_url(target), document=document)
    else:
        problems.error("pdf-typeset-failed", course.source.path, 0, document=document, detail=message[:300])
    return SourceErrors(problems)


def shown_url(url: str) -> str:
    """A URL for a message: a `data:` URL cut short, anything else as the page wrote it."""
    if url.startswith("data:"):
        return url.split(",", 1)[0] + ",…"
    return url if len(url) <= 100 else url[:97] + "…"


def locate_reference(course: Course, url: str) -> SourceRef:
    """The first source text of the course that holds url (as written, decoded or entity-encoded).

    The converter only knows the URL; the course model knows each text's file and line. Where no
    text holds it, the course file itself is named.
    """
    forms = {url, unquote(url), html.escape(unquote(url))}
    if url.startswith("data:"):
        forms = {url[:60], unquote(url)[:60]}
    for text, line, path in course_texts(course):
        for form in forms:
            position = text.find(form)
            if form and position >= 0:
                return SourceRef(path, line + text.count("\n", 0, position))
    return SourceRef(course.source.path, 0)


def course_texts(course: Course) -> list[tuple[str, int, Path]]:
    """Every Markdown text of a course with the line its first line is on."""
    texts: list[tuple[str, int, Path]] = []
    for lesson in course.lessons:
        for block in lesson.blocks:
            path, line = block.source.path, block.source.line
            if block.markdown:
                texts.append((block.markdown, line + (0 if block.kind is BlockKind.PROSE else 1), path))
            for question in [block.question] if block.question else []:
                texts += question_texts(question)
            if block.dilemma:
                d = block.dilemma
                texts += [(t, d.source.line, path) for t in (d.situation, d.prompt, d.facilitator_note)]
                texts += [(t, c.source.line, path) for c in d.choices for t in (c.text, c.feedback)]
    for question in course.final_test.questions if course.final_test else []:
        texts += question_texts(question)
    if course.guide:
        texts.append((course.guide.purpose, course.guide.source.line, course.guide.source.path))
        texts += [(c.markdown, c.source.line + 1, c.source.path) for c in course.guide.chapters]
    texts.append((course.description, course.source.line, course.source.path))
    return texts


def question_texts(question: Question) -> list[tuple[str, int, Path]]:
    path, line = question.source.path, question.source.line
    texts = [(question.prompt, line, path), (question.explanation, line, path)]
    return texts + [(t, o.source.line, path) for o in question.options for t in (o.text, o.feedback)]


register_messages({
    "pdf-fetch-refused": {
        "sv": ("{document} skulle hämta {target}, som inte är en av kursens filer",
               "En bild i utskriften får bara vara en fil i kursens mapp media/ eller i courses/media/. "
               "Ta bort hänvisningen, eller lägg filen där och hänvisa till den därifrån."),
        "en": ("the {document} would fetch {target}, which is not one of the course's files",
               "An image in print may only be a file in the course's media/ folder or in courses/media/. "
               "Remove the reference, or put the file there and refer to it from there."),
    },
    "pdf-source-refused": {
        "sv": ("{document} sattes inte: källtexten till utskriften innehöll {names}",
               "Utskriften får bara använda Etos egen layout. Det här är ett fel i Etos; rapportera det "
               "tillsammans med kursen."),
        "en": ("the {document} was not typeset: its generated source held {names}",
               "Print may only use Etos's own layout. This is a bug in Etos; please report it with the course."),
    },
    "pdf-typeset-failed": {
        "sv": ("{document} kunde inte sättas: {detail}",
               "Kontrollera texten som meddelandet nämner; rapportera felet om det kvarstår."),
        "en": ("the {document} could not be typeset: {detail}",
               "Check the text the message names; report the problem if it persists."),
    },
})
