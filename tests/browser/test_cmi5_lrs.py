"""cmi5 packages against a real LRS: Ralph behind a test LMS (cmi5_lms.py) that launches the AU as
the spec says, a learner in Chromium, and the statement stream as Ralph stored it checked against
the spec's rules."""

from __future__ import annotations

import json
import re
import shutil
import time
import zipfile

import pytest
from cmi5_lms import CMI5, SESSION, VERBS, Cmi5Lms, Ralph
from learner import REAL_COURSES, REPO, Learner, option_label, options_for

try:
    from playwright.sync_api import expect
except ImportError:  # every browser test is then skipped (conftest.missing_tools)
    expect = None

COURSE = "provkurs"
FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "provprojekt"
CMI5_DEFINED = {"initialized", "completed", "passed", "failed", "terminated"}
DURATION = re.compile(r"^PT\d+H\d+M\d+(\.\d{1,2})?S$")


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    pytest.importorskip("ralph", reason="Ralph is not installed (pip install -e '.[test]')")
    from builder.build import build

    out = tmp_path_factory.mktemp("cmi5")
    build(FIXTURE_PROJECT, out / "fixture", formats=["cmi5"])
    build(REPO, out / "real", formats=["cmi5"])
    english = tmp_path_factory.mktemp("english") / "project"  # the fixture with `språk: en`, id provkurs-en
    shutil.copytree(FIXTURE_PROJECT, english)
    course = english / "provkurs" / "course.yaml"
    text = course.read_text(encoding="utf-8").replace("id: provkurs", "id: provkurs-en")
    course.write_text(text.replace("språk: sv", "språk: en"), encoding="utf-8")
    build(english, out / "english", formats=["cmi5"])
    unpacked = out / "site"
    for archive in sorted(out.glob("*/*/*.zip")):
        with zipfile.ZipFile(archive) as package:
            package.extractall(unpacked / archive.stem)
    ralph = Ralph(tmp_path_factory.mktemp("ralph"))
    lms = Cmi5Lms(unpacked, ralph)
    yield lms
    lms.stop()
    ralph.stop()


class Packages:
    """What Learner asks of a site: the player's data of a course, here from its cmi5 package."""

    def __init__(self, lms: Cmi5Lms) -> None:
        self.lms = lms

    def data(self, course_id: str, version: str | None = None) -> dict:
        html = (self.lms.packages / self.lms.package(course_id) / "index.html").read_text(encoding="utf-8")
        start = html.index('<script type="application/json" id="etos-data">') + 47
        return json.loads(html[start:html.index("</script>", start)])


class Cmi5Learner(Learner):
    """A learner whose LMS opened the AU in its own window (launchMethod AnyWindow)."""

    def __init__(self, page, lms: Cmi5Lms, course_id: str = COURSE) -> None:
        super().__init__(page, Packages(lms), course_id, "cmi5")
        self.lms_server = lms

    def open(self, session):
        self.session = session
        self.page.goto(session.url)
        self.wait_until_ready()
        return self

    @property
    def course(self):
        return self.page

    @property
    def frame(self):
        return self.page

    def exit(self) -> None:
        """Avsluta kursen: terminated sent, then the LMS's returnURL."""
        self.press("Avsluta kursen")
        self.page.wait_for_url(re.compile(r"/tillbaka\?"))

    def verbs(self) -> list[str]:
        return [s["verb"]["id"].removeprefix(VERBS) for s in self.lms_server.statements(self.session)]


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.1)


def check_stream(statements: list[dict], session, mastery: float = 0.8, lang: str = "sv") -> list[str]:
    """The spec's rules for one session's statements; returns their verbs in order. An answer's
    descriptions are language maps in the course's language (`lang`)."""
    verbs = [s["verb"]["id"].removeprefix(VERBS) for s in statements]
    assert verbs[0] == "launched"
    assert verbs[1] == "initialized" and verbs.count("initialized") == 1, verbs
    assert verbs[-1] == "terminated" and verbs.count("terminated") == 1, verbs
    assert verbs.count("completed") <= 1 and verbs.count("passed") <= 1, verbs
    if "passed" in verbs:
        assert "failed" not in verbs[verbs.index("passed"):], verbs
    assert len({s["id"] for s in statements}) == len(statements)  # nothing stored twice
    for statement, verb in zip(statements[1:], verbs[1:], strict=True):
        context = statement["context"]
        assert context["registration"] == session.registration
        assert context["extensions"][SESSION] == session.session_id
        assert statement["actor"]["account"] == session.actor["account"]
        categories = [c["id"] for c in context["contextActivities"].get("category", [])]
        grouping = [a["id"] for a in context["contextActivities"]["grouping"]]
        assert grouping == [f"urn:etos:kurs:{session.course_id}:au"]  # the LMS's context template kept
        if verb in CMI5_DEFINED:
            assert statement["object"]["id"] == session.activity_id
            assert CMI5 + "categories/cmi5" in categories
            assert (CMI5 + "categories/moveon" in categories) == (verb in {"completed", "passed", "failed"})
        else:
            assert verb == "answered" and CMI5 + "categories/cmi5" not in categories
            definition = statement["object"]["definition"]
            assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
            assert definition["correctResponsesPattern"] and definition["interactionType"] in ("choice", "true-false")
            assert list(definition["description"]) == [lang] and definition["description"][lang]
            if definition["interactionType"] == "choice":
                assert all(list(choice["description"]) == [lang] and choice["description"][lang]
                           for choice in definition["choices"])
            assert context["contextActivities"]["parent"][0]["id"] == session.activity_id
            assert "duration" not in statement["result"]  # no latency: templates/player/SCRIPTS.md
        result = statement.get("result", {})
        if verb in {"completed", "passed", "failed", "terminated"}:
            assert DURATION.match(result["duration"]), result
        if verb == "completed":
            assert result["completion"] is True
        if verb in {"passed", "failed"}:
            assert result["success"] is (verb == "passed")
            assert (result["score"]["scaled"] >= mastery) is (verb == "passed")
            assert context["extensions"][CMI5 + "extensions/masteryscore"] == mastery
    return verbs


