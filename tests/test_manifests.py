"""SCORM manifests: golden files, the official XSDs and the ADL application-profile rules."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.build import build
from builder.package.conformance import conformance_problems
from builder.package.schemas import validate_manifest

GOLDEN = Path(__file__).parent / "golden"
KINDS = ["scorm12", "scorm2004"]
# Regenerate after an intended change: ETOS_UPDATE_GOLDEN=1 python3 -m pytest tests/test_manifests.py
UPDATE = os.environ.get("ETOS_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def fixture_packages(tmp_path_factory, schema_folder) -> dict[str, Path]:
    from tests.conftest import FIXTURE_PROJECT

    out = tmp_path_factory.mktemp("dist")
    build(FIXTURE_PROJECT, out, formats=KINDS, schema_folder=schema_folder)
    return {kind: out / "provkurs" / f"provkurs-1.0-{kind}.zip" for kind in KINDS}


@pytest.fixture(scope="module")
def course_packages(tmp_path_factory, schema_folder, repo_root) -> list[tuple[str, Path]]:
    out = tmp_path_factory.mktemp("dist")
    result = build(repo_root, out, formats=KINDS, schema_folder=schema_folder)
    return [(path.name.rsplit("-", 1)[1].removesuffix(".zip"), path) for path in result.written]


def manifest_of(package: Path) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml")


@pytest.mark.parametrize("kind", KINDS)
def test_manifest_matches_golden_file(fixture_packages, kind):
    golden = GOLDEN / f"provkurs-{kind}.xml"
    manifest = manifest_of(fixture_packages[kind])
    if UPDATE:
        golden.write_bytes(manifest)
    assert manifest.decode() == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_fixture_manifest_is_valid_against_official_xsd(fixture_packages, schema_folder, kind):
    assert validate_manifest(kind, manifest_of(fixture_packages[kind]), schema_folder) == []


def test_every_course_manifest_is_valid_and_conformant(course_packages, schema_folder):
    assert len(course_packages) == 6  # three courses, two SCORM versions
    for kind, package in course_packages:
        manifest = manifest_of(package)
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
        assert validate_manifest(kind, manifest, schema_folder) == [], package.name
        assert conformance_problems(kind, manifest, names) == [], package.name


def test_validator_rejects_a_manifest_that_breaks_the_schema(fixture_packages, schema_folder):
    root = etree.fromstring(manifest_of(fixture_packages["scorm2004"]))
    sequencing = root.find(".//{http://www.imsglobal.org/xsd/imsss}sequencing")
    objectives = sequencing.find("{http://www.imsglobal.org/xsd/imsss}objectives")
    sequencing.remove(objectives)
    sequencing.append(objectives)  # objectives after deliveryControls: out of order
    errors = validate_manifest("scorm2004", etree.tostring(root), schema_folder)
    assert errors and "objectives" in errors[0]


def test_scorm12_manifest_declares_what_lmss_read(fixture_packages):
    root = etree.fromstring(manifest_of(fixture_packages["scorm12"]))
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    assert root.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    assert root.findtext(".//adlcp:masteryscore", namespaces=ns) == "80"
    resource = root.find(".//cp:resource[@href='index.html']", namespaces=ns)
    assert resource.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    assert "imscp_rootv1p1p2.xsd" in root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")


def test_scorm2004_manifest_carries_mastery_as_primary_objective(fixture_packages):
    root = etree.fromstring(manifest_of(fixture_packages["scorm2004"]))
    ss = "{http://www.imsglobal.org/xsd/imsss}"
    primary = root.find(f".//{ss}primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext(f"{ss}minNormalizedMeasure") == "0.8"
    controls = root.find(f".//{ss}deliveryControls")
    assert controls.get("completionSetByContent") == "true"
    assert controls.get("objectiveSetByContent") == "true"
    assert root.findtext(".//{http://www.imsglobal.org/xsd/imscp_v1p1}schemaversion") == "2004 4th Edition"
    assert b"hideLMSUI" not in manifest_of(fixture_packages["scorm2004"])
    lom = root.find(".//{http://ltsc.ieee.org/xsd/LOM}lom")
    keywords = [k.findtext("{http://ltsc.ieee.org/xsd/LOM}string") for k in lom.iter("{http://ltsc.ieee.org/xsd/LOM}keyword")]
    assert keywords == ["jäv", "legalitet"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_file_in_the_zip_is_listed_in_the_manifest(fixture_packages, kind):
    package = fixture_packages[kind]
    root = etree.fromstring(manifest_of(package))
    listed = {f.get("href") for f in root.iter() if etree.QName(f).localname == "file"}
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist()) - {"imsmanifest.xml"}
    assert listed == names
    assert "index.html" in listed
    assert "media/javsgrunder.png" in listed  # "jävsgrunder.png" transliterated
    assert all(name.isascii() and not name.startswith(("/", "\\")) for name in names)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_files_lie_at_the_package_root(fixture_packages, kind):
    with zipfile.ZipFile(fixture_packages[kind]) as archive:
        names = set(archive.namelist())
    expected = {"scorm12": "imscp_rootv1p1p2.xsd", "scorm2004": "imscp_v1p1.xsd"}[kind]
    assert expected in names


def test_identifiers_derive_from_the_course_id(fixture_packages):
    root = etree.fromstring(manifest_of(fixture_packages["scorm2004"]))
    identifiers = sorted(e.get("identifier") for e in root.iter() if e.get("identifier"))
    assert identifiers == ["ITEM-provkurs", "ORG-provkurs", "RES-provkurs", "RES-provkurs-scheman", "etos-provkurs-1.0"]


BROKEN = {
    "misspelt scormtype": (
        "scorm12", lambda m: m.replace(b'adlcp:scormtype="sco"', b'adlcp:scormType="sco"', 1),
        "spells adlcp:scormType",
    ),
    "misspelt scormType in 2004": (
        "scorm2004", lambda m: m.replace(b'adlcp:scormType="sco"', b'adlcp:scormtype="sco"', 1),
        "spells adlcp:scormtype",
    ),
    "unresolved identifierref": (
        "scorm12", lambda m: m.replace(b'identifierref="RES-provkurs"', b'identifierref="RES-nowhere"'),
        "resolves to nothing",
    ),
    "launch page not listed": (
        "scorm2004", lambda m: m.replace(b'<file href="index.html"/>', b""),
        "is not listed as a file",
    ),
    "absolute path": (
        "scorm12", lambda m: m.replace(b'href="index.html"', b'href="/index.html"'),
        "not relative",
    ),
    "wrong schemaversion": (
        "scorm2004", lambda m: m.replace(b"2004 4th Edition", b"CAM 1.3"),
        "schemaversion",
    ),
    "leaf item without resource": (
        "scorm12", lambda m: m.replace(b' identifierref="RES-provkurs"', b""),
        "references no resource",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_conformance_checks_catch_what_the_xsd_lets_through(fixture_packages, case):
    kind, mutate, expected = BROKEN[case]
    package = fixture_packages[kind]
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    broken = mutate(manifest_of(package))
    assert broken != manifest_of(package)
    problems = conformance_problems(kind, broken, names)
    assert any(expected in p for p in problems), problems


def test_conformance_accepts_the_built_packages(fixture_packages):
    for kind, package in fixture_packages.items():
        with zipfile.ZipFile(package) as archive:
            assert conformance_problems(kind, archive.read("imsmanifest.xml"), archive.namelist()) == []


def test_xsd_alone_accepts_a_misspelt_scormtype(fixture_packages, schema_folder):
    """Why conformance.py exists: imscp_v1p1 takes foreign attributes laxly, so a typo passes."""
    broken = manifest_of(fixture_packages["scorm2004"]).replace(b'adlcp:scormType="sco"', b'adlcp:scormtype="sco"', 1)
    assert validate_manifest("scorm2004", broken, schema_folder) == []
    assert any("scormtype" in p for p in conformance_problems("scorm2004", broken, ["index.html"]))
