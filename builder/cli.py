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

if TYPE_CHECKING:
    from builder.problems import Problem, Problems
    from builder.scaffold import Created
# The loader, the preview server, the lints, the scaffolding, the statistics and even the problem
# messages are imported where they are used, so that `etos build` with nothing to do starts quickly.

EXIT_CONTENT_ERROR = 1
EXIT_INTERNAL_ERROR = 2


class Settings:
    """Options of the top-level command, handed to every subcommand."""

    def __init__(self, root: Path, lang: str, debug: bool) -> None:
        self.root = root
        self.lang = lang
        self.debug = debug


def say(settings: Settings, sv: str, en: str, **kwargs: object) -> None:
    click.echo((en if settings.lang == "en" else sv).format(**kwargs))


SEVERITY_STYLE = {"error": ("fel", "error", "red"), "warning": ("varning", "warning", "yellow")}


def styled_problem(problem: Problem, lang: str) -> str:
    """`file:line: fel: message` with the label in colour; click drops colours when not on a terminal."""
    sv_label, en_label, colour = SEVERITY_STYLE[problem.severity.value]
    label = click.style(en_label if lang == "en" else sv_label, fg=colour, bold=True)
    text = f"{label}: {problem.message(lang)}"
    hint = problem.hint(lang)
    if hint:
        text += "\n    " + click.style(hint, dim=True)
    return f"{click.style(problem.place, bold=True)}: {text}" if problem.place else text


def show_problems(problems: Problems, lang: str, as_json: bool = False) -> None:
    """Print every problem, errors and warnings, sorted by file and line; a count last."""
    if as_json:
        click.echo(json.dumps({
            "errors": len(problems.errors),
            "warnings": len(problems.warnings),
            "problems": [p.as_dict(lang) for p in problems.sorted()],
        }, ensure_ascii=False, indent=2))
        return
    for problem in problems.sorted():
        click.echo(styled_problem(problem, lang), err=True)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if lang == "en":
        summary = f"{errors} error(s), {warnings} warning(s)"
    else:
        summary = f"{errors} fel, {warnings} varning{'ar' if warnings != 1 else ''}"
    click.echo(click.style(summary, fg="red" if errors else "yellow" if warnings else None, bold=True), err=True)


def run_guarded(settings: Settings, action: Callable[[], None]) -> None:
    """Run a command: content errors exit 1 with messages; anything else exits 2, traceback only with --debug."""
    try:
        action()
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error. Point stdout at nothing so that
        # Python's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except (click.exceptions.Exit, click.ClickException):
        raise
    except Exception as error:  # noqa: BLE001 - the last line of defence before the user's terminal
        from builder.problems import NonConformantPackage, SourceErrors

        if isinstance(error, SourceErrors):
            show_problems(error.problems, settings.lang)
            sys.exit(EXIT_CONTENT_ERROR)
        if isinstance(error, NonConformantPackage):
            for problem in error.problems:
                click.echo(f"{error.kind}: {problem}", err=True)
            say(settings, "Paketet följer inte SCORM. Det här är ett fel i Etos.",
                "The package does not conform to SCORM. This is a bug in Etos.")
            sys.exit(EXIT_INTERNAL_ERROR)
        if settings.debug:
            import traceback

            traceback.print_exc()
        elif settings.lang == "en":
            click.echo(f"etos: internal error: {type(error).__name__}: {error} (run with --debug for details)",
                       err=True)
        else:
            click.echo(f"etos: internt fel: {type(error).__name__}: {error} (kör med --debug för detaljer)", err=True)
        sys.exit(EXIT_INTERNAL_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="etos")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Projektets rotmapp, där courses/katalog.yaml finns. Standard: aktuell mapp.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Språk för meddelanden.")
@click.option("--debug", is_flag=True, help="Visa hela felutskriften (traceback) vid interna fel.")
@click.pass_context
def main(context: click.Context, root: Path, lang: str, debug: bool) -> None:
    """Etos bygger webbkurser: SCORM-paket, webbversion och utskrifter från YAML och Markdown."""
    context.obj = Settings(root, lang, debug)


@main.command(name="build")
@click.argument("courses", nargs=-1)
@click.option("--format", "formats", multiple=True, type=click.Choice(["scorm12", "scorm2004", "web", "pdf", "all"]),
              help="Format att bygga; kan anges flera gånger. Standard: alla.")