def test_a_whole_course_sends_initialized_completed_answers_failed_passed_terminated(page, lms):
    learner = Cmi5Learner(page, lms).open(lms.launch(COURSE))
    learner.take_whole_course(right=False)
    learner.press("Gör om testet")
    learner.take_test(right=True)
    learner.exit()
    draw = learner.data["test"]["draw"]
    verbs = check_stream(lms.statements(learner.session), learner.session)
    assert verbs == ["launched", "initialized", "completed", *["answered"] * draw, "failed",
                     *["answered"] * draw, "passed", "terminated"]
    assert lms.saved(learner.session)["held"] == {"completed": True, "passed": True, "failed": True, "score": 100}
    assert not page.errors  # type: ignore[attr-defined]


def test_relaunch_resumes_from_the_state_api_in_a_new_session(page, lms):
    first = Cmi5Learner(page, lms).open(lms.launch(COURSE))
    first.start()
    first.answer_checks()
    first.next()
    expect(first.visible_page.locator("h1")).to_have_text("Legalitet")
    first.exit()
    assert first.verbs() == ["launched", "initialized", "terminated"]

    again = Cmi5Learner(page, lms).open(lms.launch(COURSE, registration=first.session.registration))
    expect(again.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")
    again.press("Fortsätt där du slutade")
    expect(again.visible_page.locator("h1")).to_have_text("Legalitet")
    again.exit()
    check_stream(lms.statements(again.session), again.session)


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_mode_send_only_initialized_and_terminated(page, lms, mode):
    learner = Cmi5Learner(page, lms).open(lms.launch(COURSE, mode=mode))
    notice = "Du förhandsgranskar kursen." if mode == "Browse" else "Kursen är redan genomförd."
    expect(page.locator(".connection-notice:not([hidden])")).to_contain_text(notice)
    learner.start()
    learner.read_lessons(learner.data["lessons"], answer=False)  # nothing to answer in these modes
    learner.next()
    expect(learner.visible_page.locator("h1")).to_have_text("Sluttest")
    learner.exit()
    assert check_stream(lms.statements(learner.session), learner.session) == ["launched", "initialized", "terminated"]
    assert lms.saved(learner.session) is None  # nothing written to the State API either


def test_a_fetch_url_the_lms_refuses_tells_the_learner_it_was_not_accepted(page, lms):
    """cmi5's error 2, a security error other than a used or expired link."""
    session = lms.launch(COURSE)
    session.faults = {"fetch-refused": True}
    learner = Cmi5Learner(page, lms).open(session)
    learner.wait_until_ready()
    notice = page.locator(".connection-notice:not([hidden])")
    expect(notice).to_contain_text("Kursen är inte ansluten till lärplattformen.")
    expect(notice).to_contain_text("Lärplattformen godkände inte startlänken.")
    assert learner.verbs() == ["launched"]  # nothing sent without a token


def test_a_fetch_url_used_once_already_gives_no_session_and_the_learner_is_told(page, lms):
    learner = Cmi5Learner(page, lms).open(lms.launch(COURSE))
    wait_for(lambda: learner.verbs() == ["launched", "initialized"])
    page.reload()  # the first page ends its session as it goes; the second fetches again
    learner.wait_until_ready()
    notice = page.locator(".connection-notice:not([hidden])")
    expect(notice).to_contain_text("Kursen är inte ansluten till lärplattformen.")
    expect(notice).to_contain_text("Startlänken har redan använts eller slutat gälla.")
    expect(page.get_by_role("button", name="Avsluta kursen")).to_have_count(0)
    wait_for(lambda: learner.verbs() == ["launched", "initialized", "terminated"])
    learner.start()
    learner.read_lessons(learner.data["lessons"][:1])
    page.wait_for_timeout(500)
    assert learner.verbs() == ["launched", "initialized", "terminated"]  # the second page sent nothing


@pytest.mark.parametrize("fault", [{"refuse": True}, {"slow": 6}])
def test_statements_the_lrs_refuses_or_answers_too_late_are_queued_sent_again_and_the_learner_told(page, lms, fault):
    learner = Cmi5Learner(page, lms).open(lms.launch(COURSE))
    wait_for(lambda: learner.verbs() == ["launched", "initialized"])
    learner.session.faults = fault
    learner.start()
    learner.read_lessons(learner.data["lessons"])
    expect(page.locator(".connection-notice:not([hidden])")).to_contain_text(
        "Dina senaste framsteg är inte sparade.", timeout=15_000)
    learner.session.faults = {}
    learner.press("Försök spara igen")
    expect(page.locator(".connection-notice:not([hidden])")).to_contain_text(
        "Nu är dina framsteg sparade", timeout=15_000)
    learner.exit()
    assert check_stream(lms.statements(learner.session), learner.session) == [
        "launched", "initialized", "completed", "terminated"]


def test_an_expired_token_leaves_the_learner_told_that_nothing_is_saved(page, lms):
    learner = Cmi5Learner(page, lms).open(lms.launch(COURSE))
    wait_for(lambda: learner.verbs() == ["launched", "initialized"])
    learner.session.faults = {"expired": True}
    learner.start()
    learner.read_lessons(learner.data["lessons"])
    expect(page.locator(".connection-notice:not([hidden])")).to_contain_text("Dina senaste framsteg är inte sparade.")
    assert learner.verbs() == ["launched", "initialized"]
    assert any(entry.endswith(": token") for entry in lms.refused)


@pytest.mark.parametrize("course_id", REAL_COURSES)
def test_every_course_launches_and_terminates_in_the_lrs(page, lms, course_id):
    learner = Cmi5Learner(page, lms, course_id).open(lms.launch(course_id))
    learner.start()
    learner.exit()
    assert check_stream(lms.statements(learner.session), learner.session) == ["launched", "initialized", "terminated"]
    assert not page.errors  # type: ignore[attr-defined]


def test_the_exit_button_and_the_launch_notice_have_no_axe_violations(page, lms):
    from test_player_accessibility import axe_violations

    learner = Cmi5Learner(page, lms).open(lms.launch(COURSE))
    expect(page.get_by_role("button", name="Avsluta kursen")).to_be_visible()
    problems = axe_violations(learner, "launched")
    page.reload()  # the fetch URL is used: the notice says so
    learner.wait_until_ready()
    expect(page.locator(".connection-notice:not([hidden])")).to_contain_text(
        "Startlänken har redan använts eller slutat gälla.")
    assert problems + axe_violations(learner, "fetch used") == []


def test_an_english_course_speaks_english_at_the_launch_and_when_the_launch_fails(page, lms):
    learner = Cmi5Learner(page, lms, "provkurs-en").open(lms.launch("provkurs-en"))
    expect(page.get_by_role("button", name="Leave the course")).to_be_visible()
    page.reload()  # the fetch URL is used: the notice says so
    learner.wait_until_ready()
    notice = page.locator(".connection-notice:not([hidden])")
    expect(notice).to_contain_text("The course is not connected to the learning platform.")
    expect(notice).to_contain_text("The launch link has already been used or has expired.")
    expect(notice).to_contain_text("(cmi5), could not reach the platform's LRS.")
    shown = page.locator("body").inner_text()
    assert [words for words in ("Kursen", "Startlänken", "lärplattformen", "Avsluta") if words in shown] == []


def test_an_english_courses_answers_are_described_in_english(page, lms):
    learner = Cmi5Learner(page, lms, "provkurs-en").open(lms.launch("provkurs-en"))
    learner.follow("Start the course")
    page.locator('.toc a[data-page="sluttest"]').click()
    boxes = learner.visible_page.locator(".question.test:not([hidden])")
    questions = {q["id"]: q for q in learner.data["test"]["questions"]}
    for i in range(boxes.count()):
        box = boxes.nth(i)
        for index in options_for(questions[box.get_attribute("data-question")], right=True):
            option_label(box, index).click()
    learner.press("Hand in your answers")
    expect(learner.visible_page.locator(".test-result")).to_contain_text("You have passed")
    learner.press("Leave the course")
    page.wait_for_url(re.compile(r"/tillbaka\?"))
    verbs = check_stream(lms.statements(learner.session), learner.session, lang="en")
    assert "answered" in verbs and verbs[-1] == "terminated"
