"""The PDF engine reads nothing but the course's own media: the fetcher tested directly with hostile
URLs, then inside WeasyPrint with every way a page can ask for a file, with a local HTTP server that
must never see a request."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from weasyprint import HTML

from builder.cli import main
from builder.build import load_and_render
from builder.load import load_project
from builder.model import SourceRef
from builder.package import pdf as pdf_module
from builder.package.pdf import PdfWriter, print_document
from builder.package.pdf_fetch import BASE_URL, FetchRefused, course_fetcher, locate_reference, report_refused
from builder.problems import Problems, SourceErrors
from builder.render import render_course
from tests.test_broken_sources import prepared_output, snapshot

PNG = Path(__file__).parent / "fixtures" / "provprojekt" / "provkurs" / "media" / "jävsgrunder.png"
MEDIUM = "media/javsgrunder.png"


class RecordingServer:
    """An HTTP server on 127.0.0.1 that notes every request; a build must leave it empty."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's API
                recorded.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(PNG.read_bytes())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "RecordingServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def server():
    with RecordingServer() as running:
        yield running


def loaded(root: Path):
    project = load_project(root, Problems(root))
    return project, project.courses[0]


def media_of(root: Path) -> list:
    """The course's media as the render stage found them in its texts."""
    return load_and_render(root, Problems(root))[1][0].media


def test_fetcher_serves_a_course_medium_by_its_package_name(project: Path) -> None:
    _, course = loaded(project)
    fetcher = course_fetcher(media_of(project), [])
    response = fetcher.fetch(MEDIUM)
    assert response.read() == PNG.read_bytes()
    assert response.content_type == "image/png"
    assert fetcher.refused == []


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "/etc/hostname",
    "file:///etc/hostname",
    "../../../../etc/passwd",
    "media/../../../../etc/passwd",
    "media/%2e%2e/%2e%2e/course.yaml",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "media/javsgrunder.png/../../course.yaml",
    "./media/javsgrunder.png",
    "MEDIA/JAVSGRUNDER.PNG",
    "course.yaml",
    "lessons/01-jav.md",
    "https://example.org/bild.png",
    "//example.org/bild.png",
    "ftp://127.0.0.1/x",
    "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=",
    "data:text/plain,hemligt",
])
def test_fetcher_refuses_every_url_outside_its_table(project: Path, url: str) -> None:
    _, course = loaded(project)
    fetcher = course_fetcher(media_of(project), [])
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_asks_no_server_even_on_loopback(project: Path, server: RecordingServer) -> None:
    _, course = loaded(project)
    fetcher = course_fetcher(media_of(project), [])
    for url in (f"{server.url}/bild.png", f"{server.url}/{MEDIUM}", server.url.replace("http", "https") + "/x"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert server.requests == []


def test_fetcher_has_no_urllib_handler_to_fall_back_on(project: Path, server: RecordingServer) -> None:
    """Even a caller that went past fetch() to urllib's machinery would find nothing to open with."""
    _, course = loaded(project)
    fetcher = course_fetcher(media_of(project), [])
    assert fetcher.handlers == []
    with pytest.raises(FetchRefused):
        fetcher.open(f"{server.url}/x")
    assert server.requests == []


def test_medium_swapped_for_a_symlink_out_of_the_course_is_not_served(project: Path, tmp_path: Path) -> None:
    media = media_of(project)
    secret = tmp_path / "hemligt.png"
    secret.write_bytes(PNG.read_bytes() + b"HEMLIGT")
    medium = media[0].source_path
    medium.unlink()
    medium.symlink_to(secret)
    fetcher = course_fetcher(media, [])
    with pytest.raises(FetchRefused):
        fetcher.fetch(MEDIUM)
    assert [p.code for failure in fetcher.failures for p in failure.problems.items] == ["media-changed"]


def hostile_page(server_url: str) -> str:
    """Every way an HTML page can make WeasyPrint load something."""
    svg_image = f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{server_url}/svg-image.png" width="9" height="9"/></svg>'
    return f"""<!DOCTYPE html><html><head>
<link rel="stylesheet" href="{server_url}/style.css">
<link rel="attachment" href="{server_url}/attachment.bin">
<style>
@import url("{server_url}/import.css");
@font-face {{ font-family: Fel; src: url("{server_url}/font.woff2"); }}
body {{ font-family: Fel; background: url("{server_url}/background.png"); }}
</style></head><body>
<p style="background-image: url('/etc/hostname')">x</p>
<img src="file:///etc/passwd" alt="">
<img src="/etc/hostname" alt="">
<img src="../../../etc/hostname" alt="">
<img src="media/%2e%2e/%2e%2e/course.yaml" alt="">
<img src="{server_url}/image.png" alt="">
<img src="data:image/svg+xml;base64,{base64.b64encode(svg_image.encode()).decode()}" alt="">
{svg_image}
<object data="{server_url}/object.png"></object>
<embed src="{server_url}/embed.png">
<a rel="attachment" href="{server_url}/a-attachment.bin">bilaga</a>
<img src="{MEDIUM}" alt="Kursens egen bild">
</body></html>"""


def test_engine_reads_only_the_course_medium_and_asks_no_server(project: Path, server: RecordingServer) -> None:
    project_model, course = loaded(project)
    rendered = render_course(course, project_model.catalogue)
    with pytest.raises(SourceErrors) as refused:
        PdfWriter().pdf_bytes(hostile_page(server.url), rendered)
    assert server.requests == []
    targets = {p.params["target"] for p in refused.value.problems.items}
    assert {p.code for p in refused.value.problems.items} == {"pdf-fetch-refused"}
    expected = {f"{server.url}/{name}" for name in (
        "style.css", "import.css", "font.woff2", "background.png", "image.png", "svg-image.png",
        "object.png", "embed.png", "attachment.bin", "a-attachment.bin")}
    expected |= {"file:///etc/passwd", "/etc/hostname", "../../../etc/hostname", "media/%2e%2e/%2e%2e/course.yaml",
                 "data:image/svg+xml;base64,…"}
    assert expected <= targets, expected - targets
    assert MEDIUM not in targets


def test_engine_falls_back_to_no_fetcher_of_its_own_when_given_ours(project: Path, server: RecordingServer) -> None:
    """Control: WeasyPrint's own fetcher does ask the server, so the test above would see a leak."""
    HTML(string=f'<img src="{server.url}/image.png">', base_url=BASE_URL).write_pdf()
    assert server.requests == ["/image.png"]


def test_svg_medium_with_inline_bitmap_prints(project: Path, tmp_path: Path) -> None:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><image width="40" height="40" '
           f'href="data:image/png;base64,{base64.b64encode(PNG.read_bytes()).decode()}"/></svg>')
    (project / "provkurs" / "media" / "ritning.svg").write_text(svg, encoding="utf-8")
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n![En ritning](media/ritning.svg)\n", encoding="utf-8")
    project_model, course = loaded(project)
    rendered = render_course(course, project_model.catalogue)
    data = PdfWriter().pdf_bytes(print_document(rendered, "deltagarmaterial"), rendered)
    assert data.startswith(b"%PDF")


