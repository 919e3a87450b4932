"""Load stage: course sources on disk → the typed model in `model.py`, with every check of the sources.

One module per source kind: `catalogue` (katalog.yaml and the glossary), `course` (course.yaml),
`lesson` (lesson files and their front matter), `blocks` (the `:::` blocks of a lesson body),
`questions` (questions, the pool and the final test's settings) and `guide` (handledning/). Each
YAML mapping is read into a source dataclass that declares its keys (`builder.schema`); what
Markdown texts say is checked in the render stage, on the tree Python-Markdown builds, at the line
each `Text` remembers.

Nothing is written while loading. Every problem is recorded in one `Problems` collection with its
`file:line`, so an author sees all mistakes from one run; `load_project` raises `SourceErrors` at
the end if any of them is an error.
"""

from __future__ import annotations

from pathlib import Path

from builder.load.catalogue import load_catalogue
from builder.load.common import (
    CATALOGUE_FILE,
    COURSE_FILE,
    DEFAULT_LIX_TARGET,
    GLOSSARY_FILE,
    GUIDE_FILE,
    GUIDE_FOLDER,
    ID_PATTERN,
    LESSON_FILE_PATTERN,
    QUESTIONS_FILE,
    shown,
)
from builder.load.course import load_course
from builder.model import Project
from builder.problems import Problems, SourceErrors
from builder.schema import suggest

__all__ = [
    "CATALOGUE_FILE",
    "COURSE_FILE",
    "DEFAULT_LIX_TARGET",
    "GLOSSARY_FILE",
    "GUIDE_FILE",
    "GUIDE_FOLDER",
    "ID_PATTERN",
    "LESSON_FILE_PATTERN",
    "QUESTIONS_FILE",
    "load_catalogue",
    "load_course",
    "load_project",
]


def load_project(root: Path, problems: Problems | None = None, only: list[str] | None = None,
                 stop_on_errors: bool = True) -> Project:
    """Load the catalogue, the glossary and the courses (all, or those named in `only`).

    Raises SourceErrors after loading everything if any error was found, unless `stop_on_errors` is
    False: then the caller goes on to the render stage's checks and stops once (build.load_and_render).
    """
    problems = problems if problems is not None else Problems(root)
    catalogue = load_catalogue(root, problems)
    project = Project(catalogue=catalogue)
    folders = catalogue.course_folders
    if only:
        known = {folder: folder for folder in folders}
        wanted = []
        for name in only:
            folder = known.get(name) or known.get(name.replace("-", "_"))
            if folder is None:
                problems.error("unknown-course", None, name=name,
                               suggestion=suggest(name, folders), known=", ".join(folders))
            elif folder not in wanted:
                wanted.append(folder)
        folders = wanted
    seen_ids: dict[str, Path] = {}
    for folder in folders:
        course = load_course(root / folder, catalogue, problems)
        if course is None:
            continue
        if course.id in seen_ids:
            problems.error("duplicate-course-id", course.source.path, course.source.line,
                           id=course.id, other=shown(problems, seen_ids[course.id]))
            continue
        seen_ids[course.id] = course.source.path
        project.courses.append(course)
    if stop_on_errors and problems.errors:
        raise SourceErrors(problems)
    return project
