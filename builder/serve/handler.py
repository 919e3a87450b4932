"""The preview's HTTP: routes, answers and the server that runs one thread per request.

Every request only reads the state; none of them waits for a build. A choice of standard or course
is answered 202 at once and built by the worker; the page learns of the build from its event stream.
"""

from __future__ import annotations

import json
import mimetypes
import socket
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import quote, unquote, urlsplit

from builder.messages import text
from builder.serve import security
from builder.serve.building import log_traceback
from builder.serve.cmi5_lms import LRS_PREFIX
from builder.serve.pages import error_page, preview_page, say
from builder.serve.security import SECURITY_HEADERS, Refusal, plain_name
from builder.serve.state import STANDARDS, Preview
from builder.templates import static_files

HEARTBEAT_SECONDS = 15
COURSE_PREFIX = "/kurs/"
STATIC_PREFIX = "/forhandsvisning/"
REQUEST_TIMEOUT_SECONDS = 10  # loopback requests arrive in milliseconds; a stalled client is dropped
LISTEN_BACKLOG = 256  # holds a burst of connections (a reload fetches a dozen files)
MAX_STATEMENT_BYTES = 1024 * 1024  # a batch of statements with the test's answers, and the saved progress


class PreviewHandler(BaseHTTPRequestHandler):
    """Routes: / the preview page, /kurs/… the course, /forhandsvisning/… the panel's files,
    /api/state, /api/events (Server-Sent Events) and POST /api/choose; for cmi5 also /lrs/… (the
    AU's xAPI endpoint and fetch URL), GET /api/cmi5 (what the LRS received) and POST /api/cmi5/reset.

    Only POST /api/choose changes anything (it asks for a build with another standard or course);
    every GET only reads. Files are looked up by exact name in the build and in
    templates/preview/static, never joined to a folder on disk, so no name can reach outside them.
    """

    preview: Preview  # set on the subclass the server makes
    token: str  # likewise: random per server start, known only to the preview page
    timeout = REQUEST_TIMEOUT_SECONDS  # the socket's timeout, for every read and write
    server_version = "EtosPreview"
    sys_version = ""  # the Python version is nobody's business

    @property
    def port(self) -> int:
        return cast(PreviewHTTPServer, self.server).server_port

    def do_GET(self) -> None:
        if self.refused(security.host_refusal(self.headers, self.port)):
            return
        if self.refused(security.read_refusal(self.headers, self.port)):
            return
        self.guarded(self.route_get, unquote(urlsplit(self.path).path))

    def route_get(self, path: str) -> None:
        if path.startswith(LRS_PREFIX):
            self.lrs(b"")
        elif path == "/api/cmi5":
            self.send_json(HTTPStatus.OK, self.preview.cmi5.records())
        elif path == f"{COURSE_PREFIX}index.html" and self.cmi5_launch():
            return
        elif path == "/":
            self.send(HTTPStatus.OK, preview_page(self.preview, self.token), "text/html; charset=utf-8")
        elif path == "/api/state":
            self.send_json(HTTPStatus.OK, self.preview.state())
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

    def do_POST(self) -> None:
        if self.refused(security.host_refusal(self.headers, self.port)):
            return
        path = urlsplit(self.path).path
        if path.startswith(LRS_PREFIX):
            self.lrs_write()
            return
        if path == "/api/cmi5/reset":
            if not self.refused(security.write_refusal(self.headers, self.port, self.token)):
                self.preview.cmi5.reset()
                self.send_json(HTTPStatus.OK, self.preview.cmi5.records())
            return
        if path != "/api/choose":
            self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        if self.refused(security.write_refusal(self.headers, self.port, self.token)):
            return
        if self.headers.get_content_type() != "application/json":
            self.refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "bad_type")
            return
        body = self.read_body()
        if body is not None:
            self.guarded(self.choose, body)

    def choose(self, body: bytes) -> None:
        """Ask for a build with another standard or course; anything but a known standard or a
        catalogued course is refused. Answers 202 with the state, the build under way in it."""
        try:
            choice = json.loads(body)
        except ValueError:
            choice = None
        if not isinstance(choice, dict):
            self.refuse(HTTPStatus.BAD_REQUEST, "bad_json")
            return
        standard, course = choice.get("standard"), choice.get("course")
        courses = list(self.preview.courses)
        known = (set(choice) <= {"standard", "course"} and (standard or course)
                 and (standard is None or standard in STANDARDS)
                 and (course is None or (isinstance(course, str) and course in courses)))
        if not known:
            self.refuse(HTTPStatus.BAD_REQUEST, "bad_choice", standards=", ".join(STANDARDS),
                        courses=", ".join(courses))
            return
        self.preview.ask(standard=standard, course=course)
        self.send_json(HTTPStatus.ACCEPTED, self.preview.state())

    def do_PUT(self) -> None:
        if urlsplit(self.path).path.startswith(LRS_PREFIX):
            if not self.refused(security.host_refusal(self.headers, self.port)):
                self.lrs_write()
            return
        self.refuse_method()

    def do_DELETE(self) -> None:
        self.refuse_method()

    do_PATCH = do_HEAD = do_OPTIONS = do_DELETE  # noqa: N815 - http.server's API

    # --- cmi5 ----------------------------------------------------------------------------------------

    def cmi5_launch(self) -> bool:
        """The course page of a cmi5 build asked for without launch parameters: launch it as an LMS
        would and send the browser to the launch URL. False for every other build or request."""
        build = self.preview.current
        if build.standard != "cmi5" or not build.ok or urlsplit(self.path).query:
            return False
        origin = f"http://{self.headers.get('Host')}"  # one of ours: host_refusal has passed
        mastery = None if build.mastery_percent is None else build.mastery_percent / 100
        query = self.preview.cmi5.launch(build.course_id, origin, mastery)
        self.send(HTTPStatus.SEE_OTHER, b"", "text/plain", (("Location", f"{COURSE_PREFIX}index.html?{query}"),))
        return True

    def lrs_write(self) -> None:
        """The AU's POST or PUT: from a page of this server only, like every read."""
        if self.refused(security.read_refusal(self.headers, self.port)):
            return
        body = self.read_body(MAX_STATEMENT_BYTES)
        if body is not None:
            self.guarded(self.lrs, body)

    def lrs(self, body: bytes) -> None:
        """The fetch URL (POST, once per launch) and the xAPI resources, with the launch's token."""
        parts = urlsplit(self.path)
        resource = unquote(parts.path)[len(LRS_PREFIX):]
        cmi5 = self.preview.cmi5
        if resource.startswith("fetch/") and self.command == "POST":
            self.send_json(HTTPStatus.OK, cmi5.fetch(resource.removeprefix("fetch/")))
            return
        token = (self.headers.get("Authorization") or "").removeprefix("Basic ")
        status, answer = cmi5.answer(self.command, resource, parts.query, token, body)
        self.send(status, answer, "application/json; charset=utf-8")

    def refuse_method(self) -> None:
        if not self.refused(security.host_refusal(self.headers, self.port)):
            self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, "method", method=self.command,
                        headers=(("Allow", "GET, POST"),))

    def read_body(self, limit: int = security.MAX_BODY_BYTES) -> bytes | None:
        """The request's body, read against its Content-Length and the socket's timeout; None once
        a refusal has been sent instead."""
        length = security.body_length(self.headers, limit)
        if isinstance(length, Refusal):
            self.refused(length)
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
            self.preview.log(say(self.preview.lang, "internal", detail=f"{type(error).__name__}: {error}"))
            log_traceback(self.preview)
            self.refuse(HTTPStatus.INTERNAL_SERVER_ERROR, "internal")

    def refused(self, refusal: Refusal | None) -> bool:
        """Send a security check's refusal, if it made one; True if it did."""
        if refusal is None:
            return False
        self.send_refusal(refusal)
        return True

    def refuse(self, status: HTTPStatus, key: str, headers: tuple[tuple[str, str], ...] = (),
               **values: object) -> None:
        self.send_refusal(Refusal(status, key, values), headers)

    def send_refusal(self, refusal: Refusal, headers: tuple[tuple[str, str], ...] = ()) -> None:
        """An error in the server's language, as plain text; refusals of trust are also logged, so
        the author learns that some page tried."""
        lang, status = self.preview.lang, refusal.status
        message = text("preview", "http_" + refusal.key, lang, **refusal.values)
        if refusal.key.startswith("refused_"):
            path = quote(self.path[:200], safe="/?&=%:+,;@")  # no control characters reach the terminal
            self.preview.log(say(lang, "refused", method=self.command, path=path, reason=message))
        self.close_connection = True
        self.send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a malformed request line, headers too long): in our words."""
        status = HTTPStatus(code)
        self.refuse(status, "error", code=status.value, phrase=status.phrase)

    def send_course_file(self, name: str) -> None:
        """A file of the build on show, by its exact name in the package; the error page instead of
        the course while the sources have errors."""
        build = self.preview.current
        if not build.ok:
            if name == "index.html":
                self.send(HTTPStatus.OK, error_page(self.preview, build), "text/html; charset=utf-8")
            else:
                self.refuse(HTTPStatus.NOT_FOUND, "not_found")
            return
        data = build.files.get(name) if plain_name(name) else None
        if data is None:
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
        """Server-Sent Events: the state after every change, and a comment now and then to keep alive."""
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
    def event(state: dict[str, Any]) -> bytes:
        return f"event: build\ndata: {json.dumps(state, ensure_ascii=False)}\n\n".encode()

    def send_json(self, status: HTTPStatus, data: dict[str, Any]) -> None:
        self.send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

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

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """A request the handler could not finish: one line for the author, details with --debug."""
        preview = type(self).preview
        error = traceback.format_exc().rstrip().splitlines()[-1]
        preview.log(say(preview.lang, "internal", detail=error))
        log_traceback(preview)
