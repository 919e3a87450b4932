"""The zip-producing writers: SCORM 1.2, SCORM 2004 and the standalone web version.

One `ZipWriter` for all three; what goes into each zip is its `PackageContents` (scorm.py for the
SCORM packages, site.py for the web version), so a zip format is a name and its contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.model import Course
from builder.package import BuildContext, PackageContents, Writer
from builder.package.archive import PackageFile, write_zip
from builder.package.scorm import ScormContents
from builder.package.scorm12 import SCORM12
from builder.package.scorm2004 import SCORM2004
from builder.package.site import site_files
from builder.render import RenderedCourse


@dataclass(frozen=True)
class ZipWriter:
    """A writer whose whole output is one deterministic zip file: `<id>-<version>-<format>.zip`."""

    name: str
    contents: PackageContents

    def file_name(self, course: Course) -> str:
        return f"{course.id}-{course.version}-{self.name}.zip"

    def output_names(self, course: Course) -> list[str]:
        return [self.file_name(course)]

    def write(self, rendered: RenderedCourse, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / self.file_name(rendered.course)
        write_zip(target, self.contents.entries(rendered))
        return [target]


@dataclass(frozen=True)
class WebContents:
    """The same course as a standalone site: opens from disk, keeps progress in the browser."""

    def entries(self, rendered: RenderedCourse) -> list[PackageFile]:
        return site_files(rendered, "web")


def scorm12_writer(context: BuildContext) -> ZipWriter:
    """SCORM 1.2: the version most LMSs handle best (Moodle among them)."""
    return ZipWriter("scorm12", ScormContents(SCORM12, context.schema_folder))


def scorm2004_writer(context: BuildContext) -> ZipWriter:
    """SCORM 2004 4th edition, for LMSs that track completion and success apart."""
    return ZipWriter("scorm2004", ScormContents(SCORM2004, context.schema_folder))


def web_writer(context: BuildContext) -> ZipWriter:
    """The web version carries no SCORM schemas."""
    del context
    return ZipWriter("web", WebContents())


def package_entries(writer: Writer, rendered: RenderedCourse) -> list[PackageFile]:
    """The entries a zip writer would zip, for the preview to serve from memory."""
    if not isinstance(writer, ZipWriter):
        raise TypeError(f"{writer.name} is not a zip format")
    return writer.contents.entries(rendered)
