"""Where a link leads, as a browser reads it: its scheme, or another site without one."""

from __future__ import annotations

import html
import re

# Link schemes a learner's browser may follow; any other (javascript:, vbscript:, data:, file:) is refused.
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):")


def unescape_entities(value: str) -> str:
    """Decode character references until none is left, as deep as a browser would read them."""
    for _ in range(10):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def link_scheme(target: str) -> str | None:
    """The scheme of a link as a browser sees it (entities, tabs and newlines do not hide it).

    One-letter schemes are Windows drive letters, left to the media checks.
    """
    cleaned = re.sub(r"[\x00-\x20]", "", unescape_entities(target)).lower()
    scheme = SCHEME.match(cleaned)
    return scheme.group(1) if scheme else None


def leaves_the_site(target: str) -> bool:
    """`//host/…` (and `\\\\host`, which browsers read the same): another site, without a scheme."""
    cleaned = re.sub(r"[\x00-\x20]", "", unescape_entities(target)).replace("\\", "/")
    return cleaned.startswith("//")
