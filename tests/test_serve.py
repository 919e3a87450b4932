"""`etos serve`: the preview rebuilds on save, shows source errors in the page, and records what the
course sends to its LMS. HTTP-level tests first; then the real thing in headless Chromium."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from builder import serve
from builder.serve import PreviewServer

LESSON_2 = "provkurs/lessons/02-legalitet.md"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


def state(server: PreviewServer) -> dict:
    return json.loads(fetch(server.url + "api/state")[2])


def wait_for_build(server: PreviewServer, after: int, timeout: float = 10, linted: bool = False) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = state(server)
        if current["build"] > after and (current["linted"] or not linted):
            return current
        time.sleep(0.1)
    raise AssertionError(f"no build after number {after} within {timeout} s")


@pytest.fixture
def server(project):
    with PreviewServer(project, "provkurs", port=0) as running:
        yield running


# --- HTTP ------------------------------------------------------------------------------------------

def test_preview_page_hosts_the_course_and_the_panel(server):
    status, kind, page = fetch(server.url)
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert '<iframe id="course-frame" class="course-frame" src="/kurs/index.html"' in page
    assert '<script src="/forhandsvisning/recording-api.js"></script>' in page
    assert state(server)["title"] == 'Provkurs om jäv & "förvaltning" <1>'


def test_course_is_served_from_memory_as_packaged(server):
    status, kind, page = fetch(server.url + "kurs/index.html")
    assert status == 200 and 'data-standard="scorm12"' in page
    status, kind, _ = fetch(server.url + "kurs/media/javsgrunder.png")
    assert (status, kind) == (200, "image/png")
    assert fetch(server.url + "kurs/player/etos.css")[1] == "text/css; charset=utf-8"
    assert fetch(server.url + "kurs/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert fetch(server.url + "forhandsvisning/panel.js")[0] == 200
    assert fetch(server.url + "forhandsvisning/%2e%2e/texts.json")[0] == 404


def test_only_local_host_names_are_answered(server):
    assert fetch(server.url, headers={"Host": "angripare.example"})[0] == 403
    assert fetch(server.url, headers={"Host": f"localhost:{server.http.server_address[1]}"})[0] == 200


def test_saving_a_lesson_rebuilds_the_course(server, project):
    first = state(server)["build"]
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.", "Den offentliga makten utövas under lagarna.")
    rebuilt = wait_for_build(server, first)
    assert rebuilt["ok"] and rebuilt["changed"] == [LESSON_2]
    assert "Den offentliga makten utövas under lagarna." in fetch(server.url + "kurs/index.html")[2]


def test_editor_swap_files_do_not_rebuild(server, project):
    first = state(server)["build"]
    (project / "provkurs/lessons/.02-legalitet.md.swp").write_text("x", encoding="utf-8")
    (project / "provkurs/lessons/02-legalitet.md~").write_text("x", encoding="utf-8")
    time.sleep(3 * serve.POLL_SECONDS)
    assert state(server)["build"] == first


def test_a_source_error_replaces_the_course_with_file_line_and_source(server, project):
    first = state(server)["build"]
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    failed = wait_for_build(server, first)
    assert not failed["ok"]
    assert [(p["file"], p["line"], p["code"]) for p in failed["problems"]] == [(LESSON_2, 4, "yaml-syntax")]
    status, _, page = fetch(server.url + "kurs/index.html")
    assert status == 200
    assert "<h1>Kursen kunde inte byggas</h1>" in page
    assert f"<code>{LESSON_2}</code>, rad 4" in page
    assert '<span class="line-number">4</span> minuter: [5</span>' in page
    assert fetch(server.url + "kurs/player/etos.css")[0] == 404  # no stale course behind the error
    edit(project / LESSON_2, "minuter: [5", "minuter: 5")
    assert wait_for_build(server, failed["build"])["ok"]


def test_an_internal_error_is_shown_in_the_page_and_the_preview_keeps_running(server, project, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("trasig mall")

    monkeypatch.setattr(serve, "load_and_render", broken)
    first = state(server)["build"]
    edit(project / LESSON_2, "All offentlig", "Hela offentliga")
    failed = wait_for_build(server, first)
    assert not failed["ok"] and failed["internalError"].startswith("RuntimeError: trasig mall")
    assert "Ett internt fel i Etos stoppade bygget." in fetch(server.url + "kurs/index.html")[2]
    monkeypatch.undo()
    edit(project / LESSON_2, "Hela offentliga", "All offentlig")
    assert wait_for_build(server, failed["build"])["ok"]


def test_switching_standard_rebuilds_with_the_other_api(server):
    first = state(server)["build"]
    status, _, body = fetch(server.url + "api/choose", json.dumps({"standard": "scorm2004"}).encode(),
                            {"Content-Type": "application/json"})
    assert status == 200 and json.loads(body)["standard"] == "scorm2004"
    assert json.loads(body)["build"] == first + 1
    assert 'data-standard="scorm2004"' in fetch(server.url + "kurs/index.html")[2]
    fetch(server.url + "api/choose", json.dumps({"standard": "web"}).encode())
    assert state(server)["standard"] == "scorm2004"


def test_events_announce_every_build(server, project):
    with urllib.request.urlopen(server.url + "api/events", timeout=10) as events:
        assert events.headers["Content-Type"] == "text/event-stream; charset=utf-8"

        def next_event() -> dict:
            lines: list[str] = []
            while True:
                line = events.readline().decode("utf-8").rstrip("\n")
                if not line and lines:
                    break
                if line and not line.startswith(":"):
                    lines.append(line)
            assert lines[0] == "event: build"
            return json.loads(lines[1].removeprefix("data: "))

        current = next_event()
        edit(project / LESSON_2, "All offentlig", "Hela offentliga")
        assert next_event()["build"] == current["build"] + 1


def test_the_editor_s_warnings_come_with_each_build(server, project):
    first = state(server)["build"]
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    rebuilt = wait_for_build(server, first, linted=True)
    assert rebuilt["ok"]
    assert [(p["code"], p["line"]) for p in rebuilt["problems"]] == [("minutes-far-from-estimate", 4)]


def test_another_course_can_be_chosen(project):
    from click.testing import CliRunner

    from builder.cli import main

    CliRunner().invoke(main, ["--root", str(project), "new", "course", "andra-kursen", "--titel", "Andra kursen"])
    with PreviewServer(project, None, port=0) as running:
        assert state(running)["courses"] == ["provkurs", "andra_kursen"]
        assert '<option value="andra_kursen">andra_kursen</option>' in fetch(running.url)[2]
        chosen = json.loads(fetch(running.url + "api/choose", json.dumps({"course": "andra_kursen"}).encode())[2])
        assert (chosen["course"], chosen["courseId"], chosen["title"]) == ("andra_kursen", "andra-kursen", "Andra kursen")
        assert "<title>Andra kursen</title>" in fetch(running.url + "kurs/index.html")[2]
        fetch(running.url + "api/choose", json.dumps({"course": "../etc"}).encode())
        assert state(running)["course"] == "andra_kursen"


def test_preview_in_english(project):
    with PreviewServer(project, "provkurs", port=0, lang="en") as running:
        assert '<html lang="en">' in fetch(running.url)[2] and "Reset progress" in fetch(running.url)[2]
        first = state(running)["build"]
        edit(project / LESSON_2, "minuter: 5", "minuter: [5")
        failed = wait_for_build(running, first)
        assert failed["problems"][0]["message"].startswith("the YAML cannot be read")
        page = fetch(running.url + "kurs/index.html")[2]
        assert "The course could not be built" in page and f"<code>{LESSON_2}</code>, line 4" in page


def test_without_a_course_the_first_in_the_catalogue_is_shown(project):
    with PreviewServer(project, None, port=0) as running:
        assert state(running)["course"] == "provkurs"
        assert state(running)["courses"] == ["provkurs"]


# --- In a real browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_preview(browser, url: str):
    """A fresh browser context (its own localStorage) with the preview loaded and the course ready."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
    return page


