"""Faults on the learner's side, in both SCORM versions: no LMS API at all, an LMS whose SetValue or
Commit fails, suspend data the LMS cuts short, a window closed mid-lesson, a course updated between
two sessions. In each the learner can go on, and nothing recorded earlier is lost.

Already proved in test_scorm_tracking.py, and not repeated here: an LMS that refuses everything,
a failed commit tried once more, a relaunch after a normal close, and an update that adds a lesson
to the course of a learner who is halfway through it."""

from __future__ import annotations

import pytest
from learner import STANDARDS, Learner, expect, interaction_of, interactions, recorded

COURSE = "provkurs"
PASSED = {"scorm12": "passed", "scorm2004": "completed/passed"}


def watch_console(page) -> tuple[list[str], list[str]]:
    """The course's console warnings, and any dialog (alert, confirm) it opens."""
    warnings: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return warnings, dialogs


def wait_for_commits(learner: Learner, count: int) -> None:
    learner.page.wait_for_function(
        f"callLog().filter(([name]) => name === 'LMSCommit' || name === 'Commit').length >= {count}")


def kept_of_a_cut_text(text: str) -> dict[str, list[str]]:
    """What the suspend-data format (progress.js) promises to keep of a text an LMS cut short: every
    section but the last whole; the last without its last, maybe cut, item; a cut test or draw
    section not at all."""
    *whole, last = text.split("~")[1:]
    kept = {section[0]: section[1:].split(".") for section in whole}
    if last[:1] and last[0] not in "tq":
        kept[last[0]] = last[1:].split(".")[:-1]
    return kept


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_frame_without_any_lms_api_keeps_progress_in_the_browser(page, site, standard):
    """A package put on a plain web page, or in an LMS frame that offers no run-time API."""
    warnings, dialogs = watch_console(page)
    learner = Learner(page, site, COURSE, standard).launch(no_api=True)
    learner.start()
    learner.answer_checks()
    learner.next()
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")

    learner.launch(no_api=True)  # the same browser, another day
    expect(learner.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    learner.press("Föregående")
    expect(learner.visible_page.locator("form.check").get_by_label("Nej")).to_be_checked()
    learner.next()
    learner.next()
    assert "godkänd på sluttestet" in learner.take_test(right=True)

    learner.launch(no_api=True)
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator(".test-result")).to_contain_text("Du är godkänd på sluttestet.")
    saved = learner.frame.evaluate(f"localStorage.getItem('etos:{COURSE}')")
    assert '"location":"sluttest"' in saved and "~e" in saved
    assert any("no SCORM API found" in warning for warning in warnings)
    assert page.errors == [] and dialogs == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_values_the_lms_refused_for_a_while_go_with_the_next_save(page, site, standard):
    """Suspend data and interactions refused through a whole session, status and score taken."""
    page.clock.install()
    warnings, dialogs = watch_console(page)
    learner = Learner(page, site, COURSE, standard).launch(
        faults={"set": ["cmi.suspend_data", "cmi.interactions"]})
    assert "godkänd på sluttestet" in learner.take_whole_course(right=True)
    during = learner.stored()
    assert recorded(during, standard)["status"] == PASSED[standard]  # what the LMS took, it kept
    assert recorded(during, standard)["score"] == "100"
    assert recorded(during, standard)["suspend"] == "" and interactions(during) == []
    assert any("failed: 101" in warning for warning in warnings)
    tried = [call[1] for call in learner.calls() if call[0].endswith("SetValue")]
    assert tried.count("cmi.suspend_data") <= learner.commits()  # once per save, never in a loop
    assert tried.count("cmi.interactions.0.id") <= learner.commits() + 1  # at the hand-in, then per save

    learner.set_faults({})  # the LMS is well again
    before = learner.commits()
    learner.press("Föregående")
    wait_for_commits(learner, before + 1)
    after = learner.stored()
    assert recorded(after, standard)["status"] == PASSED[standard]
    assert recorded(after, standard)["score"] == "100"
    assert recorded(after, standard)["suspend"].startswith("2~f~t1.100.p.1.")
    assert recorded(after, standard)["suspend"].endswith("~e")
    records = interactions(after)
    assert len({record["id"] for record in records}) == len(records) == learner.data["test"]["draw"]
    assert all(interaction_of(learner, record["id"])[1] == 1 for record in records)  # the first attempt's
    assert {record["result"] for record in records} == {"correct"}

    settled = learner.commits()
    page.clock.run_for(120_000)
    assert learner.commits() == settled  # nothing new: no more commits
    assert page.errors == [] and dialogs == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_commit_that_fails_is_made_good_by_the_next_one(page, site, standard):
    """Once, then twice in a row: the retry five seconds later, then the learner's next step."""
    page.clock.install()
    warnings, _ = watch_console(page)
    learner = Learner(page, site, COURSE, standard).launch()
    learner.start()
    learner.answer_checks()
    learner.read_to_end()  # the lesson is done: that status is committed now
    learner.set_faults({"commits": 1})  # fails once, then works
    before = learner.commits()
    learner.next()
    assert learner.commits() == before + 1
    assert recorded(learner.stored(), standard)["location"] == "lektion-jav"  # not stored yet
    page.clock.run_for(6_000)
    assert learner.commits() == before + 2  # tried once more, and stored
    stored = recorded(learner.stored(), standard)
    assert stored["location"] == "lektion-legalitet"
    check_key = learner.data["checks"]["jav-koll-1"]["key"]
    assert f"~c{check_key}=1" in stored["suspend"]

    learner.read_lessons(learner.data["lessons"][1:])
    learner.next()
    # Fails at the hand-in's commits (in 1.2 two: the status alone first, then the score) and the retry.
    learner.set_faults({"commits": 3 if standard == "scorm12" else 2})
    learner.take_test(right=True)
    page.clock.run_for(6_000)
    assert any("progress not stored" in warning for warning in warnings)
    assert recorded(learner.stored(), standard)["status"] != PASSED[standard]
    failed = learner.commits()
    page.clock.run_for(120_000)
    assert learner.commits() == failed  # no loop while nothing new happens

    learner.press("Föregående")  # the next save carries everything
    stored = learner.stored()
    assert recorded(stored, standard)["status"] == PASSED[standard]
    assert recorded(stored, standard)["score"] == "100"
    assert recorded(stored, standard)["suspend"].startswith("2~f~t1.100.p.1.")
    assert f"~c{check_key}=1" in recorded(stored, standard)["suspend"]
    assert len(interactions(stored)) == learner.data["test"]["draw"]
    assert learner.commits() == failed + 1
    assert page.errors == []


