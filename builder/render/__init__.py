"""Render stage: the course model → HTML fragments, once per build, for every writer to reuse.

Markdown is the expensive part of a build, so it is converted here exactly once; the SCORM, web and
print writers only pour these fragments into their templates. All lessons share one page in the
player, so heading and footnote ids are prefixed with the lesson id to stay unique.

This is also where links, images, headings, glossary links and raw HTML are checked: on the tree
Python-Markdown builds, the very tree that becomes the HTML, so what is checked is what is shown.
Every fragment then passes the allowlist in `sanitize.py` before any writer sees it.
"""

from __future__ import annotations

from builder.render.course import render_course
from builder.render.document import MAX_NESTING, Document, Part
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
from builder.render.renderer import PLAIN_INLINE, MarkdownRenderer
from builder.render.text import plain_text, swedish_sort_key

__all__ = [
    "MAX_NESTING",
    "PLAIN_INLINE",
    "Document",
    "HtmlBlock",
    "HtmlChoice",
    "HtmlDilemma",
    "HtmlGuideChapter",
    "HtmlLesson",
    "HtmlOption",
    "HtmlQuestion",
    "HtmlTerm",
    "MarkdownRenderer",
    "Part",
    "RenderedCourse",
    "plain_text",
    "render_course",
    "swedish_sort_key",
]
