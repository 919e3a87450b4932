"""Printed material: the learner handout, the facilitator guide and the worksheets to copy, as PDF.

Typst typesets them (see benchmarks/spike_pdf_engines.py for why: several times faster than the
HTML engine it replaced, with Knuth–Plass line breaking and Swedish hyphenation, tagged PDF/UA-1).
The layout is one Typst library, templates/print/etos.typ; the order of each document is a Jinja
template (templates/print/*.typ.j2) whose every `{{ value }}` becomes a Typst string literal unless
it is Typst this package wrote itself (typst_markup.py). The engine sees a folder holding only the
staged media and that library, and the fonts named here (pdf_fetch.py).
Every word the print adds to a course's own text is in the course's language (`språk`), from
builder/messages/print.py: the templates get theirs as `t(code)`, the layout as JSON in `sys.inputs`.
The file names keep their Swedish kind words in every language.
A document longer than a course's handout is typeset in parts and merged (pdf_parts.py).
Dates in the PDF come from the build, never from the clock: same sources, same bytes.
"""

from __future__ import annotations

import calendar
import ctypes
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import html as lxml_html

from builder.messages import Localized, register_messages, section_texts
from builder.messages import text as catalogue_text
from builder.model import BlockKind, Course, QuestionType
from builder.package.archive import build_timestamp
from builder.package.pdf_fetch import StagedRoot, check_source, report_refused, typeset_error
from builder.package.pdf_parts import typeset
from builder.package.typst_markup import Converter, TypstCode, paragraph_end, prose, string
from builder.problems import Problems, SourceErrors
from builder.render import HtmlLesson, HtmlQuestion, RenderedCourse, plain_text
from builder.render.text import tied
from builder.templates import templates_folder

if TYPE_CHECKING:
    import jinja2
    import typst

    from builder.package import BuildContext

HANDOUT = "deltagarmaterial"
GUIDE = "handledarmaterial"
WORKSHEETS = "arbetsblad"
# The file names keep the Swedish kind words in every language (they are the published interface);
# the document as printed names its kind in the course's language.
KIND_CODES = {HANDOUT: "kind_handout", GUIDE: "kind_guide", WORKSHEETS: "kind_worksheets"}
# The document as a message names it: "deltagarmaterialet skulle hämta …".
KIND_NAMES = {HANDOUT: Localized("deltagarmaterialet", "handout"), GUIDE: Localized("handledarmaterialet", "guide"),
              WORKSHEETS: Localized("arbetsbladen", "worksheets")}

# The faces the layout names, as Debian packages install them; nothing else is offered to the engine.
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/charis"), Path("/usr/share/fonts/truetype/open-sans"),
                Path("/usr/share/fonts/truetype/dejavu"))
FONT_FAMILIES = {"Charis SIL": "fonts-sil-charis", "Open Sans": "fonts-open-sans",
                 "DejaVu Sans Mono": "fonts-dejavu-core"}
# The names of an SVG meant for the cover, before a course's first SVG is taken.
COVER_NAMES = ("omslag", "illustration", "cover")


@dataclass
class PlanRow:
    """A session plan activity with its clock times counted from the start of the session."""

    number: int
    start: str
    end: str
    activity: str
    method: str
    minutes: int
    material: str
    lesson: HtmlLesson | None


@dataclass
class PrintedChapter:
    """A guide chapter as Typst: its whole body, or an introduction and one card per role."""

    title: str
    body: TypstCode
    intro: TypstCode
    cards: list[TypstCode]


