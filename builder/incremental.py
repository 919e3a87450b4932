"""No-op rebuilds: skip a course whose outputs are already what a clean build would write.

A clean build stays the reference. For each course, a stamp in `dist/.etos/<course-id>.json`
(outside the course's own folder, which holds only what can be published) records what that build read — the hash of every file in the course folder, of the catalogue, the
glossary and the shared media the course used — and how it built: the formats, the schema files, the
strict flag, SOURCE_DATE_EPOCH, and hashes of the templates and of the builder's own code. It also
records the hash of every output. A later build skips the course only if all of that still holds;
one changed, added or removed file, or one missing or altered output, and the course builds again.

When every selected course is current, `current_stamps` says so from hashes alone, without loading
anything. When one is not, the build loads and validates every selected course as usual, so a changed
source is never let through unchecked, and only the stale courses are rendered and written.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

import builder
from builder.regular_files import read_regular_file
from builder.templates import templates_folder

STAMP_FOLDER = ".etos"
STAMP_FORMAT = 1
CATALOGUE_FILE = "courses/katalog.yaml"
GLOSSARY_FILE = "courses/ordlista.yaml"
MISSING = "missing"


@dataclass(frozen=True)
class Stamp:
    """What one course's outputs were built from, and the outputs themselves, all by hash."""

    course_id: str
    folder: str  # the course folder, relative to the project root
    settings: str
    inputs: dict[str, str]  # source path relative to the root → hash
    outputs: dict[str, str]  # output file name → hash

    def to_json(self) -> str:
        return json.dumps({
            "stamp": STAMP_FORMAT,
            "course": self.course_id,
            "folder": self.folder,
            "settings": self.settings,
            "inputs": self.inputs,
            "outputs": self.outputs,
        }, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def read(cls, path: Path) -> Stamp | None:
        """A stamp file, or None if it is missing, damaged or from another stamp format."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("stamp") != STAMP_FORMAT:
                return None
            return cls(str(data["course"]), str(data["folder"]), str(data["settings"]),
                       dict(data["inputs"]), dict(data["outputs"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except OSError:  # gone, unreadable, a folder or a FIFO: whatever it is, it is not what was built from
        return MISSING


def folder_hash(folder: Path) -> str:
    """One hash over the names and contents of every file below folder."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(file_hash(path).encode() + b"\0")
    return digest.hexdigest()


def settings_hash(formats: list[str], schema_folder: Path | None, strict: bool) -> str:
    """Everything besides the sources that decides the bytes of the outputs."""
    parts = {
        "version": builder.__version__,
        "builder": folder_hash(Path(builder.__file__).parent),
        "templates": folder_hash(templates_folder()),
        "formats": list(formats),
        "schemas": [str(schema_folder), folder_hash(schema_folder)] if schema_folder else None,
        "strict": strict,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def course_files(course_folder: Path) -> list[Path]:
    """Every file of a course folder, hidden files and folders left out."""
    return sorted(p for p in course_folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(course_folder).parts))


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def input_hashes(root: Path, course_folder: Path, shared: list[str]) -> dict[str, str]:
    """The hash of every file the course folder holds, plus the project files named in shared."""
    hashes = {relative(path, root): file_hash(path) for path in course_files(course_folder)}
    for name in [CATALOGUE_FILE, GLOSSARY_FILE, *shared]:
        hashes[name] = file_hash(root / name)
    return hashes


def shared_inputs(stamp_inputs: dict[str, str], folder: str) -> list[str]:
    """The recorded inputs from outside the course folder: catalogue, glossary, shared media."""
    return [name for name in stamp_inputs if not name.startswith(folder.rstrip("/") + "/")]


def stamp_for(course_id: str, course_folder: Path, root: Path, settings: str, shared_media: list[Path],
              outputs: list[Path]) -> Stamp:
    """The stamp of a course just built; shared_media are the files it used from courses/media/."""
    folder = relative(course_folder, root)
    inputs = input_hashes(root, course_folder, [relative(path, root) for path in shared_media])
    return Stamp(course_id, folder, settings, inputs, {path.name: file_hash(path) for path in outputs})


def is_current(stamp: Stamp, root: Path, course_out: Path, settings: str) -> bool:
    """True when a build now would read the same bytes, build the same way, and find its outputs intact."""
    if stamp.settings != settings or not stamp.outputs:
        return False
    for name, expected in stamp.outputs.items():
        if file_hash(course_out / name) != expected:
            return False
    shared = shared_inputs(stamp.inputs, stamp.folder)
    return input_hashes(root, root / stamp.folder, shared) == stamp.inputs


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


def catalogue_settings(root: Path) -> tuple[list[str], str] | None:
    """The course folders and the `scheman:` entry of the catalogue, read without checks.

    None when the catalogue is not plainly readable: then the full load reports what is wrong.
    """
    try:
        data = yaml.safe_load(read_regular_file(root / CATALOGUE_FILE).decode("utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("kurser"), list):
        return None
    folders = data["kurser"]
    if not all(isinstance(folder, str) for folder in folders):
        return None
    schemas = data.get("scheman") or ""
    return folders, schemas if isinstance(schemas, str) else ""


def effective_schema_folder(root: Path, override: Path | None, catalogue_entry: str) -> Path | None | bool:
    """The schema folder a build would use, as `resolve_schema_folder` decides it; False if that is an error."""
    if override is not None:
        return override.resolve() if override.is_dir() else False
    if not catalogue_entry:
        return None
    folder = (root / catalogue_entry).resolve()
    return folder if folder.is_dir() else None


def current_stamps(root: Path, out: Path, only: list[str] | None, formats: list[str],
                   schema_override: Path | None, strict: bool) -> list[tuple[Path, Stamp]] | None:
    """The stamps of the selected courses if every one of them is current, else None.

    Reads hashes only: no YAML beyond the catalogue, no Markdown, no templates rendered.
    """
    catalogue = catalogue_settings(root)
    if catalogue is None:
        return None
    folders, schema_entry = catalogue
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
    settings = settings_hash(formats, schemas, strict)
    stamps = read_stamps(out)
    current = []
    for folder in folders:
        name = relative(root / folder, root)
        found = next((found for found in stamps
                      if found[1].folder == name and is_current(found[1], root, found[0], settings)), None)
        if found is None:
            return None
        current.append(found)
    return current
