"""A long printed document typeset in parts of whole chapters and merged into one tagged PDF.

Typst keeps every page of a document in memory until it writes the PDF, so the handout of a
300-lesson course peaks near a gigabyte, and one long compile costs more CPU than the same pages in
parts (benchmarks/print_profile.md). Chapters start on a new page, so cutting a document between
chapters changes no page's layout. What one compile would have known across the cut is carried over:

- numbering: each part starts its page, figure and footnote numbers where the one before ended
  (`etos-part-start`);
- links into another part: each part is told the labels the others hold (`sys.inputs`), links to them
  as `etos-part:label`, and the merge points those links at the label's named destination;
- the contents list: the front part (cover and contents) is typeset last, with a hidden stand-in of
  every heading of the other parts and the page each ended up on, read from the parts' bookmarks.

The merge (pikepdf, on qpdf) makes one document of the parts: their pages, one structure tree under
one `Document` element, one parent tree with the parts' keys renumbered, one ID tree with the parts'
IDs made unique, the bookmarks, the named destinations, the page labels and the front part's
metadata with the page count of the whole. Anything that does not add up (a heading the source scan
and the bookmarks count differently, a link with no destination) raises `PartsMismatch`, and the
writer typesets the document whole instead: slower, never wrong.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from builder.package.pdf_fetch import source_skeleton
from builder.package.typst_markup import string, string_value

if TYPE_CHECKING:
    import pikepdf

# A node of a PDF's object graph as pikepdf reads it: what it holds is known only from the PDF.
PdfObject = Any

# A document is cut when its source is longer than this (a course handout of some 50 pages stays
# whole: every part embeds its own font subsets, so the cut costs bytes and saves little), into parts
# of about PART_CHARS, some 30 pages, which Typst typesets in a fraction of the memory of the whole.
PRINT_WHOLE_UP_TO = 150_000
PART_CHARS = 40_000
CHAPTER = "#etos-chapter("
WORKSHEET = "#etos-worksheet("
PART_LINK = "etos-part:"
ENTRY = "etos-entry-"
# The labels a part's source gives: `label("…")` after a heading or a term, `anchor: "…"` in a call.
LABEL = re.compile(r'(?:\blabel\(|\banchor: )"((?:[^"\\]|\\.)*)"')
# A heading the converter or a template writes, alone on its line, with its label if it has one.
HEADING_LINE = re.compile(r'#heading\(level: (\d+)((?:, [a-z-]+: [a-z]+)*)\)(\[.*\])(?: #label\("(?:[^"\\]|\\.)*"\))?')
FOOTNOTE = re.compile(r"#footnote\b")
CONTENTS_DEPTH = re.compile(r"#etos-contents\(depth: (\d+)\)$")
# A link's text for a screen reader, as Typst writes one: the word for page, and the quotation marks
# around the title of a heading it goes to.
PAGE_WORD = {"sv": ("sida", "”", "”"), "en": ("page", "“", "”")}


class PartsMismatch(Exception):
    """The parts do not add up to the document: it is typeset whole instead."""


@dataclass
class Cut:
    """A generated source cut at its chapters: what every part repeats, the front matter, the parts."""

    preamble: list[str]
    front: list[str]
    parts: list[list[str]] = field(default_factory=list)


def cut_source(text: str, part_chars: int | None = None) -> Cut | None:
    """The source in parts of whole chapters of about `part_chars`, or None if it is short enough to
    print whole (a given `part_chars` cuts any source longer than one part).

    Line 1 imports the layout and line 2 sets the document up (front.typ.j2); what follows until the
    first chapter is the front matter; each `#etos-chapter(` or `#etos-worksheet(` line starts a chapter.
    """
    if part_chars is None:
        if len(text) <= PRINT_WHOLE_UP_TO:
            return None
        part_chars = PART_CHARS
    if len(text) <= part_chars:
        return None
    lines = text.split("\n")
    starts = [index for index, line in enumerate(lines) if line.startswith((CHAPTER, WORKSHEET))]
    if len(starts) < 2 or not lines[1].startswith("#show: etos-document"):
        return None
    cut = Cut(preamble=lines[:2], front=lines[2:starts[0]])
    part: list[str] = []
    size = 0
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        chapter = lines[start:end]
        chapter_size = sum(len(line) + 1 for line in chapter)
        if part and size + chapter_size > part_chars:
            cut.parts.append(part)
            part, size = [], 0
        part += chapter
        size += chapter_size
    cut.parts.append(part)
    return cut if len(cut.parts) > 1 else None


def labels_of(lines: list[str]) -> set[str]:
    return {string_value(match.group(1)) for line in lines for match in LABEL.finditer(line)}


def stand_in(line: str) -> tuple[bool, str] | None:
    """A heading line as the contents list's stand-in: (listed?, source), None if it is no heading."""
    if line.startswith(CHAPTER):
        return True, "#etos-chapter-entry(" + line[len(CHAPTER):]
    if line.startswith(WORKSHEET):
        return True, "#etos-worksheet-entry(" + line[len(WORKSHEET):]
    if not line.startswith("#heading("):
        return None
    match = HEADING_LINE.fullmatch(line.rstrip())
    if match is None:
        raise PartsMismatch(f"a heading the cut cannot read: {line[:80]}")
    level, options, body = match.group(1), match.group(2), match.group(3)
    if "outlined: false" in options:
        return False, ""
    options = options.replace(", bookmarked: true", "")
    return True, f"#heading(level: {level}, bookmarked: false{options}){body}"


