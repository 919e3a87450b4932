"""The preview's pages: the outer page with the LMS panel, and the page that stands in for the course
while its sources have errors. Both are templates in templates/preview/; their words are the
catalogue's (builder/messages/preview.py)."""

from __future__ import annotations

from pathlib import Path

from builder.messages import section_texts, text
from builder.problems import Problem, Severity
from builder.serve.state import STANDARDS, Build, Preview
from builder.templates import environment

SOURCE_LINES_AROUND = 2


def texts(lang: str) -> dict[str, str]:
    """The preview's own words, in Swedish or English (the catalogue's preview section)."""
    return section_texts("preview", lang)


def say(lang: str, key: str, /, **values: object) -> str:
    """A line for the author's terminal."""
    return text("preview", "terminal_" + key, lang, **values)


def preview_page(preview: Preview, token: str) -> bytes:
    """The outer page; `token` is what its script must send back to change anything."""
    state = preview.state()
    page = environment().get_template("preview/index.html.j2").render(
        t=texts(preview.lang), lang=preview.lang, state=state, standards=STANDARDS,
        courses=state["courses"], token=token,
    )
    return page.encode("utf-8")


def error_page(preview: Preview, build: Build) -> bytes:
    """The page in the course frame while the sources have errors: each with file, line and source."""
    errors = [p for p in build.problems if p.severity is Severity.ERROR]
    lang = preview.lang
    page = environment().get_template("preview/error.html.j2").render(
        t=texts(lang), lang=lang, build=build,
        errors=[{"problem": p, "message": p.message(lang), "hint": p.hint(lang),
                 "excerpt": excerpt(preview.root, p)} for p in errors],
        internal_error=build.internal_error,
    )
    return page.encode("utf-8")


def excerpt(root: Path, problem: Problem) -> list[tuple[int, str, bool]]:
    """A few lines of the source around the problem's line: (number, text, is the line)."""
    if problem.path is None or not problem.line:
        return []
    path = problem.path if problem.path.is_absolute() else root / problem.path
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []
    first = max(1, problem.line - SOURCE_LINES_AROUND)
    last = min(len(lines), problem.line + SOURCE_LINES_AROUND)
    return [(n, lines[n - 1], n == problem.line) for n in range(first, last + 1)]
