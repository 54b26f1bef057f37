"""Small factories for co-production tests, on the real database."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask

from portal.coproduction.definition import Option, Question, QuestionKind
from portal.coproduction.models import Survey
from portal.coproduction.responses import save_answer, start_response, submit_response
from portal.coproduction.surveys import SurveyDetails, add_question, create_survey
from portal.extensions import db


def make_open_survey(
    app: Flask,
    *,
    slug: str = "youth-club",
    audience: str = "young-people",
    languages: list[str] | None = None,
    opened: bool = True,
    closes_in_days: int = 30,
) -> str:
    """An open survey with a face scale, a choice and a written question; its public id."""
    with app.app_context():
        survey = create_survey(
            SurveyDetails(
                title="Your youth club",
                purpose="Help us plan the youth club.",
                slug=slug,
                audience=audience,
                languages=languages or [],
                opens_on=date.today() - timedelta(days=1),
                closes_on=date.today() + timedelta(days=closes_in_days),
            ),
            None,
        )
        db.session.flush()
        add_question(
            survey,
            Question("feel", QuestionKind.FACES, {"en": "How do you feel at the club?"}),
        )
        db.session.flush()
        add_question(
            survey,
            Question(
                "day",
                QuestionKind.CHOICE,
                {"en": "Which day is best?"},
                options=(Option("mon", {"en": "Monday"}), Option("fri", {"en": "Friday"})),
            ),
        )
        db.session.flush()
        add_question(
            survey, Question("change", QuestionKind.LONG_TEXT, {"en": "What should change?"})
        )
        survey.opened = opened
        db.session.commit()
        return survey.public_id


def add_responses(app: Flask, public_id: str, answers: list[dict[str, list[str]]]) -> None:
    """Sent responses with these answers (by question key)."""
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.public_id == public_id))
        for given in answers:
            response = start_response(survey, "en")
            for question in survey.current_version.questions:
                save_answer(response, question, given.get(question.key, []))
            db.session.flush()
            submit_response(response)
        db.session.commit()
