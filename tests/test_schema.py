"""The typed reader: a source dataclass declares its YAML keys, `read_source` fills it and reports
every problem at its key's line, the same way for every file."""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pytest

import builder.load  # noqa: F401 - imports every source module, so each source class is defined
from builder.model import Text
from builder.problems import Problems
from builder.schema import SourceMapping, key, read_each, read_source
from builder.yamlsource import parse_yaml

PATH = Path("kurs.yaml")


class Colour(str, Enum):
    RED = "röd"
    GREEN = "grön"


@dataclass(kw_only=True)
class Part(SourceMapping):
    name: str = key("namn", required=True)
    count: int = key("antal", default=1)


@dataclass(kw_only=True)
class Sample(SourceMapping):
    title: str = key("titel", required=True)
    minutes: int | None = key("minuter", required=True)
    shown: bool = key("synlig", default=False)
    body: Text = key("text", default="")
    words: list[str] = key("ord", default=[])
    colour: Colour | None = key("färg", default=Colour.RED)
    part: Part | None = key("del", default=None)
    items: list[object] = key("poster", default=[])
    date: str = key("datum", default="")


def read(yaml_text: str, cls: type = Sample) -> tuple[object, list[tuple[str, int, dict]]]:
    problems = Problems()
    data = parse_yaml(textwrap.dedent(yaml_text), PATH, problems)
    source = read_source(cls, data, PATH, problems, 1, where="kurs.yaml")
    return source, [(p.code, p.line, p.params) for p in problems.items]


def codes(found: list[tuple[str, int, dict]]) -> list[tuple[str, int]]:
    return [(code, line) for code, line, _ in found]


def test_a_mapping_reads_into_an_instance_with_left_out_keys_defaulted() -> None:
    source, found = read("titel: Offentlighet\nminuter: 20\n")
    assert found == []
    assert isinstance(source, Sample)
    assert (source.title, source.minutes, source.shown, source.words, source.colour, source.part) == (
        "Offentlighet", 20, False, [], Colour.RED, None)


def test_each_value_is_converted_by_the_attributes_type() -> None:
    source, found = read("""\
        titel: 2026
        minuter: 5
        synlig: ja
        ord: [ett, 2]
        färg: grön
        datum: 2026-11-30
        del: {namn: Första}
        """)
    assert found == []
    assert source.title == "2026" and source.shown is True and source.words == ["ett", "2"]
    assert source.colour is Colour.GREEN and source.date == "2026-11-30"
    assert isinstance(source.part, Part) and (source.part.name, source.part.count) == ("Första", 1)


def test_an_unknown_key_is_reported_at_its_line_with_the_closest_key() -> None:
    _, found = read("titel: A\nminuter: 1\ntitle: B\n")
    assert codes(found) == [("unknown-key", 3)]
    assert found[0][2]["suggestion"] == "titel" and found[0][2]["where"] == "kurs.yaml"


def test_a_missing_required_key_is_reported_at_the_mapping_and_reads_as_empty() -> None:
    source, found = read("synlig: nej\n")
    assert codes(found) == [("missing-key", 1), ("missing-key", 1)]
    assert [params["key"] for _, _, params in found] == ["titel", "minuter"]
    assert source.title == "" and source.minutes is None


def test_a_wrong_type_is_reported_at_its_key_and_the_default_kept() -> None:
    source, found = read("titel: A\nminuter: tjugo\nsynlig: kanske\n")
    assert codes(found) == [("wrong-type", 2), ("wrong-type", 3)]
    assert found[0][2]["expected"] == "heltal" and found[0][2]["found"] == "texten ”tjugo”"
    assert source.minutes is None and source.shown is False


def test_an_empty_required_text_is_refused() -> None:
    _, found = read("titel: '  '\nminuter: 1\n")
    assert codes(found) == [("empty-value", 1)]


def test_a_markdown_text_remembers_the_line_it_starts_on() -> None:
    source, _ = read("titel: A\nminuter: 1\ntext: |\n  Första raden.\n  Andra raden.\n")
    assert isinstance(source.body, Text) and source.body.source.line == 4 and source.body.source.path == PATH
    left_out, _ = read("titel: A\nminuter: 1\n")
    assert isinstance(left_out.body, Text) and left_out.body == ""


