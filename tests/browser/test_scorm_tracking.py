"""What the LMS records, in detail, on the small fixture course: status lifecycle, score, bookmark,
suspend data, session time, interactions, commits, resume, and an LMS that refuses everything."""

from __future__ import annotations

import re

import pytest
from learner import SCORM12_TIMESPAN, SCORM2004_DURATION, Learner, expect, interaction_of, interactions

COURSE = "provkurs"


def walk_and_take_test(learner: Learner, right: bool) -> str:
    learner.start()
    learner.read_lessons(learner.data["lessons"])
    learner.next()
    return learner.take_test(right=right)


def status_of(state: dict, standard: str) -> dict:
    """The tracking elements of either version under one set of names, for shared assertions."""
    if standard == "scorm12":
        core = state["core"]
        return {"status": core["lesson_status"], "raw": core["score"]["raw"], "min": core["score"]["min"],
                "max": core["score"]["max"], "location": core["lesson_location"], "exit": core["exit"],
                "session_time": core["session_time"]}
    return {"status": (state["completion_status"], state["success_status"]), "raw": state["score"]["raw"],
            "min": state["score"]["min"], "max": state["score"]["max"], "scaled": state["score"]["scaled"],
            "location": state["location"], "exit": state["exit"], "session_time": state["session_time"],
            "progress": state["progress_measure"]}


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_first_launch_tells_the_lms_incomplete_and_suspend(page, site, standard):
    learner = Learner(page, site, COURSE, standard).launch()
    page.wait_for_function("callLog().some(([name]) => name === 'LMSCommit' || name === 'Commit')")
    state = learner.lms()
    if standard == "scorm12":
        assert state["core"]["lesson_status"] == "incomplete"
        assert state["core"]["exit"] == "suspend"
    else:
        assert (state["completion_status"], state["success_status"]) == ("incomplete", "unknown")
        assert state["progress_measure"] == "0"
        assert state["exit"] == "suspend"


def test_passing_in_scorm12_records_status_score_bookmark_and_interactions(page, site):
    learner = Learner(page, site, COURSE, "scorm12").launch()
    result = walk_and_take_test(learner, right=True)
    assert "Du fick 2 av 2 rätt (100 procent)" in result and "godkänd" in result
    learner.close()
    state = learner.lms()
    tracked = status_of(state, "scorm12")
    assert tracked["status"] == "passed"
    assert (tracked["raw"], tracked["min"], tracked["max"]) == ("100", "0", "100")
    assert tracked["location"] == "sluttest"
    assert tracked["exit"] == ""
    assert SCORM12_TIMESPAN.match(tracked["session_time"]) and "." in tracked["session_time"]
    records = interactions(state)
    assert len(records) == 2
    pool = {q["id"]: q for q in learner.data["test"]["questions"]}
    for record in records:
        question_id, attempt = interaction_of(learner, record["id"])
        question = pool[question_id]
        assert attempt == 1
        assert record["type"] == ("true-false" if question["type"] == "sant-falskt" else "choice")
        expected = ",".join(question["responses"][i][0] if question["type"] == "sant-falskt"
                            else question["responses"][i] for i in question["correct"])
        assert record["student_response"] == expected
        assert record["correct_responses"]["0"]["pattern"] == expected
        assert record["result"] == "correct"
        assert record["weighting"] == "1"
        assert re.match(r"^\d{2}:\d{2}:\d{2}$", record["time"])
    sent = {element: value for name, element, value in (c for c in learner.calls() if c[0] == "LMSSetValue")}
    assert not any(element.endswith(".latency") for element in sent)  # no time of its own after a reload
    assert re.match(r"^\d{4}:\d{2}:\d{2}\.\d{2}$", sent["cmi.core.session_time"])
    assert not any(".description" in element or "learner_response" in element for element in sent)


