"""`etos serve`: a live preview of one course, with an LMS inspector beside it.

The course is built in memory exactly as it goes into a package (`site_files`) and served on
127.0.0.1 only. A watcher polls the sources' modification times; on a change the course is built
again and every open preview page is told over Server-Sent Events, so it reloads the course frame.
The outer page hosts a recording SCORM API (templates/preview/static/), so the course finds an
"LMS" by walking its parent frames, as it would in Moodle. A source error replaces the course with a
page naming file and line.

Any web page the author visits can send requests to 127.0.0.1, so the server trusts only its own
page: the Host must be the bound address (DNS rebinding), the one request that changes anything
(POST /api/choose) must come from the preview's own origin with the token that only its page knows,
and every response forbids framing by other sites and running scripts from anywhere else.
"""

from __future__ import annotations

import hmac
import json
import mimetypes
import os
import re
import secrets
import socket
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import quote, unquote, urlsplit

from builder.build import load_and_render
from builder.lint import lint_project
from builder.load import CATALOGUE_FILE, load_catalogue
from builder.model import Project
from builder.package.archive import PackageFile
from builder.package.site import site_files
from builder.problems import Problem, Problems, Severity, SourceErrors
from builder.render import RenderedCourse
from builder.templates import environment, static_files, templates_folder

STANDARDS = ("scorm12", "scorm2004")
POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 15
COURSE_PREFIX = "/kurs/"
STATIC_PREFIX = "/forhandsvisning/"
SKIPPED_FOLDERS = {".git", "node_modules", "dist", "__pycache__", ".pytest_cache"}
SOURCE_LINES_AROUND = 2
REQUEST_TIMEOUT_SECONDS = 10  # loopback requests arrive in milliseconds; a stalled client is dropped
MAX_BODY_BYTES = 16 * 1024  # a choice of standard and course is under a hundred bytes
LISTEN_BACKLOG = 256  # holds a burst of connections (a reload fetches a dozen files) while a build runs
TOKEN_HEADER = "X-Etos-Token"
CONTENT_LENGTH = re.compile(r"[0-9]+")
# For every response, the preview's own pages and the course alike. The player brings its own
# policy as a meta tag; a browser enforces both, so this one must allow all that the player needs.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def texts(lang: str) -> dict[str, str]:
    """The preview page's own words, in Swedish or English (templates/preview/texts.json)."""
    data = json.loads((templates_folder() / "preview" / "texts.json").read_text(encoding="utf-8"))
    return data["en" if lang == "en" else "sv"]


@dataclass(frozen=True)
class Build:
    """One build of the previewed course, or the problems that stopped it. Replaced, never changed."""

    number: int
    standard: str
    course_key: str
    course_id: str = ""
    title: str = ""
    mastery_percent: int | None = None
    files: dict[str, PackageFile] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    internal_error: str = ""
    linted: bool = False  # the editor's lints have run and their warnings are in problems
    changed: tuple[str, ...] = ()
    seconds: float = 0.0
    finished_at: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.files)

    def state(self, lang: str, courses: list[str]) -> dict:
        """What the preview page needs to know, as JSON."""
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


class SourceWatcher:
    """Modification times and sizes of every source file: a change in either means a new build."""

    def __init__(self, folders: Callable[[], list[Path]]) -> None:
        self.folders = folders
        self.seen = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for folder in self.folders():
            for directory, subfolders, files in os.walk(folder):
                subfolders[:] = [s for s in subfolders if s not in SKIPPED_FOLDERS and not s.startswith(".")]
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


