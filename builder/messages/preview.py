"""Texts and messages of the preview (`etos serve`, builder/serve/): its page and its log."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
}
