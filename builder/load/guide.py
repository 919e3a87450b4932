"""The facilitator guide's own sources: `handledning/handledning.yaml` and its Markdown chapters.

Its dilemmas and answer key are not read here: they come from the lessons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.load.common import GUIDE_FILE, GUIDE_FOLDER, is_inside, not_regular, read_yaml_file
from builder.model import FacilitatorGuide, GuideChapter, Lesson, SessionActivity, SourceRef, Text, Worksheet
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_each, read_source, suggest
from builder.yamlsource import read_text


@dataclass(kw_only=True)
class GuideFile(SourceMapping):
    """`handledning.yaml`: the session's purpose, plan and material."""

    purpose: Text = key("syfte", required=True)
    preparation: list[str] = key("förberedelser", default=[])
    minutes: int | None = key("minuter", required=True)
    plan: list[object] = key("upplägg", required=True)
    discussion_questions: list[str] = key("diskussionsfrågor", default=[])
    worksheets: list[object] = key("arbetsblad", default=[])


@dataclass(kw_only=True)
class ActivitySource(SourceMapping):
    """One step of the session plan."""

    activity: str = key("aktivitet", required=True)
    method: str = key("metod", default="")
    minutes: int | None = key("minuter", required=True)
    material: str = key("material", default="")
    lesson_id: str = key("lektion", default="")


@dataclass(kw_only=True)
class WorksheetSource(SourceMapping):
    """One printed worksheet."""

    title: str = key("titel", required=True)
    instruction: str = key("instruktion", default="")
    questions: list[str] = key("frågor", default=[])


def load_guide(folder: Path, lessons: list[Lesson], problems: Problems) -> FacilitatorGuide | None:
    """The guide in `folder` (None without one), its plan checked against the course's lessons."""
    path = folder / GUIDE_FILE
    if not folder.is_dir():
        return None
    if not path.is_file():
        if not not_regular(path, problems):
            problems.error("guide-file-missing", path)
        return None
    data = read_yaml_file(path, problems)
    guide = read_source(GuideFile, data, path, problems, 1, where=GUIDE_FILE) if data is not None else None
    if guide is None:
        return None
    plan: list[SessionActivity] = []
    lesson_ids = [lesson.id for lesson in lessons]
    for item_line, activity in read_each(ActivitySource, guide.plan, path, problems, 1, where="upplägg"):
        if activity.lesson_id and activity.lesson_id not in lesson_ids:
            problems.error("guide-lesson-unknown", path, item_line, id=activity.lesson_id,
                           suggestion=suggest(activity.lesson_id, lesson_ids))
        if activity.minutes is not None and activity.minutes <= 0:
            problems.error("not-positive", path, item_line, key=activity.key_of("minutes"), value=activity.minutes)
        plan.append(SessionActivity(activity.activity, activity.method, activity.minutes or 0, activity.material,
                                    activity.lesson_id, SourceRef(path, item_line)))
    if guide.minutes is not None and plan and sum(a.minutes for a in plan) != guide.minutes:
        problems.error("plan-sum", path, guide.line_of("minutes"), total=guide.minutes,
                       sum=sum(a.minutes for a in plan))
    worksheets = [Worksheet(sheet.title, sheet.instruction, sheet.questions, SourceRef(path, item_line))
                  for item_line, sheet in read_each(WorksheetSource, guide.worksheets, path, problems, 1,
                                                    where="arbetsblad")]
    return FacilitatorGuide(
        purpose=guide.purpose,
        preparation=guide.preparation,
        minutes=guide.minutes or 0,
        plan=plan,
        discussion_questions=guide.discussion_questions,
        worksheets=worksheets,
        chapters=load_chapters(folder, path, problems),
        source=SourceRef(path, 1),
    )


def load_chapters(folder: Path, guide_path: Path, problems: Problems) -> list[GuideChapter]:
    """The guide's Markdown chapters in file-name order, each titled by its first `# ` line."""
    chapters = []
    for chapter_path in sorted(folder.glob("*.md")):
        if not is_inside(chapter_path, folder.parent):  # reported at the guide's own file, inside the course
            problems.error("path-outside", guide_path, 1, target=f"{GUIDE_FOLDER}/{chapter_path.name}")
            continue
        chapter_text = read_text(chapter_path, problems)
        if chapter_text is None:
            continue
        first, _, rest = chapter_text.lstrip("\n").partition("\n")
        if not first.startswith("# "):
            problems.error("guide-chapter-title", chapter_path, 1)
            continue
        title_line = 1 + len(chapter_text) - len(chapter_text.lstrip("\n"))
        body = Text(rest, SourceRef(chapter_path, title_line + 1))
        title = first[2:].strip()
        chapters.append(GuideChapter(title, body, SourceRef(chapter_path, title_line),
                                     role_cards=is_role_card_chapter(chapter_path.stem, title)))
    return chapters


# A chapter of role cards is named so, in the file name after its number or in its title, in Swedish or
# English: "05-rollkort.md", "# Rollkort", "07-role-cards.md", "# Role cards".
ROLE_CARD_NAMES = ("rollkort", "role card")


def is_role_card_chapter(stem: str, title: str) -> bool:
    name = re.sub(r"^\d+[-_ ]*", "", stem).replace("-", " ").replace("_", " ")
    return any(text.lower().startswith(ROLE_CARD_NAMES) for text in (name, title))
