"""What every source kind's loader shares: file names, id and version rules, and safe file reading."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from builder.model import SourceRef
from builder.problems import Problems
from builder.yamlsource import parse_yaml, read_text

CATALOGUE_FILE = Path("courses") / "katalog.yaml"
GLOSSARY_FILE = Path("courses") / "ordlista.yaml"
COURSE_FILE = "course.yaml"
QUESTIONS_FILE = "questions.yaml"
GUIDE_FOLDER = "handledning"
GUIDE_FILE = "handledning.yaml"

# 45 is "medelsvår" text, the ceiling for plain Swedish aimed at the public; a course may set its own.
DEFAULT_LIX_TARGET = 45
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]*$")
# Course id and version name every output file (`<id>-<version>-handledarmaterial.pdf`) and the
# folder it lies in: these limits keep that name under 120 bytes, far from the 255 file systems allow.
MAX_COURSE_ID_LENGTH = 64
MAX_VERSION_LENGTH = 32
LESSON_FILE_PATTERN = re.compile(r"^(\d+)-([a-z0-9-]+)\.md$")


def read_yaml_file(path: Path, problems: Problems) -> object | None:
    """A YAML source file's data, or None once the reason is recorded: a file that holds nothing
    (empty, only comments, or `null`) is a mistake too, never a silently missing course."""
    text = read_text(path, problems)
    if text is None:
        return None
    before = len(problems.errors)
    data = parse_yaml(text, path, problems)
    if data is None and len(problems.errors) == before:
        problems.error("empty-file", path, 1)
    return data


def not_regular(path: Path, problems: Problems) -> bool:
    """Whether something that is no regular file (a FIFO, a device, a folder) stands at path, recorded
    as such: it is refused unread, and an author told "missing" would look for the wrong mistake."""
    if path.exists() and not path.is_file():
        problems.error("file-not-regular", path)
        return True
    return False


def is_inside(path: Path, folder: Path) -> bool:
    """Whether path, symlinks followed, lies in folder: sources from elsewhere never reach a package."""
    try:
        real, base = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False
    return real == base or base in real.parents


def shown(problems: Problems, place: SourceRef | Path) -> str:
    """A place for a message's text, relative to the project root like the place the message is at."""
    path, line = (place.path, place.line) if isinstance(place, SourceRef) else (place, 0)
    if problems.root is not None:
        try:
            path = Path(path).resolve().relative_to(problems.root.resolve())
        except ValueError:
            pass
    return f"{path}:{line}" if line else str(path)


def is_iso_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD, as in `faktagranskad: 2026-11-30`."""
    if not ISO_DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
