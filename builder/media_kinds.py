"""What a medium is: the signature of each accepted kind, read from its first bytes, and its media type.

Also `MediaProblem`, the refusal every media check raises: a message code and its parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Enough of a file to see its signature, the WebM doctype and a PDF's version line.
HEADER_BYTES = 4096



@dataclass(frozen=True)
class Signature:
    """What a file of one kind starts with, and the name an author knows it by."""

    kind: str
    mime: str


KINDS = {
    ".png": Signature("PNG", "image/png"),
    ".jpg": Signature("JPEG", "image/jpeg"),
    ".jpeg": Signature("JPEG", "image/jpeg"),
    ".gif": Signature("GIF", "image/gif"),
    ".webp": Signature("WebP", "image/webp"),
    ".svg": Signature("SVG", "image/svg+xml"),
    ".mp3": Signature("MP3", "audio/mpeg"),
    ".mp4": Signature("MP4", "video/mp4"),
    ".webm": Signature("WebM", "video/webm"),
    ".vtt": Signature("WebVTT", "text/vtt"),
    ".pdf": Signature("PDF", "application/pdf"),
}


def sniff(header: bytes) -> str | None:
    """The kind a file's first bytes show, whatever its name says; None if none of ours."""
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if header.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if header.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if header[:4] == b"RIFF" and header[8:12] == b"WEBP":
        return "WebP"
    if header[4:8] == b"ftyp":
        brand = header[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
            return "HEIF"
        return "QuickTime" if brand == b"qt  " else "MP4"
    if header.startswith(b"\x1a\x45\xdf\xa3"):
        # Matroska and WebM share the EBML header; the doctype inside it tells them apart.
        return "WebM" if b"webm" in header[:64] else "Matroska"
    if header.startswith(b"ID3") or (len(header) > 1 and header[0] == 0xFF and header[1] & 0xE0 == 0xE0):
        return "MP3"
    if header.startswith(b"%PDF-"):
        return "PDF"
    text = header.removeprefix(b"\xef\xbb\xbf")
    if re.match(rb"WEBVTT(?:[ \t\r\n]|$)", text):
        return "WebVTT"
    if re.match(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE svg|<svg\b)", text, re.DOTALL):
        return "SVG"
    if text.lstrip().startswith((b"<!DOCTYPE html", b"<html", b"<!doctype html")):
        return "HTML"
    return None


class MediaProblem(Exception):
    """Why a medium is refused: a message code and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

