"""The preview's builds: the stages of `etos build`, in a worker thread of their own.

A build loads and renders with `load_and_render`, resolves the schema folder as `build` does, and
asks the format's own writer for its package entries: the very list `ZipWriter.write` zips. Only
that last step differs: the preview keeps the entries' bytes in memory instead of writing a zip. So
the page, the player, the media (an SVG sanitised, by `PackageFile.read`) and the manifest the
author previews are the bytes that ship, and a package the writer refuses is refused here too.

The course is published as soon as it is packaged, so the page reloads at once; the editor's lints
(spelling takes a moment) then run on that build's own model, with no lock held, and are published
as a second version of the same build.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from builder.build import load_and_render, resolve_schema_folder
from builder.lint import lint_project
from builder.load import load_catalogue
from builder.package import BuildContext, registry
from builder.problems import Problems, Severity, SourceErrors
from builder.serve.pages import say
from builder.serve.state import Build, BuildRequest, Preview

if TYPE_CHECKING:
    from builder.model import Project
    from builder.package.archive import PackageFile
    from builder.render import RenderedCourse


def package_entries(project: Project, rendered: RenderedCourse, standard: str,
                    problems: Problems) -> list[PackageFile]:
    """The entries of the package `etos build` would zip for this course and standard."""
    from builder.package.zipwriter import package_entries as zip_entries

    context = BuildContext(resolve_schema_folder(project, None, problems))
    return zip_entries(registry.writer(standard, context), rendered)


@dataclass(frozen=True)
class Snapshot:
    """What a build's lints need: its own model and rendered courses, shared with no other build."""

    project: Project
    rendered: list[RenderedCourse]


def build_course(root: Path, number: int, request: BuildRequest, courses: list[str]) -> tuple[Build, Snapshot | None]:
    """Load, render and package the chosen course with every check, as `etos build` does."""
    choice = request.choice
    problems = Problems(root)
    key = choice.course_key or (courses[0] if courses else "")
    failed = Build(number, choice.standard, key, changed=request.changed)
    try:
        project, rendered = load_and_render(root, problems, only=[key] if key else None)
        course = rendered[0].course
        entries = package_entries(project, rendered[0], choice.standard, problems)
        # Read now, as the zip writer reads them: a medium changed into something refused since it
        # was loaded stops the build here, and later edits cannot change what is served.
        files = {entry.path: entry.read() for entry in entries}
    except SourceErrors as stopped:
        if stopped.problems is not problems:  # from the packaging, after load and render were clean
            for problem in stopped.problems.errors:  # named relative to the project, as the others are
                problems.error(problem.code, problem.path, problem.line, **problem.params)
        return replace(failed, problems=tuple(problems.sorted())), None
    mastery = course.final_test.mastery_percent if course.final_test else None
    build = Build(number, choice.standard, course.folder.name, course.id, course.title, mastery, files,
                  tuple(problems.sorted()), changed=request.changed)
    return build, Snapshot(project, rendered)


def lint_snapshot(preview: Preview, build: Build, snapshot: Snapshot) -> Build:
    """The build with the editor's lints added; a broken lint is a line in the terminal."""
    problems = Problems(preview.root)
    problems.items = list(build.problems)
    try:
        lint_project(snapshot.project, snapshot.rendered, problems, complete=False)
    except Exception as error:  # noqa: BLE001 - a broken lint must not stop the preview
        preview.log(say(preview.lang, "internal", detail=f"{type(error).__name__}: {error}"))
    return replace(build, problems=tuple(problems.sorted()), linted=True)


class BuildWorker:
    """The one thread that builds: requests from the watcher and the browser are taken in turn, and
    those that arrive during a build are merged into the next."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def run(self) -> None:
        """Build whatever is asked for until the preview stops."""
        while (request := self.preview.take()) is not None:
            try:
                self.rebuild(request)
            except Exception as error:  # noqa: BLE001 - the worker must outlive any one build
                self.preview.log(say(self.preview.lang, "internal", detail=f"{type(error).__name__}: {error}"))
                log_traceback(self.preview)

    def first(self) -> Build:
        """The build before the server answers anyone: the author's choice from the command line."""
        return self.rebuild(BuildRequest(self.preview.choice, ()))

    def rebuild(self, request: BuildRequest) -> Build:
        """One build, published; then its lints, unless a newer build is wanted already."""
        preview = self.preview
        started = time.monotonic()
        number = preview.current.number + 1  # only this thread publishes builds
        snapshot, courses = None, None
        try:
            courses = load_catalogue(preview.root, Problems(preview.root)).course_folders
            build, snapshot = build_course(preview.root, number, request, courses)
        except Exception as error:  # noqa: BLE001 - shown in the page, the preview keeps running
            log_traceback(preview)
            build = Build(number, request.choice.standard, request.choice.course_key or preview.current.course_key,
                          changed=request.changed, internal_error=f"{type(error).__name__}: {error}")
        build = replace(build, seconds=time.monotonic() - started, finished_at=time.time())
        preview.publish(build, courses)
        log_build(preview, build)
        if snapshot is not None and not preview.has_request():
            preview.publish_lints(lint_snapshot(preview, build, snapshot))
        return preview.current


def log_build(preview: Preview, build: Build) -> None:
    """One line in the author's terminal per build, with the first errors if it failed."""
    stamp = time.strftime("%H:%M:%S")
    what = ", ".join(build.changed[:3]) + (" …" if len(build.changed) > 3 else "")
    prefix = f"{stamp} {what}: " if what else f"{stamp} "
    errors = [p for p in build.problems if p.severity is Severity.ERROR]
    lang = preview.lang
    if build.ok:
        preview.log(prefix + say(lang, "built", seconds=f"{build.seconds:.2f}", standard=build.standard))
    elif build.internal_error:
        preview.log(prefix + say(lang, "internal", detail=build.internal_error.splitlines()[0]))
    else:
        preview.log(prefix + say(lang, "failed", count=len(errors)))
        for problem in errors[:5]:
            preview.log("  " + problem.format(lang).splitlines()[0])


def log_traceback(preview: Preview) -> None:
    """With --debug, the traceback of the exception being handled, for a bug report."""
    if preview.debug:
        for line in traceback.format_exc().rstrip().splitlines():
            preview.log(line)
