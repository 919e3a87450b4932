"""The player defends itself: every player page carries a Content-Security-Policy that runs only the
package's own scripts; a whole learner walk raises no violation; an injected inline script, an eval
and a hostile saved progress do nothing."""

from __future__ import annotations

import pytest
from learner import REAL_COURSES, Learner, expect

# Collects every CSP violation in every frame, from before the page's own scripts run.
WATCH_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
    (window.top.cspViolations = window.top.cspViolations || []).push(`${event.violatedDirective} ${event.blockedURI}`);
});"""


def violations(learner: Learner) -> list[str]:
    return learner.page.evaluate("window.cspViolations || []")


def csp_console(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and messages.append(message.text))
    return messages


@pytest.mark.parametrize("standard", ["scorm2004", "web"])
@pytest.mark.parametrize("course", ["provkurs", *REAL_COURSES])
def test_a_whole_learner_walk_raises_no_content_security_policy_violation(page, site, course, standard):
    page.context.add_init_script(WATCH_VIOLATIONS)
    console = csp_console(page)
    learner = Learner(page, site, course, standard).launch()
    policy = learner.frame.evaluate(
        "document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    learner.take_whole_course(right=False)
    learner.press("Gör om testet")
    learner.take_test(right=True)
    learner.follow("Till kursens slut")
    if learner.course.locator("#ordlista").count():
        learner.visible_page.get_by_role("link", name="Värdegrundens ABC").click()  # the end screen's link
    if standard == "web":
        learner.launch()  # a relaunch, with the welcome back
    else:
        learner.close()
        learner.launch(learner.kept())
    expect(learner.course.locator(".welcome")).to_be_visible()
    assert violations(learner) == [] and console == [] and page.errors == []


def test_an_injected_inline_script_and_inline_style_are_refused(page, site):
    page.context.add_init_script(WATCH_VIOLATIONS)
    learner = Learner(page, site, "provkurs", "web").launch()
    ran = page.evaluate("""() => new Promise((done) => {
        window.injected = false;
        const script = document.createElement("script");
        script.textContent = "window.injected = true;";
        document.body.append(script);
        const styled = document.createElement("div");
        styled.setAttribute("style", "color: red");
        document.body.append(styled);
        setTimeout(() => done(window.injected), 50);
    })""")
    assert ran is False
    found = violations(learner)
    assert any(v.startswith("script-src") and "inline" in v for v in found)
    assert any(v.startswith("style-src") for v in found)


def test_no_player_script_evaluates_strings_or_sets_inline_handlers():
    """What the policy forbids (no 'unsafe-eval', no inline handlers) the player never needs."""
    from builder.templates import templates_folder

    for script in (templates_folder() / "player" / "static").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        for forbidden in ("eval(", "new Function", "setTimeout(\"", "setInterval(\"", ".innerHTML",
                          "insertAdjacentHTML", "document.write", ".onclick", ".onsubmit", ".onchange",
                          "setAttribute(\"on"):
            assert forbidden not in text, f"{script.name} uses {forbidden}"


def test_hostile_saved_progress_is_range_checked_and_never_becomes_markup(page, site):
    learner = Learner(page, site, "provkurs", "web").launch()
    data = learner.data
    jav, check = data["lessons"][0]["key"], data["checks"]["jav-koll-1"]["key"]
    hostile = (f"2~t-3.Infinity.p.1.<img>~q<img src=x onerror=alert(1)>=1~o%%%~s{jav}.<b>x</b>"
               f"~c{check}=9z1~d<script>=0~e")
    page.evaluate("""(text) => {
        localStorage.setItem('etos:provkurs', JSON.stringify({location: '<img src=x>', suspend: text}));
        localStorage.setItem = () => {};  // this page's own save as it unloads must not overwrite it
    }""", hostile)
    learner.launch()
    expect(learner.course.locator("#progress-text")).to_have_text("1 av 2 lektioner klara")
    expect(learner.course.locator(".welcome-text")).to_contain_text(
        "Du har gjort klart 1 av 2 lektioner. Du fortsätter med: Legalitet.")
    assert page.locator("img[src=x], main b, script:not([src]):not([type])").count() == 0
    learner.follow("Sluttest")
    expect(learner.visible_page.locator(".attempt")).to_have_text("Försök 1 av 2.")  # -3 attempts: none used
    expect(learner.visible_page.locator(".test-result")).to_be_empty()  # an Infinity score is no result
    learner.follow("Jäv (klar)")
    expect(learner.visible_page.locator("form.check").get_by_label("Nej")).to_be_checked()  # 1 kept, 9 and z dropped
    expect(learner.visible_page.locator("form.check input:checked")).to_have_count(1)
    assert page.errors == []
