"""SVG images without active content: parsed once, refused at the exact element, serialised again.

See media_check.py for why; this is the SVG half of it.
"""

from __future__ import annotations

import base64
import re
from typing import cast

from lxml import etree

from builder.media_kinds import HEADER_BYTES, MediaProblem, sniff
from builder.messages import Localized

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
        line = data.count(b"\n", 0, subset.start()) + 1
        raise MediaProblem("media-svg-unsafe", what="<!DOCTYPE [ … ]>", svg_line=line)
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
