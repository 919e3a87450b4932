"""An agency's colours in the player: checked for WCAG 2.1 AA contrast, then turned into CSS tokens.

The catalogue's `utseende:` names a primary colour and an accent colour. The player's stylesheet
(templates/player/static/etos.css) uses them through custom properties; this module computes every
property from the two colours (the shade for hover, the text colour on the primary, the light tints
for backgrounds), so an author sets two values and every pair the player shows still passes AA.

What each colour is used for decides the contrast it needs against the page (`SURFACE`):

- the primary colour is the colour of links and of buttons: text, so 4.5:1 (and with it the 3:1 of
  a non-text control);
- the accent colour marks things (icons, borders, progress): non-text, so 3:1. The player never sets
  text in it.

A colour that fails is refused with the ratio it has and the nearest darker shade that passes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from builder.messages import Localized
from builder.problems import Problems

SURFACE = "#ffffff"  # the page's background
WHITE = "#ffffff"
INK = "#1b1e23"  # the player's body text, and the dark choice for text on the primary colour
TEXT_RATIO = 4.5  # WCAG 2.1 1.4.3, normal text
UI_RATIO = 3.0  # WCAG 2.1 1.4.11, controls, borders and icons
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
RGB = tuple[int, int, int]


@dataclass(frozen=True)
class ColourUse:
    """One way the player uses a colour on the page, and the contrast that use needs."""

    ratio: float
    name: Localized


LINK_TEXT = ColourUse(TEXT_RATIO, Localized("länkar och knappar med text", "links and buttons with text"))
MARKER = ColourUse(UI_RATIO, Localized("ikoner, ramar och markeringar", "icons, borders and markers"))
PRIMARY_USES = (LINK_TEXT, MARKER)
ACCENT_USES = (MARKER,)


def parse_colour(text: str) -> str | None:
    """`#0B4F8A` or `#08f` as the canonical `#0b4f8a`; None for anything that is no hex colour."""
    text = text.strip()
    if not HEX_COLOUR.match(text):
        return None
    digits = text[1:].lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return "#" + digits


def channels(colour: str) -> RGB:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_of(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(value))):02x}" for value in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour, from 0 (black) to 1 (white)."""
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(value) for value in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, toward: str, amount: float) -> str:
    """colour moved `amount` (0 to 1) of the way to `toward`, channel by channel."""
    return hex_of(tuple(c + (t - c) * amount for c, t in zip(channels(colour), channels(toward), strict=True)))


def darker(colour: str, factor: float) -> str:
    """The same hue with every channel scaled by factor (below 1: darker)."""
    return hex_of(tuple(value * factor for value in channels(colour)))


def darker_passing(colour: str, against: str, ratio: float) -> str:
    """The lightest darker shade of colour with at least `ratio` against `against` (black at worst)."""
    for step in range(200, -1, -1):
        shade = darker(colour, step / 200)
        if contrast(shade, against) >= ratio:
            return shade
    return "#000000"


def ratio_text(ratio: float) -> Localized:
    """A ratio as authors read it, rounded down so that a failing 4.497 never shows as 4.5."""
    shown = f"{math.floor(ratio * 100) / 100:.2f}"
    return Localized(shown.replace(".", ","), shown)


def required_text(ratio: float) -> Localized:
    """A required ratio as WCAG writes it: 4.5 and 3."""
    shown = f"{ratio:g}"
    return Localized(shown.replace(".", ","), shown)


def check_colour(value: str, uses: tuple[ColourUse, ...], key: str, path: Path, line: int,
                 problems: Problems) -> str:
    """The canonical form of an author's colour if it is one and passes every use; else "" once the
    reason is recorded at the value's line."""
    colour = parse_colour(value)
    if colour is None:
        problems.error("theme-colour-bad", path, line, key=key, value=value)
        return ""
    failing = [use for use in uses if contrast(colour, SURFACE) < use.ratio]
    if not failing:
        return colour
    strictest = max(failing, key=lambda use: use.ratio)
    needed = max(use.ratio for use in uses)
    problems.error("theme-contrast", path, line, key=key, colour=colour, use=strictest.name,
                   ratio=ratio_text(contrast(colour, SURFACE)), required=required_text(strictest.ratio),
                   suggestion=darker_passing(colour, SURFACE, needed))
    return ""


def text_on(colour: str) -> str:
    """White on the colour where it passes for text, else the near-black ink (whichever passes)."""
    return WHITE if contrast(colour, WHITE) >= TEXT_RATIO or contrast(colour, WHITE) >= contrast(colour, INK) \
        else INK


def tint(colour: str, start: float, pairs: list[tuple[str, float]]) -> str:
    """The strongest light tint of colour, from `start` of the way to white, that every (colour, ratio)
    of pairs still passes on: a background for ink text and for the colour itself."""
    for step in range(round(start * 100), 101):
        candidate = mix(colour, WHITE, step / 100)
        if all(contrast(candidate, other) >= ratio for other, ratio in pairs):
            return candidate
    return WHITE


def pressed(colour: str, on: str) -> str:
    """The shade for hover and pressed: a fifth darker under white text, a fifth lighter under dark
    text, so the text on it gains contrast rather than loses it."""
    return darker(colour, 0.8) if on == WHITE else mix(colour, WHITE, 0.2)


def theme_tokens(primary: str, accent: str) -> dict[str, str]:
    """The player's colour properties for checked colours ("" leaves that colour's properties out)."""
    tokens: dict[str, str] = {}
    if primary:
        on_primary = text_on(primary)
        tokens["--primary"] = primary
        tokens["--primary-strong"] = pressed(primary, on_primary)
        tokens["--on-primary"] = on_primary
        tokens["--primary-soft"] = tint(primary, 0.9, [(INK, TEXT_RATIO), (primary, TEXT_RATIO)])
    if accent:
        tokens["--accent"] = accent
        tokens["--accent-soft"] = tint(accent, 0.85, [(INK, TEXT_RATIO), (accent, UI_RATIO)])
    return tokens
