"""The record between the course and the LMS, against the quirks of LMSs agencies run: Moodle's SCORM
1.2 completion, review and browse mode, no API at all, an LMS that refuses to save, GetLastError
answering "", forma.lms's strict interaction ids and early end of the session, entry=ab-initio,
finish on a page kept for the back button, values out of range. And the notices that tell the
learner what the LMS holds, which must pass axe and work from the keyboard."""

from __future__ import annotations

import re

import pytest
from learner import STANDARDS, Learner, expect, interaction_of, interactions, recorded
from test_player_accessibility import axe_violations, focused, tab_to

COURSE = "provkurs"
PASSED = {"scorm12": "passed", "scorm2004": "completed/passed"}
NOTICE = ".connection-notice:not([hidden])"
NAMES = {
    "scorm12": {"set": "LMSSetValue", "commit": "LMSCommit", "finish": "LMSFinish",
                "reads": {"LMSInitialize", "LMSGetValue", "LMSFinish"}},
    "scorm2004": {"set": "SetValue", "commit": "Commit", "finish": "Terminate",
                  "reads": {"Initialize", "GetValue", "Terminate"}},
}


class LmsLearner(Learner):
    """A learner in the test LMS with any of harness.js's launch options (quirks of real LMSs)."""

    def launch(self, kept: dict | None = None, **options) -> LmsLearner:
        self.page.goto(self.site.base_url + "/lms/harness.html")
        path = self.site.path(self.course_id, self.standard, self.version)
        self.page.evaluate("([s, u, k, o]) => launch(s, u, k, o)", [self.standard, path, kept, options])
        self.wait_until_ready()
        return self

    @property
    def notice(self):
        return self.course.locator(NOTICE)

    def sets(self) -> list[list[str]]:
        return [call for call in self.calls() if call[0] == NAMES[self.standard]["set"]]

    def leave(self) -> None:
        """The LMS empties the course's frame; returns once the course's unload handlers have run."""
        self.page.evaluate("closeCourse()")
        self.page.wait_for_function("document.getElementById('course').contentWindow.location.href === 'about:blank'")


def watch_warnings(page) -> list[str]:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    return warnings


def passed_and_kept(page, site, standard: str) -> dict:
    """A learner who passed, and what the LMS hands the next session."""
    first = LmsLearner(page, site, COURSE, standard).launch()
    assert "godkänd på sluttestet" in first.take_whole_course(right=True)
    first.close()
    return first.kept()


def commit_batches(calls: list[list[str]], standard: str) -> list[list[str]]:
    """The elements set before each commit or finish: what one request of the LMS carries."""
    batches, batch = [], []
    for call in calls:
        if call[0] == NAMES[standard]["set"]:
            batch.append(call[1])
        elif call[0] in (NAMES[standard]["commit"], NAMES[standard]["finish"]):
            batches.append(batch)
            batch = []
    return batches


# --- Moodle 4.3, SCORM 1.2: completion -----------------------------------------------------------

def test_the_moodle_like_lms_leaves_completion_unset_when_status_and_score_come_in_one_commit(page, site):
    """The harness's model of Moodle's bug, checked on its own: status and score in one request."""
    learner = LmsLearner(page, site, COURSE, "scorm12").launch(moodle12=True)
    assert page.evaluate("moodleCompletion()") == "incomplete"  # the launch's status, alone
    page.evaluate("""() => {
        API.LMSSetValue("cmi.core.score.raw", "100");
        API.LMSSetValue("cmi.core.lesson_status", "passed");
        API.LMSCommit("");
    }""")
    assert learner.lms()["core"]["lesson_status"] == "passed"
    assert page.evaluate("moodleCompletion()") == "incomplete"


def test_in_scorm12_the_status_is_committed_alone_before_the_score_so_moodle_completes(page, site):
    learner = LmsLearner(page, site, COURSE, "scorm12").launch(moodle12=True)
    assert "godkänd på sluttestet" in learner.take_whole_course(right=True)
    learner.close()
    assert page.evaluate("moodleCompletion()") == "passed"
    assert recorded(learner.lms(), "scorm12")["score"] == "100"
    calls = learner.calls()
    batches = commit_batches(calls, "scorm12")
    for batch in batches:
        if "cmi.core.lesson_status" in batch:
            assert batch == ["cmi.core.lesson_status"], batch  # the status alone, always
    first_score = next(i for i, call in enumerate(calls) if call[:2] == ["LMSSetValue", "cmi.core.score.raw"])
    passed = calls.index(["LMSSetValue", "cmi.core.lesson_status", "passed"])
    assert passed < first_score and calls[passed + 1] == ["LMSCommit", ""]  # committed before the score is set


