"""The build: load everything, render each course once, let every writer package it, then move the
results into place. Nothing reaches the output folder unless the whole build succeeded."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from builder.load import load_project
from builder.model import Project
from builder.package.zipwriter import Scorm12Package, Scorm2004Package, WebPackage
from builder.problems import Problems, SourceErrors
from builder.render import render_course

WRITERS: dict[str, Callable] = {
    "scorm12": Scorm12Package,
    "scorm2004": Scorm2004Package,
    "web": WebPackage,
}
DEFAULT_FORMATS = ("scorm12", "scorm2004", "web")


def available_formats() -> list[str]:
    """Formats `--format` accepts; pdf joins when its writer is importable."""
    register_optional_writers()
    return list(WRITERS)


def register_optional_writers() -> None:
    """Writers with heavy dependencies (WeasyPrint) register themselves only when asked for."""
    if "pdf" in WRITERS:
        return
    try:
        from builder.package.pdf import PdfWriter
    except ImportError:
        return
    WRITERS["pdf"] = PdfWriter


@dataclass
class BuildResult:
    project: Project
    written: list[Path] = field(default_factory=list)
    problems: Problems | None = None


def resolve_schema_folder(project: Project, override: Path | None, problems: Problems) -> Path | None:
    """`--schemas` wins over the catalogue's `scheman:`; a named folder that is missing is an error."""
    folder = override or project.catalogue.schema_folder
    if folder is None:
        return None
    if not folder.is_dir():
        if override is None:
            # The catalogue's folder may simply not exist on this machine: build without schemas.
            problems.warning("schemas-missing", project.catalogue.source.path, 0, folder=str(folder))
            return None
        problems.error("schemas-missing", None, 0, folder=str(folder))
        raise SourceErrors(problems)
    return folder.resolve()


def build(
    root: Path,
    out: Path,
    courses: list[str] | None = None,
    formats: list[str] | None = None,
    schema_folder: Path | None = None,
    strict: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """Build the named courses (default all) in the named formats (default all but pdf) into out."""
    problems = Problems(root)
    project = load_project(root, problems, only=courses)
    if strict and problems.warnings:
        raise SourceErrors(problems)
    schemas = resolve_schema_folder(project, schema_folder, problems)
    wanted = list(formats or available_default_formats())
    register_optional_writers()
    writers = [WRITERS[name](schemas) for name in wanted]

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".etos-", dir=out))
    result = BuildResult(project, problems=problems)
    try:
        produced: list[tuple[Path, Path]] = []
        for course in project.courses:
            rendered = render_course(course, project.catalogue)
            for writer in writers:
                for path in writer.write(rendered, staging / course.id):
                    produced.append((path, out / course.id / path.name))
                    progress(f"{course.id}: {path.name}")
        for temporary, final in produced:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, final)
            result.written.append(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def available_default_formats() -> tuple[str, ...]:
    """All formats, pdf included when WeasyPrint is installed."""
    register_optional_writers()
    return DEFAULT_FORMATS + (("pdf",) if "pdf" in WRITERS else ())
