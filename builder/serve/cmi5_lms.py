"""The preview's cmi5 LMS: the launch an LMS makes, and a small in-memory LRS for the statements.

Each load of the course page without launch parameters is a new launch, as when a learner starts
the course again from an LMS: a new session (the same registration, so saved progress resumes), a
`launched` statement, LMS.LaunchData and a fetch URL that hands out its token once. The LRS keeps
the statements as it received them, for the inspector, and the State API's documents; `reset`
starts a new registration. Nothing leaves memory.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

CMI5 = "https://w3id.org/xapi/cmi5/context/"
SESSION = CMI5 + "extensions/sessionid"
LRS_PREFIX = "/lrs/"
MAX_STATEMENTS = 2000  # a preview session sends a few hundred; an endless loop is not kept for ever
ACTOR = {"objectType": "Agent", "name": "Författare, Förhandsvisning",
         "account": {"homePage": "http://127.0.0.1", "name": "forhandsvisning"}}


@dataclass
class Launch:
    session_id: str
    token: str
    fetched: bool = False


@dataclass
class Cmi5Lms:
    """What the preview's cmi5 LMS holds: launches, State API documents and received statements."""

    registration: str = field(default_factory=lambda: str(uuid.uuid4()))
    launches: dict[str, Launch] = field(default_factory=dict)  # by fetch key
    tokens: dict[str, Launch] = field(default_factory=dict)
    documents: dict[tuple[str, str, str], bytes] = field(default_factory=dict)  # (activity, registration, stateId)
    statements: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        """A new registration: the next launch starts the course afresh."""
        with self.lock:
            self.registration = str(uuid.uuid4())
            self.documents.clear()
            self.statements.clear()

    def launch(self, course_id: str, origin: str, mastery: float | None) -> str:
        """The query of a launch URL for the course page, after what an LMS does before it."""
        activity_id = f"{origin}/kurs/{course_id}"
        launch = Launch(str(uuid.uuid4()), secrets.token_urlsafe(16))
        key = secrets.token_urlsafe(12)
        grouping = [{"id": f"urn:etos:kurs:{course_id}:au"}]
        template = {"contextActivities": {"grouping": grouping}, "extensions": {SESSION: launch.session_id}}
        launch_data: dict[str, Any] = {"contextTemplate": template, "launchMode": "Normal",
                                       "launchMethod": "AnyWindow", "moveOn": "CompletedAndPassed"}
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        launched = {"id": str(uuid.uuid4()), "actor": ACTOR, "timestamp": now(),
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/launched", "display": {"en-US": "launched"}},
                    "object": {"id": activity_id, "objectType": "Activity"},
                    "context": {"registration": self.registration,
                                "contextActivities": {"grouping": grouping,
                                                      "category": [{"id": CMI5 + "categories/cmi5"}]},
                                "extensions": {SESSION: launch.session_id, CMI5 + "extensions/launchmode": "Normal"}}}
        with self.lock:
            self.launches[key] = launch
            self.tokens[launch.token] = launch
            self.documents[(activity_id, self.registration, "LMS.LaunchData")] = json.dumps(launch_data).encode()
            self.receive([launched])
            registration = self.registration
        return urlencode({"endpoint": f"{origin}{LRS_PREFIX}", "fetch": f"{origin}{LRS_PREFIX}fetch/{key}",
                          "actor": json.dumps(ACTOR, ensure_ascii=False), "registration": registration,
                          "activityId": activity_id}, quote_via=quote)

    def fetch(self, key: str) -> dict[str, str]:
        """The token, once; cmi5's error 1 after that."""
        with self.lock:
            launch = self.launches.get(key)
            if launch is None:
                return {"error-code": "3", "error-text": "unknown launch"}
            if launch.fetched:
                return {"error-code": "1", "error-text": "already in use"}
            launch.fetched = True
            return {"auth-token": launch.token}

    def receive(self, statements: list[dict[str, Any]]) -> None:
        """Kept as received, with the time the LRS stored them; the oldest go beyond the cap."""
        stored = now()
        for statement in statements:
            if not any(s.get("id") == statement.get("id") for s in self.statements):
                self.statements.append({**statement, "stored": stored})
        del self.statements[:-MAX_STATEMENTS]

    def answer(self, method: str, resource: str, query: str, token: str, body: bytes) -> tuple[HTTPStatus, bytes]:
        """One xAPI request of the AU: statements and the State API; anything else is not there."""
        with self.lock:
            if token not in self.tokens:
                return HTTPStatus.UNAUTHORIZED, b'{"error": "token"}'
            params = {name: values[0] for name, values in parse_qs(query).items()}
            if resource == "statements" and method in ("POST", "PUT"):
                try:
                    sent = json.loads(body)
                except ValueError:
                    return HTTPStatus.BAD_REQUEST, b'{"error": "json"}'
                batch = sent if isinstance(sent, list) else [sent]
                if not all(isinstance(s, dict) for s in batch):
                    return HTTPStatus.BAD_REQUEST, b'{"error": "statement"}'
                self.receive(batch)
                return HTTPStatus.OK, json.dumps([s.get("id") for s in batch]).encode()
            if resource == "activities/state":
                key = (params.get("activityId", ""), params.get("registration", ""), params.get("stateId", ""))
                if method == "GET":
                    document = self.documents.get(key)
                    return (HTTPStatus.OK, document) if document is not None else (HTTPStatus.NOT_FOUND, b"")
                if key[2] == "LMS.LaunchData":
                    return HTTPStatus.FORBIDDEN, b'{"error": "LMS.LaunchData is the LMS\'s"}'
                self.documents[key] = body
                return HTTPStatus.NO_CONTENT, b""
            return HTTPStatus.NOT_FOUND, b""

    def records(self) -> dict[str, Any]:
        """For the inspector: the statements in the order received, and the AU's saved progress."""
        with self.lock:
            saved = [json.loads(body) for (_, registration, state_id), body in self.documents.items()
                     if registration == self.registration and state_id != "LMS.LaunchData"]
            return {"registration": self.registration, "statements": list(self.statements),
                    "saved": saved[0] if saved else None}


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