# --- review and browse mode -------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["review", "browse"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_a_relaunch_in_review_or_browse_mode_after_a_pass_writes_nothing_and_says_so(page, site, standard, mode):
    kept = passed_and_kept(page, site, standard)
    if standard == "scorm12":
        kept["core"]["lesson_mode"] = mode
    else:
        kept["mode"] = mode
    page.clock.install()
    learner = LmsLearner(page, site, COURSE, standard).launch(kept)
    before = learner.stored()
    expect(learner.notice).to_have_count(1)
    expect(learner.notice).to_contain_text("Kursen är redan genomförd.")
    expect(learner.notice).to_contain_text("Ditt resultat: godkänd, 100 procent.")
    assert learner.frame.evaluate("document.documentElement.dataset.lmsMode") == mode
    learner.start()  # the learner can still read, but answer nothing
    checks = learner.visible_page.locator("form.check")
    expect(checks.locator("input")).not_to_have_count(0)
    expect(checks.locator(":is(input, button):enabled")).to_have_count(0)  # no option, no Svara
    learner.read_to_end()
    learner.next()
    learner.course.locator('.toc a[data-page="sluttest"]').click()
    test = learner.visible_page
    expect(test.locator(".test-result")).to_contain_text("Du är godkänd på sluttestet.")  # the kept attempt
    boxes = test.locator(".question.test:not([hidden])")
    expect(boxes).to_have_count(learner.data["test"]["draw"])
    expect(boxes.locator("input:enabled")).to_have_count(0)
    expect(test.get_by_role("button", name="Lämna in svaren")).to_have_count(0)
    expect(test.get_by_role("button", name="Gör om testet")).to_have_count(0)
    page.clock.run_for(61_000)
    learner.leave()
    calls = learner.calls()
    assert {call[0] for call in calls} <= NAMES[standard]["reads"]  # no SetValue, no Commit
    assert sum(call[0] == NAMES[standard]["finish"] for call in calls) == 1
    assert learner.stored() == before
    assert page.errors == []


def test_moodles_review_mode_with_no_data_still_says_the_course_is_done(page, site):
    """Moodle 4.3, SCORM 2004: a passed attempt reopened as cmi.mode=review, entry and data empty."""
    learner = LmsLearner(page, site, COURSE, "scorm2004").launch({"mode": "review"})
    expect(learner.notice).to_contain_text("Kursen är redan genomförd.")
    expect(learner.course.locator(".connection-result")).to_be_empty()
    learner.start()
    learner.leave()
    assert learner.sets() == []
    assert not any(call[0] == "Commit" for call in learner.calls())


def test_a_first_visit_in_browse_mode_is_a_preview_that_saves_nothing(page, site):
    learner = LmsLearner(page, site, COURSE, "scorm12").launch({"core": {"lesson_mode": "browse"}})
    expect(learner.notice).to_contain_text("Du förhandsgranskar kursen.")
    learner.start()
    learner.leave()
    assert learner.sets() == []


# --- no LMS, an LMS that refuses -----------------------------------------------------------------

@pytest.mark.parametrize("standard", STANDARDS)
def test_a_package_that_finds_no_lms_says_so_and_the_learner_can_still_read(page, site, standard):
    learner = LmsLearner(page, site, COURSE, standard).launch(noApi=True)
    expect(learner.notice).to_contain_text("Kursen är inte ansluten till lärplattformen.")
    expect(learner.notice).to_contain_text("sparas bara i den här webbläsaren")
    name = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004"}[standard]
    expect(learner.notice).to_contain_text(f"version 1.0 ({name})")
    expect(learner.notice).to_contain_text("måste startas inifrån lärplattformen")
    learner.start()
    learner.next()
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    assert page.errors == []


def test_the_web_version_keeps_progress_in_the_browser_without_a_notice(page, site):
    learner = LmsLearner(page, site, COURSE, "web")
    page.goto(site.url(COURSE, "web"))
    learner.wait_until_ready()
    expect(learner.notice).to_have_count(0)
    learner.start()
    expect(learner.notice).to_have_count(0)


