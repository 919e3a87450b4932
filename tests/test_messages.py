"""The message catalogue: every code in Swedish and English with the same placeholders, every
section listed, every help text of the CLI a code of the catalogue, and nothing read needlessly."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import click
import pytest

import builder.messages as messages
from builder.cli import main
from builder.messages import (
    LANGUAGES,
    SECTIONS,
    Localized,
    placeholders,
    problems,
    render_message,
    section_table,
    text,
)

REPO = Path(__file__).resolve().parent.parent
TEXT_CODES = [(section, code) for section in SECTIONS for code in section_table(section)]


@pytest.mark.parametrize("code", sorted(problems()))
def test_every_problem_has_swedish_and_english_with_the_same_placeholders(code: str) -> None:
    entry = problems()[code]
    assert set(entry) == set(LANGUAGES)
    for part in (0, 1):  # the message, then the hint
        assert placeholders(entry["sv"][part]) == placeholders(entry["en"][part]), (code, part)
    assert entry["sv"][0] and entry["en"][0] and entry["sv"] != entry["en"]


@pytest.mark.parametrize(("section", "code"), TEXT_CODES)
def test_every_interface_text_has_swedish_and_english_with_the_same_placeholders(section: str, code: str) -> None:
    entry = section_table(section)[code]
    assert set(entry) == set(LANGUAGES)
    assert entry["sv"].strip() and entry["en"].strip()
    assert placeholders(entry["sv"]) == placeholders(entry["en"]), (section, code)


def test_every_module_of_the_catalogue_is_a_listed_section() -> None:
    """A section added as a module (the player's texts, say) is read, and so tested above, only if listed."""
    modules = {path.stem for path in Path(messages.__file__).parent.glob("*.py") if path.stem != "__init__"}
    assert modules == set(SECTIONS)
    for section in SECTIONS:
        module = messages.section_module(section)
        assert hasattr(module, "MESSAGES") or hasattr(module, "TEXTS"), section


def test_a_problem_code_may_be_defined_once_only() -> None:
    with pytest.raises(ValueError, match="already defined"):
        messages.register_messages({"file-missing": {"sv": ("x", ""), "en": ("x", "")}})


def test_texts_fill_in_their_placeholders_and_localized_values_per_language() -> None:
    assert text("cli", "done-other", "en", count=3, folder="dist") == "Done: 3 files in dist"
    assert text("cli", "done-one", "sv", count=1, folder="dist") == "Klart: 1 fil i dist"
    kind = Localized("heltal", "a whole number")
    assert render_message("wrong-type", {"key": "minuter", "expected": kind, "found": "x"}, "en")[0] == \
        "'minuter' must be a whole number, but is x"


def test_a_localized_value_pickles_with_both_of_its_texts() -> None:
    """Problems cross from a worker process to the parent whole (see writing.py)."""
    again = pickle.loads(pickle.dumps(Localized("arbetsbladen", "worksheets")))
    assert isinstance(again, Localized) and str(again) == "arbetsbladen" and again.en == "worksheets"


def commands(group: click.Group) -> list[click.Command]:
    found: list[click.Command] = [group]
    for command in group.commands.values():
        found += commands(command) if isinstance(command, click.Group) else [command]
    return found


def test_every_help_text_of_the_cli_is_a_code_of_the_catalogue() -> None:
    helps = [command.help for command in commands(main)]
    helps += [param.help for command in commands(main) for param in command.params
              if isinstance(param, click.Option) and not param.hidden and param.name not in ("help", "version")]
    cli_codes = set(section_table("cli"))
    assert helps and all(help_text in cli_codes for help_text in helps), [h for h in helps if h not in cli_codes]


def test_help_follows_lang() -> None:
    from click.testing import CliRunner

    swedish = CliRunner().invoke(main, ["build", "--help"]).output
    english = CliRunner().invoke(main, ["--lang", "en", "build", "--help"]).output
    assert "Bygg kurser (alla, eller de som anges)" in swedish and "Behandla varningar som fel." in swedish
    assert "Build courses (all, or those named)" in english and "Treat warnings as errors." in english
    assert "help-" not in swedish + english
    top = CliRunner().invoke(main, ["--lang", "en", "--help"]).output
    assert "Preview a course in the browser" in top and "Förhandsvisa" not in top


def test_a_no_op_build_reads_no_writer_and_only_the_cli_texts(tmp_path: Path) -> None:
    """The registry imports a writer only to write; an up-to-date build needs none, nor the problems."""
    out = tmp_path / "dist"
    fixture = REPO / "tests" / "fixtures" / "provprojekt"
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(fixture), "build", "--format", "web",
                            "--out", str(out)], capture_output=True, text=True, env=environment, check=False)
    assert first.returncode == 0, first.stderr
    probe = ("import runpy, sys, json\n"
             "sys.argv = ['etos', '--root', sys.argv[1], 'build', '--format', 'web', '--out', sys.argv[2]]\n"
             "try:\n    runpy.run_module('builder.cli', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('builder'))))\n")
    again = subprocess.run([sys.executable, "-c", probe, str(fixture), str(out)], capture_output=True, text=True,
                           env=environment, check=True)
    loaded = set(json.loads(again.stdout.strip().splitlines()[-1]))
    assert "already up to date" in again.stdout or "redan aktuella" in again.stdout
    assert not loaded & {"builder.package.zipwriter", "builder.package.pdf", "builder.render", "builder.load"}
    assert "builder.messages.cli" in loaded and "builder.messages.sources" not in loaded


def test_every_printed_word_is_a_code_of_the_print_catalogue_and_every_code_is_printed() -> None:
    """The layout looks its words up with `word("…")` (only the codes it is given, LAYOUT_CODES), the
    document templates with `t("…")`, the writer with `words(lang, "…")` and by the document's kind: a
    mistyped code would fail the build (or, in the layout, print as itself), and a code nobody prints
    is a word left over."""
    import re

    from builder.messages.print import LAYOUT_CODES
    from builder.package.pdf import KIND_CODES

    layout = (REPO / "templates" / "print" / "etos.typ").read_text(encoding="utf-8")
    templates = " ".join(path.read_text(encoding="utf-8") for path in (REPO / "templates" / "print").glob("*.j2"))
    writer = (REPO / "builder" / "package" / "pdf.py").read_text(encoding="utf-8")
    in_layout = set(re.findall(r'\bword\("([a-z_]+)"\)', layout))
    in_templates = set(re.findall(r'\bt\("([a-z_]+)"', templates))
    in_writer = set(re.findall(r'\bwords\([a-z_.]+, "([a-z_]+)"', writer)) | set(KIND_CODES.values())
    catalogue = set(section_table("print"))
    assert in_layout == set(LAYOUT_CODES)
    assert in_templates and in_writer and (in_templates | in_writer) <= catalogue
    assert in_layout | in_templates | in_writer == catalogue
