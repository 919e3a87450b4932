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

import base64
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lxml import etree

from builder.messages import Localized
from builder.problems import Problems, SourceErrors
from builder.regular_files import NotRegularFile, read_regular_file

# Larger than any medium the loader accepts (MAX_MEDIA_BYTES in load.py): a bigger SVG is not parsed
# here but refused by the loader's size check.
SVG_READ_LIMIT = 16 * 1024 * 1024
# Enough of a file to see its signature, the WebM doctype and a PDF's version line.
HEADER_BYTES = 4096

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# What a static or animated drawing needs; `script`, `foreignObject`, `handler` and `listener` are not here.
SVG_ELEMENTS = frozenset("""
a animate animateMotion animateTransform circle clipPath defs desc ellipse feBlend feColorMatrix
feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight
feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode
feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence filter g
image line linearGradient marker mask metadata mpath path pattern polygon polyline radialGradient
rect set stop style svg switch symbol text textPath title tspan use view
""".split())
ANIMATIONS = frozenset({"animate", "animateMotion", "animateTransform", "set"})
# Raster images an SVG may carry inline (Inkscape and Illustrator embed bitmaps this way).
EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/=\s]*)$", re.IGNORECASE)
# CSS functions that take a URL; only `#fragment` targets (gradients, clip paths, filters) are allowed.
CSS_URL = re.compile(r"\b(?:url|src|image|image-set|cross-fade)\(\s*(['\"]?)([^'\")]*)\1", re.IGNORECASE)
CSS_AT_RULE = re.compile(r"@(import|font-face|namespace)\b", re.IGNORECASE)
INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
CSS_ACTIVE = re.compile(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.IGNORECASE)


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


def svg_parser() -> etree.XMLParser:
    """No entity expansion, no DTD, no network, libxml2's default depth and size limits."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=False, remove_blank_text=False)


def unsafe(what: str, element: etree._Element) -> MediaProblem:
    return MediaProblem("media-svg-unsafe", what=what, svg_line=element.sourceline or 1)


def sanitised_svg(data: bytes) -> bytes:
    """The SVG's checked tree as bytes; MediaProblem naming the first active or outside part."""
    subset = INTERNAL_SUBSET.search(data)
    if subset:  # entity and attribute-default declarations: a bomb, a file reader or an onload
        raise MediaProblem("media-svg-unsafe", what="<!DOCTYPE [ … ]>", svg_line=data.count(b"\n", 0, subset.start()) + 1)
    try:
        root = etree.fromstring(data, svg_parser())
    except etree.XMLSyntaxError as error:
        raise MediaProblem("media-svg-unreadable", detail=parse_error_text(error), svg_line=error.lineno or 1) from None
    for sibling in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        if isinstance(sibling, etree._ProcessingInstruction) and sibling.target == "xml-stylesheet":
            raise unsafe("<?xml-stylesheet?>", sibling)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise MediaProblem("media-mislabelled", kind="SVG",
                           found=Localized(f"XML med rotelementet <{etree.QName(root).localname}>",
                                           f"XML with the root element <{etree.QName(root).localname}>")
                           if root.tag != "svg" else Localized("SVG utan xmlns", "SVG without xmlns"))
    check_svg_attributes(root, "svg")
    check_svg_element(root)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def embedded_rasters(svg: bytes) -> dict[str, tuple[bytes, str]]:
    """The raster images a checked SVG carries inline, by their `data:` URL: the PDF engine asks for
    them by that URL, and may have exactly these and no other."""
    found: dict[str, tuple[bytes, str]] = {}
    for element in etree.fromstring(svg, svg_parser()).iter(f"{{{SVG_NS}}}image", f"{{{SVG_NS}}}feImage"):
        for attribute in ("href", f"{{{XLINK_NS}}}href"):
            reference = element.get(attribute) or ""
            embedded = EMBEDDED_IMAGE.match(reference.strip())
            if embedded:
                raster = base64.b64decode(re.sub(r"\s+", "", embedded.group(2)))
                found[reference] = (raster, f"image/{embedded.group(1).lower()}")
    return found