@pytest.mark.parametrize("standard", STANDARDS)
def test_when_the_lms_refuses_to_save_the_learner_is_told_and_can_try_again(page, site, standard):
    page.clock.install()
    learner = LmsLearner(page, site, COURSE, standard).launch(refuse=True)
    expect(learner.notice).to_have_count(0)  # the retry comes first
    page.clock.run_for(6_000)
    expect(learner.notice).to_contain_text("Dina senaste framsteg är inte sparade.")
    retry = learner.notice.get_by_role("button", name="Försök spara igen")
    retry.click()  # still refused
    expect(learner.course.locator(".connection-again")).to_be_visible()
    expect(learner.notice).to_contain_text("Det gick inte nu heller.")
    learner.set_faults({})
    commits = learner.commits()
    retry.click()
    assert learner.commits() == commits + (2 if standard == "scorm12" else 1)  # 1.2: the status alone first
    expect(learner.notice).to_have_text("Nu är dina framsteg sparade i lärplattformen.")
    expect(learner.notice).to_be_focused()
    status = recorded(learner.stored(), standard)["status"]
    assert status == ("incomplete" if standard == "scorm12" else "incomplete/unknown")
    assert page.errors == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_pass_the_lms_refused_to_store_is_never_called_saved(page, site, standard):
    page.clock.install()
    learner = LmsLearner(page, site, COURSE, standard).launch(refuse=True)
    assert "godkänd på sluttestet" in learner.take_whole_course(right=True)
    page.clock.run_for(6_000)
    stored = recorded(learner.stored(), standard)
    assert stored["score"] == "" and stored["status"] != PASSED[standard]  # the LMS holds nothing
    text = learner.course.locator("body").inner_text()
    assert "Resultatet är sparat" not in text and "är sparade i lärplattformen" not in text
    expect(learner.notice).to_contain_text("Dina senaste framsteg är inte sparade.")
    assert learner.frame.evaluate("document.documentElement.dataset.lmsMode") is None


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_lms_whose_get_last_error_answers_empty_keeps_every_interaction_field(page, site, standard):
    warnings = watch_warnings(page)
    learner = LmsLearner(page, site, COURSE, standard).launch(emptyErrors=True)
    asked = "API.LMSGetLastError()" if standard == "scorm12" else "API_1484_11.GetLastError()"
    assert page.evaluate(asked) == ""  # the quirk is in force: no error, said as ""
    learner.take_whole_course(right=True)
    learner.close()
    records = interactions(learner.lms())
    assert len(records) == 2
    fields = 0
    for record in records:
        response = record["student_response" if standard == "scorm12" else "learner_response"]
        values = [record["id"], record["type"], record["correct_responses"]["0"]["pattern"], response,
                  record["result"], record["weighting"], record["time" if standard == "scorm12" else "timestamp"]]
        if standard == "scorm2004":
            values.append(record["description"])
        assert all(values), record
        assert not record.get("latency"), record  # left out: ../../templates/player/SCRIPTS.md
        fields += len(values)
    assert fields == (14 if standard == "scorm12" else 16)
    assert warnings == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_answers_reach_the_lms_even_while_it_refuses_the_suspend_data(page, site, standard):
    page.clock.install()
    learner = LmsLearner(page, site, COURSE, standard).launch(faults={"set": ["cmi.suspend_data"]})
    learner.take_whole_course(right=True)
    stored = learner.stored()
    assert len(interactions(stored)) == 2 and recorded(stored, standard)["status"] == PASSED[standard]
    expect(learner.notice).to_have_count(0)  # not yet: the retry comes first
    page.clock.run_for(6_000)
    expect(learner.notice).to_contain_text("Dina senaste framsteg är inte sparade.")  # which is true


# --- forma.lms -----------------------------------------------------------------------------------

