"""The player's static side, without a browser: its size budget, that it stays offline and
framework-free, and the keys and response identifiers the builder hands it."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import zipfile

from builder.build import build
from builder.package.player_data import interaction_name, player_data, short_keys
from builder.package.site import ships
from builder.templates import templates_folder

REPO = templates_folder().parent

PLAYER = templates_folder() / "player" / "static"

# The cmi5 adapter: xapi.js alone talks to the LRS (the one network a cmi5 package has, named by
# its launch URL), and cmi5.js names the cmi5 and xAPI IRIs.
LRS_CLIENT = "xapi.js"
XAPI_IRIS = "cmi5.js"


# Issue 12 sets 56,000 bytes for the player's scripts, styles and icons (benchmarks/player_size.py,
# which exits 1 above it). The web package measures 48,417; the SCORM packages, which add the API's
# discovery and adapter and their dialect (lms.js, values.js, scorm12.js or scorm2004.js), 55,936 (1.2)
# and 55,939 (2004): all three within it. A cmi5 package is that player plus what an LMS's API does for
# a SCO (the launch, the LRS client, the statements and their queue: xapi.js, cmi5.js), 61,492; its
# guard, that figure rounded up, keeps it from growing.
CMI5_GUARD_BYTES = 62_000
# JavaScript and CSS alone (without the icons), SCORM 1.2, 2004, web, cmi5: 55,164, 55,167, 47,645, 60,720.
SCRIPT_GUARD_BYTES = {"scorm12": 55_500, "scorm2004": 55_500, "web": 48_000, "cmi5": 61_000}


def load_size_benchmark():
    spec = importlib.util.spec_from_file_location("player_size", REPO / "benchmarks" / "player_size.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_scorm_and_web_players_stay_within_the_budget_and_cmi5_under_its_guard():
    bench = load_size_benchmark()
    sizes = bench.sizes("scorm12")
    assert {"static/etos.css", "static/main.js", "partials/icons.html.j2"} <= set(sizes)
    assert bench.BUDGET_BYTES == 56_000
    for standard in ("scorm12", "scorm2004", "web"):
        assert sum(bench.sizes(standard).values()) <= bench.BUDGET_BYTES, bench.sizes(standard)
    assert sum(bench.sizes("cmi5").values()) < CMI5_GUARD_BYTES, bench.sizes("cmi5")


def test_the_size_benchmark_counts_a_drawing_as_the_page_carries_it(project, tmp_path):
    """Without the template's own comments, which never reach a page."""
    bench = load_size_benchmark()
    build(project, tmp_path, formats=["web"])
    with zipfile.ZipFile(next(tmp_path.rglob("*-web.zip"))) as package:
        page = package.read("index.html").decode("utf-8")
    drawing = re.search(r'<svg class="sprite".*?</svg>', page, re.DOTALL).group(0)
    icons = PLAYER.parent / "partials" / "icons.html.j2"
    assert bench.shipped_size(icons) == len(drawing.encode("utf-8")) + 1  # and its line end
    assert "{#" not in drawing


def test_player_javascript_and_css_stay_under_the_guard_in_every_package():
    """Measured per package: each carries only its own adapter."""
    for standard in ("scorm12", "scorm2004", "web", "cmi5"):
        files = [p for p in PLAYER.iterdir() if p.suffix in (".js", ".css") and ships(p.name, standard)]
        total = sum(p.stat().st_size for p in files)
        assert total < SCRIPT_GUARD_BYTES[standard], f"{standard}: {total} bytes in {len(files)} files"


def test_player_scripts_are_classic_and_only_the_lrs_client_touches_the_network():
    for script in PLAYER.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|export)\s", text, re.MULTILINE), f"{script.name} is a module"
        calls = () if script.name == LRS_CLIENT else ("fetch(", "XMLHttpRequest", "sendBeacon")
        addresses = () if script.name in (LRS_CLIENT, XAPI_IRIS) else ("http://", "https://")
        for network in (*calls, *addresses):
            assert network not in text, f"{script.name} uses {network}"
    assert not ships(LRS_CLIENT, "scorm12") and not ships(LRS_CLIENT, "web") and ships(LRS_CLIENT, "cmi5")


