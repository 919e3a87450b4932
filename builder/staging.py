"""Where a build writes, and how its outputs get there: all of them or none.

Outputs are written into a staging folder inside the output folder (`.etos-*`, same file system) and
each course's folder is then swapped in whole (see `Staging.publish`): a reader of `dist/<course>/`
sees all of the old outputs or all of the new, never a mix. A build that is killed leaves its staging
folder behind, and the next build removes it (restoring a course folder caught between its two
renames); a staging folder whose build still runs is locked, and left alone. The output folder is
checked before anything is written, and a fault of the machine while writing becomes a clear error.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from builder import incremental

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: staging folders are told stale by their age
    fcntl = None  # type: ignore[assignment]  # the module, or None where it does not exist

if TYPE_CHECKING:
    from builder.model import Project


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
                kept = staged / entry.name
                if entry.name in keep_names and not kept.exists() and not kept.is_symlink():
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
