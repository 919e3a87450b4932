"""ASCII-safe names: package file names, XML identifiers and heading anchors.

LMSs and zip tools still mangle non-ASCII file names, and XML IDs must be NCNames, so every name
that leaves the model goes through here. Swedish letters are transliterated, not dropped.
"""

from __future__ import annotations

import re
import unicodedata

TRANSLITERATION = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O", "é": "e", "É": "E",
     "ü": "u", "Ü": "U", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ß": "ss", "§": ""}
)


def to_ascii(text: str) -> str:
    """Transliterate Swedish (and other Latin) letters; drop what has no ASCII form."""
    text = text.translate(TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str, separator: str = "-") -> str:
    """A lower-case ASCII slug for anchors: `Jäv och bisysslor` → `jav-och-bisysslor`."""
    slug = re.sub(r"[^a-z0-9]+", separator, to_ascii(text).lower()).strip(separator)
    return slug or "avsnitt"


def safe_file_name(name: str) -> str:
    """A portable file name that keeps its extension: `Styrkedjan å.PNG` → `styrkedjan-a.png`."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    safe_stem = slugify(stem) if stem else "fil"
    safe_extension = re.sub(r"[^a-z0-9]", "", to_ascii(extension).lower())
    return f"{safe_stem}.{safe_extension}" if safe_extension else safe_stem


def xml_identifier(*parts: str) -> str:
    """An XML NCName built from readable parts: `ITEM-sex-principerna`."""
    joined = "-".join(re.sub(r"[^A-Za-z0-9._-]+", "-", to_ascii(p)).strip("-") for p in parts if p)
    if not joined or not (joined[0].isalpha() or joined[0] == "_"):
        joined = "ID-" + joined
    return joined
