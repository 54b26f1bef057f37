"""Survey definitions: audiences, question kinds and the rules a survey must meet to open."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX_LENGTH = 60
TEXT_MAX_LENGTH = {"title": 120, "purpose": 600, "question": 300, "hint": 300, "option": 120}
MIN_OPTIONS = 2
MAX_OPTIONS = 12
MAX_QUESTIONS = 30
SOURCE_LANGUAGE = "en"
SUPPORTED_LANGUAGES = ("en", "pl", "ro", "ur", "ar", "bn")


class Audience(StrEnum):
    """Who a survey is written for; it decides the tone of its public pages."""

    CHILDREN_UNDER_11 = "children-under-11"
    YOUNG_PEOPLE = "young-people"
    PARENTS = "parents"
    KINSHIP_CARERS = "kinship-carers"
    CARE_LEAVERS = "care-leavers"
    PRACTITIONERS = "practitioners"


class QuestionKind(StrEnum):
    """The ways a respondent can answer a question."""

    CHOICE = "choice"
    SEVERAL_CHOICES = "several-choices"
    SHORT_TEXT = "short-text"
    LONG_TEXT = "long-text"
    SCALE = "scale"
    FACES = "faces"


class SurveyState(StrEnum):
    """Where a survey is in its life; worked out from its dates and whether it was opened."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


class Face(StrEnum):
    """The five faces of the face scale, from saddest (1) to happiest (5)."""

    VERY_SAD = "very-sad"
    SAD = "sad"
    OKAY = "okay"
    HAPPY = "happy"
    VERY_HAPPY = "very-happy"


FACE_SCORES: dict[str, int] = {face.value: score for score, face in enumerate(Face, start=1)}
SCALE_VALUES: tuple[str, ...] = ("1", "2", "3", "4", "5")
CHOICE_KINDS = frozenset({QuestionKind.CHOICE, QuestionKind.SEVERAL_CHOICES})
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})
TEXT_ANSWER_MAX_LENGTH = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 2000}


@dataclass(frozen=True)
class Option:
    """One answer a choice question offers, with its label in each survey language."""

    key: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Question:
    """One question of a survey; text is keyed by language code."""

    key: str
    kind: QuestionKind
    text: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    required: bool = False
    equality: bool = False

    def fixed_values(self) -> tuple[str, ...]:
        """The stored values a closed question accepts (empty for free text)."""
        if self.kind in CHOICE_KINDS:
            return tuple(option.key for option in self.options)
        if self.kind is QuestionKind.SCALE:
            return SCALE_VALUES
        if self.kind is QuestionKind.FACES:
            return tuple(face.value for face in Face)
        return ()


@dataclass(frozen=True)
class SurveyDefinition:
    """Everything a respondent sees of a survey."""

    slug: str
    audience: Audience
    languages: tuple[str, ...]
    title: dict[str, str]
    purpose: dict[str, str]
    questions: tuple[Question, ...]
    opens_on: date | None = None
    closes_on: date | None = None


@dataclass(frozen=True)
class Problem:
    """One reason a survey cannot be saved or opened; views turn the code into a message."""

    path: str
    code: str


def validate_survey(survey: SurveyDefinition, *, for_opening: bool = False) -> list[Problem]:
    """Every problem with a survey definition; opening also needs at least one question."""
    problems: list[Problem] = []
    if not SLUG_PATTERN.match(survey.slug) or len(survey.slug) > SLUG_MAX_LENGTH:
        problems.append(Problem("slug", "slug-invalid"))
    problems.extend(_language_problems(survey.languages))
    languages = [lang for lang in survey.languages if lang in SUPPORTED_LANGUAGES]
    problems.extend(_text_problems("title", survey.title, languages, "title"))
    problems.extend(_text_problems("purpose", survey.purpose, languages, "purpose"))
    if survey.opens_on and survey.closes_on and survey.closes_on <= survey.opens_on:
        problems.append(Problem("closes_on", "closes-before-opens"))
    if for_opening and not survey.questions:
        problems.append(Problem("questions", "no-questions"))
    if for_opening and survey.closes_on is None:
        problems.append(Problem("closes_on", "close-date-missing"))
    if len(survey.questions) > MAX_QUESTIONS:
        problems.append(Problem("questions", "too-many-questions"))
    seen_keys: set[str] = set()
    for index, question in enumerate(survey.questions):
        path = f"questions.{index}"
        if question.key in seen_keys:
            problems.append(Problem(f"{path}.key", "duplicate-question-key"))
        seen_keys.add(question.key)
        problems.extend(validate_question(question, languages, path))
    return problems


