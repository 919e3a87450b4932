"""Short plain texts skip Python-Markdown: the result must be what the full conversion makes of them."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.load import load_project
from builder.render import PLAIN_INLINE, MarkdownRenderer
from builder.sanitize import sanitize


def converted(renderer: MarkdownRenderer, text: str) -> str:
    """The full path `inline` takes for any other text: Markdown, the paragraph unwrapped, the gate."""
    html = renderer.convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return str(sanitize(html))


@lru_cache(maxsize=1)
def renderer_for(root) -> MarkdownRenderer:
    loaded = load_project(root)
    return MarkdownRenderer(loaded.courses[0], loaded.catalogue)


# Words, the punctuation plain texts allow, and next to them every piece that Markdown or smarty
# would read as syntax, so that the examples sit on both sides of the line.
WORDS = ["ord", "Åsa", "är", "é"]
PLAIN = [*WORDS, "9", "12", " ", " ", " ", "\n", ".", ",", ":", ";", "?", "!", "(", ")", "%", "/", "–", "—", "’", "”",
         "§", '"', "'", "+", "-"]
SYNTAX = ["\t", "--", "...", "*", "_", "`", "#", "<", ">", "&", "&amp;", "[", "]", "|", "\\", "=", "~", "\xa0", "1.",
          "- ", "> ", "    ", "  ", "\n\n"]
TEXTS = st.tuples(st.sampled_from(WORDS), st.lists(st.sampled_from(PLAIN * 4 + SYNTAX), max_size=14)).map(
    lambda pieces: pieces[0] + "".join(pieces[1]))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_a_text_taken_as_plain_comes_out_as_markdown_would_make_it(repo_root, text):
    renderer = renderer_for(repo_root)
    if PLAIN_INLINE.match(text):
        assert str(renderer.inline(text)) == converted(renderer, text)
        assert not renderer.problems.items


def test_plain_texts_are_words_and_plain_punctuation_only():
    for text in ["Sant", "Vad säger 12 kap. 2 § regeringsformen?", "Ett – två (tre), 50 %.", "Rad ett\nrad två"]:
        assert PLAIN_INLINE.match(text), text
    for text in ["*Sant*", "a -- b", "vänta...", "a  b", "slut ", "1. lista", "# Rubrik", "a\n=", "a &amp; b",
                 "[[jäv]]", "<b>", "a\\*", "`kod`", "a | b", "a\n\nb", "a\xa0b", "a_b_"]:
        assert not PLAIN_INLINE.match(text), text


def test_every_plain_text_of_the_three_courses_renders_as_before(repo_root):
    loaded = load_project(repo_root)
    for course in loaded.courses:
        renderer = MarkdownRenderer(course, loaded.catalogue)
        questions = [b.question for lesson in course.lessons for b in lesson.blocks if b.question]
        questions += course.final_test.questions if course.final_test else []
        texts = [t for q in questions
                 for t in (q.prompt, q.explanation, *(x for o in q.options for x in (o.text, o.feedback)))]
        plain = [t for t in texts if PLAIN_INLINE.match(t)]
        assert len(plain) > len(texts) / 2
        for text in plain:
            assert str(renderer.inline(text)) == converted(renderer, text)
