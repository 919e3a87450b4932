"""The three courses themselves: what the content issue promises learners, facilitators and agencies."""

from __future__ import annotations

import re

import lxml.html
import pytest

from builder.lint import check_key_bias
from builder.load import load_project
from builder.model import BlockKind, Course, Question, QuestionType
from builder.package.pdf import GUIDE, HANDOUT, typst_document
from builder.package.pdf_fetch import StagedRoot
from builder.problems import Problems
from builder.readability import lesson_readability
from builder.render import render_course
from builder.templates import templates_folder

COURSES = ["sex-principerna", "forvaltningskunskap", "bemotande"]
MIN_POOL = 30
# A right-against-right dilemma says so in the first words of its facilitator note and gives the
# arguments for both sides: "Rätt mot rätt: … För att A … Mot det talar …" or "För A … För B …".
RIGHT_AGAINST_RIGHT = "Rätt mot rätt:"
MIN_RIGHT_AGAINST_RIGHT = 3
# A case question puts the learner in a situation and then asks about it ("Maria är handläggare på …
# En sökande ringer och … Vad gör hon?"): at least two sentences, the last a question. Bare "what is X"
# items are one sentence; statements to judge true or false end without a question mark.
CASE_MIN_WORDS = 18
HEN = re.compile(r"\bhen(s)?\b", re.IGNORECASE)
LIX_LIMITS = {"sex-principerna": 45, "forvaltningskunskap": 45, "bemotande": 45}
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
    facts = " ".join(block.markdown for block in lesson.blocks_of(BlockKind.LAW))
    assert "§" in facts
    for reference in references:
        assert reference in facts, f"{lesson_id}: {reference!r} missing from its lagrum block"
    assert lesson.dilemmas and lesson.blocks_of(BlockKind.EXAMPLE) and lesson.blocks_of(BlockKind.REFLECTION)


def test_every_lesson_has_a_knowledge_check(loaded):
    project, _ = loaded
    missing = [f"{c.id}/{lesson.id}" for c in project.courses for lesson in c.lessons if not lesson.knowledge_checks]
    assert missing == []


def test_every_course_has_a_final_test_of_the_stated_size(loaded):
    project, _ = loaded
    for course in project.courses:
        test = course.final_test
        assert test is not None, course.id
        assert (test.draw, test.mastery_percent) == (10, 80), course.id
        assert len(test.questions) >= MIN_POOL, course.id
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


def course_of(loaded, course_id: str) -> Course:
    project, _ = loaded
    course = project.course(course_id)
    assert course is not None, f"no course {course_id}"
    return course


def is_case(question: Question) -> bool:
    """The checkable proxy for a short case: a situation of at least one sentence, then a question about it."""
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", question.prompt.strip()) if part]
    return (len(question.prompt.split()) >= CASE_MIN_WORDS and len(sentences) >= 2
            and sentences[-1].endswith("?"))


@pytest.mark.parametrize("course_id", COURSES)
def test_every_lesson_has_an_example_a_dilemma_a_reflection_and_a_knowledge_check(loaded, course_id):
    course = course_of(loaded, course_id)
    missing = {}
    for lesson in course.lessons:
        parts = {
            "exempel": lesson.blocks_of(BlockKind.EXAMPLE),
            "dilemma": lesson.dilemmas,
            "reflektion": lesson.blocks_of(BlockKind.REFLECTION),
            "kunskapskoll": lesson.knowledge_checks,
        }
        if absent := [name for name, found in parts.items() if not found]:
            missing[lesson.id] = absent
    assert missing == {}


@pytest.mark.parametrize("course_id", COURSES)
def test_at_least_three_dilemmas_are_right_against_right_and_argue_both_sides(loaded, course_id):
    course = course_of(loaded, course_id)
    dilemmas = [d for lesson in course.lessons for d in lesson.dilemmas
                if d.facilitator_note.strip().startswith(RIGHT_AGAINST_RIGHT)]
    assert len(dilemmas) >= MIN_RIGHT_AGAINST_RIGHT, [d.title for d in dilemmas]
    # Both sides argued: "För … Mot …", or "För att A … För att B …".
    one_sided = [d.title for d in dilemmas
                 if not (re.search(r"\bMot\b", d.facilitator_note)
                         or len(re.findall(r"\bFör\b", d.facilitator_note)) >= 2)
                 or not re.search(r"\bFör\b", d.facilitator_note)]
    assert one_sided == []
    # Both sides have real support: no choice is the plain answer key in more than one option's clothing.
    assert all(len(d.choices) >= 2 for d in dilemmas)


@pytest.mark.parametrize("course_id", COURSES)
def test_the_pool_is_large_enough_for_retries_and_half_of_it_is_cases(loaded, course_id):
    questions = course_of(loaded, course_id).final_test.questions
    assert len(questions) >= MIN_POOL
    cases = [q.id for q in questions if is_case(q)]
    assert 2 * len(cases) >= len(questions), f"{len(cases)} of {len(questions)} are cases"


