"""Texts of the `etos` command line (cli.py, stats.py): what it prints about a run.

A text with `-one` and `-other` forms is chosen by its count (`plural` in cli.py).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "label-error": {
        "sv": "fel",
        "en": "error",
    },
    "label-warning": {
        "sv": "varning",
        "en": "warning",
    },
    "summary-one": {
        "sv": "{errors} fel, {warnings} varning",
        "en": "{errors} error(s), {warnings} warning(s)",
    },
    "summary-other": {
        "sv": "{errors} fel, {warnings} varningar",
        "en": "{errors} error(s), {warnings} warning(s)",
    },
    "nonconformant": {
        "sv": "Paketet följer inte SCORM. Det här är ett fel i Etos.",
        "en": "The package does not conform to SCORM. This is a bug in Etos.",
    },
    "internal-error": {
        "sv": "etos: internt fel: {kind}: {error} (kör med --debug för detaljer)",
        "en": "etos: internal error: {kind}: {error} (run with --debug for details)",
    },
    "pdf-needs-typst": {
        "sv": "PDF kräver Typst: pip install typst",
        "en": "PDF needs Typst: pip install typst",
    },
    "building": {
        "sv": "Bygger {formats} …",
        "en": "Building {formats} …",
    },
    "up-to-date-one": {
        "sv": "{count} fil var redan aktuella (bygg om allt med --force)",
        "en": "{count} file was already up to date (rebuild everything with --force)",
    },
    "up-to-date-other": {
        "sv": "{count} filer var redan aktuella (bygg om allt med --force)",
        "en": "{count} files were already up to date (rebuild everything with --force)",
    },
    "done-one": {
        "sv": "Klart: {count} fil i {folder}",
        "en": "Done: {count} file in {folder}",
    },
    "done-other": {
        "sv": "Klart: {count} filer i {folder}",
        "en": "Done: {count} files in {folder}",
    },
    "no-problems": {
        "sv": "Inga fel eller varningar.",
        "en": "No errors or warnings.",
    },
    "stats-headings": {
        "sv": "Nr|Lektion|Ord|Min angivet|Min beräknat|LIX|Frågor|Bilder",
        "en": "No.|Lesson|Words|Min declared|Min estimated|LIX|Questions|Images",
    },
    "stats-total": {
        "sv": "Hela kursen",
        "en": "Whole course",
    },
    "stats-course": {
        "sv": "{title} ({id}), LIX-mål {target}",
        "en": "{title} ({id}), LIX target {target}",
    },
    "stats-test": {
        "sv": "Sluttest: {draw} av {pool} frågor i frågebanken lottas.",
        "en": "Final test: {draw} of {pool} pool questions are drawn.",
    },
    "port-unusable": {
        "sv": "Porten {port} går inte att använda ({detail}). Välj en annan med --port.",
        "en": "Port {port} cannot be used ({detail}). Choose another with --port.",
    },
    "preview-at": {
        "sv": "Förhandsvisningen finns på {url}  (avsluta med Ctrl+C)",
        "en": "The preview is at {url}  (stop with Ctrl+C)",
    },
    "preview-stopped": {
        "sv": "Förhandsvisningen är avslutad.",
        "en": "The preview has stopped.",
    },
    "created": {
        "sv": "  skapade {path}",
        "en": "  created {path}",
    },
    "changed": {
        "sv": "  ändrade {path}",
        "en": "  changed {path}",
    },
    "new-course-next": {
        "sv": "Nästa steg: fyll i {file} och förhandsvisa med: etos serve {id}",
        "en": "Next: fill in {file} and preview with: etos serve {id}",
    },
    "new-lesson-next": {
        "sv": "Kom ihåg att justera ”minuter” i course.yaml när lektionen är skriven.",
        "en": "Remember to adjust 'minuter' in course.yaml once the lesson is written.",
    },
    "list-course": {
        "sv": "  {lessons} lektioner, {minutes} minuter; format: {formats}",
        "en": "  {lessons} lessons, {minutes} minutes; formats: {formats}",
    },
    "list-test": {
        "sv": "  Sluttest: {draw} av {pool} frågor, godkänt {mastery} %",
        "en": "  Final test: {draw} of {pool} questions, pass mark {mastery} %",
    },
    # --- help texts (`etos … --help` in the language of --lang)
    "help-main": {
        "sv": "Etos bygger webbkurser: SCORM-paket, webbversion och utskrifter från YAML och Markdown.",
        "en": "Etos builds web courses: SCORM packages, a web version and printouts from YAML and Markdown.",
    },
    "help-root": {
        "sv": "Projektets rotmapp, där courses/katalog.yaml finns. Standard: aktuell mapp.",
        "en": "The project's root folder, where courses/katalog.yaml is. Default: the current folder.",
    },
    "help-lang": {
        "sv": "Språk för meddelanden.",
        "en": "Language of the messages.",
    },
    "help-debug": {
        "sv": "Visa hela felutskriften (traceback) vid interna fel.",
        "en": "Show the whole traceback on internal errors.",
    },
    "help-build": {
        "sv": ("Bygg kurser (alla, eller de som anges) till dist/<kurs-id>/.\n\n"
               "Exempel: etos build sex_principerna --format scorm12 --out build/"),
        "en": ("Build courses (all, or those named) into dist/<course id>/.\n\n"
               "Example: etos build sex_principerna --format scorm12 --out build/"),
    },
    "help-build-format": {
        "sv": "Format att bygga; kan anges flera gånger. Standard: alla.",
        "en": "Format to build; may be given several times. Default: all.",
    },
    "help-build-out": {
        "sv": "Mapp att skriva till. Standard: dist/ i rotmappen.",
        "en": "Folder to write to. Default: dist/ in the root folder.",
    },
    "help-build-schemas": {
        "sv": "Mapp med SCORM-scheman att lägga i paketen. Standard: ”scheman:” i courses/katalog.yaml.",
        "en": "Folder of SCORM schemas to put in the packages. Default: 'scheman:' in courses/katalog.yaml.",
    },
    "help-build-strict": {
        "sv": "Behandla varningar som fel.",
        "en": "Treat warnings as errors.",
    },
    "help-build-force": {
        "sv": "Bygg allt på nytt, även det som redan är aktuellt.",
        "en": "Build everything again, even what is up to date.",
    },
    "help-build-jobs": {
        "sv": "Hur många processer som skriver paketen samtidigt. Standard: en per processorkärna.",
        "en": "How many processes write the packages at once. Default: one per processor core.",
    },
    "help-check": {
        "sv": ("Kontrollera kursernas källor och visa varje problem med fil och rad.\n\n"
               "Utöver allt som bygget kontrollerar: oanvända mediefiler, angiven tid som skiljer sig mycket från "
               "beräknad tid, LIX över kursens mål och stavning (hunspell). Dessa ger varningar."),
        "en": ("Check the courses' sources and show every problem with its file and line.\n\n"
               "Besides everything the build checks: unused media files, declared time far from the estimate, LIX "
               "above the course's target and spelling (hunspell). These give warnings."),
    },
    "help-check-strict": {
        "sv": "Avsluta med fel även om det bara finns varningar.",
        "en": "Exit with an error even if there are only warnings.",
    },
    "help-output": {
        "sv": "Utdata: text för människor, json för program.",
        "en": "Output: text for people, json for programs.",
    },
    "help-stats": {
        "sv": "Visa en tabell per lektion: ord, angiven och beräknad tid, LIX, frågor och bilder.",
        "en": "Show a table per lesson: words, declared and estimated time, LIX, questions and images.",
    },
    "help-serve": {
        "sv": ("Förhandsvisa en kurs i webbläsaren medan du skriver.\n\n"
               "Sidan laddas om när du sparar en fil. Bredvid kursen visas vad kursen skickar till LMS:et. Utan "
               "COURSE visas den första kursen i katalogen."),
        "en": ("Preview a course in the browser while you write.\n\n"
               "The page reloads when you save a file. Beside the course, what the course sends to the LMS is "
               "shown. Without COURSE, the catalogue's first course is shown."),
    },
    "help-serve-port": {
        "sv": "Port på 127.0.0.1. 0 väljer en ledig port.",
        "en": "Port on 127.0.0.1. 0 picks a free port.",
    },
    "help-serve-standard": {
        "sv": "Vilken standard förhandsvisningens LMS talar först (SCORM 1.2, SCORM 2004 eller cmi5). Går att byta på sidan.",
        "en": "Which standard the preview's LMS speaks first (SCORM 1.2, SCORM 2004 or cmi5). It can be changed on the page.",
    },
    "help-serve-open": {
        "sv": "Öppna förhandsvisningen i webbläsaren.",
        "en": "Open the preview in the browser.",
    },
    "help-new": {
        "sv": ("Skapa en ny kurs eller lektion med ett färdigt skelett.\n\n"
               "Exempel: etos new course ny-kurs   eller   etos new lesson bemotande \"Att skriva beslut\""),
        "en": ("Create a new course or lesson from a ready skeleton.\n\n"
               "Example: etos new course new-course   or   etos new lesson bemotande \"Writing decisions\""),
    },
    "help-new-course": {
        "sv": "Skapa kursmappen ID med course.yaml och en första lektion, och lägg till den i katalogen.",
        "en": "Create the course folder ID with course.yaml and a first lesson, and add it to the catalogue.",
    },
    "help-new-course-title": {
        "sv": "Kursens titel. Standard: id:t med stor bokstav.",
        "en": "The course's title. Default: the id, capitalised.",
    },
    "help-new-lesson": {
        "sv": "Skapa nästa lektion i kursen COURSE, med titeln TITEL, och lägg till den sist i course.yaml.",
        "en": "Create the next lesson of the course COURSE, titled TITEL, and add it last in course.yaml.",
    },
    "help-list": {
        "sv": "Visa kurserna med lektioner, version och format.",
        "en": "Show the courses with their lessons, version and formats.",
    },
}
