"""Words people see for the co-production codes, in their language."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from portal.coproduction.definition import Audience, Face, Problem, QuestionKind, SurveyState
from portal.coproduction.models import EntryStatus

AUDIENCE_LABELS = {
    Audience.CHILDREN_UNDER_11: _l("Children under 11"),
    Audience.YOUNG_PEOPLE: _l("Young people"),
    Audience.PARENTS: _l("Parents"),
    Audience.KINSHIP_CARERS: _l("Kinship carers"),
    Audience.CARE_LEAVERS: _l("Care leavers"),
    Audience.PRACTITIONERS: _l("Practitioners"),
}

KIND_LABELS = {
    QuestionKind.CHOICE: _l("Choose one answer"),
    QuestionKind.SEVERAL_CHOICES: _l("Choose one or more answers"),
    QuestionKind.SHORT_TEXT: _l("Short written answer"),
    QuestionKind.LONG_TEXT: _l("Long written answer"),
    QuestionKind.SCALE: _l("Scale from 1 to 5"),
    QuestionKind.FACES: _l("Five faces, for young children"),
}

FACE_LABELS = {
    Face.VERY_SAD: _l("Very sad"),
    Face.SAD: _l("Sad"),
    Face.OKAY: _l("Okay"),
    Face.HAPPY: _l("Happy"),
    Face.VERY_HAPPY: _l("Very happy"),
}

SCALE_LABELS = {
    "1": _l("1 (worst)"),
    "2": _l("2"),
    "3": _l("3"),
    "4": _l("4"),
    "5": _l("5 (best)"),
}

STATUS_LABELS = {
    EntryStatus.PLANNED: _l("Planned"),
    EntryStatus.IN_PROGRESS: _l("In progress"),
    EntryStatus.DONE: _l("Done"),
}

STATE_LABELS = {
    SurveyState.DRAFT: _l("Draft"),
    SurveyState.SCHEDULED: _l("Opens soon"),
    SurveyState.OPEN: _l("Open"),
    SurveyState.CLOSED: _l("Closed"),
}

PROBLEM_MESSAGES = {
    "slug-invalid": _l("Web address must use only small letters, numbers and hyphens"),
    "slug-taken": _l("Another survey already uses this web address: choose a different one"),
    "english-required": _l("Select English: every survey is written in English first"),
    "language-unsupported": _l("Select languages from the list"),
    "language-repeated": _l("Select each language once"),
    "text-missing": _l("Enter the words in every language the survey uses"),
    "too-long": _l("Words are too long: make them shorter"),
    "closes-before-opens": _l("Close date must be after the open date"),
    "no-questions": _l("Add at least one question before you open the survey"),
    "close-date-missing": _l("Enter a close date before you open the survey"),
    "too-many-questions": _l("A survey can have at most 30 questions"),
    "duplicate-question-key": _l("Each question needs a different name"),
    "options-count": _l("Enter between 2 and 12 answers, one on each line"),
    "duplicate-option": _l("Each answer must be different"),
    "options-not-allowed": _l("Only choice questions have answers to choose from"),
    "equality-must-be-optional": _l("Equality questions can always be skipped"),
    "equality-must-be-choice": _l("Equality questions must be choice questions"),
    "answer-required": _l("Choose or write an answer"),
    "answer-too-long": _l("Your answer is too long: make it shorter"),
    "answer-not-offered": _l("Choose from the answers shown"),
    "theme-name-missing": _l("Enter a name for the theme"),
    "theme-name-too-long": _l("Theme name must be 80 characters or fewer"),
    "theme-name-taken": _l("There is already a theme with this name"),
}


def problem_message(code: str) -> str:
    """The message for a problem code from the logic modules."""
    return str(PROBLEM_MESSAGES.get(code, _l("Check this and try again")))


def describe_problem(path: str, code: str, language_names: dict[str, str]) -> str:
    """A problem with where it is, e.g. "Question 2 (Polski): Enter the words ..."."""
    parts = path.split(".")
    where = ""
    if parts[0] == "questions" and len(parts) > 1 and parts[1].isdigit():
        where = str(_l("Question %(number)s", number=int(parts[1]) + 1))
    elif parts[0] in {"title", "purpose", "slug", "languages", "closes_on"}:
        where = str(_l("Survey details"))
    language = next((language_names[p] for p in parts[1:] if p in language_names), None)
    if language and where:
        where = f"{where} ({language})"
    message = problem_message(code)
    return f"{where}: {message}" if where else message


def describe_problems(problems: Iterable[Problem], language_names: dict[str, str]) -> list[str]:
    """Each problem described once: a question missing Polish in text and answers is one line."""
    return list(dict.fromkeys(describe_problem(p.path, p.code, language_names) for p in problems))
