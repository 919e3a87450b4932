"""The preview's model: which course and standard the author chose, the build on show, and who waits.

Only the build worker (building.py) makes builds; the watcher and the browser ask for one. The lock
guards these few fields and is held for a moment at a time, never while loading, packaging or linting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from builder.problems import Problem
from builder.serve.cmi5_lms import Cmi5Lms

STANDARDS = ("scorm12", "scorm2004", "cmi5")


@dataclass(frozen=True)
class Choice:
    """What the author asked to see; `course_key` empty means the catalogue's first course."""

    standard: str
    course_key: str


@dataclass(frozen=True)
class Build:
    """One build of the previewed course, or the problems that stopped it. Replaced, never changed.

    `files` holds every entry of the package as bytes, read when the build packaged them, so what is
    served is what the build checked, whatever happens to the sources afterwards.
    """

    number: int
    standard: str
    course_key: str
    course_id: str = ""
    title: str = ""
    mastery_percent: int | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    internal_error: str = ""
    linted: bool = False  # the editor's lints have run and their warnings are in problems
    changed: tuple[str, ...] = ()
    seconds: float = 0.0
    finished_at: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.files)

    def state(self, lang: str, courses: list[str]) -> dict[str, Any]:
        """What the preview page needs to know about this build, as JSON."""
        return {
            "build": self.number,
            "ok": self.ok,
            "standard": self.standard,
            "course": self.course_key,
            "courseId": self.course_id,
            "title": self.title,
            "masteryPercent": self.mastery_percent,
            "courses": courses,
            "problems": [p.as_dict(lang) for p in self.problems],
            "internalError": self.internal_error,
            "linted": self.linted,
            "changed": list(self.changed),
            "seconds": round(self.seconds, 3),
            "finishedAt": time.strftime("%H:%M:%S", time.localtime(self.finished_at)),
        }


@dataclass(frozen=True)
class BuildRequest:
    """What the worker is to build next: the choice, and the sources changed since the last build."""

    choice: Choice
    changed: tuple[str, ...]


class Preview:
    """The state of a preview: the author's choice, the latest build, and the builds asked for."""

    def __init__(self, root: Path, course: str | None, standard: str = "scorm12", lang: str = "sv",
                 log: Callable[[str], None] = lambda message: None, debug: bool = False) -> None:
        self.root = root
        self.lang = lang
        self.log = log
        self.debug = debug  # tracebacks of internal errors go to the terminal, never into a page
        self.cmi5 = Cmi5Lms()  # the LMS and LRS a cmi5 package is launched from
        self.lock = threading.Lock()
        self.news = threading.Condition(self.lock)  # notified on every change of the fields below
        self.choice = Choice(standard if standard in STANDARDS else "scorm12", course or "")
        self.courses: list[str] = []
        self.current = Build(0, self.choice.standard, self.choice.course_key)
        self.version = 0  # counts every state published: requests, builds and the lints that follow
        self.requested = False  # a build has been asked for and the worker has not taken it yet
        self.building = False  # the worker is loading, rendering or packaging
        self.pending: set[str] = set()
        self.stopping = False

    # --- Asking for builds ---------------------------------------------------------------------------

    def ask(self, changed: list[str] | None = None, standard: str | None = None, course: str | None = None) -> None:
        """Ask for a build: after a save, or with another standard or course. Returns at once; the
        page hears of the result through the event stream. Requests made before the worker takes
        them are merged into one build."""
        with self.news:
            if standard in STANDARDS:
                self.choice = replace(self.choice, standard=standard)
            if course and course in self.courses:
                self.choice = replace(self.choice, course_key=course)
            self.pending.update(changed or [])
            self.requested = True
            self.announce()

    def take(self, timeout: float | None = None) -> BuildRequest | None:
        """For the worker: wait for a request and take it; None once the preview stops."""
        with self.news:
            self.news.wait_for(lambda: self.requested or self.stopping, timeout)
            if self.stopping or not self.requested:
                return None
            request = BuildRequest(self.choice, tuple(sorted(self.pending)))
            self.requested, self.building = False, True
            self.pending.clear()
            return request

    def has_request(self) -> bool:
        """A newer build is wanted: the lints of the current one would be shown for a moment only."""
        with self.lock:
            return self.requested or self.stopping

    # --- Publishing --------------------------------------------------------------------------------

    def publish(self, build: Build, courses: list[str] | None = None) -> None:
        """Show a new build; the first one also settles which course "the first" is."""
        with self.news:
            self.current = build
            self.building = False
            if courses is not None:
                self.courses = courses
            if build.course_key and self.choice.course_key != build.course_key and not self.requested:
                self.choice = replace(self.choice, course_key=build.course_key)
            self.announce()

    def publish_lints(self, build: Build) -> bool:
        """Replace a build by the same build with its lints, unless a newer one is on show already."""
        with self.news:
            if self.current.number != build.number:
                return False
            self.current = build
            self.announce()
            return True

    def announce(self) -> None:
        """Called with the lock held: one more version for the event streams."""
        self.version += 1
        self.news.notify_all()

    # --- Reading -----------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The page's JSON: the build on show, and the build under way if the author asked for one."""
        with self.lock:
            build, courses, choice, version = self.current, list(self.courses), self.choice, self.version
            busy = self.requested or self.building
        data = build.state(self.lang, courses)
        data["version"] = version  # lets the page tell an old answer from a newer event
        data["building"] = {"standard": choice.standard, "course": choice.course_key} if busy else None
        return data

    def wait_for_change(self, after: int, timeout: float) -> int:
        """Block until something newer than version `after` is published, the timeout passes or the
        preview stops; return the version now current."""
        with self.news:
            self.news.wait_for(lambda: self.version > after or self.stopping, timeout)
            return self.version

    def stop(self) -> None:
        with self.news:
            self.stopping = True
            self.news.notify_all()
