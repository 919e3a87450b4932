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


# Names Windows refuses to create, with or without an extension (`nul.png` is `NUL` to Windows).
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                              *(f"lpt{n}" for n in range(1, 10)), "conin$", "conout$"})
# Characters that Windows, macOS or zip tools refuse or read as separators, and control characters.
FORBIDDEN_CHARACTERS = re.compile(r'[<>:"\\|?*\x00-\x1f\x7f]')
# A stem this long still leaves room for the extension and the folders above it on any LMS server.
MAX_STEM_LENGTH = 80
# One path component, and a whole path inside a package: well under Windows's 260 characters.
MAX_NAME_BYTES = 120
MAX_PATH_BYTES = 200


def safe_file_name(name: str) -> str:
    """A portable file name that keeps its extension: `Styrkedjan å.PNG` → `styrkedjan-a.png`.

    Never a name Windows reserves (`CON.png` → `con-fil.png`), never longer than MAX_STEM_LENGTH
    before the extension.
    """
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    safe_stem = slugify(stem)[:MAX_STEM_LENGTH].rstrip("-") if stem else "fil"
    if safe_stem in WINDOWS_RESERVED:
        safe_stem += "-fil"
    safe_extension = re.sub(r"[^a-z0-9]", "", to_ascii(extension).lower())[:10]
    return f"{safe_stem}.{safe_extension}" if safe_extension else safe_stem


def is_reserved_name(name: str) -> bool:
    """Whether Windows refuses name as a file or folder: `NUL`, `com1.txt`, `aux.tar.gz`."""
    return name.split(".", 1)[0].strip().lower() in WINDOWS_RESERVED


def portable_path_problem(path: str) -> str | None:
    """Why a path inside a package would not extract on every system, or None if it would.

    The last gate before bytes go into a zip: relative, `/`-separated, ASCII, no empty, `.` or `..`
    parts, no reserved names, nothing Windows forbids, no trailing dot or space, short enough.
    """
    if not path or path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return "not a relative path"
    if not path.isascii():
        return "not ASCII"
    if len(path.encode("utf-8")) > MAX_PATH_BYTES:
        return f"longer than {MAX_PATH_BYTES} bytes"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"empty, '.' or '..' part {part!r}"
        if FORBIDDEN_CHARACTERS.search(part):
            return f"forbidden character in {part!r}"
        if part != part.rstrip(". "):
            return f"trailing dot or space in {part!r}"
        if is_reserved_name(part):
            return f"reserved name {part!r}"
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            return f"part longer than {MAX_NAME_BYTES} bytes: {part[:20]}…"
    return None


def xml_identifier(*parts: str) -> str:
    """An XML NCName built from readable parts: `ITEM-sex-principerna`."""
    joined = "-".join(re.sub(r"[^A-Za-z0-9._-]+", "-", to_ascii(p)).strip("-") for p in parts if p)
    if not joined or not (joined[0].isalpha() or joined[0] == "_"):
        joined = "ID-" + joined
    return joined
