"""`etos new`: a new course or lesson with a skeleton that passes `etos check` from the start.

The skeletons are templates (templates/preview/skeleton/), so what an author starts from is written
in the same words as the author guide. Adding to a list in course.yaml or katalog.yaml is a careful
text edit of one line, so the author's comments and layout stay as they were.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from builder.load import CATALOGUE_FILE, COURSE_FILE, ID_PATTERN, LESSON_FILE_PATTERN
from builder.names import slugify
from builder.problems import Problems
from builder.schema import suggest
from builder.templates import templates_folder
from builder.yamlsource import MarkedDict, MarkedList, parse_yaml

FIRST_LESSON_TITLE = "Inledning"
SKELETON_MINUTES = 3  # what the skeleton's own text and activities take; the author adjusts it


class ScaffoldError(Exception):
    """Nothing was created; the problems say why."""

    def __init__(self, problems: Problems) -> None:
        super().__init__("cannot create")
        self.problems = problems


@dataclass
class Created:
    """What `etos new` wrote: new files and files it added a line to."""

    files: list[Path]
    changed: list[Path]
    identifier: str


def yaml_text(value: str) -> str:
    """A YAML value that reads back as exactly this text: plain when safe, else double-quoted."""
    try:
        plain_ok = "\n" not in value and yaml.safe_load(f"x: {value}") == {"x": value}
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def skeleton(name: str, **values: object) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_folder() / "preview" / "skeleton")),
        autoescape=False,  # YAML and Markdown, not HTML; values pass through yaml_text instead
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["yaml_text"] = yaml_text
    return environment.get_template(name).render(**values)


def fail(code: str, path: Path | None, line: int = 0, root: Path | None = None, **params: object) -> ScaffoldError:
    problems = Problems(root)
    problems.error(code, path, line, **params)
    return ScaffoldError(problems)


# --- Adding one item to a YAML list, keeping the file as the author wrote it ------------------------

def list_item_added(path: Path, key: str, item: str, root: Path) -> str:
    """The text of `path` with `item` appended to the top-level list `key` (block or [flow] style)."""
    text = path.read_text(encoding="utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    problems = Problems(root)
    data = parse_yaml("\n".join(lines), path, problems)
    not_found = fail("new-list-not-found", path, 0, root, key=key, item=item)
    if not isinstance(data, MarkedDict) or not isinstance(data.get(key), MarkedList) or problems.errors:
        raise not_found
    items: MarkedList = data[key]
    key_index = data.line_of(key) - 1
    if not items:
        flow = re.match(r"^(\s*" + re.escape(key) + r"\s*:\s*)\[\s*\](.*)$", lines[key_index])
        if not flow:
            raise not_found
        lines[key_index] = f"{flow.group(1)}[{item}]{flow.group(2)}"
    elif items.line_of(0) == data.line_of(key):
        # Flow style on the key's own line: `kurser: [a, b]`.
        line = lines[key_index]
        close = line.rfind("]")
        if close < 0 or line.count("[") != 1:
            raise not_found
        lines[key_index] = f"{line[:close].rstrip()}, {item}{line[close:]}"
    else:
        last_index = items.line_of(len(items) - 1) - 1
        dash = re.match(r"^(\s*-\s+)", lines[last_index])
        if not dash:
            raise not_found
        # A list item may run over several lines; insert after the last line that belongs to it.
        insert_at = last_index + 1
        while insert_at < len(lines) and lines[insert_at].startswith(" " * (len(dash.group(1)))) \
                and lines[insert_at].strip():
            insert_at += 1
        lines.insert(insert_at, f"{dash.group(1)}{item}")
    return newline.join(lines)


# --- etos new course ------------------------------------------------------------------------------

def new_course(root: Path, course_id: str, title: str | None = None) -> Created:
    """Create <folder>/course.yaml and lessons/01-inledning.md, and list the folder in katalog.yaml."""
    catalogue = root / CATALOGUE_FILE
    if not catalogue.is_file():
        raise fail("catalogue-missing", catalogue, 0, root)
    # Folders use underscores, ids hyphens (sex_principerna/ holds sex-principerna): accept either.
    course_id = course_id.replace("_", "-")
    if not ID_PATTERN.match(course_id):
        raise fail("new-bad-id", None, 0, root, id=course_id, suggestion=slugify(course_id))
    folder = root / course_id.replace("-", "_")
    if folder.exists():
        raise fail("new-folder-exists", None, 0, root, folder=folder.name)
    for existing in course_folders(root):
        if read_id(existing / COURSE_FILE) == course_id:
            raise fail("new-course-id-taken", existing / COURSE_FILE, 1, root, id=course_id)
    first_lesson = f"01-{slugify(FIRST_LESSON_TITLE)}.md"
    listed = catalogue_folders(catalogue, root)
    # The catalogue may name the folder already (etos check then suggests this very command).
    catalogue_text = None if folder.name in listed else list_item_added(catalogue, "kurser", folder.name, root)
    course_text = skeleton("course.yaml.j2", id=course_id, title=title or course_id.replace("-", " ").capitalize(),
                           minutes=SKELETON_MINUTES, first_lesson=first_lesson)
    lesson_text = skeleton("lesson.md.j2", id=slugify(FIRST_LESSON_TITLE), title=FIRST_LESSON_TITLE,
                           minutes=SKELETON_MINUTES)
    (folder / "lessons").mkdir(parents=True)
    (folder / COURSE_FILE).write_text(course_text, encoding="utf-8")
    (folder / "lessons" / first_lesson).write_text(lesson_text, encoding="utf-8")
    if catalogue_text is not None:
        catalogue.write_text(catalogue_text, encoding="utf-8")
    changed = [catalogue] if catalogue_text is not None else []
    return Created([folder / COURSE_FILE, folder / "lessons" / first_lesson], changed, course_id)


def catalogue_folders(catalogue: Path, root: Path) -> list[str]:
    """The folders katalog.yaml lists, read leniently; an unreadable list is an empty one here."""
    data = parse_yaml(catalogue.read_text(encoding="utf-8"), catalogue, Problems(root))
    folders = data.get("kurser") if isinstance(data, dict) else None
    return [str(f) for f in folders] if isinstance(folders, list) else []


def course_folders(root: Path) -> list[Path]:
    """Folders with a course.yaml: listed in the catalogue or not, so a clash is found either way."""
    return sorted(p.parent for p in root.glob(f"*/{COURSE_FILE}"))


def read_id(path: Path) -> str:
    """The `id:` of a course or lesson file, read leniently: the file may have errors elsewhere."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    match = re.search(r"^id:\s*[\"']?([^\"'\s#]+)", text, re.MULTILINE)
    return match.group(1) if match else ""


