"""An agency's colours and logo (`utseende:` in the catalogue): refused at the value's line when they
would break AA contrast, with a darker shade that passes; turned into the player's colour tokens;
packaged only when set; seen by no-op rebuilds."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from builder.build import build
from builder.load import load_catalogue
from builder.problems import Problems
from builder.theme import INK, SURFACE, TEXT_RATIO, UI_RATIO, contrast, parse_colour, relative_luminance, theme_tokens

PNG = (Path(__file__).parent / "fixtures" / "provprojekt" / "provkurs" / "media" / "jävsgrunder.png").read_bytes()
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
FORMATS = ["scorm12", "scorm2004", "web"]


def set_appearance(project: Path, *lines: str, logo: tuple[str, bytes] | None = None) -> Path:
    """Append `utseende:` with the given lines to the fixture's catalogue; the file it is in."""
    catalogue = project / "courses" / "katalog.yaml"
    text = catalogue.read_text(encoding="utf-8").rstrip("\n") + "\nutseende:\n"
    catalogue.write_text(text + "".join(f"  {line}\n" for line in lines), encoding="utf-8")
    if logo is not None:
        target = project / "courses" / logo[0]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(logo[1])
    return catalogue


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line.strip().startswith(start))


def loaded(project: Path):
    problems = Problems(project)
    catalogue = load_catalogue(project, problems)
    return catalogue, problems.errors


