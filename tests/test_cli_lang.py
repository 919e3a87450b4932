"""`--lang en`: every message the commands write for an author is in English, none left in Swedish.

Course content (titles, lesson names) stays as written; what is checked is Etos's own words.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.messages import MESSAGES

# Words of Etos's Swedish messages that never occur in the fixture's own content.
SWEDISH = re.compile(r"\b(fel|varningar?|Klart|skapade|ändrade|lektioner|Kom ihåg|Menade du|Nästa steg|"
                     r"Inga|Sluttest|godkänt|Förhandsvisningen|Porten|Bygger|internt|Förslag|okänt|finns)\b")


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "--lang", "en", *args])


def english(output: str) -> str:
    assert not SWEDISH.search(output), SWEDISH.search(output).group(0) + " in:\n" + output
    return output


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_check_in_english_clean_and_with_problems(project):
    assert "No errors or warnings." in english(run(project, "check").output)
    edit(project / "provkurs/lessons/02-legalitet.md", "minuter: 5", "minuter: 20")
    edit(project / "provkurs/lessons/01-jav.md", "titel: Jäv", "tittel: Jäv")
    output = english(run(project, "check").output)
    assert "error: unknown key 'tittel'" in output and "2 error(s), 0 warning(s)" in output
    edit(project / "provkurs/lessons/01-jav.md", "tittel: Jäv", "titel: Jäv")
    output = english(run(project, "check").output)
    assert "warning: the lesson declares 20 minutes, but the estimate is about 2 minutes" in output


def test_check_json_messages_in_english(project):
    edit(project / "provkurs/lessons/02-legalitet.md", "minuter: 5", "minuter: 20")
    output = english(run(project, "check", "--format", "json").output)
    assert '"message": "the lesson declares 20 minutes' in output


def test_list_stats_and_build_in_english(project, tmp_path):
    listing = english(run(project, "list").output)
    assert "2 lessons, 10 minutes" in listing and "Final test: 2 of 3 questions, pass mark 80 %" in listing
    assert "Whole course" in english(run(project, "stats").output)
    built = english(run(project, "build", "--format", "web", "--out", str(tmp_path / "ut")).output)
    assert "Building web" in built and "Done: 1 file in" in built


def test_new_in_english(project):
    created = english(run(project, "new", "lesson", "provkurs", "Tre").output)
    assert "created provkurs/lessons/03-tre.md" in created and "changed provkurs/course.yaml" in created
    course = english(run(project, "new", "course", "ny").output)
    assert "Next: fill in ny/course.yaml" in course
    refused = english(run(project, "new", "course", "Ny Kurs").output)
    assert "may contain only lower-case" in refused and "Suggestion: ny-kurs" in refused
    assert "Did you mean 'provkurs'?" in english(run(project, "new", "lesson", "provkrus", "X").output)


def test_serve_on_a_busy_port_says_so_in_english(project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(project, "serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"Port {port} cannot be used" in english(result.output)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_swedish_and_english(code):
    entry = MESSAGES[code]
    assert set(entry) == {"sv", "en"}
    for lang in ("sv", "en"):
        message, hint = entry[lang]
        assert message and isinstance(hint, str)
    assert entry["sv"] != entry["en"]
