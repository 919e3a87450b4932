"""Media are what they claim: signatures against extensions, SVGs without anything active or from
outside, and the sanitised SVG is what every package and the printed HTML carry."""

from __future__ import annotations

import base64
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.media import MAX_MEDIA_BYTES, MEDIA_EXTENSIONS
from builder.media_check import (
    KINDS,
    SVG_READ_LIMIT,
    MediaProblem,
    check_bytes,
    packaged_bytes,
    sniff,
)
from builder.problems import SourceErrors
from builder.svg_check import embedded_rasters
from tests.test_broken_sources import IMAGE_LINE, LESSON, assert_refused, point_image_at, prepared_output

PNG = (Path(__file__).parent / "fixtures" / "provprojekt" / "provkurs" / "media" / "jävsgrunder.png").read_bytes()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'

GOOD = {
    ".png": PNG,
    ".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    ".jpeg": b"\xff\xd8\xff\xdb\x00\x43",
    ".gif": b"GIF89a\x01\x00\x01\x00",
    ".webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    ".svg": SVG.format("<rect/>").encode(),
    ".mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00",
    ".mp4": b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00",
    ".webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm",
    ".vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nHej och välkommen\n".encode(),
    ".pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
}


def test_every_media_extension_the_loader_accepts_has_a_signature_check() -> None:
    assert set(KINDS) == MEDIA_EXTENSIONS
    assert SVG_READ_LIMIT > MAX_MEDIA_BYTES  # an SVG the loader accepts is always read whole


@pytest.mark.parametrize("suffix", sorted(GOOD))
def test_file_whose_content_matches_its_extension_passes(suffix: str) -> None:
    check_bytes(GOOD[suffix], suffix)


@pytest.mark.parametrize("suffix", sorted(GOOD))
def test_empty_file_is_refused_whatever_its_extension(suffix: str) -> None:
    with pytest.raises(MediaProblem) as refused:
        check_bytes(b"", suffix)
    assert refused.value.code == "media-empty"


@pytest.mark.parametrize("suffix,data,found", [
    (".png", GOOD[".jpg"], "JPEG"),
    (".jpg", PNG, "PNG"),
    (".gif", b"<html><script>x</script></html>", "HTML"),
    (".webp", b"RIFF\x24\x00\x00\x00WAVEfmt ", "okänt innehåll"),
    (".svg", PNG, "PNG"),
    (".mp4", b"\x00\x00\x00\x18ftypheic", "HEIF"),
    (".webm", b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska", "Matroska"),
    (".mp3", b"MZ\x90\x00", "okänt innehåll"),
    (".pdf", b"MZ\x90\x00\x03", "okänt innehåll"),
    (".vtt", b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n", "okänt innehåll"),
    (".vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nR\xe4tt\n", "text som inte är UTF-8"),
    (".svg", b"<svg><rect/></svg>", "SVG utan xmlns"),
    (".svg", b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "HTML"),
])
def test_file_whose_content_is_another_kind_is_refused_naming_both(suffix: str, data: bytes, found: str) -> None:
    with pytest.raises(MediaProblem) as refused:
        check_bytes(data, suffix)
    assert refused.value.code == "media-mislabelled"
    assert refused.value.params["kind"] == KINDS[suffix].kind
    assert str(refused.value.params["found"]) == found


@pytest.mark.parametrize("body,what", [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect onclick="alert(1)"/>', "onclick="),
    ('<animate onbegin="alert(1)"/>', "onbegin="),
    ("<foreignObject><p>x</p></foreignObject>", "<foreignObject>"),
    ('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', "<script> (XHTML)"),
    ('<iframe src="https://example.org"/>', "<iframe>"),
    ('<image href="file:///etc/passwd"/>', 'href="file:///etc/passwd"'),
    ('<image xlink:href="http://127.0.0.1:8000/x.png"/>', 'href="http://127.0.0.1:8000/x.png"'),
    ('<use href="andra.svg#figur"/>', 'href="andra.svg#figur"'),
    ('<a href="javascript:alert(1)"><rect/></a>', 'href="javascript:alert(1)"'),
    ('<a><set attributeName="href" to="javascript:alert(1)"/></a>', '<set attributeName="href">'),
    ('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', 'href="data:image/svg+xml;base64,PHN2Zy8+"'),
    ('<image href="data:image/png;base64,R0lGODlh"/>', 'href="data:image/png;base64,R0lGODlh"'),
    ("<style>@import url(http://example.org/a.css);</style>", "@import"),
    ("<style>@font-face { font-family: x; src: url(/etc/fonts/x.ttf) }</style>", "@font-face"),
    ("<style>rect { fill: url(http://example.org/x) }</style>", "url(http://example.org/x)"),
    ("<style>rect { fill: u\\72l(http://example.org/x) }</style>", "CSS escape (\\)"),
    ('<rect style="background: url(\'file:///etc/passwd\')"/>', "url('file:///etc/passwd')"),
    ('<rect fill="url(/etc/hostname#x)"/>', "url(/etc/hostname#x)"),
    ('<g xml:base="file:///etc/"><image href="#x"/></g>', "xml:base="),
])
def test_svg_with_active_or_outside_content_is_refused_naming_it(body: str, what: str) -> None:
    with pytest.raises(MediaProblem) as refused:
        check_bytes(SVG.format("\n" + body).encode(), ".svg")
    assert refused.value.code == "media-svg-unsafe"
    assert refused.value.params == {"what": what, "svg_line": 2}


@pytest.mark.parametrize("prologue", [
    '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>',
])
def test_svg_with_declarations_in_its_doctype_is_refused(prologue: str) -> None:
    with pytest.raises(MediaProblem) as refused:
        check_bytes(f'<?xml version="1.0"?>\n{prologue}\n{SVG.format("<text>&x;</text>")}'.encode(), ".svg")
    assert refused.value.params == {"what": "<!DOCTYPE [ … ]>", "svg_line": 2}


def test_svg_nested_beyond_the_parser_limit_is_refused_as_unreadable() -> None:
    with pytest.raises(MediaProblem) as refused:
        check_bytes(SVG.format("<g>" * 300 + "</g>" * 300).encode(), ".svg")
    assert refused.value.code == "media-svg-unreadable"
    assert str(refused.value.params["detail"]) == "elementen är nästlade för djupt"


def test_svg_from_a_drawing_program_comes_out_without_comments_doctype_or_editor_data() -> None:
    source = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Adobe Illustrator 27 -->\n'
              '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
              '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
              'inkscape:version="1.3" viewBox="0 0 10 10"><?inkscape keep?>'
              '<inkscape:namedview id="v"/><defs><linearGradient id="g"/></defs>'
              '<rect fill="url(#g)" inkscape:label="ruta" style="fill: url(\'#g\')"/>'
              '<text>Jäv<inkscape:x/> och opartiskhet</text><a href="#g"><title>Länk</title></a></svg>')
    cleaned = check_bytes(source.encode(), ".svg")
    assert cleaned == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
        b'<rect fill="url(#g)" style="fill: url(\'#g\')"/><text>J\xc3\xa4v och opartiskhet</text>'
        b'<a href="#g"><title>L\xc3\xa4nk</title></a></svg>')
    assert check_bytes(cleaned, ".svg") == cleaned  # sanitising is a fixed point


