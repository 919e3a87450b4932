"""Typst source from the render stage's HTML: every text a string literal, every element a known call.

The print writer never lets a course text become Typst syntax. A text is written as a Typst string
literal (`"…"` with `\\` and `\"` escaped), which Typst shows as it is: `#import`, `$`, `[`, `<x>`,
`@ref`, `= heading` and `1.` at a line start are all just characters inside a string. Structure comes
only from the calls this module writes itself, for the small set of elements Python-Markdown makes;
an element it does not know is unwrapped to its text, never copied.

The HTML fragments are read as trees (lxml.html), the same tree the sanitiser gate passed, so
what is converted is what was checked. Images are named by their package path and must be in the
set of staged files; any other source is noted as refused, for the writer to report with the
lesson's `file:line` (see pdf_fetch.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.html import HtmlElement

from builder.render.text import NO_BREAK_SPACE

# Characters that no PDF text should carry: C0 controls but tab and newline, DEL, lone surrogates.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace: a no-break space is kept
NUMBER_RANGE = re.compile(r"\d+–\d+")
WORD_OR_SPACE = re.compile(r"[\w\s]")
# A word Typst could hyphenate: two letters before a break and three after at the least.
HYPHENATABLE = re.compile(r"\w{5}")


class TypstCode(str):
    """Typst source written by Etos itself (calls and markup), never a course text: used as it is."""


# A piece of a paragraph: its Typst, and its source text where it is text or its element where it is one.
Piece = tuple[str, "str | None", "HtmlElement | None"]


LITERAL_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t"}
LITERAL_ESCAPE = re.compile(r'\\([\\"nrt])')


def string(text: str) -> TypstCode:
    """A Typst string literal that evaluates to text, character for character (controls dropped)."""
    cleaned = UNPRINTABLE.sub("", str(text))
    return TypstCode('"' + cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                     .replace("\r", "\\r").replace("\t", "\\t") + '"')


def string_value(body: str) -> str:
    """What the body of a literal `string` wrote evaluates to: its escapes undone."""
    return LITERAL_ESCAPE.sub(lambda match: LITERAL_ESCAPES[match.group(1)], body)


def text(value: str) -> TypstCode:
    """A text in markup: the string literal as an embedded expression, shown exactly as written."""
    return TypstCode("#" + string(value)) if value else TypstCode("")


def prose(value: str) -> TypstCode:
    """A run of reading text, its spaces collapsed; a range of numbers such as "16–18" is a box, so that
    a line may not break after its dash. The render stage has tied its other unbreakable spaces
    (text.tied); a template's own text is tied by its filter."""
    value = SPACE.sub(" ", value)
    pieces, start = [], 0
    for match in NUMBER_RANGE.finditer(value):
        pieces += [text(value[start:match.start()]), f"#box({string(match.group())})"]
        start = match.end()
    return TypstCode("".join(pieces) + text(value[start:]))


def paragraph_end(value: str) -> TypstCode:
    """The text that ends a paragraph: its last word tied to the one before and never hyphenated, so
    that no paragraph ends on a line of one short word or of the tail of a broken one ("materi-/alet.")."""
    head, space, last = SPACE.sub(" ", value).rstrip(" ").rpartition(" ")
    head = head + NO_BREAK_SPACE if space else ""  # one word alone, as a glossary link may be, ties to nothing
    if not HYPHENATABLE.search(last) and not NUMBER_RANGE.search(last):
        return prose(head + last)
    return TypstCode(f"{prose(head)}#etos-last-word({string(last)})")


def content(value: str) -> TypstCode:
    """A text as a content block `[…]`, for a function argument."""
    return TypstCode("[" + text(value) + "]")


def label_name(anchor: str) -> TypstCode:
    """A label from an HTML id, as a call: `label("…")` takes any string, so no id can break out."""
    return TypstCode("label(" + string(anchor) + ")")


