"""Load stage: course sources on disk → the typed model in `model.py`, with every check of the sources.

What Markdown texts say (links, images, headings, glossary links, raw HTML) is checked in the render
stage, on the tree Python-Markdown builds; the loader keeps each text's starting line (`Text`) so
those problems name their place too.

Nothing is written while loading. Every problem is recorded in one `Problems` collection with its
`file:line`, so an author sees all mistakes from one run; `load_project` raises `SourceErrors` at
the end if any of them is an error.
"""

from __future__ import annotations

import datetime
import re
from enum import Enum
from pathlib import Path
from typing import TypeVar

from markdown.extensions.fenced_code import FencedBlockPreprocessor

from builder.messages import Localized
from builder.model import (
    Block,
    BlockKind,
    Catalogue,
    Course,
    Dilemma,
    DilemmaChoice,
    FacilitatorGuide,
    FailedStatus,
    FinalTest,
    Glossary,
    GlossaryTerm,
    GuideChapter,
    KeyReveal,
    Lesson,
    Option,
    Project,
    Question,
    QuestionType,
    SessionActivity,
    SourceRef,
    Text,
    Worksheet,
)
from builder.names import is_reserved_name, slugify
from builder.problems import Problems, SourceErrors
from builder.schema import Field, read_fields, suggest
from builder.yamlsource import MarkedDict, MarkedList, parse_yaml, read_text

E = TypeVar("E", bound=Enum)

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

CATALOGUE_FIELDS = [
    Field("utgivare", str, required=True),
    Field("ursprung", str, default=""),
    Field("kontakt", str, default=""),
    Field("licens", str, default=""),
    Field("kurser", list, required=True, item_kind=str),
    Field("scheman", str, default=""),
]
GLOSSARY_FIELDS = [Field("termer", list, required=True)]
TERM_FIELDS = [
    Field("term", str, required=True),
    Field("definition", str, required=True),
    Field("lagrum", str, default=""),
    Field("andra_former", list, default=list, item_kind=str),
]
COURSE_FIELDS = [
    Field("id", str, required=True),
    Field("titel", str, required=True),
    Field("undertitel", str, default=""),
    Field("språk", str, default="sv"),
    Field("version", str, required=True),
    Field("målgrupp", str, default=""),
    Field("minuter", int, required=True),
    Field("beskrivning", str, required=True),
    Field("lix_mål", int, default=DEFAULT_LIX_TARGET),
    Field("lärandemål", list, required=True, item_kind=str),
    Field("nyckelord", list, default=list, item_kind=str),
    Field("lektioner", list, required=True, item_kind=str),
    Field("sluttest", dict, default=None),
    Field("faktagranskad", str, default=""),
    Field("lagtext_per", str, default=""),
    Field("källor", list, default=list, item_kind=str),
]
FINAL_TEST_FIELDS = [
    Field("frågebank", str, default=QUESTIONS_FILE),
    Field("antal", int, required=True),
    Field("godkänt", int, required=True),
    Field("försök", int, default=0),
    Field("visa_rätt_svar", str, default=KeyReveal.AFTER_LAST_ATTEMPT.value),
    Field("status_vid_underkänt", str, default=FailedStatus.INCOMPLETE.value),
]
FRONT_MATTER_FIELDS = [
    Field("id", str, required=True),
    Field("titel", str, required=True),
    Field("minuter", int, required=True),
]
QUESTION_FIELDS = [
    Field("id", str, required=True),
    Field("typ", str, required=True),
    Field("mål", int, default=None),
    Field("fråga", str, required=True),
    Field("alternativ", list, required=True),
    Field("förklaring", str, default=""),
    Field("fast_ordning", bool, default=False),
    Field("lektion", str, default=""),
]
OPTION_FIELDS = [
    Field("text", str, required=True),
    Field("rätt", bool, default=False),
    Field("återkoppling", str, default=""),
]
DILEMMA_FIELDS = [
    Field("rubrik", str, required=True),
    Field("situation", str, required=True),
    Field("fråga", str, default="Vad gör du?"),
    Field("val", list, required=True),
    Field("handledarnotering", str, default=""),
]
CHOICE_FIELDS = [
    Field("text", str, required=True),
    Field("återkoppling", str, required=True),
    Field("rekommenderat", bool, default=False),
]
GUIDE_FIELDS = [
    Field("syfte", str, required=True),
    Field("förberedelser", list, default=list, item_kind=str),
    Field("minuter", int, required=True),
    Field("upplägg", list, required=True),
    Field("diskussionsfrågor", list, default=list, item_kind=str),
    Field("arbetsblad", list, default=list),
]
ACTIVITY_FIELDS = [
    Field("aktivitet", str, required=True),
    Field("metod", str, default=""),
    Field("minuter", int, required=True),
    Field("material", str, default=""),
    Field("lektion", str, default=""),
]
WORKSHEET_FIELDS = [
    Field("titel", str, required=True),
    Field("instruktion", str, default=""),
    Field("frågor", list, default=list, item_kind=str),
]

