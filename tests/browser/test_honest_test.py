"""The final test measures what the learner knows: guessing by position or length fails, the key is
withheld as the course's `visa_rätt_svar` setting says, options are shuffled per attempt (and the same
after a reload), answers are recorded by the author's option letters, and a retry asks questions the
learner has not seen while still covering every learning objective.

Chance is made repeatable by seeding Math.random (SEEDED_RANDOM) before the page's own scripts run."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from learner import REAL_COURSES, REPO, Learner, expect, interactions

FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "provprojekt"

# Replaces Math.random by mulberry32 seeded from `?seed=N` of the page or of the LMS page around the
# course's frame; `&fresh` starts a new learner.
SEEDED_RANDOM = """(() => {
    const match = /[?&]seed=(\\d+)/.exec(location.search) || /[?&]seed=(\\d+)/.exec(top.location.search);
    if (!match) return;
    if (/[?&]fresh\\b/.test(location.search)) localStorage.clear();
    let seed = Number(match[1]);
    Math.random = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
})();"""

# One learner's whole test, every attempt allowed, in one call: answers by a strategy and hands in.
TAKE_EVERY_ATTEMPT = """(strategy) => {
    const data = JSON.parse(document.getElementById("etos-data").textContent);
    const pool = new Map(data.test.questions.map((q) => [q.id, q]));
    const label = (option) => option.querySelector("label").textContent.trim();
    document.querySelector(".toc a[data-page=sluttest]").click();
    const attempts = [];
    for (;;) {
        const boxes = [...document.querySelectorAll(".question.test:not([hidden])")];
        boxes.forEach((box) => {
            const options = [...box.querySelectorAll(".option")];
            const question = pool.get(box.dataset.question);
            let chosen = options.filter((o) => question.correct.includes(Number(o.querySelector("input").value)));
            if (strategy === "first") chosen = [options[0]];
            if (strategy === "longest") {
                chosen = [options.reduce((a, b) => (label(b).length > label(a).length ? b : a))];
            }
            chosen.forEach((option) => option.querySelector("input").click());
        });
        document.querySelector(".test-form [type=submit]").click();
        attempts.push({ draw: boxes.map((box) => box.dataset.question),
                        passed: document.querySelector(".test-result").textContent.includes("Du är godkänd") });
        const retry = document.querySelector("[data-action=retry]");
        if (retry.hidden) return attempts;
        retry.click();
    }
}"""

SEEDS = range(1, 21)


def open_seeded(page, site, course: str, seed: int, fresh: bool = True, version: str | None = None) -> Learner:
    """The web version of a course with Math.random seeded; `fresh`: with nothing saved."""
    learner = Learner(page, site, course, "web", version)
    page.goto(site.url(course, "web", version) + f"?seed={seed}" + ("&fresh" if fresh else ""))
    learner.wait_until_ready()
    return learner


@pytest.fixture
def seeded(page):
    page.context.add_init_script(SEEDED_RANDOM)
    return page


@pytest.mark.parametrize("course", REAL_COURSES)
@pytest.mark.parametrize("strategy", ["first", "longest"])
def test_a_learner_who_guesses_by_position_or_length_fails_every_attempt(seeded, site, course, strategy):
    """20 learners, each using every attempt the course allows: none passes."""
    passed = []
    for seed in SEEDS:
        open_seeded(seeded, site, course, seed)
        attempts = seeded.evaluate(TAKE_EVERY_ATTEMPT, strategy)
        passed += [f"seed {seed}, attempt {n}" for n, attempt in enumerate(attempts, 1) if attempt["passed"]]
    assert passed == [], f"always the {strategy} option passed {course}: {', '.join(passed)}"


@pytest.mark.parametrize("course", REAL_COURSES)
def test_a_learner_who_knows_the_answers_passes_at_the_first_attempt(seeded, site, course):
    for seed in SEEDS:
        open_seeded(seeded, site, course, seed)
        attempts = seeded.evaluate(TAKE_EVERY_ATTEMPT, "knows")
        assert [a["passed"] for a in attempts] == [True], (course, seed)


@pytest.mark.parametrize("course", REAL_COURSES)
def test_every_draw_asks_every_objective_and_retries_ask_unseen_questions_first(seeded, site, course):
    data = site.data(course)
    pool = {q["id"]: q for q in data["test"]["questions"]}
    objectives = {q["objective"] for q in pool.values() if q["objective"] is not None}
    for seed in range(1, 6):
        open_seeded(seeded, site, course, seed)
        draws = [set(a["draw"]) for a in seeded.evaluate(TAKE_EVERY_ATTEMPT, "first")]
        assert len(draws) == data["test"]["attempts"]
        seen: set[str] = set()
        for draw in draws:
            assert len(draw) == data["test"]["draw"]
            assert {pool[qid]["objective"] for qid in draw} >= objectives, (seed, draw)
            unseen = set(pool) - seen
            assert len(draw & unseen) == min(len(draw), len(unseen)), (seed, draw, unseen)
            seen |= draw


def draw_of(learner: Learner) -> list[str]:
    return learner.visible_page.locator(".question.test:not([hidden])").evaluate_all(
        "(boxes) => boxes.map((box) => box.dataset.question)")


def order_of(box) -> list[int]:
    """The author's indexes of a question's options, in the order the page shows them."""
    return box.locator("input").evaluate_all("(inputs) => inputs.map((input) => Number(input.value))")


def test_a_retry_draws_the_questions_not_yet_seen_and_still_covers_every_objective(seeded, site):
    """The fixture's pool: prov-1 and prov-3 ask objective 1, prov-2 objective 2; two are drawn."""
    for seed in range(1, 9):
        learner = open_seeded(seeded, site, "provkurs", seed)
        learner.follow("Sluttest")
        first = set(draw_of(learner))
        learner.take_test(right=False)
        learner.press("Gör om testet")
        second = set(draw_of(learner))
        assert "prov-2" in first and "prov-2" in second  # the only question on objective 2
        assert first - {"prov-2"} != second - {"prov-2"}  # the other objective-1 question: unseen
        assert len(first | second) == 3