class PdfWriter:
    """Writes `<id>-<version>-deltagarmaterial.pdf`, `-handledarmaterial.pdf` and, where the guide
    has worksheets, `-arbetsblad.pdf`."""

    name = "pdf"

    def __init__(self, context: BuildContext | None = None) -> None:
        del context  # paper carries no SCORM schemas, and each course's folder comes with write

    def output_names(self, course: Course) -> list[str]:
        return [f"{file_stem(course, kind)}.pdf" for kind in documents(course)]

    def write(self, rendered: RenderedCourse, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        with StagedRoot(rendered.media, templates_folder() / "print" / "etos.typ") as root:
            compiler = typst_compiler(root)
            for kind in documents(rendered.course):
                path = folder / f"{file_stem(rendered.course, kind)}.pdf"
                source = typst_document(rendered, kind, root)
                path.write_bytes(self.pdf_bytes(source, rendered, root, kind, compiler))
                written.append(path)
        return written

    def pdf_bytes(self, source: TypstSource, rendered: RenderedCourse, root: StagedRoot,
                  kind: str = HANDOUT, compiler: typst.Compiler | None = None) -> bytes:
        """The PDF of a generated document; the engine reads nothing but the staged root.

        Image sources that are not staged files were left out of the source and are reported here,
        each at the source text that holds it; a source that fails the gate is never compiled.
        """
        course = rendered.course
        report_refused(source.refused, course, rendered.catalogue.root, KIND_NAMES[kind])
        check_source(source.text, course, rendered.catalogue.root, KIND_NAMES[kind])
        import typst

        try:
            engine = compiler or typst_compiler(root)
            return typeset(lambda text, inputs: compile_pdf(engine, text, inputs, course.language), source.text,
                           course.language, release=lambda: release_engine_memory(engine))
        except typst.TypstError as error:
            raise typeset_error(error, root, course, rendered.catalogue.root, KIND_NAMES[kind]) from None


@dataclass
class TypstSource:
    """A generated Typst document and the image sources it could not stage."""

    text: str
    refused: list[str]


def documents(course: Course) -> list[str]:
    """The printed documents of a course: the worksheet file only where there are worksheets."""
    kinds = [HANDOUT, GUIDE]
    if course.guide is not None and course.guide.worksheets:
        kinds.append(WORKSHEETS)
    return kinds


def file_stem(course: Course, kind: str) -> str:
    return f"{course.id}-{course.version}-{kind}"


def words(lang: str, code: str, **params: object) -> str:
    """A printed text in the course's language (builder/messages/print.py)."""
    return catalogue_text("print", code, lang, **params)


@cache
def layout_inputs(lang: str) -> dict[str, str]:
    """What the layout reads from `sys.inputs` in every compile: its own words in the course's language,
    as JSON (`etos-words`; etos.typ decodes it, so no word is ever Typst markup)."""
    from builder.messages.print import LAYOUT_CODES

    table = section_texts("print", lang)
    return {"etos-words": json.dumps({code: table[code] for code in LAYOUT_CODES}, ensure_ascii=False)}


def typst_compiler(root: StagedRoot) -> typst.Compiler:
    """The engine for one staged root: it reads only that folder and the layout's fonts, and fetches
    no package (its package folders are the root's empty ones). A course's documents share it, and
    with it the parsed layout library (the same bytes as a fresh one for each, a few per cent less CPU)."""
    import typst

    return typst.Compiler(root=str(root.folder), font_paths=fonts(), ignore_system_fonts=True,
                          package_path=str(root.packages), package_cache_path=str(root.packages))


def compile_pdf(compiler: typst.Compiler, text: str, inputs: dict[str, str] | None = None, lang: str = "sv") -> bytes:
    """A generated source as tagged PDF/UA-1, dated from the build, never from the clock.

    `inputs` reach the layout as `sys.inputs` (a part of a long document learns there what the other
    parts hold, see pdf_parts.py), with the layout's words in `lang`, the course's language (Swedish
    unless told, as everywhere in Etos); they are always given, since the engine would keep the last ones.
    """
    pdf = compiler.compile(text.encode("utf-8"), format="pdf", pdf_standards="ua-1",
                           sys_inputs={**layout_inputs(lang), **(inputs or {})},
                           timestamp=calendar.timegm((*build_timestamp(), 0, 0, 0)))
    if not isinstance(pdf, bytes):
        raise TypeError("typst returned no PDF")  # only a multi-page image format returns a list
    return pdf


# typst-py drops from its memo cache what the last ten compiles did not use (`comemo::evict(10)`
# after each compile); the Python binding offers no call to evict.
ENGINE_CACHE_COMPILES = 10


def release_engine_memory(compiler: typst.Compiler) -> None:
    """Let the engine drop what it memoised for the documents typeset so far, and hand the freed memory
    back to the system (glibc keeps it otherwise). Eleven compiles of an empty source take some 50 ms;
    for the 1,000-page handout this lowers the process's resident set by about 100 MB before the
    merge of its parts needs its own (benchmarks/print_profile.md)."""
    for _ in range(ENGINE_CACHE_COMPILES + 1):
        compiler.compile(b"", format="svg")
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: its allocator decides when memory goes back


@lru_cache(maxsize=1)
def fonts() -> typst.Fonts:
    """The three families of the layout, loaded once per process; a missing one is named with its package."""
    import typst

    loaded = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                         font_paths=[str(folder) for folder in FONT_FOLDERS if folder.is_dir()])
    families = set(loaded.families())
    missing = [package for family, package in FONT_FAMILIES.items() if family not in families]
    if missing:
        fonts.cache_clear()
        problems = Problems()
        problems.error("pdf-fonts-missing", None, packages=" ".join(missing))
        raise SourceErrors(problems)
    return loaded


