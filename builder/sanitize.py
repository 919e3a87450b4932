"""The last gate for HTML: every fragment the render stage hands to a writer passes this allowlist.

The renderer already refuses sources with raw HTML, links that run code and images from outside
the course, at file:line. This gate does not rely on that: it re-parses each fragment as a browser
would (nh3, i.e. html5ever and ammonia) and keeps only the elements and attributes the renderer
itself produces. Links may point inside the package (a relative path or `#…`) or to `http:`,
`https:`, `mailto:` and `tel:` (the schemes the render checks allow); images only at the package's
own `media/` folder. Anything else is dropped, so no writer can receive markup that runs code or
fetches something from outside the course.
"""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup

# What Python-Markdown makes of the source format: paragraphs, headings, lists, quotes, tables,
# code (also fenced), links, images and figures, footnotes (sup, div, hr) and line breaks.
ELEMENTS = {
    "a", "blockquote", "br", "code", "div", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "img", "li",
    "ol", "p", "pre", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ATTRIBUTES = {
    "a": {"href", "title", "class", "rel", "data-term"},
    "img": {"src", "alt", "title", "loading"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
    "div": {"class"},
    "table": {"class"},
    "code": {"class"},
    "th": {"style"},
    "td": {"style"},
}
# Classes the player's and the print's CSS and scripts rely on, per element.
CLASSES = {
    "a": {"term", "footnote-ref", "footnote-backref"},
    "div": {"footnote"},
    "table": {"table"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
LANGUAGE_CLASS = re.compile(r"^language-[A-Za-z0-9_#+.-]{1,40}$")
ELEMENT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]{0,200}$")
TABLE_ALIGNMENT = re.compile(r"^text-align:\s*(left|center|right);?$")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# A browser ignores these anywhere in a URL, and spaces and controls at its ends.
URL_IGNORED = re.compile(r"[\t\n\r]")


def browser_url(value: str) -> str:
    """A URL as a browser reads it from an attribute: ends trimmed, tabs and newlines dropped."""
    return URL_IGNORED.sub("", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12"
                                           "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))


def is_package_path(url: str) -> bool:
    """A relative path that stays inside the package: no host, no root, no backslash, no `..`, no scheme."""
    if not url or url.startswith(("/", "#")) or "\\" in url or SCHEME.match(url):
        return False
    path = url.split("#", 1)[0].split("?", 1)[0]
    return ".." not in path.split("/")


def is_allowed_link(url: str) -> bool:
    """An href the gate lets through: inside the page, inside the package, or an allowed scheme."""
    url = browser_url(url)
    if url.startswith("#"):
        return True
    scheme = SCHEME.match(url)
    if scheme:
        return scheme.group(1).lower() in SCHEMES
    return is_package_path(url)


def is_package_media(url: str) -> bool:
    """An image source the gate lets through: a file in the package's own media folder."""
    url = browser_url(url)
    return is_package_path(url) and url.startswith("media/")


def allowed_value(element: str, attribute: str, value: str) -> str | None:
    """The value an allowed attribute keeps, or None to drop it (nh3's attribute filter)."""
    if attribute == "href":
        return value if is_allowed_link(value) else None
    if attribute == "src":
        return value if is_package_media(value) else None
    if attribute == "class":
        if element == "code":
            return value if LANGUAGE_CLASS.match(value) else None
        return value if value in CLASSES.get(element, set()) else None
    if attribute in ("id", "data-term"):
        return value if ELEMENT_ID.match(value) else None
    if attribute == "rel":
        return value if value == "noopener" else None
    if attribute == "loading":
        return value if value == "lazy" else None
    if attribute == "start":
        return value if value.isdigit() and len(value) <= 9 else None
    if attribute == "style":
        alignment = TABLE_ALIGNMENT.match(value.strip())
        return f"text-align: {alignment.group(1)};" if alignment else None
    return value


def relative_url(url: str) -> str | None:
    """nh3 asks about every URL without a scheme: only paths inside the package and `#…` stay."""
    url = browser_url(url)
    return url if url.startswith("#") or is_package_path(url) else None


CLEANER = nh3.Cleaner(
    tags=ELEMENTS,
    clean_content_tags={"script", "style", "template", "textarea", "title", "noscript", "xmp", "iframe",
                        "noembed", "noframes", "plaintext", "object", "embed", "svg", "math", "select"},
    attributes=ATTRIBUTES,
    attribute_filter=allowed_value,
    strip_comments=True,
    link_rel=None,
    url_schemes=SCHEMES,
    url_relative=relative_url,
    filter_style_properties={"text-align"},
)


def sanitize(fragment: str) -> Markup:
    """An HTML fragment with everything outside the allowlist removed, ready for a template."""
    return Markup(CLEANER.clean(fragment))