@pytest.mark.parametrize("standard", STANDARDS)
def test_an_lms_that_refuses_ids_with_punctuation_keeps_every_answer(page, site, standard):
    learner = LmsLearner(page, site, COURSE, standard).launch(strictIds=True)
    page.evaluate("""(name) => {
        const api = window[name];
        const set = api.SetValue ? "SetValue" : "LMSSetValue";
        window.refusedId = api[set]("cmi.interactions.0.id", "jav-koll_1.a");
    }""", "API" if standard == "scorm12" else "API_1484_11")
    assert page.evaluate("window.refusedId") == "false"  # the quirk is in force
    learner.take_whole_course(right=False)
    learner.press("Gör om testet")
    learner.take_test(right=True)
    learner.close()
    records = interactions(learner.lms())
    assert len(records) == 4
    pool = {q["id"] for q in learner.data["test"]["questions"]}
    for record in records:
        assert re.fullmatch(r"[A-Za-z0-9]{1,255}", record["id"])
    named = [interaction_of(learner, record["id"]) for record in records]
    assert {question for question, _ in named} <= pool and sorted(attempt for _, attempt in named) == [1, 1, 2, 2]
    assert len({record["id"] for record in records}) == 4


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_lms_that_ends_the_session_before_the_course_unloads_loses_nothing(page, site, standard):
    warnings = watch_warnings(page)
    learner = LmsLearner(page, site, COURSE, standard).launch()
    learner.take_whole_course(right=True)
    committed = learner.stored()
    page.evaluate("endSession()")  # the learner leaves through the LMS's own button
    learner.leave()
    calls = learner.calls()
    assert sum(call[0] == NAMES[standard]["finish"] for call in calls) == 1
    stored = learner.stored()
    assert stored == committed
    assert recorded(stored, standard)["status"] == PASSED[standard]
    assert recorded(stored, standard)["score"] == "100"
    assert recorded(stored, standard)["location"] == "sluttest"
    assert len(interactions(stored)) == 2
    assert recorded(stored, standard)["suspend"].startswith("2~f~t1.100.p.1.")
    assert warnings == []  # the refused last calls are told quietly
    assert page.errors == []


# --- resume, finish ------------------------------------------------------------------------------

