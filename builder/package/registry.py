"""Which writer writes which format: the one table to extend when Etos learns a format.

A format's module is imported only when that format is written, so a no-op build imports no
writer at all, and the PDF engine is never loaded for a build without PDFs.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from builder.package import BuildContext, Writer


@dataclass(frozen=True)
class Format:
    """An output format: where its writer is, what it needs installed, whom it is written with."""

    name: str
    module: str  # the module of its writer, imported when the format is written
    factory: str  # the name in that module of what makes the writer from a BuildContext
    needs: str | None = None  # a module that must be installed, else the format is not offered
    # Formats of one group are written by one task: the zips share one rendering of the player's page.
    group: str = ""


FORMATS = (
    Format("scorm12", "builder.package.zipwriter", "scorm12_writer", group="site"),
    Format("scorm2004", "builder.package.zipwriter", "scorm2004_writer", group="site"),
    Format("web", "builder.package.zipwriter", "web_writer", group="site"),
    Format("cmi5", "builder.package.cmi5", "cmi5_writer", group="site"),
    Format("pdf", "builder.package.pdf", "PdfWriter", needs="typst"),
)
BY_NAME = {entry.name: entry for entry in FORMATS}


def format_names() -> list[str]:
    """Every format Etos knows, installed or not (what `--format` lists)."""
    return [entry.name for entry in FORMATS]


def is_available(name: str) -> bool:
    """The format's needs are installed; asked without importing them, so a no-op build stays fast."""
    needs = BY_NAME[name].needs
    return needs is None or importlib.util.find_spec(needs) is not None


def available_formats() -> list[str]:
    """The formats this machine can write, in the table's order."""
    return [entry.name for entry in FORMATS if is_available(entry.name)]


def writer(name: str, context: BuildContext) -> Writer:
    """The writer of a format, its module imported now."""
    entry = BY_NAME[name]
    factory = getattr(importlib.import_module(entry.module), entry.factory)
    return cast("Callable[[BuildContext], Writer]", factory)(context)


def format_groups(formats: list[str]) -> list[list[str]]:
    """The formats in the tasks that write them: a group's formats together, groups in the table's order."""
    groups: dict[str, list[str]] = {}
    for name in formats:
        groups.setdefault(BY_NAME[name].group or name, []).append(name)
    order = [entry.name for entry in FORMATS]
    return sorted(groups.values(), key=lambda group: min(order.index(name) for name in group))


def preload_modules() -> list[str]:
    """The writers' modules without heavy needs, for a worker process to import before it forks."""
    return sorted({entry.module for entry in FORMATS if entry.needs is None})
