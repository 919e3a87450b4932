"""Package stage: one writer per output format, all with the same small interface.

A writer is made from the build's `BuildContext` (see registry.py for which writer a format has)
and gets a rendered course and a folder; it writes its files there and never reads sources. The
zip formats share `ZipWriter` (zipwriter.py) and differ only in their `PackageContents`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # this module is read by a no-op build, which loads no model
    from builder.model import Course
    from builder.package.archive import PackageFile
    from builder.render import RenderedCourse


@dataclass(frozen=True)
class BuildContext:
    """What a build tells its writers besides the course: the same for every course and format.

    Plain paths only, so that it travels to a worker process as it is.
    """

    schema_folder: Path | None  # the SCORM schemas to ship and validate against, if any
    # The folder the build writes into, each course into `out/<course id>/`; None for the preview,
    # which keeps a package's entries in memory.
    out: Path | None = None

    def course_folder(self, course: Course) -> Path:
        if self.out is None:
            raise ValueError("this build writes no files")
        return self.out / course.id


class Writer(Protocol):
    """One output format of a course."""

    @property
    def name(self) -> str:
        """The format's name, as `--format` and the stamps know it."""

    def output_names(self, course: Course) -> list[str]:
        """The file names this writer will create for a course, for listings and up-to-date checks."""

    def write(self, rendered: RenderedCourse, folder: Path) -> list[Path]:
        """Write this format's files for one course into folder; return what was written."""


class PackageContents(Protocol):
    """What goes into one zip package: the part in which the zip formats differ."""

    def entries(self, rendered: RenderedCourse) -> list[PackageFile]:
        """Every entry of the package, with its path inside the zip."""
