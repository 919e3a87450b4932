"""Plain text of HTML, the Swedish dictionary order, and where Swedish text may not break a line."""

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


# Spaces no line may break at (Svenska skrivregler): a number and its § or kap. ("12 §", "5 a §",
# "2 kap. 10 §"), § and its number, a number and its unit, the groups of a large number, SFS and its number.
# A space is any run of HTML whitespace, since an author's line may end inside "12\n§".
_SPACE = r"[ \t\n\r\f]+"
_UNIT = r"(?:%|procent|kronor|kr|minuter|min|timmar|dagar|veckor|månader|år)(?!\w)"
TIED_SPACE = re.compile(rf"(?<=\d){_SPACE}(?=(?:[a-z]\s+)?§|kap\.)|(?<=\d\s[a-z]){_SPACE}(?=§)"
                        rf"|(?:(?<=§)|(?<=kap\.)){_SPACE}(?=\d)|(?<=\bSFS){_SPACE}(?=\d)"
                        rf"|(?<=\d){_SPACE}(?=\d{{3}}(?!\d))|(?<=\d){_SPACE}(?={_UNIT})")
NO_BREAK_SPACE = "\u00a0"
# Every tie has a digit on one side, and most texts hold none: one search for a digit, in C, spares
# them TIED_SPACE's six look-behinds at every character (a tenth of a 300-lesson build's CPU).
_DIGIT = re.compile(r"\d")


def tied(value: str) -> str:
    """A text with no-break spaces where Swedish typesetting forbids a line break (TIED_SPACE)."""
    return TIED_SPACE.sub(NO_BREAK_SPACE, value) if _DIGIT.search(value) else value


SWEDISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


def swedish_sort_key(text: str) -> list[int]:
    """Sort as a Swedish dictionary does: å, ä, ö after z, case ignored."""
    replacements = {"é": "e", "ü": "y"}
    key = []
    for char in text.casefold():
        char = replacements.get(char, char)
        key.append(SWEDISH_ALPHABET.index(char) if char in SWEDISH_ALPHABET else 100 + ord(char))
    return key
