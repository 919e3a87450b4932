"""Typed reading of YAML mappings: a dataclass declares its keys, one reader fills it and checks it.

A source dataclass (a subclass of `SourceMapping`) declares each YAML key next to the attribute it
fills, with `key("titel", required=True)`; the attribute's type says how the value is read (text,
Markdown text with its line, whole number, yes/no, list of texts, raw list, one of an Enum's words,
a nested mapping). `read_source` then finds unknown keys (with "did you mean"), missing keys and
wrong types the same way for every file, each at its key's own line, and returns an instance with
every attribute set, defaults filled for what was left out or refused.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from builder.messages import Localized
from builder.model import SourceRef, Text
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

S = TypeVar("S", bound="SourceMapping")
INVALID = object()  # a value that was given but refused, with its problem recorded


def key(name: str, *, required: bool = False, default: object = dataclasses.MISSING,
        unknown: tuple[str, str] = ("unknown-choice", "value")) -> Any:
    """A dataclass field read from the YAML key `name`; `default` is what a left-out key gives.

    A required key needs no default: a missing one reads as the type's empty value ("" for text,
    [] for lists, None for `X | None`), so later checks never meet a half-built object. For an
    Enum, `unknown` is the message code for a word that is none of its values, and the name of
    the message's parameter for that word.
    """
    metadata = {"key": name, "required": required, "unknown": unknown}
    if isinstance(default, list):
        items = list(default)
        return dataclasses.field(default_factory=lambda: list(items), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


class SourceMapping:
    """Base of the dataclasses `read_source` fills; it also keeps where the mapping and its keys are.

    Not a dataclass itself, so these attributes are no fields: the reader sets them on each instance.
    """

    _mapping: dict[str, object]
    _fallback_line: int
    _item_lines: dict[str, list[int]]

    @classmethod
    def key_of(cls, attribute: str) -> str:
        """The YAML key an attribute is read from: the word a message about it names."""
        return str(_fields(cls)[attribute].metadata["key"])

    @property
    def line(self) -> int:
        """The line the mapping starts on."""
        return self._mapping.line if isinstance(self._mapping, MarkedDict) else self._fallback_line

    def line_of(self, attribute: str) -> int:
        """The line of an attribute's key, or of the mapping when the key is left out."""
        if isinstance(self._mapping, MarkedDict):
            return self._mapping.line_of(self.key_of(attribute))
        return self._fallback_line

    def text_line_of(self, attribute: str) -> int:
        """The line an attribute's text starts on (the line after `key: |`)."""
        if isinstance(self._mapping, MarkedDict):
            return self._mapping.text_line_of(self.key_of(attribute))
        return self._fallback_line

    def given(self, attribute: str) -> bool:
        """Whether the author wrote the attribute's key at all."""
        return self.key_of(attribute) in self._mapping

    def found(self, attribute: str) -> object:
        """The value exactly as YAML read it, for checks on how it was written."""
        return self._mapping.get(self.key_of(attribute))

    def item_lines(self, attribute: str) -> list[int]:
        """The line of each item of a list of texts, in the order of the values kept."""
        return self._item_lines.get(attribute, [])


_FIELDS: dict[type, dict[str, dataclasses.Field[Any]]] = {}
_HINTS: dict[type, dict[str, Any]] = {}


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """A source class's fields by attribute name, looked up once per class."""
    if cls not in _FIELDS:
        _FIELDS[cls] = {f.name: f for f in dataclasses.fields(typing.cast(Any, cls))}
    return _FIELDS[cls]


def _hints(cls: type) -> dict[str, Any]:
    """A source class's attribute types, resolved once per class (annotations are strings here)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def suggest(word: str, candidates: list[str]) -> str:
    """The closest allowed word, for hints like: did you mean `titel`?"""
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches:
        matches = difflib.get_close_matches(word.casefold(), [c.casefold() for c in candidates], n=1, cutoff=0.6)
    return matches[0] if matches else ""


def read_source(cls: type[S], mapping: object, path: Path, problems: Problems, line: int = 0,
                where: str = "") -> S | None:
    """Read a mapping into `cls`, recording every problem at its key's line; None if it is no mapping."""
    if not isinstance(mapping, dict):
        problems.error("expected-mapping", path, getattr(mapping, "line", line), where=where, found=describe(mapping))
        return None
    marked = mapping if isinstance(mapping, MarkedDict) else None
    fields = {str(f.metadata["key"]): f for f in _fields(cls).values()}
    hints = _hints(cls)
    values: dict[str, object] = {}
    item_lines: dict[str, list[int]] = {}
    for name, value in mapping.items():
        key_line = marked.line_of(name) if marked else line
        field = fields.get(name)
        if field is None:
            problems.error("unknown-key", path, key_line, key=name, where=where,
                           suggestion=suggest(name, list(fields)), allowed=", ".join(fields))
            continue
        reading = _Reading(field, hints[field.name], path, problems, key_line)
        converted = reading.convert(value)
        if converted is not INVALID:
            values[field.name] = converted
            if reading.item_lines is not None:
                item_lines[field.name] = reading.item_lines
    mapping_line = marked.line if marked else line
    for name, field in fields.items():
        if name not in mapping and field.metadata["required"]:
            problems.error("missing-key", path, mapping_line, key=name, where=where)
        if field.name not in values:
            values[field.name] = _left_out(field, hints[field.name])
        if _is_text(hints[field.name]) and not isinstance(values[field.name], Text):
            text_line = marked.text_line_of(name) if marked else line
            values[field.name] = Text(str(values[field.name] or ""), SourceRef(path, text_line))
    instance = cls(**values)
    object.__setattr__(instance, "_mapping", mapping)
    object.__setattr__(instance, "_fallback_line", line)
    object.__setattr__(instance, "_item_lines", item_lines)
    return instance


