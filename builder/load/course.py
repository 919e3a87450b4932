"""One course folder: `course.yaml`, then its lessons, its final test and its facilitator guide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.load.common import (
    COURSE_FILE,
    DEFAULT_LIX_TARGET,
    GUIDE_FOLDER,
    ID_PATTERN,
    MAX_COURSE_ID_LENGTH,
    MAX_VERSION_LENGTH,
    VERSION_PATTERN,
    is_iso_date,
    read_yaml_file,
)
from builder.load.guide import load_guide
from builder.load.lesson import load_lessons
from builder.load.questions import (
    FinalTestSettings,
    check_objective,
    check_question_ids,
    check_question_lessons,
    load_final_test,
)
from builder.model import Catalogue, Course, SourceRef, Text
from builder.names import is_reserved_name, slugify
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_source


@dataclass(kw_only=True)
class CourseFile(SourceMapping):
    """`course.yaml`: what the course is, which lessons it has, and its final test's settings."""

    id: str = key("id", required=True)
    title: str = key("titel", required=True)
    subtitle: str = key("undertitel", default="")
    language: str = key("språk", default="sv")
    version: str = key("version", required=True)
    audience: str = key("målgrupp", default="")
    minutes: int | None = key("minuter", required=True)
    description: Text = key("beskrivning", required=True)
    lix_target: int = key("lix_mål", default=DEFAULT_LIX_TARGET)
    objectives: list[str] = key("lärandemål", required=True)
    keywords: list[str] = key("nyckelord", default=[])
    lesson_files: list[str] = key("lektioner", required=True)
    final_test: FinalTestSettings | None = key("sluttest", default=None)
    fact_checked: str = key("faktagranskad", default="")
    law_as_of: str = key("lagtext_per", default="")
    references: list[str] = key("källor", default=[])
    cover: str = key("omslagsbild", default="")


# Pictures a browser and the print engine both show.
COVER_EXTENSIONS = (".svg", ".png", ".jpg", ".jpeg")


def load_course(folder: Path, catalogue: Catalogue, problems: Problems) -> Course | None:
    """Read one course folder: course.yaml, its lessons, the question pool and the guide."""
    path = folder / COURSE_FILE
    data = read_yaml_file(path, problems)
    if data is None:
        return None
    course = read_source(CourseFile, data, path, problems, 1, where="course.yaml")
    if course is None:
        return None
    course_id = check_identity(course, folder, path, problems)
    version = course.version or "0"
    if course.minutes is not None and course.minutes <= 0:
        problems.error("not-positive", path, course.line_of("minutes"), key=course.key_of("minutes"),
                       value=course.minutes)
    for attribute in ("fact_checked", "law_as_of"):
        value = getattr(course, attribute)
        if value and not is_iso_date(value):
            problems.error("bad-date", path, course.line_of(attribute), key=course.key_of(attribute), value=value)
    cover = course.cover if course.cover.lower().endswith(COVER_EXTENSIONS) else ""
    if course.cover and not cover:
        problems.error("cover-kind", path, course.line_of("cover"), key=course.key_of("cover"),
                       target=course.cover, known=", ".join(COVER_EXTENSIONS))
    objectives = course.objectives
    if course.given("objectives") and not objectives:
        problems.error("empty-list", path, course.line_of("objectives"), key=course.key_of("objectives"))

    listed = list(zip(course.lesson_files, course.item_lines("lesson_files"), strict=False))
    if course.given("lesson_files") and not listed:
        problems.error("empty-course", path, course.line_of("lesson_files"))
    lessons = load_lessons(folder, listed, path, problems)

    final_test = None
    if course.final_test is not None:
        final_test = load_final_test(folder, course.final_test, path, course.line_of("final_test"),
                                     len(objectives), problems)
    check_question_ids(lessons, final_test, problems)
    # A lesson that failed to load has its own error; questions naming it are not wrong for that.
    all_loaded = len(lessons) == len(set(course.lesson_files))
    check_question_lessons(lessons, final_test, problems, all_loaded)
    for question in [q for lesson in lessons for q in lesson.knowledge_checks]:
        check_objective(question, len(objectives), problems)
    if final_test and objectives:
        measured = {q.objective for q in final_test.questions if q.objective}
        if measured:
            for number, objective in enumerate(objectives, start=1):
                if number not in measured:
                    problems.warning("objective-not-tested", path, course.line_of("objectives"),
                                     number=number, objective=objective)

    guide = load_guide(folder / GUIDE_FOLDER, lessons, problems)
    return Course(
        id=course_id,
        folder=folder,
        title=course.title,
        subtitle=course.subtitle,
        language=course.language or "sv",
        version=version,
        audience=course.audience,
        minutes=course.minutes or 0,
        description=course.description,
        objectives=objectives,
        keywords=course.keywords,
        # `lix_mål: 0` has always meant the default target.
        lix_target=course.lix_target or DEFAULT_LIX_TARGET,
        fact_checked=course.fact_checked,
        law_as_of=course.law_as_of,
        references=course.references,
        cover=cover,
        cover_line=course.line_of("cover"),
        lessons=lessons,
        final_test=final_test,
        guide=guide,
        source=SourceRef(path, 1),
        lesson_files=course.lesson_files,
    )


def check_identity(course: CourseFile, folder: Path, path: Path, problems: Problems) -> str:
    """The course id (the folder's name if none is given) and version, which name every output file."""
    course_id = course.id or folder.name
    if course.id and not ID_PATTERN.match(course_id):
        problems.error("bad-id", path, course.line_of("id"), id=course_id, suggestion=slugify(course_id))
    elif len(course_id) > MAX_COURSE_ID_LENGTH:
        problems.error("id-too-long", path, course.line_of("id"), length=len(course_id), limit=MAX_COURSE_ID_LENGTH,
                       suggestion=course_id[:MAX_COURSE_ID_LENGTH].rstrip("-"))
    elif is_reserved_name(course_id):
        problems.error("id-reserved", path, course.line_of("id"), id=course_id)
    version = course.version or "0"
    if isinstance(course.found("version"), float):
        problems.warning("version-not-quoted", path, course.line_of("version"), version=version)
    if not VERSION_PATTERN.match(version):
        problems.error("bad-version", path, course.line_of("version"), version=version)
    elif len(version) > MAX_VERSION_LENGTH:
        problems.error("version-too-long", path, course.line_of("version"), length=len(version),
                       limit=MAX_VERSION_LENGTH)
    return course_id
