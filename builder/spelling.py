"""Swedish spelling with hunspell and Debian's Swedish dictionary (packages `hunspell`, `hunspell-sv`).

The sources mix prose with Markdown syntax, YAML keys, ids and file names. Each source line is turned
into the prose it shows a learner (same line count, so a finding keeps its line), the whole text goes
through `hunspell -l` once, and the unknown words are found again line by line. Words hunspell does
not know but that are right — legal abbreviations like OSL or DIGG — belong in the project's word
list, courses/ordlista-stavning.txt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from builder.syntax import CODE_SPAN, GLOSSARY_LINK, TABLE_RULE

DICTIONARY = "sv_SE"
WORD_LIST = Path("courses") / "ordlista-stavning.txt"

# hunspell's sv_SE.aff: WORDCHARS -0123456789.:  — a word is letters plus these characters.
HUNSPELL_WORD = re.compile(r"[^\W_][\w\-.:]*")
# YAML keys whose values are ids, numbers, yes/no or file names, never prose.
NOT_PROSE_KEYS = {
    "id", "typ", "mål", "rätt", "rekommenderat", "version", "språk", "minuter", "lektioner", "frågebank",
    "antal", "godkänt", "försök", "lektion", "kurser", "scheman", "kontakt", "licens", "omslagsbild", "logotyp",
}
YAML_KEY = re.compile(r"^(\s*)(-\s+)?([A-Za-zÅÄÖåäö_]+):(?:\s+|$)(.*)$")
YAML_ITEM = re.compile(r"^(\s*)-\s+(.*)$")
BLOCK_LINE = re.compile(r"^:::\s*([A-Za-zÅÄÖåäö/-]*)\s*(.*)$")
YAML_BLOCK_KINDS = {"dilemma", "kunskapskoll"}
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
# A link's or picture's target, and the title a picture shows as its caption.
LINK_TARGET = re.compile(r'\]\([^)"]*(?:"([^"]*)")?[^)]*\)')
FOOTNOTE = re.compile(r"\[\^[^\]]*\]:?")
MARKDOWN_MARKS = re.compile(r"[#*_>|\[\]!`~]")


class SpellingUnavailable(Exception):
    """hunspell or its Swedish dictionary is missing: spelling is skipped with one warning."""

    def __init__(self, detail: str, program_missing: bool = False) -> None:
        super().__init__(detail)
        self.program_missing = program_missing


@dataclass
class Misspelling:
    """One unknown word in one file: every line it is on, and hunspell's suggestions."""

    word: str
    path: Path
    lines: list[int] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


# --- From source lines to prose lines ------------------------------------------------------------

def markdown_prose(line: str) -> str:
    """The words a learner sees on one line of Markdown: no link targets, URLs, code or marks."""
    if TABLE_RULE.match(line):
        return ""
    line = CODE_SPAN.sub(" ", line)
    line = URL.sub(" ", line)
    line = GLOSSARY_LINK.sub(r"\1", line)
    line = LINK_TARGET.sub(lambda m: "] " + (m.group(1) or ""), line)
    line = FOOTNOTE.sub(" ", line)
    line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
    return MARKDOWN_MARKS.sub(" ", line)


class YamlProse:
    """Line by line, the prose values of YAML: keys dropped, non-prose keys' values (ids, numbers) too.

    A line without a key (a list item, a line of a `|` text) belongs to the nearest key above it
    with less indentation.
    """

    def __init__(self) -> None:
        self.keys: list[tuple[int, str]] = []  # (indent, key), innermost last

    def owner(self, indent: int) -> str:
        while self.keys and self.keys[-1][0] >= indent:
            self.keys.pop()
        return self.keys[-1][1] if self.keys else ""

    def line(self, text: str) -> str:
        if not text.strip() or text.lstrip().startswith("#"):
            return ""
        key = YAML_KEY.match(text)
        if key:
            indent = len(key.group(1)) + len(key.group(2) or "")
            owner = self.owner(indent)
            self.keys.append((indent, key.group(3)))
            if key.group(3) in NOT_PROSE_KEYS or owner in NOT_PROSE_KEYS:
                return ""
            value = key.group(4).strip()
            return "" if value in ("|", ">", "|-", ">-") else markdown_prose(value.strip("\"'[]"))
        item = YAML_ITEM.match(text)
        indent = len(item.group(1)) if item else len(text) - len(text.lstrip())
        if self.owner(indent) in NOT_PROSE_KEYS:
            return ""
        return markdown_prose(item.group(2) if item else text)


def lesson_prose(text: str) -> list[str]:
    """One prose line per line of a lesson file: the title from the front matter, then the body."""
    lines = text.split("\n")
    result: list[str] = []
    in_front = bool(lines) and lines[0].strip() == "---"
    front_done = not in_front
    yaml: YamlProse | None = None
    in_fence = False
    for number, line in enumerate(lines):
        if not front_done:
            if number > 0 and line.strip() == "---":
                front_done = True
                result.append("")
                continue
            key = YAML_KEY.match(line)
            result.append(markdown_prose(key.group(4)) if key and key.group(3) == "titel" else "")
            continue
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            result.append("")
            continue
        if in_fence:
            result.append("")
            continue
        block = BLOCK_LINE.match(line)
        if block:
            kind = block.group(1).lower()
            yaml = YamlProse() if kind in YAML_BLOCK_KINDS else None
            result.append(markdown_prose(block.group(2)))
            continue
        result.append(yaml.line(line) if yaml else markdown_prose(line))
    return result


