"""Shared fixtures: the repository, the official SCORM schemas and a throw-away copy of the fixture project."""

from __future__ import annotations

import shutil
from pathlib import Path

import os

import pytest
from hypothesis import settings

# CI explores the same examples on every run, so a red build always means a change, never luck;
# developers get fresh random examples each run.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "provprojekt"
SCHEMAS = REPO.parent / "shared" / "scorm-schemas"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the course in headless Chromium")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def schema_folder() -> Path:
    if not SCHEMAS.is_dir():
        pytest.skip(f"the official SCORM schemas are not at {SCHEMAS}")
    return SCHEMAS


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project that a test may change freely."""
    target = tmp_path / "projekt"
    shutil.copytree(FIXTURE_PROJECT, target)
    return target