@click.option("--out", type=click.Path(path_type=Path), default=None,  # a file is refused by the build, in words
              help="Mapp att skriva till. Standard: dist/ i rotmappen.")
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Mapp med SCORM-scheman att lägga i paketen. Standard: ”scheman:” i courses/katalog.yaml.")
@click.option("--strict", is_flag=True, help="Behandla varningar som fel.")
@click.option("--force", is_flag=True, help="Bygg allt på nytt, även det som redan är aktuellt.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Hur många processer som skriver paketen samtidigt. Standard: en per processorkärna.")
@click.pass_obj
def build_command(settings: Settings, courses: tuple[str, ...], formats: tuple[str, ...], out: Path | None,
                  schemas: Path | None, strict: bool, force: bool, jobs: int | None) -> None:
    """Bygg kurser (alla, eller de som anges) till dist/<kurs-id>/.

    Exempel: etos build sex_principerna --format scorm12 --out build/
    """
    chosen = None if not formats or "all" in formats else list(dict.fromkeys(formats))
    if chosen and "pdf" in chosen and "pdf" not in available_formats():
        raise click.UsageError("PDF needs Typst: pip install typst" if settings.lang == "en"
                               else "PDF kräver Typst: pip install typst")
    target = out if out is not None else settings.root / "dist"

    def action() -> None:
        say(settings, "Bygger {formats} …", "Building {formats} …",
            formats=", ".join(chosen or available_default_formats()))
        result = build(settings.root, target, list(courses) or None, chosen, schemas, strict,
                       progress=lambda message: click.echo(click.style(f"  {message}", dim=True)), force=force,
                       jobs=jobs or os.cpu_count() or 1)
        problems = result.problems
        if problems and problems.warnings:
            show_problems(problems, settings.lang)
        if result.unchanged:
            count = len(result.unchanged)
            say(settings, "{count} {files} var redan aktuella (bygg om allt med --force)",
                "{count} {files_en} already up to date (rebuild everything with --force)",
                count=count, files="fil" if count == 1 else "filer", files_en="file was" if count == 1 else "files were")
        count = len(result.written)
        say(settings, "Klart: {count} {files} i {folder}", "Done: {count} {files_en} in {folder}",
            count=count, files="fil" if count == 1 else "filer", files_en="file" if count == 1 else "files",
            folder=target)

    run_guarded(settings, action)


@main.command(name="check")
@click.argument("courses", nargs=-1)
@click.option("--strict", is_flag=True, help="Avsluta med fel även om det bara finns varningar.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Utdata: text för människor, json för program.")
@click.pass_obj
def check_command(settings: Settings, courses: tuple[str, ...], strict: bool, output: str) -> None:
    """Kontrollera kursernas källor och visa varje problem med fil och rad.

    Utöver allt som bygget kontrollerar: oanvända mediefiler, angiven tid som skiljer sig mycket
    från beräknad tid, LIX över kursens mål och stavning (hunspell). Dessa ger varningar.
    """

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
            say(settings, "Inga fel eller varningar.", "No errors or warnings.")
        if problems.errors or (strict and problems.warnings):
            sys.exit(EXIT_CONTENT_ERROR)

    run_guarded(settings, action)


@main.command(name="stats")
@click.argument("courses", nargs=-1)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Utdata: text för människor, json för program.")
@click.pass_obj
def stats_command(settings: Settings, courses: tuple[str, ...], output: str) -> None:
    """Visa en tabell per lektion: ord, angiven och beräknad tid, LIX, frågor och bilder."""

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


