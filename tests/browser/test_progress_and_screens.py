"""Progress that means something (a lesson is done when read to its end with its checks answered),
the welcome back at the top of the start page, the end screen, the advice when no attempts are left,
the lesson title in view at 320 px and at 200 % zoom, block titles as headings and no landmarks but
the page's own four; axe-core and the keyboard in every new state."""

from __future__ import annotations

import re

import pytest
from learner import REAL_COURSES, Learner, expect
from test_player_accessibility import axe_violations, focused, tab_to

DONE = re.compile(r"\bdone\b")


def toc_link(learner: Learner, page_id: str):
    return learner.course.locator(f'.toc a[data-page="{page_id}"]')


@pytest.fixture
def short_window(browser):
    """A window lower than each of the fixture's lessons, so that opening one shows only its top."""
    context = browser.new_context(viewport={"width": 1280, "height": 260}, locale="sv-SE", reduced_motion="reduce")
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    context.close()


def test_opening_a_lesson_or_clicking_through_the_contents_marks_nothing_done(short_window, site):
    learner = Learner(short_window, site, "provkurs", "web").launch()
    for lesson in learner.data["lessons"]:
        toc_link(learner, lesson["page"]).click()
        expect(learner.visible_page.locator("h1")).to_have_text(lesson["title"])
    learner.follow("Start")
    expect(learner.course.locator("#progress-text")).to_have_text("0 av 2 lektioner klara")
    expect(learner.course.locator(".toc a.done")).to_have_count(0)
    expect(learner.course.get_by_role("link", name=re.compile(r"\(klar\)"))).to_have_count(0)


