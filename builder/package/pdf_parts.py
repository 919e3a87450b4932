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
from collections.abc import Callable, Iterable, Iterator
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
# of about PART_CHARS, some 20 pages. Typst's memo cache holds what its last ten compiles used, so the
# part size sets the memory of the typesetting, and smaller parts cost CPU: for the 1,000-page handout
# 30,000 characters peak at 216 MB and take 6.6 s in the engine, 40,000 at 240 MB and 5.2-5.6 s,
# 50,000 at 263 MB and 5.6 s (benchmarks/print_profile.md).
PRINT_WHOLE_UP_TO = 150_000
PART_CHARS = 40_000
CHAPTER = "#etos-chapter("
CONTINUED = "#etos-chapter-continued("
WORKSHEET = "#etos-worksheet("
PART_LINK = "etos-part:"
# A contents stand-in's label: never an anchor of a course, which is a slug of [a-z0-9-].
ENTRY = "etos-entry:"
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
        for piece in chapter_pieces(lines[start:end], part_chars):
            piece_size = sum(len(line) + 1 for line in piece)
            if part and size + piece_size > part_chars:
                cut.parts.append(part)
                part, size = [], 0
            part += piece
            size += piece_size
    cut.parts.append(part)
    return cut if len(cut.parts) > 1 else None


def chapter_pieces(chapter: list[str], part_chars: int) -> list[list[str]]:
    """A chapter, or if it is longer than a part, the chapter in pieces of at most about a part each.

    A piece ends before one of the chapter's section headings (a level 2 or lower heading outside any
    call or content block), the last one before the piece would outgrow a part, and the next piece goes
    on with `etos-chapter-continued` (a new page under the chapter's running head) and the headings the
    section sits under, marked as continued. So a chapter cut this way gains a page break at each cut;
    no other chapter changes.
    """
    if sum(len(line) + 1 for line in chapter) <= part_chars or not chapter[0].startswith(CHAPTER):
        return [chapter]
    sections, depth = [], 0
    open_headings: dict[int, str] = {}  # the body of the last heading of each level, level 2 and lower
    enclosing: dict[int, list[str]] = {}  # at each section heading, the headings it sits under
    for index, line in enumerate(chapter):
        heading = HEADING_LINE.fullmatch(line.rstrip()) if depth == 0 else None
        if index > 0 and heading is not None and int(heading.group(1)) >= 2:
            level = int(heading.group(1))
            sections.append(index)
            enclosing[index] = [f"#etos-heading-continued(level: {above}){open_headings[above]}"
                                for above in range(2, level) if above in open_headings]
            open_headings = {above: body for above, body in open_headings.items() if above < level}
            open_headings[level] = heading.group(3)
        skeleton = source_skeleton(line)
        depth += skeleton.count("[") + skeleton.count("(") - skeleton.count("]") - skeleton.count(")")
    offsets = [0]  # the characters before each line
    for line in chapter:
        offsets.append(offsets[-1] + len(line) + 1)
    cuts, start = [], 0
    for before, end in pairwise([0, *sections, len(chapter)]):
        if offsets[end] - offsets[start] > part_chars and before > start:
            cuts.append(before)
            start = before
    continued = CONTINUED + chapter[0][len(CHAPTER):]
    bounds = [0, *cuts, len(chapter)]
    return [([continued, *enclosing[start]] if start else []) + chapter[start:end] for start, end in pairwise(bounds)]


def labels_of(lines: list[str]) -> set[str]:
    """The labels the lines give (a chapter's continuation repeats its anchor but gives another label)."""
    return {string_value(match.group(1)) for line in lines if not line.startswith(CONTINUED)
            for match in LABEL.finditer(line)}


def stand_in(line: str) -> tuple[int, bool, str] | None:
    """A heading line as the contents list's stand-in: (level, listed?, source), None if it is no heading."""
    if line.startswith(CHAPTER):
        return 1, True, "#etos-chapter-entry(" + line[len(CHAPTER):]
    if line.startswith(WORKSHEET):
        return 1, True, "#etos-worksheet-entry(" + line[len(WORKSHEET):]
    if not line.startswith("#heading("):
        return None
    match = HEADING_LINE.fullmatch(line.rstrip())
    if match is None:
        raise PartsMismatch(f"a heading the cut cannot read: {line[:80]}")
    level, options, body = match.group(1), match.group(2), match.group(3)
    if "outlined: false" in options:
        return int(level), False, ""
    options = options.replace(", bookmarked: true", "")
    return int(level), True, f"#heading(level: {level}, bookmarked: false{options}){body}"


