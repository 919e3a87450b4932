"""Print with Typst: texts stay texts, role cards, worksheets to copy, plan tables that never strand a
row, circles and squares, and a line length for reading."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import typst
from pypdf import PdfReader

from builder.build import build
from builder.package.pdf import fonts, layout_inputs
from builder.package.typst_markup import Converter, string, text
from tests.test_pdf import GUIDE, HANDOUT, WORKSHEETS, generated_source, pages_text, text_of

HOSTILE = ('#import "@preview/x:1.0.0": * #read("/etc/passwd") #image("/etc/passwd") '
           '#include "/etc/hostname" $x$ ]] [ {} \\ ~ @ref <x> = / _ 1. - +')


def squeezed(value: str) -> str:
    """Text without whitespace: a line may break after any slash."""
    return re.sub(r"\s+", "", value)


def compiled_text(markup: str) -> str:
    data = typst.compile(("= Prov\n" + markup).encode(), font_paths=fonts(), ignore_system_fonts=True, format="pdf")
    import io

    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_a_hostile_text_is_a_string_literal_shown_character_for_character():
    shown = compiled_text(text(HOSTILE) + "\n\n" + text("- 1. = rubrik") + "\n\n" + text('slut "citat" \\'))
    assert squeezed(HOSTILE) in squeezed(shown)
    assert "- 1. = rubrik" in shown and 'slut "citat" \\' in shown
    assert "root:" not in shown
    assert string('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert string("noll\x00tecken\x1b") == '"nolltecken"'


def test_hostile_html_text_and_attributes_become_literals_or_nothing():
    converter = Converter({})
    html = (f'<p>{HOSTILE.replace("<", "&lt;").replace(">", "&gt;")}</p>'
            '<p><a href="javascript:alert(1)">länk</a> <a href="#finns-inte">intern</a></p>'
            '<h2 id="x&quot;)#read(&quot;/etc/passwd">Rubrik</h2><script>#read("/etc/passwd")</script>')
    source = converter.fragment(html)
    shown = compiled_text("#let etos-xref(target, body) = body\n#let etos-last-word(word) = box(word)\n" + source)
    assert squeezed(HOSTILE) in squeezed(shown) and "länk" in shown and "Rubrik" in shown
    assert 'label("x\\")#read(\\"/etc/passwd")' in source  # the id stays inside its string
    assert "javascript" not in source


def test_hostile_lesson_text_prints_literally_in_the_build(project: Path, tmp_path: Path):
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + '\n\nFarligt: #import "@preview/x:1.0.0" '
                      '#read("/etc/passwd") $ ] \\\\ ~ @ref\n', encoding="utf-8")
    build(project, tmp_path, formats=["pdf"])
    shown = text_of(tmp_path / "provkurs" / f"{HANDOUT}.pdf")
    assert squeezed('Farligt: #import "@preview/x:1.0.0" #read("/etc/passwd") $ ] \\ ~ @ref') in squeezed(shown)
    assert "root:x:0:0" not in shown


def test_single_choice_gets_circles_and_multiple_choice_squares(project: Path):
    source = generated_source(project, "deltagarmaterial")
    checks = re.findall(r"#etos-check\(.*?multiple: (true|false)", source)
    assert "false" in checks
    guide = generated_source(project, "handledarmaterial")
    assert re.search(r"#etos-key-question\(.*?multiple: true", guide)  # the fixture's flerval question
    layout = Path("templates/print/etos.typ").read_text(encoding="utf-8")
    mark = layout[layout.index("#let mark("):layout.index("// Options with")]
    assert "if multiple { square(" in mark and "else { circle(" in mark


def test_worksheets_are_a_file_of_their_own_without_answers(project: Path, tmp_path: Path):
    build(project, tmp_path, formats=["pdf"])
    sheets = tmp_path / "provkurs" / f"{WORKSHEETS}.pdf"
    pages = pages_text(sheets)
    assert len(pages) == 1
    assert "Arbetsblad 1" in pages[0] and "Svara i grupp." in pages[0] and "Vad är jäv?" in pages[0]
    assert "Namn eller grupp:" in pages[0] and "Sida 1" in pages[0]
    whole = " ".join(pages).lower()
    assert "rätt svar" not in whole and "facit" not in whole
    reader = PdfReader(sheets)
    assert reader.metadata.title.endswith("– Arbetsblad")
    assert "arbetsblad.pdf" in text_of(tmp_path / "provkurs" / f"{GUIDE}.pdf")


def test_role_cards_print_one_role_per_page(project: Path, tmp_path: Path):
    (project / "provkurs" / "handledning" / "03-rollkort.md").write_text(
        "# Rollkort för rollspelet\n\nKopiera och klipp isär korten.\n\n"
        "## Handläggaren\n\nRollkortstext ett om handläggaren.\n\n"
        "## Sökanden\n\nRollkortstext två om sökanden.\n\n"
        "## Chefen\n\nRollkortstext tre om chefen.\n", encoding="utf-8")
    build(project, tmp_path, formats=["pdf"])
    pages = pages_text(tmp_path / "provkurs" / f"{GUIDE}.pdf")
    roles = {"Handläggaren": "Rollkortstext ett", "Sökanden": "Rollkortstext två", "Chefen": "Rollkortstext tre"}
    where = {role: [n for n, page in enumerate(pages) if body in page] for role, body in roles.items()}
    assert all(len(found) == 1 for found in where.values()), where
    assert len({found[0] for found in where.values()}) == 3  # three different pages
    for role, (page,) in where.items():
        others = [body for other, body in roles.items() if other != role]
        assert not any(body in pages[page] for body in others)


def test_a_long_session_plan_never_strands_a_row_or_the_total(project: Path, tmp_path: Path):
    guide = project / "provkurs" / "handledning" / "handledning.yaml"
    text_before = guide.read_text(encoding="utf-8")
    rows = "".join(f"  - aktivitet: Punkt {n:02d}\n"
                   "    metod: Samtal i smågrupper och sedan i helgrupp med redovisning\n"
                   "    minuter: 5\n" for n in range(1, 41))
    plan_start, plan_end = text_before.index("upplägg:"), text_before.index("diskussionsfrågor:")
    changed = text_before[:plan_start] + "upplägg:\n" + rows + text_before[plan_end:]
    guide.write_text(changed.replace("minuter: 30\n", "minuter: 200\n", 1), encoding="utf-8")
    build(project, tmp_path, formats=["pdf"])
    pages = pages_text(tmp_path / "provkurs" / f"{GUIDE}.pdf")
    holding = [n for n, page in enumerate(pages) if "Punkt 01" in page or "Punkt 40" in page or
               (re.search(r"\bPunkt \d\d\b", page) and "Tid Aktivitet" in page)]
    assert len(holding) >= 2
    for n in holding:
        assert "Tid Aktivitet Metod Minuter Material" in pages[n]  # the head, on every page
    for number in range(1, 41):
        start = (number - 1) * 5
        time = f"{start // 60}.{start % 60:02d}–{(start + 5) // 60}.{(start + 5) % 60:02d}"
        on = [n for n in holding if f"{time} Punkt {number:02d} Samtal" in pages[n]]
        assert len(on) == 1, number  # whole, on one page
    last = next(n for n in holding if "Punkt 40" in pages[n])
    assert "Totalt 200" in pages[last] and "Punkt 39" in pages[last]


def test_body_text_runs_sixty_to_seventy_five_characters_a_line(repo_root: Path, tmp_path: Path):
    build(repo_root, tmp_path, courses=["sex_principerna"], formats=["pdf"])
    pdf = next((tmp_path / "sex-principerna").glob("*deltagarmaterial.pdf"))
    lines = [line.strip() for page in PdfReader(pdf).pages[3:12]
             for line in (page.extract_text() or "").splitlines()]
    # Full lines of running text: long, ending within a paragraph (not a heading or a last line).
    full = [line for line in lines if len(line) > 45 and not line.endswith((".", ":", "?", "!"))]
    assert len(full) > 40
    average = sum(len(line) for line in full) / len(full)
    assert 60 <= average <= 75, average


def test_a_figure_prints_its_picture_with_the_caption_as_a_string_and_the_alt_text():
    converter = Converter({"media/bild.png": "media/bild.png"})
    source = converter.fragment('<figure><img alt="Beskrivning" src="media/bild.png">'
                                '<figcaption>Bild 1. Vägen #read("/etc/passwd")</figcaption></figure>')
    assert source.strip() == ('#etos-figure("media/bild.png", alt: "Beskrivning", '
                              'caption: "Bild 1. Vägen #read(\\"/etc/passwd\\")")')


def test_a_lagrum_block_prints_under_its_own_label_and_a_title_that_repeats_it_alone(project: Path, tmp_path):
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    source = lesson.read_text(encoding="utf-8")
    lesson.write_text(source.replace(":::lagrum Lagrum\n", ":::lagrum Lagrum i sammandrag\n")
                      + "\n:::lagrum 18 § förvaltningslagen\nAnmälan av jäv.\n:::\n", encoding="utf-8")
    build(project, tmp_path, formats=["pdf"])
    shown = text_of(tmp_path / "provkurs" / f"{HANDOUT}.pdf")
    assert "LAGRUM I SAMMANDRAG" in shown and "LAGRUM · 18 § förvaltningslagen" in shown
    assert "FAKTA" not in shown and "LAGRUM · Lagrum" not in shown


def test_the_line_break_between_two_paragraphs_is_no_paragraph_of_its_own():
    html = "<p>Ett.</p>\n<p>Två <em>tre</em> <strong>fyra</strong>.</p>\n<ul>\n<li>fem</li>\n</ul>\n"
    source = Converter({}).fragment(html)
    assert source == '#"Ett."\n\n#"Två "#emph[#"tre"]#" "#strong[#"fyra"]#"."\n\n#list([#"fem"])\n'


def laid_out_lines(tmp_path: Path, markup: str) -> list[str]:
    """The lines of a body-text page set by the real layout (etos.typ), as a reader would copy them."""
    (tmp_path / "etos.typ").write_bytes(Path("templates/print/etos.typ").read_bytes())
    source = '#import "etos.typ": *\n#show: etos-document.with(title: "Prov")\n' + markup
    data = typst.compile(source.encode(), root=str(tmp_path), font_paths=fonts(), ignore_system_fonts=True,
                         format="pdf", sys_inputs=layout_inputs("sv"))
    import io

    page = PdfReader(io.BytesIO(data)).pages[0].extract_text() or ""
    return [line.strip() for line in page.splitlines() if line.strip() and not line.startswith("Sida")]


def structure_types(tmp_path: Path, markup: str) -> Counter[str]:
    """The elements of the structure tree that the real layout tags for `markup`, by type."""
    import io

    import pikepdf

    (tmp_path / "etos.typ").write_bytes(Path("templates/print/etos.typ").read_bytes())
    source = '#import "etos.typ": *\n#show: etos-document.with(title: "Prov")\n' + markup
    data = typst.compile(source.encode(), root=str(tmp_path), font_paths=fonts(), ignore_system_fonts=True,
                         format="pdf", pdf_standards="ua-1", sys_inputs=layout_inputs("sv"))
    with pikepdf.open(io.BytesIO(data)) as document:
        return Counter(str(element.S) for element in document.objects
                       if isinstance(element, pikepdf.Dictionary) and "/S" in element and "/P" in element)


def test_a_key_question_is_tagged_as_paragraphs_and_stresses_only_its_right_answer(tmp_path: Path):
    """A screen reader hears the number and prompt as one paragraph, not as the cells of a layout
    grid, and hears emphasis on the right answer, not on every prompt."""
    question = ('#etos-key-question(number: 1, prompt: [Vem beslutar?], options: ([Myndigheten], [Ingen]), '
                'correct: (true, false), explanation: [Så står det i lagen.])\n')
    tags = structure_types(tmp_path, question * 3)
    assert tags["/Div"] == 0 and tags["/Span"] == 0
    assert tags["/Strong"] == 3  # the right option of each
    assert tags["/P"] == 3 * 4  # prompt, two options, explanation


def test_a_checklist_is_tagged_as_a_list_and_a_choice_with_its_feedback_as_paragraphs(tmp_path: Path):
    tags = structure_types(tmp_path, '#etos-checklist(items: ([Boka en lokal.], [Skriv ut arbetsbladen.]))\n'
                                     '#etos-choice-feedback([Vänta], [Det tar tid.], false)\n')
    assert (tags["/L"], tags["/LI"], tags["/Lbl"], tags["/LBody"]) == (1, 2, 2, 2)
    assert tags["/Div"] == 0 and tags["/Span"] == 0 and tags["/Strong"] == 0
    assert tags["/P"] == 2  # the choice and its feedback


def test_a_paragraph_never_ends_on_the_tail_of_a_broken_word(tmp_path: Path):
    sentence = "Ord som förklaras i ordlistan Värdegrundens ABC finns samlade sist i materialet."
    # Left to the line breaker, this sentence ends "materi-" / "alet." at the handout's measure.
    assert laid_out_lines(tmp_path, text(sentence))[-1] == "alet."
    source = Converter({}).fragment(f"<p>{sentence}</p>")
    assert source.endswith('sist i\u00a0"#etos-last-word("materialet.")\n')
    last = laid_out_lines(tmp_path, source)[-1]
    assert last.endswith("i\u00a0materialet.") or last.endswith("i materialet."), last


def test_a_paragraph_never_ends_on_a_line_of_one_short_word():
    source = Converter({}).fragment("<p>Det här är en mening som slutar på ett kort ord som nu.</p>")
    assert source == '#"Det här är en mening som slutar på ett kort ord som\u00a0nu."\n'
    # A paragraph that ends in a link (a glossary term) ties the link to the word before it.
    assert Converter({}).fragment('<p>Det kallas den <a href="#x">styrkedjan</a>.</p>') == (
        '#"Det kallas den\u00a0"#etos-xref("x")[#etos-last-word("styrkedjan")]#"."\n')
    assert Converter({}).fragment("<p>Ensam.</p>") == '#etos-last-word("Ensam.")\n'
    assert Converter({}).fragment("<p>Nej.</p>") == '#"Nej."\n'


def test_a_law_reference_or_a_number_and_its_unit_never_breaks_at_the_line_end(project: Path):
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nEnligt 12 § och 2 kap. 10 § samt 5 a § och 16–18 §§ "
                      "SFS 2017 900, 85 minuter och 10 000 kronor gäller det i stort sett alltid.\n", encoding="utf-8")
    source = generated_source(project, "deltagarmaterial")
    for tied_text in ("12\u00a0§", "2\u00a0kap.\u00a010\u00a0§", "5\u00a0a\u00a0§", "\u00a0§§", "SFS\u00a02017",
                      "85\u00a0minuter", "10\u00a0000\u00a0kronor"):
        assert tied_text in source, tied_text
    assert '#box("16–18")' in source  # a range is one unit: no line break after its dash
    assert "och 2" in source and "§ samt" in source  # ordinary spaces stay breakable


def test_hyphenation_follows_the_course_language(tmp_path: Path):
    """The document settings the writer generates for an English course hyphenate by English rules:
    "partic-ipant" where Swedish breaks "parti-cipant"."""
    from tests.test_pdf import english_project

    (tmp_path / "etos.typ").write_bytes(Path("templates/print/etos.typ").read_bytes())
    broken = {}
    for lang in ("sv", "en"):
        settings = generated_source(english_project(tmp_path / lang, lang), "deltagarmaterial").split("\n")[:2]
        assert f'lang: "{lang}")' in settings[1]
        source = "\n".join(settings) + '\n#block(width: 30mm)[#"' + "participant " * 40 + '"]'
        data = typst.compile(source.encode(), root=str(tmp_path), font_paths=fonts(), ignore_system_fonts=True,
                             format="pdf", sys_inputs=layout_inputs(lang))
        import io

        page = PdfReader(io.BytesIO(data)).pages[0].extract_text() or ""
        broken[lang] = set(re.findall(r"(\w+)\u00ad", page))  # the part before a hyphen at a line end
    assert broken == {"sv": {"parti"}, "en": {"partic"}}
