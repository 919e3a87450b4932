"""Texts of the printed material (handout, guide, worksheets): in the course's language (`språk`).

Three places print them: the writer (builder/package/pdf.py: the cover's facts, the document's
kind), the document templates (templates/print/*.typ.j2, through `t(code)`), and the layout
(templates/print/etos.typ: labels, page foot, table heads), which gets the codes in `LAYOUT_CODES`
as JSON through the compile's `sys.inputs` and looks them up with `word(code)`. Every text reaches
Typst as a string, never as markup.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # The documents and their covers (pdf.py)
    "kind_handout": {"sv": "Deltagarmaterial", "en": "Handout"},
    "kind_guide": {"sv": "Handledarmaterial", "en": "Facilitator guide"},
    "kind_worksheets": {"sv": "Arbetsblad", "en": "Worksheets"},
    "fact_length": {"sv": "Kursens längd", "en": "Length of the course"},
    "fact_length_value": {
        "sv": "cirka {minutes} minuter, {lessons} lektioner",
        "en": "about {minutes} minutes, {lessons} lessons",
    },
    "fact_length_value_one_lesson": {
        "sv": "cirka {minutes} minuter, en lektion",
        "en": "about {minutes} minutes, one lesson",
    },
    "fact_session": {"sv": "Gruppträffen", "en": "Group session"},
    "fact_session_value": {"sv": "{minutes} minuter", "en": "{minutes} minutes"},
    "fact_web_course": {"sv": "Webbkursen", "en": "Web course"},
    "fact_audience": {"sv": "Målgrupp", "en": "Audience"},
    "fact_version": {"sv": "Version", "en": "Version"},
    "fact_checked": {"sv": "Faktagranskad", "en": "Fact-checked"},
    "fact_law_as_of": {"sv": "{date}, lagtext i lydelse per {law}", "en": "{date}, law as worded on {law}"},
    "licence": {"sv": "Licens: {licence}", "en": "Licence: {licence}"},
    "illustration_alt": {"sv": "Illustration till kursen {title}", "en": "Illustration for the course {title}"},
    "choose_all": {"sv": "Välj alla svar som stämmer.", "en": "Choose every answer that applies."},
    # Minutes into the group session, as a clock shows them: 95 minutes are "1.35".
    "clock": {"sv": "{hours}.{minutes}", "en": "{hours}:{minutes}"},
    # The handout (deltagarmaterial.typ.j2)
    "about_course": {"sv": "Om kursen", "en": "About the course"},
    "objectives": {"sv": "Efter kursen ska du kunna", "en": "After the course you will be able to"},
    "how_to_use": {"sv": "Så använder du materialet", "en": "How to use this material"},
    "how_to_use_text": {
        "sv": "Materialet innehåller samma text som webbkursen, lektion för lektion. Vid frågorna att reflektera "
              "över och vid dilemmana finns linjer där du kan skriva dina egna tankar.",
        "en": "The material holds the same text as the web course, lesson by lesson. At the questions to reflect "
              "on and at the dilemmas there are lines where you can write down your own thoughts.",
    },
    "bring_to_session": {"sv": "Ta med materialet till gruppträffen.", "en": "Bring the material to the group session."},
    "glossary_at_end": {
        "sv": "Ord som förklaras i ordlistan Värdegrundens ABC finns samlade sist i materialet.",
        "en": "The words that the glossary explains are gathered at the end of the material.",
    },
    "lesson_kicker": {
        "sv": "Lektion {number} av {total} · cirka {minutes} minuter",
        "en": "Lesson {number} of {total} · about {minutes} minutes",
    },
    "glossary_title": {"sv": "Värdegrundens ABC", "en": "Glossary"},
    "glossary_intro": {
        "sv": "Ordlistan förklarar ord som används i kursen.",
        "en": "The glossary explains words used in the course.",
    },
    "notes_title": {"sv": "Mina anteckningar", "en": "My notes"},
    "references_title": {"sv": "Källor", "en": "Sources"},
    # The facilitator guide (handledarmaterial.typ.j2)
    "purpose_title": {"sv": "Syfte och lärandemål", "en": "Purpose and learning objectives"},
    "session_purpose": {"sv": "Syftet med gruppträffen", "en": "The purpose of the group session"},
    "course_objectives": {"sv": "Kursens lärandemål", "en": "The course's learning objectives"},
    "course_objectives_lead": {
        "sv": "Efter kursen ska deltagarna kunna",
        "en": "After the course the participants will be able to",
    },
    "preparation_title": {"sv": "Förberedelser", "en": "Preparation"},
    "preparation_text": {"sv": "Bocka av punkterna när du är klar.", "en": "Tick off each item when it is done."},
    "preparation_worksheets": {
        "sv": "Arbetsbladen finns sist i materialet, vart och ett på en egen sida, och som en egen fil att "
              "kopiera: {file}.",
        "en": "The worksheets are at the end of the material, each on a page of its own, and in a file of "
              "their own to copy: {file}.",
    },
    "plan_title": {"sv": "Upplägg för gruppträffen", "en": "Plan for the group session"},
    "plan_text": {
        "sv": "Gruppträffen tar {minutes} minuter. Tiderna räknas från träffens start, i timmar och minuter.",
        "en": "The group session takes {minutes} minutes. The times count from the start of the session, "
              "in hours and minutes.",
    },
    "lesson_title": {"sv": "Lektion {number}: {title}", "en": "Lesson {number}: {title}"},
    "talking_points_title": {"sv": "Samtalspunkter per lektion", "en": "Talking points by lesson"},
    "talking_points_text": {
        "sv": "Punkterna hör till lektionerna i webbkursen. Använd dem när gruppen samtalar om lektionens innehåll.",
        "en": "The points belong to the lessons of the web course. Use them when the group talks about what "
              "a lesson covers.",
    },
    "no_talking_points": {
        "sv": "Lektionen har inga särskilda samtalspunkter.",
        "en": "The lesson has no talking points of its own.",
    },
    "discussion_title": {"sv": "Diskussionsfrågor", "en": "Discussion questions"},
    "dilemmas_title": {"sv": "Dilemman", "en": "Dilemmas"},
    "dilemmas_text": {
        "sv": "Dilemmana finns i lektionerna. Här ser du återkopplingen till varje handlingsval och en notering "
              "till dig som handleder.",
        "en": "The dilemmas are in the lessons. Here you see the feedback on each choice and a note for you "
              "as the facilitator.",
    },
    "answers_title": {"sv": "Facit", "en": "Answer key"},
    "answers_text": {
        "sv": "Facit visar rätt svar och förklaringen till varje fråga i kursen.",
        "en": "The answer key shows the right answer to every question in the course and explains it.",
    },
    "answers_checks": {"sv": "Kunskapskoller i lektionerna", "en": "Knowledge checks in the lessons"},
    "answers_test": {"sv": "Sluttestets frågebank", "en": "The final test's question bank"},
    "answers_test_text": {
        "sv": "Varje deltagare får {draw} frågor som lottas ur frågebanken med {bank} frågor. För godkänt krävs "
              "minst {mastery} procent rätt.",
        "en": "Each participant gets {draw} questions drawn at random from the bank of {bank} questions. "
              "To pass, at least {mastery} per cent must be right.",
    },
    # The layout (etos.typ): page furniture
    "page": {"sv": "Sida", "en": "Page"},
    "contents": {"sv": "Innehåll", "en": "Contents"},
    "continued": {"sv": "(fortsättning)", "en": "(continued)"},
    "facilitator_only": {"sv": "Endast för handledaren", "en": "For the facilitator only"},
    "facilitator_only_note": {
        "sv": "Dela inte ut sidorna med facit till deltagarna.",
        "en": "Do not hand out the pages with the answer key to the participants.",
    },
    # The layout: blocks, questions, tables
    "fact": {"sv": "Fakta", "en": "Fact"},
    "law": {"sv": "Lagrum", "en": "The law"},
    "example": {"sv": "Exempel", "en": "Example"},
    "reflection": {"sv": "Reflektera", "en": "Reflect"},
    "dilemma": {"sv": "Dilemma", "en": "Dilemma"},
    "dilemma_why": {
        "sv": "Varför väljer du så? Skriv ner dina tankar.",
        "en": "Why do you choose this? Write down your thoughts.",
    },
    "check": {"sv": "Kunskapskoll", "en": "Check your knowledge"},
    "right_answer": {"sv": "Rätt svar", "en": "Right answer"},
    "figure": {"sv": "Bild", "en": "Figure"},
    "plan_time": {"sv": "Tid", "en": "Time"},
    "plan_activity": {"sv": "Aktivitet", "en": "Activity"},
    "plan_method": {"sv": "Metod", "en": "Method"},
    "plan_minutes": {"sv": "Minuter", "en": "Minutes"},
    "plan_material": {"sv": "Material", "en": "Material"},
    "plan_total": {"sv": "Totalt", "en": "Total"},
    "recommended": {"sv": "Rekommenderat", "en": "Recommended"},
    "facilitator_note": {"sv": "Till dig som handleder", "en": "For you as the facilitator"},
    "objective": {"sv": "Lärandemål", "en": "Learning objective"},
    "several_right": {"sv": "(flera rätta svar)", "en": "(more than one right answer)"},
    "explanation": {"sv": "Förklaring:", "en": "Explanation:"},
    "name_or_group": {"sv": "Namn eller grupp:", "en": "Name or group:"},
    "role_card": {"sv": "Rollkort", "en": "Role card"},
}

# The texts the layout looks up itself (`word(code)` in etos.typ); the rest the writer and the
# templates fill in.
LAYOUT_CODES = (
    "page", "contents", "continued", "facilitator_only", "facilitator_only_note", "fact", "law", "example",
    "reflection", "dilemma", "dilemma_why", "check", "right_answer", "figure", "plan_time", "plan_activity",
    "plan_method", "plan_minutes", "plan_material", "plan_total", "recommended", "facilitator_note", "objective",
    "several_right", "explanation", "name_or_group", "role_card",
)