def typeset(compile_source: Callable[[str, dict[str, str]], bytes], text: str, lang: str,
            part_chars: int | None = None, release: Callable[[], None] = lambda: None) -> bytes:
    """A generated document as PDF: in parts if it is long (and they add up), else in one compile.

    `release` is called once the parts are typeset, before the merge: the engine may let go of what
    it memoised for them, so that the merge's own memory does not come on top.
    """
    cut = cut_source(text, part_chars)
    if cut is not None:
        try:
            return typeset_in_parts(cut, compile_source, lang, release)
        except PartsMismatch:
            pass  # a document the cut cannot follow is still printed, whole
    return compile_source(text, {})


def typeset_in_parts(cut: Cut, compile_part: Callable[[str, dict[str, str]], bytes], lang: str,
                     release: Callable[[], None] = lambda: None) -> bytes:
    """Typeset the parts in order, then the front matter with the contents of all, and merge them."""
    import pikepdf

    contents_line = next((line for line in cut.front if line.startswith("#etos-contents(")), None)
    depth = CONTENTS_DEPTH.match(contents_line) if contents_line else None
    if depth is None:
        raise PartsMismatch("the front matter has no contents list")
    contents_depth = int(depth.group(1))

    part_labels = [labels_of(part) for part in cut.parts]
    everywhere = set().union(*part_labels) | labels_of(cut.front)
    typeset_parts: list[bytes] = []
    headings: list[tuple[int, bool, str]] = []
    leading: list[int] = []  # of each part, the top-level bookmarks that go on under the chapter before
    pages: list[str] = []  # the printed page number of each heading
    first_page, figures, footnotes = 1, 0, 0
    for index, part in enumerate(cut.parts):
        elsewhere = sorted(everywhere - part_labels[index])
        start = f"#etos-part-start(first-page: {first_page}, figures: {figures}, footnotes: {footnotes})"
        source = "\n".join([*cut.preamble, start, *part])
        part_headings = [found for line in part if (found := stand_in(line)) is not None]
        inputs = {"etos-elsewhere": json.dumps(dict.fromkeys(elsewhere, 1))}
        typeset_part = compile_part(source, inputs)
        page_count, heading_pages, sections = read_part(typeset_part, part_headings, index)
        typeset_parts.append(typeset_part)
        headings += part_headings
        pages += heading_pages
        leading.append(sections)
        first_page += page_count
        skeleton = source_skeleton("\n".join(part))  # the calls, not a course text that names them
        figures += skeleton.count("#etos-figure(")
        footnotes += len(FOOTNOTE.findall(skeleton))
    entries, numbers = [], []
    for number, (_, listed, line) in enumerate(headings):
        if listed:
            entries.append(f"{line} #label({string(ENTRY + str(number))})")
            numbers.append(f"{string(ENTRY + str(number))}: {string(pages[number])}")
    contents = (f"#etos-contents(depth: {contents_depth}, pages: ({', '.join(numbers)},), entries: [\n"
                + "\n".join(entries) + "\n])")
    front_lines = [contents if line == contents_line else line for line in cut.front]
    front = pikepdf.open(io.BytesIO(compile_part("\n".join([*cut.preamble, *front_lines]), {})))
    release()
    # Each part is opened only for its turn in the merge and let go after it, so that qpdf holds the
    # objects of one part besides the merged document, not of all (the copies read their streams
    # from the part's bytes when the merged file is written).
    return merge(front, (pikepdf.open(io.BytesIO(data)) for data in typeset_parts), lang, leading)


def read_part(typeset_part: bytes, headings: list[tuple[int, bool, str]], index: int) -> tuple[int, list[str], int]:
    """What the next parts and the contents need of a typeset part: its page count, the printed page
    number of each of its headings, and how many of its top-level bookmarks come before its first
    chapter (sections of a chapter that began in a part before it)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(typeset_part)) as pdf:
        bookmarks = outline_items(pdf)
        if len(headings) != len(bookmarks):
            raise PartsMismatch(f"part {index + 1}: {len(headings)} headings, {len(bookmarks)} bookmarks")
        tops = [level for (level, _, _), item in zip(headings, bookmarks, strict=True)
                if item.Parent.objgen == pdf.Root.Outlines.objgen]
        return len(pdf.pages), bookmark_page_labels(pdf, bookmarks), tops.index(1) if 1 in tops else len(tops)


def outline_items(pdf: pikepdf.Pdf) -> list[PdfObject]:
    """The bookmarks in reading order (depth first), as their dictionaries."""
    return outline_items_below(pdf.Root.Outlines) if "/Outlines" in pdf.Root else []


def bookmark_page_labels(pdf: pikepdf.Pdf, bookmarks: list[PdfObject]) -> list[str]:
    """The printed page number of each bookmark's page (Typst gives a bookmark its page, not a name)."""
    import pikepdf

    labels = page_label_texts(list(name_tree(pdf.Root.PageLabels, "/Nums")), len(pdf.pages))
    index: dict[Any, int] = {page.objgen: number for number, page in enumerate(pdf.pages)}
    found = []
    for item in bookmarks:
        destination = item.get("/Dest")
        if not isinstance(destination, pikepdf.Array) or destination[0].objgen not in index:
            raise PartsMismatch(f"a bookmark without a page: {item.get('/Title')}")
        found.append(labels[index[destination[0].objgen]])
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


