"""The Markdown extension: glossary links, refused raw HTML, tables kept whole (tables.py), the checks
on the finished tree, and the spaces no line may break at."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Markdown's own extensions use
from typing import TYPE_CHECKING

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from builder.names import slugify
from builder.problems import Severity
from builder.render.document import BLOCK_MARK_TEXT
from builder.render.tables import TableRows
from builder.render.text import tied
from builder.schema import suggest
from builder.syntax import GLOSSARY_LINK

if TYPE_CHECKING:
    from builder.render.renderer import MarkdownRenderer


class GlossaryLinks(InlineProcessor):
    """`[[visad text|term]]` → a link to the term in the course's glossary."""

    def __init__(self, pattern: str, renderer: MarkdownRenderer) -> None:
        super().__init__(pattern)
        self.renderer = renderer

    # Markdown's API: InlineProcessor changes Pattern's signature, and types-Markdown ignores that the same way.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:  # type: ignore[override]  # noqa: N802
        shown = m.group(1).strip()
        name = (m.group(2) or m.group(1)).strip()
        glossary = self.renderer.catalogue.glossary
        term = glossary.lookup(name)
        if term is None:
            names = [t.term for t in glossary.terms] + [f for t in glossary.terms for f in t.other_forms]
            written = m.group(0).replace("\\|", "|")  # as the author wrote it, before TableRows escaped it
            self.renderer.report("glossary-term-unknown", written, term=name, suggestion=suggest(name, names))
            return shown, m.start(0), m.end(0)
        self.renderer.used_terms.add(term.id)
        link = etree.Element("a", {"href": f"#{term.id}", "class": "term", "data-term": term.id})
        link.text = shown
        return link, m.start(0), m.end(0)


class RefusedHtml(InlineProcessor):
    """Raw HTML, where Python-Markdown finds it: refused at its line, and shown as the text it is."""

    def __init__(self, pattern: str, renderer: MarkdownRenderer) -> None:
        super().__init__(pattern)
        self.renderer = renderer

    # Markdown's API: InlineProcessor changes Pattern's signature, and types-Markdown ignores that the same way.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:  # type: ignore[override]  # noqa: N802
        self.renderer.report("raw-html", m.group(0), once_per_line=True, tag=m.group(0)[:40])
        return AtomicString(m.group(0)), m.start(0), m.end(0)


def lone_image(paragraph: etree.Element) -> etree.Element | None:
    """The image of a paragraph that holds one image and nothing else."""
    if len(paragraph) != 1 or (paragraph.text or "").strip():
        return None
    image = paragraph[0]
    return image if image.tag == "img" and not (image.tail or "").strip() else None


class CheckedTree(Treeprocessor):
    """The checks of links, images and headings, on the very tree that becomes the HTML.

    Runs last, after inline patterns, smart punctuation and unescaping, so what it reads is what a
    reader gets: heading ids come from the text as shown, link targets as the browser reads them.
    """

    def __init__(self, md: markdown.Markdown, renderer: MarkdownRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        renderer = self.renderer
        prefix = renderer.id_prefix
        used: set[str] = set()
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "p" and not len(element) and (block := BLOCK_MARK_TEXT.match(element.text or "")):
                    number = block.group(1)
                    mark = etree.Element("etos-block", {"n": number})
                    mark.tail = element.tail
                    parent.remove(element)
                    parent.insert(index, mark)
        for element in list(root.iter()):
            if element.tag == "h1" and renderer.headings_warn:
                text = self.shown_text(element)
                place = renderer.document.find("# " + text) or renderer.document.place(text)
                renderer.report_at("heading-level-one", place, Severity.WARNING)
            if element.tag in ("h2", "h3", "h4", "h5", "h6") and prefix:
                anchor = f"{prefix}-{slugify(self.shown_text(element))}"
                candidate, n = anchor, 1
                while candidate in used:
                    n += 1
                    candidate = f"{anchor}-{n}"
                used.add(candidate)
                element.set("id", candidate)
                renderer.headings.add(candidate)
            elif element.tag == "a" and element.get("class") in ("footnote-ref", "footnote-backref"):
                element.set("href", "#" + renderer.footnote_id(element.get("href", "")[1:]))
            elif element.tag == "a" and not element.get("class"):
                # Classed links are the glossary's and the footnotes', made by the renderer itself.
                renderer.check_link(element)
            elif element.tag == "img":
                renderer.check_image(element)
            elif element.tag == "p" and (image := lone_image(element)) is not None:
                # A picture alone in its paragraph is a figure; its title, if written, is the caption.
                caption = (image.attrib.pop("title", "") or "").strip()
                element.tag = "figure"
                if caption:
                    etree.SubElement(element, "figcaption").text = caption
            elif element.tag == "table":
                element.set("class", "table")
            if element.get("id", "").startswith(("fn:", "fnref:")):
                element.set("id", renderer.footnote_id(element.get("id", "")))
        tie_numbers(root)

    def shown_text(self, element: etree.Element) -> str:
        """An element's text as a reader sees it: smart punctuation and entities resolved."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def resolve(match: re.Match[str]) -> str:
            number = int(match.group(1))
            stored = stash[number] if number < len(stash) else ""
            return html.unescape(stored) if isinstance(stored, str) else ""

        return HTML_PLACEHOLDER_RE.sub(resolve, "".join(element.itertext()))


def tie_numbers(root: etree.Element) -> None:
    """No line break inside "12 §", "2 kap. 10 §" or "85 minuter" (text.tied) in what a reader sees, on
    screen as on paper. Code stays as written: Markdown's code elements hold text only, so a code
    element's own text is all there is to leave alone (its tail is outside it). Run after the heading
    ids are made from the text."""
    for element in root.iter():
        if element.text and element.tag not in ("code", "pre"):
            element.text = tied(element.text)
        if element.tail:
            element.tail = tied(element.tail)


class EtosMarkdown(Extension):
    def __init__(self, renderer: MarkdownRenderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # Block HTML is read as text, so that every tag meets the inline pattern that refuses it.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.register(RefusedHtml(HTML_RE, self.renderer), "html", 90)
        # After the code fences (25) are set aside, before the blocks are split into table cells.
        md.preprocessors.register(TableRows(md, self.renderer), "etos-table-rows", 20)
        # Before backslash escapes (180), which would hide a table cell's `\|`; after code spans (190).
        md.inlinePatterns.register(GlossaryLinks(GLOSSARY_LINK.pattern, self.renderer), "etos-glossary", 185)
        md.treeprocessors.register(CheckedTree(md, self.renderer), "etos-checks", -10)