def typeset(compile_source: Callable[[str, dict[str, str]], bytes], text: str, lang: str,
            part_chars: int | None = None) -> bytes:
    """A generated document as PDF: in parts if it is long (and they add up), else in one compile."""
    cut = cut_source(text, part_chars)
    if cut is not None:
        try:
            return typeset_in_parts(cut, compile_source, lang)
        except PartsMismatch:
            pass  # a document the cut cannot follow is still printed, whole
    return compile_source(text, {})


def typeset_in_parts(cut: Cut, compile_part: Callable[[str, dict[str, str]], bytes], lang: str) -> bytes:
    """Typeset the parts in order, then the front matter with the contents of all, and merge them."""
    import pikepdf

    contents_line = next((line for line in cut.front if line.startswith("#etos-contents(")), None)
    depth = CONTENTS_DEPTH.match(contents_line) if contents_line else None
    if depth is None:
        raise PartsMismatch("the front matter has no contents list")
    contents_depth = int(depth.group(1))

    part_labels = [labels_of(part) for part in cut.parts]
    everywhere = set().union(*part_labels) | labels_of(cut.front)
    pdfs: list[pikepdf.Pdf] = []
    headings: list[tuple[bool, str]] = []
    pages: list[str] = []  # the printed page number of each heading
    first_page, figures, footnotes = 1, 0, 0
    for index, part in enumerate(cut.parts):
        elsewhere = sorted(everywhere - part_labels[index])
        start = f"#etos-part-start(first-page: {first_page}, figures: {figures}, footnotes: {footnotes})"
        source = "\n".join([*cut.preamble, start, *part])
        part_headings = [found for line in part if (found := stand_in(line)) is not None]
        inputs = {"etos-elsewhere": json.dumps(dict.fromkeys(elsewhere, 1))}
        pdf = pikepdf.open(io.BytesIO(compile_part(source, inputs)))
        bookmarks = outline_items(pdf)
        if len(part_headings) != len(bookmarks):
            raise PartsMismatch(f"part {index + 1}: {len(part_headings)} headings, {len(bookmarks)} bookmarks")
        headings += part_headings
        pages += bookmark_page_labels(pdf, bookmarks)
        pdfs.append(pdf)
        first_page += len(pdf.pages)
        skeleton = source_skeleton("\n".join(part))  # the calls, not a course text that names them
        figures += skeleton.count("#etos-figure(")
        footnotes += len(FOOTNOTE.findall(skeleton))
    entries, numbers = [], []
    for number, (listed, line) in enumerate(headings):
        if listed:
            entries.append(f"{line} #label({string(ENTRY + str(number))})")
            numbers.append(f"{string(ENTRY + str(number))}: {string(pages[number])}")
    contents = (f"#etos-contents(depth: {contents_depth}, pages: ({', '.join(numbers)},), entries: [\n"
                + "\n".join(entries) + "\n])")
    front_lines = [contents if line == contents_line else line for line in cut.front]
    front = pikepdf.open(io.BytesIO(compile_part("\n".join([*cut.preamble, *front_lines]), {})))
    return merge(front, pdfs, lang)


def outline_items(pdf: pikepdf.Pdf) -> list[PdfObject]:
    """The bookmarks in reading order (depth first), as their dictionaries."""
    return outline_items_below(pdf.Root.Outlines) if "/Outlines" in pdf.Root else []


def bookmark_page_labels(pdf: pikepdf.Pdf, bookmarks: list[PdfObject]) -> list[str]:
    """The printed page number of each bookmark's page (Typst gives a bookmark its page, not a name)."""
    import pikepdf

    labels = list(name_tree(pdf.Root.PageLabels, "/Nums"))
    index: dict[Any, int] = {page.objgen: number for number, page in enumerate(pdf.pages)}
    found = []
    for item in bookmarks:
        destination = item.get("/Dest")
        if not isinstance(destination, pikepdf.Array) or destination[0].objgen not in index:
            raise PartsMismatch(f"a bookmark without a page: {item.get('/Title')}")
        found.append(page_label(labels, index[destination[0].objgen]))
    return found