class Preview:
    """The state of a preview: which course and standard, the latest build, and who is waiting for one."""

    def __init__(self, root: Path, course: str | None, standard: str = "scorm12", lang: str = "sv",
                 log: Callable[[str], None] = lambda message: None, debug: bool = False) -> None:
        self.root = root
        self.lang = lang
        self.log = log
        self.debug = debug  # tracebacks of internal errors go to the terminal, never into a page
        self.course_key = course or ""
        self.standard = standard if standard in STANDARDS else "scorm12"
        self.lock = threading.Lock()
        self.new_build = threading.Condition()
        self.stopping = False
        self.courses: list[str] = []
        self.current = Build(0, self.standard, self.course_key)
        self.version = 0  # counts every state published: builds, and the lints that follow them
        self.watcher = SourceWatcher(self.watched_folders)

    def watched_folders(self) -> list[Path]:
        """The catalogue and glossary, every course folder and the player's templates."""
        folders = [self.root / CATALOGUE_FILE.parent]
        folders += sorted(p.parent for p in self.root.glob("*/course.yaml"))
        folders.append(templates_folder() / "player")
        return [f for f in folders if f.is_dir()]

    def rebuild(self, changed: list[str] | None = None) -> Build:
        """Load and render the course again; a failure keeps the problems to show instead.

        The course is published as soon as it is rendered, so the page reloads at once; the
        editor's lints (spelling takes a moment) follow as a second version of the same build.
        """
        with self.lock:
            started = time.monotonic()
            number = self.current.number + 1
            relative = tuple(self.relative(p) for p in changed or [])
            project, rendered = None, []
            try:
                build, project, rendered = self.build(number, relative)
            except Exception as error:  # noqa: BLE001 - shown in the page, the preview keeps running
                self.log_traceback()
                build = Build(number, self.standard, self.course_key, changed=relative,
                              internal_error=f"{type(error).__name__}: {error}")
            build = replace(build, seconds=time.monotonic() - started, finished_at=time.time())
            self.publish(build)
            self.log_build(build)
            if project is not None:
                problems = Problems(self.root)
                problems.items = list(build.problems)
                try:
                    lint_project(project, rendered, problems, complete=False)
                except Exception as error:  # noqa: BLE001 - a broken lint must not stop the preview
                    self.log(self.say("internal", detail=f"{type(error).__name__}: {error}"))
                self.publish(replace(build, problems=tuple(problems.sorted()), linted=True))
            return self.current

    def publish(self, build: Build) -> None:
        with self.new_build:
            self.current = build
            self.version += 1
            self.new_build.notify_all()

    def build(self, number: int, changed: tuple[str, ...]) -> tuple[Build, Project | None, list[RenderedCourse]]:
        """Load and render the course with every check, as `etos build` does, then lay out its site."""
        problems = Problems(self.root)
        self.courses = load_catalogue(self.root, Problems(self.root)).course_folders
        key = self.course_key or (self.courses[0] if self.courses else "")
        try:
            project, courses = load_and_render(self.root, problems, only=[key] if key else None)
        except SourceErrors:
            return Build(number, self.standard, key, problems=tuple(problems.sorted()), changed=changed), None, []
        rendered = courses[0]
        course = rendered.course
        self.course_key = course.folder.name
        files = {item.path: item for item in site_files(rendered, self.standard)}
        mastery = course.final_test.mastery_percent if course.final_test else None
        return Build(number, self.standard, self.course_key, course.id, course.title, mastery, files,
                     tuple(problems.sorted()), changed=changed), project, courses

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).name

    def log_build(self, build: Build) -> None:
        stamp = time.strftime("%H:%M:%S")
        what = ", ".join(build.changed[:3]) + (" …" if len(build.changed) > 3 else "")
        prefix = f"{stamp} {what}: " if what else f"{stamp} "
        errors = [p for p in build.problems if p.severity is Severity.ERROR]
        if build.ok:
            self.log(prefix + self.say("built", seconds=f"{build.seconds:.2f}", standard=build.standard))
        elif build.internal_error:
            self.log(prefix + self.say("internal", detail=build.internal_error.splitlines()[0]))
        else:
            self.log(prefix + self.say("failed", count=len(errors)))
            for problem in errors[:5]:
                self.log("  " + problem.format(self.lang).splitlines()[0])

    def say(self, key: str, **values: object) -> str:
        return texts(self.lang)["terminal_" + key].format(**values)

    def log_traceback(self) -> None:
        """With --debug, the traceback of the exception being handled, for a bug report."""
        if self.debug:
            for line in traceback.format_exc().rstrip().splitlines():
                self.log(line)

    def choose(self, standard: str | None = None, course: str | None = None) -> Build:
        """Switch standard or course; the page follows through the next build."""
        if standard in STANDARDS:
            self.standard = standard
        if course and course in self.courses:
            self.course_key = course
        return self.rebuild()

    def watch(self) -> None:
        """Poll the sources until the preview stops; build again when anything changed."""
        while not self.stopping:
            time.sleep(POLL_SECONDS)
            try:
                changed = self.watcher.changes()
                if changed and not self.stopping:
                    self.rebuild(changed)
            except Exception as error:  # noqa: BLE001 - keep watching; the next save may fix it
                self.log(self.say("internal", detail=f"{type(error).__name__}: {error}"))

    def wait_for_change(self, after: int, timeout: float) -> int:
        """Block until something newer than version `after` is published, the timeout passes or the
        preview stops; return the version now current."""
        with self.new_build:
            self.new_build.wait_for(lambda: self.version > after or self.stopping, timeout)
            return self.version

    def stop(self) -> None:
        with self.new_build:
            self.stopping = True
            self.new_build.notify_all()

    # --- Pages -----------------------------------------------------------------------------------

    def state(self) -> dict:
        return self.current.state(self.lang, self.courses)

    def preview_page(self, token: str) -> bytes:
        """The outer page; `token` is what its script must send back to change anything."""
        build = self.current
        page = environment().get_template("preview/index.html.j2").render(
            t=texts(self.lang), lang=self.lang, state=self.state(), build=build, standards=STANDARDS,
            courses=self.courses, token=token,
        )
        return page.encode("utf-8")

    def error_page(self, build: Build) -> bytes:
        """The page in the course frame while the sources have errors: each with file, line and source."""
        errors = [p for p in build.problems if p.severity is Severity.ERROR]
        page = environment().get_template("preview/error.html.j2").render(
            t=texts(self.lang), lang=self.lang, build=build,
            errors=[{"problem": p, "message": p.message(self.lang), "hint": p.hint(self.lang),
                     "excerpt": self.excerpt(p)} for p in errors],
            internal_error=build.internal_error,
        )
        return page.encode("utf-8")

    def excerpt(self, problem: Problem) -> list[tuple[int, str, bool]]:
        """A few lines of the source around the problem's line: (number, text, is the line)."""
        if problem.path is None or not problem.line:
            return []
        path = problem.path if problem.path.is_absolute() else self.root / problem.path
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return []
        first = max(1, problem.line - SOURCE_LINES_AROUND)
        last = min(len(lines), problem.line + SOURCE_LINES_AROUND)
        return [(n, lines[n - 1], n == problem.line) for n in range(first, last + 1)]


