"""Messages about what course sources say: catalogue, courses, lessons, blocks, questions and the
guide. What the lessons' Markdown and media contain is in `content`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # --- catalogue and courses
    "catalogue-missing": {
        "sv": ("katalogen courses/katalog.yaml saknas", "Kör etos i projektets rotmapp, eller ange den med --root."),
        "en": ("the catalogue courses/katalog.yaml is missing",
               "Run etos in the project's root folder, or name it with --root."),
    },
    "course-folder-missing": {
        "sv": ("kursmappen ”{folder}” har ingen course.yaml",
               "Skapa kursen med ”etos new course {folder}” eller ta bort raden."),
        "en": ("the course folder '{folder}' has no course.yaml",
               "Create it with 'etos new course {folder}' or remove the line."),
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
        "sv": ("versionen ”{version}” kan inte bli del av ett filnamn",
               "Använd siffror och punkter, till exempel \"1.2\"."),
        "en": ("the version '{version}' cannot be part of a file name", "Use digits and dots, e.g. \"1.2\"."),
    },
    "version-not-quoted": {
        "sv": ("versionen {version} är skriven som ett tal",
               "Skriv den inom citattecken, till exempel version: \"1.10\", annars blir 1.10 till 1.1."),
        "en": ("the version {version} is written as a number",
               "Quote it, e.g. version: \"1.10\", or 1.10 becomes 1.1."),
    },
    "duplicate-term": {
        "sv": ("ordet ”{term}” finns redan i ordlistan (rad {other_line})",
               "Varje term och böjningsform får bara stå en gång."),
        "en": ("the word '{term}' is already in the glossary (line {other_line})",
               "Each term and form may appear only once."),
    },
    "objective-not-tested": {
        "sv": ("lärandemål {number} (”{objective}”) mäts inte av någon fråga i sluttestet",
               "Ge minst en fråga i frågebanken ”mål: {number}”."),
        "en": ("learning objective {number} ('{objective}') is not measured by any final test question",
               "Give at least one pool question 'mål: {number}'."),
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
        "sv": ("”{file}” ska vara ett filnamn i mappen lessons/, utan mappar",
               "Skriv bara filnamnet, till exempel 01-inledning.md."),
        "en": ("'{file}' must be a file name in lessons/, without folders",
               "Write only the file name, e.g. 01-inledning.md."),
    },
    "lesson-missing": {
        "sv": ("lektionsfilen lessons/{file} finns inte",
               "Kontrollera stavningen eller skapa filen med ”etos new lesson”."),
        "en": ("the lesson file lessons/{file} does not exist",
               "Check the spelling or create it with 'etos new lesson'."),
    },
    "lesson-not-listed": {
        "sv": ("lektionen {file} finns i mappen men inte i course.yaml",
               "Lägg till den under ”lektioner:” eller ta bort filen."),
        "en": ("the lesson {file} is in the folder but not in course.yaml",
               "Add it under 'lektioner:' or delete the file."),
    },
    "duplicate-lesson-id": {
        "sv": ("lektions-id ”{id}” används redan i {other}", "Ge lektionen ett eget id."),
        "en": ("lesson id '{id}' is already used in {other}", "Give the lesson its own id."),
    },
    "front-matter-missing": {
        "sv": ("lektionen börjar inte med ett huvud mellan två rader ---",
               "Börja filen med ---, id, titel och minuter, och sedan --- igen."),
        "en": ("the lesson does not start with front matter between two --- lines",
               "Start with ---, id, titel and minuter, then --- again."),
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
    "block-fact-about-law": {
        "sv": ("faktablocket ”{title}” handlar om lagen men visas som fakta",
               "Skriv :::lagrum {title} så får blocket lagrummets symbol och etikett."),
        "en": ("the fact block '{title}' is about the law but is shown as a fact",
               "Write :::lagrum {title} to give it the law's icon and label."),
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
        "sv": ("envalsfrågan {question} har {count} rätta svar",
               "Markera bara ett alternativ med ”rätt: ja”, eller ändra typen till flerval."),
        "en": ("single-choice question {question} has {count} correct answers",
               "Mark only one option correct, or make it 'flerval'."),
    },
    "true-false-options": {
        "sv": ("sant-falskt-frågan {question} ska ha exakt två alternativ, Sant och Falskt, och ett av dem rätt",
               "Skriv alternativen ”Sant” och ”Falskt” och markera ett med ”rätt: ja”."),
        "en": ("true/false question {question} needs exactly two options, Sant and Falskt, one of them correct",
               "Write the options 'Sant' and 'Falskt' and mark one correct."),
    },
    "duplicate-option": {
        "sv": ("frågan {question} har alternativet ”{text}” två gånger", "Ta bort eller skriv om det ena."),
        "en": ("question {question} has the option '{text}' twice", "Remove or reword one of them."),
    },
    "option-without-feedback": {
        "sv": ("ett alternativ i frågan {question} saknar återkoppling",
               "Skriv ”återkoppling:” som förklarar varför svaret är rätt eller fel."),
        "en": ("an option of question {question} has no feedback",
               "Add 'återkoppling:' explaining why the answer is right or wrong."),
    },
    "duplicate-question-id": {
        "sv": ("fråge-id ”{id}” används redan i {other}",
               "Fråge-id måste vara unika i hela kursen, eftersom LMS:et sparar svaren under dem."),
        "en": ("question id '{id}' is already used in {other}",
               "Question ids must be unique in the course: the LMS stores answers under them."),
    },
    "objective-range": {
        "sv": ("frågan {question} mäter lärandemål {number}, men kursen har {count} lärandemål",
               "Ange ett nummer från 1 till {count}."),
        "en": ("question {question} measures objective {number}, but the course has {count}",
               "Use a number from 1 to {count}."),
    },
    "question-file-missing": {
        "sv": ("frågebanken {file} finns inte", "Skapa filen eller rätta ”frågebank:”."),
        "en": ("the question pool {file} does not exist", "Create it or correct 'frågebank:'."),
    },
    "pool-too-small": {
        "sv": ("sluttestet ska lotta {draw} frågor, men frågebanken har bara {pool}",
               "Skriv fler frågor eller sänk ”antal”."),
        "en": ("the final test draws {draw} questions but the pool has only {pool}",
               "Write more questions or lower 'antal'."),
    },
    "mastery-range": {
        "sv": ("”godkänt” ska vara en procentsats mellan 1 och 100, men är {value}", "Skriv till exempel godkänt: 80."),
        "en": ("'godkänt' must be a percentage from 1 to 100, but is {value}", "Write e.g. godkänt: 80."),
    },
    # --- facilitator guide
    "guide-file-missing": {
        "sv": ("mappen handledning/ saknar handledning.yaml", "Skapa filen enligt avsnitt 7 i författarguiden."),
        "en": ("the folder handledning/ has no handledning.yaml",
               "Create it as section 7 of the authors' guide shows."),
    },
    "guide-lesson-unknown": {
        "sv": ("lektionen ”{id}” finns inte i kursen", "Ange ett lektions-id från lektionernas huvud."),
        "en": ("the lesson '{id}' is not in the course", "Use a lesson id from the lessons' front matter."),
    },
    "plan-sum": {
        "sv": ("passen i upplägget är sammanlagt {sum} minuter, men träffen ska vara {total} minuter",
               "Justera passens minuter eller ”minuter” så att de stämmer."),
        "en": ("the activities add up to {sum} minutes but the session is {total} minutes",
               "Adjust the activities or 'minuter' so they agree."),
    },
    "guide-chapter-title": {
        "sv": ("kapitlet ska börja med en rubrik: # Rubrik",
               "Skriv kapitlets titel på första raden, efter # och ett mellanslag."),
        "en": ("the chapter must start with a heading: # Title",
               "Write the chapter's title on the first line after '# '."),
    },
    # --- build
    "unknown-choice": {
        "sv": ("”{value}” går inte att välja för ”{key}”", "Tillåtna värden: {known}."),
        "en": ("'{value}' is not a choice for '{key}'", "Allowed values: {known}."),
    },
    "cover-kind": {
        "sv": ("omslagsbilden ”{target}” under ”{key}” är ingen bild som både webbläsare och utskrift visar",
               "Använd en bild av typen {known}; SVG blir skarpast."),
        "en": ("the cover picture '{target}' under '{key}' is not a picture both browsers and the print show",
               "Use a picture of type {known}; SVG stays sharpest."),
    },
    "bad-date": {
        "sv": ("”{key}” ska vara ett datum skrivet ÅÅÅÅ-MM-DD, men det står ”{value}”",
               "Skriv till exempel ”{key}: 2026-11-30”."),
        "en": ("'{key}' must be a date written YYYY-MM-DD, found '{value}'", "Write for example '{key}: 2026-11-30'."),
    },
    "question-lesson-unknown": {
        "sv": ("frågan {question} hänvisar till lektionen ”{id}”, som inte finns i kursen",
               "Kursens lektioner: {known}."),
        "en": ("question {question} refers to the lesson '{id}', which the course does not have",
               "The course's lessons: {known}."),
    },
    "question-lesson-in-lesson": {
        "sv": ("kunskapskollen {question} har ”lektion:”, men står redan i en lektion",
               "Ta bort raden ”lektion:”. Den behövs bara för frågor i sluttestets frågebank."),
        "en": ("the knowledge check {question} has 'lektion:' but already stands in a lesson",
               "Remove the 'lektion:' line; only final-test questions need it."),
    },
}
