"""A small typed schema for YAML mappings: allowed keys, their types, and a "did you mean" hint.

Each source mapping is read through a `Fields` declaration, so unknown keys, missing keys and wrong
types are found the same way everywhere and reported with the key's own line.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.messages import Localized
from builder.problems import Problems
from builder.yamlsource import MarkedDict, MarkedList

TRUE_WORDS = {"ja", "sant", "true", "yes"}
FALSE_WORDS = {"nej", "falskt", "false", "no"}

TYPE_NAMES = {
    str: Localized("text", "text"),
    int: Localized("heltal", "a whole number"),
    bool: Localized("ja eller nej", "yes or no (ja/nej)"),
    list: Localized("lista", "a list"),
    dict: Localized("nyckel–värde-par", "keys and values"),
}


@dataclass(frozen=True)
class Field:
    """One allowed key: its Python type, whether it must be there, and its default."""

    key: str
    kind: type
    required: bool = False
    default: Any = None
    item_kind: type | None = None  # for lists: the type of each item


def suggest(word: str, candidates: list[str]) -> str:
    """The closest allowed word, for hints like: did you mean `titel`?"""
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches:
        matches = difflib.get_close_matches(word.casefold(), [c.casefold() for c in candidates], n=1, cutoff=0.6)
    return matches[0] if matches else ""


def read_fields(
    mapping: object, fields: list[Field], path: Path, problems: Problems, line: int = 0, where: str = ""
) -> dict[str, Any] | None:
    """Check a mapping against its fields; return key → value (defaults filled) or None if unusable."""
    if not isinstance(mapping, dict):
        problems.error("expected-mapping", path, getattr(mapping, "line", line), where=where, found=describe(mapping))
        return None
    marked = mapping if isinstance(mapping, MarkedDict) else None
    allowed = {f.key: f for f in fields}
    result: dict[str, Any] = {}
    for key, value in mapping.items():
        key_line = marked.line_of(key) if marked else line
        field = allowed.get(key)
        if field is None:
            problems.error("unknown-key", path, key_line, key=key, where=where,
                           suggestion=suggest(key, list(allowed)), allowed=", ".join(allowed))
            continue
        converted = convert(value, field, path, problems, key_line)
        if converted is not INVALID:
            result[key] = converted
    mapping_line = marked.line if marked else line
    for field in fields:
        if field.key not in mapping:
            if field.required:
                problems.error("missing-key", path, mapping_line, key=field.key, where=where)
            # Every key gets a value, a missing required one too, so callers never meet a KeyError.
            result[field.key] = field.default() if callable(field.default) else field.default
        elif field.key not in result:
            result[field.key] = field.default() if callable(field.default) else field.default
    return result


INVALID = object()


def convert(value: object, field: Field, path: Path, problems: Problems, line: int) -> Any:
    """Coerce a YAML value to the field's type where an author would expect it; else record why not."""
    kind = field.kind
    if value is None and not field.required:
        return field.default() if callable(field.default) else field.default
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().casefold() in TRUE_WORDS | FALSE_WORDS:
            return value.strip().casefold() in TRUE_WORDS
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is str:
        if isinstance(value, str):
            if field.required and not value.strip():
                problems.error("empty-value", path, line, key=field.key)
                return INVALID
            return value.strip("\n") if "\n" in value.strip() else value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, datetime.date):  # an unquoted 2026-11-30 is a date to YAML
            return value.isoformat()
    elif kind is list:
        if isinstance(value, list):
            if field.item_kind is str:
                items = []
                for index, item in enumerate(value):
                    item_line = value.line_of(index) if isinstance(value, MarkedList) else line
                    if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
                        items.append(str(item).strip())
                    else:
                        problems.error("wrong-type", path, item_line, key=field.key,
                                       expected=TYPE_NAMES[str], found=describe(item))
                return items
            return value
        if field.item_kind is str and isinstance(value, str):
            return [value.strip()]
    elif kind is dict:
        if isinstance(value, dict):
            return value
    problems.error("wrong-type", path, line, key=field.key, expected=TYPE_NAMES[kind], found=describe(value))
    return INVALID


def describe(value: object) -> Localized:
    """How an author would see the value's type in a message, in either language."""
    if value is None:
        return Localized("inget värde", "no value")
    if isinstance(value, bool):
        return Localized("ja/nej", "yes/no")
    if isinstance(value, int):
        return Localized(f"heltalet {value}", f"the whole number {value}")
    if isinstance(value, float):
        return Localized(f"talet {value}", f"the number {value}")
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "…"
        return Localized(f"texten ”{short}”", f"the text '{short}'")
    if isinstance(value, list):
        return Localized("en lista", "a list")
    if isinstance(value, dict):
        return Localized("nyckel–värde-par", "keys and values")
    return Localized(type(value).__name__, type(value).__name__)
