"""Every message Etos shows an author, by stable code, in Swedish and English.

Authors are Swedish civil servants, so Swedish is the default; `--lang en` switches. Each entry is
(message, hint). A `suggestion` parameter adds "did you mean" to the hint.
"""

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
        "sv": ("filen är inte sparad som UTF-8", "Spara filen som UTF-8 i din textredigerare (Spara som → Kodning: UTF-8)."),
        "en": ("the file is not saved as UTF-8", "Save the file as UTF-8 in your editor."),
    },
    "empty-file": {
        "sv": ("filen är tom", "Fyll i filen enligt författarguiden (docs/forfattarguide.md)."),
        "en": ("the file is empty", "Fill in the file as the authors' guide shows."),
    },
    "yaml-tab": {
        "sv": ("raden är indragen med tabb", "YAML tillåter bara mellanslag för indrag. Byt tabben mot två mellanslag."),
        "en": ("the line is indented with a tab", "YAML allows only spaces for indentation. Replace the tab with two spaces."),
    },
    "yaml-syntax": {
        "sv": ("YAML-koden går inte att läsa: {detail}", "Kontrollera indrag, kolon och citattecken på raden och raden före."),
        "en": ("the YAML cannot be read: {detail}", "Check indentation, colons and quotes on this line and the one before."),
    },
    "yaml-duplicate-key": {
        "sv": ("nyckeln ”{key}” står två gånger", "Ta bort den ena, eller slå ihop dem."),
        "en": ("the key '{key}' appears twice", "Remove one of them, or merge them."),
    },
    "yaml-alias": {
        "sv": ("YAML-hänvisningar (*namn) stöds inte", "Skriv ut texten på varje ställe där den behövs i stället för att hänvisa till den."),
        "en": ("YAML aliases (*name) are not supported", "Write the text out wherever it is needed instead of referring to it."),
    },
    "control-character": {
        "sv": ("raden innehåller det osynliga styrtecknet {char}", "Ta bort tecknet. Det följer ofta med när text klistras in från ett annat program."),
        "en": ("the line contains the invisible control character {char}", "Remove it; it often comes along when text is pasted from another program."),
    },
    "yaml-too-deep": {
        "sv": ("YAML-koden är nästlad för djupt", "En kurs behöver bara några få nivåer av indrag. Kontrollera hakparenteser och indrag."),
        "en": ("the YAML is nested too deeply", "A course needs only a few levels of indentation. Check brackets and indentation."),
    },
    "expected-mapping": {
        "sv": ("{where}: här ska det stå nycklar och värden (nyckel: värde), men det står {found}", "Jämför med exemplet i författarguiden."),
        "en": ("{where}: expected keys and values (key: value), found {found}", "Compare with the example in the authors' guide."),
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
    # --- catalogue and courses
    "catalogue-missing": {
        "sv": ("katalogen courses/katalog.yaml saknas", "Kör etos i projektets rotmapp, eller ange den med --root."),
        "en": ("the catalogue courses/katalog.yaml is missing", "Run etos in the project's root folder, or name it with --root."),
    },
    "course-folder-missing": {
        "sv": ("kursmappen ”{folder}” har ingen course.yaml", "Skapa kursen med ”etos new course {folder}” eller ta bort raden."),
        "en": ("the course folder '{folder}' has no course.yaml", "Create it with 'etos new course {folder}' or remove the line."),
    },
    "unknown-course": {
        "sv": ("det finns ingen kurs som heter ”{name}”", "Kurser: {known}."),
        "en": ("there is no course called '{name}'", "Courses: {known}."),
    },
    "duplicate-course-id": {
        "sv": ("kurs-id ”{id}” används redan i {other}", "Varje kurs behöver ett eget id."),
        "en": ("course id '{id}' is already used in {other}", "Every course needs its own id."),
    },
    "bad-id": {
        "sv": ("id ”{id}” får bara innehålla små bokstäver a–z, siffror och bindestreck", "Förslag: {suggestion}"),
        "en": ("id '{id}' may contain only lower-case a–z, digits and hyphens", "Suggestion: {suggestion}"),
    },
    "bad-version": {
        "sv": ("versionen ”{version}” kan inte bli del av ett filnamn", "Använd siffror och punkter, till exempel \"1.2\"."),
        "en": ("the version '{version}' cannot be part of a file name", "Use digits and dots, e.g. \"1.2\"."),
    },
    "version-not-quoted": {
        "sv": ("versionen {version} är skriven som ett tal", "Skriv den inom citattecken, till exempel version: \"1.10\", annars blir 1.10 till 1.1."),
        "en": ("the version {version} is written as a number", "Quote it, e.g. version: \"1.10\", or 1.10 becomes 1.1."),
    },
    "duplicate-term": {
        "sv": ("ordet ”{term}” finns redan i ordlistan (rad {other_line})", "Varje term och böjningsform får bara stå en gång."),
        "en": ("the word '{term}' is already in the glossary (line {other_line})", "Each term and form may appear only once."),
    },
    "objective-not-tested": {
        "sv": ("lärandemål {number} (”{objective}”) mäts inte av någon fråga i sluttestet", "Ge minst en fråga i frågebanken ”mål: {number}”."),
        "en": ("learning objective {number} ('{objective}') is not measured by any final test question", "Give at least one pool question 'mål: {number}'."),
    },
    # --- lessons
    "empty-course": {
        "sv": ("kursen har inga lektioner", "Lista lektionsfilerna under ”lektioner:”."),
        "en": ("the course has no lessons", "List the lesson files under 'lektioner:'."),
    },
    "lesson-listed-twice": {
        "sv": ("lektionen {file} står två gånger i listan", "Ta bort den ena raden."),
        "en": ("the lesson {file} is listed twice", "Remove one of the lines."),
    },
    "lesson-path": {
        "sv": ("”{file}” ska vara ett filnamn i mappen lessons/, utan mappar", "Skriv bara filnamnet, till exempel 01-inledning.md."),
        "en": ("'{file}' must be a file name in lessons/, without folders", "Write only the file name, e.g. 01-inledning.md."),
    },
    "lesson-missing": {
        "sv": ("lektionsfilen lessons/{file} finns inte", "Kontrollera stavningen eller skapa filen med ”etos new lesson”."),
        "en": ("the lesson file lessons/{file} does not exist", "Check the spelling or create it with 'etos new lesson'."),
    },
    "lesson-not-listed": {
        "sv": ("lektionen {file} finns i mappen men inte i course.yaml", "Lägg till den under ”lektioner:” eller ta bort filen."),
        "en": ("the lesson {file} is in the folder but not in course.yaml", "Add it under 'lektioner:' or delete the file."),
    },
    "duplicate-lesson-id": {
        "sv": ("lektions-id ”{id}” används redan i {other}", "Ge lektionen ett eget id."),
        "en": ("lesson id '{id}' is already used in {other}", "Give the lesson its own id."),
    },
    "front-matter-missing": {
        "sv": ("lektionen börjar inte med ett huvud mellan två rader ---", "Börja filen med ---, id, titel och minuter, och sedan --- igen."),
        "en": ("the lesson does not start with front matter between two --- lines", "Start with ---, id, titel and minuter, then --- again."),
    },
    "front-matter-unclosed": {
        "sv": ("lektionens huvud avslutas aldrig med ---", "Lägg till en rad med --- efter huvudet."),
        "en": ("the front matter is never closed with ---", "Add a line --- after it."),
    },
    "front-matter-empty": {
        "sv": ("lektionens huvud är tomt", "Skriv id, titel och minuter mellan raderna ---."),
        "en": ("the front matter is empty", "Write id, titel and minuter between the --- lines."),
    },
    "lesson-empty": {
        "sv": ("lektionen har ingen text", "Skriv lektionens text under huvudet."),
        "en": ("the lesson has no text", "Write the lesson's text below the front matter."),
    },
    "heading-level-one": {
        "sv": ("rubriker på nivå 1 (#) är reserverade för lektionens titel", "Använd ## för rubriker i lektionen."),
        "en": ("level-one headings (#) are reserved for the lesson title", "Use ## for headings inside a lesson."),
    },
    # --- blocks
    "block-end-without-start": {
        "sv": ("raden ::: avslutar ett block som aldrig har börjat", "Ta bort raden eller börja blocket med :::typ."),
        "en": ("this ::: closes a block that never started", "Remove the line or start the block with :::kind."),
    },
    "block-unclosed": {
        "sv": ("blocket :::{kind} avslutas aldrig", "Avsluta blocket med en rad som bara innehåller :::."),
        "en": ("the block :::{kind} is never closed", "Close it with a line containing only :::."),
    },
    "block-unknown": {
        "sv": ("okänd blocktyp :::{kind}", "Blocktyper: {known}."),
        "en": ("unknown block kind :::{kind}", "Block kinds: {known}."),
    },
    "block-empty": {
        "sv": ("blocket :::{kind} är tomt", "Skriv innehållet mellan :::{kind} och :::."),
        "en": ("the block :::{kind} is empty", "Write its content between :::{kind} and :::."),
    },
    "too-few-choices": {
        "sv": ("ett dilemma behöver minst två val", "Lägg till fler val under ”val:”."),
        "en": ("a dilemma needs at least two choices", "Add more choices under 'val:'."),
    },
    # --- questions
    "question-type": {
        "sv": ("okänd frågetyp ”{type}”", "Frågetyper: {known}."),
        "en": ("unknown question type '{type}'", "Question types: {known}."),
    },
    "too-few-options": {
        "sv": ("frågan {question} behöver minst två alternativ", "Lägg till fler alternativ."),
        "en": ("question {question} needs at least two options", "Add more options."),
    },
    "no-correct-option": {
        "sv": ("frågan {question} har inget rätt svar", "Markera det rätta alternativet med ”rätt: ja”."),
        "en": ("question {question} has no correct answer", "Mark the correct option with 'rätt: ja'."),
    },
    "single-choice-several-correct": {
        "sv": ("envalsfrågan {question} har {count} rätta svar", "Markera bara ett alternativ med ”rätt: ja”, eller ändra typen till flerval."),
        "en": ("single-choice question {question} has {count} correct answers", "Mark only one option correct, or make it 'flerval'."),
    },
    "true-false-options": {
        "sv": ("sant-falskt-frågan {question} ska ha exakt två alternativ, Sant och Falskt, och ett av dem rätt", "Skriv alternativen ”Sant” och ”Falskt” och markera ett med ”rätt: ja”."),
        "en": ("true/false question {question} needs exactly two options, Sant and Falskt, one of them correct", "Write the options 'Sant' and 'Falskt' and mark one correct."),
    },
    "duplicate-option": {
        "sv": ("frågan {question} har alternativet ”{text}” två gånger", "Ta bort eller skriv om det ena."),
        "en": ("question {question} has the option '{text}' twice", "Remove or reword one of them."),
    },
    "option-without-feedback": {
        "sv": ("ett alternativ i frågan {question} saknar återkoppling", "Skriv ”återkoppling:” som förklarar varför svaret är rätt eller fel."),
        "en": ("an option of question {question} has no feedback", "Add 'återkoppling:' explaining why the answer is right or wrong."),
    },
    "duplicate-question-id": {
        "sv": ("fråge-id ”{id}” används redan i {other}", "Fråge-id måste vara unika i hela kursen, eftersom LMS:et sparar svaren under dem."),
        "en": ("question id '{id}' is already used in {other}", "Question ids must be unique in the course: the LMS stores answers under them."),
    },
    "objective-range": {
        "sv": ("frågan {question} mäter lärandemål {number}, men kursen har {count} lärandemål", "Ange ett nummer från 1 till {count}."),
        "en": ("question {question} measures objective {number}, but the course has {count}", "Use a number from 1 to {count}."),
    },
    "question-file-missing": {
        "sv": ("frågebanken {file} finns inte", "Skapa filen eller rätta ”frågebank:”."),
        "en": ("the question pool {file} does not exist", "Create it or correct 'frågebank:'."),
    },
    "pool-too-small": {
        "sv": ("sluttestet ska lotta {draw} frågor, men frågebanken har bara {pool}", "Skriv fler frågor eller sänk ”antal”."),
        "en": ("the final test draws {draw} questions but the pool has only {pool}", "Write more questions or lower 'antal'."),
    },
    "mastery-range": {
        "sv": ("”godkänt” ska vara en procentsats mellan 1 och 100, men är {value}", "Skriv till exempel godkänt: 80."),
        "en": ("'godkänt' must be a percentage from 1 to 100, but is {value}", "Write e.g. godkänt: 80."),
    },
    # --- Markdown content
    "raw-html": {
        "sv": ("HTML-kod är inte tillåten i lektionstext: {tag}", "Använd Markdown i stället. Vill du visa tecknet < skriver du \\<."),
        "en": ("HTML is not allowed in lesson text: {tag}", "Use Markdown instead. To show a literal < write \\<."),
    },
    "unsafe-link": {
        "sv": ("länken {target} kör kod och är inte tillåten", "Länka till en webbadress eller en annan lektion."),
        "en": ("the link {target} runs code and is not allowed", "Link to a web address or another lesson."),
    },
    "image-without-alt": {
        "sv": ("bilden {target} saknar alternativtext", "Beskriv bilden inom hakparenteserna: ![Vad bilden visar]({target})."),
        "en": ("the image {target} has no alt text", "Describe it inside the brackets: ![What it shows]({target})."),
    },
    "glossary-term-unknown": {
        "sv": ("ordet ”{term}” finns inte i ordlistan", "Lägg till det i courses/ordlista.yaml eller rätta stavningen."),
        "en": ("'{term}' is not in the glossary", "Add it to courses/ordlista.yaml or correct the spelling."),
    },
    "link-broken": {
        "sv": ("länken går till {target}, som inte är en lektion i kursen", "Länka till en lektionsfil i samma kurs, till exempel 02-demokrati.md."),
        "en": ("the link points to {target}, which is not a lesson of this course", "Link to a lesson file of the same course."),
    },
    "anchor-broken": {
        "sv": ("rubriken #{anchor} finns inte i {file}", "Kontrollera rubrikens stavning; ankaret skrivs med små bokstäver och bindestreck."),
        "en": ("the heading #{anchor} does not exist in {file}", "Check the heading; anchors are lower case with hyphens."),
    },
    "media-outside": {
        "sv": ("filen {target} ligger utanför kursmappen", "Lägg filen i kursens mapp media/ eller i courses/media/ och länka dit."),
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
        "sv": ("filen {target} är {size} MB, största tillåtna storlek är {limit} MB", "Minska bilden, till exempel till 1600 pixlar bred, och spara den igen."),
        "en": ("the file {target} is {size} MB; the limit is {limit} MB", "Make it smaller, e.g. 1600 pixels wide."),
    },
    "media-name-clash": {
        "sv": ("filen {target} får samma namn i paketet som {other}", "Byt namn på en av filerna."),
        "en": ("the file {target} gets the same name in the package as {other}", "Rename one of them."),
    },
    "path-outside": {
        "sv": ("filen {target} ligger utanför kursmappen", "Lägg filen i kursens mapp och skriv sökvägen från den, utan ../."),
        "en": ("the file {target} is outside the course folder", "Put the file in the course folder and give its path from there, without ../."),
    },
    # --- facilitator guide
    "guide-file-missing": {
        "sv": ("mappen handledning/ saknar handledning.yaml", "Skapa filen enligt avsnitt 7 i författarguiden."),
        "en": ("the folder handledning/ has no handledning.yaml", "Create it as section 7 of the authors' guide shows."),
    },
    "guide-lesson-unknown": {
        "sv": ("lektionen ”{id}” finns inte i kursen", "Ange ett lektions-id från lektionernas huvud."),
        "en": ("the lesson '{id}' is not in the course", "Use a lesson id from the lessons' front matter."),
    },
    "plan-sum": {
        "sv": ("passen i upplägget är sammanlagt {sum} minuter, men träffen ska vara {total} minuter", "Justera passens minuter eller ”minuter” så att de stämmer."),
        "en": ("the activities add up to {sum} minutes but the session is {total} minutes", "Adjust the activities or 'minuter' so they agree."),
    },
    "guide-chapter-title": {
        "sv": ("kapitlet ska börja med en rubrik: # Rubrik", "Skriv kapitlets titel på första raden, efter # och ett mellanslag."),
        "en": ("the chapter must start with a heading: # Title", "Write the chapter's title on the first line after '# '."),
    },
    # --- build
    "unknown-choice": {
        "sv": ("”{value}” går inte att välja för ”{key}”", "Tillåtna värden: {known}."),
        "en": ("'{value}' is not a choice for '{key}'", "Allowed values: {known}."),
    },
    "bad-date": {
        "sv": ("”{key}” ska vara ett datum skrivet ÅÅÅÅ-MM-DD, men det står ”{value}”", "Skriv till exempel ”{key}: 2026-11-30”."),
        "en": ("'{key}' must be a date written YYYY-MM-DD, found '{value}'", "Write for example '{key}: 2026-11-30'."),
    },
    "question-lesson-unknown": {
        "sv": ("frågan {question} hänvisar till lektionen ”{id}”, som inte finns i kursen", "Kursens lektioner: {known}."),
        "en": ("question {question} refers to the lesson '{id}', which the course does not have", "The course's lessons: {known}."),
    },
    "question-lesson-in-lesson": {
        "sv": ("kunskapskollen {question} har ”lektion:”, men står redan i en lektion", "Ta bort raden ”lektion:”. Den behövs bara för frågor i sluttestets frågebank."),
        "en": ("the knowledge check {question} has 'lektion:' but already stands in a lesson", "Remove the 'lektion:' line; only final-test questions need it."),
    },
    "schemas-missing": {
        "sv": ("mappen med SCORM-scheman {folder} finns inte", "Ange en mapp med --schemas, eller rätta ”scheman:” i courses/katalog.yaml."),
        "en": ("the SCORM schema folder {folder} does not exist", "Name a folder with --schemas, or correct 'scheman:' in courses/katalog.yaml."),
    },
    "package-nonconformant": {
        "sv": ("paketet {package} följer inte SCORM: {detail}", "Det här är ett fel i Etos. Rapportera det gärna."),
        "en": ("the package {package} does not conform to SCORM: {detail}", "This is a bug in Etos; please report it."),
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
        "en": ("the course id is {length} characters long; file names hold at most {limit}", "Suggestion: {suggestion}"),
    },
    "id-reserved": {
        "sv": ("id ”{id}” är ett namn som Windows inte tillåter för filer och mappar",
               "Välj ett annat id, till exempel ”{id}-kurs”."),
        "en": ("the id '{id}' is a name Windows does not allow for files and folders",
               "Choose another id, e.g. '{id}-kurs'."),
    },
    "version-too-long": {
        "sv": ("versionen är {length} tecken lång, högst {limit} får plats i filnamnen", "Använd en kort version, till exempel \"2.1\"."),
        "en": ("the version is {length} characters long; file names hold at most {limit}", "Use a short version, e.g. \"2.1\"."),
    },
    "out-inside-sources": {
        "sv": ("utmappen {out} ligger i {inside}, där källorna finns",
               "Välj en mapp utanför kursmapparna och courses/, till exempel dist/ i projektets rotmapp."),
        "en": ("the output folder {out} is inside {inside}, where the sources are",
               "Choose a folder outside the course folders and courses/, e.g. dist/ in the project root."),
    },
    "out-is-project": {
        "sv": ("utmappen {out} är projektets rotmapp",
               "Bygget skulle skriva bland källorna. Välj en egen mapp, till exempel dist/ i projektets rotmapp."),
        "en": ("the output folder {out} is the project root",
               "The build would write among the sources. Choose a folder of its own, e.g. dist/ in the project root."),
    },
    "out-overlaps-project": {
        "sv": ("utmappen {out} skulle få utdatamappen {folder}, som är projektet eller ligger ovanför det",
               "Bygget skulle ersätta projektets egna mappar. Välj en annan utmapp, till exempel dist/ i projektets rotmapp."),
        "en": ("the output folder {out} would get the output folder {folder}, which is the project or above it",
               "The build would replace the project's own folders. Choose another, e.g. dist/ in the project root."),
    },
    "out-not-folder": {
        "sv": ("utmappen {out} är en fil, inte en mapp", "Ange en mapp med --out, eller ta bort filen."),
        "en": ("the output folder {out} is a file, not a folder", "Name a folder with --out, or remove the file."),
    },
    "out-disk-full": {
        "sv": ("disken är full: bygget fick inte plats i {out}",
               "Frigör utrymme på disken, eller bygg till en annan disk med --out. Inget av det som fanns i mappen har ändrats."),
        "en": ("the disk is full: the build did not fit in {out}",
               "Free some space, or build to another disk with --out. Nothing that was in the folder has changed."),
    },
    "out-read-only": {
        "sv": ("det går inte att skriva i {out} ({detail})",
               "Kontrollera att mappen inte är skrivskyddad och att du får skriva i den, eller välj en annan med --out."),
        "en": ("cannot write in {out} ({detail})",
               "Check that the folder is not read-only and that you may write in it, or choose another with --out."),
    },
    "out-write-failed": {
        "sv": ("det gick inte att skriva i {out}: {detail}",
               "Kontrollera mappen och disken och bygg igen. Inget av det som fanns i mappen har ändrats."),
        "en": ("could not write in {out}: {detail}",
               "Check the folder and the disk and build again. Nothing that was in the folder has changed."),
    },
}