def test_options_are_shuffled_per_learner_and_attempt_and_fixed_questions_keep_their_order(seeded, site):
    test_orders, check_orders, between_attempts = set(), set(), set()
    for seed in range(1, 9):
        learner = open_seeded(seeded, site, "provkurs", seed)
        learner.start()
        check_orders.add(tuple(order_of(learner.visible_page.locator("form.check"))))
        learner.follow("Sluttest")
        box = learner.visible_page.locator('.question.test[data-question="prov-2"]')
        first = tuple(order_of(box))
        test_orders.add(first)
        fixed = learner.visible_page.locator('.question.test[data-question="prov-3"]:not([hidden])')
        if fixed.count():
            assert order_of(fixed) == [0, 1]  # Sant, Falskt: always in the author's order
            expect(fixed.locator("label")).to_have_text(["Sant", "Falskt"])
        learner.take_test(right=False)
        learner.press("Gör om testet")
        between_attempts.add(first != tuple(order_of(box)))
    assert len(test_orders) > 1 and len(check_orders) > 1
    assert True in between_attempts  # a new attempt, a new order


def test_a_reload_shows_the_same_order_and_the_same_draw(seeded, site):
    learner = open_seeded(seeded, site, "provkurs", 7)
    learner.start()
    check = order_of(learner.visible_page.locator("form.check"))
    learner.follow("Sluttest")
    draw = draw_of(learner)
    orders = [order_of(learner.visible_page.locator(f'.question.test[data-question="{qid}"]')) for qid in draw]
    open_seeded(seeded, site, "provkurs", 999, fresh=False)  # another day: other chance, same saved progress
    learner.press("Fortsätt där du slutade")
    assert draw_of(learner) == draw
    assert [order_of(learner.visible_page.locator(f'.question.test[data-question="{qid}"]')) for qid in draw] == orders
    learner.follow("Jäv")
    assert order_of(learner.visible_page.locator("form.check")) == check


def test_answers_are_recorded_by_the_authors_option_letters_whatever_the_order_shown(seeded, site):
    for seed in range(1, 20):  # a learner for whom the options of prov-2 are not in the author's order
        seeded.goto(site.base_url + f"/lms/harness.html?seed={seed}")
        learner = Learner(seeded, site, "provkurs", "scorm2004")
        seeded.evaluate("([s, u]) => launch(s, u, null, {})", ["scorm2004", site.path("provkurs", "scorm2004")])
        learner.wait_until_ready()
        learner.follow("Sluttest")
        box = learner.visible_page.locator('.question.test[data-question="prov-2"]')
        if order_of(box)[:2] != [0, 1]:
            break
    else:
        pytest.fail("no seed shuffled the options")
    box.get_by_label("1 kap. 1 § regeringsformen").check()
    box.get_by_label("5 § förvaltningslagen").check()
    other = learner.visible_page.locator('.question.test:not([hidden]):not([data-question="prov-2"])')
    other.get_by_label("Falskt").or_(other.get_by_label("En sorts skatt.")).check()
    learner.press("Lämna in svaren")
    learner.close()
    records = {r["description"]: r for r in interactions(learner.lms())}
    record = records["Vilka lagrum uttrycker legalitetsprincipen?"]
    assert (record["learner_response"], record["result"]) == ("a[,]b", "correct")


# --- the key -------------------------------------------------------------------------------------------

KEY_TEXTS = ["Rätt", "Se 16 § förvaltningslagen."]  # verdicts, option feedback and explanation that give the key


def key_in_page(learner: Learner) -> list[str]:
    """Everything on the test page that tells a right option: words, the accessibility tree, classes."""
    section = learner.course.locator("#sluttest")
    text = section.evaluate("(s) => s.textContent")
    found = [f"text {word!r}" for word in KEY_TEXTS if word in text]
    found += [f"aria {word!r}" for word in KEY_TEXTS if word in section.aria_snapshot()]
    found += [f"class .{name}" for name in ("right", "correct") if section.locator(f".{name}").count()]
    return found


