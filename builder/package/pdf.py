"""Printable material: the learner handout and the facilitator guide, as PDF and as print-ready HTML.

Both documents are one HTML page with the print CSS inlined. WeasyPrint lays that very page out on
A4, so the PDF and what a browser prints from the HTML never drift apart; the HTML file carries its
images as data URIs so that it prints on its own, while the engine gets them by name from a fetcher
that serves the course's media and nothing else (pdf_fetch.py).
Dates and identifiers in the PDF come from the build, never from the clock: same sources, same bytes.
"""

from __future__ import annotations

import base64
import html
import re
import time
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from builder.media_check import mime_type, packaged_bytes
from builder.messages import Localized
from builder.model import BlockKind, Course
from builder.package.archive import build_timestamp
from builder.package.pdf_fetch import BASE_URL, course_fetcher, report_refused
from builder.render import HtmlLesson, RenderedCourse, plain_text
from builder.templates import environment, static_files, templates_folder

HANDOUT = "deltagarmaterial"
GUIDE = "handledarmaterial"
KIND_LABELS = {HANDOUT: "Deltagarmaterial", GUIDE: "Handledarmaterial"}
# The document as a message names it: "deltagarmaterialet skulle hämta …".
KIND_NAMES = {HANDOUT: Localized("deltagarmaterialet", "handout"), GUIDE: Localized("handledarmaterialet", "guide")}

# Tagged PDF for screen readers. PDF/UA-1 where this WeasyPrint knows it, plain tags otherwise.
PDF_OPTIONS_UA = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}
PDF_OPTIONS_TAGGED = {"pdf_tags": True, "pdf_identifier": True}


@dataclass
class TocEntry:
    """One line of the table of contents, taken from a heading marked `data-toc`."""

    anchor: str
    title: Markup
    level: int


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


