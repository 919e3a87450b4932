"""Editor's lints for `etos check`: what a careful editor would flag once the sources load cleanly.

The loader and the render stage already refuse broken links, images without alt text, unknown
glossary terms and unanswerable questions. These lints add what is a matter of judgement, so they are warnings: media
nobody uses, declared minutes far from the estimate, LIX above the course's target, feedback that
repeats the verdict the player already shows, and Swedish spelling. `--strict` turns them into failures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from builder.load import (
    GLOSSARY_FILE,
    GUIDE_FILE,
    GUIDE_FOLDER,
    QUESTIONS_FILE,
)
from builder.media import SHARED_MEDIA
from builder.model import Course, DilemmaChoice, Lesson, Option, Project, Question, QuestionType
from builder.problems import Problems
from builder.readability import SENTENCE_END, WORD, plain_text_of_markdown
from builder.render import RenderedCourse
from builder.spelling import WORD_LIST, SpellingUnavailable, check_files, read_word_list
from builder.stats import LessonFigures, course_figures

# Declared minutes are "far" from the estimate when they differ by half of it and by whole minutes.
MINUTES_RATIO = 1.5
MINUTES_MIN_DIFFERENCE = 4
IGNORED_FILES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}
# The player labels every answer ("Ditt svar är rätt.", "Fel svar.", "Ett bra val."); feedback that opens
# with its own verdict reads twice ("Fel svar. Fel. …"), so it should go straight to the why.
# A learner who always picks the same position, or always the longest option, must not pass by it.
KEY_POSITION_SHARE = 0.4
KEY_LONGEST_SHARE = 0.5
KEY_BIAS_MIN_QUESTIONS = 5  # fewer single-choice questions than this say nothing about a pattern
VERDICT_OPENING = re.compile(r"^(Rätt|Fel|Nej|Ja|Bra val|Det är rätt|Korrekt|Precis)[.!]\s")


def lint_project(project: Project, rendered: list[RenderedCourse], problems: Problems, complete: bool = True,
                 spelling: bool = True, progress: Callable[[str], None] = lambda message: None) -> None:
    """Add every lint warning for the loaded and rendered courses to `problems`.

    `complete` says every course of the catalogue is loaded, so media in courses/media/ that none of
    them uses is truly unused.
    """
    for course in rendered:
        progress(course.course.id)
        check_unused_media(course, problems)
        for figures in course_figures(course):
            check_minutes(figures, problems)
            check_lix(figures, course.course.lix_target, problems)
        check_feedback_openings(course.course, problems)
        check_key_bias(course.course, problems)
    if complete:
        check_unused_shared_media(project, rendered, problems)
    if spelling:
        progress("hunspell")
        check_spelling(project, problems)


def check_key_bias(course: Course, problems: Problems) -> None:
    """Warn where the right option of single-choice questions gives itself away by its place or length.

    The player shuffles options, but print shows the author's order and `fast_ordning` keeps it, and
    a key that is always the longest option is found in any order. Checked per pool: the final test's,
    and the course's knowledge checks together.
    """
    pools = [course.knowledge_checks]
    if course.final_test:
        pools.append(course.final_test.questions)
        for question in course.final_test.questions:
            if not question.lesson_id:
                problems.warning("question-without-lesson", question.source.path, question.source.line,
                                 question=question.id)
    for pool in pools:
        single = [q for q in pool if q.type is QuestionType.SINGLE and len(q.correct_indexes) == 1]
        if len(single) < KEY_BIAS_MIN_QUESTIONS:
            continue
        place = single[0].source
        by_position: dict[int, list[str]] = {}
        for question in single:
            by_position.setdefault(question.correct_indexes[0], []).append(question.id)
        position, ids = max(by_position.items(), key=lambda item: (len(item[1]), -item[0]))
        if len(ids) > KEY_POSITION_SHARE * len(single):
            problems.warning("key-position-bias", place.path, place.line, position=position + 1, count=len(ids),
                             total=len(single), share=round(100 * len(ids) / len(single)),
                             examples=", ".join(ids[:3]))
        longest = [q.id for q in single if is_longest_option(q, q.correct_indexes[0])]
        if len(longest) > KEY_LONGEST_SHARE * len(single):
            problems.warning("key-longest-bias", place.path, place.line, count=len(longest), total=len(single),
                             share=round(100 * len(longest) / len(single)), examples=", ".join(longest[:3]))


def is_longest_option(question: Question, index: int) -> bool:
    """The option at index is strictly longer than every other, as a reader sees the text."""
    lengths = [len(plain_text_of_markdown(option.text)) for option in question.options]
    return all(lengths[index] > length for i, length in enumerate(lengths) if i != index)


def check_feedback_openings(course: Course, problems: Problems) -> None:
    """Warn where an option's or a dilemma choice's feedback starts by repeating the verdict."""
    answers: list[Option | DilemmaChoice] = [o for q in course.knowledge_checks for o in q.options]
    answers += [o for q in (course.final_test.questions if course.final_test else []) for o in q.options]
    answers += [c for lesson in course.lessons for d in lesson.dilemmas for c in d.choices]
    for answer in answers:
        opening = VERDICT_OPENING.match(answer.feedback.strip())
        if opening:
            problems.warning("feedback-repeats-verdict", answer.source.path, answer.source.line,
                             opening=opening.group(0).strip())


def media_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in IGNORED_FILES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def check_unused_media(rendered: RenderedCourse, problems: Problems) -> None:
    folder = rendered.course.folder
    used = {media.source_path.resolve() for media in rendered.media}
    for path in media_files(folder / "media"):
        if path.resolve() not in used:
            problems.warning("media-unused", path, 0, file=path.relative_to(folder).as_posix())


def check_unused_shared_media(project: Project, rendered: list[RenderedCourse], problems: Problems) -> None:
    used = {media.source_path.resolve() for course in rendered for media in course.media}
    theme = project.catalogue.theme
    if theme is not None and theme.logo is not None:  # the catalogue's logo goes into every package
        used.add(theme.logo.resolve())
    folder = project.catalogue.root / SHARED_MEDIA
    for path in media_files(folder):
        if path.resolve() not in used:
            problems.warning("shared-media-unused", path, 0, file=path.relative_to(folder).as_posix())


def front_matter_line(path: Path, key: str) -> int:
    """The line of a key in a lesson's front matter, for a warning an author can jump to."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def check_minutes(figures: LessonFigures, problems: Problems) -> None:
    declared, estimated = figures.lesson.minutes, figures.estimated_minutes
    if declared <= 0:
        return  # the loader reports it
    far = declared > estimated * MINUTES_RATIO or declared < estimated / MINUTES_RATIO
    if far and abs(declared - estimated) >= MINUTES_MIN_DIFFERENCE:
        path = figures.lesson.source.path
        problems.warning("minutes-far-from-estimate", path, front_matter_line(path, "minuter"),
                         declared=declared, estimated=max(1, round(estimated)), words=figures.words)