def named_destinations(pdf: pikepdf.Pdf) -> dict[str, Any]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return dict(name_tree(names.Dests, "/Names"))


def name_tree(node: PdfObject, key: str) -> Iterator[tuple[Any, Any]]:
    """The pairs of a name or number tree (`key` is /Names or /Nums), leaves in order."""
    if key in node:
        flat = node[key]
        for position in range(0, len(flat), 2):
            yield (str(flat[position]) if key == "/Names" else int(flat[position])), flat[position + 1]
    for kid in node.get("/Kids", []):
        yield from name_tree(kid, key)


# ---- The merge ---------------------------------------------------------------------------------


def merge(front: pikepdf.Pdf, parts: list[pikepdf.Pdf], lang: str) -> bytes:
    """One tagged PDF of the front matter and the parts, in that order (see the module text)."""
    import pikepdf

    tree = front.Root.StructTreeRoot
    document = single_document(tree)
    parent_tree = dict(name_tree(tree.ParentTree, "/Nums"))
    next_key = int(tree.ParentTreeNextKey)
    ids = dict(name_tree(tree.IDTree, "/Names")) if "/IDTree" in tree else {}
    role_map = dict(tree.get("/RoleMap", pikepdf.Dictionary()).items())
    destinations = {name: dest for name, dest in named_destinations(front).items() if not name.startswith(ENTRY)}
    labels = list(name_tree(front.Root.PageLabels, "/Nums"))
    every_bookmark: list[PdfObject] = []  # the parts' bookmarks, depth first: heading N of the contents
    top_bookmarks: list[PdfObject] = []
    open_bookmarks = 0
    for number, part in enumerate(parts, start=1):
        offset = next_key
        for page in part.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        part_tree = part.Root.StructTreeRoot
        rename_ids(part_tree, f"p{number}-")
        page_offset = len(front.pages)
        with warnings.catch_warnings():  # the named destinations it warns of are merged below
            warnings.filterwarnings("ignore", message="Copying pages from another Pdf")
            front.pages.extend(part.pages)  # first, so that every later copy refers to these pages
        copied = front.copy_foreign(part_tree)
        for key, value in name_tree(copied.ParentTree, "/Nums"):
            parent_tree[key + offset] = value
        next_key = offset + int(part_tree.ParentTreeNextKey)
        if "/IDTree" in copied:
            ids.update(name_tree(copied.IDTree, "/Names"))
        role_map.update(copied.get("/RoleMap", pikepdf.Dictionary()).items())
        for child in as_list(single_document(copied).K):
            child.P = document
            document.K.append(child)
        for name, dest in named_destinations(part).items():
            destinations[name] = front.copy_foreign(dest)
        for index, label in name_tree(part.Root.PageLabels, "/Nums"):
            labels.append((index + page_offset, front.copy_foreign(label)))
        if "/Outlines" in part.Root:
            outlines = front.copy_foreign(part.Root.Outlines)
            every_bookmark += outline_items_below(outlines)
            top_bookmarks += siblings(outlines)
            open_bookmarks += int(outlines.get("/Count", 0))
    attach_bookmarks(front, top_bookmarks, open_bookmarks)
    tree.ParentTree = front.make_indirect(pikepdf.Dictionary(Nums=flat(sorted(parent_tree.items()))))
    tree.ParentTreeNextKey = next_key
    if ids:
        tree.IDTree = front.make_indirect(pikepdf.Dictionary(Names=flat(sorted(ids.items()))))
    if role_map:
        tree.RoleMap = pikepdf.Dictionary(role_map)
    if "/Names" not in front.Root:
        front.Root.Names = pikepdf.Dictionary()
    front.Root.Names.Dests = front.make_indirect(pikepdf.Dictionary(Names=flat(sorted(destinations.items()))))
    labels.sort(key=lambda pair: pair[0])
    front.Root.PageLabels = pikepdf.Dictionary(Nums=flat(labels))
    resolve_part_links(front, destinations, every_bookmark, PAGE_WORD.get(lang, PAGE_WORD["en"]), labels)
    set_page_count(front)
    output = io.BytesIO()
    front.save(output, deterministic_id=True)
    return output.getvalue()