def fail_test(learner: Learner) -> str:
    return learner.take_test(right=False)


def test_no_correct_option_is_in_the_page_after_a_failed_attempt_that_is_not_the_last(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.follow("Sluttest")
    result = fail_test(learner)
    assert "1 försök kvar" in result and "markerade ovan" in result
    assert key_in_page(learner) == []
    boxes = learner.visible_page.locator(".question.test:not([hidden])")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        verdict = box.locator(".question-verdict")
        expect(verdict).to_contain_text("Fel svar på frågan. Läs om det i lektionen")
        expect(box.locator("input:checked")).to_have_count(1)
        chosen = box.locator(".option:has(input:checked)")
        expect(chosen).to_contain_text("Ditt svar")
        expect(box.locator(".option-feedback:not([hidden])")).to_have_count(1)  # only the learner's own choice
    lesson_link = boxes.first.locator(".question-verdict a")
    page_id = lesson_link.get_attribute("href").lstrip("#")
    lesson_link.click()
    expect(learner.visible_page.locator("h1")).to_have_text(
        next(lesson["title"] for lesson in learner.data["lessons"] if lesson["page"] == page_id))


def test_the_key_is_shown_after_the_last_attempt(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.follow("Sluttest")
    fail_test(learner)
    learner.press("Gör om testet")
    assert "inga försök kvar" in fail_test(learner)
    assert "text 'Rätt'" in key_in_page(learner) and "class .right" in key_in_page(learner)
    expect(learner.visible_page.locator(".option.right")).to_have_count(
        sum(len(q["correct"]) for q in learner.data["test"]["questions"] if q["id"] in draw_of(learner)))
    expect(learner.visible_page.locator(".option.right").first).to_contain_text("Rätt svar.")


def test_the_key_is_shown_once_passed(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    learner.follow("Sluttest")
    assert "godkänd på sluttestet" in learner.take_test(right=True)
    expect(learner.visible_page.locator(".option.right .option-feedback:not([hidden])")).not_to_have_count(0)
    expect(learner.visible_page.locator(".option.right").first).to_contain_text("Ditt svar är rätt. Rätt")


@pytest.fixture(scope="module")
def reveal_courses(site, tmp_path_factory):
    """The fixture course with `visa_rätt_svar: efter_varje_försöket` and `aldrig`, added to the site."""
    from builder.build import build

    made = {}
    for setting, course_id in (("efter_varje_försök", "provkurs-varje"), ("aldrig", "provkurs-aldrig")):
        project = tmp_path_factory.mktemp(course_id) / "projekt"
        shutil.copytree(FIXTURE_PROJECT, project)
        course = project / "provkurs" / "course.yaml"
        text = course.read_text(encoding="utf-8").replace("id: provkurs", f"id: {course_id}")
        course.write_text(text.replace("  försök: 2", f"  försök: 2\n  visa_rätt_svar: {setting}"), encoding="utf-8")
        out = tmp_path_factory.mktemp(f"{course_id}-out")
        build(project, out, formats=["web"])
        for archive in out.glob("*/*.zip"):
            with zipfile.ZipFile(archive) as package:
                package.extractall(site.folder / archive.stem)
            site.packages[archive.stem] = site.folder / archive.stem
        made[setting] = course_id
    return made


def test_after_each_attempt_the_key_is_shown_at_once(page, site, reveal_courses):
    learner = Learner(page, site, reveal_courses["efter_varje_försök"], "web").launch()
    assert learner.data["test"]["reveal"] == "afterEach"
    learner.follow("Sluttest")
    assert "1 försök kvar" in fail_test(learner)
    assert "class .right" in key_in_page(learner)
    expect(learner.visible_page.locator(".option.right").first).to_contain_text("Rätt svar.")


def test_never_shows_the_key_not_even_after_the_last_attempt_or_a_pass(seeded, site, reveal_courses):
    learner = open_seeded(seeded, site, reveal_courses["aldrig"], 1)
    assert learner.data["test"]["reveal"] == "never"
    learner.follow("Sluttest")
    fail_test(learner)
    learner.press("Gör om testet")
    assert "inga försök kvar" in fail_test(learner)
    assert key_in_page(learner) == []
    again = open_seeded(seeded, site, reveal_courses["aldrig"], 2)  # a new learner
    again.follow("Sluttest")
    assert "godkänd" in again.take_test(right=True)
    # Passed: the learner's own (right) choices are marked, but no feedback or explanation tells more.
    expect(again.visible_page.locator(".option-feedback span:not(:empty)")).to_have_count(0)
    expect(again.visible_page.locator(".explanation")).to_have_count(0)
    expect(again.visible_page.locator(".option:not(:has(input:checked)) .verdict:not(:empty)")).to_have_count(0)
