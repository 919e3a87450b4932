"""The designed player: the glossary in place, forced colours, the cover in the first viewport, tables at
320 px and a course in English, in Debian's Chromium."""

from __future__ import annotations

import pytest
from learner import REAL_COURSES, Learner, expect
from test_player_accessibility import axe_violations

DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
}"""


def test_a_term_opens_its_definition_in_the_lesson_as_a_disclosure(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.start()
    term = learner.visible_page.locator("a.term").first
    assert term.get_attribute("aria-expanded") == "false"
    term.click()
    assert term.get_attribute("aria-expanded") == "true"
    definition = learner.course.locator(f"#{term.get_attribute('aria-controls')}")
    expect(definition).to_be_visible()
    expect(definition).to_contain_text("Jäv:")
    expect(definition.get_by_role("link", name="Hela ordlistan")).to_have_attribute("href", term.get_attribute("href"))
    expect(learner.visible_page.locator("h1")).to_have_text("Jäv")  # still in the lesson
    assert learner.frame.evaluate(DUPLICATE_IDS) == []
    term.press("Enter")  # the keyboard closes it again
    assert term.get_attribute("aria-expanded") == "false"
    expect(definition).to_be_hidden()
    # A screen reader hears a link, collapsed or expanded, and the definition follows it at once.
    before = learner.frame.evaluate("(id) => document.getElementById(id).previousElementSibling.className",
                                    term.get_attribute("aria-controls"))
    assert before == "term"


@pytest.mark.parametrize("course", ["provkurs", *REAL_COURSES])
def test_in_forced_colours_boxes_keep_one_border_and_states_their_marks(browser, site, course):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, forced_colors="active",
                                  reduced_motion="reduce")
    page = context.new_page()
    learner = Learner(page, site, course, "web").launch()
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    stray = page.evaluate("""() => [...document.querySelectorAll('.toc a:not([aria-current])')]
        .filter((a) => getComputedStyle(a).borderLeftStyle !== 'none').map((a) => a.textContent)""")
    assert stray == []
    learner.start()
    problems = axe_violations(learner, "lesson in forced colours")
    form = learner.visible_page.locator("form.check").first
    form.locator("input").first.check()
    widths = page.evaluate("""(form) => [...form.querySelectorAll('.option')].map((o) =>
        parseFloat(getComputedStyle(o).borderTopWidth))""", form.element_handle())
    assert widths[0] > max(widths[1:])  # the learner's choice, by shape and not colour
    form.get_by_role("button").click()
    marks = page.evaluate("""(form) => [...form.querySelectorAll('.right .verdict, .wrong .verdict')]
        .map((v) => getComputedStyle(v, '::before').content)""", form.element_handle())
    assert set(marks) <= {'"✓ "', '"✗ "'} and marks
    context.close()
    assert problems == []


@pytest.mark.parametrize("course", ["provkurs", *REAL_COURSES])
@pytest.mark.parametrize("viewport", [(1280, 800), (375, 667)])
def test_the_cover_shows_the_start_button_in_the_first_viewport(browser, site, course, viewport):
    width, height = viewport
    page = browser.new_page(viewport={"width": width, "height": height})
    Learner(page, site, course, "web").launch()
    box = page.get_by_role("link", name="Starta kursen").bounding_box()
    assert box and box["y"] + box["height"] <= height
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.locator(".cover h1").bounding_box()["width"] > 100  # not squeezed into nothing
    page.close()


def test_a_learner_coming_back_finds_continue_in_the_first_viewport_on_a_phone(browser, site):
    page = browser.new_page(viewport={"width": 375, "height": 667})
    learner = Learner(page, site, "sex-principerna", "web").launch()
    learner.start()
    learner.read_to_end()
    learner.next()
    page.reload()
    learner.wait_until_ready()
    resume = page.get_by_role("button", name="Fortsätt där du slutade")
    expect(resume).to_be_visible()
    box = resume.bounding_box()
    assert box and box["y"] + box["height"] <= 667
    page.close()


def test_tables_scroll_in_a_labelled_focusable_group_at_320_px(browser, site):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.start()
    group = learner.visible_page.locator(".table-scroll").first
    expect(group).to_have_attribute("role", "group")
    expect(group).to_have_attribute("aria-label", "Tabell, rulla i sidled")
    assert group.get_attribute("tabindex") == "0"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    hyphens = page.evaluate("getComputedStyle(document.querySelector('td')).hyphens")
    assert hyphens == "auto"
    page.close()


def test_an_english_course_speaks_english_from_cover_to_end(page, site):
    learner = Learner(page, site, "provkurs-en", "web").launch()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    learner.follow("Start the course")
    expect(learner.visible_page.locator(".lesson-number")).to_contain_text("Lesson 1 of 2")
    form = learner.visible_page.locator("form.check").first
    form.get_by_role("button", name="Answer").click()
    expect(form.get_by_role("status")).to_have_text("Choose an answer first.")
    learner.course.locator('.toc a[data-page="sluttest"]').click()
    learner.press("Hand in your answers")
    expect(learner.visible_page.locator(".test-missing")).to_contain_text("Answer every question before you hand in.")
    expect(learner.visible_page.locator(".unanswered-note").first).to_have_text("Not answered.")
    learner.visible_page.locator(".question.test:not([hidden])").evaluate_all(
        "(boxes) => boxes.forEach((box) => box.querySelector('input').click())")
    learner.press("Hand in your answers")
    expect(learner.visible_page.locator(".test-result")).to_contain_text("You got")
    learner.frame.evaluate("document.querySelector('.pager [data-action=next]').click()")
    expect(learner.visible_page.locator("h1")).to_have_text("End of the course")
    expect(learner.visible_page.locator(".end-saved")).to_have_text("The result is saved in this browser.")
    text = learner.frame.evaluate("document.body.innerText")
    swedish = [w for w in ("Starta", "Nästa", "Föregående", "Lämna in", "Dina framsteg", "Resultatet", "lektioner")
               if w in text]
    assert swedish == []