def read_each(cls: type[S], items: object, path: Path, problems: Problems, line: int,
              where: str = "") -> list[tuple[int, S]]:
    """Read every mapping of a YAML list into `cls`, each with its line; items that are no mapping
    are reported and left out."""
    result = []
    for item_line, item in with_lines(items, line):
        source = read_source(cls, item, path, problems, item_line, where=where)
        if source is not None:
            result.append((item_line, source))
    return result


def with_lines(items: object, line: int) -> list[tuple[int, object]]:
    """A YAML list's items, each with its line (`line` where the list does not know it)."""
    if not isinstance(items, list):
        return []
    return [(items.line_of(index) if isinstance(items, MarkedList) else line, item) for index, item in enumerate(items)]


def _left_out(field: dataclasses.Field[Any], hint: Any) -> object:
    """What an attribute holds when its key is left out or its value refused."""
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    inner, optional = _unwrap(hint)
    if optional:
        return None
    if typing.get_origin(inner) is list:
        return []
    if inner in (str, Text):
        return ""
    if inner is bool:
        return False
    raise TypeError(f"{field.name}: a required key of type {hint} needs a default or `| None`")


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """`X | None` → (X, True); anything else → (hint, False)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(hint))
    return hint, False


def _is_text(hint: Any) -> bool:
    return _unwrap(hint)[0] is Text


class _Reading:
    """One key's value on its way to its attribute's type."""

    def __init__(self, field: dataclasses.Field[Any], hint: Any, path: Path, problems: Problems, line: int) -> None:
        self.field, self.path, self.problems, self.line = field, path, problems, line
        self.key = str(field.metadata["key"])
        self.required = bool(field.metadata["required"])
        self.hint = hint
        self.kind, _ = _unwrap(hint)
        self.item_lines: list[int] | None = None

    def wrong(self, expected: type, value: object) -> object:
        self.problems.error("wrong-type", self.path, self.line, key=self.key, expected=TYPE_NAMES[expected],
                            found=describe(value))
        return INVALID

    def convert(self, value: object) -> object:
        """Coerce a YAML value to the attribute's type where an author would expect it; else record why not."""
        kind = self.kind
        if value is None and not self.required:
            return _left_out(self.field, self.hint)
        if isinstance(kind, type) and issubclass(kind, SourceMapping):
            if not isinstance(value, dict):
                return self.wrong(dict, value)
            return read_source(kind, value, self.path, self.problems, self.line, where=self.key)
        if isinstance(kind, type) and issubclass(kind, Enum):
            return self.choice(kind, value)
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().casefold() in TRUE_WORDS | FALSE_WORDS:
                return value.strip().casefold() in TRUE_WORDS
            return self.wrong(bool, value)
        if kind is int:
            return value if isinstance(value, int) and not isinstance(value, bool) else self.wrong(int, value)
        if kind in (str, Text):
            return self.text(value)
        if typing.get_origin(kind) is list:
            return self.items(value, typing.get_args(kind)[0])
        raise TypeError(f"{self.field.name}: no reader for {kind}")

    def text(self, value: object) -> object:
        if isinstance(value, str):
            if self.required and not value.strip():
                self.problems.error("empty-value", self.path, self.line, key=self.key)
                return INVALID
            return value.strip("\n") if "\n" in value.strip() else value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, datetime.date):  # an unquoted 2026-11-30 is a date to YAML
            return value.isoformat()
        return self.wrong(str, value)

    def items(self, value: object, item_kind: Any) -> object:
        """A list; a list of texts takes each item as text and keeps its line, and one text alone."""
        if item_kind is not str:
            return value if isinstance(value, list) else self.wrong(list, value)
        if isinstance(value, str):
            self.item_lines = [self.line]
            return [value.strip()]
        if not isinstance(value, list):
            return self.wrong(list, value)
        items, self.item_lines = [], []
        for index, item in enumerate(value):
            item_line = value.line_of(index) if isinstance(value, MarkedList) else self.line
            if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
                items.append(str(item).strip())
                self.item_lines.append(item_line)
            else:
                self.problems.error("wrong-type", self.path, item_line, key=self.key,
                                    expected=TYPE_NAMES[str], found=describe(item))
        return items

    def choice(self, choices: type[Enum], value: object) -> object:
        """One of an Enum's words; an unknown word reads as None once the allowed words are named."""
        word = self.text(value)
        if word is INVALID:
            return INVALID
        try:
            return choices(str(word).strip())
        except ValueError:
            names = [str(c.value) for c in choices]
            code, word_parameter = self.field.metadata["unknown"]
            self.problems.error(code, self.path, self.line, key=self.key, **{word_parameter: word},
                                suggestion=suggest(str(word), names), known=", ".join(names))
            return None


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
