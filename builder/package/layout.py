"""Where a course's media go inside every package: the one place that decides package paths.

The render stage asks here when it writes an image's `src` or a download's `href`, so the HTML,
the zip and the printed documents agree; sources know only where a file lies on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from builder.names import safe_file_name

MEDIA_FOLDER = "media"  # a course's own media: media/… in the course folder
SHARED_MEDIA_FOLDER = "media/delat"  # the media every course may use, from courses/media/


@dataclass(frozen=True)
class MediaFile:
    """A file the course uses: where it lies, and its ASCII-safe path inside every package."""

    source_path: Path
    target: str


def media_target(relative: PurePath, shared: bool) -> str:
    """The package path of a medium, from its path below the course folder (or below courses/)."""
    parts = [safe_file_name(part) for part in relative.parts if part != "media"]
    return "/".join([SHARED_MEDIA_FOLDER if shared else MEDIA_FOLDER, *parts])