def validate_question(question: Question, languages: list[str], path: str) -> list[Problem]:
    """Problems with one question, checked against the survey's languages."""
    problems = _text_problems(f"{path}.text", question.text, languages, "question")
    for lang, hint in question.hint.items():
        if len(hint) > TEXT_MAX_LENGTH["hint"]:
            problems.append(Problem(f"{path}.hint.{lang}", "too-long"))
    problems.extend(_option_problems(question, languages, path))
    if question.equality:
        # Equality monitoring must never block a respondent: always optional, always closed.
        if question.required:
            problems.append(Problem(f"{path}.required", "equality-must-be-optional"))
        if question.kind not in CHOICE_KINDS:
            problems.append(Problem(f"{path}.kind", "equality-must-be-choice"))
    return problems


def _option_problems(question: Question, languages: list[str], path: str) -> list[Problem]:
    """Choice questions need 2 to 12 different answers; other kinds have none."""
    if question.kind not in CHOICE_KINDS:
        return [Problem(f"{path}.options", "options-not-allowed")] if question.options else []
    problems: list[Problem] = []
    if not MIN_OPTIONS <= len(question.options) <= MAX_OPTIONS:
        problems.append(Problem(f"{path}.options", "options-count"))
    keys = [option.key for option in question.options]
    if len(set(keys)) != len(keys):
        problems.append(Problem(f"{path}.options", "duplicate-option"))
    for number, option in enumerate(question.options):
        problems.extend(
            _text_problems(f"{path}.options.{number}", option.labels, languages, "option")
        )
    return problems


def _language_problems(languages: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    if SOURCE_LANGUAGE not in languages:
        problems.append(Problem("languages", "english-required"))
    if any(lang not in SUPPORTED_LANGUAGES for lang in languages):
        problems.append(Problem("languages", "language-unsupported"))
    if len(set(languages)) != len(languages):
        problems.append(Problem("languages", "language-repeated"))
    return problems


def _text_problems(
    path: str, texts: dict[str, str], languages: list[str], kind: str
) -> list[Problem]:
    problems: list[Problem] = []
    for lang in languages:
        value = texts.get(lang, "").strip()
        if not value:
            problems.append(Problem(f"{path}.{lang}", "text-missing"))
        elif len(value) > TEXT_MAX_LENGTH[kind]:
            problems.append(Problem(f"{path}.{lang}", "too-long"))
    return problems


def survey_state(survey: SurveyDefinition, today: date, *, opened: bool) -> SurveyState:
    """Where a survey is in its life: draft, scheduled, open or closed."""
    if not opened:
        return SurveyState.DRAFT
    if survey.opens_on and today < survey.opens_on:
        return SurveyState.SCHEDULED
    if survey.closes_on and today > survey.closes_on:
        return SurveyState.CLOSED
    return SurveyState.OPEN


def clean_answer(question: Question, raw: list[str]) -> tuple[list[str], str | None]:
    """Check one respondent's answer; returns the values to store and a problem code or None."""
    values = [value.strip() for value in raw if value and value.strip()]
    if not values:
        return [], ("answer-required" if question.required else None)
    if question.kind in TEXT_KINDS:
        text = values[0]
        if len(text) > TEXT_ANSWER_MAX_LENGTH[question.kind]:
            return [text], "answer-too-long"
        return [text], None
    allowed = question.fixed_values()
    if any(value not in allowed for value in values):
        return [], "answer-not-offered"
    if question.kind is not QuestionKind.SEVERAL_CHOICES and len(values) > 1:
        return [], "answer-not-offered"
    return list(dict.fromkeys(values)), None


def localised(texts: dict[str, str], locale: str) -> str:
    """The text in the respondent's language, falling back to English."""
    return texts.get(locale) or texts.get(SOURCE_LANGUAGE, "")
