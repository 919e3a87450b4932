"""Texts of the `etos` command line (cli.py): what it prints about a run."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
}
