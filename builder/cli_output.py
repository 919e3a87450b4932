"""What the `etos` command prints, in the language of `--lang`: problems, summaries and help texts.

Every word comes from the catalogue's CLI section (builder/messages/cli.py); the catalogue itself is
read only when something is printed, so a command that prints little starts quickly.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from builder.messages import text

if TYPE_CHECKING:
    from builder.problems import Problem, Problems

EXIT_CONTENT_ERROR = 1
EXIT_INTERNAL_ERROR = 2
HELP_PREFIX = "help-"  # a help text given as a catalogue code, put into words when help is shown
SEVERITY_COLOURS = {"error": "red", "warning": "yellow"}


class Settings:
    """Options of the top-level command, handed to every subcommand."""

    def __init__(self, root: Path, lang: str, debug: bool) -> None:
        self.root = root
        self.lang = lang
        self.debug = debug


def say(settings: Settings, code: str, /, **params: object) -> None:
    click.echo(text("cli", code, settings.lang, **params))


def plural(code: str, count: int) -> str:
    """The `-one` or `-other` form of a text, for count."""
    return f"{code}-one" if count == 1 else f"{code}-other"


def styled_problem(problem: Problem, lang: str) -> str:
    """`file:line: fel: message` with the label in colour; click drops colours when not on a terminal."""
    severity = problem.severity.value
    label = click.style(text("cli", f"label-{severity}", lang), fg=SEVERITY_COLOURS[severity], bold=True)
    line = f"{label}: {problem.message(lang)}"
    hint = problem.hint(lang)
    if hint:
        line += "\n    " + click.style(hint, dim=True)
    return f"{click.style(problem.place, bold=True)}: {line}" if problem.place else line


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
    summary = text("cli", plural("summary", warnings), lang, errors=errors, warnings=warnings)
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
            say(settings, "nonconformant")
            sys.exit(EXIT_INTERNAL_ERROR)
        if settings.debug:
            import traceback

            traceback.print_exc()
        else:
            click.echo(text("cli", "internal-error", settings.lang, kind=type(error).__name__, error=error), err=True)
        sys.exit(EXIT_INTERNAL_ERROR)


def help_language(context: click.Context) -> str:
    """The `--lang` given so far (it is eager, so it is known before `--help` is acted on)."""
    lang = context.find_root().params.get("lang")
    return lang if isinstance(lang, str) else "sv"


@contextlib.contextmanager
def help_in_language(command: click.Command, lang: str) -> Iterator[None]:
    """Put the help codes of a command, its options and its subcommands into words while help is shown."""
    holders: list[click.Command | click.Option] = [command]
    holders += [param for param in command.params if isinstance(param, click.Option)]
    if isinstance(command, click.Group):
        holders += list(command.commands.values())
    coded = [(holder, holder.help) for holder in holders if holder.help and holder.help.startswith(HELP_PREFIX)]
    for holder, code in coded:
        holder.help = text("cli", code, lang)
    try:
        yield
    finally:
        for holder, code in coded:
            holder.help = code


class LocalizedCommand(click.Command):
    """A command whose help texts are catalogue codes."""

    def get_help(self, ctx: click.Context) -> str:
        with help_in_language(self, help_language(ctx)):
            return super().get_help(ctx)


class LocalizedGroup(click.Group):
    """A group whose help texts, and those of its commands, are catalogue codes."""

    command_class = LocalizedCommand

    def get_help(self, ctx: click.Context) -> str:
        with help_in_language(self, help_language(ctx)):
            return super().get_help(ctx)


LocalizedGroup.group_class = LocalizedGroup


def relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
