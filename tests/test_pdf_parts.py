"""A long document printed in parts (pdf_parts.py) must read, navigate and tag as the same document
printed in one compile: the same pages, numbers, contents list, bookmarks, structure tree, named
destinations and links. The real Bemötande course is cut small here, so that it falls into parts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from builder.load import load_project
from builder.package import pdf_parts
from builder.package.pdf import GUIDE, HANDOUT, compile_pdf, documents, typst_compiler, typst_document
from builder.package.pdf_fetch import StagedRoot, unsafe_names
from builder.problems import Problems
from builder.render import render_course
from builder.templates import templates_folder

# Parts small enough for three or more, and no chapter longer than one (Bemötande's longest is the
# guide's answer key, 43,000 characters), so that none is cut inside and the whole and the parts match.
PART_CHARS = {HANDOUT: 25_000, GUIDE: 45_000}


def print_bemotande(repo_root: Path, kinds: tuple[str, ...], part_chars: dict[str, int] = PART_CHARS
                    ) -> dict[str, tuple[bytes, bytes, int]]:
    """Each document of Bemötande as (whole, in parts, the number of parts)."""
    project = load_project(repo_root, Problems(repo_root))
    course = next(course for course in project.courses if course.id == "bemotande")
    rendered = render_course(course, project.catalogue)
    found = {}
    with StagedRoot(rendered.media, templates_folder() / "print" / "etos.typ") as staged:
        compiler = typst_compiler(staged)

        def compile_part(source: str, inputs: dict[str, str]) -> bytes:
            assert unsafe_names(source) == []  # every part passes the gate the whole source passed
            return compile_pdf(compiler, source, inputs)

        for kind in kinds:
            text = typst_document(rendered, kind, staged).text
            cut = pdf_parts.cut_source(text, part_chars[kind])
            assert cut is not None
            parts = pdf_parts.typeset_in_parts(cut, compile_part, course.language)
            found[kind] = (compile_pdf(compiler, text), parts, len(cut.parts))
    return found


@pytest.fixture(scope="module")
def printed(repo_root: Path) -> dict[str, tuple[bytes, bytes, int]]:
    return print_bemotande(repo_root, (HANDOUT, GUIDE))


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text; a hyphen at a line break may be mapped to U+00AD in one part's font subset."""
    return [re.sub(r"\s+", " ", (page.extract_text() or "").replace("\u00ad", "-")) for page in reader(data).pages]


def bookmarks(data: bytes) -> list[tuple[int, str, int]]:
    pdf = reader(data)
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, pdf.get_destination_page_number(item)))

    walk(pdf.outline, 0)
    return found


