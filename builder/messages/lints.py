"""The editor's warnings of `etos check` (lint.py): matters of judgement, not errors."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "media-unused": {
        "sv": ("filen {file} används inte i kursen",
               "Ta bort filen, eller visa den i en lektion: ![Vad bilden visar]({file})."),
        "en": ("the file {file} is not used in the course",
               "Delete it, or show it in a lesson: ![What it shows]({file})."),
    },
    "shared-media-unused": {
        "sv": ("filen {file} används inte i någon kurs",
               "Ta bort filen ur courses/media/, eller använd den i en lektion."),
        "en": ("the file {file} is not used by any course", "Delete it from courses/media/, or use it in a lesson."),
    },
    "minutes-far-from-estimate": {
        "sv": ("lektionen anger {declared} minuter, men beräknad tid är cirka {estimated} minuter ({words} ord)",
               "Beräkningen räknar 180 ord per minut och tid för frågor, dilemman och reflektioner. Justera "
               "”minuter” eller texten."),
        "en": ("the lesson declares {declared} minutes, but the estimate is about {estimated} minutes ({words} words)",
               "The estimate counts 180 words a minute plus time for questions, dilemmas and reflections. Adjust "
               "'minuter' or the text."),
    },
    "lix-above-target": {
        "sv": ("LIX är {lix}, över kursens mål {target}",
               "Korta meningarna och byt långa ord mot vanliga. Längsta meningen står på rad {sentence_line} "
               "({sentence_words} ord)."),
        "en": ("the LIX is {lix}, above the course's target of {target}",
               "Shorten sentences and use common words. The longest sentence is on line {sentence_line} "
               "({sentence_words} words)."),
    },
    "feedback-repeats-verdict": {
        "sv": ("återkopplingen börjar med ”{opening}”, men kursen visar redan om svaret är rätt eller fel",
               "Ta bort ”{opening}” och börja direkt med förklaringen: varför svaret är rätt eller fel."),
        "en": ("the feedback opens with '{opening}', but the course already shows whether the answer is right",
               "Remove '{opening}' and start with the explanation: why the answer is right or wrong."),
    },
    "key-position-bias": {
        "sv": ("rätt svar står som alternativ {position} i {count} av {total} envalsfrågor ({share} %)",
               "Flytta rätt svar till olika platser, så att den som alltid väljer samma plats inte klarar testet. "
               "Till exempel: {examples}."),
        "en": ("the right answer is option {position} in {count} of {total} single-choice questions ({share} %)",
               "Move the right answers to different positions, so that always picking one position does not pass. "
               "For example: {examples}."),
    },
    "key-longest-bias": {
        "sv": ("rätt svar är det längsta alternativet i {count} av {total} envalsfrågor ({share} %)",
               "Gör de felaktiga alternativen lika utförliga som det rätta, eller korta det rätta. Till exempel: "
               "{examples}."),
        "en": ("the right answer is the longest option in {count} of {total} single-choice questions ({share} %)",
               "Make the wrong options as full as the right one, or shorten the right one. For example: {examples}."),
    },
    "question-without-lesson": {
        "sv": ("frågan {question} i sluttestet säger inte vilken lektion den hör till",
               "Lägg till ”lektion: ID” med id:t på lektionen som tar upp det frågan gäller. Den som svarar fel får "
               "då veta vad den ska läsa igen."),
        "en": ("the final-test question {question} does not say which lesson it belongs to",
               "Add 'lektion: ID' with the id of the lesson that teaches it, so a learner who gets it wrong knows "
               "what to read again."),
    },
    "spelling-unknown-word": {
        "sv": ("okänt ord ”{word}”",
               "Rätta stavningen, eller lägg till ordet i courses/ordlista-stavning.txt om det är rätt stavat."),
        "en": ("unknown word '{word}'",
               "Correct the spelling, or add the word to courses/ordlista-stavning.txt if it is right."),
    },
    "spelling-unknown-word-repeated": {
        "sv": ("okänt ord ”{word}”, också på rad {lines}",
               "Rätta stavningen, eller lägg till ordet i courses/ordlista-stavning.txt om det är rätt stavat."),
        "en": ("unknown word '{word}', also on line {lines}",
               "Correct the spelling, or add the word to courses/ordlista-stavning.txt if it is right."),
    },
    "spelling-unavailable": {
        "sv": ("stavningen kontrollerades inte: programmet hunspell finns inte",
               "Installera hunspell och den svenska ordlistan: sudo apt install hunspell hunspell-sv"),
        "en": ("spelling was not checked: the program hunspell is missing",
               "Install hunspell and the Swedish dictionary: sudo apt install hunspell hunspell-sv"),
    },
    "spelling-failed": {
        "sv": ("stavningen kontrollerades inte: hunspell svarade ”{detail}”",
               "Kontrollera att den svenska ordlistan finns: sudo apt install hunspell-sv"),
        "en": ("spelling was not checked: hunspell said '{detail}'",
               "Check that the Swedish dictionary is installed: sudo apt install hunspell-sv"),
    },
}