def test_a_lesson_is_done_once_read_to_its_end_and_its_checks_answered_in_either_order(short_window, site):
    learner = Learner(short_window, site, "provkurs", "web").launch()
    learner.start()
    jav, legalitet = learner.data["lessons"]
    # Jäv: the check answered first (without scrolling down), then the lesson read to its end.
    short_window.evaluate("""() => {
        const form = document.querySelector("#lektion-jav form.check");
        form.querySelector("input[value='1']").click();
        form.requestSubmit();
    }""")
    expect(learner.visible_page.locator("form.check .feedback")).to_have_text("Rätt! Rätt.")
    learner.frame.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    expect(toc_link(learner, jav["page"])).not_to_have_class(DONE)  # still at the top: not read
    short_window.mouse.wheel(0, 20_000)
    expect(toc_link(learner, jav["page"])).to_have_class(DONE)
    expect(learner.course.get_by_role("link", name="Jäv (klar)")).to_be_visible()
    expect(learner.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")

    toc_link(learner, legalitet["page"]).click()
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")
    tab_to(learner, "BUTTON Föregående")  # read to the end with the keyboard: Tab reached the pager
    expect(toc_link(learner, legalitet["page"])).not_to_have_class(DONE)  # its check not answered yet
    learner.answer_checks()
    expect(toc_link(learner, legalitet["page"])).to_have_class(DONE)
    expect(learner.course.locator("#progress-text")).to_have_text("2 av 2 lektioner klara")


def test_start_test_and_glossary_carry_no_progress_mark(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.take_whole_course(right=True)
    for page_id in ("start", "sluttest", "ordlista"):
        link = toc_link(learner, page_id)
        expect(link).not_to_have_class(DONE)
        expect(link).not_to_contain_text("(klar)")
        assert link.evaluate("(a) => getComputedStyle(a, '::before').content") in ("none", "normal")
    for lesson in learner.data["lessons"]:
        assert toc_link(learner, lesson["page"]).evaluate("(a) => getComputedStyle(a, '::before').content") == '""'


# --- welcome back, end, no attempts left -----------------------------------------------------------------

def test_welcome_back_and_the_resume_button_come_first_on_the_start_page(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    expect(learner.course.get_by_role("heading", name="Välkommen tillbaka")).to_be_hidden()
    learner.start()
    learner.answer_checks()
    learner.read_to_end()
    learner.next()
    learner.launch()
    welcome = learner.course.locator(".welcome")
    expect(welcome.get_by_role("heading", level=2)).to_have_text("Välkommen tillbaka")
    expect(welcome).to_contain_text("Du har gjort klart 1 av 2 lektioner. Du fortsätter med: Legalitet.")
    resume = learner.course.get_by_role("button", name="Fortsätt där du slutade")
    expect(resume).to_be_in_viewport()
    below = learner.course.locator("#start .facts, #start h2:not(.welcome h2)")
    assert resume.bounding_box()["y"] < min(below.nth(i).bounding_box()["y"] for i in range(below.count()))
    resume.click()
    expect(learner.visible_page.locator("h1")).to_have_text("Legalitet")


def test_the_resume_button_never_leads_to_the_glossary(page, site):
    """The glossary is never a bookmark: the way back is the lesson the learner was in before it.
    (A bookmark that is no lesson, with progress: the first lesson not done; see test_lms_record.)"""
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.start()
    learner.answer_checks()
    learner.next()
    learner.follow("Värdegrundens ABC")
    expect(learner.visible_page.locator("h1")).to_have_text("Värdegrundens ABC")
    learner.launch()  # saved while on the glossary
    expect(learner.course.locator(".welcome")).to_contain_text("Du fortsätter med: Legalitet.")
    learner.press("Fortsätt där du slutade")
    expect(learner.visible_page).to_have_id("lektion-legalitet")


SAVED = {"saved": "Resultatet är sparat i lärplattformen.", "local": "Resultatet är sparat i den här webbläsaren.",
         "pending": "Resultatet är inte sparat än.", "failed": "Resultatet är inte sparat än."}


def record_state(learner: Learner, state: str) -> None:
    learner.frame.evaluate(
        "(state) => document.dispatchEvent(new CustomEvent('etos:record', {detail: {state, mode: 'lms'}}))", state)


def test_the_end_screen_tells_the_result_whether_it_is_saved_and_what_comes_next(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.take_whole_course(right=True)
    learner.follow("Till kursens slut")
    end = learner.visible_page
    expect(end.locator("h1")).to_have_text("Kursens slut")
    expect(end.locator("h1")).to_be_focused()
    expect(end.locator(".end-result")).to_have_text(
        "Du är godkänd på sluttestet med 100 procent rätt. Du har gjort klart 2 av 2 lektioner.")
    expect(end.get_by_role("heading", name="Vad händer nu?")).to_be_visible()
    expect(end.get_by_role("link", name="Värdegrundens ABC")).to_be_visible()
    expect(end).to_contain_text("handledare")  # the fixture course has a facilitator guide
    expect(end.locator(".end-no-attempts")).to_be_hidden()
    for state, words in SAVED.items():
        record_state(learner, state)
        expect(end.locator(".end-saved")).to_have_text(words)
        close = ("Du kan stänga fönstret nu." if state in ("saved", "local")
                 else "Stäng inte fönstret förrän resultatet är sparat.")
        expect(end.locator(".end-close")).to_have_text(close)
    learner.follow("Sluttest (godkänd)")
    expect(learner.visible_page.locator(".test-saved")).to_have_text(SAVED["failed"])
    record_state(learner, "saved")
    expect(learner.visible_page.locator(".test-saved")).to_have_text(SAVED["saved"])


def test_no_attempts_left_gives_advice_and_leaves_the_lessons_readable(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.take_whole_course(right=False)
    learner.press("Gör om testet")
    assert "inga försök kvar" in learner.take_test(right=False)
    expect(learner.course.get_by_role("button", name="Gör om testet")).to_be_hidden()
    learner.follow("Till kursens slut")
    advice = learner.visible_page.locator(".end-no-attempts")
    expect(advice.get_by_role("heading", level=2)).to_have_text("Du har inga försök kvar")
    expect(advice).to_contain_text("Kontakta den som administrerar kursen eller lärplattformen")
    expect(advice).to_contain_text("Lektionerna kan du fortfarande läsa.")
    expect(learner.visible_page.locator(".end-result")).to_contain_text(
        "Du blev inte godkänd på sluttestet. Du fick 0 procent rätt")
    toc_link(learner, "lektion-jav").click()
    expect(learner.visible_page.locator("h1")).to_have_text("Jäv")


# --- small screens and zoom ------------------------------------------------------------------------------

@pytest.mark.parametrize("course", ["provkurs", *REAL_COURSES])
@pytest.mark.parametrize("width, height, scale", [(320, 640, 1), (640, 450, 2)],
                         ids=["320px", "1280px-window-at-200-percent"])
def test_choosing_a_lesson_in_the_contents_shows_its_title_at_the_top_with_focus(browser, site, course, width, height,
                                                                                  scale):
    """200 % zoom of a 1280 × 900 window: 640 × 450 CSS pixels, two device pixels to each."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                  locale="sv-SE", reduced_motion="reduce")
    learner = Learner(context.new_page(), site, course, "web").launch()
    lessons = learner.data["lessons"]
    learner.start()
    learner.page.mouse.wheel(0, 3000)  # somewhere in the middle of the first lesson
    for lesson in [lessons[-1], *lessons[1:3], lessons[0]]:
        contents = learner.course.locator(".toc summary")
        contents.click()  # the contents are folded on a narrow screen
        toc_link(learner, lesson["page"]).click()
        heading = learner.visible_page.locator("h1")
        expect(heading).to_have_text(lesson["title"])
        expect(heading).to_be_focused()
        box = heading.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (lesson["title"], box)
        assert box["y"] < height / 3, (lesson["title"], box)  # at the top, not somewhere further down
        learner.page.mouse.wheel(0, 3000)
    context.close()


# --- structure -------------------------------------------------------------------------------------------

LANDMARKS = {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"}


def landmark_roles(page) -> list[str]:
    """Every landmark in the accessibility tree Chromium builds, hidden pages shown one by one."""
    session = page.context.new_cdp_session(page)
    roles = []
    for page_id in page.evaluate("[...document.querySelectorAll('main > .page')].map((p) => p.id)"):
        page.evaluate("(id) => document.querySelectorAll('main > .page')"
                      ".forEach((p) => { p.hidden = p.id !== id; })", page_id)
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
        for node in nodes:
            role = node.get("role", {}).get("value")
            named = node.get("name", {}).get("value")  # a form or region without a name is no landmark
            if not node.get("ignored") and role in LANDMARKS and (named or role not in ("form", "region")):
                roles.append(role)
    session.detach()
    return roles


@pytest.mark.parametrize("course", ["provkurs", *REAL_COURSES])
def test_boxes_are_not_landmarks_and_block_titles_are_headings_in_order(page, site, course):
    learner = Learner(page, site, course, "web").launch()
    assert set(landmark_roles(page)) == {"banner", "navigation", "main", "contentinfo"}
    assert page.locator("aside, [role=region], [role=complementary]").count() == 0
    titles = page.evaluate("[...document.querySelectorAll('.lesson .block-title')].map((t) => t.tagName)")
    assert titles and set(titles) <= {"H2", "H3"}
    skips = page.evaluate("""() => [...document.querySelectorAll('.lesson')].flatMap((lesson) => {
        let level = 1;
        return [...lesson.querySelectorAll('h1, h2, h3, h4, h5, h6')].flatMap((h) => {
            const next = Number(h.tagName[1]);
            const skipped = next > level + 1 ? [`${lesson.id}: ${h.tagName} ${h.textContent} after h${level}`] : [];
            level = next;
            return skipped;
        });
    })""")
    assert skips == []
    check_titles = page.evaluate("[...document.querySelectorAll('form.check > .block-title')]"
                                 ".map((t) => t.tagName + ' ' + t.textContent)")
    assert len(check_titles) == len(learner.data["checks"]) and {t[3:] for t in check_titles} == {"Kunskapskoll"}


# --- axe-core and the keyboard in the new states ---------------------------------------------------------

def test_the_new_screens_have_no_axe_violations(page, browser, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.start()
    learner.answer_checks()
    learner.read_to_end()
    learner.next()
    learner.launch()
    problems = axe_violations(learner, "start, welcome back")
    learner.follow("Sluttest")
    learner.take_test(right=False)
    problems += axe_violations(learner, "failed attempt, key withheld")
    learner.press("Gör om testet")
    learner.take_test(right=False)
    problems += axe_violations(learner, "no attempts left, key shown")
    learner.follow("Till kursens slut")
    problems += axe_violations(learner, "end screen, no attempts left")
    context = browser.new_context(locale="sv-SE", reduced_motion="reduce")  # another learner
    learner = Learner(context.new_page(), site, "provkurs", "web").launch()
    learner.follow("Sluttest")
    learner.take_test(right=True)
    problems += axe_violations(learner, "passed")
    learner.follow("Till kursens slut")
    problems += axe_violations(learner, "end screen, passed")
    context.close()
    assert problems == []


def test_the_new_screens_work_with_the_keyboard_alone(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.start()
    learner.launch()
    keys = page.keyboard
    tab_to(learner, "BUTTON Fortsätt där du slutade")
    keys.press("Enter")
    assert focused(learner.frame) == "H1 Jäv"
    tab_to(learner, "A Sluttest")
    keys.press("Enter")
    assert focused(learner.frame) == "H1 Sluttest"
    boxes = learner.visible_page.locator(".question.test:not([hidden])")
    for i in range(boxes.count()):
        tab_to(learner, f"INPUT {boxes.nth(i).locator('label').first.inner_text()}")
        keys.press("Space")  # the first option shown: right or wrong, whatever the shuffle gave
    tab_to(learner, "BUTTON Lämna in svaren")
    keys.press("Enter")
    assert focused(learner.frame).startswith("DIV Du fick")
    if learner.visible_page.locator(".question-verdict a").count():  # a wrong answer: back to its lesson
        lesson = learner.visible_page.locator(".question-verdict a").last.inner_text()
        for _ in range(30):  # back up from the result to the last wrong question's lesson link
            if learner.frame.evaluate("() => Boolean(document.activeElement.closest('.question-verdict'))"):
                break
            keys.press("Shift+Tab")
        assert focused(learner.frame) == f"A {lesson}"
        keys.press("Enter")
        assert focused(learner.frame) == f"H1 {lesson}"
        tab_to(learner, "BUTTON Tillbaka till Sluttest")
        keys.press("Enter")
    tab_to(learner, "BUTTON Nästa")
    keys.press("Enter")
    assert focused(learner.frame) == "H1 Kursens slut"
