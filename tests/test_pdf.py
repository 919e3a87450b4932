"""Printed material: the learner handout, the facilitator guide and the worksheets, as PDF (Typst).

Most tests read the PDFs of the fixture course the way a person or a screen reader would: as
extracted text, bookmarks and metadata. One renders a page to pixels to be sure it is not blank.
Where a property is about layout decisions rather than text (lines to write on, marks), the test
reads the generated Typst source, the one place those decisions are written.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from builder.build import available_default_formats, build
from builder.cli import main
from builder.load import load_project
from builder.model import BlockKind, Course, Question
from builder.package.pdf import GUIDE as GUIDE_KIND
from builder.package.pdf import HANDOUT as HANDOUT_KIND
from builder.package.pdf import WORKSHEETS as WORKSHEETS_KIND
from builder.package.pdf import PdfWriter, session_plan, typst_document
from builder.package.pdf_fetch import StagedRoot
from builder.problems import Problems
from builder.render import render_course
from builder.templates import templates_folder
from tests.conftest import FIXTURE_PROJECT

HANDOUT = "provkurs-1.0-deltagarmaterial"
GUIDE = "provkurs-1.0-handledarmaterial"
WORKSHEETS = "provkurs-1.0-arbetsblad"
LAYOUT = templates_folder() / "print" / "etos.typ"


def generated_source(root: Path, kind: str) -> str:
    """The Typst source the writer generates for one document of the fixture (or a changed copy)."""
    project = load_project(root, Problems(root))
    rendered = render_course(project.courses[0], project.catalogue)
    with StagedRoot(rendered.media, LAYOUT) as staged:
        return typst_document(rendered, kind, staged).text


def load_fixture(root: Path = FIXTURE_PROJECT):
    project = load_project(root, Problems(root))
    return project, project.courses[0]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The fixture course's three printed files, written once for the whole module."""
    out = tmp_path_factory.mktemp("print")
    build(FIXTURE_PROJECT, out, formats=["pdf"])
    return out / "provkurs"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_fixture()[1]


def pages_text(pdf: Path) -> list[str]:
    """The text of every page, whitespace folded, as a reader would copy it out."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages]


def text_of(pdf: Path) -> str:
    return " ".join(pages_text(pdf))


def plain(markdown_text: str) -> str:
    """Markdown source as it reads on paper: no emphasis marks, folded whitespace."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", markdown_text)).strip()


def outline_titles(pdf: Path) -> list[tuple[int, str, int]]:
    """The bookmarks as (depth, title, 1-based page)."""
    reader = PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def all_questions(course: Course) -> list[Question]:
    return course.knowledge_checks + (course.final_test.questions if course.final_test else [])


# ---------- Files and formats ----------


def test_writer_names_and_writes_the_handout_the_guide_and_the_worksheets(printed, course):
    expected = {f"{stem}.pdf" for stem in (HANDOUT, GUIDE, WORKSHEETS)}
    assert set(PdfWriter(None).output_names(course)) == expected
    assert {path.name for path in printed.iterdir()} == expected
    for pdf in printed.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_default_build_includes_print_and_format_pdf_builds_only_print(project, tmp_path):
    assert "pdf" in available_default_formats()
    result = CliRunner().invoke(main, ["--root", str(project), "build", "--out", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "provkurs").iterdir()) == sorted(
        f"{stem}.pdf" for stem in (HANDOUT, GUIDE, WORKSHEETS))


def test_a_course_without_worksheets_gets_no_worksheet_file(project, tmp_path):
    guide = project / "provkurs" / "handledning" / "handledning.yaml"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text[:text.index("arbetsblad:")], encoding="utf-8")
    result = build(project, tmp_path, formats=["pdf"])
    assert sorted(p.name for p in result.written) == sorted([f"{GUIDE}.pdf", f"{HANDOUT}.pdf"])
    assert "arbetsblad" not in text_of(tmp_path / "provkurs" / f"{GUIDE}.pdf").split("Förberedelser", 1)[1][:300]


# ---------- The learner handout ----------