@pytest.fixture
def page(browser, server):
    opened = open_preview(browser, server.url)
    yield opened
    opened.context.close()
    assert opened.errors == []


def course(page):
    return page.frame_locator("#course-frame")


def expect(locator, text: str, timeout: float = 10000) -> None:
    from playwright.sync_api import expect as playwright_expect

    playwright_expect(locator).to_have_text(text, timeout=timeout)


@pytest.mark.browser
def test_saved_edit_appears_without_a_manual_reload(page, project):
    page.evaluate("window.stillTheSamePage = true")
    course(page).locator("[data-action=start]").click()
    course(page).locator(".pager [data-action=next]").click()
    expect(course(page).locator("#lektion-legalitet-rubrik"), "Legalitet")
    edit(project / LESSON_2, "titel: Legalitet", "titel: Legalitetsprincipen")
    heading = course(page).locator("#lektion-legalitet-rubrik")
    expect(heading, "Legalitetsprincipen")
    assert page.evaluate("window.stillTheSamePage") is True
    # The author stays on the lesson, and the reload is a clean end and start of a session.
    heading.wait_for(state="visible", timeout=10000)
    calls = page.evaluate("Preview.lms.scorm12.calls.map((call) => call.name)")
    finish = calls.index("LMSFinish")
    assert calls.index("LMSInitialize") == 0 and calls.index("LMSInitialize", 1) > finish
    expect(page.locator("#lms-errors"), "Inga fel.")