BLOCK_START = re.compile(r"^:::\s*([A-Za-zÅÄÖåäö/-]+)\s*(.*?)\s*$")
BLOCK_END = re.compile(r"^:::\s*$")
BLOCK_ALIASES = {"lagrum": BlockKind.FACT, "fakta/lagrum": BlockKind.FACT}
MARKDOWN_BLOCKS = {BlockKind.FACT, BlockKind.EXAMPLE, BlockKind.REFLECTION, BlockKind.FACILITATOR}

# A fenced code block exactly as the renderer's `fenced_code` extension reads one: `:::` inside it is code.
FENCED_BLOCK = FencedBlockPreprocessor.FENCED_BLOCK_RE


def load_project(root: Path, problems: Problems | None = None, only: list[str] | None = None,
                 stop_on_errors: bool = True) -> Project:
    """Load the catalogue, the glossary and the courses (all, or those named in `only`).

    Raises SourceErrors after loading everything if any error was found, unless `stop_on_errors` is
    False: then the caller goes on to the render stage's checks and stops once (build.load_and_render).
    """
    problems = problems if problems is not None else Problems(root)
    catalogue = load_catalogue(root, problems)
    project = Project(catalogue=catalogue)
    folders = catalogue.course_folders
    if only:
        known = {folder: folder for folder in folders}
        wanted = []
        for name in only:
            folder = known.get(name) or known.get(name.replace("-", "_"))
            if folder is None:
                problems.error("unknown-course", None, name=name,
                               suggestion=suggest(name, folders), known=", ".join(folders))
            elif folder not in wanted:
                wanted.append(folder)
        folders = wanted
    seen_ids: dict[str, Path] = {}
    for folder in folders:
        course = load_course(root / folder, catalogue, problems)
        if course is None:
            continue
        if course.id in seen_ids:
            problems.error("duplicate-course-id", course.source.path, course.source.line,
                           id=course.id, other=shown(problems, seen_ids[course.id]))
            continue
        seen_ids[course.id] = course.source.path
        project.courses.append(course)
    if stop_on_errors and problems.errors:
        raise SourceErrors(problems)
    return project


def load_catalogue(root: Path, problems: Problems) -> Catalogue:
    """Read courses/katalog.yaml and the shared glossary."""
    path = root / CATALOGUE_FILE
    source = SourceRef(path, 1)
    empty = Catalogue(root, "", "", "", [], None, Glossary([]), source)
    if not path.exists():
        problems.error("catalogue-missing", path)
        return empty
    data = read_yaml_file(path, problems)
    if data is None:
        return empty
    values = read_fields(data, CATALOGUE_FIELDS, path, problems, 1, where="katalog.yaml")
    if values is None:
        return empty
    schema_folder = None
    if values["scheman"]:
        schema_folder = (root / values["scheman"]).resolve()
    folders = []
    for index, folder in enumerate(values["kurser"] or []):
        line = data["kurser"].line_of(index) if isinstance(data.get("kurser"), MarkedList) else 0
        if not course_folder_inside(root, folder):
            problems.error("course-folder-outside", path, line, folder=folder)
        elif not (root / folder / COURSE_FILE).exists():
            problems.error("course-folder-missing", path, line, folder=folder)
        else:
            folders.append(folder)
    return Catalogue(
        root=root,
        publisher=values["utgivare"] or "",
        origin=values["ursprung"] or "",
        contact=values["kontakt"] or "",
        licence=values["licens"] or "",
        course_folders=folders,
        schema_folder=schema_folder,
        glossary=load_glossary(root / GLOSSARY_FILE, problems),
        source=source,
    )