@pytest.mark.parametrize("course_id", COURSES)
def test_every_objective_is_measured_by_at_least_two_pool_questions(loaded, course_id):
    course = course_of(loaded, course_id)
    counts = {number: 0 for number in range(1, len(course.objectives) + 1)}
    for question in course.final_test.questions:
        counts[question.objective] += 1
    assert {number: n for number, n in counts.items() if n < 2} == {}


@pytest.mark.parametrize("course_id", COURSES)
def test_every_pool_question_names_a_lesson_of_its_course(loaded, course_id):
    course = course_of(loaded, course_id)
    lessons = {lesson.id for lesson in course.lessons}
    assert [q.id for q in course.final_test.questions if q.lesson_id not in lessons] == []


@pytest.mark.parametrize("course_id", COURSES)
def test_no_answer_key_gives_itself_away_by_position_or_length(loaded, course_id):
    problems = Problems()
    check_key_bias(course_of(loaded, course_id), problems)
    assert [p.format() for p in problems.items] == []


@pytest.mark.parametrize("course_id", COURSES)
def test_no_pool_question_asks_only_where_a_rule_stands(loaded, course_id):
    bare = [q.id for q in course_of(loaded, course_id).final_test.questions
            if re.search(r"\b(I vilken paragraf|Vilken paragraf|Var står det)\b", q.prompt)]
    assert bare == []


@pytest.mark.parametrize("course_id", COURSES)
def test_at_least_two_svg_pictures_with_alt_text_are_used(loaded, course_id):
    project, _ = loaded
    rendered = render_course(course_of(loaded, course_id), project.catalogue)
    pictures = {}
    for lesson in rendered.lessons:
        for block in lesson.blocks:
            if block.html:
                for image in lxml.html.fragment_fromstring(str(block.html), create_parent="div").iter("img"):
                    if image.get("src", "").endswith(".svg"):
                        pictures[image.get("src")] = image.get("alt", "")
    assert len(pictures) >= 2, pictures
    assert [src for src, alt in pictures.items() if len(alt.split()) < 3] == []
    assert len([m for m in rendered.media if m.source_path.suffix == ".svg"]) >= 2


@pytest.mark.parametrize("course_id", COURSES)
@pytest.mark.parametrize("kind", [HANDOUT, GUIDE])
def test_both_printed_documents_carry_the_pictures(loaded, course_id, kind):
    project, _ = loaded
    course = course_of(loaded, course_id)
    rendered = render_course(course, project.catalogue)
    with StagedRoot(rendered.media, templates_folder() / "print" / "etos.typ") as staged:
        source = typst_document(rendered, kind, staged)
    pictures = set(re.findall(r'etos-(?:figure|inline-image)\("(media/[^"]+\.svg)"', source.text))
    assert len(pictures) >= 2 and not source.refused


@pytest.mark.parametrize("course_id", COURSES)
def test_no_course_text_uses_hen(loaded, course_id):
    course = course_of(loaded, course_id)
    texts = [(lesson.source.path, block.markdown) for lesson in course.lessons for block in lesson.blocks]
    for lesson in course.lessons:
        for dilemma in lesson.dilemmas:
            texts.append((dilemma.source.path, " ".join([dilemma.title, dilemma.situation, dilemma.prompt,
                                                         dilemma.facilitator_note]
                                                        + [c.text + " " + c.feedback for c in dilemma.choices])))
    for question in course.final_test.questions + course.knowledge_checks:
        texts.append((question.source.path, " ".join([question.prompt, question.explanation]
                                                     + [o.text + " " + o.feedback for o in question.options])))
    guide = course.guide
    words = [guide.purpose, *guide.preparation, *guide.discussion_questions]
    words += [a.activity + " " + a.method + " " + a.material for a in guide.plan]
    words += [w.instruction + " " + " ".join(w.questions) for w in guide.worksheets]
    texts.append((guide.source.path, " ".join(words)))
    texts += [(chapter.source.path, chapter.markdown) for chapter in guide.chapters]
    found = sorted({str(path) for path, text in texts if HEN.search(text)})
    assert found == []


def test_no_glossary_definition_uses_hen(loaded):
    project, _ = loaded
    assert [t.term for t in project.catalogue.glossary.terms if HEN.search(t.definition)] == []


@pytest.mark.parametrize("course_id", COURSES)
def test_the_facilitator_plan_adds_up_and_names_lessons_of_the_course(loaded, course_id):
    course = course_of(loaded, course_id)
    guide = course.guide
    assert sum(activity.minutes for activity in guide.plan) == guide.minutes
    lessons = {lesson.id for lesson in course.lessons}
    assert [a.activity for a in guide.plan if a.lesson_id and a.lesson_id not in lessons] == []


@pytest.mark.parametrize("course_id", COURSES)
def test_the_course_states_when_it_was_fact_checked_and_its_sources(loaded, course_id):
    course = course_of(loaded, course_id)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", course.fact_checked)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", course.law_as_of)
    assert len(course.references) >= 3


def test_the_catalogue_names_no_authority_as_publisher_or_contact(loaded):
    project, _ = loaded
    catalogue = project.catalogue
    assert "Krus" not in catalogue.publisher
    assert "statskontoret" not in catalogue.contact.casefold()
    assert "Offentligt etos" in catalogue.origin and "2010–2012" in catalogue.origin
