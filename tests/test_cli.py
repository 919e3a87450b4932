"""The `etos` command through click's CliRunner: exit codes, messages and what lands on disk."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner

from builder import __version__
from builder.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_and_help():
    assert run("--version").output.strip() == f"etos, version {__version__}"
    help_text = run("--help").output
    for command in ("build", "check", "list"):
        assert command in help_text
    build_help = run("build", "--help").output
    assert "--format" in build_help and "--out" in build_help and "--schemas" in build_help


def test_build_writes_every_format_into_dist(project):
    result = run("--root", str(project), "build", "--format", "scorm12",
                 "--format", "scorm2004", "--format", "web")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (project / "dist" / "provkurs").iterdir())
    assert written == ["provkurs-1.0-scorm12.zip", "provkurs-1.0-scorm2004.zip", "provkurs-1.0-web.zip"]
    assert "Klart: 3 filer" in result.output
    assert not [p for p in (project / "dist").iterdir() if p.name.startswith(".etos-")]  # no staging left


def test_build_one_course_one_format_into_another_folder(project, tmp_path):
    out = tmp_path / "build"
    result = run("--root", str(project), "build", "provkurs", "--format", "scorm12", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (out / "provkurs").iterdir()] == ["provkurs-1.0-scorm12.zip"]
    with zipfile.ZipFile(out / "provkurs" / "provkurs-1.0-scorm12.zip") as archive:
        assert "imsmanifest.xml" in archive.namelist()
    assert not (project / "dist").exists()


def test_failed_build_exits_1_and_leaves_dist_as_it_was(project, tmp_path):
    out = tmp_path / "dist"
    (out / "provkurs").mkdir(parents=True)
    (out / "provkurs" / "gammal.zip").write_bytes(b"old package")
    lesson = project / "provkurs" / "lessons" / "02-legalitet.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("minuter: 5", "minuter: fem"), encoding="utf-8")
    result = run("--root", str(project), "build", "--out", str(out), "--format", "web")
    assert result.exit_code == 1
    assert "provkurs/lessons/02-legalitet.md:4: fel: ”minuter” ska vara heltal" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["provkurs", "provkurs/gammal.zip"]
    assert (out / "provkurs" / "gammal.zip").read_bytes() == b"old package"


def test_check_passes_on_clean_sources(project):
    result = run("--root", str(project), "check")
    assert result.exit_code == 0
    assert "Inga fel eller varningar." in result.output


def test_check_lists_every_problem_and_exits_1(project):
    course = project / "provkurs" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("titel:", "tittel:", 1), encoding="utf-8")
    result = run("--root", str(project), "check")
    assert result.exit_code == 1
    assert "provkurs/course.yaml:2: fel: okänd nyckel ”tittel” i course.yaml" in result.output
    assert "Menade du ”titel”?" in result.output
    assert "provkurs/course.yaml:1: fel: nyckeln ”titel” saknas i course.yaml" in result.output
    assert "2 fel, 0 varningar" in result.output


def test_check_in_english(project):
    course = project / "provkurs" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("titel:", "tittel:", 1), encoding="utf-8")
    result = run("--root", str(project), "--lang", "en", "check")
    assert "provkurs/course.yaml:2: error: unknown key 'tittel' in course.yaml" in result.output
    assert "Did you mean 'titel'?" in result.output


def test_unknown_course_exits_1_with_a_suggestion(project):
    result = run("--root", str(project), "build", "provkrus", "--format", "web")
    assert result.exit_code == 1
    assert "det finns ingen kurs som heter ”provkrus”" in result.output
    assert "Menade du ”provkurs”?" in result.output


def test_missing_schema_folder_given_on_the_command_line_is_an_error(project, tmp_path):
    result = run("--root", str(project), "build", "--format", "scorm12", "--schemas", str(tmp_path / "nej"))
    assert result.exit_code == 1
    assert "mappen med SCORM-scheman" in result.output


def test_outside_a_project_check_says_where_the_catalogue_should_be(tmp_path):
    result = run("--root", str(tmp_path), "check")
    assert result.exit_code == 1
    assert "katalogen courses/katalog.yaml saknas" in result.output


def test_list_shows_courses_lessons_and_test(project):
    result = run("--root", str(project), "list")
    assert result.exit_code == 0
    assert "provkurs 1.0" in result.output
    assert " 1. Jäv (5 min)" in result.output
    assert "Sluttest: 2 av 3 frågor, godkänt 80 %" in result.output


def test_the_three_courses_build_and_check_cleanly(repo_root, tmp_path):
    assert run("--root", str(repo_root), "check").exit_code == 0
    result = run("--root", str(repo_root), "build", "--out", str(tmp_path),
                 "--format", "scorm12", "--format", "scorm2004", "--format", "web")
    assert result.exit_code == 0, result.output
    courses = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert courses == ["bemotande", "forvaltningskunskap", "sex-principerna"]


def test_a_second_build_reports_its_files_up_to_date_and_force_rebuilds(project, tmp_path):
    out = tmp_path / "dist"
    assert run("--root", str(project), "build", "--format", "web", "--out", str(out)).exit_code == 0
    again = run("--root", str(project), "build", "--format", "web", "--out", str(out))
    assert "1 fil var redan aktuella" in again.output and "Klart: 0 filer" in again.output
    forced = run("--root", str(project), "build", "--format", "web", "--out", str(out), "--force")
    assert "Klart: 1 fil i" in forced.output
