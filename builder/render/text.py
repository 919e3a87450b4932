"""Plain text of HTML and the Swedish dictionary order: for LMS records, PDF metadata and the glossary."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class TextOfHtml(HTMLParser):
    """Collects the text of an HTML fragment, character references decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)


def plain_text(fragment: str) -> str:
    """HTML → one line of text, for LMS records and PDF metadata (`&ndash;` becomes –, not the entity)."""
    parser = TextOfHtml()
    parser.feed(str(fragment))
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.pieces).replace("\xa0", " ")).strip()


SWEDISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


def swedish_sort_key(text: str) -> list[int]:
    """Sort as a Swedish dictionary does: å, ä, ö after z, case ignored."""
    replacements = {"é": "e", "ü": "y"}
    key = []
    for char in text.casefold():
        char = replacements.get(char, char)
        key.append(SWEDISH_ALPHABET.index(char) if char in SWEDISH_ALPHABET else 100 + ord(char))
    return key