def test_handout_has_the_course_in_reading_order_and_the_glossary(printed, course):
    text = text_of(printed / f"{HANDOUT}.pdf")
    positions = [text.index(f"LEKTION {n} AV 2") for n in (1, 2)]
    assert positions == sorted(positions)
    for snippet in ["En handläggare som är jävig får inte delta i ärendet.",  # prose
                    "räknar upp jävsgrunderna",  # fact box
                    "Sökanden är din svågers företag.",  # dilemma situation
                    "Du anmäler jävet till din chef.",  # dilemma choice
                    "Vilken regel gav dig stöd senast?",  # reflection
                    "Får en jävig handläggare delta?",  # knowledge check, without its answer
                    "Efter kursen ska du kunna", "Känna igen jäv."]:
        assert snippet in text
    glossary = text[text.index("Värdegrundens ABC Ordlistan"):]
    for term in ("Jäv", "Opartiskhet", "Legalitet"):
        assert term in glossary
    assert "16–18 §§ förvaltningslagen (2017:900)" in glossary


def test_handout_gives_lines_to_write_on_for_every_reflection_and_dilemma(course):
    source = generated_source(FIXTURE_PROJECT, HANDOUT_KIND)
    reflections = sum(len(lesson.blocks_of(BlockKind.REFLECTION)) for lesson in course.lessons)
    dilemmas = sum(len(lesson.dilemmas) for lesson in course.lessons)
    found = re.findall(r"#etos-(reflection|dilemma)\(.*?lines: (\d+)", source, re.DOTALL)
    assert [kind for kind, _ in found].count("reflection") == reflections
    assert [kind for kind, _ in found].count("dilemma") == dilemmas
    assert all(int(lines) >= 4 for _, lines in found)
    assert "#etos-lines(22)" in source  # the notes page


def test_handout_has_no_answers(printed, course):
    text = text_of(printed / f"{HANDOUT}.pdf")
    assert "facit" not in text.lower() and "rätt svar" not in text.lower()
    assert "rekommenderat" not in text.lower()
    for question in all_questions(course):
        if question.explanation:
            assert plain(question.explanation) not in text
    for question in course.final_test.questions:
        assert plain(question.prompt) not in text
    for lesson in course.lessons:
        for dilemma in lesson.dilemmas:
            assert plain(dilemma.facilitator_note) not in text
            for choice in dilemma.choices:
                assert plain(choice.feedback) not in text
    assert "Fråga gruppen om egna exempel." not in text  # a :::handledare talking point


# ---------- The facilitator guide ----------


def test_guide_has_every_part_a_facilitator_needs(printed, course):
    text = text_of(printed / f"{GUIDE}.pdf")
    guide = course.guide
    for heading in ["Syfte och lärandemål", "Förberedelser", "Upplägg för gruppträffen",
                    "Samtalspunkter per lektion", "Diskussionsfrågor", "Dilemman", "Facit", "Arbetsblad 1"]:
        assert heading in text
    assert plain(guide.purpose) in text
    for objective in course.objectives:
        assert objective in text
    for item in guide.preparation + guide.discussion_questions:
        assert item in text
    assert "Till dig som handleder Du leder ett samtal." in text  # a handledning/ chapter
    assert "Fråga gruppen om egna exempel." in text  # talking point from :::handledare
    assert "Tala om 16 §." in text  # the dilemma's note to the facilitator
    assert "Nej, du är jävig." in text  # the dilemma's feedback per choice
    for sheet in guide.worksheets:
        assert sheet.instruction in text
        for question in sheet.questions:
            assert question in text


def test_guide_answer_key_covers_every_question_with_its_right_answers_and_explanation(printed, course):
    text = text_of(printed / f"{GUIDE}.pdf")
    key = text[text.index("Facit visar rätt svar"):]
    questions = all_questions(course)
    for question in questions:
        assert plain(question.prompt) in key, question.id
        if question.explanation:
            assert plain(question.explanation) in key, question.id
    rights = sum(len(q.correct_indexes) for q in questions)
    assert key.count("RÄTT SVAR") == rights
    # The right answer is named next to its option, not just marked with a colour.
    assert "Nej RÄTT SVAR" in key and "Falskt RÄTT SVAR" in key


