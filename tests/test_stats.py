"""`etos stats`: a table per lesson whose figures follow from the lesson's text."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main
from builder.load import load_project
from builder.readability import measure
from builder.render import render_course
from builder.stats import (
    MINUTES_PER_CHECK,
    MINUTES_PER_DILEMMA,
    MINUTES_PER_IMAGE,
    MINUTES_PER_REFLECTION,
    course_figures,
    learner_text,
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def stats_json(root: Path, *courses: str) -> dict:
    result = run("--root", str(root), "stats", "--format", "json", *courses)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_figures_per_lesson_count_what_the_learner_sees(project):
    jav, legalitet = stats_json(project)["courses"][0]["lessons"]
    assert (jav["questions"], jav["dilemmas"], jav["reflections"], jav["images"]) == (1, 1, 0, 1)
    kinds = ("questions", "dilemmas", "reflections", "images")
    assert [legalitet[kind] for kind in kinds] == [1, 0, 1, 0]
    assert (jav["minutes_declared"], legalitet["minutes_declared"]) == (5, 5)


def test_facilitator_notes_are_not_counted_as_reading(project):
    lesson = load_project(project).courses[0].lessons[0]
    text = learner_text(lesson)
    assert "svågers företag" in text and "Det kräver 18 §." in text
    assert "Fråga gruppen om egna exempel" not in text  # :::handledare
    assert "Tala om 16 §" not in text  # the dilemma's facilitator note


def test_estimated_minutes_are_reading_time_plus_activities(project):
    loaded = load_project(project)
    for figures in course_figures(render_course(loaded.courses[0], loaded.catalogue)):
        reading = measure(learner_text(figures.lesson)).words / 180
        expected = (reading + MINUTES_PER_CHECK * figures.questions + MINUTES_PER_DILEMMA * figures.dilemmas
                    + MINUTES_PER_REFLECTION * figures.reflections + MINUTES_PER_IMAGE * figures.images)
        assert abs(figures.estimated_minutes - expected) < 1e-9


def test_more_text_means_more_words_minutes_and_a_higher_lix(project):
    before = stats_json(project)["courses"][0]["lessons"][1]
    lesson = project / "provkurs/lessons/02-legalitet.md"
    extra = "Förvaltningsmyndigheternas rättssäkerhetsgarantier förutsätter kompetensutveckling. " * 40
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("## Stöd i lag", extra + "\n\n## Stöd i lag"),
                      encoding="utf-8")
    after = stats_json(project)["courses"][0]["lessons"][1]
    assert after["words"] == before["words"] + 4 * 40
    assert after["minutes_estimated"] > before["minutes_estimated"] + 0.8
    assert after["lix"] > before["lix"] + 20


def test_table_has_a_row_per_lesson_and_a_total(project):
    result = run("--root", str(project), "stats")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == 'Provkurs om jäv & "förvaltning" <1> (provkurs), LIX-mål 45'
    assert lines[1].split() == ["Nr", "Lektion", "Ord", "Min", "angivet", "Min", "beräknat", "LIX", "Frågor", "Bilder"]
    data = stats_json(project)["courses"][0]
    first, second = data["lessons"]
    assert lines[3].split() == ["1", "Jäv", str(first["words"]), "5", str(round(first["minutes_estimated"])),
                                f"{first['lix']:.0f}", "1", "1"]
    assert lines[4].split()[:3] == ["2", "Legalitet", str(second["words"])]
    total = lines[6].split()
    assert total[:4] == ["Hela", "kursen", str(first["words"] + second["words"]), "10"]
    assert lines[7] == "Sluttest: 2 av 3 frågor i frågebanken lottas."


def test_table_in_english(project):
    result = run("--root", str(project), "--lang", "en", "stats")
    assert "LIX target 45" in result.output
    assert "Words  Min declared  Min estimated" in result.output
    assert "Whole course" in result.output and "Final test: 2 of 3 pool questions are drawn." in result.output


def test_stats_of_the_three_courses(repo_root):
    data = stats_json(repo_root)
    assert [c["id"] for c in data["courses"]] == ["sex-principerna", "forvaltningskunskap", "bemotande"]
    for course in data["courses"]:
        assert course["total"]["words"] == sum(lesson["words"] for lesson in course["lessons"])
        assert all(lesson["words"] > 300 for lesson in course["lessons"])
    assert data["courses"][0]["lix_target"] == 45


def test_unknown_course_is_an_error(project):
    result = run("--root", str(project), "stats", "provkrus")
    assert result.exit_code == 1
    assert "Menade du ”provkurs”?" in result.output
