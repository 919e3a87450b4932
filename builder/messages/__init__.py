"""Every word Etos shows a person, by stable code, in Swedish and English: one catalogue.

Authors are Swedish civil servants, so Swedish is the default; `--lang en` switches. The entries
live in one module per audience (the `SECTIONS` table); each may hold

- `MESSAGES`: problems, code → language → (message, hint), shown with a file and line; codes are
  unique across the catalogue, as `Problem.code` names them;
- `TEXTS`: words of an interface (the CLI's output, the preview's page), code → language → text;
  codes are the section's own, looked up with the section's name.

A section is read the first time a text is looked up, so a command that prints nothing (a no-op
build) never reads the catalogue. A `suggestion` parameter adds "did you mean" to a problem's hint.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from functools import cache
from string import Formatter
from types import ModuleType

LANGUAGES = ("sv", "en")
# The catalogue's sections, by audience: one module each in this package. A new audience (the
# player's interface, say) is one more module here with a `TEXTS` or `MESSAGES` table.
SECTIONS = ("files", "sources", "content", "build", "lints", "scaffold", "cli", "preview", "theme",
            "player", "print")

Problems = dict[str, dict[str, tuple[str, str]]]
Texts = dict[str, dict[str, str]]


@cache
def section_module(name: str) -> ModuleType:
    """One section of the catalogue, read when first needed."""
    return importlib.import_module(f"{__name__}.{name}")


@cache
def problems() -> Problems:
    """Every section's problems, merged: a code defined twice is a mistake in Etos."""
    merged: Problems = {}
    for name in SECTIONS:
        entries: Problems = getattr(section_module(name), "MESSAGES", {})
        clash = set(merged) & set(entries)
        if clash:
            raise ValueError(f"message codes defined twice: {', '.join(sorted(clash))}")
        merged.update(entries)
    return merged


def section_table(name: str) -> Texts:
    """A section's interface texts, code → language → text (only that section is read)."""
    table: Texts = getattr(section_module(name), "TEXTS", {})
    return table


class _Messages(Mapping[str, dict[str, tuple[str, str]]]):
    """The problem messages, read from the catalogue when first asked (see `problems`)."""

    def __getitem__(self, code: str) -> dict[str, tuple[str, str]]:
        return problems()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(problems())

    def __len__(self) -> int:
        return len(problems())


MESSAGES: Mapping[str, dict[str, tuple[str, str]]] = _Messages()


def register_messages(messages: Problems) -> None:
    """Let a module outside the catalogue (the PDF writer) add its own problems; no code twice."""
    known = problems()
    clash = set(known) & set(messages)
    if clash:
        raise ValueError(f"message code {sorted(clash)[0]!r} is already defined")
    known.update(messages)


def placeholders(text: str) -> set[str]:
    """The `{names}` a text fills in."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


SUGGESTION = {"sv": "Menade du ”{suggestion}”?", "en": "Did you mean '{suggestion}'?"}


class Localized(str):
    """A message parameter that reads differently per language ("heltal" / "a whole number").

    It is a str (the Swedish text), so code that only prints or compares it still works; it pickles
    as both of its texts, so it crosses to and from a worker process whole.
    """

    en: str

    def __new__(cls, sv: str, en: str) -> Localized:
        text = super().__new__(cls, sv)
        text.en = en
        return text

    def __reduce__(self) -> tuple[type[Localized], tuple[str, str]]:
        return (Localized, (str(self), self.en))

    def in_language(self, lang: str) -> str:
        return self.en if lang == "en" else str(self)


def language(lang: str) -> str:
    return lang if lang in LANGUAGES else "sv"


def localized_values(params: Mapping[str, object], lang: str) -> dict[str, object]:
    return {key: value.in_language(lang) if isinstance(value, Localized) else value for key, value in params.items()}


def render_message(code: str, params: Mapping[str, object], lang: str = "sv") -> tuple[str, str]:
    """Fill in a problem's message and hint; unknown codes fall back to the code itself."""
    lang = language(lang)
    entry = problems().get(code, {}).get(lang)
    if entry is None:
        return code, ""
    values = _Default(localized_values(params, lang))
    message, hint = entry[0].format_map(values), entry[1].format_map(values)
    suggestion = params.get("suggestion")
    if suggestion and "{suggestion}" not in entry[1]:
        hint = f"{SUGGESTION[lang].format(suggestion=suggestion)} {hint}".strip()
    return message, hint


def text(section: str, code: str, lang: str = "sv", /, **params: object) -> str:
    """An interface text of a section in lang, its placeholders filled in."""
    lang = language(lang)
    return section_table(section)[code][lang].format_map(_Default(localized_values(params, lang)))


def section_texts(section: str, lang: str) -> dict[str, str]:
    """A section's interface texts in one language, for a page that fills them in itself."""
    return {code: entry[language(lang)] for code, entry in section_table(section).items()}


class _Default(dict[str, object]):
    """Leave unknown placeholders visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