def test_guide_tells_how_many_questions_the_final_test_draws(printed, course):
    text = text_of(printed / f"{GUIDE}.pdf")
    test = course.final_test
    assert (f"Varje deltagare får {test.draw} frågor som lottas ur frågebanken med {len(test.questions)} frågor. "
            f"För godkänt krävs minst {test.mastery_percent} procent rätt.") in text


def test_session_plan_rows_add_up_to_the_stated_total(printed, course):
    text = text_of(printed / f"{GUIDE}.pdf")
    assert f"Gruppträffen tar {course.guide.minutes} minuter." in text
    assert "0.00–0.10 Inledning Helgrupp 10" in text and "0.10–0.30 Dilemma" in text
    assert f"Totalt {course.guide.minutes}" in text
    assert sum(activity.minutes for activity in course.guide.plan) == course.guide.minutes


def test_session_plans_of_the_real_courses_add_up_in_print(repo_root):
    project = load_project(repo_root, Problems(repo_root))
    assert project.courses
    for course in project.courses:
        rendered = render_course(course, project.catalogue)
        rows = session_plan(rendered)
        assert sum(row.minutes for row in rows) == course.guide.minutes, course.id
        with StagedRoot(rendered.media, LAYOUT) as staged:
            source = typst_document(rendered, GUIDE_KIND, staged).text
        assert f'total: "{course.guide.minutes}")' in source, course.id
        assert len(re.findall(r"\(time: ", source)) == len(course.guide.plan), course.id


def test_a_course_without_facilitator_sources_still_gets_its_answer_key(project, tmp_path):
    shutil.rmtree(project / "provkurs" / "handledning")
    build(project, tmp_path, formats=["pdf"])
    text = text_of(tmp_path / "provkurs" / f"{GUIDE}.pdf")
    assert "Facit" in text and "Vad är jäv?" in text and "Tala om 16 §." in text
    assert "Upplägg för gruppträffen" not in text


# ---------- Pages, contents, bookmarks ----------


def test_the_body_is_numbered_from_1_after_the_cover_and_contents(printed):
    """The cover and the contents list are front matter: no number on paper, i, ii … in a viewer; the
    first chapter is page 1, and a viewer's page labels say what the paper says."""
    for name in (HANDOUT, GUIDE):
        pdf = printed / f"{name}.pdf"
        pages = pages_text(pdf)
        labels = PdfReader(pdf).page_labels
        front = outline_titles(pdf)[0][2] - 1  # the pages before the first chapter
        assert front >= 2 and labels[:front] == ["i", "ii", "iii", "iv"][:front]
        assert "Innehåll" in pages[1]
        assert not any("Sida" in text for text in pages[:front])
        for index, text in enumerate(pages[front:]):
            assert text.rstrip().endswith(f"Sida {index + 1}"), (name, index)
            assert labels[front + index] == str(index + 1)


def test_running_header_names_the_course_and_the_document(printed):
    pages = pages_text(printed / f"{GUIDE}.pdf")
    for text in pages[1:]:
        assert 'Provkurs om jäv & "förvaltning" <1> · Handledarmaterial' in text
    assert "· Handledarmaterial Upplägg för gruppträffen" in " ".join(pages)  # the chapter, top right
    facit = [text for text in pages if "Facit visar rätt svar" in text]
    assert facit and all("Facit · Endast för handledaren" in text for text in facit)


def test_contents_list_gives_the_page_each_chapter_starts_on(printed):
    for name in (HANDOUT, GUIDE):
        pdf = printed / f"{name}.pdf"
        pages = pages_text(pdf)
        labels = PdfReader(pdf).page_labels
        contents = pages[1]
        assert "Innehåll" in contents
        top_level = [(title, page) for depth, title, page in outline_titles(pdf) if depth == 0]
        assert len(top_level) >= 4
        for title, page in top_level:
            listed = re.search(re.escape(title) + r"[ .\u2060]+(\d+)", contents)
            assert listed, (name, title)
            assert listed.group(1) == labels[page - 1], (name, title)
            assert re.sub(r"^\d+\. ", "", title) in pages[page - 1]  # lessons are listed with their number


