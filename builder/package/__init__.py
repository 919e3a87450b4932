"""Package stage: one writer per output format, all with the same small interface.

A writer gets a rendered course and a folder and writes its files there; it never reads sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from builder.model import Course
from builder.render import RenderedCourse


class Writer(Protocol):
    name: str

    def output_names(self, course: Course) -> list[str]:
        """The file names this writer will create for a course, for listings and up-to-date checks."""

    def write(self, rendered: RenderedCourse, folder: Path) -> list[Path]:
        """Write this format's files for one course into folder; return what was written."""