def test_every_player_file_is_in_the_package_and_every_script_on_the_page(tmp_path, project):
    build(project, tmp_path, formats=["web"])
    package = next(tmp_path.glob("*/*-web.zip"))
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        page = archive.read("index.html").decode("utf-8")
    for file in filter(lambda path: ships(path.name, "web"), PLAYER.iterdir()):
        assert f"player/{file.name}" in names
        if file.suffix == ".js":
            assert f'<script src="player/{file.name}" defer></script>' in page
    assert '<html lang="sv" data-standard="web">' in page
    # Loaded only with scripts off, which is why the size benchmark leaves it out of the budget.
    assert page.count("noscript.css") == 1
    assert '<noscript><link rel="stylesheet" href="player/noscript.css"></noscript>' in page


def test_the_start_page_shows_the_courses_own_cover_picture_and_none_without_one(tmp_path, project):
    """The picture is the course's medium, checked and shipped like a figure; decorative: the title names the course."""
    course_yaml = project / "provkurs" / "course.yaml"
    build(project, tmp_path / "utan", formats=["web"])
    with zipfile.ZipFile(next((tmp_path / "utan").glob("*/*-web.zip"))) as archive:
        assert "cover-art" not in archive.read("index.html").decode("utf-8")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 24"><circle cx="16" cy="12" r="9"/></svg>'
    (project / "provkurs" / "media" / "omslag.svg").write_text(svg, encoding="utf-8")
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace(
        "undertitel:", "omslagsbild: media/omslag.svg\nundertitel:", 1), encoding="utf-8")
    build(project, tmp_path / "med", formats=["web"])
    with zipfile.ZipFile(next((tmp_path / "med").glob("*/*-web.zip"))) as archive:
        page = archive.read("index.html").decode("utf-8")
        assert "media/omslag.svg" in archive.namelist()
    cover = re.search(r'<section class="page cover" id="start">.*?</section>', page, re.DOTALL).group(0)
    assert '<img class="cover-art" src="media/omslag.svg" alt="">' in cover


def test_short_keys_are_four_characters_and_do_not_depend_on_position():
    keys = short_keys(["jav", "legalitet"])
    assert all(re.fullmatch(r"[0-9a-z]{4}", key) for key in keys.values())
    assert short_keys(["inledning", "jav", "legalitet"])["jav"] == keys["jav"]
    assert short_keys(["legalitet", "jav"]) == keys


def test_short_keys_fall_back_to_the_ids_when_two_hashes_clash():
    seen: dict[str, str] = {}
    for number in itertools.count():
        candidate = f"fraga-{number}"
        key = short_keys([candidate])[candidate]
        if key in seen:
            clash = [seen[key], candidate]
            break
        seen[key] = candidate
    expected = {clash[0]: clash[0], clash[1]: clash[1], "annan": short_keys(["annan"])["annan"]}
    assert short_keys([*clash, "annan"]) == expected


def test_interaction_names_are_letters_and_digits_and_never_the_same_for_two_ids():
    assert interaction_name("jav-koll-1") == "javXkollX1"  # attempt 2 is then "javXkollX1A2" (README)
    assert interaction_name("a_b.c") == "aY2nYbY1aYc"
    names = [interaction_name(i) for i in ("a-b", "ab", "a_b", "aY2nYb", "a.b")]
    assert len(set(names)) == len(names) and all(re.fullmatch(r"[A-Za-z0-9]+", name) for name in names)


def test_player_data_names_responses_as_scorm_does(project):
    from builder.load import load_project
    from builder.problems import Problems
    from builder.render import render_course

    loaded = load_project(project, Problems(project))
    data = player_data(render_course(loaded.courses[0], loaded.catalogue))
    questions = {q["id"]: q for q in data["test"]["questions"]}
    assert questions["prov-2"]["responses"] == ["a", "b", "c"]
    assert questions["prov-3"]["responses"] == ["true", "false"]  # options Sant, Falskt
    assert questions["prov-2"]["interaction"] == "provX2"
    assert data["dilemmas"]["jav-dilemma-1"]["recommended"] == [1]
    assert [lesson["page"] for lesson in data["lessons"]] == ["lektion-jav", "lektion-legalitet"]


