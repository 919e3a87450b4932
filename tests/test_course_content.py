"""The three courses themselves: what the content issue promises learners, facilitators and agencies."""

from __future__ import annotations

import re

import pytest

from builder.load import load_project
from builder.model import BlockKind, QuestionType
from builder.problems import Problems
from builder.readability import lesson_readability

LIX_LIMITS = {"sex-principerna": 50, "forvaltningskunskap": 45, "bemotande": 45}
PRINCIPLE_LESSONS = {
    "demokrati": ["1 kap. 1 § första och andra stycket regeringsformen", "12 kap. 2 § regeringsformen"],
    "legalitet": ["1 kap. 1 § tredje stycket regeringsformen", "5 § första stycket förvaltningslagen"],
    "objektivitet": ["1 kap. 9 § regeringsformen", "16", "förvaltningslagen"],
    "fri-asiktsbildning": ["2 kap. 1 § regeringsformen", "tryckfrihetsförordningen"],
    "respekt": ["1 kap. 2 §", "diskrimineringslagen (2008:567)"],
    "effektivitet-och-service": ["1 kap. 3 § budgetlagen (2011:203)", "6 § förvaltningslagen"],
}


@pytest.fixture(scope="module")
def loaded(repo_root):
    problems = Problems(repo_root)
    project = load_project(repo_root, problems)
    return project, problems


def test_sources_load_without_errors_or_warnings(loaded):
    _, problems = loaded
    assert [p.format() for p in problems.items] == []


def test_there_are_three_courses(loaded):
    project, _ = loaded
    assert [c.id for c in project.courses] == ["sex-principerna", "forvaltningskunskap", "bemotande"]


@pytest.mark.parametrize("lesson_id, references", sorted(PRINCIPLE_LESSONS.items()))
def test_each_principle_lesson_carries_its_legal_basis(loaded, lesson_id, references):
    project, _ = loaded
    lesson = project.course("sex-principerna").lesson(lesson_id)
    assert lesson is not None, f"no lesson {lesson_id}"
    facts = " ".join(block.markdown for block in lesson.blocks_of(BlockKind.FACT))
    assert "§" in facts
    for reference in references:
        assert reference in facts, f"{lesson_id}: {reference!r} missing from its fakta/lagrum block"
    assert lesson.dilemmas and lesson.blocks_of(BlockKind.EXAMPLE) and lesson.blocks_of(BlockKind.REFLECTION)


def test_every_lesson_has_a_knowledge_check(loaded):
    project, _ = loaded
    missing = [f"{c.id}/{l.id}" for c in project.courses for l in c.lessons if not l.knowledge_checks]
    assert missing == []


def test_every_course_has_a_final_test_of_the_stated_size(loaded):
    project, _ = loaded
    for course in project.courses:
        test = course.final_test
        assert test is not None, course.id
        assert (test.draw, test.mastery_percent) == (10, 80), course.id
        assert len(test.questions) >= 15, course.id
        assert {q.type for q in test.questions} == set(QuestionType), course.id


def test_the_final_test_measures_every_learning_objective(loaded):
    project, _ = loaded
    for course in project.courses:
        measured = {q.objective for q in course.final_test.questions}
        assert measured == set(range(1, len(course.objectives) + 1)), course.id


def test_every_option_explains_itself(loaded):
    project, _ = loaded
    for course in project.courses:
        for question in course.final_test.questions + course.knowledge_checks:
            assert all(option.feedback.strip() for option in question.options), question.id


def test_lessons_stay_within_the_courses_lix_target(loaded):
    project, _ = loaded
    too_hard = {}
    for course in project.courses:
        for lesson in course.lessons:
            lix = lesson_readability(lesson).lix
            if lix > LIX_LIMITS[course.id]:
                too_hard[f"{course.id}/{lesson.id}"] = round(lix)
    assert too_hard == {}


def test_lesson_minutes_add_up_to_the_course(loaded):
    project, _ = loaded
    for course in project.courses:
        assert sum(lesson.minutes for lesson in course.lessons) == course.minutes, course.id


def test_facilitator_guides_plan_a_session_of_two_and_a_half_to_three_hours(loaded):
    project, _ = loaded
    for course in project.courses:
        guide = course.guide
        assert guide is not None, course.id
        assert 150 <= guide.minutes <= 180, course.id
        assert sum(activity.minutes for activity in guide.plan) == guide.minutes
        assert guide.worksheets and guide.discussion_questions and guide.preparation


def test_glossary_has_at_least_35_terms_with_definitions(loaded):
    project, _ = loaded
    terms = project.catalogue.glossary.terms
    assert len(terms) >= 35
    assert all(term.definition.strip() for term in terms)


def test_the_old_administrative_procedure_act_is_not_cited_as_current(repo_root):
    for path in sorted(repo_root.glob("*/lessons/*.md")) + sorted(repo_root.glob("*/questions.yaml")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"1986:223", text):
            context = text[max(0, match.start() - 200):match.end()]
            assert re.search(r"gamla|tidigare|upphävd|ersattes|ersatte", context), f"{path}: cites FL 1986:223"
