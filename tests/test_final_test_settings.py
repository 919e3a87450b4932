"""The final test's settings and the lints that keep its key from giving itself away.

`visa_rätt_svar`, `status_vid_underkänt`, `fast_ordning` and `lektion` are read into the model and
reach the player's data; `etos check` warns when the right option sits at one position or is the
longest option too often for a pool to test anything.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main
from builder.load import load_project
from builder.model import FailedStatus, KeyReveal
from builder.package.player_data import player_data
from builder.problems import SourceErrors
from builder.render import render_course

COURSE = "provkurs/course.yaml"
POOL = "provkurs/questions.yaml"


def check(root: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["--root", str(root), "check", "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.stdout)["problems"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def single_choice_pool(count: int, key_at: int, key_longest: bool) -> str:
    """A pool of single-choice questions with the key at one position, optionally the longest text."""
    lines = ["frågor:"]
    for n in range(count):
        lines += [f"  - id: enval-{n}", "    typ: enval", "    lektion: jav", f"    fråga: Fråga nummer {n}?",
                  "    alternativ:"]
        for position in range(3):
            right = position == key_at
            text = (f"Det utförligt formulerade svaret {n}" if key_longest else f"Svar {n}{'abc'[position]}") \
                if right else f"Svar {n}{'abc'[position]}"
            lines.append(f"      - text: {text}")
            if right:
                lines.append("        rätt: ja")
            lines.append("        återkoppling: Därför att lagen säger så.")
    return "\n".join(lines) + "\n"


def test_default_settings_withhold_the_key_until_the_last_attempt_and_report_incomplete(project: Path) -> None:
    course = load_project(project).courses[0]
    assert course.final_test.reveal_key is KeyReveal.AFTER_LAST_ATTEMPT
    assert course.final_test.failed_status is FailedStatus.INCOMPLETE
    test = player_data(render_course(course, load_project(project).catalogue))["test"]
    assert test["reveal"] == "afterLast" and test["failedStatus"] == "incomplete"


def test_settings_in_course_yaml_reach_the_player_data(project: Path) -> None:
    edit(project / COURSE, "  försök: 2", "  försök: 2\n  visa_rätt_svar: aldrig\n  status_vid_underkänt: underkänd")
    loaded = load_project(project)
    test = player_data(render_course(loaded.courses[0], loaded.catalogue))["test"]
    assert test["reveal"] == "never" and test["failedStatus"] == "failed"


def test_an_unknown_reveal_setting_names_the_allowed_words_at_its_line(project: Path) -> None:
    edit(project / COURSE, "  försök: 2", "  försök: 2\n  visa_rätt_svar: efter_sista")
    problems = [p for p in check(project) if p["severity"] == "error"]
    assert [(p["code"], p["file"], p["line"]) for p in problems] == [("unknown-choice", COURSE, 21)]
    assert "efter_sista_försöket, efter_varje_försök, aldrig" in problems[0]["hint"]
    assert "Menade du ”efter_sista_försöket”?" in problems[0]["hint"]


def test_true_false_and_fast_ordning_questions_keep_their_order_others_are_shuffled(project: Path) -> None:
    edit(project / POOL, "    lektion: legalitet\n", "    lektion: legalitet\n    fast_ordning: ja\n")
    loaded = load_project(project)
    rendered = render_course(loaded.courses[0], loaded.catalogue)
    questions = {q["id"]: q for q in player_data(rendered)["test"]["questions"]}
    assert [questions[f"prov-{n}"]["fixed"] for n in (1, 2, 3)] == [False, True, True]
    assert {q.id: q.lesson_id for q in rendered.final_test}["prov-1"] == "jav"


def test_a_question_naming_a_lesson_the_course_lacks_is_an_error_at_the_question(project: Path) -> None:
    edit(project / POOL, "    lektion: legalitet\n", "    lektion: legaliteten\n")
    try:
        load_project(project)
    except SourceErrors as errors:
        found = [(p.code, p.line) for p in errors.problems.errors]
    assert found == [("question-lesson-unknown", 14)]


def test_a_final_test_question_without_a_lesson_is_a_warning(project: Path) -> None:
    edit(project / POOL, "    lektion: legalitet\n", "")
    warnings = [(p["code"], p["file"], p["line"]) for p in check(project) if p["code"] == "question-without-lesson"]
    assert warnings == [("question-without-lesson", POOL, 14)]


def test_fact_check_dates_are_read_and_a_wrong_date_is_an_error_at_its_line(project: Path) -> None:
    edit(project / COURSE, "minuter: 10\n", "minuter: 10\nfaktagranskad: 2026-11-30\nlagtext_per: 2026-11-01\n")
    course = load_project(project).courses[0]
    assert (course.fact_checked, course.law_as_of) == ("2026-11-30", "2026-11-01")
    edit(project / COURSE, "lagtext_per: 2026-11-01", "lagtext_per: 2026-13-01")
    assert [(p["code"], p["line"]) for p in check(project) if p["severity"] == "error"] == [("bad-date", 9)]


def test_a_pool_with_the_key_always_first_is_flagged_for_its_position(project: Path) -> None:
    (project / POOL).write_text(single_choice_pool(6, key_at=0, key_longest=False), encoding="utf-8")
    flagged = [p for p in check(project) if p["code"] == "key-position-bias"]
    assert len(flagged) == 1 and flagged[0]["file"] == POOL
    assert "alternativ 1 i 6 av 6 envalsfrågor (100 %)" in flagged[0]["message"]


def test_a_pool_with_the_key_always_longest_is_flagged_for_its_length(project: Path) -> None:
    text = single_choice_pool(6, key_at=1, key_longest=True)
    (project / POOL).write_text(text, encoding="utf-8")
    codes = {p["code"] for p in check(project)}
    assert "key-longest-bias" in codes


def test_a_pool_with_keys_spread_and_even_lengths_is_not_flagged(project: Path) -> None:
    pool = "".join(single_choice_pool(2, key_at=k, key_longest=False).removeprefix("frågor:\n")
                   .replace("enval-", f"enval-{k}-") for k in range(3))
    (project / POOL).write_text("frågor:\n" + pool, encoding="utf-8")
    codes = {p["code"] for p in check(project)}
    assert not codes & {"key-position-bias", "key-longest-bias"}


def test_a_pool_too_small_is_reported_beside_an_unknown_setting_in_the_same_run(project: Path) -> None:
    edit(project / COURSE, "  antal: 2\n", "  antal: 4\n")
    edit(project / COURSE, "  försök: 2", "  försök: 2\n  visa_rätt_svar: efter_sista")
    problems = [p for p in check(project) if p["severity"] == "error"]
    assert [(p["code"], p["file"], p["line"]) for p in problems] == [
        ("pool-too-small", COURSE, 18), ("unknown-choice", COURSE, 21)]


def test_a_pool_too_small_is_not_reported_while_one_of_its_questions_is_broken(project: Path) -> None:
    edit(project / COURSE, "  antal: 2\n", "  antal: 4\n")
    edit(project / POOL, "    typ: enval\n", "    typ: envall\n")
    problems = [p for p in check(project) if p["severity"] == "error"]
    assert [p["code"] for p in problems] == ["question-type"]
