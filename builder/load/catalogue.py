"""The catalogue (`courses/katalog.yaml`) and the shared glossary (`courses/ordlista.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.load.common import CATALOGUE_FILE, COURSE_FILE, GLOSSARY_FILE, is_inside, read_yaml_file
from builder.model import Catalogue, Glossary, GlossaryTerm, SourceRef, Text
from builder.names import slugify
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_each, read_source


@dataclass(kw_only=True)
class CatalogueFile(SourceMapping):
    """`courses/katalog.yaml`: who publishes the courses, and which course folders there are."""

    publisher: str = key("utgivare", required=True)
    origin: str = key("ursprung", default="")
    contact: str = key("kontakt", default="")
    licence: str = key("licens", default="")
    course_folders: list[str] = key("kurser", required=True)
    schema_folder: str = key("scheman", default="")


@dataclass(kw_only=True)
class GlossaryFile(SourceMapping):
    """`courses/ordlista.yaml`: the list of terms."""

    terms: list[object] = key("termer", required=True)


@dataclass(kw_only=True)
class TermSource(SourceMapping):
    """One term of the glossary."""

    term: str = key("term", required=True)
    definition: Text = key("definition", required=True)
    legal_reference: str = key("lagrum", default="")
    other_forms: list[str] = key("andra_former", default=[])


def load_catalogue(root: Path, problems: Problems) -> Catalogue:
    """Read courses/katalog.yaml and the shared glossary."""
    path = root / CATALOGUE_FILE
    source = SourceRef(path, 1)
    empty = Catalogue(root, "", "", "", [], None, Glossary([]), source)
    if not path.exists():
        problems.error("catalogue-missing", path)
        return empty
    data = read_yaml_file(path, problems)
    if data is None:
        return empty
    catalogue = read_source(CatalogueFile, data, path, problems, 1, where="katalog.yaml")
    if catalogue is None:
        return empty
    schema_folder = (root / catalogue.schema_folder).resolve() if catalogue.schema_folder else None
    folders = []
    for folder, line in zip(catalogue.course_folders, catalogue.item_lines("course_folders"), strict=False):
        if not course_folder_inside(root, folder):
            problems.error("course-folder-outside", path, line, folder=folder)
        elif not (root / folder / COURSE_FILE).exists():
            problems.error("course-folder-missing", path, line, folder=folder)
        else:
            folders.append(folder)
    return Catalogue(
        root=root,
        publisher=catalogue.publisher,
        origin=catalogue.origin,
        contact=catalogue.contact,
        licence=catalogue.licence,
        course_folders=folders,
        schema_folder=schema_folder,
        glossary=load_glossary(root / GLOSSARY_FILE, problems),
        source=source,
    )


def course_folder_inside(root: Path, folder: str) -> bool:
    """A catalogue's course folder is a folder below the project root: no absolute path, no `..`,
    no symlink out, and not the root itself (which holds courses/ and dist/)."""
    if not folder or Path(folder).is_absolute() or re.match(r"^[A-Za-z]:|^[\\/]", folder):
        return False
    if ".." in re.split(r"[\\/]", folder):
        return False
    return is_inside(root / folder, root) and (root / folder).resolve() != root.resolve()


def load_glossary(path: Path, problems: Problems) -> Glossary:
    """Read Värdegrundens ABC; terms and their inflected forms must be unique."""
    if not path.exists():
        return Glossary([])
    data = read_yaml_file(path, problems)
    glossary = read_source(GlossaryFile, data, path, problems, 1, where="ordlista.yaml") if data is not None else None
    if glossary is None:
        return Glossary([])
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    for _line, entry in read_each(TermSource, glossary.terms, path, problems, 0, where="term"):
        if not entry.term:
            continue
        source = SourceRef(path, entry.line)
        for word in [entry.term, *entry.other_forms]:
            folded = word.casefold()
            if folded in seen:
                problems.error("duplicate-term", path, source.line, term=word, other_line=seen[folded])
            seen[folded] = source.line
        terms.append(GlossaryTerm(
            id="term-" + slugify(entry.term),
            term=entry.term,
            definition=entry.definition,
            legal_reference=entry.legal_reference,
            other_forms=entry.other_forms,
            source=source,
        ))
    return Glossary(terms)