def longest_sentence(lesson: Lesson) -> tuple[int, int]:
    """(line, words) of the longest sentence in the lesson file's body, counting as LIX does."""
    try:
        lines = lesson.source.path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1, 0
    best = (1, 0)
    for number, line in enumerate(lines, start=1):
        text = plain_text_of_markdown(line)
        for sentence in SENTENCE_END.split(text):
            words = len(WORD.findall(sentence))
            if words > best[1]:
                best = (number, words)
    return best


def check_lix(figures: LessonFigures, target: int, problems: Problems) -> None:
    if figures.words and figures.lix > target:
        line, words = longest_sentence(figures.lesson)
        problems.warning("lix-above-target", figures.lesson.source.path, 1, lix=f"{figures.lix:.0f}",
                         target=target, sentence_line=line, sentence_words=words)


def pool_file(course: Course) -> Path:
    """The final test's question file: where its questions came from, else the default name."""
    if course.final_test and course.final_test.questions:
        return course.final_test.questions[0].source.path
    return course.folder / QUESTIONS_FILE


def spelling_files(project: Project) -> list[Path]:
    """What a learner or facilitator reads: course settings, lessons, question pool, guide, glossary."""
    files: list[Path] = []
    for course in project.courses:
        files.append(course.source.path)
        files += [lesson.source.path for lesson in course.lessons]
        pool = pool_file(course)
        if pool.is_file():
            files.append(pool)
        guide = course.folder / GUIDE_FOLDER
        if (guide / GUIDE_FILE).is_file():
            files.append(guide / GUIDE_FILE)
        files += sorted(guide.glob("*.md")) if guide.is_dir() else []
    glossary = project.catalogue.root / GLOSSARY_FILE
    if glossary.is_file():
        files.append(glossary)
    return files


def check_spelling(project: Project, problems: Problems) -> None:
    words = read_word_list(project.catalogue.root / WORD_LIST)
    try:
        found = check_files(spelling_files(project), words)
    except SpellingUnavailable as failure:
        if failure.program_missing:
            problems.warning("spelling-unavailable", None, 0)
        else:
            problems.warning("spelling-failed", None, 0, detail=str(failure))
        return
    for misspelling in found:
        first, *others = misspelling.lines
        code = "spelling-unknown-word-repeated" if others else "spelling-unknown-word"
        problems.warning(code, misspelling.path, first, word=misspelling.word,
                         lines=", ".join(str(line) for line in others),
                         suggestion=" / ".join(misspelling.suggestions))