class PreviewHandler(BaseHTTPRequestHandler):
    """Routes: / the preview page, /kurs/… the course, /forhandsvisning/… the panel's files,
    /api/state, /api/events (Server-Sent Events) and POST /api/choose.

    Only POST /api/choose changes anything (it rebuilds with another standard or course); every GET
    only reads. Files are looked up by exact name in the build and in templates/preview/static, never
    joined to a folder on disk, so no name can reach outside them.
    """

    preview: Preview  # set on the subclass the server makes
    token: str  # likewise: random per server start, known only to the preview page
    timeout = REQUEST_TIMEOUT_SECONDS  # the socket's timeout, for every read and write
    server_version = "EtosPreview"
    sys_version = ""  # the Python version is nobody's business

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        if not self.trusted_host() or not self.same_origin_read():
            return
        self.guarded(self.route_get, unquote(urlsplit(self.path).path))

    def route_get(self, path: str) -> None:
        preview = self.preview
        if path == "/":
            self.send(HTTPStatus.OK, preview.preview_page(self.token), "text/html; charset=utf-8")
        elif path == "/api/state":
            self.send_json(preview.state())
        elif path == "/favicon.ico":
            self.send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        elif path == "/api/events":
            self.stream_events()
        elif path.startswith(STATIC_PREFIX):
            self.send_static(path[len(STATIC_PREFIX):])
        elif path.startswith(COURSE_PREFIX) or path == COURSE_PREFIX.rstrip("/"):
            self.send_course_file(path[len(COURSE_PREFIX):] or "index.html")
        else:
            self.refuse(HTTPStatus.NOT_FOUND, "not_found")

    def do_POST(self) -> None:  # noqa: N802 - http.server's API
        if not self.trusted_host():
            return
        if urlsplit(self.path).path != "/api/choose":
            self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        if not self.same_origin_write():
            return
        if self.headers.get_content_type() != "application/json":
            self.refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "bad_type")
            return
        body = self.read_body()
        if body is not None:
            self.guarded(self.choose, body)

    def choose(self, body: bytes) -> None:
        """Switch standard or course; anything but a known standard or catalogued course is refused."""
        try:
            choice = json.loads(body)
        except ValueError:
            choice = None
        if not isinstance(choice, dict):
            self.refuse(HTTPStatus.BAD_REQUEST, "bad_json")
            return
        standard, course = choice.get("standard"), choice.get("course")
        known = (set(choice) <= {"standard", "course"} and (standard or course)
                 and (standard is None or standard in STANDARDS)
                 and (course is None or (isinstance(course, str) and course in self.preview.courses)))
        if not known:
            self.refuse(HTTPStatus.BAD_REQUEST, "bad_choice", standards=", ".join(STANDARDS),
                        courses=", ".join(self.preview.courses))
            return
        self.preview.choose(standard, course)
        self.send_json(self.preview.state())

    def do_PUT(self) -> None:  # noqa: N802 - http.server's API
        self.refuse_method()

    do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_PUT

    def refuse_method(self) -> None:
        if self.trusted_host():
            self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, "method", method=self.command,
                        headers=(("Allow", "GET, POST"),))

    # --- Who may ask -------------------------------------------------------------------------------

    def origins(self) -> tuple[str, ...]:
        """The preview's own origins: the bound port on 127.0.0.1, or on localhost, which is the same."""
        port = self.server.server_address[1]
        return (f"http://127.0.0.1:{port}", f"http://localhost:{port}")

    def trusted_host(self) -> bool:
        """Only addresses of this server are answered: a page from another host name that resolves
        to 127.0.0.1 (DNS rebinding) is refused, and so is another port."""
        host = (self.headers.get("Host") or "").strip().lower()
        port = self.server.server_address[1]
        hosts = {origin.removeprefix("http://") for origin in self.origins()}
        if port == 80:
            hosts |= {"127.0.0.1", "localhost"}
        if host in hosts:
            return True
        self.refuse(HTTPStatus.FORBIDDEN, "refused_host", origin=self.origins()[0])
        return False

    def same_origin_read(self) -> bool:
        """Another site may link to the preview (a top-level navigation), but not fetch from it,
        frame it or hold its event stream open."""
        origin = self.headers.get("Origin")
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        navigation = ((self.headers.get("Sec-Fetch-Mode") or "").lower() == "navigate"
                      and (self.headers.get("Sec-Fetch-Dest") or "document").lower() == "document")
        if (origin is None or origin in self.origins()) and (site in ("", "same-origin", "none") or navigation):
            return True
        self.refuse(HTTPStatus.FORBIDDEN, "refused_origin", origin=self.origins()[0])
        return False

    def same_origin_write(self) -> bool:
        """A change must come from the preview's own page: its origin, and the token in its header.
        A custom header also means another site's script cannot send one without a CORS preflight,
        which this server never grants."""
        origin = self.headers.get("Origin")
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        if (origin is not None and origin not in self.origins()) or site not in ("", "same-origin", "none"):
            self.refuse(HTTPStatus.FORBIDDEN, "refused_origin", origin=self.origins()[0])
            return False
        if not hmac.compare_digest((self.headers.get(TOKEN_HEADER) or "").encode(), self.token.encode()):
            self.refuse(HTTPStatus.FORBIDDEN, "refused_token")
            return False
        return True

    def read_body(self) -> bytes | None:
        """The request's body, read against its Content-Length and the socket's timeout; None once
        a refusal has been sent instead."""
        if "Transfer-Encoding" in self.headers:
            self.refuse(HTTPStatus.LENGTH_REQUIRED, "length_required")
            return None
        lengths = [value.strip() for value in self.headers.get_all("Content-Length") or []]
        if not lengths:
            self.refuse(HTTPStatus.LENGTH_REQUIRED, "length_required")
            return None
        if len(set(lengths)) != 1 or not CONTENT_LENGTH.fullmatch(lengths[0]):
            self.refuse(HTTPStatus.BAD_REQUEST, "bad_length")
            return None
        # Compared as text first: Python will not even convert a number of thousands of digits.
        digits = lengths[0].lstrip("0") or "0"
        length = int(digits) if len(digits) <= len(str(MAX_BODY_BYTES)) else MAX_BODY_BYTES + 1
        if length > MAX_BODY_BYTES:
            self.refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", limit=MAX_BODY_BYTES)
            return None
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            self.refuse(HTTPStatus.REQUEST_TIMEOUT, "timeout")
            return None
        except OSError:
            self.close_connection = True
            return None
        if len(body) < length:
            self.refuse(HTTPStatus.BAD_REQUEST, "truncated")
            return None
        return body

    # --- Answers -----------------------------------------------------------------------------------

    def guarded(self, answer: Callable[..., None], *args: object) -> None:
        """Run one route; a bug in it is a short 500 and a line in the terminal, not a traceback."""
        try:
            answer(*args)
        except Exception as error:  # noqa: BLE001 - the preview keeps serving the author
            self.preview.log(self.preview.say("internal", detail=f"{type(error).__name__}: {error}"))
            self.preview.log_traceback()
            self.refuse(HTTPStatus.INTERNAL_SERVER_ERROR, "internal")

    def refuse(self, status: HTTPStatus, key: str, headers: tuple[tuple[str, str], ...] = (),
               **values: object) -> None:
        """An error in the server's language, as plain text; refusals of trust are also logged, so
        the author learns that some page tried."""
        message = texts(self.preview.lang)["http_" + key].format(**values)
        if key.startswith("refused_"):
            path = quote(self.path[:200], safe="/?&=%:+,;@")  # no control characters reach the terminal
            self.preview.log(self.preview.say("refused", method=self.command, path=path, reason=message))
        self.close_connection = True
        self.send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a malformed request line, headers too long): in our words."""
        status = HTTPStatus(code)
        self.refuse(status, "error", code=status.value, phrase=status.phrase)

    def send_course_file(self, name: str) -> None:
        build = self.preview.current
        if not build.ok:
            if name == "index.html":
                self.send(HTTPStatus.OK, self.preview.error_page(build), "text/html; charset=utf-8")
            else:
                self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        item = build.files.get(name) if plain_name(name) else None
        if item is None:
            self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        try:
            data = item.read()
        except OSError:  # a media file removed since the build; the next build will say so
            self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        self.send(HTTPStatus.OK, data, content_type(name))

    def send_static(self, name: str) -> None:
        files = dict(static_files("preview"))
        if not plain_name(name) or name not in files:
            self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        self.send(HTTPStatus.OK, files[name].read_bytes(), content_type(name))

    def stream_events(self) -> None:
        """Server-Sent Events: the state after every build, and a comment now and then to keep alive."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        seen = preview.version
        try:
            self.wfile.write(self.event(preview.state()))
            self.wfile.flush()
            while not preview.stopping:
                version = preview.wait_for_change(seen, HEARTBEAT_SECONDS)
                if preview.stopping:
                    break
                if version > seen:
                    seen = version
                    self.wfile.write(self.event(preview.state()))
                else:
                    self.wfile.write(b": ping\n\n")
                self.wfile.flush()
        except OSError:
            pass  # the page was closed or reloaded, or stopped reading
        self.close_connection = True

    @staticmethod
    def event(state: dict) -> bytes:
        return f"event: build\ndata: {json.dumps(state, ensure_ascii=False)}\n\n".encode("utf-8")

    def send_json(self, data: dict) -> None:
        self.send(HTTPStatus.OK, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                  "application/json; charset=utf-8")

    def send(self, status: HTTPStatus, body: bytes, kind: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        if self.request_version == "HTTP/0.9":
            # http.server's guess for a line it cannot parse; an answer without status and headers
            # would go out without its protection.
            self.request_version = "HTTP/1.0"
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            self.close_connection = True  # the client has gone or stopped reading

    def end_headers(self) -> None:
        """Every response, the event stream and http.server's own errors included, gets the same
        protection: no framing by other sites, no scripts but our own files, no sniffing."""
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's API
        """Requests are not news to an author; builds are logged instead."""


def plain_name(name: str) -> bool:
    """A file name as the build writes them: forward slashes, no empty, `.` or `..` segment, no
    backslash or control character. The lookup is exact anyway; this says so at the door."""
    return bool(name) and not any(c == "\\" or ord(c) < 32 for c in name) and all(
        part not in ("", ".", "..") for part in name.split("/"))


def content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml", "application/json"):
        kind += "; charset=utf-8"
    return kind


class PreviewHTTPServer(ThreadingHTTPServer):
    """One daemon thread per request, a listen queue for bursts, and no tracebacks on the terminal."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True
    preview: Preview

    def handle_error(self, request: socket.socket, client_address: tuple) -> None:
        """A request the handler could not finish: one line for the author, details with --debug."""
        preview = type(self).preview
        error = traceback.format_exc().rstrip().splitlines()[-1]
        preview.log(preview.say("internal", detail=error))
        preview.log_traceback()


class PreviewServer:
    """The HTTP server and the watcher, each in its own thread, around one Preview."""

    def __init__(self, root: Path, course: str | None = None, port: int = 8000, standard: str = "scorm12",
                 lang: str = "sv", log: Callable[[str], None] = lambda message: None, debug: bool = False,
                 request_timeout: float = REQUEST_TIMEOUT_SECONDS) -> None:
        self.preview = Preview(root, course, standard, lang, log, debug)
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
        """Build once, then serve and watch in the background; returns the first build."""
        first = self.preview.rebuild()
        self.threads = [
            threading.Thread(target=self.http.serve_forever, name="etos-preview-http", daemon=True),
            threading.Thread(target=self.preview.watch, name="etos-preview-watch", daemon=True),
        ]
        for thread in self.threads:
            thread.start()
        return first

    def stop(self) -> None:
        self.preview.stop()
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(timeout=5)

    def __enter__(self) -> "PreviewServer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