def test_bookmarks_follow_the_headings(printed, course):
    handout = outline_titles(printed / f"{HANDOUT}.pdf")
    assert [title for depth, title, _ in handout if depth == 0] == [
        "Om kursen", "1. Jäv", "2. Legalitet", "Värdegrundens ABC", "Mina anteckningar"]
    assert (1, "Vad säger lagen?", 4) in [(d, t, p) for d, t, p in handout if t == "Vad säger lagen?"]
    guide = outline_titles(printed / f"{GUIDE}.pdf")
    assert (1, "Svågerns företag") in [(d, t) for d, t, _ in guide]
    assert (1, "Sluttestets frågebank") in [(d, t) for d, t, _ in guide]


def test_long_lessons_break_cleanly_between_pages(project, tmp_path):
    """No heading is left alone at the foot of a page; a long table repeats its head and keeps rows whole."""
    lesson = project / "provkurs" / "lessons" / "02-legalitet.md"
    sections = []
    for k in range(1, 25):
        sentences = " ".join(f"Mening {m} i avsnitt {k} handlar om hur en myndighet ska arbeta enligt lag."
                             for m in range(1, 2 + k % 6))
        sections.append(f"## Avsnitt {k}\n\n{sentences}\n")
    rows = "\n".join(f"| Rad {n} | Innehåll på rad {n}, som är så långt att det tar mer än en rad i kolumnen "
                     f"och därför kan delas om inget hindrar det. |" for n in range(1, 46))
    table = f"## Lång tabell\n\n| Nummer | Innehåll |\n|---|---|\n{rows}\n"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n" + "\n".join(sections) + "\n" + table,
                      encoding="utf-8")
    build(project, tmp_path, formats=["pdf"])
    pdf = tmp_path / "provkurs" / f"{HANDOUT}.pdf"

    reader = PdfReader(pdf)
    bottom_margin = 22 / 25.4 * 72  # 22 mm in points
    heading_and_a_line = 30
    tops, pages_with_headings = [], set()

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif item.title.startswith("Avsnitt"):
                tops.append(float(item.top))
                pages_with_headings.add(reader.get_destination_page_number(item))

    walk(reader.outline)
    assert len(tops) == 24 and len(pages_with_headings) >= 3  # headings fall all over the pages
    assert min(tops) > bottom_margin + heading_and_a_line

    pages = pages_text(pdf)
    table_pages = [text for text in pages if re.search(r"Rad \d+ Innehåll på rad", text)]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "Nummer Innehåll" in text  # the head row, again on every page
    whole = " ".join(table_pages)
    for n in range(1, 46):
        row = (f"Rad {n} Innehåll på rad {n}, som är så långt att det tar mer än en rad i kolumnen "
               "och därför kan delas om inget hindrar det.")
        assert sum(row in text for text in table_pages) == 1, n  # on one page, not split over two
    assert whole.count("Innehåll på rad") == 45


# ---------- Accessibility and metadata ----------


def test_pdfs_are_tagged_with_title_and_swedish_language(printed):
    for name, kind in ((HANDOUT, "Deltagarmaterial"), (GUIDE, "Handledarmaterial")):
        reader = PdfReader(printed / f"{name}.pdf")
        root = reader.trailer["/Root"]
        assert reader.metadata.title == f'Provkurs om jäv & "förvaltning" <1> – {kind}'
        assert reader.metadata.author == "Provmyndigheten"
        assert root["/Lang"] == "sv"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert f"Provkurs om jäv &amp; &quot;förvaltning&quot; &lt;1&gt; – {kind}" in xmp
        assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)


