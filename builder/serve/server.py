"""The preview put together: the HTTP server, the build worker and the watcher, each in a thread."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from pathlib import Path

from builder.serve.building import BuildWorker
from builder.serve.handler import (
    REQUEST_TIMEOUT_SECONDS,
    PreviewHandler,
    PreviewHTTPServer,
)
from builder.serve.state import Build, Preview
from builder.serve.watching import SourceWatcher, watch, watched_folders


class PreviewServer:
    """One Preview, served on 127.0.0.1, rebuilt when a source changes or the author chooses."""

    def __init__(self, root: Path, course: str | None = None, port: int = 8000, standard: str = "scorm12",
                 lang: str = "sv", log: Callable[[str], None] = lambda message: None, debug: bool = False,
                 request_timeout: float = REQUEST_TIMEOUT_SECONDS) -> None:
        self.preview = Preview(root, course, standard, lang, log, debug)
        self.worker = BuildWorker(self.preview)
        self.watcher = SourceWatcher(lambda: watched_folders(root))
        self.token = secrets.token_urlsafe(32)
        handler = type("BoundPreviewHandler", (PreviewHandler,),
                       {"preview": self.preview, "token": self.token, "timeout": request_timeout})
        server = type("BoundPreviewHTTPServer", (PreviewHTTPServer,), {"preview": self.preview})
        self.http = server(("127.0.0.1", port), handler)
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}/"

    def start(self) -> Build:
        """Build once, then serve, build and watch in the background; returns the first build."""
        first = self.worker.first()
        self.threads = [
            threading.Thread(target=self.http.serve_forever, name="etos-preview-http", daemon=True),
            threading.Thread(target=self.worker.run, name="etos-preview-build", daemon=True),
            threading.Thread(target=watch, args=(self.preview, self.watcher), name="etos-preview-watch",
                             daemon=True),
        ]
        for thread in self.threads:
            thread.start()
        return first

    def stop(self) -> None:
        """Stop all three threads; a build under way finishes first, its result unseen."""
        self.preview.stop()
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(timeout=5)

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