def test_svg_keeps_inline_bitmaps_that_are_what_they_claim() -> None:
    url = f"data:image/png;base64,{base64.b64encode(PNG).decode()}"
    cleaned = check_bytes(SVG.format(f'<image href="{url}"/>').encode(), ".svg")
    assert embedded_rasters(cleaned) == {url: (PNG, "image/png")}


@pytest.mark.parametrize("marker", [b"/JavaScript", b"/Launch", b"/EmbeddedFiles"])
def test_pdf_that_would_run_code_when_opened_is_refused(marker: bytes) -> None:
    with pytest.raises(MediaProblem) as refused:
        check_bytes(GOOD[".pdf"] + b"2 0 obj << /S " + marker + b" >> endobj\n", ".pdf")
    assert refused.value.code == "media-pdf-active"


def test_sniffing_names_common_kinds() -> None:
    assert [sniff(GOOD[s]) for s in (".png", ".gif", ".webp", ".mp4", ".pdf")] == ["PNG", "GIF", "WebP", "MP4", "PDF"]


# --- through the build ---------------------------------------------------------------------------------

HOSTILE_SVG = ('<?xml version="1.0"?>\n<!-- ritad i Inkscape -->\n'
               '<svg xmlns="http://www.w3.org/2000/svg" '
               'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
               'width="20" height="20"><sodipodi:namedview/><rect width="20" height="20" fill="#036"/></svg>')


def test_packages_and_the_print_engine_get_the_sanitised_svg(project: Path, tmp_path: Path) -> None:
    (project / "provkurs" / "media" / "ritning.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    point_image_at(project, "media/ritning.svg")
    out = tmp_path / "dist"
    result = CliRunner().invoke(main, ["--root", str(project), "build", "--format", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    expected = check_bytes(HOSTILE_SVG.encode(), ".svg")
    assert b"sodipodi" not in expected and b"<!--" not in expected
    for package in sorted((out / "provkurs").glob("*.zip")):
        with zipfile.ZipFile(package) as archive:
            assert archive.read("media/ritning.svg") == expected, package.name
    from builder.build import load_and_render
    from builder.package.pdf_fetch import StagedRoot
    from builder.problems import Problems
    from builder.templates import templates_folder

    media = load_and_render(project, Problems(project))[1][0].media
    with StagedRoot(media, templates_folder() / "print" / "etos.typ") as staged:
        assert (staged.folder / "media" / "ritning.svg").read_bytes() == expected  # what Typst reads


def test_medium_that_is_a_fifo_is_refused_without_being_opened(project: Path, tmp_path: Path) -> None:
    os.mkfifo(project / "provkurs" / "media" / "ror.png")
    point_image_at(project, "media/ror.png")
    assert_refused(project, prepared_output(tmp_path), "media-not-regular", LESSON, IMAGE_LINE,
                   "media/ror.png är inte en vanlig fil")


def test_medium_changed_into_something_refused_after_loading_stops_the_packaging(tmp_path: Path) -> None:
    medium = tmp_path / "bild.svg"
    medium.write_text(SVG.format("<script>alert(1)</script>"), encoding="utf-8")
    with pytest.raises(SourceErrors) as refused:
        packaged_bytes(medium)
    assert [p.code for p in refused.value.problems.items] == ["media-svg-unsafe"]