@pytest.mark.browser
def test_yaml_error_shows_the_error_page_and_the_fix_brings_the_course_back(page, project):
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    expect(course(page).locator("body.error-page h1"), "Kursen kunde inte byggas")
    expect(course(page).locator(".source-place"), f"{LESSON_2}, rad 4")
    expect(course(page).locator(".source-line.marked"), "4 minuter: [5")
    expect(page.locator("#build-status"), "Fel i källorna: 1 fel")
    edit(project / LESSON_2, "minuter: [5", "minuter: 5")
    course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
    expect(course(page).locator("#start-rubrik"), 'Provkurs om jäv & "förvaltning" <1>')


@pytest.fixture
def course_without_test(project):
    edit(project / "provkurs/course.yaml", "sluttest:\n  antal: 2\n  godkänt: 80\n  försök: 2\n", "")
    return project


@pytest.mark.browser
def test_panel_shows_the_scorm12_status_after_the_lessons_are_finished(browser, course_without_test):
    with PreviewServer(course_without_test, "provkurs", port=0) as running:
        page = open_preview(browser, running.url)
        expect(page.locator("#lms-lesson-status"), "incomplete")
        course(page).locator("[data-action=start]").click()
        expect(page.locator("#lms-location-value"), "lektion-jav")
        expect(page.locator("#lms-lesson-status"), "incomplete")
        course(page).locator(".pager [data-action=next]").click()
        expect(page.locator("#lms-lesson-status"), "completed")
        assert 'LMSCommit("") → "true"' in page.locator("#lms-calls").inner_text()
        expect(page.locator("#lms-errors"), "Inga fel.")
        # What was committed survives a reload of the whole preview, as it would in an LMS.
        page.reload()
        course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
        expect(page.locator("#lms-lesson-status"), "completed")
        assert page.errors == []
        page.context.close()


@pytest.mark.browser
def test_panel_shows_the_scorm2004_status_and_reset_starts_afresh(browser, course_without_test):
    with PreviewServer(course_without_test, "provkurs", port=0, standard="scorm2004") as running:
        page = open_preview(browser, running.url)
        expect(page.locator("#panel-standard"), "(SCORM 2004)")
        expect(page.locator("#lms-completion-status"), "incomplete")
        course(page).locator("[data-action=start]").click()
        course(page).locator(".pager [data-action=next]").click()
        expect(page.locator("#lms-completion-status"), "completed")
        page.locator("#reset").click()
        course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
        expect(page.locator("#lms-completion-status"), "incomplete")
        assert page.evaluate("Preview.lms.scorm2004.values['cmi.entry']") == "ab-initio"
        assert page.errors == []
        page.context.close()


@pytest.mark.browser
def test_switching_to_scorm2004_in_the_page_reloads_the_course_with_the_other_api(page):
    page.locator("input[name=standard][value=scorm2004]").check()
    course(page).locator("html[data-standard=scorm2004][data-player=ready]").wait_for(timeout=10000)
    expect(page.locator("#panel-standard"), "(SCORM 2004)")
    expect(page.locator("#lms-completion-status"), "incomplete")
    calls = page.locator("#lms-calls").inner_text()
    assert 'Initialize("") → "true"' in calls and "LMSInitialize" not in calls


