"""`etos check`: every check an editor expects, each with a source that triggers it and one that does not.

The first group is found by the loader (errors, or a warning for missing feedback); the second by the
editor's lints in builder/lint.py (warnings). All go through `etos check --format json`, as a CI job
or an editor integration would read them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import spelling
from builder.cli import main
from builder.load import DEFAULT_LIX_TARGET as LIX_DEFAULT_TARGET

LESSON_1 = "provkurs/lessons/01-jav.md"
LESSON_2 = "provkurs/lessons/02-legalitet.md"
needs_hunspell = pytest.mark.skipif(
    shutil.which("hunspell") is None or not Path("/usr/share/hunspell/sv_SE.dic").exists(),
    reason="hunspell with the Swedish dictionary (Debian: hunspell, hunspell-sv) is not installed")


def check(root: Path, *options: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["--root", str(root), "check", "--format", "json", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    report = json.loads(result.stdout)
    return result.exit_code, report["problems"]


def codes(root: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for problem in check(root)[1]:
        found.setdefault(problem["code"], []).append(problem)
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def place(problem: dict) -> str:
    return f"{problem['file']}:{problem['line']}" if problem["line"] else problem["file"]


def test_the_fixture_project_passes_every_check(project):
    exit_code, problems = check(project, "--strict")
    assert (exit_code, problems) == (0, [])


# --- Checks the loader makes -----------------------------------------------------------------------

def test_a_fact_block_titled_lagrum_is_a_warning_that_suggests_the_lagrum_kind(project):
    edit(project / "provkurs/lessons/01-jav.md", ":::lagrum Lagrum", ":::fakta Lagrum i sammandrag")
    [problem] = codes(project)["block-fact-about-law"]
    assert (place(problem), problem["severity"]) == ("provkurs/lessons/01-jav.md:19", "warning")
    assert ":::lagrum Lagrum i sammandrag" in problem["hint"]


def test_broken_internal_link_is_an_error_at_its_line(project):
    edit(project / LESSON_1, "(02-legalitet.md#stod-i-lag)", "(03-finns-inte.md)")
    [problem] = codes(project)["link-broken"]
    assert (place(problem), problem["severity"]) == (f"{LESSON_1}:17", "error")


def test_link_to_a_missing_heading_is_an_error(project):
    edit(project / LESSON_1, "#stod-i-lag", "#stod-i-lagen")
    [problem] = codes(project)["anchor-broken"]
    assert place(problem) == f"{LESSON_1}:17"
    assert "stod-i-lag" in problem["hint"]


def test_image_without_alt_text_is_an_error(project):
    edit(project / LESSON_1, "![Ett diagram över jävsgrunderna]", "![]")
    [problem] = codes(project)["image-without-alt"]
    assert place(problem) == f"{LESSON_1}:8"


def test_glossary_term_used_but_not_defined_is_an_error(project):
    edit(project / LESSON_2, "[[legalitet]]", "[[legaliteten]]")
    [problem] = codes(project)["glossary-term-unknown"]
    assert place(problem) == f"{LESSON_2}:10"
    assert "Legalitet" in problem["hint"]


def test_single_choice_without_a_correct_option_is_an_error(project):
    edit(project / LESSON_1, "    rätt: ja\n    återkoppling: Rätt.", "    återkoppling: Rätt.")
    [problem] = codes(project)["no-correct-option"]
    assert (place(problem), problem["severity"]) == (f"{LESSON_1}:39", "error")


def test_single_choice_with_several_correct_options_is_an_error(project):
    edit(project / LESSON_1, "  - text: Ja\n", "  - text: Ja\n    rätt: ja\n")
    [problem] = codes(project)["single-choice-several-correct"]
    assert place(problem) == f"{LESSON_1}:39"
    assert "2 rätta svar" in problem["message"]


def test_option_without_feedback_is_a_warning_at_the_option(project):
    edit(project / LESSON_1, "    återkoppling: Nej, 17 § förbjuder det.\n", "")
    [problem] = codes(project)["option-without-feedback"]
    assert (place(problem), problem["severity"]) == (f"{LESSON_1}:40", "warning")


# --- The editor's lints --------------------------------------------------------------------------

def test_media_file_that_no_lesson_uses_is_a_warning(project):
    shutil.copy(project / "provkurs/media/jävsgrunder.png", project / "provkurs/media/gammal-bild.png")
    (project / "provkurs/media/.gitkeep").write_text("", encoding="utf-8")
    [problem] = codes(project)["media-unused"]
    assert (place(problem), problem["severity"]) == ("provkurs/media/gammal-bild.png", "warning")


def test_shared_media_that_no_course_uses_is_a_warning_only_when_all_courses_are_checked(project):
    shared = project / "courses/media"
    shared.mkdir()
    shutil.copy(project / "provkurs/media/jävsgrunder.png", shared / "logga.png")
    [problem] = codes(project)["shared-media-unused"]
    assert place(problem) == "courses/media/logga.png"
    _, only_one = check(project, "provkurs")
    assert "shared-media-unused" not in {p["code"] for p in only_one}
    edit(project / LESSON_2, "All offentlig", "![Myndighetens logotyp](media/logga.png)\n\nAll offentlig")
    assert "shared-media-unused" not in codes(project)


def test_declared_minutes_far_above_the_estimate_are_a_warning_at_the_key(project):
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    [problem] = codes(project)["minutes-far-from-estimate"]
    assert (place(problem), problem["severity"]) == (f"{LESSON_2}:4", "warning")
    assert "anger 20 minuter" in problem["message"] and "cirka 2 minuter" in problem["message"]


def test_declared_minutes_far_below_the_estimate_are_a_warning(project):
    sentence = "En myndighet ska behandla alla lika och vara saklig och opartisk i sitt arbete. "
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.", sentence * 180)  # 2 520 words
    [problem] = codes(project)["minutes-far-from-estimate"]
    assert "anger 5 minuter" in problem["message"] and "2551 ord" in problem["message"]


def test_minutes_close_to_the_estimate_pass(project):
    edit(project / LESSON_2, "minuter: 5", "minuter: 3")
    assert "minutes-far-from-estimate" not in codes(project)


def test_lix_above_the_course_target_is_a_warning_naming_the_longest_sentence(project):
    long_sentence = ("Förvaltningsmyndigheternas handläggningsrutiner beträffande rättssäkerhetsfrågor "
                     "förutsätter kontinuerlig kompetensutveckling avseende förvaltningsrättsliga "
                     "grundprinciper och myndighetsövergripande samverkansformer inom statsförvaltningen.")
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.", f"{long_sentence} {long_sentence}")
    [problem] = codes(project)["lix-above-target"]
    assert (place(problem), problem["severity"]) == (f"{LESSON_2}:1", "warning")
    assert f"över kursens mål {LIX_DEFAULT_TARGET}" in problem["message"]
    assert "rad 6 (15 ord)" in problem["hint"]


def test_plain_text_keeps_lix_under_the_target(project):
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.", "Du ska följa lagen. Det är enkelt.")
    assert "lix-above-target" not in codes(project)


def test_a_course_can_set_its_own_lix_target(project):
    edit(project / "provkurs/course.yaml", "lärandemål:", "lix_mål: 10\nlärandemål:")
    assert "lix-above-target" in codes(project)


def test_every_course_aims_at_plain_swedish_for_its_lix_target(repo_root):
    from builder.load import load_project

    targets = {course.id: course.lix_target for course in load_project(repo_root).courses}
    assert targets == {"sex-principerna": 45, "forvaltningskunskap": 45, "bemotande": 45}
    assert LIX_DEFAULT_TARGET == 45


@needs_hunspell
def test_misspelt_word_is_a_warning_at_its_line_with_suggestions(project):
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.",
         "All offentlig makt utövas under lagarna.\n\nMyndigheten måste följa lagarna ochså när det är svårt.")
    [problem] = codes(project)["spelling-unknown-word"]
    assert (place(problem), problem["severity"]) == (f"{LESSON_2}:8", "warning")
    assert problem["message"] == "okänt ord ”ochså”"
    assert "också" in problem["hint"]


@needs_hunspell
def test_a_word_misspelt_twice_is_one_warning_naming_both_lines(project):
    edit(project / LESSON_2, "Det kallas [[legalitet]].", "Det kallas [[legalitet]] ochså.\n\nDet gäller ochså här.")
    [problem] = codes(project)["spelling-unknown-word-repeated"]
    assert place(problem) == f"{LESSON_2}:10"
    assert problem["message"] == "okänt ord ”ochså”, också på rad 12"


@needs_hunspell
def test_spelling_reads_questions_options_and_feedback_but_not_ids(project):
    edit(project / "provkurs/questions.yaml", "återkoppling: Nej, det gäller brott mot tystnadsplikt.",
         "återkoppling: Nej, det gäller brott mot tystnadsplickt.")
    [problem] = codes(project)["spelling-unknown-word"]
    assert place(problem) == "provkurs/questions.yaml:26"


@needs_hunspell
def test_spelling_reads_a_picture_caption_but_not_its_file_name(project):
    edit(project / "provkurs/lessons/01-jav.md", "(media/jävsgrunder.png)",
         '(media/jävsgrunder.png "Jävsgrunderna ochså")')
    [problem] = codes(project)["spelling-unknown-word"]
    assert (place(problem), problem["message"]) == ("provkurs/lessons/01-jav.md:8", "okänt ord ”ochså”")


@needs_hunspell
def test_spelling_leaves_the_file_names_of_the_cover_picture_and_the_logo_alone(project):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 24"><circle cx="16" cy="12" r="9"/></svg>'
    (project / "provkurs/media/framsidesbildd.svg").write_text(svg, encoding="utf-8")
    (project / "courses/media").mkdir(exist_ok=True)
    (project / "courses/media/logotyppp.svg").write_text(svg, encoding="utf-8")
    edit(project / "provkurs/course.yaml", "undertitel:", "omslagsbild: media/framsidesbildd.svg\nundertitel:")
    catalogue = (project / "courses/katalog.yaml").read_text(encoding="utf-8")
    assert "utseende:" not in catalogue
    (project / "courses/katalog.yaml").write_text(catalogue + "utseende:\n  logotyp: media/logotyppp.svg\n",
                                                  encoding="utf-8")
    found = codes(project)
    assert "spelling-unknown-word" not in found, found["spelling-unknown-word"]


@needs_hunspell
def test_project_word_list_accepts_legal_abbreviations_and_their_inflections(project):
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.",
         "Enligt OSL och DIGG:s riktlinjer gäller det. Vi hade en dilemmaträff och dilemmaträffen var bra.")
    unknown = {p["message"] for p in codes(project).get("spelling-unknown-word", [])}
    assert unknown == {f"okänt ord ”{word}”" for word in ("OSL", "DIGG:s", "dilemmaträff", "dilemmaträffen")}
    (project / spelling.WORD_LIST).write_text("# Förkortningar\nOSL\nDIGG\ndilemmaträff/träff\n", encoding="utf-8")
    assert "spelling-unknown-word" not in codes(project)


def test_missing_hunspell_gives_one_warning_and_the_rest_of_check_runs(project, monkeypatch):
    monkeypatch.setattr(spelling.shutil, "which", lambda name: None)
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    found = codes(project)
    assert len(found["spelling-unavailable"]) == 1
    assert "apt install hunspell hunspell-sv" in found["spelling-unavailable"][0]["hint"]
    assert "minutes-far-from-estimate" in found


@needs_hunspell
def test_missing_dictionary_gives_one_warning(project, monkeypatch):
    monkeypatch.setattr(spelling, "DICTIONARY", "xx_XX")
    [problem] = codes(project)["spelling-failed"]
    assert problem["severity"] == "warning"


# --- How check reports ---------------------------------------------------------------------------

def test_warnings_pass_without_strict_and_fail_with_it(project):
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    assert check(project)[0] == 0
    assert check(project, "--strict")[0] == 1


def test_text_output_names_file_line_and_counts(project):
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    result = CliRunner().invoke(main, ["--root", str(project), "check"])
    assert f"{LESSON_2}:4: varning: lektionen anger 20 minuter" in result.output
    assert "0 fel, 1 varning" in result.output
    assert "\x1b[" not in result.output  # no colour codes when the output is not a terminal


def test_text_output_is_coloured_on_a_terminal(project):
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    result = CliRunner().invoke(main, ["--root", str(project), "check"], color=True)
    assert "\x1b[33m\x1b[1mvarning\x1b[0m" in result.output


def test_lints_wait_until_the_sources_load(project):
    edit(project / LESSON_2, "minuter: 5", "minuter: fem")
    shutil.copy(project / "provkurs/media/jävsgrunder.png", project / "provkurs/media/gammal-bild.png")
    exit_code, problems = check(project)
    assert exit_code == 1
    assert [p["code"] for p in problems] == ["wrong-type"]


def test_feedback_that_repeats_the_verdict_is_a_warning_at_its_option(project):
    edit(project / "provkurs/questions.yaml", "återkoppling: Nej, det gäller brott mot tystnadsplikt.",
         "återkoppling: Fel. Det gäller brott mot tystnadsplikt.")
    [problem] = codes(project)["feedback-repeats-verdict"]
    assert place(problem) == "provkurs/questions.yaml:25"  # the option it belongs to
    assert "börjar med ”Fel.”" in problem["message"]


def test_feedback_that_goes_straight_to_the_why_passes(project):
    assert "feedback-repeats-verdict" not in codes(project)
