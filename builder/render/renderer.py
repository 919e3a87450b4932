"""One configured Markdown converter per course, checking links, images and anchors as it converts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Markdown's own extensions use
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup

from builder.media import MediaCollector
from builder.messages import Localized, text
from builder.model import Catalogue, Course, Lesson, SourceRef
from builder.problems import Problems, Severity
from builder.render.document import MAX_NESTING, Document, nesting_depth
from builder.render.extension import EtosMarkdown
from builder.render.links import SAFE_SCHEMES, leaves_the_site, link_scheme, unescape_entities
from builder.render.text import tied
from builder.sanitize import sanitize
from builder.schema import suggest

# A short text that Markdown would turn into one paragraph of exactly its own characters: words with
# single spaces and plain punctuation, starting with a letter, as is every line after the first. It
# holds no syntax at all (no emphasis, link, code, HTML, entity, escape, dash or ellipsis that smarty
# would change), so it can carry nothing a check looks at. Prompts, options and feedback are mostly
# like this, and Python-Markdown's cost per text was most of the render time; `inline` passes them
# straight to the sanitiser.
PLAIN_INLINE = re.compile(r"""^[^\W\d_](?:[^\W_]|[,:;?!()%/–—’”§"'+]|[.-](?![.-])| (?=\S)|\n(?=[^\W\d_]))*\Z""")


@dataclass(frozen=True)
class AnchorScope:
    """What `#anchor` means in a text: the headings of one lesson or guide chapter, or nothing."""

    key: str | None  # which rendered headings: a lesson's file name, a guide chapter's, or None
    prefix: str  # what the renderer puts before a heading's slug in that document
    file: str  # the file named in messages


@dataclass
class PendingAnchor:
    """A link to a heading, checked once every document's headings are known."""

    key: str | None
    anchor: str
    wanted: str
    file: str
    source: SourceRef | None



class MarkdownRenderer:
    """One configured Markdown converter for a course, reused for every fragment, checking as it goes.

    Every problem it finds goes to `problems` with its file and line; media it finds go to `media`;
    links to headings wait in `pending` until `check_anchors`, when every heading is known.
    """

    def __init__(self, course: Course, catalogue: Catalogue, problems: Problems | None = None,
                 media: MediaCollector | None = None) -> None:
        self.course = course
        self.catalogue = catalogue
        self.problems = problems if problems is not None else Problems(catalogue.root)
        self.media = media if media is not None else MediaCollector(course.folder, catalogue.root, self.problems)
        self.id_prefix = ""
        self.used_terms: set[str] = set()
        self.lessons = {lesson.source.path.name: lesson for lesson in course.lessons}
        self.lesson_anchors = {name: lesson_anchor(lesson) for name, lesson in self.lessons.items()}
        self.scope = AnchorScope(None, "", course.source.path.name)
        self.headings: set[str] = set()
        self.headings_warn = False
        self.rendered_headings: dict[str, set[str]] = {}
        self.unread: set[str | None] = set()  # documents refused unread: links into them are not checked
        self.pending: list[PendingAnchor] = []
        self.images = 0
        self.document = Document([])
        self.md = markdown.Markdown(
            extensions=["tables", "footnotes", "sane_lists", "smarty", "fenced_code", EtosMarkdown(self)],
            extension_configs={
                "footnotes": {"BACKLINK_TITLE": text("player", "footnote_back", course.language),
                              "SUPERSCRIPT_TEXT": "{}"},
                "smarty": {"smart_quotes": False, "smart_angled_quotes": False},
            },
            output_format="html",
        )

    # --- reporting -------------------------------------------------------------------------------

    def report(self, code: str, token: str, severity: Severity = Severity.ERROR, once_per_line: bool = False,
               **params: object) -> None:
        """A problem at the place in the current document where token was written; never twice."""
        place = self.document.place(token)
        self.report_at(code, place, severity, once_per_line, **params)

    def report_at(self, code: str, place: SourceRef | None, severity: Severity = Severity.ERROR,
                  once_per_line: bool = False, **params: object) -> None:
        path, line = (place.path, place.line) if place is not None else (self.course.source.path, 0)
        add = self.problems.error if severity is Severity.ERROR else self.problems.warning
        add(code, path, line, **params)
        new = self.problems.items[-1]
        # The glossary is rendered for every course that uses it: its problems are still reported once.
        if any(known == new and (once_per_line or known.params == new.params) for known in self.problems.items[:-1]):
            self.problems.items.pop()

    # --- converting ------------------------------------------------------------------------------

    def block(self, text: str | Document, id_prefix: str = "", headings: str | None = None) -> Markup:
        """Markdown → checked, sanitised HTML for a block of text (paragraphs, lists, tables).

        `headings` names the document whose heading ids links may point at (a lesson's file name).
        """
        return sanitize(self.convert(text, id_prefix, headings))

    def inline(self, text: str) -> Markup:
        """Markdown → HTML for a short text without the surrounding paragraph."""
        if PLAIN_INLINE.match(text):
            # Markdown would make it one paragraph of the very same characters, and find nothing to check.
            return sanitize(tied(text))
        html_text = self.convert(text)
        if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
            html_text = html_text[3:-4]
        return sanitize(html_text)

    def convert(self, text: str | Document, id_prefix: str = "", headings: str | None = None) -> str:
        """Markdown → HTML, unsanitised: every caller passes the result through `sanitize`."""
        document = text if isinstance(text, Document) else Document.of(text)
        if not document.text.strip():
            return ""
        self.document = document
        self.id_prefix = id_prefix
        self.headings = set()
        if self.too_deep(document):
            self.unread.add(headings)
            return ""
        self.md.reset()
        try:
            result = self.md.convert(document.text)
        except RecursionError:  # a nesting the line check did not foresee: still the author's text
            self.report_at("markdown-too-deep", document.start, limit=MAX_NESTING,
                           depth=Localized(f"fler än {MAX_NESTING}", f"more than {MAX_NESTING}"))
            self.unread.add(headings)
            return ""
        if headings is not None:
            self.rendered_headings.setdefault(headings, set()).update(self.headings)
        return result

    def too_deep(self, document: Document) -> bool:
        """Refuse, at its line, a text nested deeper than MAX_NESTING before Markdown recurses into it."""
        offset = 0
        for line in document.text.split("\n"):
            depth = nesting_depth(line)
            if depth > MAX_NESTING:
                self.report_at("markdown-too-deep", document.at_offset(offset), depth=depth, limit=MAX_NESTING)
                return True
            offset += len(line) + 1
        return False

    # --- what the tree processor checks ----------------------------------------------------------

    def footnote_id(self, footnote: str) -> str:
        """`fn:1` → `jav-fn-1`: footnotes restart in every document, ids must not on the one-page player."""
        return f"{self.id_prefix}-{footnote.replace(':', '-')}" if self.id_prefix else footnote

    def check_link(self, element: etree.Element) -> None:
        """Check an author's link and point it at its place in the package; drop its target if refused."""
        written = element.get("href", "")
        # An e-mail autolink comes with its address as character references (AMP_SUBSTITUTE is `&`).
        target = unescape_entities(written.replace(AMP_SUBSTITUTE, "&")).strip()
        place = self.document.place(written)
        scheme = link_scheme(target)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            self.report_at("unsafe-link", place, target=target)
            element.attrib.pop("href", None)
        elif scheme is not None:
            element.set("href", target)
            if scheme in ("http", "https"):
                element.set("rel", "noopener")
        elif leaves_the_site(target):
            self.report_at("link-without-scheme", place, target=target)
            element.attrib.pop("href", None)
        else:
            internal = self.internal_target(target, place)
            if internal:
                element.set("href", internal)
            else:
                element.attrib.pop("href", None)

    def internal_target(self, target: str, place: SourceRef | None) -> str:
        """Where a link without a scheme leads in the package: a lesson, a heading or a media file."""
        file_part, _, anchor = target.partition("#")
        if not file_part:
            if not anchor:
                return target
            scope = self.scope
            wanted = f"{scope.prefix}-{anchor}" if scope.prefix else anchor
            self.pending.append(PendingAnchor(scope.key, anchor, wanted, scope.file, place))
            return f"#{wanted}"
        if file_part.endswith(".md"):
            name = Path(file_part).name
            lesson = self.lessons.get(name) if "/" not in file_part.strip("./") else None
            if lesson is None:
                if name not in self.course.lesson_files or "/" in file_part.strip("./"):
                    # A listed lesson that failed to load has its own error; this link is not one more.
                    self.report_at("link-broken", place, target=file_part,
                                   suggestion=suggest(file_part, list(self.lessons)))
                return ""
            if not anchor:
                return f"#{self.lesson_anchors[name]}"
            wanted = f"{lesson.id}-{anchor}"
            self.pending.append(PendingAnchor(name, anchor, wanted, name, place))
            return f"#{wanted}"
        self.add_media(file_part, place)
        media = self.media.target_of(file_part)
        if media is None:
            return ""
        return media + (f"#{anchor}" if anchor else "")

    def check_image(self, element: etree.Element) -> None:
        """An image needs a text alternative and must be a file of the course."""
        written = element.get("src", "")
        target = unescape_entities(written).strip()
        place = self.document.place(written)
        self.images += 1
        if not (element.get("alt") or "").strip():
            self.report_at("image-without-alt", place, target=target)
        scheme = link_scheme(target)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            self.report_at("unsafe-link", place, target=target)
        elif scheme is not None or leaves_the_site(target):
            self.report_at("image-external", place, target=target)
        else:
            self.add_media(target, place)
            media = self.media.target_of(target)
            if media is not None:
                element.set("src", media)
                element.set("loading", "lazy")
                return
        element.attrib.pop("src", None)

    def add_media(self, reference: str, place: SourceRef | None) -> None:
        """Hand a media reference to the collector, which checks the file and names its package path."""
        path, line = (place.path, place.line) if place is not None else (self.course.source.path, 0)
        self.media.add(reference, path, line)

    def check_anchors(self) -> None:
        """Links to headings, once every lesson is rendered: the ids the renderer made are the truth."""
        for link in self.pending:
            if link.key is not None and link.key in self.unread:
                continue
            known = self.rendered_headings.get(link.key, set()) if link.key is not None else set()
            if link.wanted not in known:
                prefix = link.wanted[: len(link.wanted) - len(link.anchor)]
                anchors = sorted(h[len(prefix):] for h in known if h.startswith(prefix))
                self.report_at("anchor-broken", link.source, anchor=link.anchor, file=link.file,
                               suggestion=suggest(link.anchor, anchors))


def lesson_anchor(lesson: Lesson) -> str:
    return f"lektion-{lesson.id}"
