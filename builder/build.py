"""The build: load everything, render each course once, let every writer package it, then move the
results into place. Nothing reaches the output folder unless the whole build succeeded.

Outputs are written into a staging folder inside the output folder (`.etos-*`, same file system) and
each course's folder is then swapped in whole (see `Staging.publish`): a reader of `dist/<course>/`
sees all of the old outputs or all of the new, never a mix. A build that is killed leaves its staging
folder behind, and the next build removes it (restoring a course folder caught between its two
renames); a staging folder whose build still runs is locked, and left alone.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder import incremental
from builder.schema_folder import choose_schema_folder
from builder.sources_read import recording

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: staging folders are told stale by their age
    fcntl = None  # type: ignore[assignment]  # the module, or None where it does not exist

if TYPE_CHECKING:
    from builder.model import Project
    from builder.problems import Problems
    from builder.render import RenderedCourse

DEFAULT_FORMATS = ("scorm12", "scorm2004", "web")


def writer_class(name: str) -> Callable[[Path | None], Any]:
    """The writer of a format, imported only when a build writes something: a no-op build needs none.

    The writers share no base class yet (zip writers are mixins, the PDF writer stands alone), hence Any.
    """
    if name == "pdf":
        from builder.package.pdf import (
            PdfWriter,  # the Typst binding is loaded only when a PDF is written
        )

        return PdfWriter
    from builder.package.zipwriter import Scorm12Package, Scorm2004Package, WebPackage

    return {"scorm12": Scorm12Package, "scorm2004": Scorm2004Package, "web": WebPackage}[name]


def pdf_available() -> bool:
    """The Typst binding is installed; asked without importing it, so that a no-op build stays fast."""
    return importlib.util.find_spec("typst") is not None


def available_formats() -> list[str]:
    """Formats `--format` accepts; pdf joins when the Typst binding is installed."""
    return list(DEFAULT_FORMATS) + (["pdf"] if pdf_available() else [])


@dataclass
class BuildResult:
    """What a build did. `project` is None when every course was up to date and nothing was loaded."""

    project: Project | None
    written: list[Path] = field(default_factory=list)
    problems: Problems | None = None
    unchanged: list[Path] = field(default_factory=list)  # outputs already up to date, left as they were

    @property
    def outputs(self) -> list[Path]:
        return self.written + self.unchanged


def load_and_render(root: Path, problems: Problems, only: list[str] | None = None,
                    ) -> tuple[Project, list[RenderedCourse]]:
    """Every check in one pass: load the sources, render every loaded course, then stop once.

    Links, images, headings and raw HTML are checked while rendering, on the tree that becomes the
    HTML; courses with load errors are rendered too, so an author sees every problem from one run.
    Raises SourceErrors if load or render found an error; nothing has been written by then.
    """
    from builder.load import load_project
    from builder.problems import SourceErrors
    from builder.render import render_course

    project = load_project(root, problems, only=only, stop_on_errors=False)
    rendered = [render_course(course, project.catalogue, problems) for course in project.courses]
    if problems.errors:
        raise SourceErrors(problems)
    return project, rendered


def resolve_schema_folder(project: Project, override: Path | None, problems: Problems) -> Path | None:
    """`--schemas` > the catalogue's `scheman:` > the npm package's copy (see schema_folder.py)."""
    from builder.problems import SourceErrors

    choice = choose_schema_folder(override, project.catalogue.schema_folder)
    if choice.missing is not None and choice.missing_is_error:
        problems.error("schemas-missing", None, 0, folder=str(choice.missing))
        raise SourceErrors(problems)
    if choice.missing is not None:
        # The catalogue's folder may simply not exist on this machine, nor the npm copy: build without schemas.
        problems.warning("schemas-missing", project.catalogue.source.path, 0, folder=str(choice.missing))
    return choice.folder


def build(
    root: Path,
    out: Path,
    courses: list[str] | None = None,
    formats: list[str] | None = None,
    schema_folder: Path | None = None,
    strict: bool = False,
    progress: Callable[[str], None] = lambda message: None,
    force: bool = False,
    jobs: int = 1,
) -> BuildResult:
    """Build the named courses (default all) in the named formats (default all but pdf) into out.

    A course whose stamp shows its outputs are up to date is not written again (see incremental.py);
    when that holds for every course, nothing is even loaded. `force` builds everything regardless.
    With `jobs` above 1 the packages are written by that many processes (see `write_outputs`).
    """
    with recording() as reads:  # every file the build reads, for the stamps
        return build_recorded(root, out, courses, formats, schema_folder, strict, progress, force, reads.files, jobs)


def build_recorded(root: Path, out: Path, courses: list[str] | None, formats: list[str] | None,
                   schema_folder: Path | None, strict: bool, progress: Callable[[str], None], force: bool,
                   reads: dict[Path, str | None], jobs: int = 1) -> BuildResult:
    """`build`, with reads the files the running build has read so far."""
    wanted = list(formats or available_default_formats())
    if not force:
        current = incremental.current_stamps(root, out, courses, wanted, schema_folder, strict)
        if current is not None:
            unchanged = [course_out / name for course_out, stamp in current for name in stamp.output_names(wanted)]
            return BuildResult(None, unchanged=unchanged)
    from builder.problems import Problems, SourceErrors

    problems = Problems(root)
    project, rendered_courses = load_and_render(root, problems, only=courses)
    if strict and problems.warnings:
        raise SourceErrors(problems)
    schemas = resolve_schema_folder(project, schema_folder, problems)
    settings = incremental.settings_hash(schemas, strict)

    check_output_folder(root, out, project)
    result = BuildResult(project, problems=problems)
    with output_errors(out):
        out.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)
        with Staging(out) as staging:
            staged: list[tuple[str, list[Path], list[str]]] = []
            stamps: list[tuple[Path, Path]] = []
            stale = []
            for rendered in rendered_courses:
                course = rendered.course
                course_out = out / course.id
                stamp = incremental.Stamp.read(incremental.stamp_path(out, course.id))
                if not force and stamp is not None and incremental.is_current(stamp, root, course_out, settings, wanted):
                    result.unchanged += [course_out / name for name in stamp.output_names(wanted)]
                    continue
                stale.append((rendered, stamp))
            outputs = write_outputs([rendered for rendered, _ in stale], wanted, schemas, staging.folder, jobs, progress)
            inputs = incremental.inputs_by_course(reads, {
                r.course.id: (r.course.folder, [m.source_path for m in r.media]) for r in rendered_courses}, schemas)
            for rendered, previous in stale:
                course = rendered.course
                course_out = out / course.id
                by_format = dict(zip(wanted, outputs[course.id], strict=False))
                written = [path for paths in outputs[course.id] for path in paths]
                # Other formats' outputs stay only while their own stamp still holds; the rest go.
                kept = incremental.still_valid(previous, root, course_out, settings, wanted)
                stamp = incremental.stamp_for(course.id, course.folder, root, settings, inputs[course.id],
                                              by_format, kept)
                staged_stamp = incremental.stamp_path(staging.folder, course.id)
                staged_stamp.parent.mkdir(parents=True, exist_ok=True)
                staged_stamp.write_text(stamp.to_json(), encoding="utf-8")
                staged.append((course.id, written, kept.output_names() if kept else []))
                stamps.append((staged_stamp, incremental.stamp_path(out, course.id)))
            for (course_id, written, keep_names), (temporary, final) in zip(staged, stamps, strict=True):
                staging.publish(course_id, keep_names)
                result.written += [out / course_id / path.name for path in written]
                # The stamp after its outputs: a build stopped in between leaves a stamp that no longer
                # matches (the course is built again), never one that vouches for outputs it did not see.
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temporary, final)
    return result


# Formats written by one task: the three zips share one rendering of the player page (site.py).
ZIP_FORMATS = ("scorm12", "scorm2004", "web")


def format_groups(formats: list[str]) -> list[list[str]]:
    """The formats in the tasks that write them: the zip formats together, pdf on its own."""
    zips = [name for name in formats if name in ZIP_FORMATS]
    return [group for group in (zips, [name for name in formats if name not in ZIP_FORMATS]) if group]


def write_formats(rendered: RenderedCourse, names: list[str], schemas: Path | None, folder: Path,
                  ) -> list[tuple[str, list[Path]]]:
    """One task: the named formats of one course into the staging folder; the files of each."""
    return [(name, writer_class(name)(schemas).write(rendered, folder / rendered.course.id)) for name in names]


# A worker's result as plain, picklable data: ("ok", files) or an error's kind and its arguments.
Outcome = tuple[Any, ...]


def write_formats_in_worker(rendered: RenderedCourse, names: list[str], schemas: Path | None, folder: Path,
                            ) -> Outcome:
    """`write_formats` in a worker process, its outcome as plain data.

    An error comes back as data that the parent raises again as what it was (a content error, a
    machine's fault, a package Etos got wrong), never as a worker's traceback.
    """
    from builder.problems import NonConformantPackage, SourceErrors

    try:
        return ("ok", write_formats(rendered, names, schemas, folder))
    except SourceErrors as failure:
        return ("content", failure.problems)
    except NonConformantPackage as failure:
        return ("nonconformant", failure.kind, failure.problems)
    except OSError as error:
        return ("os", error.errno, error.strerror, error.filename)
    except Exception as error:  # noqa: BLE001 - carried to the parent's last line of defence
        return ("internal", type(error).__name__, str(error))


class WorkerError(Exception):
    """An unexpected error in a worker process, named as it was raised there."""


def raise_outcome(outcome: Outcome) -> None:
    """Raise the error a task reported, as the exception it was in the worker."""
    from builder.problems import NonConformantPackage, SourceErrors

    kind = outcome[0]
    if kind == "content":
        raise SourceErrors(outcome[1])
    if kind == "nonconformant":
        raise NonConformantPackage(outcome[1], outcome[2])
    if kind == "os":
        raise OSError(outcome[1], outcome[2], outcome[3])
    if kind == "internal":
        raise WorkerError(f"{outcome[1]}: {outcome[2]}")


def write_outputs(stale: list[RenderedCourse], formats: list[str], schemas: Path | None, folder: Path,
                  jobs: int, progress: Callable[[str], None]) -> dict[str, list[list[Path]]]:
    """Write every format of every stale course into the staging folder; the files per course and format.

    With more than one job, each course's zip formats and its PDFs are tasks for a pool of processes
    started from a fork server (a clean process: no thread of the PDF engine is ever forked). What
    each task writes depends only on its course, so the order in which tasks finish changes nothing;
    results are taken in course and format order, and the first error in that order is raised.
    """
    tasks = [(rendered, group) for rendered in stale for group in format_groups(formats)]
    written: dict[str, dict[str, list[Path]]] = {rendered.course.id: {} for rendered in stale}

    def done(rendered: RenderedCourse, files: list[tuple[str, list[Path]]]) -> None:
        written[rendered.course.id].update(files)
        for _, paths in files:
            for path in paths:
                progress(f"{rendered.course.id}: {path.name}")

    if jobs <= 1 or len(tasks) <= 1:
        for rendered, group in tasks:
            done(rendered, write_formats(rendered, group, schemas, folder))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["builder.build", "builder.package.zipwriter"])
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
            futures = [pool.submit(write_formats_in_worker, rendered, group, schemas, folder)
                       for rendered, group in tasks]
            for (rendered, _), future in zip(tasks, futures, strict=True):
                outcome = future.result()
                raise_outcome(outcome)
                done(rendered, outcome[1])
    return {course_id: [by_format[name] for name in formats] for course_id, by_format in written.items()}


STAGING_PREFIX = ".etos-"
# Inside every staging folder: says that Etos made it, and is locked for as long as its build runs.
STAGING_MARKER = ".etos-staging"
PREVIOUS = ".previous"  # inside a staging folder: course folders swapped out, until the swap is done
# Without file locks (Windows), a staging folder this old cannot belong to a build still running.
STALE_AFTER_SECONDS = 24 * 3600


class Staging:
    """A build's own folder inside the output folder, locked while the build runs, removed after it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        self.marker = open(self.folder / STAGING_MARKER, "w", encoding="utf-8")  # noqa: SIM115 - held open
        self.marker.write(f"etos staging, pid {os.getpid()}\n")
        self.marker.flush()
        if fcntl is not None:
            fcntl.flock(self.marker.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.marker.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def publish(self, course_id: str, keep_names: list[str]) -> None:
        """Swap the staged folder of a course in for `out/<course>`, keeping the named files it did not rebuild.

        The staged folder first gets hard links (or copies) of the old folder's files named in
        keep_names (outputs of formats not built this time whose stamp still holds); every other
        file of the old folder goes with it, so no stale output is left beside fresh ones. Then two renames: the
        old folder into the staging folder, the new one into its place. If the second fails, the
        first is undone; if the process dies between them, the next build undoes it
        (`remove_stale_staging`).
        """
        staged, final = self.folder / course_id, self.out / course_id
        previous = self.folder / PREVIOUS / course_id
        if final.is_dir() and not final.is_symlink():
            for entry in sorted(final.iterdir()):
                if entry.name in keep_names and not (staged / entry.name).exists() and not (staged / entry.name).is_symlink():
                    keep(entry, staged / entry.name)
            previous.parent.mkdir(exist_ok=True)
            os.rename(final, previous)
        elif final.exists() or final.is_symlink():
            previous.parent.mkdir(exist_ok=True)
            os.rename(final, previous)
        try:
            os.rename(staged, final)
        except BaseException:
            if previous.exists() or previous.is_symlink():
                os.rename(previous, final)
            raise


def keep(source: Path, target: Path) -> None:
    """Carry a file over into the new course folder: a hard link where the file system has them."""
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=link_or_copy)
    elif source.is_symlink():
        os.symlink(os.readlink(source), target)
    else:
        link_or_copy(source, target)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise
        shutil.copy2(source, target, follow_symlinks=False)


def remove_stale_staging(out: Path) -> None:
    """Remove what killed builds left in out: `.etos-*` folders with Etos's marker and no live build.

    A course folder such a build had swapped out but not yet replaced is put back first.
    """
    for folder in sorted(out.glob(STAGING_PREFIX + "*")):
        marker = folder / STAGING_MARKER
        if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
            continue  # not ours
        if not staging_is_abandoned(marker):
            continue
        previous = folder / PREVIOUS
        if previous.is_dir():
            for course in sorted(previous.iterdir()):
                if not (out / course.name).exists() and not (out / course.name).is_symlink():
                    os.rename(course, out / course.name)
        shutil.rmtree(folder, ignore_errors=True)


def staging_is_abandoned(marker: Path) -> bool:
    """No build holds the marker's lock (or, without locks, the marker is a day old)."""
    if fcntl is None:  # pragma: no cover - Windows
        return time.time() - marker.stat().st_mtime > STALE_AFTER_SECONDS
    with open(marker, encoding="utf-8") as file:
        if not file.read(64).startswith("etos staging"):
            return False
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def check_output_folder(root: Path, out: Path, project: Project) -> None:
    """`--out` may not be a file, the project root, inside a source folder, or a folder above the
    project in which a course's output folder would be the project itself."""
    from builder.problems import Problems, SourceErrors

    problems = Problems(root)
    target, base = out.resolve(), root.resolve()
    shown = str(out)
    if out.exists() and not out.is_dir():
        problems.error("out-not-folder", None, out=shown)
    elif target == base:
        problems.error("out-is-project", None, out=shown)
    elif target in base.parents:
        # Above the project is fine, unless an output folder would be the project or hold it.
        written = [target / course.id for course in project.courses] + [target / incremental.STAMP_FOLDER]
        clash = next((folder for folder in written if folder == base or folder in base.parents), None)
        if clash is not None:
            problems.error("out-overlaps-project", None, out=shown, folder=str(clash))
    else:
        sources = [(base / incremental.CATALOGUE_FILE).parent] + [course.folder.resolve() for course in project.courses]
        inside = next((folder for folder in sources if target == folder or folder in target.parents), None)
        if inside is not None:
            problems.error("out-inside-sources", None, out=shown, inside=inside.relative_to(base).as_posix() + "/")
    if problems.errors:
        raise SourceErrors(problems)


DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EEXIST}


@contextlib.contextmanager
def output_errors(out: Path) -> Iterator[None]:
    """A fault of the machine while writing (disk full, read-only folder) as a clear error about out."""
    from builder.problems import Problems, SourceErrors

    try:
        yield
    except SourceErrors:
        raise
    except OSError as error:
        problems = Problems()
        detail = error.strerror or str(error)
        if error.errno in DISK_FULL:
            problems.error("out-disk-full", None, out=str(out))
        elif error.errno in NOT_WRITABLE and writes_to(error, out):
            problems.error("out-read-only", None, out=str(out), detail=detail)
        elif writes_to(error, out):
            problems.error("out-write-failed", None, out=str(out), detail=detail)
        else:
            raise
        raise SourceErrors(problems) from error


def writes_to(error: OSError, out: Path) -> bool:
    """Whether an error is about out or a path below it (an error without a path is a write's)."""
    if not error.filename:
        return True
    try:
        Path(error.filename).resolve().relative_to(out.resolve())
        return True
    except ValueError:
        return Path(error.filename).resolve() in out.resolve().parents


def available_default_formats() -> tuple[str, ...]:
    """All formats, pdf included when the Typst binding is installed."""
    return tuple(available_formats())
