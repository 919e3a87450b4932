"""The file watcher: polls the sources' modification times and sizes and asks for a build on a change.

Polling, not inotify: it works the same on every system and on network drives, and half a second is
quicker than an author switches from the editor to the browser.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from builder.load import CATALOGUE_FILE
from builder.serve.pages import say
from builder.serve.state import Preview
from builder.templates import templates_folder

POLL_SECONDS = 0.5
SKIPPED_FOLDERS = {".git", "node_modules", "dist", "__pycache__", ".pytest_cache"}


class SourceWatcher:
    """Modification times and sizes of every source file: a change in either means a new build."""

    def __init__(self, folders: Callable[[], list[Path]]) -> None:
        self.folders = folders
        self.seen = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for folder in self.folders():
            for directory, subfolders, files in os.walk(folder):
                subfolders[:] = sorted(s for s in subfolders if s not in SKIPPED_FOLDERS and not s.startswith("."))
                for name in files:
                    if name.startswith(".") or name.endswith("~"):
                        continue  # editors' swap and backup files
                    path = os.path.join(directory, name)
                    try:
                        status = os.stat(path)
                    except OSError:
                        continue  # removed while we looked
                    found[path] = (status.st_mtime_ns, status.st_size)
        return found

    def changes(self) -> list[str]:
        """Files added, removed or changed since the last call."""
        now = self.snapshot()
        changed = sorted(p for p in set(now) | set(self.seen) if now.get(p) != self.seen.get(p))
        self.seen = now
        return changed


def watched_folders(root: Path) -> list[Path]:
    """The catalogue and glossary, every course folder and the player's templates."""
    folders = [root / CATALOGUE_FILE.parent]
    folders += sorted(p.parent for p in root.glob("*/course.yaml"))
    folders.append(templates_folder() / "player")
    return [f for f in folders if f.is_dir()]


def relative(root: Path, path: str) -> str:
    """A changed file as the author knows it: relative to the project, or its name if outside."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def watch(preview: Preview, watcher: SourceWatcher) -> None:
    """Poll the sources until the preview stops; ask for a build when anything changed.

    Asking returns at once, so a save during a long build is seen and becomes the next build.
    """
    while not preview.stopping:
        time.sleep(POLL_SECONDS)
        try:
            changed = watcher.changes()
            if changed and not preview.stopping:
                preview.ask([relative(preview.root, path) for path in changed])
        except Exception as error:  # noqa: BLE001 - keep watching; the next save may fix it
            preview.log(say(preview.lang, "internal", detail=f"{type(error).__name__}: {error}"))
