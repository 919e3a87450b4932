"""Messages about what lessons contain, found as they are rendered and packaged: Markdown links,
images and raw HTML, and the bytes of media files."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # --- Markdown content
    "raw-html": {
        "sv": ("HTML-kod är inte tillåten i lektionstext: {tag}",
               "Använd Markdown i stället. Vill du visa tecknet < skriver du \\<."),
        "en": ("HTML is not allowed in lesson text: {tag}", "Use Markdown instead. To show a literal < write \\<."),
    },
    "unsafe-link": {
        "sv": ("länken {target} kör kod och är inte tillåten", "Länka till en webbadress eller en annan lektion."),
        "en": ("the link {target} runs code and is not allowed", "Link to a web address or another lesson."),
    },
    "image-without-alt": {
        "sv": ("bilden {target} saknar alternativtext",
               "Beskriv bilden inom hakparenteserna: ![Vad bilden visar]({target})."),
        "en": ("the image {target} has no alt text", "Describe it inside the brackets: ![What it shows]({target})."),
    },
    "glossary-term-unknown": {
        "sv": ("ordet ”{term}” finns inte i ordlistan",
               "Lägg till det i courses/ordlista.yaml eller rätta stavningen."),
        "en": ("'{term}' is not in the glossary", "Add it to courses/ordlista.yaml or correct the spelling."),
    },
    "table-row-too-many-cells": {
        "sv": ("raden har {cells} celler men tabellens rubrikrad bara {header}; de sista cellerna skulle inte visas",
               "Ta bort en cell eller lägg till en kolumn i rubrikraden. Ska ett | stå i texten skriver du \\|."),
        "en": ("the row has {cells} cells but the table's header only {header}; the last ones would not be shown",
               "Remove a cell or add a column to the header. To show a literal | write \\|."),
    },
    "link-broken": {
        "sv": ("länken går till {target}, som inte är en lektion i kursen",
               "Länka till en lektionsfil i samma kurs, till exempel 02-demokrati.md."),
        "en": ("the link points to {target}, which is not a lesson of this course",
               "Link to a lesson file of the same course."),
    },
    "anchor-broken": {
        "sv": ("rubriken #{anchor} finns inte i {file}",
               "Kontrollera rubrikens stavning; ankaret skrivs med små bokstäver och bindestreck."),
        "en": ("the heading #{anchor} does not exist in {file}",
               "Check the heading; anchors are lower case with hyphens."),
    },
    "media-outside": {
        "sv": ("filen {target} ligger utanför kursmappen",
               "Lägg filen i kursens mapp media/ eller i courses/media/ och länka dit."),
        "en": ("the file {target} is outside the course folder", "Put it in the course's media/ or in courses/media/."),
    },
    "media-missing": {
        "sv": ("filen {target} finns inte", "Kontrollera sökvägen. Bilder ligger i kursens mapp media/."),
        "en": ("the file {target} does not exist", "Check the path. Images belong in the course's media/ folder."),
    },
    "media-type": {
        "sv": ("filtypen för {target} stöds inte", "Tillåtna filtyper: {known}."),
        "en": ("the file type of {target} is not supported", "Allowed types: {known}."),
    },
    "media-too-large": {
        "sv": ("filen {target} är {size} MB, största tillåtna storlek är {limit} MB",
               "Minska bilden, till exempel till 1600 pixlar bred, och spara den igen."),
        "en": ("the file {target} is {size} MB; the limit is {limit} MB", "Make it smaller, e.g. 1600 pixels wide."),
    },
    "media-name-clash": {
        "sv": ("filen {target} får samma namn i paketet som {other}", "Byt namn på en av filerna."),
        "en": ("the file {target} gets the same name in the package as {other}", "Rename one of them."),
    },
    "path-outside": {
        "sv": ("filen {target} ligger utanför kursmappen",
               "Lägg filen i kursens mapp och skriv sökvägen från den, utan ../."),
        "en": ("the file {target} is outside the course folder",
               "Put the file in the course folder and give its path from there, without ../."),
    },
    # --- rendering
    "markdown-too-deep": {
        "sv": ("texten är nästlad i {depth} nivåer (citat eller listor i varandra), högst {limit} går",
               "Dela upp citatet eller listan; ingen läsare följer så många nivåer."),
        "en": ("the text nests {depth} levels deep (quotes or lists inside each other); at most {limit} are allowed",
               "Split the quote or the list; no reader follows that many levels."),
    },
    "link-without-scheme": {
        "sv": ("länken {target} saknar https: i början och skulle gå till en annan webbplats",
               "Skriv hela adressen, till exempel https://www.riksdagen.se/."),
        "en": ("the link {target} has no https: and would lead to another site",
               "Write the whole address, e.g. https://www.riksdagen.se/."),
    },
    "image-external": {
        "sv": ("bilden {target} ligger på en annan webbplats",
               "Spara bilden i kursens mapp media/ och visa den därifrån: ![Vad bilden visar](media/bild.png)."),
        "en": ("the image {target} is on another site",
               "Save it in the course's media/ folder and show it from there: ![What it shows](media/image.png)."),
    },
    # --- media content
    "media-empty": {
        "sv": ("filen {target} är tom", "Spara filen på nytt från programmet den gjordes i, eller ta bort bilden."),
        "en": ("the file {target} is empty", "Save it again from the program that made it, or remove the image."),
    },
    "media-mislabelled": {
        "sv": ("filen {target} är inte en {kind}-fil: innehållet är {found}",
               "Filändelsen ska stämma med innehållet. Spara om filen som {kind}, eller byt filändelse."),
        "en": ("the file {target} is not a {kind} file: its content is {found}",
               "The extension must match the content. Save it as {kind}, or change the extension."),
    },
    "media-svg-unsafe": {
        "sv": ("SVG-bilden {target} innehåller {what} (rad {svg_line} i bilden)",
               "En bild får inte innehålla skript, händelseattribut, foreignObject eller hänvisningar till andra "
               "filer. Exportera den igen som ren SVG (till exempel ”Optimerad SVG” i Inkscape) eller som PNG."),
        "en": ("the SVG image {target} contains {what} (line {svg_line} of the image)",
               "An image may not contain scripts, event attributes, foreignObject or references to other files. "
               "Export it again as plain SVG (e.g. 'Optimized SVG' in Inkscape) or as PNG."),
    },
    "media-svg-unreadable": {
        "sv": ("SVG-bilden {target} går inte att läsa: {detail} (rad {svg_line} i bilden)",
               "Öppna bilden i ett ritprogram och spara den igen som SVG."),
        "en": ("the SVG image {target} cannot be read: {detail} (line {svg_line} of the image)",
               "Open it in a drawing program and save it again as SVG."),
    },
    "media-pdf-active": {
        "sv": ("PDF-filen {target} innehåller {what}, som kan köra kod när filen öppnas",
               "Skriv ut dokumentet till en ny PDF (Skriv ut → Spara som PDF) så försvinner skript och bilagor."),
        "en": ("the PDF file {target} contains {what}, which can run code when it is opened",
               "Print it to a new PDF (Print → Save as PDF); scripts and attachments are dropped."),
    },
    "media-changed": {
        "sv": ("filen {target} har ändrats, flyttats eller bytts mot en länk medan kursen byggdes",
               "Bygg kursen igen när filen är på plats."),
        "en": ("the file {target} was changed, moved or replaced by a link during the build",
               "Build the course again once the file is in place."),
    },
    "media-not-regular": {
        "sv": ("{target} är inte en vanlig fil",
               "Byt ut den mot en vanlig fil. Etos läser inte namngivna rör, enheter eller uttag."),
        "en": ("{target} is not a regular file",
               "Replace it with an ordinary file. Etos does not read pipes, devices or sockets."),
    },
}
