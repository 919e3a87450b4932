"""The `etos` command: options, help texts and output. The work happens in the modules it calls."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from builder import __version__
from builder.build import available_default_formats, available_formats, build
from builder.cli_output import (
    EXIT_CONTENT_ERROR,
    LocalizedGroup,
    Settings,
    plural,
    relative,
    run_guarded,
    say,
    show_problems,
)
from builder.messages import text
from builder.package.registry import format_names

if TYPE_CHECKING:
    from builder.scaffold import Created
# The loader, the preview server, the lints, the scaffolding, the statistics and even the problem
# messages are imported where they are used, so that `etos build` with nothing to do starts quickly.

@click.group(cls=LocalizedGroup, context_settings={"help_option_names": ["-h", "--help"]}, help="help-main")
@click.version_option(__version__, prog_name="etos")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="help-root")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, is_eager=True,
              help="help-lang")
@click.option("--debug", is_flag=True, help="help-debug")
@click.pass_context
def main(context: click.Context, root: Path, lang: str, debug: bool) -> None:
    """The `etos` command; its help text is the catalogue's `help-main`."""
    context.obj = Settings(root, lang, debug)


@main.command(name="build", help="help-build")
@click.argument("courses", nargs=-1)
@click.option("--format", "formats", multiple=True, type=click.Choice([*format_names(), "all"]),
              help="help-build-format")
@click.option("--out", type=click.Path(path_type=Path), default=None,  # a file is refused by the build, in words
              help="help-build-out")
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="help-build-schemas")
@click.option("--strict", is_flag=True, help="help-build-strict")
@click.option("--force", is_flag=True, help="help-build-force")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="help-build-jobs")
@click.pass_obj
def build_command(settings: Settings, courses: tuple[str, ...], formats: tuple[str, ...], out: Path | None,
                  schemas: Path | None, strict: bool, force: bool, jobs: int | None) -> None:
    """Build the named courses (default all) in the named formats, and say what was written."""
    chosen = None if not formats or "all" in formats else list(dict.fromkeys(formats))
    if chosen and "pdf" in chosen and "pdf" not in available_formats():
        raise click.UsageError(text("cli", "pdf-needs-typst", settings.lang))
    target = out if out is not None else settings.root / "dist"

    def action() -> None:
        say(settings, "building", formats=", ".join(chosen or available_default_formats()))
        result = build(settings.root, target, list(courses) or None, chosen, schemas, strict,
                       progress=lambda message: click.echo(click.style(f"  {message}", dim=True)), force=force,
                       jobs=jobs or os.cpu_count() or 1)
        problems = result.problems
        if problems and problems.warnings:
            show_problems(problems, settings.lang)
        if result.unchanged:
            count = len(result.unchanged)
            say(settings, plural("up-to-date", count), count=count)
        count = len(result.written)
        say(settings, plural("done", count), count=count, folder=target)

    run_guarded(settings, action)


@main.command(name="check", help="help-check")
@click.argument("courses", nargs=-1)
@click.option("--strict", is_flag=True, help="help-check-strict")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="help-output")
@click.pass_obj
def check_command(settings: Settings, courses: tuple[str, ...], strict: bool, output: str) -> None:
    """Load, render and lint the named courses; every problem with its file and line."""

    def action() -> None:
        from builder.build import load_and_render
        from builder.problems import Problems, SourceErrors

        problems = Problems(settings.root)
        try:
            project, rendered = load_and_render(settings.root, problems, only=list(courses) or None)
        except SourceErrors:
            project = None  # the editor's lints need sources that load and render
        if project is not None:
            from builder.lint import lint_project

            lint_project(project, rendered, problems, complete=not courses)
        if output == "json" or len(problems):
            show_problems(problems, settings.lang, as_json=output == "json")
        else:
            say(settings, "no-problems")
        if problems.errors or (strict and problems.warnings):
            sys.exit(EXIT_CONTENT_ERROR)

    run_guarded(settings, action)


