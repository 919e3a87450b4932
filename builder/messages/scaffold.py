"""Messages of `etos new` (scaffold.py): why a course or lesson was not created."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "new-bad-id": {
        "sv": ("id ”{id}” får bara innehålla små bokstäver a–z, siffror och bindestreck", "Förslag: {suggestion}"),
        "en": ("id '{id}' may contain only lower-case a–z, digits and hyphens", "Suggestion: {suggestion}"),
    },
    "new-folder-exists": {
        "sv": ("mappen {folder}/ finns redan", "Välj ett annat id, eller skriv i den befintliga kursen."),
        "en": ("the folder {folder}/ already exists", "Choose another id, or write in the existing course."),
    },
    "new-course-id-taken": {
        "sv": ("kurs-id ”{id}” används redan", "Välj ett annat id."),
        "en": ("the course id '{id}' is already used", "Choose another id."),
    },
    "new-course-unknown": {
        "sv": ("det finns ingen kurs som heter ”{name}”", "Kurser: {known}."),
        "en": ("there is no course called '{name}'", "Courses: {known}."),
    },
    "new-title-empty": {
        "sv": ("titeln är tom", "Skriv lektionens titel inom citattecken: etos new lesson kurs \"Titel\"."),
        "en": ("the title is empty", "Write the lesson's title in quotes: etos new lesson course \"Title\"."),
    },
    "new-list-not-found": {
        "sv": ("listan ”{key}” gick inte att hitta eller ändra",
               "Rätta filen med etos check, eller lägg till raden ”- {item}” själv."),
        "en": ("the list '{key}' could not be found or changed",
               "Fix the file with etos check, or add the line '- {item}' yourself."),
    },
}
