"""Lesson files: the list in course.yaml, each file's front matter, then its body cut into blocks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.load.blocks import split_blocks
from builder.load.common import ID_PATTERN, LESSON_FILE_PATTERN, is_inside, not_regular, shown
from builder.messages import Localized
from builder.model import BlockKind, Lesson, SourceRef
from builder.names import slugify
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_source, suggest
from builder.yamlsource import parse_yaml, read_text

FRONT_MATTER = Localized("lektionens huvud", "the lesson's front matter")


@dataclass(kw_only=True)
class FrontMatter(SourceMapping):
    """The YAML between a lesson's `---` lines."""

    id: str = key("id", required=True)
    title: str = key("titel", required=True)
    minutes: int | None = key("minuter", required=True)


def load_lessons(folder: Path, listed: list[tuple[str, int]], course_path: Path, problems: Problems) -> list[Lesson]:
    """Read the lessons in the order course.yaml lists them (each with its line there); warn about
    lesson files it leaves out."""
    lesson_folder = folder / "lessons"
    lessons: list[Lesson] = []
    seen_ids: dict[str, SourceRef] = {}
    seen_files: set[str] = set()
    available = sorted(p.name for p in lesson_folder.glob("*.md")) if lesson_folder.is_dir() else []
    for name, line in listed:
        if name in seen_files:
            problems.error("lesson-listed-twice", course_path, line, file=name)
            continue
        seen_files.add(name)
        if "/" in name or "\\" in name or name.startswith("."):
            problems.error("lesson-path", course_path, line, file=name)
            continue
        path = lesson_folder / name
        if not is_inside(path, folder):
            problems.error("path-outside", course_path, line, target=f"lessons/{name}")
            continue
        if not path.is_file():
            if not not_regular(path, problems):
                problems.error("lesson-missing", course_path, line, file=name, suggestion=suggest(name, available))
            continue
        lesson = load_lesson(path, problems)
        if lesson is None:
            continue
        if lesson.id in seen_ids:
            problems.error("duplicate-lesson-id", lesson.source.path, lesson.source.line,
                           id=lesson.id, other=shown(problems, seen_ids[lesson.id]))
            continue
        seen_ids[lesson.id] = lesson.source
        lessons.append(lesson)
    for name in available:
        if name not in seen_files:
            problems.warning("lesson-not-listed", lesson_folder / name, 1, file=name)
    return lessons


def load_lesson(path: Path, problems: Problems) -> Lesson | None:
    """Split a lesson into front matter and body, then the body into blocks."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error("front-matter-missing", path, 1)
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.error("front-matter-unclosed", path, 1)
        return None
    front_text = "\n".join(lines[1:end])
    data = parse_yaml(front_text, path, problems, line_offset=1)
    if data is None:
        if not front_text.strip():
            problems.error("front-matter-empty", path, 1)
        return None
    front = read_source(FrontMatter, data, path, problems, 2, where=FRONT_MATTER)
    if front is None:
        return None
    if front.id and not ID_PATTERN.match(front.id):
        problems.error("bad-id", path, front.line_of("id"), id=front.id, suggestion=slugify(front.id))
    if front.minutes is not None and front.minutes <= 0:
        problems.error("not-positive", path, front.line_of("minutes"), key=front.key_of("minutes"),
                       value=front.minutes)
    match = LESSON_FILE_PATTERN.match(path.name)
    slug = match.group(2) if match else slugify(path.stem)
    body_start = end + 2  # 1-based line number of the first body line
    blocks = split_blocks(lines[end + 1:], body_start, path, front.id or slug, problems)
    if not any(b.kind is not BlockKind.FACILITATOR for b in blocks):
        problems.error("lesson-empty", path, body_start)
    return Lesson(
        id=front.id,
        title=front.title,
        minutes=front.minutes or 0,
        blocks=blocks,
        source=SourceRef(path, 1),
        slug=slug,
    )
