"""Course rendering: every piece of a course's Markdown → checked, sanitised HTML, exactly once."""

from __future__ import annotations

from markupsafe import Markup

from builder.media import MediaCollector
from builder.model import BlockKind, Catalogue, Course, Dilemma, Glossary, Lesson, Question
from builder.names import slugify
from builder.problems import Problems, SourceErrors
from builder.render.document import BLOCK_ELEMENT, BLOCK_MARK, Document, Part
from builder.render.rendered import (
    HtmlBlock,
    HtmlChoice,
    HtmlDilemma,
    HtmlGuideChapter,
    HtmlLesson,
    HtmlOption,
    HtmlQuestion,
    HtmlTerm,
    RenderedCourse,
)
from builder.render.renderer import AnchorScope, MarkdownRenderer, lesson_anchor
from builder.render.text import plain_text, swedish_sort_key
from builder.sanitize import sanitize


def render_question(question: Question, md: MarkdownRenderer) -> HtmlQuestion:
    options = [HtmlOption(md.inline(o.text), o.correct, md.inline(o.feedback)) for o in question.options]
    prompt = md.inline(question.prompt)
    return HtmlQuestion(
        id=question.id,
        type=question.type,
        prompt=prompt,
        options=options,
        explanation=md.inline(question.explanation),
        objective=question.objective,
        prompt_text=plain_text(str(prompt)),
        option_texts=[plain_text(str(o.text)) for o in options],
        fixed_order=question.fixed_order,
        lesson_id=question.lesson_id,
    )


def render_dilemma(dilemma: Dilemma, md: MarkdownRenderer) -> HtmlDilemma:
    return HtmlDilemma(
        id=dilemma.id,
        title=dilemma.title,
        situation=md.block(dilemma.situation),
        prompt=md.inline(dilemma.prompt),
        choices=[HtmlChoice(md.inline(c.text), md.inline(c.feedback), c.recommended) for c in dilemma.choices],
        facilitator_note=md.block(dilemma.facilitator_note) if dilemma.facilitator_note else Markup(""),
    )


def render_lesson(lesson: Lesson, number: int, md: MarkdownRenderer) -> HtmlLesson:
    """Render a lesson's prose as one Markdown document, so footnotes and their definitions meet
    wherever they stand; the named blocks are rendered on their own and put back in their places."""
    name = lesson.source.path.name
    md.scope = AnchorScope(name, lesson.id, name)
    special: dict[int, HtmlBlock] = {}
    parts: list[Part] = []
    learner_images = 0
    for index, block in enumerate(lesson.blocks):
        if block.kind is BlockKind.PROSE:
            parts.append(Part(block.markdown, getattr(block.markdown, "source", block.source)))
            continue
        before = md.images
        md.headings_warn = block.kind not in (BlockKind.DILEMMA, BlockKind.KNOWLEDGE_CHECK)
        if block.question is not None:
            special[index] = HtmlBlock(block.kind, block.title, question=render_question(block.question, md))
        elif block.dilemma is not None:
            special[index] = HtmlBlock(block.kind, block.title, dilemma=render_dilemma(block.dilemma, md))
        else:
            # Own id prefix per block: footnotes restart in every separately rendered block.
            special[index] = HtmlBlock(block.kind, block.title, html=md.block(block.markdown, f"{lesson.id}-{index}"))
        if block.kind is not BlockKind.FACILITATOR:
            learner_images += md.images - before
        parts.append(Part(BLOCK_MARK.format(index), None))
    before = md.images
    md.headings_warn = True
    prose_html = md.convert(Document(parts), lesson.id, headings=name)
    md.headings_warn = False
    learner_images += md.images - before
    blocks: list[HtmlBlock] = []
    position = 0
    for match in BLOCK_ELEMENT.finditer(prose_html):
        if prose_html[position:match.start()].strip():
            blocks.append(HtmlBlock(BlockKind.PROSE, "", html=sanitize(prose_html[position:match.start()].strip())))
        blocks.append(special.pop(int(match.group(1))))
        position = match.end()
    if prose_html[position:].strip():
        blocks.append(HtmlBlock(BlockKind.PROSE, "", html=sanitize(prose_html[position:].strip())))
    md.scope = AnchorScope(None, "", md.course.source.path.name)
    return HtmlLesson(lesson, number, lesson_anchor(lesson), blocks, learner_images)


def render_glossary(glossary: Glossary, md: MarkdownRenderer) -> list[HtmlTerm]:
    """Every definition is rendered (and so checked) once; the course lists the terms its texts
    link to, and the terms their definitions link to in turn."""
    links: dict[str, set[str]] = {}
    definitions: dict[str, Markup] = {}
    used = md.used_terms
    for term in glossary.terms:
        md.used_terms = set()
        definitions[term.id] = md.inline(term.definition)
        links[term.id] = md.used_terms
    md.used_terms = used
    listed: set[str] = set()
    waiting = sorted(used)
    while waiting:
        term_id = waiting.pop()
        if term_id not in listed:
            listed.add(term_id)
            waiting += sorted(links.get(term_id, set()) - listed)
    terms = [HtmlTerm(term, definitions[term.id]) for term in glossary.terms if term.id in listed]
    return sorted(terms, key=lambda t: swedish_sort_key(t.term.term))


def render_course(course: Course, catalogue: Catalogue, problems: Problems | None = None) -> RenderedCourse:
    """Convert every piece of Markdown in a course to checked, sanitised HTML, exactly once.

    Problems go to `problems`; without one, any error raises SourceErrors once the course is done.
    """
    collected = problems if problems is not None else Problems(catalogue.root)
    media = MediaCollector(course.folder, catalogue.root, collected)
    md = MarkdownRenderer(course, catalogue, collected, media)
    lessons = [render_lesson(lesson, number, md) for number, lesson in enumerate(course.lessons, start=1)]
    final_test = [render_question(q, md) for q in course.final_test.questions] if course.final_test else []
    description = md.block(course.description)
    guide_purpose, chapters = Markup(""), []
    if course.guide:
        guide_purpose = md.block(course.guide.purpose)
        for chapter in course.guide.chapters:
            prefix = "handledning-" + slugify(chapter.title)
            md.scope = AnchorScope(prefix, prefix, chapter.source.path.name)
            md.headings_warn = True
            chapters.append(HtmlGuideChapter(chapter.title, md.block(chapter.markdown, prefix, headings=prefix),
                                             chapter.role_cards))
            md.headings_warn = False
        md.scope = AnchorScope(None, "", course.source.path.name)
    glossary = render_glossary(catalogue.glossary, md)
    if course.cover:
        media.add(course.cover, course.source.path, course.cover_line)
    md.check_anchors()
    if problems is None and collected.errors:
        raise SourceErrors(collected)
    return RenderedCourse(course, catalogue, lessons, final_test, glossary, description, guide_purpose, chapters,
                          media=media.files, cover=media.target_of(course.cover) or "")