def course_folder_inside(root: Path, folder: str) -> bool:
    """A catalogue's course folder is a folder below the project root: no absolute path, no `..`,
    no symlink out, and not the root itself (which holds courses/ and dist/)."""
    if not folder or Path(folder).is_absolute() or re.match(r"^[A-Za-z]:|^[\\/]", folder):
        return False
    if ".." in re.split(r"[\\/]", folder):
        return False
    return is_inside(root / folder, root) and (root / folder).resolve() != root.resolve()


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


def load_glossary(path: Path, problems: Problems) -> Glossary:
    """Read Värdegrundens ABC; terms and their inflected forms must be unique."""
    if not path.exists():
        return Glossary([])
    data = read_yaml_file(path, problems)
    values = read_fields(data, GLOSSARY_FIELDS, path, problems, 1, where="ordlista.yaml") if data is not None else None
    if not values or not isinstance(values["termer"], list):
        return Glossary([])
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    entries = values["termer"]
    for index, entry in enumerate(entries):
        line = entries.line_of(index) if isinstance(entries, MarkedList) else 0
        term_values = read_fields(entry, TERM_FIELDS, path, problems, line, where="term")
        if not term_values or not term_values["term"]:
            continue
        source = SourceRef(path, getattr(entry, "line", line))
        for word in [term_values["term"], *term_values["andra_former"]]:
            key = word.casefold()
            if key in seen:
                problems.error("duplicate-term", path, source.line, term=word, other_line=seen[key])
            seen[key] = source.line
        terms.append(GlossaryTerm(
            id="term-" + slugify(term_values["term"]),
            term=term_values["term"],
            definition=marked_text(term_values["definition"], path, text_line(entry, "definition", source.line)),
            legal_reference=term_values["lagrum"] or "",
            other_forms=term_values["andra_former"],
            source=source,
        ))
    return Glossary(terms)


def load_course(folder: Path, catalogue: Catalogue, problems: Problems) -> Course | None:
    """Read one course folder: course.yaml, its lessons, the question pool and the guide."""
    path = folder / COURSE_FILE
    data = read_yaml_file(path, problems)
    if data is None:
        return None
    values = read_fields(data, COURSE_FIELDS, path, problems, 1, where="course.yaml")
    if values is None:
        return None
    line_of = data.line_of if isinstance(data, MarkedDict) else (lambda key: 0)
    course_id = values.get("id") or folder.name
    if values.get("id") is not None and not ID_PATTERN.match(course_id):
        problems.error("bad-id", path, line_of("id"), id=course_id, suggestion=slugify(course_id))
    elif len(course_id) > MAX_COURSE_ID_LENGTH:
        problems.error("id-too-long", path, line_of("id"), length=len(course_id), limit=MAX_COURSE_ID_LENGTH,
                       suggestion=course_id[:MAX_COURSE_ID_LENGTH].rstrip("-"))
    elif is_reserved_name(course_id):
        problems.error("id-reserved", path, line_of("id"), id=course_id)
    version = values.get("version") or "0"
    if isinstance(data.get("version"), float):
        problems.warning("version-not-quoted", path, line_of("version"), version=version)
    if not VERSION_PATTERN.match(version):
        problems.error("bad-version", path, line_of("version"), version=version)
    elif len(version) > MAX_VERSION_LENGTH:
        problems.error("version-too-long", path, line_of("version"), length=len(version), limit=MAX_VERSION_LENGTH)
    minutes = values.get("minuter")
    if isinstance(minutes, int) and minutes <= 0:
        problems.error("not-positive", path, line_of("minuter"), key="minuter", value=minutes)
    for key in ("faktagranskad", "lagtext_per"):
        if values.get(key) and not is_iso_date(values[key]):
            problems.error("bad-date", path, line_of(key), key=key, value=values[key])
    objectives = values.get("lärandemål") or []
    if "lärandemål" in data and not objectives:
        problems.error("empty-list", path, line_of("lärandemål"), key="lärandemål")

    lessons = load_lessons(folder, values.get("lektioner"), data, path, problems)

    final_test = None
    if values.get("sluttest") is not None:
        final_test = load_final_test(folder, values["sluttest"], path, line_of("sluttest"),
                                     len(objectives), problems)
    check_question_ids(lessons, final_test, problems)
    # A lesson that failed to load has its own error; questions naming it are not wrong for that.
    all_loaded = len(lessons) == len(set(values.get("lektioner") or []))
    check_question_lessons(lessons, final_test, problems, all_loaded)
    for question in [q for lesson in lessons for q in lesson.knowledge_checks]:
        check_objective(question, len(objectives), problems)
    if final_test and objectives:
        measured = {q.objective for q in final_test.questions if q.objective}
        if measured:
            for number, objective in enumerate(objectives, start=1):
                if number not in measured:
                    problems.warning("objective-not-tested", path, line_of("lärandemål"),
                                     number=number, objective=objective)

    guide = load_guide(folder / GUIDE_FOLDER, lessons, problems)
    return Course(
        id=course_id,
        folder=folder,
        title=values.get("titel") or "",
        subtitle=values.get("undertitel") or "",
        language=values.get("språk") or "sv",
        version=version,
        audience=values.get("målgrupp") or "",
        minutes=minutes if isinstance(minutes, int) else 0,
        description=marked_text(values.get("beskrivning"), path, text_line(data, "beskrivning", 1)),
        objectives=objectives,
        keywords=values.get("nyckelord") or [],
        lix_target=values.get("lix_mål") or DEFAULT_LIX_TARGET,
        fact_checked=values.get("faktagranskad") or "",
        law_as_of=values.get("lagtext_per") or "",
        references=values.get("källor") or [],
        lessons=lessons,
        final_test=final_test,
        guide=guide,
        source=SourceRef(path, 1),
        lesson_files=[name for name in values.get("lektioner") or [] if isinstance(name, str)],
    )