@dataclass
class Converter:
    """Turns the HTML fragments of one document into Typst markup.

    `staged` maps an image's package path to its name in the compile root; `refused` gathers every
    image source that is not there, for the writer to report; `heading_shift` moves headings down
    (talking points sit under a lesson heading).
    """

    staged: dict[str, str]
    refused: list[str] = field(default_factory=list)
    heading_shift: int = 0
    footnotes: dict[str, object] = field(default_factory=dict)
    # The level of the heading above a fragment: PDF/UA wants no level skipped, so deeper ones are lifted.
    last_level: int = 1

    def fragment(self, fragment: str, heading_shift: int = 0) -> TypstCode:
        """A block fragment (paragraphs, lists, tables …) as Typst markup."""
        fragment = str(fragment)
        if not fragment.strip():
            return TypstCode("")
        self.heading_shift = heading_shift
        self.last_level = 1 + heading_shift
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
        self.take_footnotes(root)
        return TypstCode(self.blocks(root).strip() + "\n")

    def take_footnotes(self, root: HtmlElement) -> None:
        """Lift the fragment's footnote list out of the flow: each note is set where it is referenced."""
        self.footnotes = {}
        for notes in root.xpath('./div[contains(concat(" ", @class, " "), " footnote ")]'):
            for item in notes.iter("li"):
                if item.get("id"):
                    self.footnotes[item.get("id")] = item
            notes.drop_tree()

    def sections(self, fragment: str) -> tuple[TypstCode, list[TypstCode]]:
        """A fragment cut at its level-2 headings: what comes before the first, and each section."""
        root = lxml_html.fragment_fromstring(str(fragment), create_parent="div")
        self.heading_shift = 0
        self.last_level = 1
        self.take_footnotes(root)
        groups: list[HtmlElement] = [lxml_html.Element("div")]
        groups[0].text = root.text
        for child in list(root):
            if child.tag == "h2":
                groups.append(lxml_html.Element("div"))
            groups[-1].append(child)
        intro, *cards = [TypstCode(self.blocks(group).strip() + "\n") for group in groups]
        return intro, cards

    def inline_fragment(self, fragment: str) -> TypstCode:
        """A short inline fragment (a prompt, an option) as markup without paragraph breaks, ending as a
        paragraph ends (see paragraph_end)."""
        fragment = str(fragment)
        if not fragment.strip():
            return TypstCode("")
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
        self.footnotes = {}
        return TypstCode(self.ended(self.inline_parts(root)).strip())

    # --- block level ---------------------------------------------------------------------------------

    def blocks(self, element: HtmlElement) -> str:
        """The children of a block container: block elements as calls, stray inline runs as paragraphs.

        Whitespace next to a block (the line break between two paragraphs) only lays out the HTML: as
        text it would become a paragraph of one space, and a double gap on the page.
        """
        parts: list[str] = []
        run: list[Piece] = [(self.inline_text(element.text), element.text, None)]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in BLOCK_TAGS:
                parts.append(self.ended(run))
                run = []
                parts.append(self.block(child))
            else:
                run.append((self.inline(child), None, child))
            run.append((self.inline_text(child.tail), child.tail, None))
        parts.append(self.ended(run))
        return "".join(parts)

    def block(self, element: HtmlElement) -> str:
        tag = element.tag
        if tag == "p":
            return self.ended(self.inline_parts(element))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(6, int(tag[1]) + self.heading_shift, self.last_level + 1)
            self.last_level = level
            body = self.inlines(element).strip()
            anchor = element.get("id")
            labelled = f" #{label_name(anchor)}" if anchor else ""
            return f"#heading(level: {level})[{body}]{labelled}\n\n"
        if tag in ("ul", "ol"):
            items = [f"[{self.blocks(item).strip()}]" for item in element if item.tag == "li"]
            if not items:
                return ""
            if tag == "ol":
                start = element.get("start", "1")
                start = int(start) if start.isdigit() else 1
                return f"#enum(start: {start}, {', '.join(items)})\n\n"
            return f"#list({', '.join(items)})\n\n"
        if tag == "blockquote":
            return f"#etos-quote[{self.blocks(element).strip()}]\n\n"
        if tag == "pre":
            code = element.text_content()
            return f"#raw(block: true, {string(code.rstrip())})\n\n"
        if tag == "table":
            return self.table(element)
        if tag == "hr":
            return "#etos-rule()\n\n"
        if tag == "img":
            return self.figure(element)
        if tag == "figure" and (image := element.find("img")) is not None:
            caption = element.find("figcaption")
            return self.figure(image, caption.text_content().strip() if caption is not None else "")
        return self.blocks(element)  # div and anything unknown: its content only

    def table(self, element: HtmlElement) -> str:
        head_rows = element.xpath("./thead/tr")
        body_rows = element.xpath("./tbody/tr | ./tr")
        if not head_rows and body_rows and all(c.tag == "th" for c in body_rows[0]):
            head_rows, body_rows = body_rows[:1], body_rows[1:]
        columns = max([len(row.xpath("./th | ./td")) for row in head_rows + body_rows] or [0])
        if not columns:
            return ""

        def cells(row: HtmlElement) -> list[str]:
            found = [f"[{self.inlines(cell).strip()}]" for cell in row.xpath("./th | ./td")]
            return found + ["[]"] * (columns - len(found))

        header = [cell for row in head_rows for cell in cells(row)]
        body = [cell for row in body_rows for cell in cells(row)]
        return (f"#etos-table(columns: {columns}, header: ({', '.join(header)}{',' if len(header) == 1 else ''}), "
                f"body: ({', '.join(body)}{',' if len(body) == 1 else ''}))\n\n")

    def figure(self, image: HtmlElement, caption: str = "") -> str:
        source = image.get("src", "")
        alt = image.get("alt", "")
        name = self.staged.get(source)
        if name is None:
            if source not in self.refused:
                self.refused.append(source)
            return ""
        return f"#etos-figure({string(name)}, alt: {string(alt)}, caption: {string(caption)})\n\n"

    # --- inline level --------------------------------------------------------------------------------

    def inlines(self, element: HtmlElement, ending: bool = False) -> str:
        """An element's inline content; `ending`: the paragraph ends with it (see `closing`)."""
        parts = self.inline_parts(element)
        return "".join(self.closing(parts) if ending else [code for code, _, _ in parts])

    def inline_parts(self, element: HtmlElement) -> list[Piece]:
        """An element's inline content as pieces of Typst, each with its source text or element."""
        parts: list[Piece] = [(self.inline_text(element.text), element.text, None)]
        for child in element:
            parts.append((self.inline(child), None, child))
            parts.append((self.inline_text(child.tail), child.tail, None))
        return parts

    def ended(self, run: list[Piece]) -> str:
        """A run of inline pieces as a paragraph, set to end as `closing` says; "" if it is blank.

        Whitespace at either end of the run only lays out the HTML, so it is dropped, never printed.
        """
        run = [piece for piece in run if piece[0]]
        while run and run[-1][1] is not None and not run[-1][1].strip():
            run.pop()
        while run and run[0][1] is not None and not run[0][1].strip():
            run.pop(0)
        body = "".join(self.closing(run)).strip()
        return body + "\n\n" if body else ""

    def closing(self, run: list[Piece]) -> list[str]:
        """The Typst of a paragraph's pieces, its last word tied to the one before and never broken
        (paragraph_end), also where that word is inside a closing link or emphasis."""
        pieces = [code for code, _, _ in run]
        last = len(run) - 1
        closing_text = run[last][1] if run else None
        if last >= 1 and closing_text is not None and not WORD_OR_SPACE.search(closing_text):
            last -= 1  # a full stop after a link or emphasis: the last word is inside that
        if last < 0:
            return pieces
        _, source, element = run[last]
        if source is not None:
            pieces[last] = paragraph_end(source)
        elif element is not None and element.tag in CLOSING_TAGS:
            pieces[last] = self.inline(element, ending=True)
            before = SPACE.sub(" ", (run[last - 1][1] if last >= 1 else None) or "")
            one_word = " " not in SPACE.sub(" ", element.text_content().strip())
            if one_word and before.strip() and before.endswith(" "):
                pieces[last - 1] = prose(before.rstrip(" ") + NO_BREAK_SPACE)  # a one-word link
        return pieces

    def inline_text(self, value: str | None) -> str:
        return prose(value) if value else ""

    def inline(self, element: HtmlElement, ending: bool = False) -> str:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("strong", "b"):
            return f"#strong[{self.inlines(element, ending)}]"
        if tag in ("em", "i"):
            return f"#emph[{self.inlines(element, ending)}]"
        if tag == "code":
            return f"#raw({string(element.text_content())})"
        if tag == "br":
            return "#linebreak()"
        if tag == "sup":
            note = self.footnote(element)
            if note is not None:
                return note
            return f"#super[{self.inlines(element)}]"
        if tag == "a":
            return self.link(element, ending)
        if tag == "img":
            name = self.staged.get(element.get("src", ""))
            if name is None:
                self.refused.append(element.get("src", ""))
                return ""
            return f"#etos-inline-image({string(name)}, alt: {string(element.get('alt', ''))})"
        if tag in BLOCK_TAGS:  # a block where only inline content may stand: its text, nothing more
            return text(SPACE.sub(" ", element.text_content()))
        return self.inlines(element)  # span and anything unknown: its content only

    def link(self, element: HtmlElement, ending: bool = False) -> str:
        href = element.get("href", "")
        body = self.inlines(element, ending)
        if "footnote-backref" in (element.get("class") or ""):
            return ""
        if href.startswith("#") and len(href) > 1:
            return f"#etos-xref({string(href[1:])})[{body}]"
        if re.match(r"^(https?:|mailto:)", href, re.IGNORECASE):
            return f"#link({string(href)})[{body}]"
        return body  # a media file or anything else: not beside a printed page

    def footnote(self, element: HtmlElement) -> str | None:
        """A footnote reference becomes a Typst footnote holding the note's text, where it is cited."""
        link = element.find("a")
        if link is None or "footnote-ref" not in (link.get("class") or ""):
            return None
        note = self.footnotes.get(link.get("href", "").lstrip("#"))
        if note is None:
            return ""
        return f"#footnote[{self.blocks(note).strip()}]"


# Inline elements a paragraph may end with, whose last word then ends the paragraph.
CLOSING_TAGS = {"a", "strong", "b", "em", "i"}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr", "div",
              "dl", "figure", "section", "aside"}
