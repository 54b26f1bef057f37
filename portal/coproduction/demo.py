"""Demo data for co-production: an open survey with answers, themes and "you said, we did"."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.coproduction.definition import Option, Question, QuestionKind
from portal.coproduction.models import Answer, EntryStatus, Theme
from portal.coproduction.responses import save_answer, start_response, submit_response
from portal.coproduction.sensemaking import create_theme, publish_entry, set_answer_themes
from portal.coproduction.surveys import (
    SurveyDetails,
    add_question,
    create_survey,
    find_survey_by_slug,
)
from portal.coproduction.translations import save_translations
from portal.core.clock import london_today
from portal.extensions import db

DEMO_SLUG = "youth-club-2027"
DEMO_ANSWERS = (
    ("very-happy", "fri", "Later buses home", "Buses"),
    ("happy", "fri", "The last bus goes before we finish", "Buses"),
    ("happy", "mon", "More games and a pool table", "Things to do"),
    ("okay", "fri", "Bus fares cost too much", "Buses"),
    ("happy", "fri", "Cooking sessions", "Things to do"),
    ("sad", "mon", "Somewhere quiet to sit", "Quiet space"),
    ("very-happy", "fri", "Buses that run later on Fridays", "Buses"),
    ("happy", "mon", "A music room", "Things to do"),
    ("okay", "fri", "A minibus for the estate", "Buses"),
    ("happy", "fri", "Buses on Saturday too", "Buses"),
    ("very-happy", "mon", "Trips to the seaside", "Things to do"),
    ("happy", "mon", "Art and comics club", "Things to do"),
)


def load_coproduction_demo() -> None:
    """Create the demo survey once; running again changes nothing."""
    if find_survey_by_slug(DEMO_SLUG) is not None:
        return
    survey = create_survey(
        SurveyDetails(
            title="Your youth club",
            purpose="Tell us what you like about the youth club and what we should change.",
            slug=DEMO_SLUG,
            audience="young-people",
            languages=["pl"],
            opens_on=london_today() - timedelta(days=14),
            closes_on=london_today() + timedelta(days=60),
        ),
        None,
    )
    db.session.flush()
    questions = (
        Question("feel", QuestionKind.FACES, {"en": "How do you feel at the youth club?"}),
        Question(
            "day",
            QuestionKind.CHOICE,
            {"en": "Which day suits you best?"},
            options=(Option("mon", {"en": "Monday"}), Option("fri", {"en": "Friday"})),
        ),
        Question("change", QuestionKind.LONG_TEXT, {"en": "What would make the club better?"}),
    )
    for question in questions:
        add_question(survey, question)
        db.session.flush()
    db.session.refresh(survey)
    save_translations(
        survey,
        "pl",
        {
            "title": "Twój klub młodzieżowy",
            "purpose": "Powiedz nam, co lubisz w klubie i co powinniśmy zmienić.",
            "q-feel": "Jak się czujesz w klubie młodzieżowym?",
            "q-day": "Który dzień najbardziej ci pasuje?",
            "o-day-mon": "Poniedziałek",
            "o-day-fri": "Piątek",
            "q-change": "Co sprawiłoby, że klub byłby lepszy?",
        },
    )
    survey.opened = True
    themes: dict[str, Theme] = {}
    for feel, day, words, theme_name in DEMO_ANSWERS:
        response = start_response(survey, "en")
        stored = {q.key: q for q in survey.current_version.questions}
        save_answer(response, stored["feel"], [feel])
        save_answer(response, stored["day"], [day])
        save_answer(response, stored["change"], [words])
        db.session.flush()
        submit_response(response)
        if theme_name not in themes:
            created, problem = create_theme(survey, theme_name)
            if created is None:
                raise ValueError(f"demo theme {theme_name!r} refused: {problem}")
            themes[theme_name] = created
        answer = db.session.scalars(
            select(Answer).where(
                Answer.response_id == response.id, Answer.question_id == stored["change"].id
            )
        ).one()
        set_answer_themes(answer, [themes[theme_name]])
    publish_entry(
        survey,
        theme_name="Buses",
        you_said="The last bus home leaves before the club finishes.",
        we_did="On Fridays the club now finishes at 8pm, before the last bus.",
        status=EntryStatus.DONE,
        happens_on=london_today() - timedelta(days=3),
        published_by_id=None,
    )
    publish_entry(
        survey,
        theme_name="Quiet space",
        you_said="You want somewhere quiet to sit.",
        we_did="We are turning the small room into a quiet room with beanbags.",
        status=EntryStatus.IN_PROGRESS,
        happens_on=london_today() + timedelta(days=30),
        published_by_id=None,
    )
