"""Screenshot tests of the key screens (cover, a lesson with blocks, a table, the final test, the end
screen) on a laptop (1280×800) and a phone (375×667), in the test LMS: each fails on a blank or a
broken layout, whatever the design looks like.

What counts as broken is measured, not compared with a stored picture, so the tests hold through a
redesign: the cover's start control lies inside the first view; the document never scrolls sideways;
no element cuts its own text off (overflow hidden with wider content); there is text to see in the
view; and the screenshot is not one flat colour. Screens are found by landmarks, roles and the page
ids the player's links and bookmarks depend on, never by CSS classes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from learner import Learner, expect

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 667}}
REFLOW = {"width": 320, "height": 640}  # WCAG 1.4.10: content at 320 CSS px without sideways scrolling
COURSE = "sex-principerna"  # a real course: long titles, tables, every kind of block
SMALL_COURSE = "provkurs"  # short enough to take whole, to reach the end screen
STANDARD = "scorm2004"
START = "Starta kursen"
RESUME = "Fortsätt där du slutade"

# Measured in the course's own document: sideways scrolling, text cut off by its box, and how much
# text is visible inside the view. Elements hidden for everyone, and the 1-pixel boxes that keep text
# for screen readers only, are left out.
LAYOUT = """() => {
  const view = { width: window.innerWidth, height: window.innerHeight };
  const shown = (e) => {
    const style = getComputedStyle(e);
    return style.display !== "none" && style.visibility === "visible" && e.getClientRects().length > 0;
  };
  const describe = (e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} "${e.textContent.trim().slice(0, 40)}"`
    + ` (${e.scrollWidth} > ${e.clientWidth})`;
  const clipped = [];
  for (const e of document.body.querySelectorAll("*")) {
    if (!shown(e) || !e.textContent.trim() || e.clientWidth <= 1) continue;
    const style = getComputedStyle(e);
    if (["hidden", "clip"].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1) clipped.push(describe(e));
  }
  let visibleCharacters = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || !shown(parent) || Number(getComputedStyle(parent).opacity) === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const inView = [...range.getClientRects()].some((r) => r.width > 0 && r.bottom > 0 && r.top < view.height
                                                     && r.right > 0 && r.left < view.width);
    if (inView) visibleCharacters += text.length;
  }
  const root = document.documentElement;
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, clipped, visibleCharacters, view };
}"""

IN_VIEW = """(e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
           viewWidth: window.innerWidth, viewHeight: window.innerHeight };
}"""


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport(request) -> tuple[str, dict[str, int]]:
    return request.param, VIEWPORTS[request.param]


def open_course(browser, site, course: str, size: dict[str, int]):
    context = browser.new_context(viewport=size, locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    return context, Learner(page, site, course, STANDARD).launch()


def show_page(learner: Learner, page_id: str) -> None:
    """Opens a page as its link in the course's contents does (the contents may be folded on a phone)."""
    learner.frame.evaluate("""(id) => document.querySelector(`nav a[href="#${id}"]`).click()""", page_id)
    expect(learner.course.locator(f"#{page_id}")).to_be_visible()


def lesson_pages(learner: Learner) -> list[str]:
    return [lesson["page"] for lesson in learner.data["lessons"]]


def lesson_with_most_blocks(learner: Learner) -> str:
    """The lesson with the most headed parts and answerable forms: boxes, dilemmas, knowledge checks."""
    counts = learner.frame.evaluate("""(ids) => ids.map((id) =>
        document.getElementById(id).querySelectorAll("h2, h3, fieldset").length)""", lesson_pages(learner))
    return max(zip(counts, lesson_pages(learner), strict=True), key=lambda pair: pair[0])[1]


def first_lesson_with_a_table(learner: Learner) -> str:
    page_id = learner.frame.evaluate("""(ids) => ids.find(
        (id) => document.getElementById(id).querySelector("table"))""", lesson_pages(learner))
    assert page_id, f"{learner.course_id} has no lesson with a table"
    return page_id


def assert_not_blank_or_broken(learner: Learner, screen: str, tmp_path: Path) -> None:
    """Every check a key screen must pass; the screenshot is kept in tmp_path to look at."""
    from PIL import Image

    layout = learner.frame.evaluate(LAYOUT)
    where = f"{screen} at {layout['view']['width']}×{layout['view']['height']}"
    assert layout["scrollWidth"] <= layout["clientWidth"], f"{where}: the document scrolls sideways"
    assert layout["clipped"] == [], f"{where}: text cut off by its box"
    assert layout["visibleCharacters"] >= 40, f"{where}: hardly any text in the view"
    visible_heading = learner.course.locator("main").get_by_role("heading", level=1).filter(visible=True)
    expect(visible_heading).to_have_count(1)
    png = learner.page.screenshot()
    (tmp_path / f"{screen}-{layout['view']['width']}.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = image.width * image.height
    colours = image.getcolors(maxcolors=pixels) or []
    assert len(colours) >= 16, f"{where}: the screenshot has {len(colours)} colours"
    assert max(count for count, _ in colours) <= 0.99 * pixels, f"{where}: the screenshot is almost one flat colour"


def assert_in_first_view(learner: Learner, control, where: str) -> None:
    expect(control).to_be_visible()
    box = control.evaluate(IN_VIEW)
    assert box["width"] > 0 and box["height"] > 0, where
    assert box["top"] >= 0 and box["bottom"] <= box["viewHeight"], f"{where}: below the fold ({box})"
    assert box["left"] >= 0 and box["right"] <= box["viewWidth"], f"{where}: outside the view ({box})"


def test_cover_shows_its_start_control_in_the_first_view(browser, site, viewport, tmp_path):
    name, size = viewport
    context, learner = open_course(browser, site, COURSE, size)
    try:
        assert_not_blank_or_broken(learner, f"cover-{name}", tmp_path)
        start = learner.course.get_by_role("main").get_by_role("link", name=START, exact=True)
        assert_in_first_view(learner, start, f"{START} on the cover at {name}")
    finally:
        context.close()


def test_cover_of_a_course_begun_shows_the_resume_control_in_the_first_view(browser, site, viewport, tmp_path):
    name, size = viewport
    context, learner = open_course(browser, site, COURSE, size)
    try:
        learner.start()
        learner.next()
        learner.close()
        learner.launch(learner.kept())
        assert_not_blank_or_broken(learner, f"cover-resume-{name}", tmp_path)
        resume = learner.course.get_by_role("main").get_by_role("button", name=RESUME, exact=True)
        assert_in_first_view(learner, resume, f"{RESUME} on the cover at {name}")
    finally:
        context.close()


def test_lesson_with_blocks_is_laid_out_whole(browser, site, viewport, tmp_path):
    name, size = viewport
    context, learner = open_course(browser, site, COURSE, size)
    try:
        page_id = lesson_with_most_blocks(learner)
        show_page(learner, page_id)
        assert_not_blank_or_broken(learner, f"lesson-{name}", tmp_path)
        learner.answer_checks()
        learner.choose_dilemmas()
        assert_not_blank_or_broken(learner, f"lesson-answered-{name}", tmp_path)
    finally:
        context.close()


@pytest.mark.parametrize("size", [VIEWPORTS["desktop"], VIEWPORTS["phone"], REFLOW], ids=["desktop", "phone", "320"])
def test_table_fits_the_screen_without_cutting_its_text(browser, site, size, tmp_path):
    context, learner = open_course(browser, site, COURSE, size)
    try:
        show_page(learner, first_lesson_with_a_table(learner))
        table = learner.course.locator("main table").filter(visible=True).first
        table.scroll_into_view_if_needed()
        assert_not_blank_or_broken(learner, "table", tmp_path)
        box = table.evaluate(IN_VIEW)
        # The table lies within the view's width, or scrolls inside a box that does (never the page).
        scroller = table.evaluate("""(t) => { for (let e = t; e; e = e.parentElement) {
            const r = e.getBoundingClientRect();
            if (["auto", "scroll"].includes(getComputedStyle(e).overflowX)) return { left: r.left, right: r.right };
          } return null; }""")
        edges = scroller or box
        assert edges["left"] >= 0 and edges["right"] <= box["viewWidth"], f"table at {size['width']} px: {edges}"
    finally:
        context.close()


def test_final_test_is_laid_out_whole_before_and_after_handing_in(browser, site, viewport, tmp_path):
    name, size = viewport
    context, learner = open_course(browser, site, COURSE, size)
    try:
        show_page(learner, "sluttest")
        assert_not_blank_or_broken(learner, f"final-test-{name}", tmp_path)
        learner.press("Lämna in svaren")  # nothing answered: the unanswered questions are pointed out
        assert_not_blank_or_broken(learner, f"final-test-unanswered-{name}", tmp_path)
        learner.take_test(right=False)
        assert_not_blank_or_broken(learner, f"final-test-result-{name}", tmp_path)
    finally:
        context.close()


def test_end_screen_is_laid_out_whole(browser, site, viewport, tmp_path):
    name, size = viewport
    context, learner = open_course(browser, site, SMALL_COURSE, size)
    try:
        assert "godkänd" in learner.take_whole_course(right=True)
        learner.follow("Till kursens slut")
        expect(learner.course.locator("#slut")).to_be_visible()
        assert_not_blank_or_broken(learner, f"end-{name}", tmp_path)
    finally:
        context.close()


BREAKAGES = {
    "blank": "document.body.style.visibility = 'hidden'",
    "wider than the screen": "document.querySelector('main').style.minWidth = '3000px'",
    "text cut off": "Object.assign(document.querySelector('main h1').style, "
                    "{overflow: 'hidden', whiteSpace: 'nowrap', width: '3em'})",
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_checks_catch_a_blank_or_broken_layout(browser, site, breakage, tmp_path):
    """The checks above are only worth their green if they turn red: each breakage, made through the
    CSSOM (the page's Content-Security-Policy allows no injected stylesheet), must fail them."""
    context, learner = open_course(browser, site, COURSE, VIEWPORTS["phone"])
    try:
        assert_not_blank_or_broken(learner, "cover", tmp_path)
        learner.frame.evaluate(f"() => {{ {BREAKAGES[breakage]}; }}")
        with pytest.raises(AssertionError):
            assert_not_blank_or_broken(learner, f"cover-{breakage}", tmp_path)
    finally:
        context.close()