SWEDISH_UI_WORDS = ("Starta kursen", "Hoppa till innehållet", "Dina framsteg", "Nästa", "Föregående", "Lämna in svaren",
                    "Kursens slut", "Vad händer nu", "Kunskapskoll", "Sluttest", "Visa återkoppling", "Lektion 1 av",
                    "lektioner klara", "Tillbaka till texten", "Resultatet", "Ditt svar")


def english_course(project):
    """The fixture course with `språk: en`: its content stays Swedish, its player must not."""
    course = project / "provkurs" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("språk: sv", "språk: en"), encoding="utf-8")
    return project


def test_an_english_course_gets_english_player_texts_in_the_page_and_the_script(tmp_path, project):
    build(english_course(project), tmp_path, formats=["scorm2004"])
    with zipfile.ZipFile(next(tmp_path.glob("*/*-scorm2004.zip"))) as archive:
        page = archive.read("index.html").decode("utf-8")
    for words in ("Start the course", "Skip to content", "Your progress", "0 of 2 lessons done", "Hand in your answers",
                  "End of the course", "What happens next?", "Check your knowledge", "Final test", "Next", "Previous",
                  "Lesson 1 of 2", "The course is not connected to the learning platform."):
        assert words in page, words
    data = page[page.index('id="etos-data">') + 15:page.index("</script>")]
    assert '"saved_lms": "The result is saved in the learning platform."' in data
    assert [words for words in SWEDISH_UI_WORDS if words in page] == []


def test_a_swedish_course_keeps_its_swedish_player_texts(tmp_path, project):
    build(project, tmp_path, formats=["web"])
    with zipfile.ZipFile(next(tmp_path.glob("*/*-web.zip"))) as archive:
        page = archive.read("index.html").decode("utf-8")
    assert [words for words in SWEDISH_UI_WORDS if words not in page] == []


def test_tables_are_written_into_the_page_in_a_labelled_region_that_scrolls(tmp_path, project):
    """The builder, not the script, gives each table its region: it holds without JavaScript too."""
    build(english_course(project), tmp_path, formats=["web"])
    with zipfile.ZipFile(next(tmp_path.glob("*/*-web.zip"))) as archive:
        page = archive.read("index.html").decode("utf-8")
    region = ('<div class="table-scroll" role="group" tabindex="0" aria-label="Table, scroll sideways">'
              '<table class="table">')
    assert page.count("<table") == page.count(region) > 0
    assert page.count("</table></div>") == page.count("<table")


def test_a_test_questions_verdicts_wait_outside_the_document_a_wrong_one_with_its_lesson(tmp_path, project):
    build(project, tmp_path, formats=["web"])
    with zipfile.ZipFile(next(tmp_path.glob("*/*-web.zip"))) as archive:
        page = archive.read("index.html").decode("utf-8")
    question = page[page.index('data-question="prov-1"'):]
    template = question[question.index('<template class="key">'):question.index("</template>")]
    assert '<p class="question-verdict passed">Rätt svar på frågan.</p>' in template
    assert ('<p class="question-verdict failed">Fel svar på frågan. Läs om det i lektionen '
            '<a href="#lektion-jav">') in template


def test_the_cmi5_launch_speaks_the_courses_language_and_only_its_package_carries_those_words(tmp_path, project):
    build(english_course(project), tmp_path, formats=["cmi5", "scorm12"])
    pages = {}
    for standard in ("cmi5", "scorm12"):
        with zipfile.ZipFile(next(tmp_path.glob(f"*/*-{standard}.zip"))) as archive:
            pages[standard] = archive.read("index.html").decode("utf-8")
    page = pages["cmi5"]
    assert '<button type="button" class="button cmi5-exit" hidden>Leave the course</button>' in page
    assert "(cmi5), could not reach the platform&#39;s LRS." in page
    data = json.loads(page[page.index('id="etos-data">') + 15:page.index("</script>")])
    assert data["texts"]["launch_used"].startswith("The launch link has already been used or has expired.")
    assert {"launch_missing", "launch_refused", "launch_other"} <= set(data["texts"])
    assert "launch_used" not in pages["scorm12"] and "cmi5-exit" not in pages["scorm12"]
    assert [words for words in ("Avsluta", "Startlänken", "lärplattformen") if words in page] == []
    cmi5_script = (PLAYER / "cmi5.js").read_text(encoding="utf-8")
    assert not re.search(r"[åäöÅÄÖ]", cmi5_script), "cmi5.js shows words of its own"
