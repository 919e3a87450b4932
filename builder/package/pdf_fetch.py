"""The PDF engine's only way to files: a fetcher that serves what Etos hands it and nothing else.

WeasyPrint's own fetcher reads `/abs/path`, `file://` and `http://` URLs, so one image that slipped
past the earlier checks would put a file from the build machine, or a request to the network, into
a handout. This fetcher knows a fixed set of names (the course's media by their package path, and
Etos's own print assets) and answers every other URL with a refusal that the writer turns into a
content error naming the reference and, where the course model shows it, its `file:line`.

Matching is exact, on the URL as the engine asks for it: no path is ever joined, normalised or
looked up on disk, so `../`, `%2e%2e/`, absolute paths and symlinks have nothing to work on. The
document's base URL is the bare scheme `etos:`, which no URL joins onto (it is not a hierarchical
scheme), so the engine asks for a relative reference exactly as the page wrote it.

`data:` URLs are refused too, but for one kind: the bitmaps inside a course SVG that the SVG check
let through, which the engine asks for by their `data:` URL once it has the SVG. The page Etos gives
the engine names every image by its package path; any other `data:` URL can only have come from a
source, and would carry an SVG past the SVG check or a font past every check. (The standalone print
HTML does embed images as `data:` URLs, but that page is never given to the engine.)
"""

from __future__ import annotations

import html
import mimetypes
from pathlib import Path
from typing import Callable
from urllib import request
from urllib.parse import unquote

from builder.media_check import embedded_rasters, mime_type, packaged_bytes
from builder.messages import register_messages
from builder.model import BlockKind, Course, MediaFile, SourceRef
from builder.problems import Problems, SourceErrors
from builder.regular_files import read_regular_file

try:  # recent WeasyPrint (70 here): fetchers are URLFetcher objects
    from weasyprint.urls import URLFetcher, URLFetcherResponse
except ImportError:  # pragma: no cover - earlier WeasyPrint calls a plain function
    URLFetcher, URLFetcherResponse = object, None

BASE_URL = "etos:"
PRINT_ASSETS = "print"  # templates/print/static/<name> is served as print/<name>


class FetchRefused(Exception):
    """A URL the PDF engine may not have; WeasyPrint catches it, the writer reports it."""


class CourseFetcher(URLFetcher):
    """Serves exact names from a fixed table; records and refuses every other URL."""

    def __init__(self, files: dict[str, Callable[[], tuple[bytes, str]]]) -> None:
        # Not URLFetcher.__init__: that would install urllib's file, HTTP and FTP handlers. With
        # none installed, even a call that bypassed fetch() could open nothing.
        request.OpenerDirector.__init__(self)
        self._fail_on_errors = False
        self._allowed_protocols = ()
        self._http_headers = {}
        self._timeout = 0
        self._request = None
        self.files = files
        self.refused: list[str] = []
        # A medium that changed on disk since loading: WeasyPrint would swallow the error and leave
        # the image out, so the writer raises it once the document is laid out.
        self.failures: list[SourceErrors] = []

    def fetch(self, url: str, headers: dict | None = None) -> object:
        """The bytes of a known name; FetchRefused (and a note of the URL) for anything else."""
        del headers  # nothing is fetched over HTTP
        reader = self.files.get(url)
        if reader is None:
            if url not in self.refused:  # the engine asks again for every use of an image
                self.refused.append(url)
            raise FetchRefused(url)
        try:
            data, content_type = reader()
        except SourceErrors as failure:
            self.failures.append(failure)
            raise FetchRefused(url) from None
        if URLFetcherResponse is None:  # pragma: no cover - earlier WeasyPrint
            return {"string": data, "mime_type": content_type, "redirected_url": url}
        return URLFetcherResponse(url, data, {"Content-Type": content_type})

    def open(self, url: object, data: object = None, timeout: object = None) -> object:  # noqa: ARG002
        return self.fetch(getattr(url, "full_url", url))

    def __call__(self, url: str) -> object:
        return self.fetch(url)


def course_fetcher(media_files: list[MediaFile], print_assets: list[tuple[str, Path]]) -> CourseFetcher:
    """A fetcher for one course's printed documents: its media (as packaged) and the print assets."""
    files: dict[str, Callable[[], tuple[bytes, str]]] = {}

    def medium(path: Path) -> tuple[bytes, str]:
        data = packaged_bytes(path)
        if path.suffix.lower() == ".svg":  # the bitmaps inside it were checked with it
            for url, found in embedded_rasters(data).items():
                files.setdefault(url, lambda found=found: found)
        return data, mime_type(path)

    for media in media_files:
        files[media.target] = lambda path=media.source_path: medium(path)
    for name, path in print_assets:
        guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
        files[f"{PRINT_ASSETS}/{name}"] = lambda path=path, guessed=guessed: (read_regular_file(path), guessed)
    return CourseFetcher(files)


def report_refused(fetcher: CourseFetcher, course: Course, root: Path, document: str) -> None:
    """Raise SourceErrors with one problem per refused URL, at the source that holds it if known."""
    if not fetcher.refused and not fetcher.failures:
        return
    problems = Problems(root)
    for url in fetcher.refused:
        place = locate_reference(course, url)
        problems.error("pdf-fetch-refused", place.path, place.line, target=shown_url(url), document=document)
    for failure in fetcher.failures:
        for problem in failure.problems.items:
            problems.error(problem.code, problem.path, problem.line, **problem.params)
    raise SourceErrors(problems)


def shown_url(url: str) -> str:
    """A URL for a message: a `data:` URL cut short, anything else as the page wrote it."""
    if url.startswith("data:"):
        return url.split(",", 1)[0] + ",…"
    return url if len(url) <= 100 else url[:97] + "…"


def locate_reference(course: Course, url: str) -> SourceRef:
    """The first source text of the course that holds url (as written, decoded or entity-encoded).

    The engine only knows the URL; the course model knows each text's file and line. Where no text
    holds it, the course file itself is named.
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


def question_texts(question: object) -> list[tuple[str, int, Path]]:
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
})
