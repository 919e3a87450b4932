"""Reading only regular files: a FIFO, socket or device where a source or medium should be is refused,
never opened for reading (reading a FIFO with no writer blocks the build for ever)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from builder.sources_read import note_read


class NotRegularFile(OSError):
    """A FIFO, socket, device or folder where a file was expected."""


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes (the first limit of them, if given), noted as read by the running build."""
    data = read_unrecorded(path, limit)
    note_read(path, data, whole=limit is None or len(data) < limit)
    return data


def read_unrecorded(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, not noted as a source (the stamps' own hashing); NotRegularFile for anything else.

    Asked before opening (a socket cannot even be opened), then opened without blocking and asked
    again on the open descriptor, so a FIFO swapped in between cannot hang the build either.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(f"not a regular file: {path}")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(f"not a regular file: {path}")
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read() if limit is None else file.read(limit)
    finally:
        os.close(descriptor)