@pytest.mark.browser
@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_final_test_answers_are_listed_as_interactions(page, standard):
    if standard == "scorm2004":
        page.locator("input[name=standard][value=scorm2004]").check()
        course(page).locator("html[data-standard=scorm2004][data-player=ready]").wait_for(timeout=10000)
    frame = course(page)
    frame.locator("[data-action=start]").click()
    frame.locator(".pager [data-action=next]").click()
    frame.locator(".pager [data-action=next]").click()
    expect(frame.locator("#sluttest-rubrik"), "Sluttest")
    for question in frame.locator("#sluttest .question").all():
        if question.is_visible():
            question.locator("input").first.check()
    frame.locator("#sluttest .test-form [type=submit]").click()
    rows = page.locator("#lms-interactions-table tbody tr")
    rows.first.wait_for(timeout=10000)
    assert rows.count() == 2
    for row in rows.all():
        number, identifier, kind, response, correct, result = row.locator("td").all_inner_texts()
        assert kind in ("choice", "true-false") and response and correct
        assert result in (("correct", "wrong") if standard == "scorm12" else ("correct", "incorrect"))
    passed = page.locator(".result-correct").count() == 2
    status = "#lms-lesson-status" if standard == "scorm12" else "#lms-success-status"
    expect(page.locator(status), "passed" if passed else "failed")
    expect(page.locator("#lms-errors"), "Inga fel.")


# --- The recording API's rules, called as a course would -------------------------------------------

RULES_PROBE = """(standard) => {
  const memory = new Map();
  const storage = {getItem: (k) => memory.has(k) ? memory.get(k) : null, setItem: (k, v) => memory.set(k, v),
                   removeItem: (k) => memory.delete(k)};
  const launch = {courseId: "prov", learnerId: "x", learnerName: "Test, Person", masteryPercent: 80};
  const lms = new Preview.RecordingLms(Preview.rules[standard], launch, () => null, storage);
  const names = Preview.rules[standard].calls;
  // The API as one page sees it: calls made through it come from that page.
  const page = (caller) => {
    const api = lms.api(caller);
    return (name, ...args) => [api[names[name]](...args), api[names.getLastError]()];
  };
  return {call: page(null), page, lms};
}"""


def probe(page, standard: str, script: str):
    return page.evaluate(f"(standard) => {{ const {{call, page, lms}} = ({RULES_PROBE})(standard); {script} }}",
                         standard)


@pytest.mark.browser
def test_scorm12_rules(page):
    results = probe(page, "scorm12", """return [
      call("getValue", "cmi.core.lesson_status"),
      call("initialize", "x"),
      call("initialize", ""),
      call("initialize", ""),
      call("getValue", "cmi.core.lesson_status"),
      call("getValue", "cmi.core.student_name"),
      call("getValue", "cmi.student_data.mastery_score"),
      call("setValue", "cmi.core.student_name", "Någon"),
      call("setValue", "cmi.core.lesson_status", "klar"),
      call("setValue", "cmi.core.lesson_status", "not attempted"),
      call("setValue", "cmi.core.score.raw", "101"),
      call("setValue", "cmi.core.session_time", "00:01:30"),
      call("getValue", "cmi.core.session_time"),
      call("setValue", "cmi.core._children", "x"),
      call("getValue", "cmi.core._children"),
      call("setValue", "cmi.finns.inte", "1"),
      call("setValue", "cmi.interactions.1.id", "q1"),
      call("setValue", "cmi.interactions.0.id", "q1"),
      call("setValue", "cmi.interactions.0.type", "choice"),
      call("setValue", "cmi.interactions.0.student_response", "a,c"),
      call("setValue", "cmi.interactions.0.student_response", "första"),
      call("getValue", "cmi.interactions.0.id"),
      call("getValue", "cmi.interactions._count"),
      call("setValue", "cmi.suspend_data", "x".repeat(4097)),
      call("setValue", "cmi.core.exit", "suspend"),
      call("commit", ""),
      call("terminate", ""),
      call("setValue", "cmi.core.lesson_location", "x"),
      call("getValue", "cmi.core.lesson_location"),
    ];""")
    assert results == [
        ["", "301"], ["false", "201"], ["true", "0"], ["false", "101"],
        ["not attempted", "0"], ["Test, Person", "0"], ["80", "0"],
        ["false", "403"], ["false", "405"], ["false", "405"], ["false", "405"],
        ["true", "0"], ["", "404"], ["false", "402"],
        ["student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,"
         "session_time", "0"],
        ["false", "201"], ["false", "201"], ["true", "0"], ["true", "0"], ["true", "0"], ["false", "405"],
        ["", "404"], ["1", "0"], ["false", "405"], ["true", "0"], ["true", "0"], ["true", "0"],
        ["false", "101"], ["", "101"],
    ]


