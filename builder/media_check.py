"""Media are what they claim: magic bytes against the extension, and SVG images without active content.

An SVG is an XML program as much as a picture: opened on its own from an LMS, its `<script>` runs in
the LMS's origin; loaded by the PDF engine, its `<image href>` reads files. So an SVG is parsed once
here (lxml, no entities, no network, no huge trees), refused with the exact element and line if it
holds anything active or anything from outside, and what every package and PDF gets is the tree
that was checked, serialised again: comments, processing instructions, DOCTYPE and editor metadata
(Inkscape, Illustrator) gone. Refusing what is active, rather than silently dropping it, is what an
author wants: an image that quietly loses its stylesheet or its link looks wrong with no one told.

The loader calls `check_media_file` once per medium; the package writers take a medium's bytes only
from `packaged_bytes`, which checks again: a file swapped between load and packaging is caught too.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from builder.media_kinds import HEADER_BYTES, KINDS, MediaProblem, sniff
from builder.messages import Localized
from builder.problems import Problems, SourceErrors
from builder.regular_files import NotRegularFile, read_regular_file
from builder.svg_check import sanitised_svg

# Larger than any medium the loader accepts (MAX_MEDIA_BYTES in load.py): a bigger SVG is not parsed
# here but refused by the loader's size check.
SVG_READ_LIMIT = 16 * 1024 * 1024
def check_bytes(data: bytes, suffix: str) -> bytes:
    """The bytes that may go into a package for a file with this extension, or MediaProblem.

    Raster, audio, video, captions and PDF go as they are once their signature matches; an SVG goes
    as its checked tree, serialised again.
    """
    signature = KINDS.get(suffix.lower())
    if signature is None:
        return data  # the loader's own extension check speaks about unknown types
    if not data:
        raise MediaProblem("media-empty")
    found = sniff(data[:HEADER_BYTES])
    if found != signature.kind:
        raise MediaProblem("media-mislabelled", kind=signature.kind, found=describe_kind(found))
    if signature.kind == "SVG":
        return sanitised_svg(data)
    if signature.kind == "WebVTT":
        check_captions(data)
    if signature.kind == "PDF":
        check_pdf(data)
    return data


def describe_kind(found: str | None) -> Localized:
    """What the file really is, for the message: "JPEG" or "okänt innehåll"."""
    if found is None:
        return Localized("okänt innehåll", "unknown content")
    return Localized(found, found)


def check_captions(data: bytes) -> None:
    """WebVTT is UTF-8 text by definition; anything else shows as garbage in the player."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise MediaProblem("media-mislabelled", kind="WebVTT", found=Localized("text som inte är UTF-8",
                                                                               "text that is not UTF-8")) from None


# A PDF viewer runs these when the document opens: a course hands out documents, never programs.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData)\b")


def check_pdf(data: bytes) -> None:
    """Refuse a PDF whose readable dictionaries name scripts, launch actions or embedded files.

    Dictionaries inside compressed object streams are not looked into: this catches what common
    tools write, not a document crafted to hide its actions.
    """
    match = PDF_ACTIVE.search(data)
    if match:
        raise MediaProblem("media-pdf-active", what=match.group(0).decode("ascii"))


# --- SVG ---------------------------------------------------------------------------------------------


def check_media_file(real: Path, reference: str, path: Path, line: int, problems: Problems) -> bool:
    """The loader's one question: may this medium go into the packages? Reasons go into problems.

    A file this module has no rules for (unknown extension) is left to the loader's own checks, and
    so is one too large to parse, which the loader's size check refuses unread.
    """
    suffix = real.suffix.lower()
    if suffix not in KINDS:
        return True
    whole = suffix in (".svg", ".vtt", ".pdf")  # checked throughout, not only by their first bytes
    try:
        status = real.stat()
        if stat.S_ISREG(status.st_mode) and whole and status.st_size > SVG_READ_LIMIT:
            return True
        data = read_regular_file(real, None if whole else HEADER_BYTES)
    except FileNotFoundError:
        return True  # the loader says that the file is missing
    except NotRegularFile:
        problems.error("media-not-regular", path, line, target=reference)
        return False
    except OSError as error:
        problems.error("file-unreadable", path, line, detail=f"{reference}: {error.strerror or error}")
        return False
    try:
        check_bytes(data, suffix)
    except MediaProblem as problem:
        problems.error(problem.code, path, line, target=reference, **problem.params)
        return False
    return True


def packaged_bytes(source: Path) -> bytes:
    """The bytes of a medium as every package and PDF carries them (an SVG sanitised).

    The loader checked the file already; if it has changed since into something refused, the build
    stops with the reason at the file itself rather than package it.
    """
    try:
        if os.path.realpath(source) != str(source):  # the loader resolved it: a link now is a swap
            raise MediaProblem("media-changed")
        data = read_regular_file(source)
        return check_bytes(data, source.suffix)
    except OSError:  # NotRegularFile among them
        problem = MediaProblem("media-changed")
    except MediaProblem as refused:
        problem = refused
    problems = Problems()
    problems.error(problem.code, source, 0, target=source.name, **problem.params)
    raise SourceErrors(problems)
