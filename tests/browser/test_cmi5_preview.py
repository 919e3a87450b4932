"""`etos serve` with cmi5 in Chromium: the preview launches the course as a cmi5 LMS would, and its
inspector shows the statements as its LRS received them."""

from __future__ import annotations

import shutil

from learner import REPO

try:
    from playwright.sync_api import expect
except ImportError:  # every browser test is then skipped (conftest.missing_tools)
    expect = None

FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "provprojekt"


def test_the_preview_launches_a_cmi5_course_and_shows_its_statements(page, tmp_path):
    from builder.serve.server import PreviewServer

    project = tmp_path / "projekt"
    shutil.copytree(FIXTURE_PROJECT, project)
    with PreviewServer(project, "provkurs", port=0, standard="cmi5") as running:
        page.goto(running.url)
        course = page.frame_locator("#course-frame")
        course.locator("html[data-player=ready]").wait_for(state="attached")
        statements = page.locator("#lms-calls > li code")
        expect(statements).to_have_text(["initialized", "launched"])
        expect(page.locator("#lms-state")).to_have_text("Kursen är igång.")
        expect(page.locator("#calls-heading")).to_have_text("Statements som LRS:en tagit emot")
        course.get_by_role("link", name="Starta kursen", exact=True).click()
        expect(page.locator("#lms-location-value")).to_have_text("lektion-jav")  # the State API's document

        page.get_by_role("button", name="Nollställ framsteg").click()  # a new registration, a new launch
        course.locator("html[data-player=ready]").wait_for(state="attached")
        expect(statements.first).to_have_text("initialized")
        expect(page.locator("#lms-location-value")).not_to_have_text("lektion-jav")
        assert not page.errors  # type: ignore[attr-defined]
