"""The application-profile rules of the ADL conformance suite, checked on every package written.

XSD validity is not enough: imscp accepts any foreign attribute, so a misspelt `adlcp:scormtype`
passes the schema and the LMS then treats the SCO as an asset. These checks catch what the schema
cannot.
"""

from __future__ import annotations

import re

from lxml import etree

from builder.problems import NonConformantPackage

RULES = {
    "scorm12": {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "scorm_type": "scormtype",
        "wrong_scorm_type": "scormType",
        "schemaversion": "1.2",
    },
    "scorm2004": {
        "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "scorm_type": "scormType",
        "wrong_scorm_type": "scormtype",
        "schemaversion": "2004 4th Edition",
    },
}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
SAFE_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")


def conformance_problems(kind: str, manifest: bytes, package_paths: list[str]) -> list[str]:
    """Every broken rule, in words; empty when the package conforms."""
    rules = RULES[kind]
    cp, adlcp = rules["cp"], rules["adlcp"]
    problems: list[str] = []
    root = etree.fromstring(manifest)
    if root.tag != f"{{{cp}}}manifest":
        return [f"root element is {root.tag}, expected {{{cp}}}manifest"]

    metadata = root.find(f"{{{cp}}}metadata")
    schema = metadata.findtext(f"{{{cp}}}schema") if metadata is not None else None
    version = metadata.findtext(f"{{{cp}}}schemaversion") if metadata is not None else None
    if schema != "ADL SCORM":
        problems.append(f"metadata/schema is {schema!r}, expected 'ADL SCORM'")
    if version != rules["schemaversion"]:
        problems.append(f"metadata/schemaversion is {version!r}, expected {rules['schemaversion']!r}")

    identifiers: list[str] = [i for e in root.iter() if (i := e.get("identifier")) is not None]
    for identifier in identifiers:
        if not NCNAME.match(identifier):
            problems.append(f"identifier {identifier!r} is not an ASCII XML name")
    duplicates = {i for i in identifiers if identifiers.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate identifiers: {', '.join(sorted(duplicates))}")

    resources = {r.get("identifier"): r for r in root.iter(f"{{{cp}}}resource")}
    organizations = root.find(f"{{{cp}}}organizations")
    org_ids = [o.get("identifier") for o in root.iter(f"{{{cp}}}organization")]
    default = organizations.get("default") if organizations is not None else None
    if not org_ids:
        problems.append("no organization")
    elif default not in org_ids:
        problems.append(f"organizations/@default {default!r} names no organization")

    for item in root.iter(f"{{{cp}}}item"):
        reference = item.get("identifierref")
        is_leaf = item.find(f"{{{cp}}}item") is None
        if is_leaf and not reference:
            problems.append(f"leaf item {item.get('identifier')} references no resource")
        if not is_leaf and reference:
            problems.append(f"item {item.get('identifier')} has children and must not reference a resource")
        if reference and reference not in resources:
            problems.append(f"identifierref {reference!r} of item {item.get('identifier')} resolves to nothing")
        elif reference and resources[reference].get(f"{{{adlcp}}}{rules['scorm_type']}") != "sco":
            problems.append(f"item {item.get('identifier')} launches {reference}, which is not a sco")

    listed: set[str] = set()
    for resource_id, resource in resources.items():
        scorm_type = resource.get(f"{{{adlcp}}}{rules['scorm_type']}")
        if resource.get(f"{{{adlcp}}}{rules['wrong_scorm_type']}") is not None:
            problems.append(f"resource {resource_id} spells adlcp:{rules['wrong_scorm_type']}; "
                            f"{kind} needs adlcp:{rules['scorm_type']}")
        if scorm_type not in ("sco", "asset"):
            problems.append(f"resource {resource_id} has adlcp:{rules['scorm_type']}={scorm_type!r}, "
                            "expected 'sco' or 'asset'")
        files = [f.get("href") for f in resource.iter(f"{{{cp}}}file")]
        href = resource.get("href")
        if scorm_type == "sco" and not href:
            problems.append(f"sco resource {resource_id} has no href")
        if href and href.split("#")[0].split("?")[0] not in files:
            problems.append(f"href {href!r} of resource {resource_id} is not listed as a file")
        for path in [href, *files]:
            if path is None:
                continue
            if path.startswith(("/", "\\")) or ".." in path.split("/") or re.match(r"^[a-z]+:", path, re.I):
                problems.append(f"path {path!r} is not relative to the package root")
            elif not SAFE_PATH.match(path):
                problems.append(f"path {path!r} is not an ASCII-safe file name")
        listed.update(f for f in files if f is not None)

    in_package = set(package_paths) - {"imsmanifest.xml"}
    for missing in sorted(listed - in_package):
        problems.append(f"file {missing!r} is listed but not in the package")
    for unlisted in sorted(in_package - listed):
        problems.append(f"file {unlisted!r} is in the package but not listed")
    if kind == "scorm2004" and b"hideLMSUI" in manifest:
        problems.append("adlnav:hideLMSUI would hide the LMS's own navigation")
    if kind == "scorm12":
        for mastery in root.iter(f"{{{adlcp}}}masteryscore"):
            score = mastery.text or ""
            if not score.isdigit() or not 0 <= int(score) <= 100:
                problems.append(f"adlcp:masteryscore {mastery.text!r} is not a whole number from 0 to 100")
    return problems


def check_package(kind: str, manifest: bytes, package_paths: list[str]) -> None:
    problems = conformance_problems(kind, manifest, package_paths)
    if problems:
        raise NonConformantPackage(kind, problems)
