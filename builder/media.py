"""The media a course uses, gathered where they are discovered: in the tree the renderer checks.

Every image and every download link of a course passes `MediaCollector.add`, which refuses paths
that leave the course (or the shared courses/media/ folder), missing files, unknown types and files
too large to upload; where each file goes in a package is package/layout.py's to say.
"""

from __future__ import annotations

import re
from pathlib import Path

from builder.media_check import check_media_file
from builder.package.layout import MediaFile, media_target
from builder.problems import Problems

SHARED_MEDIA = Path("courses") / "media"
# Media larger than this makes packages slow to upload and to open on a slow agency network.
MAX_MEDIA_BYTES = 10 * 1024 * 1024
MEDIA_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".webm", ".vtt", ".pdf"}


class MediaCollector:
    """Gathers the media files lessons use; refuses paths that leave the course or are too large."""

    def __init__(self, folder: Path, root: Path, problems: Problems) -> None:
        self.folder = folder.resolve()
        self.shared = (root / SHARED_MEDIA).resolve()
        self.problems = problems
        self.by_reference: dict[str, MediaFile] = {}
        self.targets: dict[str, Path] = {}

    @property
    def files(self) -> list[MediaFile]:
        return sorted({m.target: m for m in self.by_reference.values()}.values(), key=lambda m: m.target)

    def resolve(self, reference: str) -> Path | None:
        """Where a media reference points: the course folder first, then the shared media folder."""
        reference = reference.split("?")[0].split("#")[0]
        if reference.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", reference) or ".." in Path(reference).parts:
            return None
        for base in (self.folder, self.shared.parent):
            candidate = base / reference
            if candidate.exists() or candidate.is_symlink():
                return candidate
        return self.folder / reference

    def add(self, reference: str, path: Path, line: int) -> None:
        if not reference or reference in self.by_reference:
            return
        candidate = self.resolve(reference)
        if candidate is None:
            self.problems.error("media-outside", path, line, target=reference)
            return
        try:
            real = candidate.resolve()
        except (OSError, RuntimeError):  # a symlink loop points nowhere
            self.problems.error("media-missing", path, line, target=reference)
            return
        inside = [base for base in (self.folder, self.shared) if real == base or base in real.parents]
        if candidate.exists() and not inside:
            self.problems.error("media-outside", path, line, target=reference)
            return
        if not check_media_file(real, reference, path, line, self.problems):
            return
        if not candidate.is_file():
            self.problems.error("media-missing", path, line, target=reference)
            return
        if real.suffix.lower() not in MEDIA_EXTENSIONS:
            self.problems.error("media-type", path, line, target=reference,
                                known=", ".join(sorted(MEDIA_EXTENSIONS)))
            return
        size = real.stat().st_size
        if size > MAX_MEDIA_BYTES:
            self.problems.error("media-too-large", path, line, target=reference,
                                size=f"{size / 1024 / 1024:.1f}", limit=MAX_MEDIA_BYTES // 1024 // 1024)
            return
        base = inside[0]
        target = media_target(real.relative_to(base), shared=base != self.folder)
        if target in self.targets and self.targets[target] != real:
            self.problems.error("media-name-clash", path, line, target=reference, other=self.targets[target].name)
            return
        self.targets[target] = real
        self.by_reference[reference] = MediaFile(real, target)

    def target_of(self, reference: str) -> str | None:
        media = self.by_reference.get(reference)
        return media.target if media else None
