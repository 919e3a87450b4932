"""The catalogue (`courses/katalog.yaml`) and the shared glossary (`courses/ordlista.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.load.common import CATALOGUE_FILE, COURSE_FILE, GLOSSARY_FILE, is_inside, read_yaml_file
from builder.media import MediaCollector
from builder.model import Catalogue, Glossary, GlossaryTerm, SourceRef, Text, Theme
from builder.names import slugify
from builder.package.layout import media_target
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_each, read_source
from builder.theme import ACCENT_USES, PRIMARY_USES, check_colour

# What a logo may be: the images every browser shows and the PDF engine reads.
LOGO_EXTENSIONS = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(kw_only=True)
class AppearanceSource(SourceMapping):
    """`utseende:` in the catalogue: the agency's colours and logo, for every course's player."""

    primary: str = key("färg", default="")
    accent: str = key("accentfärg", default="")
    logo: str = key("logotyp", default="")


@dataclass(kw_only=True)
class CatalogueFile(SourceMapping):
    """`courses/katalog.yaml`: who publishes the courses, and which course folders there are."""

    publisher: str = key("utgivare", required=True)
    origin: str = key("ursprung", default="")
    contact: str = key("kontakt", default="")
    licence: str = key("licens", default="")
    course_folders: list[str] = key("kurser", required=True)
    schema_folder: str = key("scheman", default="")
    appearance: AppearanceSource | None = key("utseende", default=None)


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
        theme=load_theme(catalogue.appearance, root, path, problems) if catalogue.appearance else None,
    )


def load_theme(appearance: AppearanceSource, root: Path, path: Path, problems: Problems) -> Theme:
    """The checked colours and logo of `utseende:`; what fails is recorded and left out."""
    colours = {}
    for attribute, uses in (("primary", PRIMARY_USES), ("accent", ACCENT_USES)):
        word, line = appearance.key_of(attribute), appearance.line_of(attribute)
        if appearance.given(attribute) and appearance.found(attribute) is None:
            problems.error("theme-colour-unquoted", path, line, key=word)
        value = getattr(appearance, attribute)
        colours[attribute] = check_colour(value, uses, word, path, line, problems) if value else ""
    logo, target = load_logo(appearance.logo, root, path, appearance.line_of("logo"), problems)
    return Theme(colours["primary"], colours["accent"], logo, target, SourceRef(path, appearance.line))


def load_logo(reference: str, root: Path, path: Path, line: int, problems: Problems) -> tuple[Path | None, str]:
    """The logo file, written relative to courses/ (`media/logotyp.svg`), checked like every medium,
    and its place among the shared media of every package; (None, "") if there is none or it fails."""
    if not reference:
        return None, ""
    if not reference.lower().endswith(LOGO_EXTENSIONS):
        problems.error("theme-logo-kind", path, line, target=reference, known=", ".join(LOGO_EXTENSIONS))
        return None, ""
    shared = root / CATALOGUE_FILE.parent
    media = MediaCollector(shared, root, problems)
    candidate = media.resolve(reference)
    if candidate is not None and not (candidate.exists() or candidate.is_symlink()):
        # Said here rather than as media-missing: the path starts in courses/, not in a course folder.
        problems.error("theme-logo-missing", path, line, target=reference)
        return None, ""
    media.add(reference, path, line)
    found = media.by_reference.get(reference)
    if found is None:
        return None, ""
    return found.source_path, media_target(found.source_path.relative_to(shared.resolve()), shared=True)


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
