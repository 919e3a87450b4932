"""The build: load everything, render each course once, let every writer package it, then move the
results into place. Nothing reaches the output folder unless the whole build succeeded."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from builder import incremental
from builder.problems import Problems, SourceErrors

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderedCourse

DEFAULT_FORMATS = ("scorm12", "scorm2004", "web")


def writer_class(name: str) -> Callable:
    """The writer of a format, imported only when a build writes something: a no-op build needs none."""
    if name == "pdf":
        from builder.package.pdf import (
            PdfWriter,  # WeasyPrint takes longer to import than a course to build
        )

        return PdfWriter
    from builder.package.zipwriter import Scorm12Package, Scorm2004Package, WebPackage

    return {"scorm12": Scorm12Package, "scorm2004": Scorm2004Package, "web": WebPackage}[name]


def pdf_available() -> bool:
    """WeasyPrint is installed; asked without importing it, which takes longer than a whole no-op build."""
    return importlib.util.find_spec("weasyprint") is not None


def available_formats() -> list[str]:
    """Formats `--format` accepts; pdf joins when WeasyPrint is installed."""
    return list(DEFAULT_FORMATS) + (["pdf"] if pdf_available() else [])


@dataclass
class BuildResult:
    """What a build did. `project` is None when every course was up to date and nothing was loaded."""

    project: "Project | None"
    written: list[Path] = field(default_factory=list)
    problems: Problems | None = None
    unchanged: list[Path] = field(default_factory=list)  # outputs already up to date, left as they were

    @property
    def outputs(self) -> list[Path]:
        return self.written + self.unchanged


def load_and_render(root: Path, problems: Problems, only: list[str] | None = None,
                    ) -> tuple["Project", list["RenderedCourse"]]:
    """Every check in one pass: load the sources, render every loaded course, then stop once.

    Links, images, headings and raw HTML are checked while rendering, on the tree that becomes the
    HTML; courses with load errors are rendered too, so an author sees every problem from one run.
    Raises SourceErrors if load or render found an error; nothing has been written by then.
    """
    from builder.load import load_project
    from builder.render import render_course

    project = load_project(root, problems, only=only, stop_on_errors=False)
    rendered = [render_course(course, project.catalogue, problems) for course in project.courses]
    if problems.errors:
        raise SourceErrors(problems)
    return project, rendered


def resolve_schema_folder(project: "Project", override: Path | None, problems: Problems) -> Path | None:
    """`--schemas` wins over the catalogue's `scheman:`; a named folder that is missing is an error."""
    folder = override or project.catalogue.schema_folder
    if folder is None:
        return None
    if not folder.is_dir():
        if override is None:
            # The catalogue's folder may simply not exist on this machine: build without schemas.
            problems.warning("schemas-missing", project.catalogue.source.path, 0, folder=str(folder))
            return None
        problems.error("schemas-missing", None, 0, folder=str(folder))
        raise SourceErrors(problems)
    return folder.resolve()


def build(
    root: Path,
    out: Path,
    courses: list[str] | None = None,
    formats: list[str] | None = None,
    schema_folder: Path | None = None,
    strict: bool = False,
    progress: Callable[[str], None] = lambda message: None,
    force: bool = False,
) -> BuildResult:
    """Build the named courses (default all) in the named formats (default all but pdf) into out.

    A course whose stamp shows its outputs are up to date is not written again (see incremental.py);
    when that holds for every course, nothing is even loaded. `force` builds everything regardless.
    """
    wanted = list(formats or available_default_formats())
    if not force:
        current = incremental.current_stamps(root, out, courses, wanted, schema_folder, strict)
        if current is not None:
            unchanged = [course_out / name for course_out, stamp in current for name in stamp.outputs]
            return BuildResult(None, unchanged=unchanged)
    problems = Problems(root)
    project, rendered_courses = load_and_render(root, problems, only=courses)
    if strict and problems.warnings:
        raise SourceErrors(problems)
    schemas = resolve_schema_folder(project, schema_folder, problems)
    writers = [writer_class(name)(schemas) for name in wanted]
    settings = incremental.settings_hash(wanted, schemas, strict)

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".etos-", dir=out))
    result = BuildResult(project, problems=problems)
    try:
        produced: list[tuple[Path, Path]] = []
        stamps: list[tuple[Path, Path]] = []
        for rendered in rendered_courses:
            course = rendered.course
            course_out = out / course.id
            stamp = incremental.Stamp.read(incremental.stamp_path(out, course.id))
            if not force and stamp is not None and incremental.is_current(stamp, root, course_out, settings):
                result.unchanged += [course_out / name for name in stamp.outputs]
                continue
            written: list[Path] = []
            for writer in writers:
                for path in writer.write(rendered, staging / course.id):
                    written.append(path)
                    produced.append((path, course_out / path.name))
                    progress(f"{course.id}: {path.name}")
            folder = course.folder.resolve()
            shared = [m.source_path for m in rendered.media if folder not in m.source_path.resolve().parents]
            stamp = incremental.stamp_for(course.id, course.folder, root, settings, shared, written)
            staged_stamp = incremental.stamp_path(staging, course.id)
            staged_stamp.parent.mkdir(parents=True, exist_ok=True)
            staged_stamp.write_text(stamp.to_json(), encoding="utf-8")
            stamps.append((staged_stamp, incremental.stamp_path(out, course.id)))
        for temporary, final in produced:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, final)
            result.written.append(final)
        # Stamps last: a build interrupted while moving leaves stamps that no longer match, not false ones.
        for temporary, final in stamps:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def available_default_formats() -> tuple[str, ...]:
    """All formats, pdf included when WeasyPrint is installed."""
    return tuple(available_formats())