def parse_error_text(error: etree.XMLSyntaxError) -> Localized | str:
    """libxml2's complaint without its position (the message gives the line) or its option names."""
    if "depth" in (error.msg or "").lower():
        return Localized("elementen är nästlade för djupt", "the elements are nested too deeply")
    return re.sub(r",? line \d+, column \d+$", "", error.msg or str(error))


def check_svg_element(element: etree._Element) -> None:
    """Check element and its subtree; drop comments, processing instructions and editor metadata."""
    for child in list(element):
        if not isinstance(child.tag, str):
            if isinstance(child, etree._Entity):
                raise unsafe(f"&{child.name};", child)
            remove_keeping_tail(child)  # a processing instruction
            continue
        name = etree.QName(child)
        if name.namespace == XHTML_NS:
            raise unsafe(f"<{name.localname}> (XHTML)", child)
        if name.namespace != SVG_NS:
            remove_keeping_tail(child)  # editor data (inkscape:, sodipodi:, i:): never drawn
            continue
        if name.localname not in SVG_ELEMENTS:
            raise unsafe(f"<{name.localname}>", child)
        check_svg_attributes(child, name.localname)
        if name.localname == "style":
            check_css(child.text or "", child)
        check_svg_element(child)


def check_svg_attributes(element: etree._Element, local_name: str) -> None:
    for attribute, raw_value in list(element.attrib.items()):
        value = cast(str, raw_value)  # lxml gives str; lxml-stubs also allows bytes
        name = etree.QName(attribute)
        if name.localname.lower().startswith("on"):
            raise unsafe(f"{name.localname}=", element)
        if name.namespace not in (None, XLINK_NS, XML_NS):
            del element.attrib[attribute]  # inkscape:label and the like
            continue
        if name.namespace == XML_NS and name.localname == "base":
            raise unsafe("xml:base=", element)
        if name.localname == "href":
            check_reference(value, element, local_name)
        elif local_name in ANIMATIONS and name.localname == "attributeName" and value.strip().lower().endswith("href"):
            raise unsafe(f'<{local_name} attributeName="{value}">', element)
        elif name.localname == "style":
            check_css(value, element)
        elif "(" in value:
            check_css_urls(value, element)


def check_reference(value: str, element: etree._Element, local_name: str) -> None:
    """Links and uses point inside the drawing; images may be raster data carried inline."""
    target = value.strip()
    if target.startswith("#"):
        return
    embedded = EMBEDDED_IMAGE.match(target)
    if embedded and local_name in ("image", "feImage"):
        try:
            raster = base64.b64decode(re.sub(r"\s+", "", embedded.group(2)), validate=True)
        except ValueError:
            raise unsafe(f'href="{target[:40]}…"', element) from None
        expected = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP"}[embedded.group(1).lower()]
        if sniff(raster[:HEADER_BYTES]) == expected:
            return
    shown = target if len(target) <= 60 else target[:57] + "…"
    raise unsafe(f'href="{shown}"', element)


def check_css(text: str, element: etree._Element) -> None:
    """CSS in a style element or attribute: no imports, no fonts from outside, no URLs but #fragments."""
    if "\\" in text:
        raise unsafe("CSS escape (\\)", element)  # `u\72l(` is url( to a browser, not to a pattern
    at_rule = CSS_AT_RULE.search(text)
    if at_rule:
        raise unsafe(at_rule.group(0), element)
    active = CSS_ACTIVE.search(text)
    if active:
        raise unsafe(active.group(0), element)
    check_css_urls(text, element)


def check_css_urls(text: str, element: etree._Element) -> None:
    for match in CSS_URL.finditer(text):
        if not match.group(2).strip().startswith("#"):
            raise unsafe(match.group(0) + ")", element)


def remove_keeping_tail(node: etree._Element) -> None:
    """Remove a node; the text after it stays where it was."""
    parent = node.getparent()
    assert parent is not None, "the root element is never removed"
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


# --- files ---------------------------------------------------------------------------------------------


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


def mime_type(path: Path) -> str:
    """The media type a medium is served with, from the same table that checks it."""
    signature = KINDS.get(path.suffix.lower())
    return signature.mime if signature else "application/octet-stream"
