"""A test LMS for cmi5 in front of Ralph, as many LMSs front their LRS: one xAPI endpoint whose
`statements` go to Ralph and whose `activities/state` and `agents/profile` the LMS serves itself
(Ralph has no State resource). It launches an AU as the spec says an LMS does: a registration, the
`launched` statement, LMS.LaunchData, a one-shot fetch URL, then the launch URL with endpoint,
fetch, actor, registration and activityId. Faults are set per launch: the LRS refusing statements,
answering too late, or the token expired.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

CMI5 = "https://w3id.org/xapi/cmi5/context/"
VERBS = "http://adlnet.gov/expapi/verbs/"
SESSION = CMI5 + "extensions/sessionid"
RALPH_USER, RALPH_PASSWORD = "lms", "lms-hemligt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Ralph:
    """Ralph on 127.0.0.1 with the fs backend in append mode (ralph_server.py), one basic-auth user."""

    def __init__(self, folder: Path) -> None:
        import bcrypt

        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        auth = folder / "auth.json"
        auth.write_text(json.dumps([{
            "agent": {"mbox": "mailto:lms@example.org"}, "scopes": ["all"], "username": RALPH_USER,
            "hash": bcrypt.hashpw(RALPH_PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
        }]), encoding="utf-8")
        env = dict(os.environ, RALPH_AUTH_FILE=str(auth), RALPH_APP_DIR=str(folder))
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("ralph_server.py")),
                                         str(self.port), str(folder)], env=env, cwd=folder)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/__heartbeat__", timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Ralph did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        credentials = base64.b64encode(f"{RALPH_USER}:{RALPH_PASSWORD}".encode()).decode()
        request = urllib.request.Request(self.url + path, data=body, method=method, headers={
            "Authorization": f"Basic {credentials}", "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def statements(self) -> list[dict]:
        """Every statement Ralph stored, in the order it stored them."""
        stored = self.folder / "fs_lrs.jsonl"
        if not stored.exists():
            return []
        return [json.loads(line) for line in stored.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Session:
    """One launch of an AU: what the LMS handed the AU, and the faults it plays."""

    course_id: str
    url: str
    registration: str
    session_id: str
    activity_id: str
    actor: dict
    token: str
    mode: str
    faults: dict = field(default_factory=dict)
    fetched: int = 0


class Cmi5Lms:
    """The LMS: serves the unpacked cmi5 packages, the fetch URLs and the xAPI endpoint."""

    def __init__(self, packages: Path, ralph: Ralph) -> None:
        self.packages = packages
        self.ralph = ralph
        self.state: dict[tuple[str, str, str, str], bytes] = {}
        self.sessions: dict[str, Session] = {}  # by token and by fetch key
        self.refused: list[str] = []  # what the LMS turned away, for the fault tests
        handler = type("Handler", (LmsHandler,), {"lms": self})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def package(self, course_id: str) -> str:
        return next(p.name for p in sorted(self.packages.iterdir()) if p.name.startswith(f"{course_id}-"))

    def launch(self, course_id: str, mode: str = "Normal", registration: str | None = None,
               learner: str = "larare-1", mastery: float | None = 0.8, return_url: bool = True) -> Session:
        """What an LMS does before the AU runs; returns the session, whose `url` the browser opens."""
        registration = registration or str(uuid.uuid4())
        actor = {"objectType": "Agent", "name": "Test Testsson",
                 "account": {"homePage": self.base_url, "name": learner}}
        activity_id = f"{self.base_url}/kurs/{course_id}/au"
        session_id = str(uuid.uuid4())
        token = secrets.token_urlsafe(16)
        fetch_key = secrets.token_urlsafe(8)
        publisher_id = f"urn:etos:kurs:{course_id}:au"
        template = {"contextActivities": {"grouping": [{"id": publisher_id, "objectType": "Activity"}]},
                    "extensions": {SESSION: session_id}}
        launched = {
            "id": str(uuid.uuid4()), "actor": actor, "timestamp": now(),
            "verb": {"id": VERBS + "launched", "display": {"en-US": "launched"}},
            "object": {"id": activity_id, "objectType": "Activity"},
            "context": {**json.loads(json.dumps(template)), "registration": registration,
                        "contextActivities": {**template["contextActivities"],
                                              "category": [{"id": CMI5 + "categories/cmi5"}]},
                        "extensions": {SESSION: session_id, CMI5 + "extensions/launchmode": mode,
                                       CMI5 + "extensions/launchurl":
                                           f"{self.base_url}/pkg/{self.package(course_id)}/index.html",
                                       CMI5 + "extensions/moveon": "CompletedAndPassed"}},
        }
        status, body = self.ralph.request("POST", "/xAPI/statements", json.dumps(launched).encode())
        assert status == 200, body
        launch_data = {"contextTemplate": template, "launchMode": mode, "launchMethod": "AnyWindow",
                       "moveOn": "CompletedAndPassed"}
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url:
            launch_data["returnURL"] = f"{self.base_url}/tillbaka?registration={registration}"
        self.state[(activity_id, agent_key(actor), registration, "LMS.LaunchData")] = json.dumps(launch_data).encode()
        query = urlencode({"endpoint": f"{self.base_url}/xapi/", "fetch": f"{self.base_url}/fetch/{fetch_key}",
                           "actor": json.dumps(actor), "registration": registration, "activityId": activity_id},
                          quote_via=quote)
        session = Session(course_id, f"{self.base_url}/pkg/{self.package(course_id)}/index.html?{query}",
                          registration, session_id, activity_id, actor, token, mode)
        self.sessions[token] = self.sessions[fetch_key] = session
        return session

    def statements(self, session: Session) -> list[dict]:
        """The statements of one session as Ralph stored them, `launched` included."""
        return [s for s in self.ralph.statements()
                if s.get("context", {}).get("extensions", {}).get(SESSION) == session.session_id]

    def saved(self, session: Session) -> dict | None:
        """The AU's own progress document in the State API, if any."""
        for (activity, agent, registration, state_id), body in self.state.items():
            own = (session.activity_id, agent_key(session.actor), session.registration)
            if (activity, agent, registration) == own and state_id != "LMS.LaunchData":
                return json.loads(body)
        return None


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


