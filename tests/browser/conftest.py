"""Browser tests: the packages built once per session, served on 127.0.0.1, opened in Debian's
Chromium through Playwright, with scorm-again playing the LMS (lms/harness.html).

Skipped, with the reason, only where Chromium, Playwright or node_modules (`npm ci`) is missing.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import zipfile
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest
from learner import NODE_MODULES, REPO

CHROMIUM = Path("/usr/bin/chromium")
SCHEMAS = REPO.parent / "shared" / "scorm-schemas"
FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "provprojekt"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing_tools() -> str:
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if not (NODE_MODULES / "scorm-again" / "dist").is_dir() or not (NODE_MODULES / "axe-core").is_dir():
        return "scorm-again and axe-core are not installed (run `npm ci` at the repository root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = missing_tools()
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/") or item.nodeid.startswith("browser/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


class Site:
    """The unpacked packages: `url(course_id, standard)` is the launch page's address on the server."""

    def __init__(self, folder: Path, base_url: str) -> None:
        self.folder = folder
        self.base_url = base_url
        self.packages = {p.name: p for p in folder.iterdir()}

    def folder_of(self, course_id: str, standard: str, version: str | None = None) -> Path:
        """The package `<id>-<version>-<standard>`; without a version, the course's first one."""
        pattern = re.compile(rf"^{re.escape(course_id)}-{re.escape(version) if version else '[^-]+'}-{standard}$")
        return self.packages[sorted(name for name in self.packages if pattern.match(name))[0]]

    def path(self, course_id: str, standard: str, version: str | None = None) -> str:
        return f"/pkg/{self.folder_of(course_id, standard, version).name}/index.html"

    def url(self, course_id: str, standard: str, version: str | None = None) -> str:
        return self.base_url + self.path(course_id, standard, version)

    def data(self, course_id: str, version: str | None = None) -> dict:
        """The player's JSON data of a course, as the learner's browser gets it."""
        html = (self.folder_of(course_id, "web", version) / "index.html").read_text(encoding="utf-8")
        start = html.index('<script type="application/json" id="etos-data">') + 47
        return json.loads(html[start:html.index("</script>", start)])


class MountHandler(http.server.SimpleHTTPRequestHandler):
    """Serves /lms (the test LMS), /vendor (node_modules) and /pkg (the unpacked packages)."""

    mounts: ClassVar[dict[str, Path]] = {}

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        for prefix, folder in self.mounts.items():
            if path.startswith(prefix + "/"):
                return str(folder / path[len(prefix) + 1:])
        return str(REPO / "does-not-exist")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


def make_variants(folder: Path) -> dict[str, Path]:
    """Copies of the fixture project: one without a final test, version 1.1 with a new first lesson, and
    one in English (`språk: en`, id provkurs-en)."""
    without_test = folder / "utan-test"
    shutil.copytree(FIXTURE_PROJECT, without_test)
    course = without_test / "provkurs" / "course.yaml"
    text = course.read_text(encoding="utf-8").replace("id: provkurs", "id: provkurs-utan-test")
    course.write_text(text[:text.index("sluttest:")], encoding="utf-8")
    (without_test / "provkurs" / "questions.yaml").unlink()

    updated = folder / "uppdaterad"
    shutil.copytree(FIXTURE_PROJECT, updated)
    course = updated / "provkurs" / "course.yaml"
    text = course.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"')
    course.write_text(text.replace("  - 01-jav.md", "  - 00-inledning.md\n  - 01-jav.md"), encoding="utf-8")
    (updated / "provkurs" / "lessons" / "00-inledning.md").write_text(
        "---\nid: inledning\ntitel: Inledning\nminuter: 2\n---\nVälkommen till den nya versionen.\n",
        encoding="utf-8")
    english = folder / "engelska"
    shutil.copytree(FIXTURE_PROJECT, english)
    course = english / "provkurs" / "course.yaml"
    text = course.read_text(encoding="utf-8").replace("id: provkurs", "id: provkurs-en")
    course.write_text(text.replace("språk: sv", "språk: en"), encoding="utf-8")
    return {"utan-test": without_test, "uppdaterad": updated, "engelska": english}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Every package of the fixture project and the real courses, built once and served."""
    if missing_tools():
        pytest.skip(missing_tools())
    from builder.build import build

    out = tmp_path_factory.mktemp("packages")
    schemas = SCHEMAS if SCHEMAS.is_dir() else None
    formats = ["scorm12", "scorm2004", "web"]
    build(FIXTURE_PROJECT, out / "fixture", formats=formats, schema_folder=schemas)
    build(REPO, out / "real", formats=formats, schema_folder=schemas)
    for name, project in make_variants(tmp_path_factory.mktemp("variants")).items():
        build(project, out / name, formats=formats, schema_folder=schemas)
    unpacked = out / "site"
    for archive in sorted(out.glob("*/*/*.zip")):
        with zipfile.ZipFile(archive) as package:
            package.extractall(unpacked / archive.stem)
    MountHandler.mounts = {"/lms": REPO / "tests" / "browser" / "lms", "/vendor": NODE_MODULES, "/pkg": unpacked}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), MountHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(unpacked, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module: other modules (the preview's tests) start Playwright of their
    own, and two synchronous Playwright instances cannot run at once."""
    if missing_tools():
        pytest.skip(missing_tools())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile per test: no localStorage or cache left by another test. Reduced motion,
    so that no colour is caught halfway through a transition."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(10_000)  # a stuck page fails in seconds, not minutes
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    context.close()

