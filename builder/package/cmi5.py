"""cmi5 packages: the course site with a course structure (cmi5.xml) at the zip's root.

One AU for the whole course, as the SCORM packages have one SCO. The identifiers are IRIs derived
from the course id, never random, so that an LMS that imports a new version keeps the learners'
records. The player's cmi5 adapter (templates/player/static/cmi5.js) does the launch sequence; the
package only tells the LMS where the AU is, how it is launched and what satisfies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from builder.model import Course
from builder.package import BuildContext
from builder.package.archive import PackageFile
from builder.package.scorm2004 import format_measure
from builder.package.site import site_files
from builder.package.zipwriter import ZipWriter
from builder.problems import NonConformantPackage
from builder.render import RenderedCourse

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
COURSE_STRUCTURE = "cmi5.xml"
LAUNCH_PAGE = "index.html"
SCHEMA = Path("cmi5") / "CourseStructure.xsd"  # inside a schema folder, where ADL's layout has it


def course_iri(course: Course) -> str:
    """The course's IRI: the same for every version, so that an LMS sees an update as the same course."""
    return f"urn:etos:kurs:{course.id}"


def au_iri(course: Course) -> str:
    """The publisher id of the course's one AU."""
    return f"{course_iri(course)}:au"


def move_on(course: Course) -> str:
    """A course with a final test is satisfied by reading it and passing the test; one without, by reading it."""
    return "CompletedAndPassed" if course.final_test else "Completed"


def course_structure(course: Course) -> etree._Element:
    """cmi5.xml: title and description in the course's language, one AU launched in any window."""
    c = f"{{{NAMESPACE}}}"
    root = etree.Element(c + "courseStructure", nsmap={None: NAMESPACE})  # type: ignore[dict-item]  # lxml-stubs: None keys the default namespace

    def texts(parent: etree._Element, title: str, description: str) -> None:
        for tag, text in (("title", title), ("description", description)):
            element = etree.SubElement(parent, c + tag)
            etree.SubElement(element, c + "langstring", lang=course.language).text = text

    description = course.description.strip() or course.subtitle or course.title
    course_element = etree.SubElement(root, c + "course", id=course_iri(course))
    texts(course_element, course.title, description)
    au = etree.SubElement(root, c + "au", id=au_iri(course), moveOn=move_on(course), launchMethod="AnyWindow")
    if course.final_test:
        au.set("masteryScore", format_measure(course.final_test.mastery_score))
    texts(au, course.title, description)
    etree.SubElement(au, c + "url").text = LAUNCH_PAGE
    return root


@cache
def compiled_schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def validate_course_structure(xml: bytes, schema: Path) -> list[str]:
    """XSD errors of a cmi5.xml, as 'line N: message' strings; empty when valid."""
    compiled = compiled_schema(schema.resolve())
    if compiled.validate(etree.fromstring(xml)):
        return []
    return [f"line {error.line}: {error.message}" for error in compiled.error_log]  # type: ignore[attr-defined]  # lxml-stubs: _ErrorLog is iterable


@dataclass(frozen=True)
class Cmi5Contents:
    """A cmi5 package's entries: the site as the cmi5 player runs it, and the course structure."""

    schema_folder: Path | None

    def entries(self, rendered: RenderedCourse) -> list[PackageFile]:
        xml = etree.tostring(course_structure(rendered.course), xml_declaration=True, encoding="UTF-8",
                             pretty_print=True)
        schema = self.schema_folder / SCHEMA if self.schema_folder else None
        if schema is not None and schema.is_file():
            # The schema is at hand: prove the course structure valid before an LMS imports it.
            errors = validate_course_structure(xml, schema)
            if errors:
                raise NonConformantPackage("cmi5", errors)
        return [PackageFile(COURSE_STRUCTURE, xml), *site_files(rendered, "cmi5")]


def cmi5_writer(context: BuildContext) -> ZipWriter:
    """cmi5: launched by an LMS, tracked in an LRS with xAPI statements."""
    return ZipWriter("cmi5", Cmi5Contents(context.schema_folder))
