"""Messages about an agency's look: the colours and the logo of the catalogue's `utseende:`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "theme-colour-bad": {
        "sv": ("{key}: ”{value}” är ingen färg",
               "Skriv färgen som en hexkod inom citattecken, till exempel {key}: \"#0b4f8a\"."),
        "en": ("{key}: '{value}' is not a colour",
               "Write the colour as a hex code in quotes, for example {key}: \"#0b4f8a\"."),
    },
    "theme-colour-unquoted": {
        "sv": ("{key} saknar värde: YAML läser allt efter # som en kommentar",
               "Skriv färgen inom citattecken, till exempel {key}: \"#0b4f8a\"."),
        "en": ("{key} has no value: YAML reads everything after # as a comment",
               "Put the colour in quotes, for example {key}: \"#0b4f8a\"."),
    },
    "theme-contrast": {
        "sv": ("{key}: {colour} har för låg kontrast mot den vita sidan för {use}: WCAG 2.1 AA kräver minst {required}:1",
               "Kontrasten är {ratio}:1. En mörkare nyans av samma färg som klarar kravet: \"{suggestion}\"."),
        "en": ("{key}: {colour} has too little contrast against the white page for {use}: WCAG 2.1 AA requires at "
               "least {required}:1",
               "The contrast is {ratio}:1. A darker shade of the same colour that passes: \"{suggestion}\"."),
    },
    "theme-logo-missing": {
        "sv": ("logotypen {target} finns inte",
               "Sökvägen räknas från mappen courses/: en logotyp i courses/media/ skrivs logotyp: media/logotyp.svg."),
        "en": ("the logo {target} does not exist",
               "The path starts in the folder courses/: a logo in courses/media/ is written logotyp: media/logotyp.svg."),
    },
    "theme-logo-kind": {
        "sv": ("logotypen {target} är ingen bild", "Använd en bild av typen {known}; SVG blir skarpast."),
        "en": ("the logo {target} is not an image", "Use an image of type {known}; SVG stays sharpest."),
    },
}
