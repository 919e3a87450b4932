"""The PDF engine reads nothing but the course's own staged files: the staged root listed, hostile
image sources refused at their lesson line, the source gate refusing imports and reads, and the
engine itself unable to leave its root, with a local HTTP server that must never see a request."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import typst
from click.testing import CliRunner
from markupsafe import Markup
from pypdf import PdfReader

from builder.build import load_and_render
from builder.cli import main
from builder.load import load_project
from builder.model import SourceRef
from builder.package import pdf as pdf_module
from builder.package.pdf import PdfWriter, TypstSource, fonts, typst_document
from builder.package.pdf_fetch import (
    PREAMBLE,
    StagedRoot,
    check_source,
    locate_reference,
    report_refused,
    typeset_error,
    unsafe_names,
)
from builder.problems import Problems, SourceErrors
from builder.render import render_course
from builder.templates import templates_folder
from tests.test_broken_sources import prepared_output, snapshot

PNG = Path(__file__).parent / "fixtures" / "provprojekt" / "provkurs" / "media" / "jävsgrunder.png"
MEDIUM = "media/javsgrunder.png"
LAYOUT = templates_folder() / "print" / "etos.typ"


class RecordingServer:
    """An HTTP server on 127.0.0.1 that notes every request; a build must leave it empty."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
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

    def __enter__(self) -> RecordingServer:
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


def test_staged_root_holds_only_the_layout_and_the_course_media(project: Path) -> None:
    _, _course = loaded(project)
    with StagedRoot(media_of(project), LAYOUT) as staged:
        files = sorted(p.relative_to(staged.folder).as_posix() for p in staged.folder.rglob("*") if p.is_file())
        assert files == ["etos.typ", MEDIUM]
        assert not [p for p in staged.folder.rglob("*") if p.is_symlink()]
        assert (staged.folder / MEDIUM).read_bytes() == PNG.read_bytes()
        assert list(staged.packages.iterdir()) == []
        assert staged.names == {MEDIUM: MEDIUM}
        folder = staged.base
    assert not folder.exists()  # removed after the build


def test_medium_swapped_for_a_symlink_out_of_the_course_is_not_staged(project: Path, tmp_path: Path) -> None:
    media = media_of(project)
    secret = tmp_path / "hemligt.png"
    secret.write_bytes(PNG.read_bytes() + b"HEMLIGT")
    medium = media[0].source_path
    medium.unlink()
    medium.symlink_to(secret)
    with pytest.raises(SourceErrors) as changed, StagedRoot(media, LAYOUT):
        pass
    assert [p.code for p in changed.value.problems.items] == ["media-changed"]


HOSTILE_SOURCES = ["/etc/passwd", "file:///etc/passwd", "../../../../etc/hostname", "media/%2e%2e/course.yaml",
                   "MEDIA/JAVSGRUNDER.PNG", "./media/javsgrunder.png",
                   "data:image/svg+xml;base64," + base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()]


@pytest.mark.parametrize("source", HOSTILE_SOURCES)
def test_an_image_that_is_not_a_staged_file_never_reaches_the_source(project: Path, source: str) -> None:
    project_model, course = loaded(project)
    rendered = render_course(course, project_model.catalogue)
    rendered.lessons[0].blocks[0].html += Markup(f'<p><img src="{source}" alt="x"></p>')
    with StagedRoot(media_of(project), LAYOUT) as staged:
        generated = typst_document(rendered, pdf_module.HANDOUT, staged)
    assert generated.refused == [source]
    assert source not in generated.text
    with pytest.raises(SourceErrors) as refused:
        report_refused(generated.refused, course, project, pdf_module.KIND_NAMES["deltagarmaterial"])
    assert [p.code for p in refused.value.problems.items] == ["pdf-fetch-refused"]


@pytest.mark.parametrize("appended", [
    '#import "@preview/cetz:0.3.0": canvas',
    '#include "/etc/passwd"',
    '#read("/etc/passwd")',
    '#image("/etc/passwd")',
    '#json("../../etc/x.json")',
    '#eval("1 + 1")',
    '#let x = 1',
    '= Rubrik i ren markup',
    '$x^2$',
    '@label',
])
def test_the_gate_refuses_a_source_that_asks_for_anything_beyond_the_layout(project: Path, appended: str,
                                                                             monkeypatch) -> None:
    """A generated source with an import, a read or stray markup fails closed: the engine never runs."""
    project_model, course = loaded(project)
    rendered = render_course(course, project_model.catalogue)
    calls: list[object] = []
    monkeypatch.setattr(pdf_module, "compile_pdf", lambda *a: calls.append(a) or b"%PDF-")
    with StagedRoot(media_of(project), LAYOUT) as staged:
        generated = typst_document(rendered, pdf_module.HANDOUT, staged)
        assert unsafe_names(generated.text) == []
        bad = TypstSource(generated.text + "\n" + appended + "\n", [])
        with pytest.raises(SourceErrors) as refused:
            PdfWriter().pdf_bytes(bad, rendered, staged)
    (problem,) = refused.value.problems.items
    assert problem.code == "pdf-source-refused"
    assert calls == []


