"""SCORM 2004 4th edition packages: content packaging, LOM metadata and simple sequencing."""

from __future__ import annotations

from lxml import etree

from builder.model import Course
from builder.package.scorm import XSI, Identifiers, ScormVersion, add_resources

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
SCHEMA_LOCATIONS = [
    (IMSCP, "imscp_v1p1.xsd"),
    (ADLCP, "adlcp_v1p3.xsd"),
    (ADLSEQ, "adlseq_v1p3.xsd"),
    (ADLNAV, "adlnav_v1p3.xsd"),
    (IMSSS, "imsss_v1p0.xsd"),
    (LOM, "lom.xsd"),
]


def schema_location(schemas: list[str]) -> str:
    """xsi:schemaLocation naming only schema files the package carries, when it carries any.

    The npm copy of ADL's schemas has no LOM files: a package built with it must not point at a
    lom.xsd that is not in the zip.
    """
    return " ".join(f"{namespace} {name}" for namespace, name in SCHEMA_LOCATIONS
                    if not schemas or name in schemas)


def manifest(course: Course, content: list[str], schemas: list[str]) -> etree._Element:
    ids = Identifiers(course)
    cp = f"{{{IMSCP}}}"
    ss = f"{{{IMSSS}}}"
    root = etree.Element(
        cp + "manifest",
        nsmap={None: IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI},  # type: ignore[dict-item]  # lxml-stubs: None keys the default namespace
        identifier=ids.manifest, version=course.version,
    )
    root.set(f"{{{XSI}}}schemaLocation", schema_location(schemas))
    metadata = etree.SubElement(root, cp + "metadata")
    etree.SubElement(metadata, cp + "schema").text = "ADL SCORM"
    etree.SubElement(metadata, cp + "schemaversion").text = "2004 4th Edition"
    metadata.append(lom_metadata(course))

    organizations = etree.SubElement(root, cp + "organizations", default=ids.organization)
    organization = etree.SubElement(organizations, cp + "organization", identifier=ids.organization)
    organization.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")
    etree.SubElement(organization, cp + "title").text = course.title
    item = etree.SubElement(organization, cp + "item", identifier=ids.item, identifierref=ids.resource)
    etree.SubElement(item, cp + "title").text = course.title
    sequencing = etree.SubElement(item, ss + "sequencing")
    if course.final_test:
        objectives = etree.SubElement(sequencing, ss + "objectives")
        primary = etree.SubElement(objectives, ss + "primaryObjective", objectiveID=ids.objective,
                                   satisfiedByMeasure="true")
        etree.SubElement(primary, ss + "minNormalizedMeasure").text = format_measure(
            course.final_test.mastery_score)
    etree.SubElement(sequencing, ss + "deliveryControls", tracked="true",
                     completionSetByContent="true", objectiveSetByContent="true")
    # The organisation lets the learner choose and flow; the single SCO does the rest itself.
    org_sequencing = etree.SubElement(organization, ss + "sequencing")
    etree.SubElement(org_sequencing, ss + "controlMode", choice="true", flow="true")

    add_resources(SCORM2004, root, ids, content, schemas)
    return root


SCORM2004 = ScormVersion("scorm2004", IMSCP, ADLCP, "scormType", manifest)


def format_measure(value: float) -> str:
    """A decimal for xs:decimal without float noise: 0.8, not 0.8000000000000000444."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"


def lom_metadata(course: Course) -> etree._Element:
    """IEEE LOM for the package: title, description, language, version, keywords and learning time."""
    m = f"{{{LOM}}}"
    lom = etree.Element(m + "lom", nsmap={None: LOM})  # type: ignore[dict-item]  # lxml-stubs: None keys the default namespace

    def lang_string(parent: etree._Element, tag: str, text: str) -> etree._Element:
        element = etree.SubElement(parent, m + tag)
        etree.SubElement(element, m + "string", language=course.language).text = text
        return element

    general = etree.SubElement(lom, m + "general")
    identifier = etree.SubElement(general, m + "identifier")
    etree.SubElement(identifier, m + "catalog").text = "etos"
    etree.SubElement(identifier, m + "entry").text = course.id
    lang_string(general, "title", course.title)
    etree.SubElement(general, m + "language").text = course.language
    lang_string(general, "description", course.description.strip())
    for keyword in course.keywords:
        lang_string(general, "keyword", keyword)
    life_cycle = etree.SubElement(lom, m + "lifeCycle")
    lang_string(life_cycle, "version", course.version)
    educational = etree.SubElement(lom, m + "educational")
    if course.audience:
        lang_string(educational, "description", f"Målgrupp: {course.audience}")
    learning_time = etree.SubElement(educational, m + "typicalLearningTime")
    etree.SubElement(learning_time, m + "duration").text = f"PT{course.minutes}M"
    etree.SubElement(educational, m + "language").text = course.language
    return lom
