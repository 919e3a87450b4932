"""The course as the player script reads it: structure, answers, and the short keys progress is saved under.

Part of the package stage: what the player needs is decided by the package it runs in, not by rendering.
"""

from __future__ import annotations

import zlib

from builder.messages import section_texts
from builder.messages.player import SCRIPT_CODES, STANDARD_SCRIPT_CODES
from builder.model import FailedStatus, KeyReveal, QuestionType
from builder.render import HtmlQuestion, RenderedCourse


def player_data(rendered: RenderedCourse) -> dict[str, object]:
    """The course structure the player script needs, as plain JSON-able data.

    Lessons, dilemmas and questions each carry a short `key` (see `short_keys`): the player saves
    progress under these keys, so the saved text stays small and survives a course update.
    """
    course = rendered.course
    test = course.final_test
    checks = [q for q in rendered.questions if q not in rendered.final_test]
    dilemmas = [b.dilemma for lesson in rendered.lessons for b in lesson.blocks if b.dilemma]
    lesson_keys = short_keys([lesson.id for lesson in rendered.lessons])
    check_keys = short_keys([q.id for q in checks])
    dilemma_keys = short_keys([d.id for d in dilemmas])
    test_keys = short_keys([q.id for q in rendered.final_test])
    words = section_texts("player", course.language)
    return {
        "id": course.id,
        "version": course.version,
        "title": course.title,
        "lessons": [{"id": lesson.id, "key": lesson_keys[lesson.id], "page": lesson.anchor,
                     "title": lesson.title, "minutes": lesson.lesson.minutes,
                     "checks": [b.question.id for b in lesson.blocks if b.question]} for lesson in rendered.lessons],
        "checks": {q.id: question_data(q, check_keys[q.id]) for q in checks},
        "dilemmas": {d.id: {"key": dilemma_keys[d.id], "choices": len(d.choices),
                            "recommended": [i for i, c in enumerate(d.choices) if c.recommended]}
                     for d in dilemmas},
        "test": None if test is None else {
            "draw": test.draw,
            "mastery": test.mastery_percent,
            "attempts": test.attempts,
            "reveal": REVEAL_WORDS[test.reveal_key],
            "failedStatus": FAILED_STATUS_WORDS[test.failed_status],
            "questions": [{**question_data(q, test_keys[q.id]), "interaction": interaction_name(q.id)}
                          for q in rendered.final_test],
        },
        "texts": {code: words[code] for code in SCRIPT_CODES},
    }


def standard_data(data: dict[str, object], standard: str, language: str) -> dict[str, object]:
    """The player data of one standard's package: the shared data, with the words only that standard's
    script shows (a cmi5 launch's) added to its texts."""
    codes = STANDARD_SCRIPT_CODES.get(standard, ())
    if not codes:
        return data
    words = section_texts("player", language)
    texts = data["texts"]
    assert isinstance(texts, dict)
    return {**data, "texts": {**texts, **{code: words[code] for code in codes}}}


# How the player names the final test's settings (the authors' words are Swedish, the player's code English).
REVEAL_WORDS = {KeyReveal.AFTER_LAST_ATTEMPT: "afterLast", KeyReveal.AFTER_EACH_ATTEMPT: "afterEach",
                KeyReveal.NEVER: "never"}
FAILED_STATUS_WORDS = {FailedStatus.INCOMPLETE: "incomplete", FailedStatus.FAILED: "failed"}


def question_data(question: HtmlQuestion, key: str = "") -> dict[str, object]:
    """A question for the player: what is right, and how each option is named in an LMS record.

    `responses` are the SCORM response identifiers per option: letters for choice questions,
    "true"/"false" for true-false ones (the SCORM 1.2 adapter shortens them to t/f). `objective`
    (1-based, or None) lets a test draw cover every learning objective.
    """
    if question.type is QuestionType.TRUE_FALSE:
        responses = ["true" if text.casefold() == "sant" else "false" for text in question.option_texts]
    else:
        responses = [chr(ord("a") + i) for i in range(len(question.options))]
    return {
        "id": question.id,
        "key": key or short_keys([question.id])[question.id],
        "type": question.type.value,
        "correct": question.correct_indexes,
        "responses": responses,
        "text": question.prompt_text[:250],
        "options": [text[:250] for text in question.option_texts],
        "fixed": question.fixed_order,
        "objective": question.objective,
    }


def interaction_name(question_id: str) -> str:
    """How the LMS names a test question's answers, before the attempt's "A<n>": letters and digits only,
    as strict LMSs want (forma.lms refuses "-", "_" and "."), and never the same for two ids:
    "jav-koll-1" → "javXkollX1", any other character c as "Y<c's code point in base 36>Y"."""
    def named(char: str) -> str:
        if char in BASE36:
            return char
        return "X" if char == "-" else f"Y{base36(ord(char))}Y"

    return "".join(named(char) for char in question_id)


BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(value: int) -> str:
    digits = ""
    while True:
        value, digit = divmod(value, 36)
        digits = BASE36[digit] + digits
        if not value:
            return digits


def short_keys(ids: list[str]) -> dict[str, str]:
    """Four base-36 characters per id, from a CRC-32 of the id; the id itself where two would clash.

    A hash, not a position, so that saved progress still fits after a lesson or question is added,
    and short, so that it stays far below SCORM 1.2's 4,096 characters of suspend data.
    """
    hashed = {}
    for item in ids:
        hashed[item] = base36(zlib.crc32(item.encode("utf-8")) % 36**4).rjust(4, "0")
    counts: dict[str, int] = {}
    for digits in hashed.values():
        counts[digits] = counts.get(digits, 0) + 1
    return {item: digits if counts[digits] == 1 else item for item, digits in hashed.items()}
