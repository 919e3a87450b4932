"""The build: load everything, render each course once, let every writer package it, then move the
results into place. Nothing reaches the output folder unless the whole build succeeded.

The stages are here in order; which writer writes a format is registry.py's, how tasks are shared
among processes writing.py's, and how outputs reach the output folder all at once staging.py's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder import incremental
from builder.package import BuildContext
from builder.package.registry import available_formats, is_available
from builder.schema_folder import choose_schema_folder
from builder.sources_read import recording
from builder.staging import Staging, check_output_folder, output_errors, remove_stale_staging
from builder.writing import write_outputs

if TYPE_CHECKING:
    from builder.model import Project
    from builder.problems import Problems
    from builder.render import RenderedCourse

__all__ = ["BuildResult", "available_default_formats", "available_formats", "build", "load_and_render",
           "pdf_available", "resolve_schema_folder"]


def pdf_available() -> bool:
    """The Typst binding is installed; asked without importing it, so that a no-op build stays fast."""
    return is_available("pdf")


def available_default_formats() -> tuple[str, ...]:
    """What a build writes when no format is named: every format this machine can write."""
    return tuple(available_formats())


@dataclass
class BuildResult:
    """What a build did. `project` is None when every course was up to date and nothing was loaded."""

    project: Project | None
    written: list[Path] = field(default_factory=list)
    problems: Problems | None = None
    unchanged: list[Path] = field(default_factory=list)  # outputs already up to date, left as they were

    @property
    def outputs(self) -> list[Path]:
        return self.written + self.unchanged


def load_and_render(root: Path, problems: Problems, only: list[str] | None = None,
                    ) -> tuple[Project, list[RenderedCourse]]:
    """Every check in one pass: load the sources, render every loaded course, then stop once.

    Links, images, headings and raw HTML are checked while rendering, on the tree that becomes the
    HTML; courses with load errors are rendered too, so an author sees every problem from one run.
    Raises SourceErrors if load or render found an error; nothing has been written by then.
    """
    from builder.load import load_project
    from builder.problems import SourceErrors
    from builder.render import render_course

    project = load_project(root, problems, only=only, stop_on_errors=False)
    rendered = [render_course(course, project.catalogue, problems) for course in project.courses]
    if problems.errors:
        raise SourceErrors(problems)
    return project, rendered


def resolve_schema_folder(project: Project, override: Path | None, problems: Problems) -> Path | None:
    """`--schemas` > the catalogue's `scheman:` > the npm package's copy (see schema_folder.py)."""
    from builder.problems import SourceErrors

    choice = choose_schema_folder(override, project.catalogue.schema_folder)
    if choice.missing is not None and choice.missing_is_error:
        problems.error("schemas-missing", None, 0, folder=str(choice.missing))
        raise SourceErrors(problems)
    if choice.missing is not None:
        # The catalogue's folder may simply not exist on this machine, nor the npm copy: build without schemas.
        problems.warning("schemas-missing", project.catalogue.source.path, 0, folder=str(choice.missing))
    return choice.folder


def build(
    root: Path,
    out: Path,
    courses: list[str] | None = None,
    formats: list[str] | None = None,
    schema_folder: Path | None = None,
    strict: bool = False,
    progress: Callable[[str], None] = lambda message: None,
    force: bool = False,
    jobs: int = 1,
) -> BuildResult:
    """Build the named courses (default all) in the named formats (default all but pdf) into out.

    A course whose stamp shows its outputs are up to date is not written again (see incremental.py);
    when that holds for every course, nothing is even loaded. `force` builds everything regardless.
    With `jobs` above 1 the packages are written by that many processes (see `write_outputs`).
    """
    with recording() as reads:  # every file the build reads, for the stamps
        return build_recorded(root, out, courses, formats, schema_folder, strict, progress, force, reads.files, jobs)


def build_recorded(root: Path, out: Path, courses: list[str] | None, formats: list[str] | None,
                   schema_folder: Path | None, strict: bool, progress: Callable[[str], None], force: bool,
                   reads: dict[Path, str | None], jobs: int = 1) -> BuildResult:
    """`build`, with reads the files the running build has read so far."""
    wanted = list(formats or available_default_formats())
    if not force:
        current = incremental.current_stamps(root, out, courses, wanted, schema_folder, strict)
        if current is not None:
            unchanged = [course_out / name for course_out, stamp in current for name in stamp.output_names(wanted)]
            return BuildResult(None, unchanged=unchanged)
    from builder.problems import Problems, SourceErrors

    problems = Problems(root)
    project, rendered_courses = load_and_render(root, problems, only=courses)
    if strict and problems.warnings:
        raise SourceErrors(problems)
    schemas = resolve_schema_folder(project, schema_folder, problems)
    hashes = incremental.RememberedHashes(out)
    settings = incremental.settings_hash(schemas, strict, hashes)

    check_output_folder(root, out, project)
    result = BuildResult(project, problems=problems)
    with output_errors(out):
        out.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)
        with Staging(out) as staging:
            staged: list[tuple[str, list[Path], list[str]]] = []
            stamps: list[tuple[Path, Path]] = []
            stale = []
            for rendered in rendered_courses:
                course = rendered.course
                course_out = out / course.id
                stamp = incremental.Stamp.read(incremental.stamp_path(out, course.id))
                up_to_date = stamp is not None and incremental.is_current(stamp, root, course_out, settings, wanted)
                if not force and stamp is not None and up_to_date:
                    result.unchanged += [course_out / name for name in stamp.output_names(wanted)]
                    continue
                stale.append((rendered, stamp))
            context = BuildContext(schemas, staging.folder)
            outputs = write_outputs([rendered for rendered, _ in stale], wanted, context, jobs, progress)
            logo = [theme.logo] if (theme := project.catalogue.theme) and theme.logo else []  # every course's
            inputs = incremental.inputs_by_course(reads, {
                r.course.id: (r.course.folder, [m.source_path for m in r.media] + logo) for r in rendered_courses},
                schemas)
            for rendered, previous in stale:
                course = rendered.course
                course_out = out / course.id
                by_format = dict(zip(wanted, outputs[course.id], strict=False))
                written = [path for paths in outputs[course.id] for path in paths]
                # Other formats' outputs stay only while their own stamp still holds; the rest go.
                kept = incremental.still_valid(previous, root, course_out, settings, wanted)
                stamp = incremental.stamp_for(course.id, course.folder, root, settings, inputs[course.id],
                                              by_format, kept)
                staged_stamp = incremental.stamp_path(staging.folder, course.id)
                staged_stamp.parent.mkdir(parents=True, exist_ok=True)
                staged_stamp.write_text(stamp.to_json(), encoding="utf-8")
                staged.append((course.id, written, kept.output_names() if kept else []))
                stamps.append((staged_stamp, incremental.stamp_path(out, course.id)))
            for (course_id, written, keep_names), (temporary, final) in zip(staged, stamps, strict=True):
                staging.publish(course_id, keep_names)
                result.written += [out / course_id / path.name for path in written]
                # The stamp after its outputs: a build stopped in between leaves a stamp that no longer
                # matches (the course is built again), never one that vouches for outputs it did not see.
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temporary, final)
            hashes.save()
    return result