def zip_names(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as package:
        return package.namelist()


# --- the colour arithmetic ------------------------------------------------------------------------


def test_relative_luminance_and_contrast_follow_wcag_21() -> None:
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # WebAIM's well-known near miss
    assert contrast("#0b4f8a", "#ffffff") == contrast("#ffffff", "#0b4f8a")


@pytest.mark.parametrize(("written", "canonical"),
                         [("#0B4F8A", "#0b4f8a"), ("#c05", "#cc0055"), (" #123456 ", "#123456")])
def test_hex_colours_are_read_in_their_long_and_short_forms(written: str, canonical: str) -> None:
    assert parse_colour(written) == canonical


@pytest.mark.parametrize("written", ["0b4f8a", "#0b4f8", "#gg0000", "blå", "rgb(0,0,0)", ""])
def test_anything_but_a_hex_colour_is_no_colour(written: str) -> None:
    assert parse_colour(written) is None


@pytest.mark.parametrize(("primary", "accent"),
                         [("#0b4f8a", "#cc0055"), ("#1a1a1a", "#767676"), ("#6b2f8f", "#008a00")])
def test_every_token_computed_from_passing_colours_passes_where_the_player_uses_it(primary: str, accent: str) -> None:
    tokens = theme_tokens(primary, accent)
    assert list(tokens) == ["--primary", "--primary-strong", "--on-primary", "--primary-soft",
                            "--accent", "--accent-soft"]
    assert contrast(tokens["--on-primary"], tokens["--primary"]) >= TEXT_RATIO
    assert contrast(tokens["--on-primary"], tokens["--primary-strong"]) >= TEXT_RATIO
    assert relative_luminance(tokens["--primary-strong"]) < relative_luminance(primary)  # darker for hover
    assert contrast(tokens["--primary-strong"], SURFACE) >= TEXT_RATIO
    for soft, colour, ratio in (("--primary-soft", primary, TEXT_RATIO), ("--accent-soft", accent, UI_RATIO)):
        assert relative_luminance(tokens[soft]) > relative_luminance(colour)  # a light tint
        assert tokens[soft] != SURFACE
        assert contrast(INK, tokens[soft]) >= TEXT_RATIO
        assert contrast(colour, tokens[soft]) >= ratio


def test_tokens_leave_out_the_colour_the_catalogue_does_not_set() -> None:
    assert list(theme_tokens("", "#cc0055")) == ["--accent", "--accent-soft"]
    assert list(theme_tokens("#0b4f8a", "")) == ["--primary", "--primary-strong", "--on-primary",
                                                 "--primary-soft"]
    assert theme_tokens("", "") == {}


# --- the loader -----------------------------------------------------------------------------------


def test_valid_appearance_is_loaded_canonical_with_its_logo(project: Path) -> None:
    set_appearance(project, 'färg: "#0B4F8A"', 'accentfärg: "#c05"', "logotyp: media/logotyp.svg",
                   logo=("media/logotyp.svg", SVG))
    catalogue, errors = loaded(project)
    assert errors == []
    assert catalogue.theme is not None
    assert (catalogue.theme.primary, catalogue.theme.accent) == ("#0b4f8a", "#cc0055")
    assert catalogue.theme.logo == (project / "courses" / "media" / "logotyp.svg").resolve()
    assert catalogue.theme.logo_target == "media/delat/logotyp.svg"


def test_catalogue_without_appearance_has_no_theme(project: Path) -> None:
    catalogue, errors = loaded(project)
    assert errors == [] and catalogue.theme is None


@pytest.mark.parametrize(("key", "value", "uses", "needed"), [
    ("färg", "#4a90e2", "länkar och knappar med text", TEXT_RATIO),  # 3.29:1: fine for a border, not for text
    ("färg", "#ffcc00", "länkar och knappar med text", TEXT_RATIO),
    ("accentfärg", "#ffcc00", "ikoner, ramar och markeringar", UI_RATIO),
    ("accentfärg", "#b0b0b0", "ikoner, ramar och markeringar", UI_RATIO),
])
def test_colour_that_fails_contrast_is_refused_at_its_line_with_a_darker_shade_that_passes(
        project: Path, key: str, value: str, uses: str, needed: float) -> None:
    catalogue_file = set_appearance(project, f'{key}: "{value}"')
    catalogue, errors = loaded(project)
    assert [e.code for e in errors] == ["theme-contrast"]
    error = errors[0]
    assert error.line == line_of(catalogue_file, key + ":")
    found = f"{int(contrast(value, SURFACE) * 100) / 100:.2f}".replace(".", ",")
    assert uses in error.message() and f"{needed:g}".replace(".", ",") + ":1" in error.message()
    assert f"{found}:1" in error.hint() and f"{found.replace(',', '.')}:1" in error.hint("en")
    suggested = re.search(r'"(#[0-9a-f]{6})"', error.hint())
    assert suggested is not None
    shade = suggested.group(1)
    assert contrast(shade, SURFACE) >= needed
    assert relative_luminance(shade) < relative_luminance(value)
    assert contrast(shade, SURFACE) < needed * 1.1  # the nearest such shade, not black
    assert catalogue.theme is not None and catalogue.theme.primary == "" and catalogue.theme.accent == ""
    # Written back into the catalogue, the suggestion is accepted.
    text = catalogue_file.read_text(encoding="utf-8").replace(value, shade)
    catalogue_file.write_text(text, encoding="utf-8")
    assert loaded(project)[1] == []


@pytest.mark.parametrize("value", ['"0b4f8a"', '"blå"', '"#12345"', "123456"])
def test_value_that_is_no_hex_colour_is_refused_at_its_line(project: Path, value: str) -> None:
    catalogue_file = set_appearance(project, f"färg: {value}")
    errors = loaded(project)[1]
    assert [e.code for e in errors] == ["theme-colour-bad"]
    assert errors[0].line == line_of(catalogue_file, "färg:")
    assert '"#0b4f8a"' in errors[0].hint()


def test_unquoted_hex_colour_that_yaml_reads_as_a_comment_is_explained(project: Path) -> None:
    catalogue_file = set_appearance(project, "accentfärg: #cc0055")
    errors = loaded(project)[1]
    assert [e.code for e in errors] == ["theme-colour-unquoted"]
    assert errors[0].line == line_of(catalogue_file, "accentfärg:")
    assert "citattecken" in errors[0].hint() and "quotes" in errors[0].hint("en")


def test_missing_logo_file_is_refused_at_its_line(project: Path) -> None:
    catalogue_file = set_appearance(project, "logotyp: media/finns-inte.svg")
    errors = loaded(project)[1]
    assert [e.code for e in errors] == ["theme-logo-missing"]
    assert errors[0].line == line_of(catalogue_file, "logotyp:")
    assert "courses/" in errors[0].hint()


@pytest.mark.parametrize(("name", "data", "code"), [
    ("media/logotyp.pdf", b"%PDF-1.7\n", "theme-logo-kind"),  # a medium, but no image
    ("media/logotyp.mp4", b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "theme-logo-kind"),
    ("media/logotyp.png", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "media-mislabelled"),  # a JPEG named .png
    ("media/logotyp.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "media-svg-unsafe"),
])
def test_logo_of_the_wrong_kind_is_refused_at_its_line(project: Path, name: str, data: bytes, code: str) -> None:
    catalogue_file = set_appearance(project, f"logotyp: {name}", logo=(name, data))
    errors = loaded(project)[1]
    assert [e.code for e in errors] == [code]
    assert errors[0].line == line_of(catalogue_file, "logotyp:")


@pytest.mark.parametrize("reference", ["../../hemlig.png", "../../finns-inte.png"])
def test_logo_outside_the_courses_folder_is_refused(project: Path, tmp_path: Path, reference: str) -> None:
    (tmp_path / "hemlig.png").write_bytes(PNG)
    set_appearance(project, f"logotyp: {reference}")
    assert [e.code for e in loaded(project)[1]] == ["media-outside"]


def test_logo_linked_to_a_file_outside_the_courses_folder_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "hemlig.png").write_bytes(PNG)
    (project / "courses" / "media").mkdir()
    (project / "courses" / "media" / "logotyp.png").symlink_to(tmp_path / "hemlig.png")
    set_appearance(project, "logotyp: media/logotyp.png")
    assert [e.code for e in loaded(project)[1]] == ["media-outside"]


def test_every_appearance_problem_is_reported_in_one_pass(project: Path) -> None:
    set_appearance(project, 'färg: "#4a90e2"', 'accentfärg: "gul"', "logotyp: media/saknas.png", "typsnitt: Arial")
    codes = sorted(e.code for e in loaded(project)[1])
    assert codes == ["theme-colour-bad", "theme-contrast", "theme-logo-missing", "unknown-key"]


# --- the packages ---------------------------------------------------------------------------------


def test_package_with_a_theme_has_its_stylesheet_and_logo_linked_from_the_page(project: Path, tmp_path: Path) -> None:
    set_appearance(project, 'färg: "#6b2f8f"', 'accentfärg: "#008a00"', "logotyp: media/logotyp.png",
                   logo=("media/logotyp.png", PNG))
    build(project, tmp_path / "dist", formats=FORMATS)
    for kind in FORMATS:
        archive = tmp_path / "dist" / "provkurs" / f"provkurs-1.0-{kind}.zip"
        assert {"player/theme.css", "media/delat/logotyp.png"} <= set(zip_names(archive))
        with zipfile.ZipFile(archive) as package:
            page = package.read("index.html").decode("utf-8")
            css = package.read("player/theme.css").decode("utf-8")
            assert package.read("media/delat/logotyp.png") == PNG
            if kind != "web":
                assert 'href="player/theme.css"' in package.read("imsmanifest.xml").decode("utf-8")
        assert '<link rel="stylesheet" href="player/theme.css">' in page
        assert page.index("player/etos.css") < page.index("player/theme.css")  # the overrides come last
        assert re.search(r'<img[^>]* src="media/delat/logotyp.png"[^>]* alt="Provmyndigheten"', page)
        declared = dict(re.findall(r"(--[a-z-]+): (#[0-9a-f]{6});", css))
        assert declared == theme_tokens("#6b2f8f", "#008a00")


def test_package_without_a_theme_has_neither_stylesheet_nor_logo(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "dist", formats=["web"])
    archive = tmp_path / "dist" / "provkurs" / "provkurs-1.0-web.zip"
    names = zip_names(archive)
    assert "player/theme.css" not in names and not any("logotyp" in name for name in names)
    with zipfile.ZipFile(archive) as package:
        page = package.read("index.html").decode("utf-8")
    assert "theme.css" not in page and "cover-logo" not in page


def test_logo_alone_gives_a_logo_but_no_stylesheet(project: Path, tmp_path: Path) -> None:
    set_appearance(project, "logotyp: media/logotyp.svg", logo=("media/logotyp.svg", SVG))
    build(project, tmp_path / "dist", formats=["web"])
    names = zip_names(tmp_path / "dist" / "provkurs" / "provkurs-1.0-web.zip")
    assert "media/delat/logotyp.svg" in names and "player/theme.css" not in names


def test_themed_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    set_appearance(project, 'färg: "#0b4f8a"', 'accentfärg: "#cc0055"', "logotyp: media/logotyp.svg",
                   logo=("media/logotyp.svg", SVG))
    for out in ("a", "b"):
        build(project, tmp_path / out, formats=FORMATS, force=True)
    for kind in FORMATS:
        name = f"provkurs/provkurs-1.0-{kind}.zip"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_logo_used_by_no_lesson_is_not_reported_as_unused_shared_media(project: Path) -> None:
    from builder.build import load_and_render
    from builder.lint import check_unused_shared_media

    set_appearance(project, "logotyp: media/logotyp.svg", logo=("media/logotyp.svg", SVG))
    problems = Problems(project)
    loaded_project, rendered = load_and_render(project, problems)
    check_unused_shared_media(loaded_project, rendered, problems)
    assert [w.code for w in problems.warnings] == []


# --- no-op rebuilds -------------------------------------------------------------------------------


@pytest.mark.parametrize("change", ["logo", "colour"])
def test_changed_logo_or_colour_builds_the_course_again(project: Path, tmp_path: Path, change: str) -> None:
    catalogue_file = set_appearance(project, 'färg: "#0b4f8a"', "logotyp: media/logotyp.svg",
                                    logo=("media/logotyp.svg", SVG))
    out = tmp_path / "dist"
    build(project, out, formats=["web"])
    assert build(project, out, formats=["web"]).written == []
    if change == "logo":
        (project / "courses" / "media" / "logotyp.svg").write_bytes(SVG.replace(b'width="10"', b'width="8"'))
    else:
        catalogue_file.write_text(catalogue_file.read_text(encoding="utf-8").replace("#0b4f8a", "#6b2f8f"),
                                  encoding="utf-8")
    result = build(project, out, formats=["web"])
    assert [p.name for p in result.written] == ["provkurs-1.0-web.zip"]
    with zipfile.ZipFile(out / "provkurs" / "provkurs-1.0-web.zip") as package:
        if change == "logo":
            assert b'width="8"' in package.read("media/delat/logotyp.svg")
        else:
            assert "#6b2f8f" in package.read("player/theme.css").decode("utf-8")


def test_logo_also_used_in_one_lesson_still_belongs_to_every_course(project: Path, tmp_path: Path) -> None:
    """The logo is read for every course's package, so a change to it must build every course again,
    even when one course's lesson shows the same file as a shared image."""
    shutil_copy_course(project, "andra")
    set_appearance(project, "logotyp: media/logotyp.svg", logo=("media/logotyp.svg", SVG))
    lesson = project / "provkurs" / "lessons" / "02-legalitet.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n![Logotyp](media/logotyp.svg)\n", encoding="utf-8")
    out = tmp_path / "dist"
    build(project, out, formats=["web"])
    (project / "courses" / "media" / "logotyp.svg").write_bytes(SVG.replace(b'width="10"', b'width="8"'))
    written = sorted(p.name for p in build(project, out, formats=["web"]).written)
    assert written == ["andra-1.0-web.zip", "provkurs-1.0-web.zip"]


def shutil_copy_course(project: Path, course_id: str) -> None:
    import shutil

    shutil.copytree(project / "provkurs", project / course_id)
    course = project / course_id / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("id: provkurs", f"id: {course_id}"), encoding="utf-8")
    catalogue = project / "courses" / "katalog.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("[provkurs]", f"[provkurs, {course_id}]"),
                         encoding="utf-8")