@cache
def typst_environment() -> jinja2.Environment:
    """Jinja for Typst: no HTML escaping, and every printed value a Typst literal unless Etos wrote it."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_folder())),
        autoescape=False,
        finalize=typst_value,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def typst_value(value: object) -> str:
    """How a template value reaches Typst: Etos's own Typst as it is, a text always as a string literal."""
    if isinstance(value, TypstCode):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value is None:
        return "none"
    return string(str(value))


def typst_document(rendered: RenderedCourse, kind: str, root: StagedRoot) -> TypstSource:
    """The Typst source of one printed document."""
    course = rendered.course
    converter = Converter(root.names)
    env = typst_environment()
    env.filters["blocks"] = lambda fragment: converter.fragment(fragment)
    env.filters["shifted"] = lambda fragment: converter.fragment(fragment, heading_shift=1)
    env.filters["inline"] = lambda fragment: converter.inline_fragment(fragment)
    # The templates' own texts and the course's plain strings (objectives, checklists …) never went
    # through the render stage, so they are tied here.
    env.filters["paragraph"] = lambda value: paragraph_end(tied(str(value)))
    env.filters["prose"] = lambda value: prose(tied(str(value)))
    lang = course.language
    illustration, illustration_alt = cover_illustration(rendered, root)
    licence_line = words(lang, "licence", licence=rendered.catalogue.licence) if rendered.catalogue.licence else ""
    kind_label = words(lang, KIND_CODES[kind])
    context = {
        "course": course,
        "catalogue": rendered.catalogue,
        "lessons": rendered.lessons,
        "glossary": rendered.glossary,
        "final_test": rendered.final_test,
        "description": rendered.description,
        "description_text": course.subtitle or plain_text(str(rendered.description)),
        "guide": course.guide,
        "guide_purpose": rendered.guide_purpose,
        "guide_chapters": printed_chapters(rendered, converter) if kind == GUIDE else [],
        "plan": session_plan(rendered),
        "talking_points": talking_points(rendered),
        "dilemma_cases": [(lesson, block.dilemma) for lesson in rendered.lessons
                          for block in lesson.blocks if block.dilemma is not None],
        "checks": [(lesson, questions) for lesson in rendered.lessons
                   if (questions := [block.question for block in lesson.blocks if block.question])],
        "kind": kind,
        "kind_label": kind_label,
        "document_title": f"{course.title} – {kind_label}",
        "cover": kind != WORKSHEETS,
        "cover_facts": cover_facts(rendered, kind),
        "publisher_lines": [line for line in (rendered.catalogue.publisher, rendered.catalogue.origin,
                                              licence_line, rendered.catalogue.contact) if line],
        "illustration": illustration,
        "illustration_alt": illustration_alt,
        "worksheet_file": f"{file_stem(course, WORKSHEETS)}.pdf",
        "choice_hint": lambda question: choice_hint(question, lang),
        "t": lambda code, **params: words(lang, code, **params),
    }
    text = env.get_template(f"print/{kind}.typ.j2").render(context)
    return TypstSource(text, converter.refused)


def cover_facts(rendered: RenderedCourse, kind: str) -> list[tuple[str, str]]:
    course, guide, lang = rendered.course, rendered.course.guide, rendered.course.language
    count = len(rendered.lessons)
    length = (words(lang, "fact_length_value", minutes=course.minutes, lessons=count) if count != 1
              else words(lang, "fact_length_value_one_lesson", minutes=course.minutes))
    facts = ([(words(lang, "fact_session"), words(lang, "fact_session_value", minutes=guide.minutes)),
              (words(lang, "fact_web_course"), length)]
             if kind == GUIDE and guide else [(words(lang, "fact_length"), length)])
    if course.audience:
        facts.append((words(lang, "fact_audience"), course.audience))
    facts.append((words(lang, "fact_version"), course.version))
    if course.fact_checked:
        facts.append((words(lang, "fact_checked"),
                      words(lang, "fact_law_as_of", date=course.fact_checked, law=course.law_as_of)
                      if course.law_as_of else course.fact_checked))
    return facts