@main.command(name="serve")
@click.argument("course", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port på 127.0.0.1. 0 väljer en ledig port.")
@click.option("--standard", type=click.Choice(["scorm12", "scorm2004"]), default="scorm12", show_default=True,
              help="Vilken SCORM-version förhandsvisningens LMS talar först. Går att byta på sidan.")
@click.option("--open", "open_browser", is_flag=True, help="Öppna förhandsvisningen i webbläsaren.")
@click.pass_obj
def serve_command(settings: Settings, course: str | None, port: int, standard: str, open_browser: bool) -> None:
    """Förhandsvisa en kurs i webbläsaren medan du skriver.

    Sidan laddas om när du sparar en fil. Bredvid kursen visas vad kursen skickar till LMS:et.
    Utan COURSE visas den första kursen i katalogen.
    """

    def action() -> None:
        from builder.serve import PreviewServer

        try:
            server = PreviewServer(settings.root, course, port, standard, settings.lang,
                                   log=lambda line: click.echo(line), debug=settings.debug)
        except OSError as error:
            say(settings, "Porten {port} går inte att använda ({detail}). Välj en annan med --port.",
                "Port {port} cannot be used ({detail}). Choose another with --port.",
                port=port, detail=error.strerror or error)
            sys.exit(EXIT_CONTENT_ERROR)
        server.start()
        say(settings, "Förhandsvisningen finns på {url}  (avsluta med Ctrl+C)",
            "The preview is at {url}  (stop with Ctrl+C)", url=click.style(server.url, bold=True))
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            say(settings, "Förhandsvisningen är avslutad.", "The preview has stopped.")
        finally:
            server.stop()

    run_guarded(settings, action)


@main.group(name="new")
def new_group() -> None:
    """Skapa en ny kurs eller lektion med ett färdigt skelett.

    Exempel: etos new course ny-kurs   eller   etos new lesson bemotande "Att skriva beslut"
    """


def show_created(settings: Settings, created: Created) -> None:
    for path in created.files:
        say(settings, "  skapade {path}", "  created {path}", path=relative(settings.root, path))
    for path in created.changed:
        say(settings, "  ändrade {path}", "  changed {path}", path=relative(settings.root, path))


def relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


@new_group.command(name="course")
@click.argument("course_id", metavar="ID")
@click.option("--titel", "title", default=None, help="Kursens titel. Standard: id:t med stor bokstav.")
@click.pass_obj
def new_course_command(settings: Settings, course_id: str, title: str | None) -> None:
    """Skapa kursmappen ID med course.yaml och en första lektion, och lägg till den i katalogen."""

    def action() -> None:
        from builder.scaffold import new_course

        created = new_course(settings.root, course_id, title)
        show_created(settings, created)
        say(settings, "Nästa steg: fyll i {file} och förhandsvisa med: etos serve {id}",
            "Next: fill in {file} and preview with: etos serve {id}",
            file=relative(settings.root, created.files[0]), id=course_id)

    run_scaffold(settings, action)


@new_group.command(name="lesson")
@click.argument("course")
@click.argument("title", metavar="TITEL")
@click.pass_obj
def new_lesson_command(settings: Settings, course: str, title: str) -> None:
    """Skapa nästa lektion i kursen COURSE, med titeln TITEL, och lägg till den sist i course.yaml."""

    def action() -> None:
        from builder.scaffold import new_lesson

        created = new_lesson(settings.root, course, title)
        show_created(settings, created)
        say(settings, "Kom ihåg att justera ”minuter” i course.yaml när lektionen är skriven.",
            "Remember to adjust 'minuter' in course.yaml once the lesson is written.")

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


@main.command(name="list")
@click.pass_obj
def list_command(settings: Settings) -> None:
    """Visa kurserna med lektioner, version och format."""

    def action() -> None:
        from builder.load import load_project

        project = load_project(settings.root)
        formats = ", ".join(name for name in available_formats())
        for course in project.courses:
            click.echo(f"{course.id} {course.version}  {course.title}  ({course.folder.name}/)")
            say(settings, "  {lessons} lektioner, {minutes} minuter; format: {formats}",
                "  {lessons} lessons, {minutes} minutes; formats: {formats}",
                lessons=len(course.lessons), minutes=course.minutes, formats=formats)
            for number, lesson in enumerate(course.lessons, start=1):
                click.echo(f"  {number:2}. {lesson.title} ({lesson.minutes} min)")
            if course.final_test:
                test = course.final_test
                say(settings, "  Sluttest: {draw} av {pool} frågor, godkänt {mastery} %",
                    "  Final test: {draw} of {pool} questions, pass mark {mastery} %",
                    draw=test.draw, pool=len(test.questions), mastery=test.mastery_percent)

    run_guarded(settings, action)


if __name__ == "__main__":
    main()