def agent_key(agent: dict | str) -> str:
    value = json.loads(agent) if isinstance(agent, str) else agent
    account = value.get("account", {})
    return f"{account.get('homePage')}|{account.get('name')}"


class LmsHandler(http.server.BaseHTTPRequestHandler):
    lms: ClassVar[Cmi5Lms]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass

    def answer(self, status: int, body: bytes = b"", kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path.startswith("/pkg/"):
            return self.file(path)
        if path == "/tillbaka":
            return self.answer(200, ("<!DOCTYPE html><title>Lärplattformen</title>"
                                     "<h1>Tillbaka i lärplattformen</h1>").encode(),
                               "text/html; charset=utf-8")
        if path.startswith("/xapi/"):
            return self.xapi("GET")
        return self.answer(404)

    def do_PUT(self) -> None:
        self.xapi("PUT")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/fetch/"):
            return self.fetch(path.removeprefix("/fetch/"))
        self.xapi("POST")

    def file(self, path: str) -> None:
        target = (self.lms.packages / path.removeprefix("/pkg/")).resolve()
        if not target.is_file() or self.lms.packages.resolve() not in target.parents:
            return self.answer(404)
        kinds = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
                 ".svg": "image/svg+xml"}
        self.answer(200, target.read_bytes(), kinds.get(target.suffix, "application/octet-stream"))

    def fetch(self, key: str) -> None:
        """The one-shot fetch URL: the token once, then cmi5's error 1."""
        self.body()
        session = self.lms.sessions.get(key)
        if session is None:
            return self.answer(200, json.dumps({"error-code": "3", "error-text": "unknown launch"}).encode())
        session.fetched += 1
        if session.faults.get("fetch-refused"):
            return self.answer(200, json.dumps({"error-code": "2", "error-text": "invalid token"}).encode())
        if session.fetched > 1:
            return self.answer(200, json.dumps({"error-code": "1", "error-text": "already in use"}).encode())
        self.answer(200, json.dumps({"auth-token": session.token}).encode())

    def xapi(self, method: str) -> None:
        parts = urlsplit(self.path)
        resource = parts.path.removeprefix("/xapi/")
        body = self.body() if method in ("PUT", "POST") else b""
        token = (self.headers.get("Authorization") or "").removeprefix("Basic ")
        session = self.lms.sessions.get(token)
        if session is None or session.token != token or session.faults.get("expired"):
            self.lms.refused.append(f"{method} {resource}: token")
            return self.answer(401, b'{"error": "token"}')
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if resource == "statements":
            if session.faults.get("refuse"):
                self.lms.refused.append(f"{method} statements: refused")
                return self.answer(503, b'{"error": "unavailable"}')
            if session.faults.get("slow"):
                time.sleep(session.faults["slow"])
            statements_path = "/xAPI/statements" + (f"?{parts.query}" if parts.query else "")
            status, answer = self.lms.ralph.request(method, statements_path, body or None)
            return self.answer(status, answer)
        if resource == "activities/state":
            key = (query.get("activityId", ""), agent_key(query.get("agent", "{}")), query.get("registration", ""),
                   query.get("stateId", ""))
            if method == "GET":
                stored = self.lms.state.get(key)
                return self.answer(200, stored) if stored is not None else self.answer(404)
            if key[3] == "LMS.LaunchData":
                return self.answer(403)  # the AU must not write LaunchData
            self.lms.state[key] = body
            return self.answer(204)
        if resource == "agents/profile":
            return self.answer(404)
        self.answer(404)