def cover_illustration(rendered: RenderedCourse, root: StagedRoot) -> tuple[str | None, str]:
    """The course's picture for the cover: its `omslagsbild:`, the start page's picture too; without
    one, an SVG named omslag/illustration/cover, else its first SVG.

    Its text alternative is the one the lessons give it; a course without a picture gets a cover without.
    """
    svgs = [m.target for m in rendered.media if m.target.lower().endswith(".svg") and m.target in root.names]
    named = [t for t in svgs if Path(t).stem.lower() in COVER_NAMES]
    candidates = [rendered.cover] if rendered.cover in root.names else named or svgs
    if not candidates:
        return None, ""
    chosen = candidates[0]
    return root.names[chosen], (image_alts(rendered).get(chosen)
                                or words(rendered.course.language, "illustration_alt", title=rendered.course.title))


def image_alts(rendered: RenderedCourse) -> dict[str, str]:
    """The alt text of each image the lessons show, read from their HTML trees; the first use wins."""
    alts: dict[str, str] = {}
    for lesson in rendered.lessons:
        for block in lesson.blocks:
            if block.html and "<img" in block.html:
                for image in lxml_html.fragment_fromstring(str(block.html), create_parent="div").iter("img"):
                    alts.setdefault(image.get("src", ""), image.get("alt", ""))
    return alts


def printed_chapters(rendered: RenderedCourse, converter: Converter) -> list[PrintedChapter]:
    """The handledning/ chapters; a chapter of role cards split into one card per role."""
    chapters = []
    for chapter in rendered.guide_chapters:
        if chapter.role_cards:
            intro, cards = converter.sections(chapter.html)
            chapters.append(PrintedChapter(chapter.title, TypstCode(""), intro, cards))
        else:
            chapters.append(PrintedChapter(chapter.title, converter.fragment(chapter.html), TypstCode(""), []))
    return chapters


# A prompt that says so already ("Välj alla …", "Choose every answer …") gets no hint; as in the player.
SAYS_CHOOSE_ALL = ("välj alla", "every answer")


def choice_hint(question: HtmlQuestion, lang: str = "sv") -> str:
    """The line under a multiple-choice question that says so, unless its prompt does already."""
    prompt = question.prompt_text.lower()
    if question.type is QuestionType.MULTIPLE and not any(phrase in prompt for phrase in SAYS_CHOOSE_ALL):
        return words(lang, "choose_all")
    return ""


def session_plan(rendered: RenderedCourse) -> list[PlanRow]:
    guide, lang = rendered.course.guide, rendered.course.language
    if guide is None:
        return []
    lessons = {lesson.id: lesson for lesson in rendered.lessons}
    rows, elapsed = [], 0
    for number, item in enumerate(guide.plan, start=1):
        rows.append(PlanRow(number, clock(elapsed, lang), clock(elapsed + item.minutes, lang), item.activity,
                            item.method, item.minutes, item.material, lessons.get(item.lesson_id)))
        elapsed += item.minutes
    return rows


def clock(minutes: int, lang: str = "sv") -> str:
    """Minutes into the session as a clock in the course's language shows them: 95 → "1.35" ("1:35")."""
    return words(lang, "clock", hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def talking_points(rendered: RenderedCourse) -> list[tuple[HtmlLesson, list[str]]]:
    """Each lesson's `:::handledare` blocks (their headings go one level down, under the lesson's)."""
    return [(lesson, [block.html for block in lesson.blocks_of(BlockKind.FACILITATOR)]) for lesson in rendered.lessons]


register_messages({
    "pdf-fonts-missing": {
        "sv": ("typsnitten till utskrifterna saknas",
               "Installera Debianpaketen {packages} (scripts/setup gör det), eller bygg utan --format pdf."),
        "en": ("the fonts for the printed material are missing",
               "Install the Debian packages {packages} (scripts/setup does it), or build without --format pdf."),
    },
})
