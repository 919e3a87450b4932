"""The files a build read, so that its stamp vouches for exactly those and for nothing else.

The readers every source and medium passes through (`regular_files.read_regular_file`, and with it
`yamlsource.read_text` and the media checks) note each file here. A build opens a `recording()`; the
recorder lives in a context variable, so two builds (or two tests) never share one, and code that
reads outside a build records nothing. Work that a build hands to other threads must run in a copy
of the build's context (`contextvars.copy_context().run`) for its reads to count.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

# A file read twice with different bytes: whatever the stamp says of it, the next build reads it again.
CHANGED_WHILE_BUILDING = "changed-while-building"


class SourcesRead:
    """Each file read, with the hash of its whole bytes when a read saw them all (None after a partial read)."""

    def __init__(self) -> None:
        self.files: dict[Path, str | None] = {}

    def note(self, path: Path, data: bytes, whole: bool) -> None:
        key = Path(path).resolve()
        if not whole:
            self.files.setdefault(key, None)
            return
        digest = hashlib.sha256(data).hexdigest()
        earlier = self.files.get(key)
        self.files[key] = digest if earlier in (None, digest) else CHANGED_WHILE_BUILDING


_current: ContextVar[SourcesRead | None] = ContextVar("etos_sources_read", default=None)


@contextlib.contextmanager
def recording() -> Iterator[SourcesRead]:
    """Record every file read until the block ends; the recorder is this block's alone."""
    recorder = SourcesRead()
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


def note_read(path: Path, data: bytes, whole: bool) -> None:
    """Called by the readers: tell the running build, if there is one, that path was read."""
    recorder = _current.get()
    if recorder is not None:
        recorder.note(path, data, whole)
