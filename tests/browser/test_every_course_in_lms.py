"""Every real course in both SCORM versions, taken the way a learner takes it: half the lessons, a
break (the LMS closes the course and relaunches it with what it kept), the rest, a failed test, a
retry that passes. Then what the LMS holds is checked against both standards' formats."""

from __future__ import annotations

import re

import pytest
from learner import REAL_COURSES, SCORM12_TIMESPAN, SCORM2004_DURATION, STANDARDS, Learner, expect, interactions


def tracking(state: dict, standard: str) -> dict:
    if standard == "scorm12":
        core = state["core"]
        return {"status": core["lesson_status"], "location": core["lesson_location"], "exit": core["exit"],
                "score": core["score"]["raw"], "entry": core.get("entry", ""), "time": core["session_time"]}
    return {"status": (state["completion_status"], state["success_status"]), "location": state["location"],
            "exit": state["exit"], "score": state["score"]["raw"], "time": state["session_time"]}


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("course", REAL_COURSES)
def test_a_learner_takes_the_whole_course_with_a_break_and_a_retry(page, site, course, standard):
    learner = Learner(page, site, course, standard).launch()
    lessons = learner.data["lessons"]
    half = len(lessons) // 2
    learner.start()
    learner.read_lessons(lessons[:half])
    learner.close()
    kept = learner.kept()
    assert tracking(learner.lms(), standard)["exit"] == "suspend"
    assert tracking(learner.lms(), standard)["location"] == f"lektion-{lessons[half - 1]['id']}"

    learner.launch(kept)
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text(lessons[half - 1]["title"])
    expect(learner.course.locator("#progress-text")).to_have_text(f"{half} av {len(lessons)} lektioner klara")
    answered = learner.visible_page.locator("form.check .feedback:not(:empty)")
    expect(answered).to_have_count(learner.visible_page.locator("form.check").count())
    learner.next()
    learner.read_lessons(lessons[half:])
    learner.next()

    result = learner.take_test(right=False)
    assert "Du är inte godkänd" in result
    state = tracking(learner.lms(), standard)
    assert state["status"] == ("incomplete" if standard == "scorm12" else ("incomplete", "failed"))  # attempts left
    assert state["score"] == "0"
    learner.press("Gör om testet")
    assert "Du är godkänd" in learner.take_test(right=True)
    expect(learner.course.locator("#progress-text")).to_have_text(f"{len(lessons)} av {len(lessons)} lektioner klara")
    learner.close()

    state = learner.lms()
    tracked = tracking(state, standard)
    assert tracked["status"] == ("passed" if standard == "scorm12" else ("completed", "passed"))
    assert tracked["score"] == "100"
    assert tracked["location"] == "sluttest"
    assert tracked["exit"] == ("" if standard == "scorm12" else "normal")
    assert (SCORM12_TIMESPAN if standard == "scorm12" else SCORM2004_DURATION).match(tracked["time"])
    assert len(state["suspend_data"]) < 1000
    records = interactions(state)
    draw = learner.data["test"]["draw"]
    assert len(records) == 2 * draw
    wrong = "wrong" if standard == "scorm12" else "incorrect"
    assert [r["result"] for r in records] == [wrong] * draw + ["correct"] * draw
    response = "student_response" if standard == "scorm12" else "learner_response"
    separator = "," if standard == "scorm12" else re.escape("[,]")
    for record in records:
        assert record["type"] in ("choice", "true-false")
        if record["type"] == "true-false":
            assert record[response] in (("t", "f") if standard == "scorm12" else ("true", "false"))
        else:
            assert re.fullmatch(rf"[a-z](?:{separator}[a-z])*", record[response])
        if standard == "scorm2004":
            assert 0 < len(record["description"]) <= 250
            assert not record.get("latency")