def test_passing_in_scorm2004_records_status_score_bookmark_and_interactions(page, site):
    learner = Learner(page, site, COURSE, "scorm2004").launch()
    walk_and_take_test(learner, right=True)
    learner.close()
    state = learner.lms()
    tracked = status_of(state, "scorm2004")
    assert tracked["status"] == ("completed", "passed")
    assert (tracked["raw"], tracked["min"], tracked["max"], tracked["scaled"]) == ("100", "0", "100", "1")
    assert tracked["progress"] == "1"
    assert tracked["location"] == "sluttest"
    assert tracked["exit"] == "normal"
    assert SCORM2004_DURATION.match(tracked["session_time"])
    records = interactions(state)
    assert len(records) == 2
    pool = {q["id"]: q for q in learner.data["test"]["questions"]}
    for record in records:
        question_id, attempt = interaction_of(learner, record["id"])
        question = pool[question_id]
        assert attempt == 1
        expected = "[,]".join(question["responses"][i] for i in question["correct"])
        assert record["learner_response"] == expected
        assert record["correct_responses"]["0"]["pattern"] == expected
        assert record["type"] == ("true-false" if question["type"] == "sant-falskt" else "choice")
        if question["type"] == "sant-falskt":
            assert expected in ("true", "false")
        assert record["result"] == "correct"
        assert record["description"] == question["text"]
        assert not record.get("latency")
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?Z$", record["timestamp"])


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_failing_with_attempts_left_is_incomplete_in_12_and_the_last_attempt_ends_failed(page, site, standard):
    learner = Learner(page, site, COURSE, standard).launch()
    result = walk_and_take_test(learner, right=False)
    assert "inte godkänd" in result and "1 försök kvar" in result
    state = learner.lms()
    if standard == "scorm12":
        # An attempt is left: incomplete (the course's default), the score of the attempt, suspended.
        assert state["core"]["lesson_status"] == "incomplete" and state["core"]["score"]["raw"] == "0"
        assert state["core"]["exit"] == "suspend"
    else:
        assert (state["completion_status"], state["success_status"]) == ("incomplete", "failed")
        assert state["exit"] == "suspend"
    learner.press("Gör om testet")
    result = learner.take_test(right=False)
    assert "inga försök kvar" in result
    expect(learner.course.get_by_role("button", name="Gör om testet")).to_be_hidden()
    learner.close()
    state = learner.lms()
    assert len(interactions(state)) == 4  # two attempts, two questions each
    assert {record["id"].rsplit("A", 1)[1] for record in interactions(state)} == {"1", "2"}
    if standard == "scorm12":
        assert state["core"]["lesson_status"] == "failed" and state["core"]["exit"] == ""
        assert {record["result"] for record in interactions(state)} == {"wrong"}
    else:
        assert (state["completion_status"], state["success_status"]) == ("completed", "failed")
        assert state["exit"] == "normal"
        assert {record["result"] for record in interactions(state)} == {"incorrect"}


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_a_retry_after_failing_can_pass(page, site, standard):
    learner = Learner(page, site, COURSE, standard).launch()
    walk_and_take_test(learner, right=False)
    learner.press("Gör om testet")
    assert "godkänd på sluttestet" in learner.take_test(right=True)
    state = learner.lms()
    if standard == "scorm12":
        assert state["core"]["lesson_status"] == "passed" and state["core"]["score"]["raw"] == "100"
    else:
        assert (state["completion_status"], state["success_status"]) == ("completed", "passed")


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_relaunch_resumes_where_the_learner_left_with_progress_intact(page, site, standard):
    learner = Learner(page, site, COURSE, standard).launch()
    learner.start()
    learner.answer_checks()
    learner.next()
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    learner.close()
    kept = learner.kept()
    assert (kept["core"] if standard == "scorm12" else kept)["entry"] == "resume"

    learner.launch(kept)
    expect(learner.course.get_by_role("heading", level=1)).to_have_text(learner.data["title"])
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    expect(learner.visible_page.locator("h1")).to_be_focused()
    # Jäv was read to its end and its check answered; Legalitet only opened, its check not answered.
    expect(learner.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")
    toc = learner.course.get_by_role("navigation", name="Kursens innehåll")
    expect(toc.get_by_role("link", name="Jäv (klar)")).to_be_visible()
    learner.press("Föregående")
    check = learner.visible_page.locator("form.check")
    expect(check.get_by_label("Nej")).to_be_checked()
    expect(check.get_by_role("status")).to_contain_text("Rätt!")
    state = learner.lms()
    location = state["core"]["lesson_location"] if standard == "scorm12" else state["location"]
    assert location == "lektion-jav"


def test_progress_saved_by_one_version_survives_an_update_that_adds_a_lesson(page, site):
    old = Learner(page, site, COURSE, "scorm12", version="1.0").launch()
    old.start()
    old.answer_checks()
    old.next()
    old.close()
    kept = old.kept()

    new = Learner(page, site, COURSE, "scorm12", version="1.1").launch(kept)
    assert new.data["lessons"][0]["id"] == "inledning"
    expect(new.course.locator("#progress-text")).to_have_text("1 av 3 lektioner klara")
    new.press("Fortsätt där du slutade")
    expect(new.visible_page.locator("h1")).to_have_text("Legalitet")
    toc = new.course.get_by_role("navigation", name="Kursens innehåll")
    expect(toc.get_by_role("link", name="Jäv (klar)")).to_be_visible()
    expect(toc.get_by_role("link", name="Inledning", exact=True)).to_be_visible()


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_a_course_without_test_completes_when_every_lesson_is_read_and_its_checks_answered(page, site, standard):
    learner = Learner(page, site, "provkurs-utan-test", standard).launch()
    learner.start()
    learner.next()
    learner.press("Föregående")  # every lesson opened and left by its pager, nothing answered: not done
    state = learner.lms()
    assert (state["core"]["lesson_status"] if standard == "scorm12" else state["completion_status"]) == "incomplete"
    learner.read_lessons(learner.data["lessons"])
    page.wait_for_function("callLog().filter(([name]) => name.endsWith('Commit')).length >= 4")
    state = learner.lms()
    if standard == "scorm12":
        assert state["core"]["lesson_status"] == "completed"
    else:
        assert (state["completion_status"], state["success_status"]) == ("completed", "unknown")
        assert state["progress_measure"] == "1"
    learner.close()
    state = learner.lms()
    assert (state["core"]["exit"] if standard == "scorm12" else state["exit"]) in ("", "normal")


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_commits_come_at_status_and_page_changes_not_at_every_answer(page, site, standard):
    learner = Learner(page, site, COURSE, standard).launch()
    learner.start()
    commit = "LMSCommit" if standard == "scorm12" else "Commit"
    learner.read_to_end()
    commits_before = [c[0] for c in learner.calls()].count(commit)
    learner.choose_dilemmas()
    calls = [c[0] for c in learner.calls()]
    assert calls.count(commit) == commits_before  # answers wait for the next commit
    learner.answer_checks()  # the lesson's last check: the lesson is done, the status moves
    calls = [c[0] for c in learner.calls()]
    assert calls.count(commit) == commits_before + 1
    learner.next()
    page.wait_for_function(f"callLog().filter(([n]) => n === '{commit}').length > {commits_before}")
    learner.close()
    calls = [c[0] for c in learner.calls()]
    assert calls.count("LMSFinish" if standard == "scorm12" else "Terminate") == 1
    assert calls.count(commit) < calls.count("LMSSetValue" if standard == "scorm12" else "SetValue")


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_course_still_works_when_the_lms_refuses_every_value_and_commit(page, site, standard):
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    learner = Learner(page, site, COURSE, standard).launch(refuse=True)
    result = walk_and_take_test(learner, right=True)
    assert "godkänd på sluttestet" in result
    assert any("failed: 101" in warning for warning in warnings)
    assert page.errors == []
    learner.close()


def test_the_course_finds_its_lms_from_a_popup_window(page, site):
    learner = Learner(page, site, COURSE, "scorm2004").launch(popup=True)
    learner.start()
    learner.close()
    state = learner.lms()
    assert state["location"] == "lektion-jav"
    assert state["exit"] == "suspend"


def test_the_standalone_version_keeps_progress_across_a_reload(page, site):
    learner = Learner(page, site, COURSE, "web").launch()
    learner.start()
    learner.answer_checks()
    learner.next()
    page.reload()
    learner.wait_until_ready()
    expect(learner.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")


def test_the_standalone_version_works_opened_from_disk(page, site):
    learner = Learner(page, site, COURSE, "web")
    page.goto(site.folder_of(COURSE, "web").joinpath("index.html").as_uri())
    learner.wait_until_ready()
    learner.start()
    learner.next()
    page.reload()
    learner.wait_until_ready()
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    assert page.errors == []


def commits(learner: Learner) -> int:
    return sum(1 for call in learner.calls() if call[0] in ("LMSCommit", "Commit"))


def test_unsaved_answers_are_committed_by_the_timer_and_when_the_page_is_hidden(page, site):
    page.clock.install()
    learner = Learner(page, site, COURSE, "scorm2004").launch()
    learner.start()
    learner.choose_dilemmas()  # an answer that does not move the status
    before = commits(learner)
    page.clock.run_for(31_000)
    assert commits(learner) == before + 1
    page.clock.run_for(31_000)
    assert commits(learner) == before + 1  # nothing new to save: no commit
    learner.choose_dilemmas()
    learner.frame.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    assert commits(learner) == before + 2
    dilemma_key = next(iter(learner.data["dilemmas"].values()))["key"]
    assert f"~d{dilemma_key}=0" in learner.lms()["suspend_data"]  # the first choice, saved


def test_a_failed_commit_is_retried_once_not_in_a_loop(page, site):
    page.clock.install()
    learner = Learner(page, site, COURSE, "scorm12").launch(refuse=True)
    first = commits(learner)
    assert first == 1  # the launch's commit, refused
    page.clock.run_for(6_000)
    assert commits(learner) == 2  # tried once more
    page.clock.run_for(120_000)
    assert commits(learner) == 2
    learner.start()
    assert commits(learner) == 3
    page.clock.run_for(6_000)
    assert commits(learner) == 4


@pytest.mark.parametrize("course", ["sex-principerna", "forvaltningskunskap", "bemotande"])
def test_suspend_data_stays_small_and_round_trips_when_everything_is_answered(page, site, course):
    """The worst case: every lesson seen, every option of every question ticked, every dilemma
    answered, the last attempt used."""
    Learner(page, site, course, "web").launch()
    length, same = page.evaluate("""() => {
        const data = JSON.parse(document.getElementById("etos-data").textContent);
        const full = new Etos.Progress(data);
        data.lessons.forEach((lesson) => full.reached.add(lesson.id));
        full.settle();
        Object.values(data.checks).forEach((q) => { full.checks[q.id] = q.options.map((_, i) => i); });
        Object.keys(data.dilemmas).forEach((id) => { full.dilemmas[id] = [data.dilemmas[id].choices - 1]; });
        Object.assign(full.test, {attempts: data.test.attempts, score: 100, passed: false, submitted: true,
            draw: data.test.questions.slice(0, data.test.draw).map(
                (q) => ({id: q.id, answer: q.options.map((_, i) => i)}))});
        const text = full.encode();
        const again = new Etos.Progress(data);
        again.load(text);
        return [text.length,
            again.encode() === text && JSON.stringify(again.status()) === JSON.stringify(full.status())];
    }""")
    assert length < 1000
    assert same