def test_fonts_are_embedded_and_swedish_letters_come_out_as_text(printed):
    for name in (HANDOUT, GUIDE):
        reader = PdfReader(printed / f"{name}.pdf")
        fonts = [ref for page in reader.pages for ref in page["/Resources"].get("/Font", {}).values()]
        names = []
        for ref in fonts:
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            assert "/ToUnicode" in font
            names.append(str(font["/BaseFont"]))
        assert all(re.search(r"CharisSIL|OpenSans|DejaVuSansMono", n) for n in names), names
        assert any("CharisSIL" in n for n in names) and any("OpenSans" in n for n in names), names
    text = text_of(printed / f"{GUIDE}.pdf")
    for word in ("Förberedelser", "Upplägg för gruppträffen", "Diskussionsfrågor", "Sluttestets frågebank",
                 "Syfte och lärandemål", "jävig"):
        assert word in text


def test_a_page_renders_as_ink_on_paper(printed, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    from PIL import Image

    for name, marker in ((HANDOUT, "Vad säger lagen?"), (GUIDE, "Facit visar rätt svar")):
        page = next(n for n, text in enumerate(pages_text(printed / f"{name}.pdf"), start=1) if marker in text)
        target = tmp_path / name
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(printed / f"{name}.pdf"), str(target)], check=True)
        image = Image.open(f"{target}.png").convert("L")
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01  # A4
        inked = sum(image.histogram()[:160])  # pixels clearly darker than paper
        assert inked > 0.01 * width * height, (name, inked)


# ---------- Links ----------


def test_glossary_terms_link_to_their_entry_in_the_handout(printed):
    reader = PdfReader(printed / f"{HANDOUT}.pdf")
    internal = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots", [])
                if annotation.get_object().get("/Subtype") == "/Link" and "/Dest" in annotation.get_object()]
    assert internal, "no internal links"
    pages = pages_text(printed / f"{HANDOUT}.pdf")
    glossary_page = next(n for n, text in enumerate(pages) if "Värdegrundens ABC Ordlistan" in text)
    targets = [reader.get_destination_page_number(reader.named_destinations[str(a["/Dest"])])
               if not isinstance(a["/Dest"], list) else reader.get_page_number(a["/Dest"][0].get_object())
               for a in internal]
    assert glossary_page in targets


# ---------- Deterministic output ----------