# --- etos new lesson ------------------------------------------------------------------------------

def find_course_folder(root: Path, name: str) -> Path:
    """A course by folder name or id, as the other commands accept either."""
    folders = course_folders(root)
    for folder in folders:
        if name in (folder.name, read_id(folder / COURSE_FILE)) or folder.name == name.replace("-", "_"):
            return folder
    names = [folder.name for folder in folders]
    raise fail("new-course-unknown", None, 0, root, name=name, suggestion=suggest(name, names),
               known=", ".join(names))


def next_number(lesson_folder: Path, listed: list[str]) -> int:
    """One more than the highest lesson number in the folder or in course.yaml."""
    names = listed + ([p.name for p in lesson_folder.glob("*.md")] if lesson_folder.is_dir() else [])
    numbers = [int(m.group(1)) for m in (LESSON_FILE_PATTERN.match(n) for n in names) if m]
    return max(numbers, default=0) + 1


def new_lesson(root: Path, course: str, title: str) -> Created:
    """Create lessons/NN-titel.md with the next number and list it last in course.yaml."""
    title = " ".join(title.split())
    if not title:
        raise fail("new-title-empty", None, 0, root)
    folder = find_course_folder(root, course)
    course_file = folder / COURSE_FILE
    lesson_folder = folder / "lessons"
    problems = Problems(root)
    data = parse_yaml(course_file.read_text(encoding="utf-8"), course_file, problems)
    listed = [str(n) for n in data.get("lektioner") or []] if isinstance(data, dict) else []
    number = next_number(lesson_folder, listed)
    slug = slugify(title)
    file_name = f"{number:02d}-{slug}.md"
    taken = {read_id(p) for p in lesson_folder.glob("*.md")} if lesson_folder.is_dir() else set()
    lesson_id, counter = slug, 1
    while lesson_id in taken:
        counter += 1
        lesson_id = f"{slug}-{counter}"
    course_text = list_item_added(course_file, "lektioner", file_name, root)
    lesson_text = skeleton("lesson.md.j2", id=lesson_id, title=title, minutes=SKELETON_MINUTES)
    lesson_folder.mkdir(exist_ok=True)
    (lesson_folder / file_name).write_text(lesson_text, encoding="utf-8")
    course_file.write_text(course_text, encoding="utf-8")
    return Created([lesson_folder / file_name], [course_file], lesson_id)
