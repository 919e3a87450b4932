"""`etos serve`: a live preview of one course, with an LMS inspector beside it.

The course is built through the same stages as `etos build` (load, render, the format's writer) and
its package entries are served from memory on 127.0.0.1 only: only the zip is left out. A watcher
polls the sources; on a change, or when the author picks another standard or course, a worker
thread builds again and every open preview page is told over Server-Sent Events, so it reloads the
course frame. The outer page hosts a recording SCORM API (templates/preview/static/), so the course
finds an "LMS" by walking its parent frames, as it would in Moodle. A source error replaces the
course with a page naming file and line.

One job per module: `state` (the model), `building` (the stages and the worker), `watching`,
`security` (who may ask what), `handler` (HTTP), `pages` (the preview's templates), `server`.
"""

from __future__ import annotations

from builder.serve import building, handler, pages, security, state, watching
from builder.serve.building import BuildWorker
from builder.serve.handler import PreviewHandler, PreviewHTTPServer
from builder.serve.pages import texts
from builder.serve.server import PreviewServer
from builder.serve.state import STANDARDS, Build, Choice, Preview
from builder.serve.watching import POLL_SECONDS, SourceWatcher

__all__ = [
    "POLL_SECONDS", "STANDARDS", "Build", "BuildWorker", "Choice", "Preview", "PreviewHTTPServer", "PreviewHandler",
    "PreviewServer", "SourceWatcher", "building", "handler", "pages", "security", "state", "texts", "watching",
]
