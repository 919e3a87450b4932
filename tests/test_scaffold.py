"""`etos new`: new courses and lessons that pass `etos check` at once, numbered and listed in order."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main
from builder.load import load_project
from builder.scaffold import yaml_text


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def check_report(root: Path) -> dict:
    result = run(root, "check", "--format", "json", "--strict")
    return {"exit": result.exit_code, **json.loads(result.stdout)}


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_new_course_passes_check_with_no_warning_and_is_in_the_catalogue(project):
    result = run(project, "new", "course", "nytt-amne", "--titel", "Nytt ämne: grunder")
    assert result.exit_code == 0, result.output
    assert "skapade nytt_amne/course.yaml" in result.output
    assert "skapade nytt_amne/lessons/01-inledning.md" in result.output
    assert "ändrade courses/katalog.yaml" in result.output
    assert check_report(project) == {"exit": 0, "errors": 0, "warnings": 0, "problems": []}
    course = load_project(project).course("nytt-amne")
    assert course.title == "Nytt ämne: grunder"
    assert [lesson.title for lesson in course.lessons] == ["Inledning"]
    assert course.lessons[0].knowledge_checks[0].id == "inledning-koll-1"


def test_new_course_keeps_the_catalogue_as_written(project):
    catalogue = project / "courses/katalog.yaml"
    catalogue.write_text("# Våra kurser\nutgivare: Provmyndigheten\nkurser:\n  - provkurs   # den första\n"
                         "# scheman kommer senare\n", encoding="utf-8")
    assert run(project, "new", "course", "andra").exit_code == 0
    assert catalogue.read_text(encoding="utf-8") == (
        "# Våra kurser\nutgivare: Provmyndigheten\nkurser:\n  - provkurs   # den första\n  - andra\n"
        "# scheman kommer senare\n")
    assert [c.id for c in load_project(project).courses] == ["provkurs", "andra"]


def test_new_course_for_a_folder_the_catalogue_already_lists(project):
    catalogue = project / "courses/katalog.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("[provkurs]", "[provkurs, ny_kurs]"),
                         encoding="utf-8")
    assert "course-folder-missing" in run(project, "check", "--format", "json").output
    result = run(project, "new", "course", "ny_kurs")  # as the hint of that error says
    assert result.exit_code == 0, result.output
    assert "ändrade" not in result.output
    assert "kurser: [provkurs, ny_kurs]" in catalogue.read_text(encoding="utf-8")
    assert load_project(project).course("ny_kurs").id == "ny-kurs"
    assert check_report(project)["problems"] == []


def test_new_course_refuses_a_bad_id_and_creates_nothing(project):
    before = files_of(project)
    result = run(project, "new", "course", "Ny Kurs")
    assert result.exit_code == 1
    assert "id ”Ny Kurs” får bara innehålla små bokstäver" in result.output
    assert "Förslag: ny-kurs" in result.output
    assert files_of(project) == before


def test_new_course_refuses_an_existing_folder_or_id(project):
    before = files_of(project)
    assert "mappen provkurs/ finns redan" in run(project, "new", "course", "provkurs").output
    (project / "annan").mkdir()
    (project / "annan" / "course.yaml").write_text("id: ny\n", encoding="utf-8")
    result = run(project, "new", "course", "ny")
    assert result.exit_code == 1
    assert "annan/course.yaml:1: fel: kurs-id ”ny” används redan" in result.output
    assert not (project / "ny").exists()
    assert files_of(project)["courses/katalog.yaml"] == before["courses/katalog.yaml"]


def test_new_lesson_gets_the_next_number_and_is_listed_last(project):
    result = run(project, "new", "lesson", "provkurs", "Offentlighet och sekretess")
    assert result.exit_code == 0, result.output
    assert "skapade provkurs/lessons/03-offentlighet-och-sekretess.md" in result.output
    course_yaml = (project / "provkurs/course.yaml").read_text(encoding="utf-8")
    assert "  - 02-legalitet.md\n  - 03-offentlighet-och-sekretess.md\nsluttest:" in course_yaml
    course = load_project(project).course("provkurs")
    assert [lesson.id for lesson in course.lessons] == ["jav", "legalitet", "offentlighet-och-sekretess"]
    report = check_report(project)
    assert report["errors"] == 0 and report["warnings"] == 0, report


def test_new_lesson_numbers_after_the_highest_even_with_gaps(project):
    lessons = project / "provkurs/lessons"
    (lessons / "02-legalitet.md").rename(lessons / "07-legalitet.md")
    course = project / "provkurs/course.yaml"
    listed = course.read_text(encoding="utf-8").replace("02-legalitet.md", "07-legalitet.md")
    course.write_text(listed, encoding="utf-8")
    run(project, "new", "lesson", "provkurs", "Åtta")
    assert (lessons / "08-atta.md").is_file()


def test_new_lesson_with_a_taken_id_gets_a_number_and_a_title_with_a_colon_is_quoted(project):
    result = run(project, "new", "lesson", "provkurs", "Jäv: fördjupning")
    assert result.exit_code == 0, result.output
    result = run(project, "new", "lesson", "provkurs", "Jäv")
    lesson = (project / "provkurs/lessons/04-jav.md").read_text(encoding="utf-8")
    assert lesson.startswith("---\nid: jav-2\ntitel: Jäv\nminuter: 3\n---\n")
    first = (project / "provkurs/lessons/03-jav-fordjupning.md").read_text(encoding="utf-8")
    assert 'titel: "Jäv: fördjupning"' in first
    titles = [lesson.title for lesson in load_project(project).course("provkurs").lessons]
    assert titles == ["Jäv", "Legalitet", "Jäv: fördjupning", "Jäv"]


def test_new_lesson_in_a_course_with_a_flow_list(project):
    course = project / "provkurs/course.yaml"
    text = course.read_text(encoding="utf-8")
    flow = text.replace("lektioner:\n  - 01-jav.md\n  - 02-legalitet.md", "lektioner: [01-jav.md, 02-legalitet.md]")
    course.write_text(flow, encoding="utf-8")
    assert run(project, "new", "lesson", "provkurs", "Tre").exit_code == 0
    assert "lektioner: [01-jav.md, 02-legalitet.md, 03-tre.md]" in course.read_text(encoding="utf-8")


def test_new_lesson_finds_the_course_by_id(project):
    run(project, "new", "course", "sex-principer")
    result = run(project, "new", "lesson", "sex-principer", "Demokrati")
    assert result.exit_code == 0, result.output
    assert (project / "sex_principer/lessons/02-demokrati.md").is_file()


def test_new_lesson_errors_create_nothing(project):
    before = files_of(project)
    unknown = run(project, "new", "lesson", "provkrus", "Titel")
    assert unknown.exit_code == 1 and "Menade du ”provkurs”?" in unknown.output
    empty = run(project, "new", "lesson", "provkurs", "   ")
    assert empty.exit_code == 1 and "titeln är tom" in empty.output
    course = project / "provkurs/course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("lektioner:", "lektioner: 01-jav.md\nx:"),
                      encoding="utf-8")
    broken = run(project, "new", "lesson", "provkurs", "Titel")
    assert broken.exit_code == 1 and "listan ”lektioner” gick inte att hitta" in broken.output
    after = files_of(project)
    assert {name: data for name, data in after.items() if name != "provkurs/course.yaml"} == \
        {name: data for name, data in before.items() if name != "provkurs/course.yaml"}


def test_yaml_text_reads_back_as_the_same_text():
    import yaml
    for title in ["Demokrati", "Jäv: fördjupning", "ja", "1984", "# inte en kommentar", "\"Citat\"", "Ett & två",
                  "[lista]", "Vad är jäv?"]:
        assert yaml.safe_load(f"titel: {yaml_text(title)}") == {"titel": title}
    assert yaml_text("Demokrati") == "Demokrati"