def load_lessons(folder: Path, listed: list[str] | None, data: MarkedDict, course_path: Path,
                 problems: Problems) -> list[Lesson]:
    """Read the lessons in the order course.yaml lists them; warn about lesson files it leaves out."""
    lesson_folder = folder / "lessons"
    listed = listed or []
    if "lektioner" in data and not listed:
        problems.error("empty-course", course_path, data.line_of("lektioner"))
    lessons: list[Lesson] = []
    seen_ids: dict[str, SourceRef] = {}
    seen_files: set[str] = set()
    items = data.get("lektioner") if isinstance(data.get("lektioner"), MarkedList) else None
    available = sorted(p.name for p in lesson_folder.glob("*.md")) if lesson_folder.is_dir() else []
    for index, name in enumerate(listed):
        line = items.line_of(index) if items is not None else 0
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
            problems.error("lesson-missing", course_path, line, file=name,
                           suggestion=suggest(name, available))
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
    front = parse_yaml("\n".join(lines[1:end]), path, problems, line_offset=1)
    if front is None:
        if not "\n".join(lines[1:end]).strip():
            problems.error("front-matter-empty", path, 1)
        return None
    values = read_fields(front, FRONT_MATTER_FIELDS, path, problems, 2, where=Localized("lektionens huvud", "the lesson's front matter"))
    if values is None:
        return None
    lesson_id = values.get("id") or ""
    if lesson_id and not ID_PATTERN.match(lesson_id):
        problems.error("bad-id", path, front.line_of("id"), id=lesson_id, suggestion=slugify(lesson_id))
    minutes = values.get("minuter")
    if isinstance(minutes, int) and minutes <= 0:
        problems.error("not-positive", path, front.line_of("minuter"), key="minuter", value=minutes)
    match = LESSON_FILE_PATTERN.match(path.name)
    slug = match.group(2) if match else slugify(path.stem)
    body_start = end + 2  # 1-based line number of the first body line
    blocks = split_blocks(lines[end + 1:], body_start, path, lesson_id or slug, problems)
    if not any(b.kind is not BlockKind.FACILITATOR for b in blocks):
        problems.error("lesson-empty", path, body_start)
    return Lesson(
        id=lesson_id,
        title=values.get("titel") or "",
        minutes=minutes if isinstance(minutes, int) else 0,
        blocks=blocks,
        source=SourceRef(path, 1),
        slug=slug,
    )


