"""The loader: sources become a typed model, and every mistake is reported with file:line and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.build import load_and_render
from builder.load import load_project
from builder.model import BlockKind, QuestionType
from builder.problems import Problems, SourceErrors


def load_problems(root: Path) -> Problems:
    """Every problem of one pass: the loader's, and the render stage's checks of links, images and HTML."""
    problems = Problems(root)
    try:
        load_and_render(root, problems)
    except SourceErrors:
        pass
    return problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_error(problems: Problems):
    assert len(problems.errors) == 1, [p.format() for p in problems.items]
    return problems.errors[0]


def test_fixture_project_loads_into_the_typed_model(project):
    loaded = load_project(project)
    course = loaded.course("provkurs")
    assert course.title == 'Provkurs om jäv & "förvaltning" <1>'
    assert [lesson.id for lesson in course.lessons] == ["jav", "legalitet"]
    kinds = [block.kind for block in course.lessons[0].blocks]
    assert kinds.count(BlockKind.DILEMMA) == 1 and BlockKind.FACILITATOR in kinds
    assert course.final_test.draw == 2 and course.final_test.mastery_score == 0.8
    assert [q.type for q in course.final_test.questions] == [QuestionType.SINGLE, QuestionType.MULTIPLE,
                                                             QuestionType.TRUE_FALSE]
    assert course.guide.minutes == sum(a.minutes for a in course.guide.plan) == 30
    _, (rendered,) = load_and_render(project, Problems(project))
    assert [(m.source_path.name, m.target) for m in rendered.media] == [("jävsgrunder.png", "media/javsgrunder.png")]


def test_course_can_be_found_by_id_or_folder_name(project):
    loaded = load_project(project)
    assert loaded.course("provkurs") is loaded.course("provkurs")


def test_unknown_key_names_line_and_suggests_the_right_key(project):
    edit(project / "provkurs/course.yaml", "titel:", "tittel:")
    problems = load_problems(project)
    unknown = next(p for p in problems.errors if p.code == "unknown-key")
    assert unknown.place == "provkurs/course.yaml:2"
    assert "okänd nyckel ”tittel”" in unknown.message()
    assert "Menade du ”titel”?" in unknown.hint()
    # The misspelt key also leaves the required one missing: both are reported in the same run.
    assert {p.code for p in problems.errors} == {"unknown-key", "missing-key"}


def test_wrong_type_says_what_was_expected_and_found(project):
    edit(project / "provkurs/course.yaml", "minuter: 10", "minuter: tio")
    error = only_error(load_problems(project))
    assert error.code == "wrong-type"
    assert error.place == "provkurs/course.yaml:7"
    assert error.message() == "”minuter” ska vara heltal, men är texten ”tio”"


def test_missing_lesson_file_is_reported_at_its_line_in_course_yaml(project):
    edit(project / "provkurs/course.yaml", "  - 02-legalitet.md", "  - 02-legalitet.md\n  - 03-saknas.md")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("lesson-missing", "provkurs/course.yaml:17")
    assert "lessons/03-saknas.md" in error.message()


def test_a_cover_picture_of_a_kind_the_print_cannot_show_is_named_at_its_line(project):
    edit(project / "provkurs/course.yaml", "undertitel: En liten kurs för tester\n",
         "undertitel: En liten kurs för tester\nomslagsbild: media/omslag.gif\n")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("cover-kind", "provkurs/course.yaml:4")
    assert "media/omslag.gif" in error.message() and ".svg" in error.hint()


def test_a_missing_cover_picture_is_named_at_its_line_like_any_missing_picture(project):
    edit(project / "provkurs/course.yaml", "undertitel: En liten kurs för tester\n",
         "undertitel: En liten kurs för tester\nomslagsbild: media/saknas.svg\n")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("media-missing", "provkurs/course.yaml:4")


def test_duplicate_lesson_id_names_both_files(project):
    edit(project / "provkurs/lessons/02-legalitet.md", "id: legalitet", "id: jav")
    problems = load_problems(project)
    duplicate = next(p for p in problems.errors if p.code == "duplicate-lesson-id")
    assert duplicate.place == "provkurs/lessons/02-legalitet.md:1"
    assert "01-jav.md" in duplicate.message()


def test_duplicate_question_id_across_lesson_and_pool(project):
    edit(project / "provkurs/questions.yaml", "id: prov-3", "id: jav-koll-1")
    error = only_error(load_problems(project))
    assert error.code == "duplicate-question-id"
    assert error.place == "provkurs/questions.yaml:28"


def test_question_without_correct_answer(project):
    edit(project / "provkurs/questions.yaml",
         "        rätt: ja\n        återkoppling: Rätt.\n      - text: En sorts skatt.",
         "        återkoppling: Rätt.\n      - text: En sorts skatt.")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("no-correct-option", "provkurs/questions.yaml:6")
    assert "prov-1 har inget rätt svar" in error.message()


def test_single_choice_with_two_correct_answers(project):
    edit(project / "provkurs/questions.yaml", "        återkoppling: Nej.\n",
         "        rätt: ja\n        återkoppling: Nej.\n")
    error = only_error(load_problems(project))
    assert error.code == "single-choice-several-correct"


def test_broken_internal_link_and_anchor(project):
    edit(project / "provkurs/lessons/01-jav.md", "02-legalitet.md#stod-i-lag", "03-finns-inte.md")
    edit(project / "provkurs/lessons/02-legalitet.md", "All offentlig",
         "Se [rubriken](01-jav.md#finns-inte). All offentlig")
    problems = load_problems(project)
    places = {(p.code, p.place) for p in problems.errors}
    assert places == {("link-broken", "provkurs/lessons/01-jav.md:17"),
                      ("anchor-broken", "provkurs/lessons/02-legalitet.md:6")}


def test_image_without_alt_text(project):
    edit(project / "provkurs/lessons/01-jav.md", "![Ett diagram över jävsgrunderna]", "![]")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("image-without-alt", "provkurs/lessons/01-jav.md:8")
    assert "alternativtext" in error.message()


def test_missing_image_file(project):
    edit(project / "provkurs/lessons/01-jav.md", "media/jävsgrunder.png", "media/saknas.png")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("media-missing", "provkurs/lessons/01-jav.md:8")


def test_unknown_glossary_term_suggests_the_nearest(project):
    edit(project / "provkurs/lessons/02-legalitet.md", "[[legalitet]]", "[[legaliteten]]")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("glossary-term-unknown", "provkurs/lessons/02-legalitet.md:10")
    assert "Legalitet" in error.hint()


def test_yaml_error_inside_a_block_points_at_the_lesson_line(project):
    edit(project / "provkurs/lessons/01-jav.md", "typ: enval", "typ: enval\n  felindrag: ja")
    error = only_error(load_problems(project))
    assert error.code == "yaml-syntax"
    assert error.place == "provkurs/lessons/01-jav.md:38"


def test_tab_indentation_has_its_own_message(project):
    edit(project / "provkurs/course.yaml", "  - Känna igen jäv.", "\t- Känna igen jäv.")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("yaml-tab", "provkurs/course.yaml:11")


def test_unclosed_block_is_reported_where_it_starts(project):
    edit(project / "provkurs/lessons/02-legalitet.md", "Vilken regel gav dig stöd senast?\n:::",
         "Vilken regel gav dig stöd senast?")
    problems = load_problems(project)
    assert ("block-unclosed", "provkurs/lessons/02-legalitet.md:12") in {(p.code, p.place) for p in problems.errors}


def test_raw_html_is_refused(project):
    edit(project / "provkurs/lessons/02-legalitet.md", "All offentlig", "<script>alert(1)</script> All offentlig")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("raw-html", "provkurs/lessons/02-legalitet.md:6")


def test_session_plan_must_add_up(project):
    edit(project / "provkurs/handledning/handledning.yaml", "minuter: 20", "minuter: 25")
    error = only_error(load_problems(project))
    assert (error.code, error.place) == ("plan-sum", "provkurs/handledning/handledning.yaml:4")
    assert "35 minuter" in error.message() and "30 minuter" in error.message()


def test_all_problems_are_gathered_in_one_pass(project):
    edit(project / "provkurs/course.yaml", "minuter: 10", "minuter: tio")
    edit(project / "provkurs/lessons/01-jav.md", "![Ett diagram över jävsgrunderna]", "![]")
    edit(project / "provkurs/questions.yaml", "typ: flerval", "typ: flervalsfråga")
    edit(project / "provkurs/handledning/handledning.yaml", "minuter: 20", "minuter: 25")
    codes = sorted(p.code for p in load_problems(project).errors)
    assert codes == ["image-without-alt", "plan-sum", "question-type", "wrong-type"]


def test_unlisted_lesson_file_is_a_warning_not_an_error(project):
    (project / "provkurs/lessons/03-utkast.md").write_text("---\nid: utkast\ntitel: Utkast\nminuter: 1\n---\nText.\n",
                                                          encoding="utf-8")
    problems = load_problems(project)
    assert not problems.errors
    assert [(p.code, p.place) for p in problems.warnings] == [("lesson-not-listed", "provkurs/lessons/03-utkast.md:1")]


@pytest.mark.parametrize("lang, expected", [("sv", "filen är inte sparad som UTF-8"),
                                            ("en", "the file is not saved as UTF-8")])
def test_messages_exist_in_swedish_and_english(project, lang, expected):
    (project / "provkurs/lessons/02-legalitet.md").write_bytes("---\nid: x\n---\nÅsikt".encode("latin-1"))
    error = only_error(load_problems(project))
    assert error.code == "not-utf8" and error.place == "provkurs/lessons/02-legalitet.md:4"
    assert error.message(lang) == expected


@pytest.mark.parametrize(("file_name", "title", "role_cards"), [
    ("03-rollkort.md", "Roller i rollspelet", True),    # by its file name, after the number
    ("03-roller.md", "Rollkort för rollspelet", True),  # by its title
    ("03-role-cards.md", "Roles", True),                # an English course's file name
    ("03-roles.md", "Role cards", True),                # and title
    ("03-rollspel.md", "Om rollspelet", False),
])
def test_a_guide_chapter_of_role_cards_is_known_by_its_file_name_or_its_title_in_either_language(
        project, file_name, title, role_cards):
    (project / "provkurs" / "handledning" / file_name).write_text(f"# {title}\n\n## En roll\n\nText.\n",
                                                                  encoding="utf-8")
    chapters = load_project(project).courses[0].guide.chapters
    assert [c.role_cards for c in chapters if c.title == title] == [role_cards]
