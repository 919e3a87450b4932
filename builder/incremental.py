"""No-op rebuilds: skip a course whose outputs are already what a clean build would write.

A clean build stays the reference. For each course, a stamp in `dist/.etos/<course-id>.json`
(outside the course's own folder, which holds only what can be published) records:

- every file the build read for the course, with its hash: what the loader and the renderer read
  through `regular_files.read_regular_file` (sources, guide chapters, media, hidden folders too;
  see sources_read.py), plus the catalogue and the glossary, which count even when absent;
- the listing of the course folder: the names of all its files, hidden ones included. A file added
  or removed anywhere in it builds the course again, since a new guide chapter is printed, a new
  unlisted lesson is a warning (fatal under --strict) and a new medium may take the place of a
  shared one. A file that nothing reads may change its bytes freely;
- how it built: the schema files, the strict flag, SOURCE_DATE_EPOCH, the versions of Python and of
  the libraries that shape the bytes, and hashes of the templates and of the builder's own code;
- per format, the hash of every output.

A later build skips the course only if all of that still holds for the formats it is asked for.
When it builds a course, the outputs of formats it was not asked for stay only if their stamp still
holds (same sources, same settings, bytes intact); otherwise they are removed, so a course folder
never holds a fresh package beside a stale one.

When every selected course is current, `current_stamps` says so from hashes alone, without loading
anything: the catalogue is not even parsed while its bytes are those a stamp recorded, and the
builder's own folders are hashed again only when a file in them changed (`RememberedHashes`). When
one is not, the build loads and validates every selected course as usual, so a changed source is
never let through unchecked, and only the stale courses are rendered and written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import builder
from builder.regular_files import read_unrecorded
from builder.schema_folder import choose_schema_folder
from builder.sources_read import CHANGED_WHILE_BUILDING
from builder.templates import templates_folder

STAMP_FOLDER = ".etos"
STAMP_FORMAT = 3
CATALOGUE_FILE = "courses/katalog.yaml"
GLOSSARY_FILE = "courses/ordlista.yaml"
MISSING = "missing"
# The distributions whose code decides the bytes of an output: YAML parsing, Markdown, templates,
# the HTML sanitizer, XML and SVG handling, and the PDF engine.
LIBRARIES = ("PyYAML", "Markdown", "Jinja2", "nh3", "lxml", "typst", "pikepdf")


@dataclass(frozen=True)
class CatalogueSettings:
    """What the no-op check needs of the catalogue: its course folders and `scheman:`, with the hash
    of the bytes they were read from, so that a stamp can answer for a catalogue that is unchanged."""

    digest: str
    folders: list[str]
    schemas: str


@dataclass(frozen=True)
class Stamp:
    """What one course's outputs were built from, and the outputs themselves, all by hash."""

    course_id: str
    folder: str  # the course folder, relative to the project root
    settings: str
    inputs: dict[str, str]  # source path relative to the root → hash
    listing: str  # hash of the names of every file in the course folder
    outputs: dict[str, dict[str, str]]  # format → output file name → hash
    catalogue: CatalogueSettings | None = None  # as read when the course was built, None if unreadable

    def to_json(self) -> str:
        catalogue = self.catalogue
        return json.dumps({
            "stamp": STAMP_FORMAT,
            "course": self.course_id,
            "folder": self.folder,
            "settings": self.settings,
            "inputs": self.inputs,
            "listing": self.listing,
            "outputs": self.outputs,
            "catalogue": None if catalogue is None else
            {"hash": catalogue.digest, "courses": catalogue.folders, "schemas": catalogue.schemas},
        }, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def read(cls, path: Path) -> Stamp | None:
        """A stamp file, or None if it is missing, damaged or from another stamp format."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("stamp") != STAMP_FORMAT:
                return None
            outputs = {str(kind): {str(k): str(v) for k, v in files.items()} for kind, files in data["outputs"].items()}
            read = data["catalogue"]
            catalogue = None if read is None else CatalogueSettings(
                str(read["hash"]), [str(folder) for folder in read["courses"]], str(read["schemas"]))
            return cls(str(data["course"]), str(data["folder"]), str(data["settings"]),
                       dict(data["inputs"]), str(data["listing"]), outputs, catalogue)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def output_names(self, formats: list[str] | None = None) -> list[str]:
        """The output files of the named formats (default all), in the order the formats are named."""
        kinds = formats if formats is not None else sorted(self.outputs)
        return [name for kind in kinds for name in sorted(self.outputs.get(kind, {}))]


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(read_unrecorded(path)).hexdigest()
    except OSError:  # gone, unreadable, a folder or a FIFO: whatever it is, it is not what was built from
        return MISSING


def files_below(folder: Path) -> list[tuple[str, Path]]:
    """Every file below folder (byte code caches left out), by relative name, in name order."""
    found = []
    for base, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        relative_base = Path(base).relative_to(folder)
        found += [((relative_base / name).as_posix(), Path(base, name)) for name in files]
    return sorted(found)


def folder_hash(folder: Path) -> str:
    """One hash over the names and contents of every file below folder."""
    digest = hashlib.sha256()
    for name, path in files_below(folder) if folder.is_dir() else []:
        digest.update(name.encode() + b"\0")
        digest.update(file_hash(path).encode() + b"\0")
    return digest.hexdigest()


class RememberedHashes:
    """The content hashes of the builder's own folders (its code, the templates, the schemas), kept in
    `dist/.etos/folders.hashes` with each folder's signature: the name, size and modification time of
    every file in it.

    A no-op build then reads those folders' listings, not their bytes. The hash stays a hash of
    contents (a folder copied elsewhere, or a file touched, still gives the same settings), and a
    signature that differs in any file means the folder is read and hashed again. Python decides from
    less whether its own byte code is current (size and whole seconds), so code changed without
    changing any signature would not even run. A signature with a file modified in the last
    `SETTLING_SECONDS` is not kept: a second change within the file system's clock tick could
    otherwise leave the signature as it was.
    """

    FILE = "folders.hashes"  # not .json: no course id can clash with it
    SETTLING_SECONDS = 2

    def __init__(self, out: Path) -> None:
        self.path = out / STAMP_FOLDER / self.FILE
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.known: dict[str, list[str]] = {str(k): [str(v[0]), str(v[1])] for k, v in data.items()}
        except (OSError, ValueError, TypeError, AttributeError, IndexError, KeyError):
            self.known = {}
        self.seen: dict[str, list[str]] = {}

    def folder_hash(self, folder: Path) -> str:
        key = str(folder.resolve())
        files = files_below(folder) if folder.is_dir() else []
        signature, newest = hashlib.sha256(), 0
        for name, path in files:
            try:
                info = path.stat()
            except OSError:
                return folder_hash(folder)
            newest = max(newest, info.st_mtime_ns)
            signature.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        mark = signature.hexdigest()
        remembered = self.known.get(key)
        digest = remembered[1] if remembered and remembered[0] == mark else folder_hash(folder)
        if newest < time.time_ns() - self.SETTLING_SECONDS * 1_000_000_000:
            self.seen[key] = [mark, digest]
        return digest

    def save(self) -> None:
        """Write what was seen, if it differs from what was read; a folder that cannot take it is no error."""
        if self.seen == self.known:
            return
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")  # two builds at once write apart
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self.seen, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def listing_hash(folder: Path) -> str:
    """One hash over the relative names of every file and folder below folder, hidden ones included."""
    names = []
    for base, folders, files in os.walk(folder):
        folders.sort()
        relative_base = Path(base).relative_to(folder)
        names += [(relative_base / name).as_posix() + "/" for name in folders]
        names += [(relative_base / name).as_posix() for name in files]
    return hashlib.sha256("\0".join(sorted(names)).encode()).hexdigest()


def normalised(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def library_versions() -> dict[str, str]:
    """The installed version of each of LIBRARIES, from the names of their metadata folders.

    importlib.metadata would say the same, but importing it costs more than a whole no-op build.
    """
    wanted = {normalised(name): name for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            stem, _, kind = name.rpartition(".")
            if kind not in ("dist-info", "egg-info"):
                continue
            project, _, version = stem.partition("-")
            library = wanted.get(normalised(project))
            if library is not None and library not in found:
                found[library] = version.split("-")[0]
    return {name: found.get(name, MISSING) for name in LIBRARIES}


def settings_hash(schema_folder: Path | None, strict: bool, hashes: RememberedHashes | None = None) -> str:
    """Everything besides the sources and the formats that decides the bytes of the outputs."""
    folder_hash_ = hashes.folder_hash if hashes is not None else folder_hash
    parts = {
        "version": builder.__version__,
        "python": sys.version,
        "libraries": library_versions(),
        "builder": folder_hash_(Path(builder.__file__).parent),
        "templates": folder_hash_(templates_folder()),
        "schemas": [str(schema_folder), folder_hash_(schema_folder)] if schema_folder else None,
        "strict": strict,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def relative(path: Path, root: Path) -> str:
    return relative_to_resolved(path.resolve(), root.resolve())


def relative_to_resolved(path: Path, root: Path) -> str:
    """`relative` for paths resolved already, such as the ones a build read (sources_read): resolving
    a 300-lesson course's 600 files again took a twentieth of its build."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_below(path: Path, folder: Path) -> bool:
    return folder == path or folder in path.parents


def inputs_by_course(reads: dict[Path, str | None], courses: dict[str, tuple[Path, list[Path]]],
                     schema_folder: Path | None) -> dict[str, dict[Path, str | None]]:
    """Which course each file the build read belongs to; courses maps id → (folder, media sources).

    A file below a course folder is that course's; a medium outside every course folder (the shared
    courses/media/) belongs to the courses that use it; anything else read (the catalogue, the
    glossary) belongs to every course. Templates, the builder's code and the schema files are in the
    settings hash whole, and left out here.
    """
    settled = [folder.resolve() for folder in (templates_folder(), Path(builder.__file__).parent, schema_folder)
               if folder is not None]
    reads = {path: digest for path, digest in reads.items() if not any(is_below(path, f) for f in settled)}
    folders = {course_id: folder.resolve() for course_id, (folder, _) in courses.items()}
    users: dict[Path, set[str]] = {}
    for course_id, (_, media) in courses.items():
        for source in media:
            users.setdefault(source.resolve(), set()).add(course_id)
    result: dict[str, dict[Path, str | None]] = {course_id: {} for course_id in courses}
    for path, digest in reads.items():
        owner = next((course_id for course_id, folder in folders.items() if is_below(path, folder)), None)
        for course_id in [owner] if owner else sorted(users.get(path, set(courses))):
            result[course_id][path] = digest
    return result


def input_hashes(root: Path, paths: list[str]) -> dict[str, str]:
    """The hash of each named input now, the catalogue and the glossary always among them."""
    return {name: file_hash(root / name) for name in sorted({CATALOGUE_FILE, GLOSSARY_FILE, *paths})}


def stamp_for(course_id: str, course_folder: Path, root: Path, settings: str, reads: dict[Path, str | None],
              outputs: dict[str, list[Path]], kept: Stamp | None = None) -> Stamp:
    """The stamp of a course just built from reads (resolved paths, as sources_read records them), with
    the outputs of kept's formats carried over.

    A file whose bytes now differ from those the build read is recorded as changed, so that the next
    build reads it again rather than vouch for outputs made from the older bytes.
    """
    base = root.resolve()
    by_name = {relative_to_resolved(path, base): digest for path, digest in reads.items()}
    inputs = input_hashes(root, list(by_name))
    for name, now in inputs.items():
        read = by_name.get(name)
        if read is not None and read != now:
            inputs[name] = CHANGED_WHILE_BUILDING
    files = {kind: {path.name: file_hash(path) for path in paths} for kind, paths in outputs.items()}
    if kept is not None:
        inputs = {**kept.inputs, **inputs}
        files = {**{kind: dict(names) for kind, names in kept.outputs.items() if kind not in outputs}, **files}
    return Stamp(course_id, relative(course_folder, root), settings, inputs, listing_hash(course_folder), files,
                 catalogue_settings(root))


def sources_unchanged(stamp: Stamp, root: Path, settings: str) -> bool:
    """A build now would read the same bytes, list the same files and build the same way."""
    return (stamp.settings == settings
            and listing_hash(root / stamp.folder) == stamp.listing
            and input_hashes(root, list(stamp.inputs)) == stamp.inputs)


def outputs_intact(stamp: Stamp, course_out: Path) -> bool:
    return all(file_hash(course_out / name) == expected
               for files in stamp.outputs.values() for name, expected in files.items())


def is_current(stamp: Stamp, root: Path, course_out: Path, settings: str, formats: list[str]) -> bool:
    """True when every asked-for format is built, from what a build now would read, and intact."""
    if not formats or not all(stamp.outputs.get(kind) for kind in formats):
        return False
    return outputs_intact(stamp, course_out) and sources_unchanged(stamp, root, settings)


def still_valid(stamp: Stamp | None, root: Path, course_out: Path, settings: str, formats: list[str]) -> Stamp | None:
    """The part of an old stamp that may stay beside a new build of formats: None if nothing may.

    The outputs of other formats stay only if their sources and settings are unchanged and their
    bytes intact; then they are as fresh as what this build writes.
    """
    if stamp is None or not any(kind not in formats for kind in stamp.outputs):
        return None
    if not (outputs_intact(stamp, course_out) and sources_unchanged(stamp, root, settings)):
        return None
    return stamp


def stamp_path(out: Path, course_id: str) -> Path:
    return out / STAMP_FOLDER / f"{course_id}.json"


def read_stamps(out: Path) -> list[tuple[Path, Stamp]]:
    """Every readable stamp of the output folder, with the folder of its course's outputs."""
    found = []
    for path in sorted((out / STAMP_FOLDER).glob("*.json")):
        stamp = Stamp.read(path)
        if stamp is not None and path.stem == stamp.course_id:
            found.append((out / stamp.course_id, stamp))
    return found


def catalogue_settings(root: Path, known: list[CatalogueSettings] | None = None) -> CatalogueSettings | None:
    """The course folders and the `scheman:` entry of the catalogue, read without checks.

    Taken from known (what stamps recorded) while the catalogue's bytes are the ones recorded there,
    so that a no-op build does not even import the YAML parser. None when the catalogue is not
    plainly readable: then the full load reports what is wrong.
    """
    try:
        data = read_unrecorded(root / CATALOGUE_FILE)
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()
    recorded = next((settings for settings in known or [] if settings.digest == digest), None)
    if recorded is not None:
        return recorded
    import yaml  # only here, for a catalogue no stamp has seen: loading it costs more than the no-op itself

    try:
        parsed = yaml.safe_load(data.decode("utf-8"))
    except (ValueError, yaml.YAMLError):
        return None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("kurser"), list):
        return None
    folders = parsed["kurser"]
    if not all(isinstance(folder, str) for folder in folders):
        return None
    schemas = parsed.get("scheman") or ""
    return CatalogueSettings(digest, folders, schemas if isinstance(schemas, str) else "")


