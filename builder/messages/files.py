"""Messages about reading files at all: existence, encoding, YAML syntax, and files that are no plain files."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # --- files and YAML
    "file-missing": {
        "sv": ("filen finns inte", "Kontrollera filnamnet och att filen ligger i rätt mapp."),
        "en": ("the file does not exist", "Check the file name and that it is in the right folder."),
    },
    "file-unreadable": {
        "sv": ("filen går inte att läsa ({detail})", "Kontrollera filens behörigheter."),
        "en": ("the file cannot be read ({detail})", "Check the file's permissions."),
    },
    "not-utf8": {
        "sv": ("filen är inte sparad som UTF-8",
               "Spara filen som UTF-8 i din textredigerare (Spara som → Kodning: UTF-8)."),
        "en": ("the file is not saved as UTF-8", "Save the file as UTF-8 in your editor."),
    },
    "empty-file": {
        "sv": ("filen är tom", "Fyll i filen enligt författarguiden (docs/forfattarguide.md)."),
        "en": ("the file is empty", "Fill in the file as the authors' guide shows."),
    },
    "yaml-tab": {
        "sv": ("raden är indragen med tabb",
               "YAML tillåter bara mellanslag för indrag. Byt tabben mot två mellanslag."),
        "en": ("the line is indented with a tab",
               "YAML allows only spaces for indentation. Replace the tab with two spaces."),
    },
    "yaml-syntax": {
        "sv": ("YAML-koden går inte att läsa: {detail}",
               "Kontrollera indrag, kolon och citattecken på raden och raden före."),
        "en": ("the YAML cannot be read: {detail}",
               "Check indentation, colons and quotes on this line and the one before."),
    },
    "yaml-duplicate-key": {
        "sv": ("nyckeln ”{key}” står två gånger", "Ta bort den ena, eller slå ihop dem."),
        "en": ("the key '{key}' appears twice", "Remove one of them, or merge them."),
    },
    "yaml-alias": {
        "sv": ("YAML-hänvisningar (*namn) stöds inte",
               "Skriv ut texten på varje ställe där den behövs i stället för att hänvisa till den."),
        "en": ("YAML aliases (*name) are not supported",
               "Write the text out wherever it is needed instead of referring to it."),
    },
    "control-character": {
        "sv": ("raden innehåller det osynliga styrtecknet {char}",
               "Ta bort tecknet. Det följer ofta med när text klistras in från ett annat program."),
        "en": ("the line contains the invisible control character {char}",
               "Remove it; it often comes along when text is pasted from another program."),
    },
    "yaml-too-deep": {
        "sv": ("YAML-koden är nästlad för djupt",
               "En kurs behöver bara några få nivåer av indrag. Kontrollera hakparenteser och indrag."),
        "en": ("the YAML is nested too deeply",
               "A course needs only a few levels of indentation. Check brackets and indentation."),
    },
    "expected-mapping": {
        "sv": ("{where}: här ska det stå nycklar och värden (nyckel: värde), men det står {found}",
               "Jämför med exemplet i författarguiden."),
        "en": ("{where}: expected keys and values (key: value), found {found}",
               "Compare with the example in the authors' guide."),
    },
    "unknown-key": {
        "sv": ("okänd nyckel ”{key}” i {where}", "Tillåtna nycklar: {allowed}."),
        "en": ("unknown key '{key}' in {where}", "Allowed keys: {allowed}."),
    },
    "missing-key": {
        "sv": ("nyckeln ”{key}” saknas i {where}", "Lägg till ”{key}: …”."),
        "en": ("the key '{key}' is missing in {where}", "Add '{key}: …'."),
    },
    "empty-value": {
        "sv": ("”{key}” är tom", "Skriv ett värde efter kolonet."),
        "en": ("'{key}' is empty", "Write a value after the colon."),
    },
    "wrong-type": {
        "sv": ("”{key}” ska vara {expected}, men är {found}", "Rätta värdet. Jämför med exemplet i författarguiden."),
        "en": ("'{key}' must be {expected}, but is {found}", "Correct the value; see the authors' guide."),
    },
    "empty-list": {
        "sv": ("listan ”{key}” är tom", "Skriv minst en punkt, med ”- ” först på raden."),
        "en": ("the list '{key}' is empty", "Write at least one item, starting the line with '- '."),
    },
    "not-positive": {
        "sv": ("”{key}” måste vara större än noll, men är {value}", "Skriv ett positivt heltal."),
        "en": ("'{key}' must be greater than zero, but is {value}", "Write a positive whole number."),
    },
    # --- safe files: what is read, where courses and outputs may lie, names, and faults of the machine
    "file-not-regular": {
        "sv": ("filen är inte en vanlig fil (utan ett namngivet rör, en enhet eller ett uttag)",
               "Byt ut den mot en vanlig textfil. Etos läser aldrig från rör eller enheter."),
        "en": ("the file is not a regular file (but a named pipe, a device or a socket)",
               "Replace it with an ordinary text file. Etos never reads from pipes or devices."),
    },
    "course-folder-outside": {
        "sv": ("kursmappen ”{folder}” ligger inte i projektet",
               "Ange en mapp i projektets rotmapp, till exempel ”min_kurs”, utan ../, absolut sökväg eller länk ut."),
        "en": ("the course folder '{folder}' is not inside the project",
               "Name a folder inside the project root, e.g. 'my_course', without ../, an absolute path or a link out."),
    },
    "id-too-long": {
        "sv": ("kursens id är {length} tecken långt, högst {limit} får plats i filnamnen", "Förslag: {suggestion}"),
        "en": ("the course id is {length} characters long; file names hold at most {limit}",
               "Suggestion: {suggestion}"),
    },
    "id-reserved": {
        "sv": ("id ”{id}” är ett namn som Windows inte tillåter för filer och mappar",
               "Välj ett annat id, till exempel ”{id}-kurs”."),
        "en": ("the id '{id}' is a name Windows does not allow for files and folders",
               "Choose another id, e.g. '{id}-kurs'."),
    },
    "version-too-long": {
        "sv": ("versionen är {length} tecken lång, högst {limit} får plats i filnamnen",
               "Använd en kort version, till exempel \"2.1\"."),
        "en": ("the version is {length} characters long; file names hold at most {limit}",
               "Use a short version, e.g. \"2.1\"."),
    },
}
