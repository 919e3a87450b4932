"""Deterministic zip files: same entries, same bytes, whatever the clock or the file system says."""

from __future__ import annotations

import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.media_check import packaged_bytes
from builder.names import portable_path_problem
from builder.problems import NonConformantPackage
from builder.regular_files import read_regular_file

# The zip format cannot hold dates before 1980.
EARLIEST_ZIP_TIME = 315532800
# Formats that are compressed already: deflating them again gains a percent or two and was a large
# share of the packaging time of a course with many images.
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".webm", ".pdf", ".woff", ".woff2")
# zlib's own default. Level 9 made the packages 0.3 % (three courses) to 0.9 % (300 lessons) smaller
# for 20–40 % more time in deflate.
COMPRESS_LEVEL = 6


@dataclass(frozen=True)
class PackageFile:
    """One file of a package: where it goes and its bytes (or a source file to copy).

    A course medium (`media=True`) is read through the media check, so an SVG goes in sanitised and
    a file that changed since loading is refused; every other source is one of Etos's own files.
    """

    path: str
    data: bytes | None = None
    source: Path | None = None
    media: bool = False

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None
        return packaged_bytes(self.source) if self.media else read_regular_file(self.source)


def build_timestamp() -> tuple[int, int, int, int, int, int]:
    """The one date every entry gets: SOURCE_DATE_EPOCH if set, else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = max(int(epoch), EARLIEST_ZIP_TIME) if epoch and epoch.isdigit() else EARLIEST_ZIP_TIME
    return time.gmtime(seconds)[:6]


def write_zip(target: Path, files: list[PackageFile]) -> None:
    """Write entries sorted by path, with fixed dates, permissions and compression level."""
    stamp = build_timestamp()
    unportable = [f"{item.path!r}: {problem}" for item in files if (problem := portable_path_problem(item.path))]
    if unportable:  # every name was made safe upstream: one that is not is a bug in Etos
        raise NonConformantPackage(target.name, unportable)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as archive:
        for item in sorted(files, key=lambda f: f.path):
            info = zipfile.ZipInfo(item.path, date_time=stamp)
            stored = item.path.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            archive.writestr(info, item.read(), compresslevel=COMPRESS_LEVEL)