@pytest.mark.parametrize("cut", [40, 10])
@pytest.mark.parametrize("standard", STANDARDS)
def test_suspend_data_the_lms_cuts_short_loses_only_its_tail(page, site, standard, cut):
    """A learner who passed, in an LMS that keeps only `cut` characters: 10 cut the test's own
    section, 40 the lessons or what follows them, depending on the questions drawn."""
    first = Learner(page, site, COURSE, standard).launch(faults={"cut": cut})
    first.take_whole_course(right=True)
    first.close()
    kept = first.kept()
    text = kept["suspend_data"]
    assert len(text) == cut and not text.endswith("~e")  # the LMS did cut it
    promised = kept_of_a_cut_text(text)
    lessons_kept = [lesson for lesson in first.data["lessons"] if lesson["key"] in promised.get("s", [])]

    learner = Learner(page, site, COURSE, standard).launch(kept, faults={"cut": cut})
    wait_for_commits(learner, 1)
    state = recorded(learner.lms(), standard)
    assert (state["status"], state["score"]) == (PASSED[standard], "100")  # never set back
    expect(learner.course.locator("#progress-text")).to_have_text(f"{len(lessons_kept)} av 2 lektioner klara")
    toc = learner.course.get_by_role("navigation", name="Kursens innehåll")
    for lesson in first.data["lessons"]:
        name = f"{lesson['title']} (klar)" if lesson in lessons_kept else lesson["title"]
        expect(toc.get_by_role("link", name=name, exact=True)).to_be_visible()

    learner.start()
    learner.read_lessons(learner.data["lessons"])
    learner.next()
    if "t" in promised:
        expect(learner.visible_page.locator(".test-result")).to_contain_text("Du är godkänd på sluttestet.")
    else:
        expect(learner.visible_page.locator(".attempt")).to_have_text("Försök 1 av 2.")
        assert "godkänd på sluttestet" in learner.take_test(right=True)
    learner.close()
    state = recorded(learner.lms(), standard)
    assert (state["status"], state["score"]) == (PASSED[standard], "100")
    assert state["exit"] in ("", "normal")
    assert page.errors == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_window_that_vanishes_mid_lesson_resumes_from_the_last_commit(page, site, standard):
    """A crash or a killed browser: no pagehide, no finish; the LMS has what the last commit sent."""
    page.clock.install()
    learner = Learner(page, site, COURSE, standard).launch()
    learner.start()
    learner.answer_checks()
    learner.choose_dilemmas()
    learner.next()
    learner.answer_checks()  # on the second lesson: kept by the 30-second commit
    page.clock.run_for(31_000)
    kept = learner.kept(stored=True)  # the window vanishes: no pagehide, no finish
    assert not any(call[0] in ("LMSFinish", "Terminate") for call in learner.calls())

    learner.launch(kept)
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    expect(learner.visible_page.locator("form.check").get_by_label("Falskt")).to_be_checked()
    learner.press("Föregående")
    expect(learner.visible_page.locator("form.check").get_by_label("Nej")).to_be_checked()
    expect(learner.visible_page.locator("form.dilemma input").first).to_be_checked()
    learner.next()
    learner.next()
    assert "godkänd på sluttestet" in learner.take_test(right=True)
    assert page.errors == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_window_closed_before_its_answers_were_committed_saves_them_as_it_goes(page, site, standard):
    """The learner shuts the course's window, answers given since the last commit: pagehide saves them."""
    learner = Learner(page, site, COURSE, standard).launch(popup=True)
    learner.start()
    wait_for_commits(learner, 2)
    learner.answer_checks()  # the lesson may be done now: a status change, committed at once
    committed = learner.commits()
    learner.choose_dilemmas()
    assert learner.commits() == committed  # the answers wait for a commit
    learner.popup.close(run_before_unload=True)  # the learner closes the window
    page.wait_for_function("callLog().some(([name]) => name === 'LMSFinish' || name === 'Terminate')")
    assert learner.commits() == committed + 1
    kept = learner.kept(stored=True)
    assert (kept["core"] if standard == "scorm12" else kept)["entry"] == "resume"

    learner.popup = None
    learner.launch(kept)
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page.locator("h1")).to_have_text("Jäv")
    expect(learner.visible_page.locator("form.check").get_by_label("Nej")).to_be_checked()
    expect(learner.visible_page.locator("form.dilemma input").first).to_be_checked()
    assert page.errors == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_passed_learner_stays_passed_when_an_update_adds_a_lesson(page, site, standard):
    old = Learner(page, site, COURSE, standard, version="1.0").launch()
    old.take_whole_course(right=True)
    old.close()
    kept = old.kept()

    new = Learner(page, site, COURSE, standard, version="1.1").launch(kept)
    assert new.data["lessons"][0]["id"] == "inledning"
    wait_for_commits(new, 1)
    expect(new.course.locator("#progress-text")).to_have_text("2 av 3 lektioner klara")
    toc = new.course.get_by_role("navigation", name="Kursens innehåll")
    toc.get_by_role("link", name="Inledning", exact=True).click()
    expect(new.visible_page.locator("h1")).to_have_text("Inledning")
    expect(new.course.locator("#progress-text")).to_have_text("3 av 3 lektioner klara")
    new.close()
    state = recorded(new.lms(), standard)
    assert (state["status"], state["score"]) == (PASSED[standard], "100")
    assert state["exit"] in ("", "normal")
    assert state["suspend"].startswith("2~f~t1.100.p.1.")
    assert page.errors == []
