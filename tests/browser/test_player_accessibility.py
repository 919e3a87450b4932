"""WCAG 2.1 AA in practice: axe-core on every page of every course, in every state a learner can
bring it to; reflow at 320 px and 200 % zoom; the whole course by keyboard alone; focus and
announcements where a screen reader user needs them."""

from __future__ import annotations

import pytest
from learner import NODE_MODULES, REAL_COURSES, Learner, expect

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ALL_COURSES = ["provkurs", *REAL_COURSES]


def axe_violations(learner: Learner, where: str) -> list[str]:
    frame = learner.frame
    if not frame.evaluate("() => Boolean(window.axe)"):
        # Evaluated by the browser's devtools channel: the page's Content-Security-Policy rightly
        # refuses an injected <script>.
        frame.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = frame.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) =>
              `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }""",
        AXE_TAGS,
    )
    return [f"{where}: {violation}" for violation in found]


@pytest.mark.parametrize("course", ALL_COURSES)
def test_every_page_in_every_state_has_no_axe_violations(page, site, course):
    learner = Learner(page, site, course, "web").launch()
    problems = axe_violations(learner, "start")
    learner.start()
    for lesson in learner.data["lessons"]:
        expect(learner.visible_page.locator("h1")).to_have_text(lesson["title"])
        problems += axe_violations(learner, lesson["title"])
        if learner.answer_checks(right=False) + learner.choose_dilemmas():
            problems += axe_violations(learner, f"{lesson['title']}, answered")
        learner.next()
    if learner.data["test"]:
        learner.press("Lämna in svaren")  # nothing answered: the alert
        expect(learner.visible_page.locator(".test-missing")).not_to_be_empty()
        problems += axe_violations(learner, "final test, unanswered")
        learner.take_test(right=False)
        problems += axe_violations(learner, "final test, failed")
        learner.next()
    if learner.course.locator("#ordlista").count():
        problems += axe_violations(learner, "glossary")
        first_page_with_a_term = learner.course.locator(".lesson:has(a.term)").first.get_attribute("id")
        learner.course.locator(f'.toc a[data-page="{first_page_with_a_term}"]').click()
        learner.visible_page.locator("a.term").first.click()
        expect(learner.visible_page.locator(".term-definition").first).to_be_visible()
        problems += axe_violations(learner, "a term's definition open in the lesson")
        learner.visible_page.locator(".term-definition a").first.click()
        expect(learner.course.locator(".return")).to_be_visible()
        problems += axe_violations(learner, "glossary, reached from a term")
    assert problems == []


@pytest.mark.parametrize("course", ALL_COURSES)
@pytest.mark.parametrize("width", [320, 640])
def test_every_page_reflows_without_sideways_scrolling(browser, site, course, width):
    """320 CSS px is a phone; 640 is a 1280 px window at 200 % zoom."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    Learner(page, site, course, "web").launch()
    too_wide = []
    for page_id in page.evaluate("[...document.querySelectorAll('main > .page')].map((p) => p.id)"):
        page.evaluate("(id) => { document.querySelectorAll('main > .page')"
                      ".forEach((p) => { p.hidden = p.id !== id; }); }", page_id)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            too_wide.append(page_id)
    context.close()
    assert too_wide == []


def focused(frame) -> str:
    """What has the keyboard focus, in words: tag, then its text or label."""
    return frame.evaluate("""() => {
        const e = document.activeElement;
        const label = e.labels && e.labels.length ? e.labels[0].textContent : e.textContent;
        return `${e.tagName} ${label.trim().replace(/\\s+/g, " ")}`;
    }""")


def tab_to(learner: Learner, wanted: str, most: int = 80) -> None:
    """Presses Tab until the focused element's description starts with `wanted` (its spaces folded as
    `focused` folds them: a no-break space, as in "5 §", is a space there)."""
    wanted = " ".join(wanted.split())
    for _ in range(most):
        if focused(learner.frame).startswith(wanted):
            return
        learner.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {wanted!r}; last: {focused(learner.frame)!r}")


def test_the_whole_course_can_be_taken_with_the_keyboard_alone(page, site):
    learner = Learner(page, site, "provkurs", "scorm2004").launch()
    keys = page.keyboard
    tab_to(learner, "A Starta kursen")
    keys.press("Enter")
    assert focused(learner.frame) == "H1 Jäv"

    tab_to(learner, "A jävig")  # a glossary term: its definition in place, then on to the glossary and back
    keys.press("Enter")
    assert focused(learner.frame) == "A jävig"
    expect(learner.visible_page.locator(".term-definition")).to_be_visible()
    tab_to(learner, "A Hela ordlistan")
    keys.press("Enter")
    assert focused(learner.frame) == "DT Jäv"
    tab_to(learner, "BUTTON Tillbaka till Jäv")
    keys.press("Enter")
    assert focused(learner.frame) == "A Hela ordlistan"

    tab_to(learner, "INPUT Du handlägger ärendet som vanligt.")
    keys.press("ArrowDown")  # the second choice
    tab_to(learner, "BUTTON Visa återkoppling")
    keys.press("Enter")
    expect(learner.course.locator("form.dilemma").get_by_role("status")).to_contain_text("Det kräver 18 §.")
    check = learner.visible_page.locator("form.check").first
    tab_to(learner, f"INPUT {check.locator('label').first.inner_text()}")  # the options are shuffled
    keys.press("Space")
    while focused(learner.frame) != "INPUT Nej":
        keys.press("ArrowDown")
    tab_to(learner, "BUTTON Svara")
    keys.press("Enter")
    expect(learner.course.locator("form.check").first.get_by_role("status")).to_contain_text("Rätt!")

    for heading in ("Legalitet", "Sluttest"):
        tab_to(learner, "BUTTON Nästa")
        keys.press("Enter")
        assert focused(learner.frame) == f"H1 {heading}"

    pool = {q["id"]: q for q in learner.data["test"]["questions"]}
    boxes = learner.visible_page.locator(".question.test:not([hidden])")
    for i in range(boxes.count()):
        question = pool[boxes.nth(i).get_attribute("data-question")]
        first_label = boxes.nth(i).locator("label").first.inner_text()
        values = boxes.nth(i).locator("input").evaluate_all("(inputs) => inputs.map((i) => i.value)")
        shown = [int(value) for value in values]
        tab_to(learner, f"INPUT {first_label}")
        if question["type"] == "flerval":
            for index in shown:  # in the order shown, which is shuffled
                if index in question["correct"]:
                    keys.press("Space")
                keys.press("Tab")
        else:
            keys.press("Space")
            for _ in range(shown.index(question["correct"][0])):
                keys.press("ArrowDown")
    tab_to(learner, "BUTTON Lämna in svaren")
    keys.press("Enter")
    assert focused(learner.frame).startswith("DIV Du fick 2 av 2 rätt")
    learner.close()
    assert learner.lms()["success_status"] == "passed"


def test_feedback_is_announced_in_live_regions(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.start()
    check = learner.visible_page.locator("form.check")
    status = check.get_by_role("status")
    expect(status).to_be_empty()
    check.get_by_role("button", name="Svara").click()
    expect(status).to_have_text("Välj ett svar först.")
    check.get_by_label("Ja").check()
    check.get_by_role("button", name="Svara").click()
    expect(status).to_have_text("Inte rätt. Nej, 17 § förbjuder det.")
    expect(check.locator(".option:has(input[value='0'])")).to_contain_text("Ditt svar är fel.")
    expect(check.locator(".option:has(input[value='1'])")).to_contain_text("Rätt svar.")


def test_reduced_motion_turns_transitions_off(browser, site):
    for motion, expected in (("reduce", "0s"), ("no-preference", "0.15s")):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        Learner(page, site, "provkurs", "web").launch()
        duration = page.evaluate("getComputedStyle(document.querySelector('.button')).transitionDuration")
        context.close()
        assert duration.split(",")[0] == expected


def test_the_page_language_is_set(page, site):
    Learner(page, site, "provkurs", "web").launch()
    assert page.evaluate("document.documentElement.lang") == "sv"