def merge(front: pikepdf.Pdf, parts: Iterable[pikepdf.Pdf], lang: str, leading: list[int] | None = None) -> bytes:
    """One tagged PDF of the front matter and the parts, in that order (see the module text).

    `leading` gives, for each part, how many of its top-level bookmarks are sections of a chapter
    that began in a part before it: they go under that chapter's bookmark. A part may be dropped
    once its turn is over (qpdf needs the source of the copied streams, not the part's objects).
    """
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
            if name not in destinations:  # a chapter's continuation repeats its label in later parts
                destinations[name] = front.copy_foreign(dest)
        for index, label in name_tree(part.Root.PageLabels, "/Nums"):
            labels.append((index + page_offset, front.copy_foreign(label)))
        if "/Outlines" in part.Root:
            outlines = front.copy_foreign(part.Root.Outlines)
            every_bookmark += outline_items_below(outlines)
            tops = siblings(outlines)
            sections = (leading or [])[number - 1] if top_bookmarks else 0
            if sections:
                chain_under(top_bookmarks[-1], tops[:sections])
            top_bookmarks += tops[sections:]
    attach_bookmarks(front, top_bookmarks)
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
    # The streams as Typst compressed them (not decoded and compressed again); the structure tree's
    # many small objects in object streams, which makes the merged file smaller than one compile's.
    front.save(output, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none,
               object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


def attach_bookmarks(pdf: pikepdf.Pdf, items: list[PdfObject]) -> None:
    """The parts' top-level bookmarks, chained in order under the document's outline root, counted."""
    import pikepdf

    if not items:
        return
    if "/Outlines" not in pdf.Root:
        pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    chain_under(pdf.Root.Outlines, items)
    pdf.Root.Outlines.Count = visible_below(pdf.Root.Outlines)


def chain_under(parent: PdfObject, items: list[PdfObject]) -> None:
    """Bookmarks as the last children of `parent`, in order."""
    chain = siblings(parent) + items
    for before, after in pairwise(chain):
        before.Next, after.Prev = after, before
    for item in items:
        item.Parent = parent
    if "/Prev" in chain[0]:
        del chain[0].Prev
    if "/Next" in chain[-1]:
        del chain[-1].Next
    parent.First, parent.Last = chain[0], chain[-1]


def visible_below(item: PdfObject) -> int:
    """How many bookmarks below an item show while it is open, with every `/Count` below set to match:
    positive where an item was open, negative where it was closed (as Typst left it)."""
    shown = 0
    for child in siblings(item):
        below = visible_below(child)
        if below:
            child.Count = below if int(child.get("/Count", 0)) > 0 else -below
        shown += 1 + (below if int(child.get("/Count", 0)) > 0 else 0)
    return shown


def resolve_part_links(pdf: pikepdf.Pdf, destinations: dict[str, Any], headings: list[PdfObject],
                       words: tuple[str, str, str], labels: list[tuple[int, Any]]) -> None:
    """Turn every `etos-part:` link into a link to its destination, described as Typst describes one."""
    import pikepdf

    page_word, opening, closing = words
    texts = page_label_texts(labels, len(pdf.pages))
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
            annotation.Contents = pikepdf.String(f"{title}{page_word} {texts[target]}")


def page_label_texts(labels: list[tuple[int, Any]], count: int) -> list[str]:
    """The label of each of `count` pages from a document's page labels (its `/Nums`, in order): a
    decimal or a lower-case roman number."""
    texts: list[str] = []
    ranges = [*labels, (count, None)]
    for (start, style), (end, _) in pairwise(ranges):
        first = int(style.get("/St", 1))
        roman_style = style.get("/S") == "/r"
        texts += [roman(first + offset) if roman_style else str(first + offset) for offset in range(end - start)]
    return texts


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
    tables = {}  # a header cell's /Headers name other cells of its table, so only tables are walked
    for _, element in entries:
        table = element
        while table is not None and table.get("/S") != "/Table":
            table = table.get("/P")
        if table is not None:
            tables[table.objgen] = table
    for cell in (cell for table in tables.values() for cell in table_cells(table)):
        for attributes in as_list(cell.get("/A", pikepdf.Array())):
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                attributes.Headers = pikepdf.Array([pikepdf.String(renamed.get(str(h), str(h)))
                                                    for h in attributes.Headers])


def table_cells(table: PdfObject) -> Iterator[PdfObject]:
    """The header and data cells of a table's structure, not what they hold."""
    import pikepdf

    stack = as_list(table.K)
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            if element.S in ("/TH", "/TD"):
                yield element
            elif "/K" in element:
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
