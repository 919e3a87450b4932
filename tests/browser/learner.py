"""A learner in the test LMS or the standalone web version: clicks by visible labels, as people do,
and reads back what the LMS holds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

try:
    from playwright.sync_api import expect
except ImportError:  # then every browser test is skipped, with the reason (conftest.missing_tools)
    expect = None

if TYPE_CHECKING:
    from playwright.sync_api import Frame, FrameLocator, Page

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
REAL_COURSES = ["sex-principerna", "forvaltningskunskap", "bemotande"]
STANDARDS = ["scorm12", "scorm2004"]
SCORM12_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
SCORM2004_DURATION = re.compile(r"^PT\d+H\d+M\d+(\.\d{1,2})?S$")


class Learner:
    def __init__(self, page: Page, site, course_id: str, standard: str, version: str | None = None) -> None:
        self.page = page
        self.site = site
        self.course_id = course_id
        self.standard = standard
        self.version = version
        self.data = site.data(course_id, version)
        self.popup: Page | None = None
        self.interaction_names: dict[str, list] = {}  # LMS interaction id → [question id, attempt]

    # --- sessions -------------------------------------------------------------------------------

    def launch(self, kept: dict | None = None, refuse: bool = False, popup: bool = False,
               faults: dict | None = None, no_api: bool = False) -> Learner:
        """Opens the course: in the test LMS (a fresh API holding `kept`, with the `faults` of
        harness.js's setFaults) or, for web, on its own. `no_api`: a frame that offers no API at all."""
        if self.standard == "web":
            self.page.goto(self.site.url(self.course_id, "web", self.version))
        else:
            self.page.goto(self.site.base_url + "/lms/harness.html")
            path = self.site.path(self.course_id, self.standard, self.version)
            arguments = [self.standard, path, kept, {"refuse": refuse, "faults": faults, "noApi": no_api}]
            if popup:
                with self.page.expect_popup() as opened:
                    self.page.evaluate("([s, u, k, o]) => launch(s, u, k, {...o, popup: true})", arguments)
                self.popup = opened.value
            else:
                self.page.evaluate("([s, u, k, o]) => launch(s, u, k, o)", arguments)
        self.wait_until_ready()
        return self

    def wait_until_ready(self) -> None:
        self.course.locator("html[data-player=ready]").wait_for(state="attached")

    def close(self) -> None:
        """Leaves the course the way an LMS ends it: the course's frame is emptied."""
        self.page.evaluate("closeCourse()")
        self.page.wait_for_function("callLog().some(([name]) => name === 'LMSFinish' || name === 'Terminate')")

    def kept(self, stored: bool = False) -> dict:
        """What the LMS hands the next session (entry=resume when the learner left suspended); with
        `stored`, only what the last good commit sent, as after a window that vanished."""
        return self.page.evaluate("(stored) => keptForNextSession(stored)", stored)

    def lms(self) -> dict:
        return self.page.evaluate("lmsState()")

    def stored(self) -> dict:
        """The LMS's data as of the last commit or finish it accepted."""
        return self.page.evaluate("storedState()")

    def set_faults(self, faults: dict) -> None:
        self.page.evaluate("(faults) => setFaults(faults)", faults)

    def calls(self) -> list[list[str]]:
        return self.page.evaluate("callLog()")

    @property
    def course(self) -> FrameLocator | Page:
        if self.popup or self.standard == "web":
            return self.popup or self.page
        return self.page.frame_locator("#course")

    @property
    def frame(self) -> Frame | Page:
        """The course's document, for evaluating script in it."""
        if self.popup or self.standard == "web":
            return self.popup or self.page
        return self.page.frame(name="course")

    # --- what a learner sees and does -----------------------------------------------------------

    @property
    def visible_page(self):
        return self.course.locator("main > .page:not([hidden])")

    def heading(self) -> str:
        return self.visible_page.locator("h1").inner_text()

    def press(self, name: str) -> None:
        self.course.get_by_role("button", name=name, exact=True).click()

    def follow(self, name: str) -> None:
        self.course.get_by_role("link", name=name, exact=True).click()

    def start(self) -> None:
        self.follow("Starta kursen")
        expect(self.visible_page.locator("h1")).to_have_text(self.data["lessons"][0]["title"])

    def next(self) -> None:
        self.press("Nästa")

    def answer_checks(self, right: bool = True) -> int:
        """Answers every knowledge check on the page; returns how many."""
        forms = self.visible_page.locator("form.check")
        for i in range(forms.count()):
            form = forms.nth(i)
            question = self.data["checks"][form.get_attribute("data-question")]
            for index in options_for(question, right):
                option_label(form, index).click()
            form.get_by_role("button", name="Svara").click()
            expect(form.get_by_role("status")).to_contain_text("Rätt!" if right else "Inte rätt.")
        return forms.count()

    def choose_dilemmas(self) -> int:
        forms = self.visible_page.locator("form.dilemma")
        for i in range(forms.count()):
            form = forms.nth(i)
            option_label(form, 0).click()
            form.get_by_role("button", name="Visa återkoppling").click()
            expect(form.get_by_role("status")).not_to_be_empty()
        return forms.count()

    def read_to_end(self) -> None:
        """Scrolls down to the end of the page, as a reader does, and lets the page notice it."""
        self.course.locator(".pager").scroll_into_view_if_needed()
        self.frame.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def read_lessons(self, lessons: list[dict], answer: bool = True) -> None:
        """From the current lesson, reads `lessons` to their ends in turn with Nästa, answering what they ask."""
        for number, lesson in enumerate(lessons):
            expect(self.visible_page.locator("h1")).to_have_text(lesson["title"])
            if answer:
                self.answer_checks()
                self.choose_dilemmas()
            self.read_to_end()
            if answer:
                toc_link = self.course.locator(f'.toc a[data-page="{lesson["page"]}"]')
                expect(toc_link).to_have_class(re.compile(r"\bdone\b"))
            if number < len(lessons) - 1:
                self.next()

    def take_test(self, right: bool) -> str:
        """Answers every drawn question (all right, or all wrong) and hands in; returns the result text."""
        expect(self.visible_page.locator("h1")).to_have_text("Sluttest")
        questions = {q["id"]: q for q in self.data["test"]["questions"]}
        boxes = self.visible_page.locator(".question.test:not([hidden])")
        assert boxes.count() == self.data["test"]["draw"]
        for i in range(boxes.count()):
            box = boxes.nth(i)
            for index in options_for(questions[box.get_attribute("data-question")], right):
                option_label(box, index).click()
        if not self.interaction_names:
            self.interaction_names = {f"{q['interaction']}A{n}": [q["id"], n]
                                      for q in self.data["test"]["questions"] for n in range(1, 21)}
        self.press("Lämna in svaren")
        result = self.visible_page.locator(".test-result")
        expect(result).not_to_be_empty()
        return result.inner_text()

    def take_whole_course(self, right: bool = True) -> str:
        """From the start page: every lesson, answering what it asks, then the test; its result text."""
        self.start()
        self.read_lessons(self.data["lessons"])
        self.next()
        return self.take_test(right=right)

    def commits(self) -> int:
        return sum(1 for call in self.calls() if call[0] in ("LMSCommit", "Commit"))

    def encode_progress(self, done: tuple = (), test: dict | None = None) -> str:
        """Suspend data in the current format, written by the player's own encoder (progress.js) in the
        open course: `done` lessons (read to their ends), `test` fields as stored (a score may be any
        number, "Infinity" or "NaN", to play a corrupted record)."""
        return self.frame.evaluate("""([done, test]) => {
            const progress = new Etos.Progress(JSON.parse(document.getElementById("etos-data").textContent));
            done.forEach((id) => { progress.done.add(id); progress.reached.add(id); });
            Object.assign(progress.test, test, "score" in test ? {score: Number(test.score)} : {});
            return progress.encode();
        }""", [list(done), test or {}])

    def suspend_data(self) -> str:
        state = self.lms()
        return state["suspend_data"]


def option_label(box, index: int):
    """The label of an option by the author's index: options are shown in a shuffled order."""
    return box.locator(f".option:has(input[value='{index}']) label")


def interaction_of(learner: Learner, record_id: str) -> tuple[str, int]:
    """The question of the pool and the attempt (1–20) an LMS interaction id stands for, by the
    builder's naming (each question's `interaction` in the player data, then "A" and the attempt);
    KeyError for an id that names none of them."""
    return tuple(learner.interaction_names[record_id])


def options_for(question: dict, right: bool) -> list[int]:
    """The options a learner ticks: exactly the correct ones, or one wrong one."""
    if right:
        return question["correct"]
    return [next(i for i in range(len(question["options"])) if i not in question["correct"])]


def interactions(state: dict) -> list[dict]:
    found = state["interactions"]
    return [found[key] for key in sorted(found, key=int)] if isinstance(found, dict) else list(found)


def recorded(state: dict, standard: str) -> dict:
    """Status, score, bookmark, exit and suspend data of either version under one set of names."""
    if standard == "scorm12":
        core = state["core"]
        return {"status": core["lesson_status"], "score": core["score"]["raw"], "location": core["lesson_location"],
                "exit": core["exit"], "suspend": state["suspend_data"]}
    return {"status": f"{state['completion_status']}/{state['success_status']}", "score": state["score"]["raw"],
            "location": state["location"], "exit": state["exit"], "suspend": state["suspend_data"]}
