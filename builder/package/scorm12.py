"""SCORM 1.2 packages: imscp_rootv1p1p2 + adlcp_rootv1p2, as LMSs from 2001 onwards read them."""

from __future__ import annotations

from lxml import etree

from builder.model import Course
from builder.package.scorm import XSI, Identifiers, ScormVersion, add_resources

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMA_LOCATION = (
    f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)


def manifest(course: Course, content: list[str], schemas: list[str]) -> etree._Element:
    """Metadata stays at schema and schemaversion: libxml2 cannot compile the 1.2 LOM schema."""
    ids = Identifiers(course)
    cp = f"{{{IMSCP}}}"
    root = etree.Element(cp + "manifest", nsmap={None: IMSCP, "adlcp": ADLCP, "xsi": XSI},  # type: ignore[dict-item]  # lxml-stubs: None keys the default namespace
                         identifier=ids.manifest, version=course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = etree.SubElement(root, cp + "metadata")
    etree.SubElement(metadata, cp + "schema").text = "ADL SCORM"
    etree.SubElement(metadata, cp + "schemaversion").text = "1.2"
    organizations = etree.SubElement(root, cp + "organizations", default=ids.organization)
    organization = etree.SubElement(organizations, cp + "organization", identifier=ids.organization)
    etree.SubElement(organization, cp + "title").text = course.title
    item = etree.SubElement(organization, cp + "item", identifier=ids.item,
                            identifierref=ids.resource, isvisible="true")
    etree.SubElement(item, cp + "title").text = course.title
    if course.final_test:
        etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(course.final_test.mastery_percent)
    add_resources(SCORM12, root, ids, content, schemas)
    return root


SCORM12 = ScormVersion("scorm12", IMSCP, ADLCP, "scormtype", manifest)