def structure(data: bytes) -> list[tuple[int, str, int | None, str]]:
    """The structure tree depth first: (depth, role, page index, alt text); marked content and object
    references by their page."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    found: list[tuple[int, str, int | None, str]] = []

    def walk(element: object, depth: int) -> None:
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            page = element.get("/Pg")
            found.append((depth, str(element.S), pages.get(page.objgen) if page is not None else None,
                          str(element.get("/Alt", ""))))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
                walk(kid, depth + 1)
        elif isinstance(element, pikepdf.Dictionary) and element.get("/Type") in ("/OBJR", "/MCR"):
            found.append((depth, str(element.Type), pages[element.Pg.objgen], ""))

    for element in pdf.Root.StructTreeRoot.K:
        walk(element, 0)
    return found


def links(data: bytes) -> list[tuple[int, int | str]]:
    """Every link as (page index, target page index or web address)."""
    pdf = reader(data)
    found: list[tuple[int, int | str]] = []
    for index, page in enumerate(pdf.pages):
        for annotation in (a.get_object() for a in page.get("/Annots", [])):
            if "/Dest" in annotation:
                destination = annotation["/Dest"]
                target = (pdf.get_page_number(destination[0].get_object()) if isinstance(destination, list)
                          else pdf.get_destination_page_number(pdf.named_destinations[str(destination)]))
                found.append((index, target))
            else:
                found.append((index, str(annotation["/A"]["/URI"])))
    return found


@pytest.mark.parametrize("kind", [HANDOUT, GUIDE])
def test_a_document_printed_in_parts_reads_as_the_document_printed_whole(printed, kind):
    whole, parts, count = printed[kind]
    assert count >= 3
    assert page_texts(parts) == page_texts(whole)  # running heads, "Sida n" and the contents list included
    assert reader(parts).page_labels == reader(whole).page_labels
    assert bookmarks(parts) == bookmarks(whole)
    assert bookmark_counts(parts) == bookmark_counts(whole)  # which are open, and how many show


def bookmark_counts(data: bytes) -> list[int]:
    pdf = pikepdf.open(io.BytesIO(data))
    return [int(pdf.Root.Outlines.Count)] + [int(item.get("/Count", 0)) for item in pdf_parts.outline_items(pdf)]


@pytest.mark.parametrize("kind", [HANDOUT, GUIDE])
def test_the_parts_merge_into_one_structure_tree_as_the_whole_has_it(printed, kind):
    whole, parts, _ = printed[kind]
    assert structure(parts) == structure(whole)  # roles, order, pages, alt texts: headings, lists, tables, TOC


@pytest.mark.parametrize("kind", [HANDOUT, GUIDE])
def test_every_marked_page_and_link_has_its_own_entry_in_the_merged_parent_tree(printed, kind):
    pdf = pikepdf.open(io.BytesIO(printed[kind][1]))
    tree = pdf.Root.StructTreeRoot
    keys = [int(key) for key, _ in pikepdf.NumberTree(tree.ParentTree).items()]
    used = [int(page.obj.StructParents) for page in pdf.pages if "/StructParents" in page.obj]
    used += [int(annotation.StructParent) for page in pdf.pages for annotation in page.obj.get("/Annots", [])
             if "/StructParent" in annotation]
    assert len(used) == len(set(used)) == len(keys) and set(used) == set(keys)
    assert int(tree.ParentTreeNextKey) == max(keys) + 1
    for key, value in pikepdf.NumberTree(tree.ParentTree).items():
        for element in value if isinstance(value, pikepdf.Array) else [value]:
            assert element.get("/S") is not None, key  # every entry points at a structure element


def test_table_header_ids_stay_unique_and_resolvable_after_the_merge(printed):
    pdf = pikepdf.open(io.BytesIO(printed[GUIDE][1]))
    ids = [str(name) for name, _ in pdf_parts.name_tree(pdf.Root.StructTreeRoot.IDTree, "/Names")]
    assert ids and len(ids) == len(set(ids))
    referred = set()
    stack = list(pdf.Root.StructTreeRoot.K)
    while stack:  # every element of the tree, not only the tables'
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            attributes = element.get("/A", pikepdf.Array())
            for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                if isinstance(attribute, pikepdf.Dictionary):
                    referred |= {str(header) for header in attribute.get("/Headers", [])}
            kids = element.get("/K", pikepdf.Array())
            stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    assert referred and referred <= set(ids)


@pytest.mark.parametrize("kind", [HANDOUT, GUIDE])
def test_links_into_another_part_go_where_the_whole_documents_links_go(printed, kind):
    whole, parts, _ = printed[kind]
    assert links(parts) == links(whole)  # the contents list and the glossary terms included
    merged = pikepdf.open(io.BytesIO(parts))
    addresses = [str(a.A.URI) for page in merged.pages for a in page.obj.get("/Annots", []) if "/A" in a]
    assert not any(address.startswith(pdf_parts.PART_LINK) for address in addresses)
    described = [str(a.Contents) for page in merged.pages for a in page.obj.get("/Annots", []) if "/Dest" in a]
    assert all(re.search(r"sida (\d+|[ivx]+)$", text) for text in described), described[:5]


@pytest.mark.parametrize("kind", [HANDOUT, GUIDE])
def test_the_merged_document_keeps_title_language_and_its_page_count(printed, kind):
    whole, parts, _ = printed[kind]
    merged, single = pikepdf.open(io.BytesIO(parts)), pikepdf.open(io.BytesIO(whole))
    assert str(merged.Root.Lang) == "sv" and bool(merged.Root.MarkInfo.Marked)
    assert bool(merged.Root.ViewerPreferences.DisplayDocTitle)
    assert reader(parts).metadata.title == reader(whole).metadata.title
    xmp = merged.Root.Metadata.read_bytes().decode()
    assert f"<xmpTPg:NPages>{len(merged.pages)}</xmpTPg:NPages>" in xmp and "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert len(merged.pages) == len(single.pages)


def test_printing_in_parts_gives_the_same_bytes_every_time(printed, repo_root):
    assert print_bemotande(repo_root, (HANDOUT,))[HANDOUT][1] == printed[HANDOUT][1]


def test_the_merge_holds_one_part_at_a_time_besides_the_merged_document(repo_root, monkeypatch):
    """qpdf's objects of a part cost several times its bytes: each part is opened for its turn and let
    go after it (the copied streams are read from its bytes when the merged file is written)."""
    import gc

    merge = pdf_parts.merge
    alive: list[int] = []

    def watched(front, parts, lang, leading=None):
        def counted():
            for part in parts:
                gc.collect()
                alive.append(sum(isinstance(thing, pikepdf.Pdf) for thing in gc.get_objects()))
                yield part
        return merge(front, counted(), lang, leading)

    monkeypatch.setattr(pdf_parts, "merge", watched)
    whole, in_parts, count = print_bemotande(repo_root, (HANDOUT,))[HANDOUT]
    assert len(alive) == count >= 3
    assert max(alive) <= 3  # the merged document, the part before (until the loop moves on) and this one
    assert page_texts(in_parts) == page_texts(whole)


def test_the_real_courses_documents_are_short_enough_to_print_whole(repo_root):
    """Cutting a 50-page document saves little and costs bytes (every part embeds its font subsets)."""
    project = load_project(repo_root, Problems(repo_root))
    for course in project.courses:
        rendered = render_course(course, project.catalogue)
        with StagedRoot(rendered.media, templates_folder() / "print" / "etos.typ") as staged:
            for kind in documents(course):
                assert pdf_parts.cut_source(typst_document(rendered, kind, staged).text) is None, (course.id, kind)


def test_a_document_the_cut_cannot_follow_is_printed_whole():
    calls: list[str] = []

    def compile_source(source: str, inputs: dict[str, str]) -> bytes:
        calls.append(source)
        return b"%PDF whole"

    chapter = '#etos-chapter("Kapitel")\n#heading(level: 2)[#"Rubrik"] trailing text\n' + "x" * 40 + "\n"
    text = '#import "etos.typ": *\n#show: etos-document.with(title: "T")\n#etos-contents(depth: 1)\n' + chapter * 4
    assert pdf_parts.cut_source(text, 100) is not None
    with pytest.raises(pdf_parts.PartsMismatch):
        pdf_parts.stand_in('#heading(level: 2)[#"Rubrik"] trailing text')
    assert pdf_parts.typeset(compile_source, text, "sv", part_chars=100) == b"%PDF whole"
    assert calls[-1] == text


def test_cut_keeps_chapters_whole_and_every_part_repeats_the_document_settings():
    chapters = [f'#etos-chapter("K{number}")\n' + "rad\n" * 30 for number in range(10)]
    text = '#import "etos.typ": *\n#show: etos-document.with(title: "T")\n#etos-cover()\n#etos-contents(depth: 1)\n'
    cut = pdf_parts.cut_source(text + "".join(chapters), 300)
    assert cut is not None and len(cut.parts) > 2
    assert cut.preamble == ['#import "etos.typ": *', '#show: etos-document.with(title: "T")']
    assert cut.front == ["#etos-cover()", "#etos-contents(depth: 1)"]
    assert "\n".join(line for part in cut.parts for line in part) == "".join(chapters)
    assert all(part[0].startswith("#etos-chapter(") for part in cut.parts)


def test_a_heading_or_title_that_looks_like_layout_code_is_cut_and_merged_as_text(project: Path):
    """Course text that imitates the cut's own markers (a chapter call, a label, a part link) stays a
    string literal: it neither starts a part nor adds a label, and reads the same in parts as whole."""
    lesson = project / "provkurs" / "lessons" / "01-jav.md"
    hostile = '## Rubrik "] #label("ordlista") etos-part:ordlista\n\n#etos-chapter("Falskt kapitel")\n\n'
    source = lesson.read_text(encoding="utf-8")
    lesson.write_text(source.replace("## Vad säger lagen?", hostile + "## Vad säger lagen?"), encoding="utf-8")
    loaded = load_project(project, Problems(project))
    rendered = render_course(loaded.courses[0], loaded.catalogue)
    with StagedRoot(rendered.media, templates_folder() / "print" / "etos.typ") as staged:
        text = typst_document(rendered, HANDOUT, staged).text
        assert unsafe_names(text) == []
        lines = text.split("\n")
        starts = [index for index, line in enumerate(lines) if line.startswith("#etos-chapter(")]
        bounds = zip(starts, [*starts[1:], len(lines)], strict=True)
        longest = max(sum(len(line) + 1 for line in lines[a:b]) for a, b in bounds)
        cut = pdf_parts.cut_source(text, longest)  # parts of whole chapters, none cut inside
        assert cut is not None and len(cut.parts) >= 2
        assert not any(line.startswith('#etos-chapter("Falskt') for part in cut.parts for line in part)
        in_parts = [line for part in cut.parts for line in part]
        assert pdf_parts.labels_of(in_parts) == pdf_parts.labels_of(text.split("\n"))
        compiler = typst_compiler(staged)
        parts = pdf_parts.typeset_in_parts(cut, lambda source, inputs: compile_pdf(compiler, source, inputs), "sv")
        whole = compile_pdf(compiler, text)
    assert page_texts(parts) == page_texts(whole)
    assert links(parts) == links(whole) and bookmarks(parts) == bookmarks(whole)
    assert 'Rubrik "] #label("ordlista") etos-part:ordlista' in " ".join(page_texts(parts))


def test_a_chapter_longer_than_a_part_goes_on_in_the_next_on_a_new_page_under_its_running_head(repo_root):
    """The guide's answer key cut before its final-test section: the same text in the same order, the
    same bookmarks and tags but for one quiet level-1 heading, "Facit (fortsättning)", on a new page."""
    whole, parts, _ = print_bemotande(repo_root, (GUIDE,), {GUIDE: 25_000})[GUIDE]

    def body_text(data: bytes) -> str:
        labels = reader(data).page_labels
        pages = [text for text, label in zip(page_texts(data), labels, strict=True) if label.isdigit()]
        body = " ".join(re.sub(r"^Bemötande · Handledarmaterial \S+( · Endast för handledaren)?|Sida \d+ *$", "",
                               text.replace("FACIT (FORTSÄTTNING)", "")) for text in pages)
        return re.sub(r"\s+", " ", re.sub(r"^.*?(?=Syfte och lärandemål Syftet)", "", body))

    assert body_text(parts) == body_text(whole)
    texts = page_texts(parts)
    continued = [index for index, text in enumerate(texts) if "FACIT (FORTSÄTTNING)" in text]
    assert len(continued) == 1 and len(texts) == len(page_texts(whole)) + 1
    answer_key = [text for text in texts if "Facit" in text.split("Sida")[0][:80]]
    assert all("Facit · Endast för handledaren" in text for text in answer_key[1:])
    assert [(depth, title) for depth, title, _ in bookmarks(parts)] == [(d, t) for d, t, _ in bookmarks(whole)]
    roles_whole = [role for _, role, _, _ in structure(whole) if role.startswith("/")]
    roles_parts = [role for _, role, _, _ in structure(parts) if role.startswith("/")]
    assert roles_parts.count("/H1") == roles_whole.count("/H1") + 1
    assert [r for r in roles_parts if r != "/H1"] == [r for r in roles_whole if r != "/H1"]


def test_the_cuts_own_labels_can_never_be_a_course_anchor():
    """Anchors are slugs (`names.slugify`: a-z, 0-9 and hyphens); the stand-ins' labels and a chapter's
    continuation label carry a colon, so that no lesson heading can be taken for either."""
    from builder.names import slugify

    layout = (templates_folder() / "print" / "etos.typ").read_text(encoding="utf-8")
    continued = re.search(r'#let continued = "([^"]+)"', layout)
    assert continued is not None
    for own in (pdf_parts.ENTRY + "3", "facit" + continued.group(1)):
        assert re.fullmatch(r"[a-z0-9-]+", own) is None
        assert slugify(own) != own