def fenced_code_ends(lines: list[str]) -> dict[int, int]:
    """Where each fenced code block starts and ends (line indexes), read as the renderer reads them.

    The renderer's `fenced_code` extension takes a fence only at the start of a line and only once it
    is closed by the same fence; the same regular expression finds them here, so a `:::` that the
    renderer shows as code is code for the block splitter too, and an unclosed ``` hides nothing.
    """
    text = "\n".join(lines)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    ends: dict[int, int] = {}
    i = 0
    while i < len(lines):
        match = FENCED_BLOCK.match(text, starts[i]) if lines[i][:3] in ("```", "~~~") else None
        if match is None:
            i += 1
            continue
        last = text.count("\n", 0, match.end())
        ends[i] = last
        i = last + 1
    return ends


def split_blocks(lines: list[str], first_line: int, path: Path, lesson_id: str, problems: Problems) -> list[Block]:
    """Cut a lesson body into prose and `:::` blocks, keeping each block's line; fenced code is never cut."""
    blocks: list[Block] = []
    prose: list[str] = []
    prose_line = first_line
    counters: dict[BlockKind, int] = {}
    fences = fenced_code_ends(lines)
    code = {j for start, end in fences.items() for j in range(start, end + 1)}
    i = 0

    def flush_prose() -> None:
        if "".join(prose).strip():
            blocks.append(Block(BlockKind.PROSE, SourceRef(path, prose_line),
                                markdown=Text("\n".join(prose), SourceRef(path, prose_line))))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        number = first_line + i
        start = None if i in code else BLOCK_START.match(line)
        if start is None or BLOCK_END.match(line):
            if BLOCK_END.match(line) and i not in code:
                problems.error("block-end-without-start", path, number)
            else:
                if not prose:
                    prose_line = number
                prose.append(line)
            i += 1
            continue
        flush_prose()
        word, title = start.group(1).lower(), start.group(2)
        kind = BLOCK_ALIASES.get(word)
        if kind is None:
            kind = next((k for k in BlockKind if k.value == word and k is not BlockKind.PROSE), None)
        try:
            close = next(j for j in range(i + 1, len(lines))
                         if j not in code and (BLOCK_END.match(lines[j]) or BLOCK_START.match(lines[j])))
        except StopIteration:
            close = None
        if close is None or not BLOCK_END.match(lines[close]):
            problems.error("block-unclosed", path, number, kind=word)
            i = close if close is not None else len(lines)
            prose_line = first_line + i
            continue
        body = lines[i + 1:close]
        if kind is None:
            names = [k.value for k in BlockKind if k is not BlockKind.PROSE]
            problems.error("block-unknown", path, number, kind=word, suggestion=suggest(word, names),
                           known=", ".join(names))
        else:
            counters[kind] = counters.get(kind, 0) + 1
            block = make_block(kind, title, body, number, path, f"{lesson_id}-{kind.value}-{counters[kind]}", problems)
            if block is not None:
                blocks.append(block)
        i = close + 1
        prose_line = first_line + i
    flush_prose()
    return blocks


def make_block(kind: BlockKind, title: str, body: list[str], line: int, path: Path, block_id: str,
               problems: Problems) -> Block | None:
    """Build one block; YAML blocks are parsed with line numbers that match the lesson file."""
    source = SourceRef(path, line)
    if kind in MARKDOWN_BLOCKS:
        joined = "\n".join(body)
        markdown = joined.strip("\n")
        if not markdown.strip():
            problems.error("block-empty", path, line, kind=kind.value)
            return None
        first = line + 1 + len(joined) - len(joined.lstrip("\n"))
        return Block(kind, source, title=title, markdown=Text(markdown, SourceRef(path, first)))
    data = parse_yaml("\n".join(body), path, problems, line_offset=line)
    if data is None:
        if not "\n".join(body).strip():
            problems.error("block-empty", path, line, kind=kind.value)
        return None
    if kind is BlockKind.DILEMMA:
        dilemma = read_dilemma(data, block_id, path, line, problems)
        return Block(kind, source, title=dilemma.title, dilemma=dilemma) if dilemma else None
    question = read_question(data, path, line, problems)
    return Block(kind, source, question=question) if question else None