def yaml_prose(text: str) -> list[str]:
    reader = YamlProse()
    return [reader.line(line) for line in text.split("\n")]


def guide_prose(text: str) -> list[str]:
    """A facilitator chapter is plain Markdown, its first line the chapter title."""
    return [markdown_prose(line) for line in text.split("\n")]


def prose_lines(path: Path, text: str) -> list[str]:
    """Choose the reader by file type: lessons, YAML settings and questions, or guide chapters."""
    if path.suffix == ".md":
        return lesson_prose(text) if path.parent.name == "lessons" else guide_prose(text)
    return yaml_prose(text)


# --- The project word list -----------------------------------------------------------------------

def read_word_list(path: Path) -> list[str]:
    """Words one per line, in hunspell's personal-dictionary form; `#` starts a comment.

    `dilemmaträff/träff` adds the word with every ending the dictionary gives `träff`
    (dilemmaträffen, dilemmaträffar). A missing list is an empty one.
    """
    if not path.is_file():
        return []
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def normalise(word: str) -> str:
    """hunspell keeps trailing dots and colons ("OSL."); compare words without them."""
    return word.strip(".:-")


# --- hunspell ------------------------------------------------------------------------------------

def hunspell_command() -> str:
    command = shutil.which("hunspell")
    if command is None:
        raise SpellingUnavailable("hunspell", program_missing=True)
    return command


def run_hunspell(arguments: list[str], text: str, words: list[str]) -> str:
    """Run hunspell with the Swedish dictionary and the project's words as a personal dictionary."""
    command = [hunspell_command(), "-d", DICTIONARY, "-i", "utf-8", *arguments]
    with tempfile.TemporaryDirectory(prefix="etos-stavning-") as folder:
        if words:
            personal = Path(folder) / "ord.dic"
            personal.write_text("\n".join(words) + "\n", encoding="utf-8")
            command += ["-p", str(personal)]
        try:
            result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=120,
                                    check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpellingUnavailable(str(error)) from error
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpellingUnavailable(detail[0] if detail else f"hunspell exit {result.returncode}")
    return result.stdout.decode("utf-8", "replace")


def unknown_words(text: str, words: list[str]) -> set[str]:
    """Every word of `text` that neither the dictionary nor the word list knows.

    A hyphenated word with an unknown first part (`LIX-värdet`) passes when each part is known
    on its own, which hunspell does not try by itself.
    """
    unknown = {normalise(w) for w in run_hunspell(["-l"], text, words).split() if normalise(w)}
    hyphenated = sorted(w for w in unknown if "-" in w)
    if hyphenated:
        parts = "\n".join(part for word in hyphenated for part in word.split("-") if part)
        unknown_parts = {normalise(w) for w in run_hunspell(["-l"], parts, words).split()}
        unknown -= {w for w in hyphenated if not any(p in unknown_parts for p in w.split("-") if p)}
    return unknown


def suggestions_for(unknown: list[str], words: list[str]) -> dict[str, list[str]]:
    """hunspell's pipe mode (-a), one word a line: `& word n offset: first, second, …`."""
    if not unknown:
        return {}
    # "^" makes hunspell read each line as text, never as a pipe-mode command.
    output = run_hunspell(["-a"], "".join(f"^{word}\n" for word in unknown), words)
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        if line.startswith("& "):
            head, _, tail = line.partition(": ")
            found[head.split()[1]] = [s.strip() for s in tail.split(",") if s.strip()]
    return found


def check_files(files: list[Path], words: list[str]) -> list[Misspelling]:
    """Spell-check source files; one Misspelling per (file, word), in file and line order.

    Raises SpellingUnavailable when hunspell or the sv_SE dictionary is missing.
    """
    prose: dict[Path, list[str]] = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the loader reports unreadable files
        prose[path] = prose_lines(path, text.removeprefix("\ufeff").replace("\r\n", "\n"))
    everything = "\n".join(line for lines in prose.values() for line in lines)
    unknown = unknown_words(everything, words)
    if not unknown:
        return []
    found: list[Misspelling] = []
    for path, lines in prose.items():
        by_word: dict[str, Misspelling] = {}
        for number, line in enumerate(lines, start=1):
            for token in HUNSPELL_WORD.findall(line):
                word = normalise(token)
                if word in unknown:
                    entry = by_word.setdefault(word, Misspelling(word, path))
                    if number not in entry.lines:
                        entry.lines.append(number)
        found += sorted(by_word.values(), key=lambda m: (m.lines[0], m.word))
    suggestions = suggestions_for(sorted({m.word for m in found}), words)
    for misspelling in found:
        misspelling.suggestions = suggestions.get(misspelling.word, [])[:3]
    return found