def test_two_builds_give_byte_identical_print(project, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build(project, tmp_path / "a", formats=["pdf"])
    second = build(project, tmp_path / "b", formats=["pdf"])
    assert len(first.written) == 3
    for a, b in zip(first.written, second.written, strict=True):
        assert a.name == b.name and a.read_bytes() == b.read_bytes(), a.name
    assert PdfReader(first.written[0]).metadata["/CreationDate"] in ("D:19800101000000Z", "D:19800101000000+00'00")


def test_documents_sharing_a_compiler_come_out_as_if_each_had_its_own(printed):
    """The writer compiles a course's documents with one engine; none carries state into the next."""
    project, course = load_fixture()
    rendered = render_course(course, project.catalogue)
    with StagedRoot(rendered.media, LAYOUT) as staged:
        for kind, name in ((WORKSHEETS_KIND, WORKSHEETS), (GUIDE_KIND, GUIDE)):  # compiled last, then second
            alone = PdfWriter().pdf_bytes(typst_document(rendered, kind, staged), rendered, staged, kind)
            assert alone == (printed / f"{name}.pdf").read_bytes(), name


def test_pdf_dates_come_from_source_date_epoch(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    result = build(project, tmp_path, formats=["pdf"])
    metadata = PdfReader(next(p for p in result.written if p.suffix == ".pdf")).metadata
    assert metadata["/CreationDate"] == metadata["/ModDate"]
    assert metadata["/CreationDate"] in ("D:20231114221320Z", "D:20231114221320+00'00")


# ---------- The course's language ----------

# Words of the layout, the templates and the writer that the Swedish fixture prints and an English
# course must not (its content, the same Swedish text, has none of them).
SWEDISH_FURNITURE = ("Rätt svar", "Rekommenderat", "Endast för handledaren", "Dela inte ut sidorna",
                     "Namn eller grupp", "Varför väljer du så", "flera rätta svar", "Lärandemål", "Förklaring",
                     "Kunskapskoll", "Reflektera", "Sida", "Totalt", "Om kursen", "Efter kursen ska",
                     "Så använder du", "Lektion 1 av 2", "cirka", "Värdegrundens ABC", "Ordlistan förklarar",
                     "Mina anteckningar", "Syfte och lärandemål", "Förberedelser", "Bocka av", "Upplägg",
                     "Samtalspunkter", "Diskussionsfrågor", "Dilemman", "Facit", "Sluttestets", "Kursens längd",
                     "Gruppträffen", "Webbkursen", "Målgrupp", "Licens", "Deltagarmaterial", "Handledarmaterial",
                     "Tid Aktivitet Metod")


def english_project(folder: Path, lang: str = "en") -> Path:
    """A copy of the fixture project whose course says `språk: en` (its content stays Swedish)."""
    shutil.copytree(FIXTURE_PROJECT, folder)
    course_file = folder / "provkurs" / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("språk: sv", f"språk: {lang}"),
                           encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def printed_english(tmp_path_factory) -> Path:
    """The English fixture course's three printed files, written once for the module."""
    out = tmp_path_factory.mktemp("print-en")
    build(english_project(tmp_path_factory.mktemp("en") / "project"), out, formats=["pdf"])
    return out / "provkurs"


def test_the_swedish_course_prints_every_one_of_the_swedish_furniture_words(printed):
    """The same content in English must then lose them all: what goes is the layout's, not the course's."""
    shown = " ".join(text_of(printed / f"{name}.pdf") for name in (HANDOUT, GUIDE, WORKSHEETS)).lower()
    assert [word for word in SWEDISH_FURNITURE if word.lower() not in shown] == []


def test_an_english_course_prints_its_handout_guide_and_worksheets_with_english_furniture(printed_english):
    handout, guide, sheets = (text_of(printed_english / f"{name}.pdf") for name in (HANDOUT, GUIDE, WORKSHEETS))
    for expected in ("HANDOUT", "Length of the course about 10 minutes, 2 lessons", "Audience", "Licence: CC BY 4.0",
                     "Contents", "About the course", "After the course you will be able to", "How to use this material",
                     "Bring the material to the group session.", "LESSON 1 OF 2 · ABOUT 5 MINUTES", "THE LAW",
                     "Why do you choose this? Write down your thoughts.", "CHECK YOUR KNOWLEDGE", "REFLECT", "Glossary",
                     "The glossary explains words used in the course.", "My notes", "Page 1"):
        assert expected in handout, expected
    for expected in ("FACILITATOR GUIDE", "Group session 30 minutes", "Web course about 10 minutes",
                     "Purpose and learning objectives", "Preparation", "Plan for the group session",
                     "Time Activity Method Minutes Material", "0:10–0:30", "Lesson 1: Jäv", "Total 30",
                     "Talking points by lesson", "The lesson has no talking points of its own.", "Discussion questions",
                     "Dilemmas", "RECOMMENDED", "FOR YOU AS THE FACILITATOR", "Answer key · For the facilitator only",
                     "Do not hand out the pages with the answer key", "RIGHT ANSWER", "Explanation:",
                     "Learning objective 1", "(more than one right answer)", "The final test's question bank",
                     "Each participant gets 2 questions", "Name or group:"):
        assert expected in guide, expected
    assert "Worksheets" in sheets and "Name or group:" in sheets and "Page 1" in sheets
    for name, shown in (("handout", handout), ("guide", guide), ("worksheets", sheets)):
        assert [word for word in SWEDISH_FURNITURE if word.lower() in shown.lower()] == [], name


def test_an_english_course_is_tagged_english_and_keeps_the_swedish_file_names(printed_english):
    """The file names are the published interface: the same words in every language."""
    assert sorted(path.name for path in printed_english.glob("*.pdf")) == sorted(
        f"{name}.pdf" for name in (HANDOUT, GUIDE, WORKSHEETS))
    for name, kind in ((HANDOUT, "Handout"), (GUIDE, "Facilitator guide"), (WORKSHEETS, "Worksheets")):
        reader = PdfReader(printed_english / f"{name}.pdf")
        assert reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.metadata.title == f'Provkurs om jäv & "förvaltning" <1> – {kind}'


MULTIPLE_CHECK = """
:::kunskapskoll
id: legalitet-koll-2
typ: flerval
fråga: {prompt}
alternativ:
  - text: Lag
    rätt: ja
    återkoppling: Ja.
  - text: Förordning
    rätt: ja
    återkoppling: Ja.
  - text: Vana
    återkoppling: Nej.
:::
"""


def test_a_multiple_choice_check_says_to_choose_every_answer_in_the_course_language_unless_its_prompt_does(tmp_path):
    hints = {}
    for lang in ("sv", "en"):
        project = english_project(tmp_path / lang, lang)
        lesson = project / "provkurs" / "lessons" / "02-legalitet.md"
        lesson.write_text(lesson.read_text(encoding="utf-8") + MULTIPLE_CHECK.format(prompt="Vad ger stöd?")
                          + MULTIPLE_CHECK.format(prompt="Choose every answer that gives support.")
                          .replace("koll-2", "koll-3"), encoding="utf-8")
        hints[lang] = re.findall(r"#etos-check\(.*?hint: (\"[^\"]*\")", generated_source(project, HANDOUT_KIND))
    # The fixture's two single-choice checks, then the two added here.
    assert hints["sv"] == ['""', '""', '"Välj alla svar som stämmer."', '""']
    assert hints["en"] == ['""', '""', '"Choose every answer that applies."', '""']


def test_an_english_guide_printed_in_parts_marks_its_continued_chapter_in_english(tmp_path):
    from builder.package import pdf_parts
    from builder.package.pdf import compile_pdf, typst_compiler

    project, course = load_fixture(english_project(tmp_path / "project"))
    rendered = render_course(course, project.catalogue)
    with StagedRoot(rendered.media, LAYOUT) as staged:
        text = typst_document(rendered, GUIDE_KIND, staged).text
        cut = pdf_parts.cut_source(text, 1_500)
        assert cut is not None and any(line.startswith(pdf_parts.CONTINUED) for part in cut.parts for line in part)
        compiler = typst_compiler(staged)
        data = pdf_parts.typeset_in_parts(cut, lambda source, inputs: compile_pdf(compiler, source, inputs, "en"), "en")
    shown = " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)
    assert "(CONTINUED)" in shown and "Page 1" in shown
    assert "FORTSÄTTNING" not in shown.upper() and "Sida" not in shown


def test_the_cover_counts_one_lesson_in_the_singular():
    import dataclasses

    from builder.package.pdf import cover_facts

    project, course = load_fixture()
    rendered = render_course(course, project.catalogue)
    one = dataclasses.replace(rendered, lessons=rendered.lessons[:1])
    assert dict(cover_facts(one, HANDOUT_KIND))["Kursens längd"].endswith(", en lektion")
    assert dict(cover_facts(rendered, HANDOUT_KIND))["Kursens längd"].endswith(", 2 lektioner")


def test_the_printed_cover_shows_the_courses_cover_picture_before_any_picture_named_for_a_cover(project):
    """One picture for the start page and the printed covers: `omslagsbild:` wins over the name rule."""
    from builder.package.pdf import cover_illustration

    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 24"><circle cx="16" cy="12" r="9"/></svg>'
    for name in ("framsida.svg", "omslag.svg"):
        (project / "provkurs" / "media" / name).write_text(svg, encoding="utf-8")
    lesson = next((project / "provkurs" / "lessons").glob("*.md"))
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n![En ritning](media/omslag.svg)\n", encoding="utf-8")
    course_yaml = project / "provkurs" / "course.yaml"

    def cover_of_the_print() -> str | None:
        loaded = load_project(project, Problems(project))
        rendered = render_course(loaded.courses[0], loaded.catalogue)
        with StagedRoot(rendered.media, templates_folder() / "print" / "etos.typ") as staged:
            picture, alt = cover_illustration(rendered, staged)
            assert alt
            return picture

    assert cover_of_the_print() == "media/omslag.svg"  # by its name
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace(
        "undertitel:", "omslagsbild: media/framsida.svg\nundertitel:", 1), encoding="utf-8")
    assert cover_of_the_print() == "media/framsida.svg"
