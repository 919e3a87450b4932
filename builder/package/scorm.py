"""What the SCORM 1.2 and 2004 writers share: one SCO for the whole course, identifiers derived
from the course id, the file list taken from what really goes into the zip, and the schema files
copied beside the manifest as the ADL conformance suite expects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from builder.model import Course
from builder.names import xml_identifier
from builder.package.archive import PackageFile
from builder.package.conformance import check_package
from builder.package.schemas import SCHEMA_SETS, schema_files, validate_manifest
from builder.package.site import site_files
from builder.problems import NonConformantPackage
from builder.render import RenderedCourse

XSI = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST = "imsmanifest.xml"
LAUNCH_PAGE = "index.html"


class Identifiers:
    """Every identifier in a manifest, derived from the course id, never random."""

    def __init__(self, course: Course) -> None:
        self.manifest = xml_identifier("etos", course.id, course.version)
        self.organization = xml_identifier("ORG", course.id)
        self.item = xml_identifier("ITEM", course.id)
        self.resource = xml_identifier("RES", course.id)
        self.schema_resource = xml_identifier("RES", course.id, "scheman")
        self.objective = xml_identifier("OBJ", course.id, "godkand")


@dataclass(frozen=True)
class ScormVersion:
    """What sets one SCORM version apart: its manifest, its namespaces, its spelling of scormtype."""

    name: str
    content_packaging: str  # the namespace of the manifest's content-packaging elements
    adl_content_packaging: str  # the namespace of adlcp:scormtype
    scorm_type_attribute: str
    manifest: Callable[[Course, list[str], list[str]], etree._Element]  # (course, content, schemas)


@dataclass(frozen=True)
class ScormContents:
    """A SCORM package's entries: content, schemas and a manifest that lists exactly those."""

    version: ScormVersion
    schema_folder: Path | None

    def entries(self, rendered: RenderedCourse) -> list[PackageFile]:
        name = self.version.name
        content = site_files(rendered, name)  # the page tells the player its SCORM version
        schemas = schema_files(self.schema_folder, SCHEMA_SETS[name]) if self.schema_folder else []
        manifest = self.version.manifest(rendered.course, sorted(f.path for f in content),
                                         sorted(f.path for f in schemas))
        xml = etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        files = [PackageFile(MANIFEST, xml), *content, *schemas]
        check_package(name, xml, [f.path for f in files])
        if self.schema_folder:
            # The schemas are at hand: prove the manifest valid before anyone imports it.
            errors = validate_manifest(name, xml, self.schema_folder)
            if errors:
                raise NonConformantPackage(name, errors)
        return files


def add_resources(version: ScormVersion, root: etree._Element, ids: Identifiers, content: list[str],
                  schemas: list[str]) -> None:
    """The course's one SCO, and the schema files as an asset so that every file is listed."""
    cp = f"{{{version.content_packaging}}}"
    scorm_type = f"{{{version.adl_content_packaging}}}{version.scorm_type_attribute}"
    resources = etree.SubElement(root, cp + "resources")
    resource = etree.SubElement(resources, cp + "resource", identifier=ids.resource, type="webcontent",
                                href=LAUNCH_PAGE)
    resource.set(scorm_type, "sco")
    for path in content:
        etree.SubElement(resource, cp + "file", href=path)
    if schemas:
        asset = etree.SubElement(resources, cp + "resource", identifier=ids.schema_resource, type="webcontent")
        asset.set(scorm_type, "asset")
        for path in schemas:
            etree.SubElement(asset, cp + "file", href=path)
