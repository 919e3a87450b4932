"""Texts of the preview (`etos serve`, builder/serve/): its page, its panel, its answers and its log.

The page's script reads them as one table per language (the `preview-texts` JSON in the page).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "page_title": {
        "sv": "Förhandsvisning",
        "en": "Preview",
    },
    "course_label": {
        "sv": "Kurs",
        "en": "Course",
    },
    "standard_label": {
        "sv": "LMS-standard",
        "en": "LMS standard",
    },
    "scorm12": {
        "sv": "SCORM 1.2",
        "en": "SCORM 1.2",
    },
    "scorm2004": {
        "sv": "SCORM 2004",
        "en": "SCORM 2004",
    },
    "cmi5": {
        "sv": "cmi5",
        "en": "cmi5",
    },
    "section_statements": {
        "sv": "Statements som LRS:en tagit emot",
        "en": "Statements the LRS received",
    },
    "no_statements": {
        "sv": "Inga statements ännu.",
        "en": "No statements yet.",
    },
    "cmi5_characters": {
        "sv": "{length} tecken (ingen gräns i cmi5)",
        "en": "{length} characters (no limit in cmi5)",
    },
    "build_ok": {
        "sv": "Byggd {time} på {seconds} s",
        "en": "Built {time} in {seconds} s",
    },
    "build_failed": {
        "sv": "Fel i källorna: {count} fel",
        "en": "Errors in the sources: {count}",
    },
    "build_internal": {
        "sv": "Internt fel i Etos",
        "en": "Internal error in Etos",
    },
    "build_running": {
        "sv": "Bygger …",
        "en": "Building …",
    },
    "build_warnings": {
        "sv": "{count} varningar",
        "en": "{count} warnings",
    },
    "frame_title": {
        "sv": "Kursen som deltagaren ser den",
        "en": "The course as a learner sees it",
    },
    "panel_heading": {
        "sv": "Det här har kursen skickat till LMS:et",
        "en": "What the course has sent to the LMS",
    },
    "reset": {
        "sv": "Nollställ framsteg",
        "en": "Reset progress",
    },
    "reset_done": {
        "sv": "Framstegen är nollställda.",
        "en": "Progress has been reset.",
    },
    "section_session": {
        "sv": "Session",
        "en": "Session",
    },
    "section_status": {
        "sv": "Status och poäng",
        "en": "Status and score",
    },
    "section_location": {
        "sv": "Plats och sparad data",
        "en": "Location and saved data",
    },
    "section_interactions": {
        "sv": "Svar på frågor",
        "en": "Answers to questions",
    },
    "section_errors": {
        "sv": "Fel",
        "en": "Errors",
    },
    "section_calls": {
        "sv": "Senaste anrop",
        "en": "Latest calls",
    },
    "state_waiting": {
        "sv": "Väntar på att kursen ska anropa {initialize}.",
        "en": "Waiting for the course to call {initialize}.",
    },
    "state_running": {
        "sv": "Kursen är igång.",
        "en": "The course is running.",
    },
    "state_ended": {
        "sv": "Kursen har avslutat sessionen med {terminate}.",
        "en": "The course has ended the session with {terminate}.",
    },
    "label_entry": {
        "sv": "Start (entry)",
        "en": "Entry",
    },
    "label_exit": {
        "sv": "Avslut (exit)",
        "en": "Exit",
    },
    "label_session_time": {
        "sv": "Sessionstid",
        "en": "Session time",
    },
    "label_total_time": {
        "sv": "Total tid",
        "en": "Total time",
    },
    "label_lesson_status": {
        "sv": "Status",
        "en": "Status",
    },
    "label_completion": {
        "sv": "Genomförande",
        "en": "Completion",
    },
    "label_success": {
        "sv": "Resultat",
        "en": "Success",
    },
    "label_score": {
        "sv": "Poäng",
        "en": "Score",
    },
    "label_scaled": {
        "sv": "Skalad poäng",
        "en": "Scaled score",
    },
    "label_location": {
        "sv": "Plats",
        "en": "Location",
    },
    "label_suspend": {
        "sv": "Sparad data",
        "en": "Suspend data",
    },
    "characters": {
        "sv": "{length} av högst {limit} tecken",
        "en": "{length} of at most {limit} characters",
    },
    "unsaved": {
        "sv": "Det finns ändringar som kursen inte har sparat med {commit} ännu.",
        "en": "There are changes the course has not saved with {commit} yet.",
    },
    "nothing": {
        "sv": "inget värde",
        "en": "no value",
    },
    "no_interactions": {
        "sv": "Inga svar ännu.",
        "en": "No answers yet.",
    },
    "no_calls": {
        "sv": "Inga anrop ännu.",
        "en": "No calls yet.",
    },
    "no_errors": {
        "sv": "Inga fel.",
        "en": "No errors.",
    },
    "col_number": {
        "sv": "Nr",
        "en": "No.",
    },
    "col_id": {
        "sv": "Id",
        "en": "Id",
    },
    "col_type": {
        "sv": "Typ",
        "en": "Type",
    },
    "col_response": {
        "sv": "Svar",
        "en": "Response",
    },
    "col_correct": {
        "sv": "Rätt svar",
        "en": "Correct",
    },
    "col_result": {
        "sv": "Resultat",
        "en": "Result",
    },
    "note_abandoned": {
        "sv": ("Kurssidan stängdes eller laddades om utan {terminate}. Det som inte sparades med {commit} gick "
               "förlorat."),
        "en": ("The course page was closed or reloaded without {terminate}. What was not saved with {commit} was "
               "lost."),
    },
    "note_newAttempt": {
        "sv": "Nytt försök: förra sessionen slutade med exit ”{detail}”, så LMS:et började om från början.",
        "en": "New attempt: the last session ended with exit '{detail}', so the LMS started afresh.",
    },
    "note_suspendNearLimit": {
        "sv": "Den sparade datan är nära gränsen: {detail} tecken.",
        "en": "The suspend data is close to its limit: {detail} characters.",
    },
    "error_call": {
        "sv": "{name} gav fel {code}, {error}: {diagnostic}",
        "en": "{name} failed with {code}, {error}: {diagnostic}",
    },
    "terminal_built": {
        "sv": "byggd på {seconds} s ({standard})",
        "en": "built in {seconds} s ({standard})",
    },
    "terminal_failed": {
        "sv": "{count} fel i källorna, de visas i webbläsaren",
        "en": "{count} error(s) in the sources, shown in the browser",
    },
    "terminal_internal": {
        "sv": "internt fel: {detail}",
        "en": "internal error: {detail}",
    },
    "error_title": {
        "sv": "Kursen kunde inte byggas",
        "en": "The course could not be built",
    },
    "error_intro": {
        "sv": "Rätta felen nedan och spara filen. Sidan laddas om av sig själv.",
        "en": "Correct the errors below and save the file. The page reloads by itself.",
    },
    "error_line": {
        "sv": "rad {line}",
        "en": "line {line}",
    },
    "error_internal": {
        "sv": ("Ett internt fel i Etos stoppade bygget. Det beror inte på dig. Rapportera det gärna, med texten "
               "nedan."),
        "en": ("An internal error in Etos stopped the build. It is not your fault. Please report it with the text "
               "below."),
    },
    "section_warnings": {
        "sv": "Varningar i källorna",
        "en": "Warnings in the sources",
    },
    "no_warnings": {
        "sv": "Inga varningar.",
        "en": "No warnings.",
    },
    "terminal_refused": {
        "sv": "avvisade {method} {path}: {reason}",
        "en": "refused {method} {path}: {reason}",
    },
    "http_not_found": {
        "sv": "Det finns ingen sådan sida i förhandsvisningen.",
        "en": "There is no such page in the preview.",
    },
    "http_refused_host": {
        "sv": "Förhandsvisningen svarar bara på sin egen adress, {origin}.",
        "en": "The preview answers only at its own address, {origin}.",
    },
    "http_refused_origin": {
        "sv": "Förhandsvisningen tar bara emot begäranden från sin egen sida, {origin}.",
        "en": "The preview accepts requests only from its own page, {origin}.",
    },
    "http_refused_token": {
        "sv": ("Begäran saknar förhandsvisningens nyckel eller har en gammal. Om du har startat om etos serve: "
               "ladda om sidan."),
        "en": ("The request lacks the preview's key or has an old one. If you have restarted etos serve, reload the "
               "page."),
    },
    "http_bad_type": {
        "sv": "Innehållet ska vara JSON (Content-Type: application/json).",
        "en": "The content must be JSON (Content-Type: application/json).",
    },
    "http_length_required": {
        "sv": "Begäran ska ange längden på sitt innehåll med Content-Length.",
        "en": "The request must state the length of its content with Content-Length.",
    },
    "http_bad_length": {
        "sv": "Content-Length ska vara ett heltal, 0 eller större, och bara anges en gång.",
        "en": "Content-Length must be a whole number, 0 or more, given once.",
    },
    "http_too_large": {
        "sv": "Innehållet är för stort. Förhandsvisningen tar emot högst {limit} byte.",
        "en": "The content is too large. The preview accepts at most {limit} bytes.",
    },
    "http_timeout": {
        "sv": "Hela begäran kom inte fram i tid. Skicka den igen.",
        "en": "The whole request did not arrive in time. Send it again.",
    },
    "http_truncated": {
        "sv": "Begäran tog slut innan hela innehållet hade kommit fram.",
        "en": "The request ended before all of its content had arrived.",
    },
    "http_bad_json": {
        "sv": "Innehållet ska vara ett JSON-objekt, till exempel {{\"standard\": \"scorm2004\"}}.",
        "en": "The content must be a JSON object, for example {{\"standard\": \"scorm2004\"}}.",
    },
    "http_bad_choice": {
        "sv": "Välj en standard ({standards}) eller en kurs i katalogen ({courses}).",
        "en": "Choose a standard ({standards}) or a course in the catalogue ({courses}).",
    },
    "http_method": {
        "sv": "Förhandsvisningen tar inte emot {method}, bara GET och POST.",
        "en": "The preview does not accept {method}, only GET and POST.",
    },
    "http_error": {
        "sv": "Förhandsvisningen kunde inte läsa begäran ({code} {phrase}).",
        "en": "The preview could not read the request ({code} {phrase}).",
    },
    "http_internal": {
        "sv": "Ett internt fel i Etos. Det beror inte på dig. Mer står i terminalen där etos serve körs.",
        "en": ("An internal error in Etos. It is not your fault. There is more in the terminal where etos serve "
               "runs."),
    },
}