@main.command(name="stats", help="help-stats")
@click.argument("courses", nargs=-1)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="help-output")
@click.pass_obj
def stats_command(settings: Settings, courses: tuple[str, ...], output: str) -> None:
    """The figures of each lesson, as a table or as JSON."""

    def action() -> None:
        from builder.build import load_and_render
        from builder.problems import Problems
        from builder.stats import course_data, course_table

        _, rendered = load_and_render(settings.root, Problems(settings.root), only=list(courses) or None)
        if output == "json":
            click.echo(json.dumps({"courses": [course_data(c, c.course.lix_target) for c in rendered]},
                                  ensure_ascii=False, indent=2))
            return
        for index, course in enumerate(rendered):
            if index:
                click.echo()
            for line in course_table(course, course.course.lix_target, settings.lang):
                click.echo(line)

    run_guarded(settings, action)


@main.command(name="serve", help="help-serve")
@click.argument("course", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="help-serve-port")
@click.option("--standard", type=click.Choice(["scorm12", "scorm2004", "cmi5"]), default="scorm12", show_default=True,
              help="help-serve-standard")
@click.option("--open", "open_browser", is_flag=True, help="help-serve-open")
@click.pass_obj
def serve_command(settings: Settings, course: str | None, port: int, standard: str, open_browser: bool) -> None:
    """Run the preview server until Ctrl+C."""

    def action() -> None:
        from builder.serve import PreviewServer

        try:
            server = PreviewServer(settings.root, course, port, standard, settings.lang,
                                   log=lambda line: click.echo(line), debug=settings.debug)
        except OSError as error:
            say(settings, "port-unusable", port=port, detail=error.strerror or error)
            sys.exit(EXIT_CONTENT_ERROR)
        server.start()
        say(settings, "preview-at", url=click.style(server.url, bold=True))
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            say(settings, "preview-stopped")
        finally:
            server.stop()

    run_guarded(settings, action)


@main.group(name="new", help="help-new")
def new_group() -> None:
    """`etos new course` and `etos new lesson`."""


def show_created(settings: Settings, created: Created) -> None:
    for path in created.files:
        say(settings, "created", path=relative(settings.root, path))
    for path in created.changed:
        say(settings, "changed", path=relative(settings.root, path))


@new_group.command(name="course", help="help-new-course")
@click.argument("course_id", metavar="ID")
@click.option("--titel", "title", default=None, help="help-new-course-title")
@click.pass_obj
def new_course_command(settings: Settings, course_id: str, title: str | None) -> None:
    """Scaffold a course and add it to the catalogue."""

    def action() -> None:
        from builder.scaffold import new_course

        created = new_course(settings.root, course_id, title)
        show_created(settings, created)
        say(settings, "new-course-next", file=relative(settings.root, created.files[0]), id=course_id)

    run_scaffold(settings, action)


@new_group.command(name="lesson", help="help-new-lesson")
@click.argument("course")
@click.argument("title", metavar="TITEL")
@click.pass_obj
def new_lesson_command(settings: Settings, course: str, title: str) -> None:
    """Scaffold the next lesson of a course and list it in course.yaml."""

    def action() -> None:
        from builder.scaffold import new_lesson

        created = new_lesson(settings.root, course, title)
        show_created(settings, created)
        say(settings, "new-lesson-next")

    run_scaffold(settings, action)


def run_scaffold(settings: Settings, action: Callable[[], None]) -> None:
    """Like run_guarded; a refusal to create (ScaffoldError) exits 1 with its message."""

    from builder.scaffold import ScaffoldError

    def guarded() -> None:
        try:
            action()
        except ScaffoldError as refusal:
            show_problems(refusal.problems, settings.lang)
            sys.exit(EXIT_CONTENT_ERROR)

    run_guarded(settings, guarded)


@main.command(name="list", help="help-list")
@click.pass_obj
def list_command(settings: Settings) -> None:
    """Every course with its lessons, version and formats."""

    def action() -> None:
        from builder.load import load_project

        project = load_project(settings.root)
        formats = ", ".join(name for name in available_formats())
        for course in project.courses:
            click.echo(f"{course.id} {course.version}  {course.title}  ({course.folder.name}/)")
            say(settings, "list-course", lessons=len(course.lessons), minutes=course.minutes, formats=formats)
            for number, lesson in enumerate(course.lessons, start=1):
                click.echo(f"  {number:2}. {lesson.title} ({lesson.minutes} min)")
            if course.final_test:
                test = course.final_test
                say(settings, "list-test", draw=test.draw, pool=len(test.questions), mastery=test.mastery_percent)

    run_guarded(settings, action)


if __name__ == "__main__":
    main()