def effective_schema_folder(root: Path, override: Path | None, catalogue_entry: str) -> Path | bool | None:
    """The schema folder a build would use (see schema_folder.py); False if that is an error."""
    choice = choose_schema_folder(override, (root / catalogue_entry).resolve() if catalogue_entry else None)
    return False if choice.missing_is_error else choice.folder


def current_stamps(root: Path, out: Path, only: list[str] | None, formats: list[str],
                   schema_override: Path | None, strict: bool) -> list[tuple[Path, Stamp]] | None:
    """The stamps of the selected courses if every one of them is current, else None.

    Reads hashes only: no YAML beyond the catalogue, no Markdown, no templates rendered.
    """
    stamps = read_stamps(out)
    catalogue = catalogue_settings(root, [stamp.catalogue for _, stamp in stamps if stamp.catalogue is not None])
    if catalogue is None:
        return None
    folders, schema_entry = catalogue.folders, catalogue.schemas
    if only:
        wanted = []
        for name in only:
            folder = name if name in folders else name.replace("-", "_")
            if folder not in folders:
                return None  # the full load says which course is unknown
            wanted.append(folder)
        folders = list(dict.fromkeys(wanted))
    schemas = effective_schema_folder(root, schema_override, schema_entry)
    if schemas is False or not folders:
        return None
    hashes = RememberedHashes(out)
    settings = settings_hash(schemas if isinstance(schemas, Path) else None, strict, hashes)
    current = []
    for folder in folders:
        name = relative(root / folder, root)
        found = next((found for found in stamps
                      if found[1].folder == name and is_current(found[1], root, found[0], settings, formats)), None)
        if found is None:
            return None
        current.append(found)
    hashes.save()  # only beside stamps that hold: a folder a build would refuse gets nothing written
    return current
