"""Scored questions (knowledge checks and the final test's pool) and the final test's settings.

Question ids end up in LMS interaction records and `lektion:` sends a learner back to a lesson, so
the checks across a whole course live here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.load.common import ID_PATTERN, QUESTIONS_FILE, is_inside, not_regular, read_yaml_file, shown
from builder.model import (
    FailedStatus,
    FinalTest,
    KeyReveal,
    Lesson,
    Option,
    Question,
    QuestionType,
    SourceRef,
    Text,
)
from builder.names import slugify
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_each, read_source, suggest, with_lines


@dataclass(kw_only=True)
class OptionSource(SourceMapping):
    """One answer option of a question."""

    text: Text = key("text", required=True)
    correct: bool = key("rätt", default=False)
    feedback: Text = key("återkoppling", default="")


@dataclass(kw_only=True)
class QuestionSource(SourceMapping):
    """A question as written, in a `::: kunskapskoll` block or under `frågor:` in the pool."""

    id: str = key("id", required=True)
    # None after an unknown word, once the author is told which words there are.
    type: QuestionType | None = key("typ", required=True, unknown=("question-type", "type"))
    objective: int | None = key("mål", default=None)
    prompt: Text = key("fråga", required=True)
    options: list[object] = key("alternativ", required=True)
    explanation: Text = key("förklaring", default="")
    fixed_order: bool = key("fast_ordning", default=False)
    lesson_id: str = key("lektion", default="")


@dataclass(kw_only=True)
class FinalTestSettings(SourceMapping):
    """`sluttest:` in course.yaml. A choice is None after an unknown word (already reported)."""

    pool_file: str = key("frågebank", default=QUESTIONS_FILE)
    draw: int | None = key("antal", required=True)
    mastery_percent: int | None = key("godkänt", required=True)
    attempts: int = key("försök", default=0)
    reveal_key: KeyReveal | None = key("visa_rätt_svar", default=KeyReveal.AFTER_LAST_ATTEMPT)
    failed_status: FailedStatus | None = key("status_vid_underkänt", default=FailedStatus.INCOMPLETE)


@dataclass(kw_only=True)
class QuestionPool(SourceMapping):
    """The question file: the final test's pool."""

    questions: list[object] = key("frågor", required=True)


def read_question(data: object, path: Path, line: int, problems: Problems) -> Question | None:
    """One scored question, with the rules that make it answerable."""
    source = read_source(QuestionSource, data, path, problems, line, where="fråga")
    if source is None:
        return None
    question_id, question_type = source.id, source.type
    if question_id and not ID_PATTERN.match(question_id):
        problems.error("bad-id", path, source.line_of("id"), id=question_id, suggestion=slugify(question_id))
    options: list[Option] = []
    for item_line, option in read_each(OptionSource, source.options, path, problems, line, where="alternativ"):
        if not option.feedback:
            problems.warning("option-without-feedback", path, item_line, question=question_id)
        options.append(Option(option.text, option.correct, option.feedback, SourceRef(path, item_line)))
    if isinstance(source.found("options"), list):
        check_options(source, options, path, problems)
    if question_type is None or not question_id:
        return None
    return Question(
        id=question_id,
        type=question_type,
        prompt=source.prompt,
        options=options,
        explanation=source.explanation,
        objective=source.objective,
        source=SourceRef(path, source.line),
        # Sant comes before Falskt in every course: the order itself tells nothing.
        fixed_order=source.fixed_order or question_type is QuestionType.TRUE_FALSE,
        lesson_id=source.lesson_id,
    )


def check_options(source: QuestionSource, options: list[Option], path: Path, problems: Problems) -> None:
    """Enough options, a right one, and as many right ones as the question's type allows."""
    correct = sum(o.correct for o in options)
    line, question_id = source.line_of("options"), source.id
    if len(source.options) < 2:
        problems.error("too-few-options", path, line, question=question_id)
    elif correct == 0:
        problems.error("no-correct-option", path, line, question=question_id)
    elif source.type is QuestionType.SINGLE and correct > 1:
        problems.error("single-choice-several-correct", path, line, question=question_id, count=correct)
    elif source.type is QuestionType.TRUE_FALSE:
        texts = sorted(o.text.casefold() for o in options)
        if texts != ["falskt", "sant"] or correct != 1:
            problems.error("true-false-options", path, line, question=question_id)
    seen_texts: set[str] = set()
    for option in options:
        if option.text.casefold() in seen_texts:
            problems.error("duplicate-option", path, option.source.line, question=question_id, text=option.text)
        seen_texts.add(option.text.casefold())