def read_dilemma(data: object, dilemma_id: str, path: Path, line: int, problems: Problems) -> Dilemma | None:
    values = read_fields(data, DILEMMA_FIELDS, path, problems, line, where="dilemma")
    if values is None:
        return None
    texts = {key: marked_text(values.get(key), path, text_line(data, key, line))
             for key in ("situation", "fråga", "handledarnotering")}
    choices: list[DilemmaChoice] = []
    raw = values.get("val") if isinstance(values.get("val"), list) else []
    for index, item in enumerate(raw):
        item_line = raw.line_of(index) if isinstance(raw, MarkedList) else line
        choice = read_fields(item, CHOICE_FIELDS, path, problems, item_line, where="val")
        if choice:
            choices.append(DilemmaChoice(marked_text(choice["text"], path, text_line(item, "text", item_line)),
                                         marked_text(choice["återkoppling"], path,
                                                     text_line(item, "återkoppling", item_line)),
                                         bool(choice["rekommenderat"]), SourceRef(path, item_line)))
    if isinstance(values.get("val"), list) and len(raw) < 2:
        problems.error("too-few-choices", path, data.line_of("val") if isinstance(data, MarkedDict) else line)
    return Dilemma(
        id=dilemma_id,
        title=values.get("rubrik") or "",
        situation=texts["situation"],
        prompt=texts["fråga"],
        choices=choices,
        facilitator_note=texts["handledarnotering"],
        source=SourceRef(path, getattr(data, "line", line)),
    )


def read_question(data: object, path: Path, line: int, problems: Problems) -> Question | None:
    """One scored question, with the rules that make it answerable."""
    values = read_fields(data, QUESTION_FIELDS, path, problems, line, where="fråga")
    if values is None:
        return None
    line_of = data.line_of if isinstance(data, MarkedDict) else (lambda key: line)
    question_line = getattr(data, "line", line)
    question_id = values.get("id") or ""
    if question_id and not ID_PATTERN.match(question_id):
        problems.error("bad-id", path, line_of("id"), id=question_id, suggestion=slugify(question_id))
    type_word = values.get("typ")
    try:
        question_type = QuestionType(type_word) if type_word else None
    except ValueError:
        names = [t.value for t in QuestionType]
        problems.error("question-type", path, line_of("typ"), type=type_word,
                       suggestion=suggest(type_word, names), known=", ".join(names))
        question_type = None
    options: list[Option] = []
    raw = values.get("alternativ") if isinstance(values.get("alternativ"), list) else []
    for index, item in enumerate(raw):
        item_line = raw.line_of(index) if isinstance(raw, MarkedList) else line
        option = read_fields(item, OPTION_FIELDS, path, problems, item_line, where="alternativ")
        if option is None:
            continue
        if not option["återkoppling"]:
            problems.warning("option-without-feedback", path, item_line, question=question_id)
        options.append(Option(marked_text(option["text"], path, text_line(item, "text", item_line)),
                              bool(option["rätt"]),
                              marked_text(option["återkoppling"], path, text_line(item, "återkoppling", item_line)),
                              SourceRef(path, item_line)))
    correct = sum(o.correct for o in options)
    options_line = line_of("alternativ")
    if isinstance(values.get("alternativ"), list):
        if len(raw) < 2:
            problems.error("too-few-options", path, options_line, question=question_id)
        elif correct == 0:
            problems.error("no-correct-option", path, options_line, question=question_id)
        elif question_type is QuestionType.SINGLE and correct > 1:
            problems.error("single-choice-several-correct", path, options_line, question=question_id, count=correct)
        elif question_type is QuestionType.TRUE_FALSE:
            texts = sorted(o.text.casefold() for o in options)
            if texts != ["falskt", "sant"] or correct != 1:
                problems.error("true-false-options", path, options_line, question=question_id)
        seen_texts: set[str] = set()
        for option in options:
            if option.text.casefold() in seen_texts:
                problems.error("duplicate-option", path, option.source.line, question=question_id, text=option.text)
            seen_texts.add(option.text.casefold())
    if question_type is None or not question_id:
        return None
    return Question(
        id=question_id,
        type=question_type,
        prompt=marked_text(values.get("fråga"), path, text_line(data, "fråga", line)),
        options=options,
        explanation=marked_text(values.get("förklaring"), path, text_line(data, "förklaring", line)),
        objective=values.get("mål"),
        source=SourceRef(path, question_line),
        # Sant comes before Falskt in every course: the order itself tells nothing.
        fixed_order=bool(values.get("fast_ordning")) or question_type is QuestionType.TRUE_FALSE,
        lesson_id=values.get("lektion") or "",
    )


