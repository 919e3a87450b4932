"""Who may ask the preview what, and the protection every answer carries.

Any web page the author visits can send requests to 127.0.0.1, so the server trusts only its own
page: the Host must be the bound address (DNS rebinding), the one request that changes anything
(POST /api/choose) must come from the preview's own origin with the token that only its page knows,
and every response forbids framing by other sites and running scripts from anywhere else.

Each check reads the request's headers and returns a `Refusal` or None; the handler sends it.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus

TOKEN_HEADER = "X-Etos-Token"
MAX_BODY_BYTES = 16 * 1024  # a choice of standard and course is under a hundred bytes
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


@dataclass(frozen=True)
class Refusal:
    """An answer other than the one asked for: its status and the key of its words in the catalogue (`http_<key>`)."""

    status: HTTPStatus
    key: str
    values: dict[str, object] = field(default_factory=dict)


def own_origins(port: int) -> tuple[str, ...]:
    """The preview's own origins: the bound port on 127.0.0.1, or on localhost, which is the same."""
    return (f"http://127.0.0.1:{port}", f"http://localhost:{port}")


def host_refusal(headers: Message, port: int) -> Refusal | None:
    """Only addresses of this server are answered: a page from another host name that resolves
    to 127.0.0.1 (DNS rebinding) is refused, and so is another port."""
    host = (headers.get("Host") or "").strip().lower()
    hosts = {origin.removeprefix("http://") for origin in own_origins(port)}
    if port == 80:
        hosts |= {"127.0.0.1", "localhost"}
    if host in hosts:
        return None
    return Refusal(HTTPStatus.FORBIDDEN, "refused_host", {"origin": own_origins(port)[0]})


def read_refusal(headers: Message, port: int) -> Refusal | None:
    """Another site may link to the preview (a top-level navigation), but not fetch from it,
    frame it or hold its event stream open."""
    origin = headers.get("Origin")
    site = (headers.get("Sec-Fetch-Site") or "").lower()
    navigation = ((headers.get("Sec-Fetch-Mode") or "").lower() == "navigate"
                  and (headers.get("Sec-Fetch-Dest") or "document").lower() == "document")
    if (origin is None or origin in own_origins(port)) and (site in ("", "same-origin", "none") or navigation):
        return None
    return Refusal(HTTPStatus.FORBIDDEN, "refused_origin", {"origin": own_origins(port)[0]})


def write_refusal(headers: Message, port: int, token: str) -> Refusal | None:
    """A change must come from the preview's own page: its origin, and the token in its header.
    A custom header also means another site's script cannot send one without a CORS preflight,
    which this server never grants."""
    origin = headers.get("Origin")
    site = (headers.get("Sec-Fetch-Site") or "").lower()
    if (origin is not None and origin not in own_origins(port)) or site not in ("", "same-origin", "none"):
        return Refusal(HTTPStatus.FORBIDDEN, "refused_origin", {"origin": own_origins(port)[0]})
    if not hmac.compare_digest((headers.get(TOKEN_HEADER) or "").encode(), token.encode()):
        return Refusal(HTTPStatus.FORBIDDEN, "refused_token")
    return None


def body_length(headers: Message, limit: int = MAX_BODY_BYTES) -> int | Refusal:
    """The length a request's body must have: one Content-Length of digits only, within the cap.
    Chunked bodies are refused: nothing the preview's page sends needs them."""
    if "Transfer-Encoding" in headers:
        return Refusal(HTTPStatus.LENGTH_REQUIRED, "length_required")
    lengths = [value.strip() for value in headers.get_all("Content-Length") or []]
    if not lengths:
        return Refusal(HTTPStatus.LENGTH_REQUIRED, "length_required")
    if len(set(lengths)) != 1 or not CONTENT_LENGTH.fullmatch(lengths[0]):
        return Refusal(HTTPStatus.BAD_REQUEST, "bad_length")
    # Compared as text first: Python will not even convert a number of thousands of digits.
    digits = lengths[0].lstrip("0") or "0"
    length = int(digits) if len(digits) <= len(str(limit)) else limit + 1
    if length > limit:
        return Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", {"limit": limit})
    return length


def plain_name(name: str) -> bool:
    """A file name as the build writes them: forward slashes, no empty, `.` or `..` segment, no
    backslash or control character. The lookup is exact anyway; this says so at the door."""
    return bool(name) and not any(c == "\\" or ord(c) < 32 for c in name) and all(
        part not in ("", ".", "..") for part in name.split("/"))