def load_final_test(folder: Path, settings: FinalTestSettings, course_path: Path, line: int,
                    objective_count: int, problems: Problems) -> FinalTest | None:
    """The final test: its settings from course.yaml (at `line`) and its pool from the question file."""
    pool_name = settings.pool_file or QUESTIONS_FILE
    pool_path = folder / pool_name
    questions: list[Question] = []
    pool: QuestionPool | None = None
    items_lost = False
    if not is_inside(pool_path, folder):
        problems.error("path-outside", course_path, settings.line_of("pool_file"), target=pool_name)
    elif not pool_path.is_file():
        if not not_regular(pool_path, problems):
            problems.error("question-file-missing", course_path, settings.line_of("pool_file"), file=pool_path.name)
    else:
        data = read_yaml_file(pool_path, problems)
        if data is not None:
            pool = read_source(QuestionPool, data, pool_path, problems, 1, where=pool_path.name)
    for item_line, item in with_lines(pool.questions if pool else [], 1):
        errors_before = len(problems.errors)
        question = read_question(item, pool_path, item_line, problems)
        if question:
            questions.append(question)
        items_lost = items_lost or question is None or len(problems.errors) > errors_before
    draw, mastery, attempts = settings.draw, settings.mastery_percent, settings.attempts
    if draw is not None:
        if draw <= 0:
            problems.error("not-positive", course_path, settings.line_of("draw"), key=settings.key_of("draw"),
                           value=draw)
        elif pool and draw > len(questions) and not items_lost:
            # Too small only counts once every question of the pool has loaded.
            problems.error("pool-too-small", course_path, settings.line_of("draw"), draw=draw, pool=len(questions))
    if mastery is not None and not 1 <= mastery <= 100:
        problems.error("mastery-range", course_path, settings.line_of("mastery_percent"), value=mastery)
    if attempts < 0:
        problems.error("not-positive", course_path, settings.line_of("attempts"), key=settings.key_of("attempts"),
                       value=attempts)
    for question in questions:
        check_objective(question, objective_count, problems)
    reveal, failed = settings.reveal_key, settings.failed_status
    if draw is None or mastery is None or reveal is None or failed is None:
        return None
    return FinalTest(questions, draw, mastery, attempts, SourceRef(course_path, line),
                     reveal_key=reveal, failed_status=failed)


def check_objective(question: Question, objective_count: int, problems: Problems) -> None:
    """`mål:` is the number of one of the course's learning objectives."""
    if question.objective is not None and not 1 <= question.objective <= objective_count:
        problems.error("objective-range", question.source.path, question.source.line,
                       question=question.id, number=question.objective, count=objective_count)


def check_question_lessons(lessons: list[Lesson], final_test: FinalTest | None, problems: Problems,
                           all_loaded: bool = True) -> None:
    """`lektion:` names a lesson of the course; only test questions need one, since a knowledge check
    already stands in its lesson."""
    lesson_ids = [lesson.id for lesson in lessons]
    for lesson in lessons:
        for question in lesson.knowledge_checks:
            if question.lesson_id:
                problems.warning("question-lesson-in-lesson", question.source.path, question.source.line,
                                 question=question.id)
    for question in final_test.questions if final_test else []:
        if question.lesson_id and all_loaded and lesson_ids and question.lesson_id not in lesson_ids:
            problems.error("question-lesson-unknown", question.source.path, question.source.line,
                           question=question.id, id=question.lesson_id,
                           suggestion=suggest(question.lesson_id, lesson_ids), known=", ".join(lesson_ids))


def check_question_ids(lessons: list[Lesson], final_test: FinalTest | None, problems: Problems) -> None:
    """Question ids end up in LMS interaction records, so they must be unique in the whole course."""
    seen: dict[str, SourceRef] = {}
    questions = [q for lesson in lessons for q in lesson.knowledge_checks]
    questions += final_test.questions if final_test else []
    for question in questions:
        if question.id in seen:
            problems.error("duplicate-question-id", question.source.path, question.source.line,
                           id=question.id, other=shown(problems, seen[question.id]))
        else:
            seen[question.id] = question.source