def load_final_test(folder: Path, settings: dict, course_path: Path, line: int, objective_count: int,
                    problems: Problems) -> FinalTest | None:
    """The final test: its settings from course.yaml and its pool from the question file."""
    values = read_fields(settings, FINAL_TEST_FIELDS, course_path, problems, line, where="sluttest")
    if values is None:
        return None
    line_of = settings.line_of if isinstance(settings, MarkedDict) else (lambda key: line)
    pool_name = values["frågebank"] or QUESTIONS_FILE
    pool_path = folder / pool_name
    questions: list[Question] = []
    data = None
    if not is_inside(pool_path, folder):
        problems.error("path-outside", course_path, line_of("frågebank"), target=pool_name)
    elif not pool_path.is_file():
        problems.error("question-file-missing", course_path, line_of("frågebank"), file=pool_path.name)
    else:
        data = read_yaml_file(pool_path, problems)
    pool = read_fields(data, [Field("frågor", list, required=True)], pool_path, problems, 1,
                       where=pool_path.name) if data is not None else None
    raw = pool.get("frågor") if pool else None
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            item_line = raw.line_of(index) if isinstance(raw, MarkedList) else 1
            question = read_question(item, pool_path, item_line, problems)
            if question:
                questions.append(question)
    draw, mastery, attempts = values.get("antal"), values.get("godkänt"), values.get("försök") or 0
    if isinstance(draw, int):
        if draw <= 0:
            problems.error("not-positive", course_path, line_of("antal"), key="antal", value=draw)
        elif pool and draw > len(questions) and not problems.errors:
            problems.error("pool-too-small", course_path, line_of("antal"), draw=draw, pool=len(questions))
    if isinstance(mastery, int) and not 1 <= mastery <= 100:
        problems.error("mastery-range", course_path, line_of("godkänt"), value=mastery)
    if isinstance(attempts, int) and attempts < 0:
        problems.error("not-positive", course_path, line_of("försök"), key="försök", value=attempts)
    for question in questions:
        check_objective(question, objective_count, problems)
    reveal = read_choice(values["visa_rätt_svar"], KeyReveal, "visa_rätt_svar", course_path,
                         line_of("visa_rätt_svar"), problems)
    failed = read_choice(values["status_vid_underkänt"], FailedStatus, "status_vid_underkänt", course_path,
                         line_of("status_vid_underkänt"), problems)
    if not all(isinstance(v, int) for v in (draw, mastery)) or reveal is None or failed is None:
        return None
    return FinalTest(questions, draw, mastery, attempts if isinstance(attempts, int) else 0,
                     SourceRef(course_path, line), reveal_key=reveal, failed_status=failed)


def read_choice(word: str, choices: type[E], key: str, path: Path, line: int, problems: Problems) -> E | None:
    """One of a setting's allowed words, or None once the author is told which words there are."""
    try:
        return choices(word.strip())
    except ValueError:
        names = [c.value for c in choices]
        problems.error("unknown-choice", path, line, key=key, value=word, suggestion=suggest(word, names),
                       known=", ".join(names))
        return None