def test_refused_reference_is_located_at_its_lesson_line(project: Path) -> None:
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lines = lesson.read_text(encoding="utf-8").split("\n")
    lines[7] = "Se `/etc/hostname` för datorns namn."
    lesson.write_text("\n".join(lines), encoding="utf-8")
    _, course = loaded(project)
    assert locate_reference(course, "/etc/hostname") == SourceRef(lesson, 8)
    assert locate_reference(course, "/finns/inte") == SourceRef(course.source.path, 0)


def test_refusal_names_document_and_reference_in_both_languages(project: Path) -> None:
    _, course = loaded(project)
    fetcher = course_fetcher(media_of(project), [])
    with pytest.raises(FetchRefused):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(SourceErrors) as refused:
        report_refused(fetcher, course, project, pdf_module.KIND_NAMES["deltagarmaterial"])
    (problem,) = refused.value.problems.items
    assert problem.place == "provkurs/course.yaml"
    assert problem.message() == "deltagarmaterialet skulle hämta file:///etc/passwd, som inte är en av kursens filer"
    assert problem.message("en") == "the handout would fetch file:///etc/passwd, which is not one of the course's files"


def test_build_that_would_print_an_outside_file_fails_with_the_reference_and_leaves_dist(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: RecordingServer) -> None:
    """An earlier stage that let a reference through (simulated here) still cannot put a file in a PDF."""
    original = pdf_module.print_document

    def with_hole(rendered, kind):
        return original(rendered, kind).replace("</main>", f'<img src="file:///etc/passwd" alt=""><img src="{server.url}/x.png" alt=""></main>')

    monkeypatch.setattr(pdf_module, "print_document", with_hole)
    out = prepared_output(tmp_path)
    before = snapshot(out)
    result = CliRunner().invoke(main, ["--root", str(project), "build", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output
    assert ("provkurs/course.yaml: fel: deltagarmaterialet skulle hämta file:///etc/passwd, "
            "som inte är en av kursens filer") in result.output
    assert f"skulle hämta {server.url}/x.png" in result.output
    assert snapshot(out) == before
    assert server.requests == []
    assert not [p for p in out.iterdir() if p.name.startswith(".etos-")]


def test_pdfs_stay_byte_identical_with_the_fetcher(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = CliRunner().invoke(main, ["--root", str(project), "build", "--format", "pdf", "--out", str(out)])
        assert result.exit_code == 0, result.output
    for pdf in sorted((first / "provkurs").glob("*.pdf")):
        assert pdf.read_bytes() == (second / "provkurs" / pdf.name).read_bytes()
        assert any(page.images for page in PdfReader(pdf).pages) or "handledar" in pdf.name