@pytest.mark.parametrize("standard", STANDARDS)
def test_an_ab_initio_entry_with_stored_progress_still_resumes(page, site, standard):
    learner = LmsLearner(page, site, COURSE, standard).launch()
    learner.start()
    learner.read_lessons(learner.data["lessons"][:1])
    learner.next()
    learner.close()
    kept = learner.kept()
    (kept["core"] if standard == "scorm12" else kept)["entry"] = "ab-initio"
    learner.launch(kept)
    expect(learner.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")


@pytest.mark.parametrize("standard", STANDARDS)
def test_finish_comes_exactly_once_also_for_a_page_kept_for_the_back_button(page, site, standard):
    learner = LmsLearner(page, site, COURSE, standard).launch()
    learner.start()
    learner.frame.evaluate("""() => {
        window.dispatchEvent(new PageTransitionEvent("pagehide", {persisted: true}));
        window.dispatchEvent(new Event("beforeunload"));
    }""")
    calls = learner.calls()
    finish = NAMES[standard]["finish"]
    assert [call[0] for call in calls].count(finish) == 1
    assert calls[-1][0] == finish  # and nothing after it
    learner.next()  # the page shown again from the back-forward cache
    expect(learner.notice).to_contain_text("Kursen är avslutad i lärplattformen.")
    learner.leave()
    assert learner.calls() == calls  # never after the end
    assert recorded(learner.stored(), standard)["location"] == "lektion-jav"


# --- values out of range -------------------------------------------------------------------------

def relaunched(standard: str, suspend: str, location: str) -> dict:
    """What an LMS hands a resumed session: this suspend data and this bookmark."""
    if standard == "scorm12":
        return {"suspend_data": suspend,
                "core": {"lesson_location": location, "lesson_status": "incomplete", "entry": "resume"}}
    return {"suspend_data": suspend, "location": location, "entry": "resume"}


@pytest.mark.parametrize(("score", "location"), [("Infinity", "ordlista"), ("NaN", "finns-inte"),
                                                 ("-5", "start"), ("1e9", "ordlista")])
@pytest.mark.parametrize("standard", STANDARDS)
def test_saved_values_out_of_range_never_reach_the_lms(page, site, standard, score, location):
    learner = LmsLearner(page, site, COURSE, standard).launch()
    suspend = learner.encode_progress(test={"attempts": 1, "score": score, "passed": True, "submitted": True})
    assert suspend.startswith(f"2~t1.{score if score != '1e9' else 1000000000}.p.1.")
    learner.launch(relaunched(standard, suspend, location))
    # The attempt used is progress; the bookmark is no lesson: the way back is to the first lesson not done.
    expect(learner.course.locator(".welcome")).to_contain_text(
        "Du har gjort klart 0 av 2 lektioner. Du fortsätter med: Jäv.")
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Jäv")
    learner.close()
    sent = learner.sets()
    assert not [call for call in sent if "score" in call[1]], sent
    assert recorded(learner.lms(), standard)["location"] == "lektion-jav"
    assert all(call[2] != location for call in sent if call[1].endswith("location"))


@pytest.mark.parametrize(("done", "location", "resumes_at"), [
    (0, "ordlista", None), (0, "start", None),  # no progress: nothing to continue, whatever the bookmark
    (0, "lektion-legalitet", "Legalitet"),  # a lesson as bookmark: where the learner left
    (1, "ordlista", "Legalitet"), (2, "finns-inte", "Sluttest"),  # else the first lesson not done, or the test
    (1, "sluttest", "Sluttest"),
])
def test_the_resume_offer_leads_to_a_lesson_or_the_test_and_comes_only_with_saved_progress(
        page, site, done, location, resumes_at):
    learner = LmsLearner(page, site, COURSE, "scorm2004").launch()
    suspend = learner.encode_progress(done=[lesson["id"] for lesson in learner.data["lessons"][:done]])
    learner.launch(relaunched("scorm2004", suspend, location))
    resume = learner.course.get_by_role("button", name="Fortsätt där du slutade")
    if resumes_at is None:
        expect(learner.course.locator(".welcome")).to_be_hidden()
        expect(resume).to_be_hidden()
        return
    expect(learner.course.locator(".welcome")).to_contain_text(f"Du fortsätter med: {resumes_at}.")
    resume.click()
    expect(learner.visible_page.locator("h1")).to_have_text(resumes_at)
    assert page.errors == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_value_sent_in_a_whole_course_is_in_its_range_and_format(page, site, standard):
    learner = LmsLearner(page, site, COURSE, standard).launch()
    learner.take_whole_course(right=False)
    learner.press("Gör om testet")
    learner.take_test(right=True)
    learner.close()
    formats = {
        "score.raw": r"(100|\d{1,2})(\.\d{1,2})?", "score.min": "0", "score.max": "100",
        "score.scaled": r"(0(\.\d{1,4})?|1)", "progress_measure": r"(0(\.\d{1,4})?|1)",
        "session_time": r"\d{4}:\d{2}:\d{2}\.\d{2}" if standard == "scorm12" else r"PT\d+H\d{1,2}M\d{1,2}\.\d{2}S",
        ".id": r"[A-Za-z0-9]{1,255}",
    }
    for _, element, value in learner.sets():
        for suffix, pattern in formats.items():
            if element.endswith(suffix):
                assert re.fullmatch(pattern, value), (element, value)
        if element.endswith("location"):
            assert len(value) <= (255 if standard == "scorm12" else 1000)
        if element.endswith("description"):
            assert 0 < len(value) <= 250


# --- the notices: axe and keyboard ---------------------------------------------------------------

def test_every_connection_notice_passes_axe_and_the_retry_button_works_from_the_keyboard(page, site):
    problems = []
    learner = LmsLearner(page, site, COURSE, "scorm2004").launch(noApi=True)
    expect(learner.notice).to_contain_text("inte ansluten")
    problems += axe_violations(learner, "no LMS")

    page.clock.install()
    learner = LmsLearner(page, site, COURSE, "scorm2004").launch(refuse=True)
    page.clock.run_for(6_000)
    expect(learner.notice).to_contain_text("inte sparade")
    problems += axe_violations(learner, "not saved")
    tab_to(learner, "BUTTON Försök spara igen", most=5)  # at the top: among the first stops
    learner.set_faults({})
    page.keyboard.press("Enter")
    expect(learner.notice).to_have_text("Nu är dina framsteg sparade i lärplattformen.")
    assert focused(learner.frame) == "DIV Nu är dina framsteg sparade i lärplattformen."
    problems += axe_violations(learner, "saved again")

    learner.frame.evaluate("() => window.dispatchEvent(new Event('pagehide'))")
    learner.start()
    expect(learner.notice).to_contain_text("avslutad")
    problems += axe_violations(learner, "ended")

    for kept, where in (({"mode": "review", "success_status": "passed", "score": {"raw": "90"}}, "review"),
                        ({"mode": "browse"}, "browse")):
        learner = LmsLearner(page, site, COURSE, "scorm2004").launch(kept)
        expect(learner.notice).to_have_count(1)
        problems += axe_violations(learner, where)
    assert problems == []
