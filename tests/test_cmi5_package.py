"""cmi5 packages without a browser: the course structure against its golden file and the official
XSD, identifiers derived from the course id, one AU, the player's cmi5 adapter and no SCORM one."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.build import available_default_formats, build
from builder.package.cmi5 import NAMESPACE, SCHEMA, validate_course_structure

GOLDEN = Path(__file__).parent / "golden" / "provkurs-cmi5.xml"
UPDATE = os.environ.get("ETOS_UPDATE_GOLDEN") == "1"  # see tests/test_manifests.py
C = f"{{{NAMESPACE}}}"


@pytest.fixture(scope="module")
def cmi5_xsd(shared_schema_folder) -> Path:
    """The cmi5 course structure schema, in ../shared/scorm-schemas/cmi5/ (no registry package ships it)."""
    if shared_schema_folder is None or not (shared_schema_folder / SCHEMA).is_file():
        pytest.skip("needs CourseStructure.xsd from ../shared/scorm-schemas/cmi5/, which is absent here "
                    "(no package on PyPI or npm ships the cmi5 schema)")
    return shared_schema_folder / SCHEMA


@pytest.fixture(scope="module")
def fixture_package(tmp_path_factory) -> Path:
    from tests.conftest import FIXTURE_PROJECT

    out = tmp_path_factory.mktemp("cmi5")
    build(FIXTURE_PROJECT, out, formats=["cmi5"])
    return out / "provkurs" / "provkurs-1.0-cmi5.zip"


@pytest.fixture(scope="module")
def course_packages(tmp_path_factory, repo_root) -> list[Path]:
    result = build(repo_root, tmp_path_factory.mktemp("courses"), formats=["cmi5"])
    return result.written


def course_structure(package: Path) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read("cmi5.xml")


def test_course_structure_matches_golden_file(fixture_package):
    xml = course_structure(fixture_package)
    if UPDATE:
        GOLDEN.write_bytes(xml)
    assert xml.decode() == GOLDEN.read_text(encoding="utf-8")


def test_every_course_builds_a_cmi5_package_valid_against_the_course_structure_schema(course_packages, cmi5_xsd):
    assert sorted(p.name for p in course_packages) == [
        "bemotande-2.0-cmi5.zip", "forvaltningskunskap-2.0-cmi5.zip", "sex-principerna-2.0-cmi5.zip"]
    for package in course_packages:
        assert validate_course_structure(course_structure(package), cmi5_xsd) == [], package.name


def test_the_schema_check_finds_a_broken_course_structure(fixture_package, cmi5_xsd):
    root = etree.fromstring(course_structure(fixture_package))
    root.find(f"{C}au").set("moveOn", "Whenever")
    errors = validate_course_structure(etree.tostring(root), cmi5_xsd)
    assert errors and "moveOn" in errors[0]


def test_one_au_with_iris_from_the_course_id_mastery_and_launch_method(fixture_package):
    root = etree.fromstring(course_structure(fixture_package))
    assert root.find(f"{C}course").get("id") == "urn:etos:kurs:provkurs"
    (au,) = root.findall(f"{C}au")
    assert au.get("id") == "urn:etos:kurs:provkurs:au"
    assert (au.get("moveOn"), au.get("masteryScore"), au.get("launchMethod")) == (
        "CompletedAndPassed", "0.8", "AnyWindow")
    assert au.findtext(f"{C}url") == "index.html"


def test_package_carries_the_cmi5_adapter_and_no_scorm_dialect(fixture_package):
    with zipfile.ZipFile(fixture_package) as archive:
        names = set(archive.namelist())
        page = archive.read("index.html").decode("utf-8")
    assert {"cmi5.xml", "index.html", "player/cmi5.js", "player/xapi.js", "player/values.js"} <= names
    assert not {"player/scorm12.js", "player/scorm2004.js", "player/lms.js", "imsmanifest.xml"} & names
    assert 'data-standard="cmi5"' in page
    assert '<script src="player/cmi5.js" defer></script>' in page
    assert "scorm12.js" not in page


def test_scorm_and_web_packages_carry_no_cmi5_file(tmp_path, project):
    result = build(project, tmp_path, formats=["scorm12", "scorm2004", "web"])
    for package in result.written:
        with zipfile.ZipFile(package) as archive:
            names = set(archive.namelist())
            page = archive.read("index.html").decode("utf-8")
        assert not {"player/cmi5.js", "player/xapi.js", "cmi5.xml"} & names, package.name
        assert "cmi5.js" not in page and "xapi.js" not in page


def test_two_builds_give_identical_cmi5_packages(project, tmp_path):
    first = build(project, tmp_path / "a", formats=["cmi5"]).written[0].read_bytes()
    second = build(project, tmp_path / "b", formats=["cmi5"]).written[0].read_bytes()
    assert first == second


def test_the_default_build_includes_cmi5():
    assert "cmi5" in available_default_formats()
