"""YAML that remembers line numbers, so every later check can say `file:line`.

PyYAML's `compose` gives nodes with marks; we turn them into ordinary dicts, lists and scalars whose
containers carry the 1-based line of each key and item.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from builder.problems import Problems
from builder.regular_files import NotRegularFile, read_regular_file


class MarkedDict(dict[str, Any]):
    """A mapping with the line of the mapping itself, of each key and of where each value's text starts.

    Its values are whatever the author wrote (the loader checks each one), hence Any.
    """

    line: int = 0
    key_lines: dict[str, int]
    value_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def text_line_of(self, key: str) -> int:
        """The line a text value starts on: for `key: |` blocks, the line after the key."""
        value_lines: dict[str, int] = getattr(self, "value_lines", {})
        return value_lines.get(key, self.line_of(key))


class MarkedList(list[Any]):
    """A sequence with its own line and the line of each item; its items are unchecked author data."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# Characters XML 1.0 cannot hold (one in a title would make every manifest unwritable), and the C1
# controls U+007F–U+009F, which only ever come from text decoded with the wrong code page.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class ControlCharacter(Exception):
    """A YAML escape such as "\\e" put an invisible control character into a text."""

    def __init__(self, line: int, character: str) -> None:
        super().__init__(line)
        self.line = line
        self.character = character


def character_name(character: str) -> str:
    return f"U+{ord(character):04X}"


class AliasUsed(Exception):
    """YAML aliases (`*name`) are refused: authors never need them, and nested ones expand
    exponentially (the "billion laughs" attack), so one small file could exhaust the memory."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stopping at the first alias instead of sharing the aliased node."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            # types-PyYAML leaves Parser.peek_event unannotated.
            raise AliasUsed(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


class TooDeep(Exception):
    """Nesting deeper than any course needs, at the line where it went too deep."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


# libyaml composes ten to twenty times faster than PyYAML's own parser, but it recurses in C and would
# crash the whole process on input nested some ten thousand levels deep. Text that might nest deeper
# than this goes to PyYAML's parser, which stops with a RecursionError instead.
C_LOADER_DEPTH_LIMIT = 1000
_C_LOADER = getattr(yaml, "CSafeLoader", None)


def _nesting_bound(text: str) -> int:
    """At least how deep text can nest: every flow bracket, plus twice the deepest line's indentation
    and compact markers (a `key:` may hold a sequence indented no further than itself)."""
    deepest = max((len(line) - len(line.lstrip(" ")) + line.count("- ") + line.count("? ")
                   for line in text.split("\n")), default=0)
    return text.count("[") + text.count("{") + 2 * deepest


def _compose(text: str) -> yaml.Node | None:
    """The node tree of text, from libyaml when that is safe, else from PyYAML's parser."""
    if _C_LOADER is not None and _nesting_bound(text) < C_LOADER_DEPTH_LIMIT:
        loader = _C_LOADER(text)
        try:
            node: yaml.Node | None = loader.get_single_node()
            return node
        except yaml.reader.ReaderError:
            pass  # PyYAML's reader says the same with the character's position in the text
        finally:
            loader.dispose()
    loader = _NoAliasLoader(text)
    try:
        return loader.get_single_node()
    except RecursionError:
        raise TooDeep(loader.line + 1) from None
    finally:
        loader.dispose()


def _alias_line(text: str) -> int:
    """Where the first alias is: libyaml has already shared the aliased node, so ask PyYAML."""
    try:
        _NoAliasLoader(text).get_single_node()
    except AliasUsed as alias:
        return alias.line
    except (yaml.YAMLError, RecursionError):
        pass
    return 1


# Collections may carry no tag but their own; a `!!python/...` tag is an error, not a list.
PLAIN_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# One constructor for every scalar, instead of a new one per value.
_SCALARS = yaml.constructor.SafeConstructor()


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


# No course source nests more than a handful of levels; past this, the text is a mistake or an attack,
# and saying so at the line where it gets too deep beats a RecursionError anywhere below.
MAX_DEPTH = 100


