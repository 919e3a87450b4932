"""The zip-producing writers: SCORM 1.2, SCORM 2004 and the standalone web version."""

from __future__ import annotations

from pathlib import Path

from builder.model import Course
from builder.package.archive import PackageFile, write_zip
from builder.package.scorm12 import Scorm12Writer
from builder.package.scorm2004 import Scorm2004Writer
from builder.package.site import site_files
from builder.render import RenderedCourse


class ZipPackage:
    """Mixin: a writer whose whole output is one deterministic zip file."""

    name: str

    def file_name(self, course: Course) -> str:
        return f"{course.id}-{course.version}-{self.name}.zip"

    def output_names(self, course: Course) -> list[str]:
        return [self.file_name(course)]

    def write(self, rendered: RenderedCourse, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / self.file_name(rendered.course)
        write_zip(target, self.package_files(rendered))  # type: ignore[attr-defined]
        return [target]


class Scorm12Package(ZipPackage, Scorm12Writer):
    """SCORM 1.2: the version most LMSs handle best (Moodle among them)."""


class Scorm2004Package(ZipPackage, Scorm2004Writer):
    """SCORM 2004 4th edition, for LMSs that track completion and success apart."""


class WebPackage(ZipPackage):
    """The same course as a standalone site: opens from disk, keeps progress in the browser."""

    name = "web"

    def __init__(self, schema_folder: Path | None = None) -> None:
        del schema_folder  # a web site carries no SCORM schemas

    def package_files(self, rendered: RenderedCourse) -> list[PackageFile]:
        return site_files(rendered, "web")