@pytest.mark.browser
def test_scorm2004_rules(page):
    results = probe(page, "scorm2004", """return [
      call("getValue", "cmi.location"),
      call("initialize", ""),
      call("getValue", "cmi.location"),
      call("getValue", "cmi.scaled_passing_score"),
      call("getValue", "cmi.entry"),
      call("setValue", "cmi.completion_status", "complete"),
      call("setValue", "cmi.score.scaled", "1.5"),
      call("setValue", "cmi.progress_measure", "0.5"),
      call("setValue", "cmi.learner_name", "x"),
      call("getValue", "cmi.exit"),
      call("setValue", "cmi.interactions.0.type", "choice"),
      call("setValue", "cmi.interactions.0.id", "fraga-1"),
      call("setValue", "cmi.interactions.0.learner_response", "a"),
      call("setValue", "cmi.interactions.0.type", "choice"),
      call("setValue", "cmi.interactions.0.learner_response", "a[,]c"),
      call("setValue", "cmi.interactions.0.learner_response", "a,c d"),
      call("setValue", "cmi.interactions.0.result", "wrong"),
      call("setValue", "cmi.interactions.0.result", "incorrect"),
      call("setValue", "cmi.interactions.2.id", "x"),
      call("setValue", "cmi.session_time", "PT1M30S"),
      call("setValue", "cmi.session_time", "00:01:30"),
      call("setValue", "cmi.exit", "suspend"),
      call("terminate", ""),
      call("getValue", "cmi.location"),
      call("setValue", "cmi.location", "x"),
      call("commit", ""),
      call("terminate", ""),
      call("initialize", ""),
    ];""")
    assert results == [
        ["", "122"], ["true", "0"], ["", "403"], ["0.8", "0"], ["ab-initio", "0"],
        ["false", "406"], ["false", "407"], ["true", "0"], ["false", "404"], ["", "405"],
        ["false", "408"], ["true", "0"], ["false", "408"], ["true", "0"], ["true", "0"], ["false", "406"],
        ["false", "406"], ["true", "0"], ["false", "351"],
        ["true", "0"], ["false", "406"], ["true", "0"], ["true", "0"],
        ["", "123"], ["false", "133"], ["false", "143"], ["false", "113"], ["false", "104"],
    ]


@pytest.mark.browser
def test_progress_is_kept_between_launches_and_a_new_attempt_follows_a_normal_exit(page):
    results = probe(page, "scorm2004", """
      const first = page("första sidan");
      first("initialize", "");
      first("setValue", "cmi.location", "lektion-2");
      first("setValue", "cmi.exit", "suspend");
      first("terminate", "");
      const second = page("andra sidan");
      second("initialize", "");
      const resumed = [second("getValue", "cmi.entry")[0], second("getValue", "cmi.location")[0]];
      second("setValue", "cmi.exit", "normal");
      second("setValue", "cmi.session_time", "PT2M");
      second("terminate", "");
      const third = page("tredje sidan");
      third("initialize", "");
      const fresh = [third("getValue", "cmi.entry")[0], third("getValue", "cmi.location")];
      return {resumed, fresh, notes: lms.notes.map((note) => note.kind)};
    """)
    assert results == {"resumed": ["resume", "lektion-2"], "fresh": ["ab-initio", ["", "403"]], "notes": ["newAttempt"]}


@pytest.mark.browser
def test_a_launch_that_never_terminates_is_reported(page):
    notes = probe(page, "scorm12", """
      const old = page("den gamla sidan");
      old("initialize", "");
      old("setValue", "cmi.core.lesson_location", "x");
      const replacement = page("den nya sidan");
      replacement("initialize", "");
      return [lms.notes.map((note) => note.kind), replacement("getValue", "cmi.core.lesson_location")];
    """)
    assert notes == [["abandoned"], ["", "0"]]


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(frame) -> list[str]:
    frame.add_script_tag(path=str(AXE))
    result = frame.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


@pytest.mark.browser
def test_preview_page_and_error_page_pass_axe(page, project):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    course(page).locator("[data-action=start]").click()
    assert axe_violations(page) == []
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    course(page).locator("body.error-page").wait_for(timeout=10000)
    assert axe_violations(page.frame(url=lambda url: "/kurs/" in url)) == []
