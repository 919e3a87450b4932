"""Rendering: Markdown becomes safe, linked HTML whose ids stay unique on the one-page player."""

from __future__ import annotations

import re

from builder.load import load_project
from builder.package.player_data import player_data
from builder.render import render_course


def rendered(project):
    loaded = load_project(project)
    return render_course(loaded.courses[0], loaded.catalogue)


def lesson_html(course, index: int) -> str:
    return "".join(str(block.html) for block in course.lessons[index].blocks)


def test_glossary_links_point_at_the_term_and_only_used_terms_are_listed(project):
    course = rendered(project)
    html = lesson_html(course, 0)
    assert '<a class="term" data-term="term-jav" href="#term-jav">jävig</a>' in html
    # Opartiskhet is linked only from the definition of Jäv, and still makes the list.
    assert [t.term.term for t in course.glossary] == ["Jäv", "Legalitet", "Opartiskhet"]


def test_heading_ids_and_links_between_lessons_are_prefixed_with_the_lesson(project):
    course = rendered(project)
    assert 'id="jav-vad-sager-lagen"' in lesson_html(course, 0)
    assert 'id="legalitet-stod-i-lag"' in lesson_html(course, 1)
    assert 'href="#legalitet-stod-i-lag"' in lesson_html(course, 0)


def test_footnote_ids_are_unique_per_lesson(project):
    html = lesson_html(rendered(project), 0)
    assert 'id="jav-fn-1"' in html and 'href="#jav-fn-1"' in html
    assert 'id="fn:1"' not in html


def test_images_point_at_their_ascii_package_path(project):
    html = lesson_html(rendered(project), 0)
    assert 'src="media/javsgrunder.png"' in html
    assert 'alt="Ett diagram över jävsgrunderna"' in html


def test_a_picture_alone_in_its_paragraph_is_a_figure_captioned_by_its_title(project):
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    source = lesson.read_text(encoding="utf-8")
    lesson.write_text(source.replace("(media/jävsgrunder.png)", '(media/jävsgrunder.png "Bild 1. Jävsgrunderna")')
                      + "\nText med ![en liten bild](media/jävsgrunder.png) i raden.\n", encoding="utf-8")
    html = lesson_html(rendered(project), 0)
    assert ('<figure><img alt="Ett diagram över jävsgrunderna" loading="lazy" src="media/javsgrunder.png">'
            "<figcaption>Bild 1. Jävsgrunderna</figcaption></figure>") in html
    assert "<p>Text med <img" in html  # a picture in running text stays where it is


def test_a_law_reference_never_breaks_a_line_on_screen_and_code_stays_as_written(project):
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lesson.write_text(lesson.read_text(encoding="utf-8")
                      + "\nEnligt 2 kap. 10 § och 16–18 §§ tar det 85 minuter, men `12 § kod` är kod.\n",
                      encoding="utf-8")
    html = lesson_html(rendered(project), 0)
    assert ("Enligt 2&nbsp;kap.&nbsp;10&nbsp;§ och 16–18&nbsp;§§ tar det 85&nbsp;minuter, "
            "men <code>12 § kod</code>") in html


def test_a_law_reference_wrapped_across_source_lines_is_tied_as_well(project):
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nDet står i 12 kap.\n2 § regeringsformen.\n",
                      encoding="utf-8")
    assert "12&nbsp;kap.&nbsp;2&nbsp;§ regeringsformen" in lesson_html(rendered(project), 0)


def test_a_picture_without_a_title_is_a_figure_without_a_caption(project):
    html = lesson_html(rendered(project), 0)
    assert '<figure><img alt="Ett diagram över jävsgrunderna"' in html and "<figcaption" not in html


def test_a_lagrum_block_is_its_own_kind_shown_and_printed_as_the_law(project, tmp_path):
    import zipfile

    from builder.build import build
    from builder.model import BlockKind

    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    source = lesson.read_text(encoding="utf-8")
    lesson.write_text(source.replace(":::lagrum Lagrum\n", ":::lagrum Lagrum i sammandrag\n")
                      + "\n:::fakta/lagrum 18 § förvaltningslagen\nAnmälan av jäv.\n:::\n"
                      + "\n:::fakta Bakgrund\nText.\n:::\n", encoding="utf-8")
    course = rendered(project)
    kinds = [(b.kind, b.title) for b in course.lessons[0].blocks if b.kind in (BlockKind.LAW, BlockKind.FACT)]
    assert kinds == [(BlockKind.LAW, "Lagrum i sammandrag"), (BlockKind.LAW, "18 § förvaltningslagen"),
                     (BlockKind.FACT, "Bakgrund")]
    build(project, tmp_path, formats=["web"])
    with zipfile.ZipFile(next(tmp_path.rglob("*web*.zip"))) as package:
        page = package.read("index.html").decode("utf-8")
    law = re.findall(r'<div class="block law">\s*<h\d class="block-title">(.*?)</h\d>', page, re.S)
    assert len(law) == 2 and "#etos-icon-lagrum" in law[0] and "<span>Lagrum i sammandrag</span>" in law[0]
    assert '<span class="block-label">Lagrum<span class="visually-hidden">:</span></span> 18 §' in law[1]
    assert re.search(r'<div class="block fact">\s*<h\d class="block-title">.*?#etos-icon-fakta.*?Bakgrund', page, re.S)


def test_tables_are_rendered(project):
    html = lesson_html(rendered(project), 0)
    assert '<table class="table">' in html and "<th>Paragraf</th>" in html


def test_facilitator_notes_are_kept_apart_from_what_learners_see(project):
    lesson = rendered(project).lessons[0]
    assert all(block.kind.value != "handledare" for block in lesson.learner_blocks)
    assert any("egna exempel" in str(block.html) for block in lesson.blocks if block.kind.value == "handledare")


def test_raw_html_would_be_escaped_even_if_it_got_past_the_loader(project):
    from builder.render import MarkdownRenderer

    loaded = load_project(project)
    renderer = MarkdownRenderer(loaded.courses[0], loaded.catalogue)
    assert "<script>" not in str(renderer.block("Text <script>alert(1)</script>"))


def test_player_data_carries_structure_and_correct_answers(project):
    data = player_data(rendered(project))
    assert [lesson["id"] for lesson in data["lessons"]] == ["jav", "legalitet"]
    assert data["test"]["draw"] == 2 and data["test"]["mastery"] == 80
    assert [q["correct"] for q in data["test"]["questions"]] == [[0], [0, 1], [0]]