def test_the_gate_sees_through_string_literals_but_not_past_their_end() -> None:
    assert unsafe_names(PREAMBLE + '#strong[#"#import \\"@preview/x:1.0.0\\" \\\\"]\n') == []
    assert unsafe_names(PREAMBLE + '#strong[#"a\\\\"#import "x"]') == ["import"]
    assert unsafe_names('#import "@preview/x:1.0.0": *\n') == ["(the layout import is missing)"]


@pytest.mark.parametrize("body", ['#image("/etc/passwd")', '#read("/etc/passwd")', '#read("../../../../etc/passwd")',
                                  '#image("../../../../etc/hostname")'])
def test_the_engine_cannot_read_outside_its_root_and_says_so_as_a_content_error(project: Path, body: str) -> None:
    """Even a source past the gate gets nothing from outside the staged root: Typst refuses the path."""
    _, course = loaded(project)
    with StagedRoot(media_of(project), LAYOUT) as staged:
        with pytest.raises(typst.TypstError) as failed:
            typst.compile(("= Rubrik\n" + body).encode(), root=str(staged.folder), font_paths=fonts(),
                          ignore_system_fonts=True, format="pdf")
        error = typeset_error(failed.value, staged, course, project, pdf_module.KIND_NAMES["deltagarmaterial"])
    (problem,) = error.problems.items
    assert problem.code == "pdf-fetch-refused"
    assert "internt fel" not in problem.message()


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
    with pytest.raises(SourceErrors) as refused:
        report_refused(["file:///etc/passwd"], course, project, pdf_module.KIND_NAMES["deltagarmaterial"])
    (problem,) = refused.value.problems.items
    assert problem.place == "provkurs/course.yaml"
    assert problem.message() == "deltagarmaterialet skulle hämta file:///etc/passwd, som inte är en av kursens filer"
    assert problem.message("en") == "the handout would fetch file:///etc/passwd, which is not one of the course's files"


def test_build_that_would_print_an_outside_file_fails_with_the_reference_and_leaves_dist(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: RecordingServer) -> None:
    """An earlier stage that let a reference through (simulated here) still cannot put a file in a PDF."""
    import builder.render as render_module

    real_render = render_module.render_course

    def with_hole(course, catalogue, problems=None):
        rendered = real_render(course, catalogue, problems)
        rendered.lessons[0].blocks[0].html += Markup(f'<p><img src="file:///etc/passwd" alt=""></p>'
                                                      f'<p><img src="{server.url}/x.png" alt=""></p>')
        return rendered

    monkeypatch.setattr(render_module, "render_course", with_hole)
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


def test_svg_medium_with_inline_bitmap_prints(project: Path, tmp_path: Path) -> None:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><image width="40" height="40" '
           f'href="data:image/png;base64,{base64.b64encode(PNG.read_bytes()).decode()}"/></svg>')
    (project / "provkurs" / "media" / "ritning.svg").write_text(svg, encoding="utf-8")
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n![En ritning](media/ritning.svg)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(project), "build", "--format", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    handout = PdfReader(tmp_path / "provkurs" / "provkurs-1.0-deltagarmaterial.pdf")
    assert "En ritning" in str(handout.trailer["/Root"]["/StructTreeRoot"].get_object()) or handout.pages


def test_pdfs_stay_byte_identical_with_the_staged_root(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = CliRunner().invoke(main, ["--root", str(project), "build", "--format", "pdf", "--out", str(out)])
        assert result.exit_code == 0, result.output
    for pdf in sorted((first / "provkurs").glob("*.pdf")):
        assert pdf.read_bytes() == (second / "provkurs" / pdf.name).read_bytes()
        assert any(page.images for page in PdfReader(pdf).pages) or "handledar" in pdf.name or "arbetsblad" in pdf.name


def test_check_source_is_what_the_writer_runs(project: Path) -> None:
    _, course = loaded(project)
    with pytest.raises(SourceErrors):
        check_source(PREAMBLE + '#import "@preview/x:1.0.0"', course, project,
                     pdf_module.KIND_NAMES["deltagarmaterial"])
