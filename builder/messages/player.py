"""Texts of the player, the learner's pages: in the course's language (`språk` in course.yaml).

The templates look them up with `t(code)`; the player's script gets the codes in `SCRIPT_CODES`
through its JSON data and fills in the `{placeholders}` itself (templates/player/static/texts.js).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # The page around every screen
    "skip_link": {"sv": "Hoppa till innehållet", "en": "Skip to content"},
    "progress_label": {"sv": "Dina framsteg", "en": "Your progress"},
    "progress_text": {"sv": "{done} av {total} lektioner klara", "en": "{done} of {total} lessons done"},
    "toc_label": {"sv": "Kursens innehåll", "en": "Course contents"},
    "toc_summary": {"sv": "Innehåll", "en": "Contents"},
    "toc_start": {"sv": "Start", "en": "Start"},
    "toc_done": {"sv": "(klar)", "en": "(done)"},
    "toc_passed": {"sv": "(godkänd)", "en": "(passed)"},
    "toc_failed": {"sv": "(inte godkänd)", "en": "(not passed)"},
    "back": {"sv": "Tillbaka", "en": "Back"},
    "back_to": {"sv": "Tillbaka till {page}", "en": "Back to {page}"},
    "pager_label": {"sv": "Bläddra mellan sidorna", "en": "Move between the pages"},
    "previous": {"sv": "Föregående", "en": "Previous"},
    "next": {"sv": "Nästa", "en": "Next"},
    "footer_version": {"sv": "Version {version}", "en": "Version {version}"},
    "footer_checked": {"sv": "Faktagranskad {date}", "en": "Fact-checked {date}"},
    "footer_law": {"sv": "lagtext i lydelse per {date}", "en": "law as worded on {date}"},
    "noscript": {
        "sv": "Kursen behöver JavaScript för att spara dina framsteg. Du kan ändå läsa all text på sidan.",
        "en": "The course needs JavaScript to save your progress. You can still read all the text on the page.",
    },
    "footnote_back": {"sv": "Tillbaka till texten", "en": "Back to the text"},
    # The cover
    "cover_label": {"sv": "Kurs", "en": "Course"},
    "welcome_title": {"sv": "Välkommen tillbaka", "en": "Welcome back"},
    "resume": {"sv": "Fortsätt där du slutade", "en": "Continue where you left off"},
    "start": {"sv": "Starta kursen", "en": "Start the course"},
    "fact_time": {"sv": "Beräknad tid", "en": "Estimated time"},
    "fact_minutes": {"sv": "{minutes} minuter", "en": "{minutes} minutes"},
    "fact_audience": {"sv": "Målgrupp", "en": "Audience"},
    "fact_lessons": {"sv": "Lektioner", "en": "Lessons"},
    "objectives_title": {"sv": "Efter kursen ska du kunna", "en": "After the course you will be able to"},
    "start_test_note": {
        "sv": "Kursen avslutas med ett sluttest med {draw} frågor. För godkänt behöver du minst {mastery} procent rätt.",
        "en": "The course ends with a final test of {draw} questions. To pass you need at least {mastery} per cent right.",
    },
    "lesson_number": {
        "sv": "Lektion {number} av {total} · cirka {minutes} minuter",
        "en": "Lesson {number} of {total} · about {minutes} minutes",
    },
    # Blocks
    "fact": {"sv": "Fakta", "en": "Fact"},
    "law": {"sv": "Lagrum", "en": "The law"},
    "example": {"sv": "Exempel", "en": "Example"},
    "reflection": {"sv": "Reflektera", "en": "Reflect"},
    "dilemma": {"sv": "Dilemma", "en": "Dilemma"},
    "check": {"sv": "Kunskapskoll", "en": "Check your knowledge"},
    "table_scroll": {"sv": "Tabell, rulla i sidled", "en": "Table, scroll sideways"},
    "show_feedback": {"sv": "Visa återkoppling", "en": "Show feedback"},
    "answer": {"sv": "Svara", "en": "Answer"},
    "choose_all": {"sv": "(Välj alla svar som stämmer.)", "en": "(Choose every answer that applies.)"},
    "choose_first": {"sv": "Välj ett svar först.", "en": "Choose an answer first."},
    "check_correct": {"sv": "Rätt!", "en": "Right!"},
    "check_partial": {
        "sv": "Delvis rätt: det finns fler rätta svar.",
        "en": "Partly right: there are more right answers.",
    },
    "check_incorrect": {"sv": "Inte rätt.", "en": "Not right."},
    "chosen_right": {"sv": "Ditt svar är rätt.", "en": "Your answer is right."},
    "chosen_wrong": {"sv": "Ditt svar är fel.", "en": "Your answer is wrong."},
    "option_right": {"sv": "Rätt svar.", "en": "Right answer."},
    "option_wrong": {"sv": "Fel svar.", "en": "Wrong answer."},
    "dilemma_chosen": {"sv": "Ditt val.", "en": "Your choice."},
    "dilemma_good": {"sv": "Ett bra val.", "en": "A good choice."},
    # The glossary
    "glossary_title": {"sv": "Värdegrundens ABC", "en": "Glossary"},
    "glossary_intro": {
        "sv": "Ordlistan förklarar ord som används i kursen.",
        "en": "The glossary explains words used in the course.",
    },
    "glossary_more": {"sv": "Hela ordlistan", "en": "The whole glossary"},
    # The final test
    "test_title": {"sv": "Sluttest", "en": "Final test"},
    "test_intro": {
        "sv": "Testet har {draw} frågor som lottas ur en frågebank. För godkänt behöver du minst {mastery} procent rätt.",
        "en": "The test has {draw} questions drawn from a question bank. To pass you need at least {mastery} per cent right.",
    },
    "test_attempts": {"sv": "Du har {attempts} försök.", "en": "You have {attempts} attempts."},
    "test_unlimited": {
        "sv": "Du kan göra om testet tills du blir godkänd.",
        "en": "You can take the test again until you pass.",
    },
    "test_submit": {"sv": "Lämna in svaren", "en": "Hand in your answers"},
    "test_retry": {"sv": "Gör om testet", "en": "Take the test again"},
    "test_to_end": {"sv": "Till kursens slut", "en": "To the end of the course"},
    "test_read_only": {
        "sv": "Kursen är öppnad för läsning: testet går inte att göra nu.",
        "en": "The course is open for reading only: the test cannot be taken now.",
    },
    "test_attempt": {"sv": "Försök {number}.", "en": "Attempt {number}."},
    "test_attempt_of": {"sv": "Försök {number} av {total}.", "en": "Attempt {number} of {total}."},
    "test_number": {"sv": "Fråga {number} av {total}.", "en": "Question {number} of {total}."},
    "test_unanswered": {"sv": "Inte besvarad.", "en": "Not answered."},
    "test_missing": {
        "sv": "Svara på alla frågor innan du lämnar in. Du har inte svarat på fråga {numbers}.",
        "en": "Answer every question before you hand in. You have not answered question {numbers}.",
    },
    "your_answer": {"sv": "Ditt svar.", "en": "Your answer."},
    "your_answer_right": {"sv": "Ditt svar, rätt.", "en": "Your answer, right."},
    "your_answer_wrong": {"sv": "Ditt svar, fel.", "en": "Your answer, wrong."},
    "question_right": {"sv": "Rätt svar på frågan.", "en": "Right answer to the question."},
    "question_wrong_lesson": {
        "sv": "Fel svar på frågan. Läs om det i lektionen",
        "en": "Wrong answer to the question. Read about it in the lesson",
    },
    "question_wrong_lessons": {
        "sv": "Fel svar på frågan. Läs om det i lektionerna.",
        "en": "Wrong answer to the question. Read about it in the lessons.",
    },
    "test_score": {
        "sv": "Du fick {right} av {total} rätt ({score} procent).",
        "en": "You got {right} of {total} right ({score} per cent).",
    },
    "test_passed": {"sv": "Du är godkänd på sluttestet.", "en": "You have passed the final test."},
    "test_failed": {
        "sv": "Du är inte godkänd. Det krävs {mastery} procent rätt.",
        "en": "You have not passed. {mastery} per cent right is needed.",
    },
    "test_key_shown": {
        "sv": "Vid varje fråga ser du nu vilket svar som är rätt.",
        "en": "At each question you now see which answer is right.",
    },
    "test_marked": {
        "sv": "Frågorna som blev fel är markerade ovan, med lektionen att läsa igen.",
        "en": "The questions you got wrong are marked above, with the lesson to read again.",
    },
    "attempts_unlimited": {"sv": "Du kan göra om testet.", "en": "You can take the test again."},
    "attempts_left": {"sv": "Du har {left} försök kvar.", "en": "You have {left} attempts left."},
    "attempts_none": {"sv": "Du har inga försök kvar.", "en": "You have no attempts left."},
    "saved_lms": {
        "sv": "Resultatet är sparat i lärplattformen.",
        "en": "The result is saved in the learning platform.",
    },
    "saved_local": {"sv": "Resultatet är sparat i den här webbläsaren.", "en": "The result is saved in this browser."},
    "saved_not": {"sv": "Resultatet är inte sparat än.", "en": "The result is not saved yet."},
    # Coming back, and the end
    "welcome_text": {
        "sv": "Du har gjort klart {done} av {total} lektioner.",
        "en": "You have finished {done} of {total} lessons.",
    },
    "welcome_passed": {"sv": "Du är godkänd på sluttestet.", "en": "You have passed the final test."},
    "welcome_failed": {"sv": "Du är inte godkänd på sluttestet.", "en": "You have not passed the final test."},
    "welcome_next": {"sv": "Du fortsätter med: {page}.", "en": "You continue with: {page}."},
    "end_title": {"sv": "Kursens slut", "en": "End of the course"},
    "end_no_test": {"sv": "Du har inte gjort sluttestet än.", "en": "You have not taken the final test yet."},
    "end_completed": {"sv": "Kursen är genomförd.", "en": "You have completed the course."},
    "end_passed": {
        "sv": "Du är godkänd på sluttestet med {score} procent rätt.",
        "en": "You have passed the final test with {score} per cent right.",
    },
    "end_out": {
        "sv": "Du blev inte godkänd på sluttestet. Du fick {score} procent rätt, och det krävs {mastery}.",
        "en": "You did not pass the final test. You got {score} per cent right, and {mastery} is needed.",
    },
    "end_failed": {
        "sv": "Du är inte godkänd på sluttestet än: du fick {score} procent rätt.",
        "en": "You have not passed the final test yet: you got {score} per cent right.",
    },
    "end_close": {"sv": "Du kan stänga fönstret nu.", "en": "You can close the window now."},
    "end_wait": {
        "sv": "Stäng inte fönstret förrän resultatet är sparat.",
        "en": "Do not close the window until the result is saved.",
    },
    "end_later": {
        "sv": "Dina framsteg är sparade, så du kan fortsätta en annan gång.",
        "en": "Your progress is saved, so you can continue another time.",
    },
    "end_status_title": {"sv": "Ditt resultat", "en": "Your result"},
    "end_no_attempts_title": {"sv": "Du har inga försök kvar", "en": "You have no attempts left"},
    "end_no_attempts": {
        "sv": "Du har använt alla försök på sluttestet. Behöver du ett nytt försök? Kontakta den som administrerar kursen eller lärplattformen där du arbetar. De kan ge dig ett nytt försök.",
        "en": "You have used every attempt at the final test. Do you need another? Contact whoever runs the course or the learning platform where you work. They can give you a new attempt.",
    },
    "end_no_attempts_lessons": {"sv": "Lektionerna kan du fortfarande läsa.", "en": "You can still read the lessons."},
    "end_next_title": {"sv": "Vad händer nu?", "en": "What happens next?"},
    "end_next_guide": {
        "sv": "Kursen hör ihop med ett samtal i grupp med en handledare. Ta med dina tankar om dilemmana och reflektionerna dit.",
        "en": "The course goes with a group conversation led by a facilitator. Bring your thoughts on the dilemmas and reflections.",
    },
    "end_next_reread": {
        "sv": "Du kan läsa lektionerna igen när du vill. Välj dem i innehållet.",
        "en": "You can read the lessons again whenever you like. Choose them in the contents.",
    },
    "end_next_glossary": {
        "sv": "förklaras orden som används i kursen.",
        "en": "explains the words used in the course.",
    },
    "end_next_glossary_before": {"sv": "I", "en": "The"},
    # What the LMS holds (partials/connection.html.j2)
    "local_title": {
        "sv": "Kursen är inte ansluten till lärplattformen.",
        "en": "The course is not connected to the learning platform.",
    },
    "local_text": {
        "sv": "Du kan läsa och göra hela kursen, men dina framsteg sparas bara i den här webbläsaren och ditt resultat kommer inte till lärplattformen.",
        "en": "You can read and do the whole course, but your progress is saved only in this browser and your result does not reach the learning platform.",
    },
    "local_help": {
        "sv": "Startade du kursen från lärplattformen? Berätta då för den som administrerar lärplattformen att kurspaketet ”{title}”, version {version} ({standard}), inte hittade lärplattformens SCORM-gränssnitt. Paketet måste startas inifrån lärplattformen.",
        "en": "Did you start the course from the learning platform? Then tell whoever runs the learning platform that the course package '{title}', version {version} ({standard}), did not find the platform's SCORM interface. The package must be started from inside the learning platform.",
    },
    "failed_title": {"sv": "Dina senaste framsteg är inte sparade.", "en": "Your latest progress is not saved."},
    "failed_text": {
        "sv": "Lärplattformen tog inte emot dem. Kontrollera att du är ansluten till internet och försök igen. Stäng inte kursen förrän de är sparade.",
        "en": "The learning platform did not accept it. Check that you are connected to the internet and try again. Do not close the course until it is saved.",
    },
    "failed_again": {
        "sv": "Det gick inte nu heller. Försök igen om en stund.",
        "en": "That did not work either. Try again in a while.",
    },
    "save_again": {"sv": "Försök spara igen", "en": "Try to save again"},
    "ended_title": {
        "sv": "Kursen är avslutad i lärplattformen.",
        "en": "The course has ended in the learning platform.",
    },
    "ended_text": {
        "sv": "Det du gör nu sparas inte. Öppna kursen igen från lärplattformen för att fortsätta.",
        "en": "What you do now is not saved. Open the course again from the learning platform to continue.",
    },
    "review_title": {"sv": "Kursen är redan genomförd.", "en": "You have already completed the course."},
    "review_text": {
        "sv": "Du kan läsa kursen igen, men inget av det du gör nu sparas.",
        "en": "You can read the course again, but nothing you do now is saved.",
    },
    "review_result": {"sv": "Ditt resultat: {result}.", "en": "Your result: {result}."},
    "held_passed": {"sv": "godkänd", "en": "passed"},
    "held_failed": {"sv": "inte godkänd", "en": "not passed"},
    "held_score": {"sv": "{score} procent", "en": "{score} per cent"},
    "browse_title": {"sv": "Du förhandsgranskar kursen.", "en": "You are previewing the course."},
    "browse_text": {
        "sv": "Du kan läsa och prova den, men inget av det du gör sparas i lärplattformen.",
        "en": "You can read and try it, but nothing you do is saved in the learning platform.",
    },
    "saved_again": {
        "sv": "Nu är dina framsteg sparade i lärplattformen.",
        "en": "Your progress is now saved in the learning platform.",
    },
    # A cmi5 launch (templates/player/static/cmi5.js): leaving, and why a launch failed
    "cmi5_exit": {"sv": "Avsluta kursen", "en": "Leave the course"},
    "cmi5_help": {
        "sv": "Starta kursen igen från lärplattformen. Hjälper inte det, berätta då för den som administrerar lärplattformen att kurspaketet ”{title}”, version {version} (cmi5), inte fick kontakt med lärplattformens LRS.",
        "en": "Start the course again from the learning platform. If that does not help, tell whoever runs the learning platform that the course package '{title}', version {version} (cmi5), could not reach the platform's LRS.",
    },
    "launch_missing": {
        "sv": "Kursen startades utan startuppgifterna från lärplattformen.",
        "en": "The course was started without the launch details from the learning platform.",
    },
    # cmi5's fetch error codes (8.2.3.2): "1" used before or the session expired, "2" any other security error.
    "launch_used": {
        "sv": "Startlänken har redan använts eller slutat gälla. Varje start från lärplattformen fungerar bara en gång.",
        "en": "The launch link has already been used or has expired. Each launch from the learning platform "
              "works only once.",
    },
    "launch_refused": {"sv": "Lärplattformen godkände inte startlänken.",
                       "en": "The learning platform did not accept the launch link."},
    "launch_other": {
        "sv": "Lärplattformen svarade inte som den skulle när kursen startade.",
        "en": "The learning platform did not answer as it should when the course started.",
    },
}

# The texts the player's script shows; the rest are written into the page by the templates.
SCRIPT_CODES = (
    "progress_text", "toc_passed", "toc_failed", "back_to", "choose_first", "check_correct", "check_partial",
    "check_incorrect", "chosen_right", "chosen_wrong", "option_right", "option_wrong", "dilemma_chosen",
    "dilemma_good", "test_read_only", "test_attempt", "test_attempt_of", "test_number", "glossary_more",
    "test_missing", "your_answer", "your_answer_right", "your_answer_wrong", "test_score", "test_passed", "test_failed",
    "test_key_shown", "test_marked", "attempts_unlimited", "attempts_left", "attempts_none", "saved_lms",
    "saved_local", "saved_not", "welcome_text", "welcome_passed", "welcome_failed", "welcome_next",
    "end_no_test", "end_completed", "end_passed", "end_out", "end_failed", "end_close", "end_wait",
    "end_later", "review_result", "held_passed", "held_failed", "held_score",
)
# Texts only one standard's script shows, in its package's data alone.
STANDARD_SCRIPT_CODES = {"cmi5": ("launch_missing", "launch_used", "launch_refused", "launch_other")}