class PdfWriter:
    """Writes `<id>-<version>-deltagarmaterial` and `-handledarmaterial`, each as .pdf and .html."""

    name = "pdf"

    def __init__(self, schema_folder: Path | None = None) -> None:
        del schema_folder  # paper carries no SCORM schemas
        # Loading fonts is costly: one configuration serves every document this writer makes.
        self.fonts = FontConfiguration()

    def output_names(self, course: Course) -> list[str]:
        stems = [file_stem(course, kind) for kind in (HANDOUT, GUIDE)]
        return [f"{stem}.pdf" for stem in stems] + [f"{stem}.html" for stem in stems]

    def write(self, rendered: RenderedCourse, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        pdfs: list[Path] = []
        pages: list[Path] = []
        for kind in (HANDOUT, GUIDE):
            page = print_document(rendered, kind)
            stem = file_stem(rendered.course, kind)
            pdf_path = folder / f"{stem}.pdf"
            pdf_path.write_bytes(self.pdf_bytes(page, rendered, kind))
            html_path = folder / f"{stem}.html"
            html_path.write_text(embed_images(page, rendered), encoding="utf-8")
            pdfs.append(pdf_path)
            pages.append(html_path)
        return pdfs + pages

    def pdf_bytes(self, page: str, rendered: RenderedCourse, kind: str = HANDOUT) -> bytes:
        """The PDF of a print page; the engine reads nothing but what the course's fetcher serves.

        Every URL the engine asks for (images, stylesheets, fonts, images inside SVG) goes to that
        one fetcher; a refused one stops the build with the reference named.
        """
        fetcher = course_fetcher(rendered.media, static_files("print"))
        document = HTML(string=page, base_url=BASE_URL, url_fetcher=fetcher)
        data = document.write_pdf(font_config=self.fonts, **pdf_options())
        report_refused(fetcher, rendered.course, rendered.catalogue.root, KIND_NAMES[kind])
        return data


def pdf_options() -> dict:
    """PDF/UA-1 when the installed WeasyPrint offers it, a tagged PDF otherwise."""
    try:
        from weasyprint.pdf import VARIANTS
    except ImportError:  # pragma: no cover - very old WeasyPrint
        return dict(PDF_OPTIONS_TAGGED)
    return dict(PDF_OPTIONS_UA if "pdf/ua-1" in VARIANTS else PDF_OPTIONS_TAGGED)


def file_stem(course: Course, kind: str) -> str:
    return f"{course.id}-{course.version}-{kind}"


def build_date() -> str:
    """The build date for the PDF metadata, in the W3C form WeasyPrint reads from `dcterms.created`."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", tuple(build_timestamp()) + (0, 0, 0))


def print_document(rendered: RenderedCourse, kind: str) -> str:
    """The whole self-contained HTML page of one printed document."""
    env = environment()
    course = rendered.course
    context = {
        "course": course,
        "catalogue": rendered.catalogue,
        "lessons": rendered.lessons,
        "glossary": rendered.glossary,
        "final_test": rendered.final_test,
        "description": rendered.description,
        "guide": course.guide,
        "guide_purpose": rendered.guide_purpose,
        "guide_chapters": rendered.guide_chapters,
        "plan": session_plan(rendered),
        "talking_points": talking_points(rendered),
        "dilemma_cases": [(lesson, block.dilemma) for lesson in rendered.lessons
                          for block in lesson.blocks if block.dilemma is not None],
        "checks": [(lesson, questions) for lesson in rendered.lessons
                   if (questions := [block.question for block in lesson.blocks if block.question])],
        "kind": kind,
        "kind_label": KIND_LABELS[kind],
    }
    body = env.get_template(f"print/{kind}.html.j2").render(context)
    page = env.get_template("print/document.html.j2").render(
        context,
        body=Markup(body),
        toc=table_of_contents(body),
        css=Markup((templates_folder() / "print" / "print.css").read_text(encoding="utf-8")),
        document_title=f"{course.title} – {KIND_LABELS[kind]}",
        description=course.subtitle or plain_text(str(rendered.description)),
        created=build_date(),
    )
    return finish_links(page)


def session_plan(rendered: RenderedCourse) -> list[PlanRow]:
    guide = rendered.course.guide
    if guide is None:
        return []
    lessons = {lesson.id: lesson for lesson in rendered.lessons}
    rows, elapsed = [], 0
    for number, item in enumerate(guide.plan, start=1):
        rows.append(PlanRow(number, clock(elapsed), clock(elapsed + item.minutes), item.activity, item.method,
                            item.minutes, item.material, lessons.get(item.lesson_id)))
        elapsed += item.minutes
    return rows


def clock(minutes: int) -> str:
    """Minutes into the session as Swedish clock notation: 95 → "1.35"."""
    return f"{minutes // 60}.{minutes % 60:02d}"


TOC_HEADING = re.compile(r'<h[1-6]\b([^>]*)\bdata-toc="(\d)"([^>]*)>(.*?)</h[1-6]>', re.DOTALL)
ATTRIBUTE = re.compile(r'\b([a-z-]+)="([^"]*)"')


def table_of_contents(body: str) -> list[TocEntry]:
    """Every heading marked `data-toc="level"`, in order: the contents list can never miss a chapter."""
    entries = []
    for match in TOC_HEADING.finditer(body):
        attributes = dict(ATTRIBUTE.findall(match.group(1) + match.group(3)))
        label = attributes.get("data-toc-label")
        title = Markup(label) if label else Markup(re.sub(r"<[^>]+>", "", match.group(4)).strip())
        entries.append(TocEntry(attributes["id"], title, int(match.group(2))))
    return entries


IMAGE_SOURCE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


def embed_images(page: str, rendered: RenderedCourse) -> str:
    """Course images as data URIs (SVGs sanitised, as in every package), so the HTML file prints on its own."""
    sources = {media.target: media.source_path for media in rendered.media}
    encoded: dict[str, str] = {}

    def data_uri(match: re.Match) -> str:
        target = html.unescape(match.group(2))
        path = sources.get(target)
        if path is None:
            return match.group(0)
        if target not in encoded:
            data = base64.b64encode(packaged_bytes(path)).decode("ascii")
            encoded[target] = f"data:{mime_type(path)};base64,{data}"
        return match.group(1) + encoded[target] + match.group(3)

    return IMAGE_SOURCE.sub(data_uri, page)


LINK = re.compile(r'<a\b([^>]*)>(.*?)</a>', re.DOTALL)
ELEMENT_ID = re.compile(r'\bid="([^"]+)"')


def finish_links(page: str) -> str:
    """Keep links that lead somewhere on paper or on the web; turn the rest into plain text.

    A guide has no glossary and a handout no talking points, so some links from the shared HTML
    fragments point at nothing in this document; media files are not beside a printed page.
    """
    ids = set(ELEMENT_ID.findall(page))

    def fix(match: re.Match) -> str:
        href = dict(ATTRIBUTE.findall(match.group(1))).get("href", "")
        if href.startswith("#") and href[1:] in ids:
            return match.group(0)
        if re.match(r"^(https?:|mailto:)", href):
            return match.group(0)
        return f'<span class="link-text">{match.group(2)}</span>'

    return LINK.sub(fix, page)


def talking_points(rendered: RenderedCourse) -> list[tuple[HtmlLesson, list[Markup]]]:
    """Each lesson's `:::handledare` blocks, headings moved one level down to sit under the lesson's."""
    return [(lesson, [shift_headings(block.html) for block in lesson.blocks_of(BlockKind.FACILITATOR)])
            for lesson in rendered.lessons]


def shift_headings(fragment: Markup) -> Markup:
    return Markup(re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", str(fragment)))
