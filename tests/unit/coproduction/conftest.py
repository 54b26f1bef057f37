"""Survey definitions for the co-production unit tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from portal.coproduction.definition import (
    Audience,
    Option,
    Question,
    QuestionKind,
    SurveyDefinition,
)


def build_survey(**changes: object) -> SurveyDefinition:
    """A valid two-language survey for young people with one question of each kind."""
    survey = SurveyDefinition(
        slug="youth-club-2027",
        audience=Audience.YOUNG_PEOPLE,
        languages=("en", "pl"),
        title={"en": "Your youth club", "pl": "Twój klub młodzieżowy"},
        purpose={"en": "Help us plan the club.", "pl": "Pomóż nam zaplanować klub."},
        questions=(
            Question(
                key="day",
                kind=QuestionKind.CHOICE,
                text={"en": "Which day is best?", "pl": "Który dzień jest najlepszy?"},
                options=(
                    Option("mon", {"en": "Monday", "pl": "Poniedziałek"}),
                    Option("fri", {"en": "Friday", "pl": "Piątek"}),
                ),
                required=True,
            ),
            Question(
                key="feel",
                kind=QuestionKind.FACES,
                text={"en": "How do you feel at the club?", "pl": "Jak się czujesz w klubie?"},
            ),
            Question(
                key="rate",
                kind=QuestionKind.SCALE,
                text={"en": "How good is the club?", "pl": "Jak dobry jest klub?"},
            ),
            Question(
                key="change",
                kind=QuestionKind.LONG_TEXT,
                text={"en": "What should change?", "pl": "Co powinno się zmienić?"},
            ),
            Question(
                key="activities",
                kind=QuestionKind.SEVERAL_CHOICES,
                text={"en": "What do you like doing?", "pl": "Co lubisz robić?"},
                options=(
                    Option("sport", {"en": "Sport", "pl": "Sport"}),
                    Option("art", {"en": "Art", "pl": "Sztuka"}),
                    Option("music", {"en": "Music", "pl": "Muzyka"}),
                ),
            ),
            Question(
                key="ethnicity",
                kind=QuestionKind.CHOICE,
                text={"en": "What is your ethnic group?", "pl": "Jaka jest twoja grupa etniczna?"},
                options=(
                    Option("white", {"en": "White", "pl": "Biała"}),
                    Option("mixed", {"en": "Mixed", "pl": "Mieszana"}),
                ),
                equality=True,
            ),
        ),
        opens_on=date(2027, 1, 4),
        closes_on=date(2027, 2, 28),
    )
    return replace(survey, **changes)


def change_question(survey: SurveyDefinition, index: int, **changes: object) -> SurveyDefinition:
    """The survey with one question changed."""
    questions = list(survey.questions)
    questions[index] = replace(questions[index], **changes)
    return replace(survey, questions=tuple(questions))


@pytest.fixture
def make_survey() -> Callable[..., SurveyDefinition]:
    """Build the standard test survey, with any fields changed."""
    return build_survey


@pytest.fixture
def with_question() -> Callable[..., SurveyDefinition]:
    """Change one question of a survey."""
    return change_question