def register_messages(messages: dict[str, dict[str, tuple[str, str]]]) -> None:
    """Let a stage (lints, the preview server) add its own messages without editing this file."""
    for code in messages:
        if code in MESSAGES:
            raise ValueError(f"message code {code!r} is already defined")
    MESSAGES.update(messages)


SUGGESTION = {"sv": "Menade du ”{suggestion}”?", "en": "Did you mean '{suggestion}'?"}


class Localized(str):
    """A message parameter that reads differently per language ("heltal" / "a whole number").

    It is a str (the Swedish text), so code that only prints or compares it still works.
    """

    en: str

    def __new__(cls, sv: str, en: str) -> Localized:
        text = super().__new__(cls, sv)
        text.en = en
        return text

    def in_language(self, lang: str) -> str:
        return self.en if lang == "en" else str(self)


def render_message(code: str, params: dict[str, object], lang: str = "sv") -> tuple[str, str]:
    """Fill in a message and its hint; unknown codes fall back to the code itself."""
    lang = lang if lang in ("sv", "en") else "sv"
    entry = MESSAGES.get(code, {}).get(lang)
    if entry is None:
        return code, ""
    values = {key: value.in_language(lang) if isinstance(value, Localized) else value
              for key, value in params.items()}
    message, hint = entry[0].format_map(_Default(values)), entry[1].format_map(_Default(values))
    suggestion = params.get("suggestion")
    if suggestion and "{suggestion}" not in entry[1]:
        hint = f"{SUGGESTION[lang].format(suggestion=suggestion)} {hint}".strip()
    return message, hint


class _Default(dict[str, object]):
    """Leave unknown placeholders visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