def attach_bookmarks(pdf: pikepdf.Pdf, items: list[PdfObject], open_count: int) -> None:
    """The parts' top-level bookmarks, chained in order under the document's outline root."""
    import pikepdf

    if not items:
        return
    if "/Outlines" not in pdf.Root:
        pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=0))
    root = pdf.Root.Outlines
    chain = siblings(root) + items
    for before, after in pairwise(chain):
        before.Next, after.Prev = after, before
    for item in items:
        item.Parent = root
    if "/Prev" in chain[0]:
        del chain[0].Prev
    if "/Next" in chain[-1]:
        del chain[-1].Next
    root.First, root.Last = chain[0], chain[-1]
    root.Count = int(root.get("/Count", 0)) + open_count


def resolve_part_links(pdf: pikepdf.Pdf, destinations: dict[str, Any], headings: list[PdfObject],
                       words: tuple[str, str, str], labels: list[tuple[int, Any]]) -> None:
    """Turn every `etos-part:` link into a link to its destination, described as Typst describes one."""
    import pikepdf

    page_word, opening, closing = words
    page_index = {page.objgen: index for index, page in enumerate(pdf.pages)}
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is None or action.get("/S") != "/URI" or not str(action.URI).startswith(PART_LINK):
                continue
            name = str(action.URI)[len(PART_LINK):]
            if name.startswith(ENTRY):
                number = int(name[len(ENTRY):])
                if number >= len(headings):
                    raise PartsMismatch(f"the contents list names heading {number + 1} of {len(headings)}")
                destination = headings[number].Dest
                title = f"{opening}{headings[number].Title}{closing} "
            elif name in destinations:
                destination, title = destinations[name], ""
            else:
                raise PartsMismatch(f"a link to {name!r}, which no part holds")
            target = page_index.get(destination[0].objgen)
            if target is None:
                raise PartsMismatch(f"the destination of {name!r} is on no page of the document")
            del annotation.A
            annotation.Dest = destination
            annotation.Contents = pikepdf.String(f"{title}{page_word} {page_label(labels, target)}")


def page_label(labels: list[tuple[int, Any]], index: int) -> str:
    """The label of a page from the document's page labels: a decimal or a lower-case roman number."""
    start, style = max(((first, label) for first, label in labels if first <= index), key=lambda pair: pair[0])
    number = int(style.get("/St", 1)) + index - start
    return roman(number) if style.get("/S") == "/r" else str(number)


def roman(number: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text, number = text + numeral, number - value
    return text


def set_page_count(pdf: pikepdf.Pdf) -> None:
    """The front part's XMP metadata, with the page count of the whole document."""
    metadata = pdf.Root.Metadata
    xmp = metadata.read_bytes()
    counted = re.sub(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>", b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(pdf.pages), xmp)
    if counted != xmp:
        metadata.write(counted)


def single_document(tree: PdfObject) -> PdfObject:
    kids = as_list(tree.K)
    if len(kids) != 1 or kids[0].get("/S") != "/Document":
        raise PartsMismatch("a part's structure tree has no single Document element")
    return kids[0]


def as_list(value: Any) -> list[Any]:
    import pikepdf

    return list(value) if isinstance(value, pikepdf.Array) else [value]


def flat(pairs: list[tuple[Any, Any]]) -> list[Any]:
    return [item for pair in pairs for item in pair]


def rename_ids(tree: PdfObject, prefix: str) -> None:
    """Make a part's structure IDs (table header cells) unique in the merged tree: prefix every one,
    in the elements, in the cells' `/Headers` that refer to them and in the ID tree."""
    import pikepdf

    if "/IDTree" not in tree:
        return
    entries = list(name_tree(tree.IDTree, "/Names"))
    for name, element in entries:
        element.ID = pikepdf.String(prefix + name)
    tree.IDTree = pikepdf.Dictionary(Names=flat([(prefix + name, element) for name, element in entries]))
    renamed = {name: prefix + name for name, _ in entries}
    for element in structure_elements(tree):
        for attributes in as_list(element.get("/A", pikepdf.Array())):
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                attributes.Headers = pikepdf.Array([pikepdf.String(renamed.get(str(h), str(h)))
                                                    for h in attributes.Headers])


def structure_elements(tree: PdfObject) -> Iterator[PdfObject]:
    import pikepdf

    stack = as_list(tree.K)
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            if "/K" in element:
                stack += as_list(element.K)


def outline_items_below(root: PdfObject) -> list[PdfObject]:
    found: list[PdfObject] = []
    for item in siblings(root):
        found.append(item)
        found += outline_items_below(item)
    return found


def siblings(outlines: PdfObject) -> list[PdfObject]:
    found, item = [], outlines.get("/First")
    while item is not None:
        found.append(item)
        item = item.get("/Next")
    return found