def test_a_list_of_texts_keeps_the_line_of_every_item_it_keeps() -> None:
    source, found = read("titel: A\nminuter: 1\nord:\n  - ett\n  - [inte, text]\n  - tre\n")
    assert codes(found) == [("wrong-type", 5)]
    assert source.words == ["ett", "tre"] and source.item_lines("words") == [4, 6]
    one, _ = read("titel: A\nminuter: 1\nord: ensam\n")
    assert one.words == ["ensam"] and one.item_lines("words") == [3]


def test_an_unknown_enum_word_reads_as_none_and_names_the_allowed_words() -> None:
    source, found = read("titel: A\nminuter: 1\nfärg: rö\n")
    assert codes(found) == [("unknown-choice", 3)]
    assert found[0][2]["suggestion"] == "röd" and found[0][2]["known"] == "röd, grön"
    assert source.colour is None


def test_an_enum_may_name_its_own_message_for_an_unknown_word() -> None:
    @dataclass(kw_only=True)
    class Typed(SourceMapping):
        colour: Colour | None = key("färg", required=True, unknown=("question-type", "type"))

    _, found = read("färg: blå\n", Typed)
    assert codes(found) == [("question-type", 1)] and found[0][2]["type"] == "blå"


def test_a_nested_mapping_is_read_with_its_key_as_the_place_named() -> None:
    _, found = read("titel: A\nminuter: 1\ndel:\n  antal: 2\n")
    assert codes(found) == [("missing-key", 4)] and found[0][2]["where"] == "del"
    _, wrong = read("titel: A\nminuter: 1\ndel: 5\n")
    assert codes(wrong) == [("wrong-type", 3)]


def test_something_that_is_no_mapping_reads_as_none() -> None:
    source, found = read("- en lista\n")
    assert source is None and codes(found) == [("expected-mapping", 1)]


def test_a_source_knows_its_keys_their_lines_and_what_was_written() -> None:
    source, _ = read("titel: A\nminuter: 1\nsynlig: ja\n")
    assert Sample.key_of("minutes") == "minuter"
    assert source.line == 1 and source.line_of("shown") == 3 and source.line_of("words") == 1
    assert source.given("shown") and not source.given("words")
    assert source.found("shown") == "ja" and source.shown is True  # as written, and as read


def test_each_mapping_of_a_list_is_read_with_its_line_and_others_are_reported() -> None:
    source, _ = read("titel: A\nminuter: 1\nposter:\n  - namn: X\n  - bara text\n  - namn: Y\n    antal: 3\n")
    problems = Problems()
    parts = read_each(Part, source.items, PATH, problems, 1, where="poster")
    assert [(line, part.name, part.count) for line, part in parts] == [(4, "X", 1), (6, "Y", 3)]
    assert [(p.code, p.line) for p in problems.items] == [("expected-mapping", 5)]


def test_a_required_key_without_an_empty_value_is_a_mistake_in_the_declaration() -> None:
    @dataclass(kw_only=True)
    class Broken(SourceMapping):
        count: int = key("antal", required=True)

    with pytest.raises(TypeError, match="needs a default"):
        read("annat: 1\n", Broken)


def all_source_classes(cls: type = SourceMapping) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *all_source_classes(sub)]
    return found


def test_every_loader_source_declares_one_distinct_key_per_attribute() -> None:
    loader_sources = [c for c in all_source_classes() if c.__module__.startswith("builder.load")]
    assert {c.__name__ for c in loader_sources} >= {
        "CatalogueFile", "GlossaryFile", "TermSource", "CourseFile", "FinalTestSettings", "FrontMatter",
        "QuestionSource", "OptionSource", "QuestionPool", "DilemmaSource", "ChoiceSource", "GuideFile",
        "ActivitySource", "WorksheetSource"}
    for cls in loader_sources:
        keys = [f.metadata.get("key") for f in dataclasses.fields(cls)]
        assert all(keys), f"{cls.__name__} has an attribute without a YAML key"
        assert len(keys) == len(set(keys)), f"{cls.__name__} reads one key twice"