def is_iso_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD, as in `faktagranskad: 2026-11-30`."""
    if not ISO_DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_objective(question: Question, objective_count: int, problems: Problems) -> None:
    if question.objective is not None and not 1 <= question.objective <= objective_count:
        problems.error("objective-range", question.source.path, question.source.line,
                       question=question.id, number=question.objective, count=objective_count)


def check_question_lessons(lessons: list[Lesson], final_test: FinalTest | None, problems: Problems,
                           all_loaded: bool = True) -> None:
    """`lektion:` names a lesson of the course; only test questions need one, since a knowledge check
    already stands in its lesson."""
    lesson_ids = [lesson.id for lesson in lessons]
    for lesson in lessons:
        for question in lesson.knowledge_checks:
            if question.lesson_id:
                problems.warning("question-lesson-in-lesson", question.source.path, question.source.line,
                                 question=question.id)
    for question in final_test.questions if final_test else []:
        if question.lesson_id and all_loaded and lesson_ids and question.lesson_id not in lesson_ids:
            problems.error("question-lesson-unknown", question.source.path, question.source.line,
                           question=question.id, id=question.lesson_id,
                           suggestion=suggest(question.lesson_id, lesson_ids), known=", ".join(lesson_ids))


def check_question_ids(lessons: list[Lesson], final_test: FinalTest | None, problems: Problems) -> None:
    """Question ids end up in LMS interaction records, so they must be unique in the whole course."""
    seen: dict[str, SourceRef] = {}
    questions = [q for lesson in lessons for q in lesson.knowledge_checks]
    questions += final_test.questions if final_test else []
    for question in questions:
        if question.id in seen:
            problems.error("duplicate-question-id", question.source.path, question.source.line,
                           id=question.id, other=shown(problems, seen[question.id]))
        else:
            seen[question.id] = question.source


def marked_text(value: object, path: Path, line: int) -> Text:
    """A Markdown text from YAML with the line it starts on; the render stage checks what it says."""
    return Text(value if isinstance(value, str) else "", SourceRef(path, line))


def text_line(mapping: object, key: str, fallback: int) -> int:
    """The line a YAML text value starts on, for messages about a line inside it."""
    return mapping.text_line_of(key) if isinstance(mapping, MarkedDict) else fallback


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


def load_guide(folder: Path, lessons: list[Lesson], problems: Problems) -> FacilitatorGuide | None:
    """The facilitator guide's own sources; its dilemmas and answer key come from the lessons."""
    path = folder / GUIDE_FILE
    if not folder.is_dir():
        return None
    if not path.is_file():
        problems.error("guide-file-missing", path)
        return None
    data = read_yaml_file(path, problems)
    values = read_fields(data, GUIDE_FIELDS, path, problems, 1, where=GUIDE_FILE) if data is not None else None
    if values is None:
        return None
    plan: list[SessionActivity] = []
    raw = values.get("upplägg") if isinstance(values.get("upplägg"), list) else []
    lesson_ids = [lesson.id for lesson in lessons]
    for index, item in enumerate(raw):
        item_line = raw.line_of(index) if isinstance(raw, MarkedList) else 1
        activity = read_fields(item, ACTIVITY_FIELDS, path, problems, item_line, where="upplägg")
        if not activity:
            continue
        if activity["lektion"] and activity["lektion"] not in lesson_ids:
            problems.error("guide-lesson-unknown", path, item_line, id=activity["lektion"],
                           suggestion=suggest(activity["lektion"], lesson_ids))
        if isinstance(activity["minuter"], int) and activity["minuter"] <= 0:
            problems.error("not-positive", path, item_line, key="minuter", value=activity["minuter"])
        plan.append(SessionActivity(activity["aktivitet"] or "", activity["metod"] or "",
                                    activity["minuter"] or 0, activity["material"] or "",
                                    activity["lektion"] or "", SourceRef(path, item_line)))
    total = values.get("minuter")
    if isinstance(total, int) and plan and sum(a.minutes for a in plan) != total:
        problems.error("plan-sum", path, data.line_of("minuter"), total=total,
                       sum=sum(a.minutes for a in plan))
    worksheets: list[Worksheet] = []
    raw_sheets = values.get("arbetsblad") if isinstance(values.get("arbetsblad"), list) else []
    for index, item in enumerate(raw_sheets):
        item_line = raw_sheets.line_of(index) if isinstance(raw_sheets, MarkedList) else 1
        sheet = read_fields(item, WORKSHEET_FIELDS, path, problems, item_line, where="arbetsblad")
        if sheet:
            worksheets.append(Worksheet(sheet["titel"] or "", sheet["instruktion"] or "", sheet["frågor"],
                                        SourceRef(path, item_line)))
    chapters = []
    for chapter_path in sorted(folder.glob("*.md")):
        if not is_inside(chapter_path, folder.parent):  # reported at the guide's own file, inside the course
            problems.error("path-outside", path, 1, target=f"{GUIDE_FOLDER}/{chapter_path.name}")
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
        chapters.append(GuideChapter(first[2:].strip(), body, SourceRef(chapter_path, title_line)))
    return FacilitatorGuide(
        purpose=marked_text(values.get("syfte"), path, text_line(data, "syfte", 1)),
        preparation=values.get("förberedelser") or [],
        minutes=total if isinstance(total, int) else 0,
        plan=plan,
        discussion_questions=values.get("diskussionsfrågor") or [],
        worksheets=worksheets,
        chapters=chapters,
        source=SourceRef(path, 1),
    )