def _convert(node: yaml.Node, line_offset: int, seen: set[int], depth: int = 0) -> object:
    line = node.start_mark.line + 1 + line_offset
    if depth > MAX_DEPTH:
        raise TooDeep(node.start_mark.line + 1)  # parse_yaml adds the offset, as for the parser's own
    if id(node) in seen:  # the same node twice: libyaml resolved an alias
        raise AliasUsed(0)
    seen.add(id(node))
    if not isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_COLLECTION_TAGS:
        raise yaml.constructor.ConstructorError(None, None, f"unknown tag {node.tag}", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result = MarkedDict()
        result.line = line
        result.key_lines = {}
        result.value_lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, line_offset, seen, depth + 1)
            key = str(key) if key is not None else ""
            key_line = key_node.start_mark.line + 1 + line_offset
            if key in result.key_lines:
                raise DuplicateKey(key, key_line)
            result[key] = _convert(value_node, line_offset, seen, depth + 1)
            result.key_lines[key] = key_line
            block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
            result.value_lines[key] = value_node.start_mark.line + 1 + line_offset + (1 if block else 0)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = MarkedList(_convert(item, line_offset, seen, depth + 1) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 + line_offset for item in node.value]
        return items
    # Scalars: let PyYAML's safe constructor resolve ints, bools and dates as usual; an unknown
    # tag such as !!python/object raises a ConstructorError with its line.
    constructor = _SCALARS.yaml_constructors.get(node.tag) or _SCALARS.yaml_constructors[None]
    try:
        value = constructor(_SCALARS, node)
    except ValueError:  # looks like a date or number but is none (2026-13-01): the author's text
        value = node.value
    if isinstance(value, str) and (control := CONTROL_CHARACTER.search(value)):
        raise ControlCharacter(line, control.group())
    return value


def parse_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0) -> object | None:
    """Parse YAML text; on a syntax error record one problem at its line and return None."""
    if "\t" in text:
        for number, text_line in enumerate(text.splitlines(), start=1):
            stripped = text_line.lstrip(" ")
            if stripped.startswith("\t"):
                problems.error("yaml-tab", path, number + line_offset)
                return None
    try:
        node = _compose(text)
        return _convert(node, line_offset, set()) if node is not None else None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as U+007F
        line = text.count("\n", 0, error.position) + 1 + line_offset
        problems.error("control-character", path, line, char=character_name(text[error.position]))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        if error.problem_mark and _at_end(text, error.problem_mark):
            # The text ran out with something still open: point at where it opened if the parser
            # says, else at the last line with text, never past the end of the file.
            last = len(text.rstrip().split("\n"))
            line = min(error.context_mark.line + 1 if error.context_mark else line, last)
        line += line_offset
        problems.error("yaml-syntax", path, line, detail=_describe_yaml_error(error))
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors in practice
        problems.error("yaml-syntax", path, line_offset, detail=str(error).splitlines()[0])
    except DuplicateKey as duplicate:
        problems.error("yaml-duplicate-key", path, duplicate.line, key=duplicate.key)
    except AliasUsed as alias:
        problems.error("yaml-alias", path, (alias.line or _alias_line(text)) + line_offset)
    except ControlCharacter as control:
        problems.error("control-character", path, control.line, char=character_name(control.character))
    except (TooDeep, RecursionError) as deep:
        problems.error("yaml-too-deep", path, getattr(deep, "line", 1) + line_offset)
    return None


def _at_end(text: str, mark: yaml.Mark) -> bool:
    """Whether only blank text follows mark: the parser ran out of text with something still open."""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return True
    return not (lines[mark.line][mark.column:] + "".join(lines[mark.line + 1:])).strip()


def _describe_yaml_error(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's own words, on one line, without its echo of the source."""
    parts = [error.context or "", error.problem or ""]
    return " ".join(p for p in parts if p).strip() or "ogiltig YAML"


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 source file; a file in another encoding is an author's mistake, not a crash, and a
    FIFO or device in a source's place is refused unread, not a build that hangs."""
    try:
        data = read_regular_file(path)
    except FileNotFoundError:
        problems.error("file-missing", path)
        return None
    except NotRegularFile:
        problems.error("file-not-regular", path)
        return None
    except OSError as error:
        problems.error("file-unreadable", path, detail=error.strerror or str(error))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error("not-utf8", path, line)
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    control = CONTROL_CHARACTER.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        problems.error("control-character", path, line, char=character_name(control.group()))
        return None
    return text
