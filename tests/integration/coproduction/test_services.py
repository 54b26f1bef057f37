"""Co-production services: what each stores, and the one audit event an officer's action writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select, text, update
from sqlalchemy.orm import scoped_session

from portal.accounts.models import Account
from portal.coproduction.definition import Question, QuestionKind, SurveyState
from portal.coproduction.models import (
    Answer,
    EntryStatus,
    PageFeedback,
    SafetyWord,
    Survey,
    SurveyResponse,
    Theme,
    YouSaidWeDid,
)
from portal.coproduction.page_feedback import record_page_feedback
from portal.coproduction.responses import (
    begin_response,
    key_in_paper_response,
    responses_for_export,
    save_answer,
    save_safety_words,
    send_response,
)
from portal.coproduction.sensemaking import (
    AnswerTagging,
    EntryDraft,
    add_theme,
    change_entry_status,
    merge_themes,
    publish_you_said_we_did,
    rename_theme,
    tag_response,
    written_answers_of,
)
from portal.coproduction.surveys import (
    SurveyDetails,
    add_survey_question,
    close_survey,
    open_survey,
    remove_survey_question,
    save_survey_details,
    start_survey,
    state_of,
)
from portal.coproduction.translations import save_survey_translation
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.clock import london_today
from portal.extensions import db
from tests.integration.coproduction.factories import add_responses, make_open_survey

pytestmark = pytest.mark.both_databases


@dataclass(frozen=True)
class Event:
    """An audit event as the tests compare it."""

    actor_id: int | None
    action: str
    subject_type: str
    subject_id: str


@pytest.fixture
def session(app: Flask) -> Iterator[scoped_session]:
    with app.app_context():
        yield db.session


@pytest.fixture
def officer(app: Flask, make_account: Callable[..., Account], session: scoped_session) -> Account:
    """A participation officer, loaded in the test's session (the audit reads their team)."""
    made = make_account([Role.PARTICIPATION])
    return session.get(Account, made.id)


@pytest.fixture
def new_events(session: scoped_session) -> Callable[[], list[Event]]:
    """The audit events written since the test started (factories write none)."""
    before = session.scalar(select(db.func.max(AuditEvent.id))) or 0

    def read() -> list[Event]:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > before).order_by(AuditEvent.id)
        )
        return [Event(e.actor_id, e.action, e.subject_type, e.subject_id) for e in rows]

    return read


# The factories write through a session of their own. Committing the test's session after them
# keeps their rows out of its transaction, so a service that rolls back undoes only its own work.


def load_survey(app: Flask, **options: object) -> Survey:
    public_id = make_open_survey(app, **options)
    db.session.commit()
    return db.session.scalar(select(Survey).where(Survey.public_id == public_id))


def add_answers(app: Flask, survey: Survey, answers: list[dict[str, list[str]]]) -> None:
    add_responses(app, survey.public_id, answers)
    db.session.commit()


def details(**changes: object) -> SurveyDetails:
    fields: dict[str, object] = {
        "title": "Kinship carers' evenings",
        "purpose": "Tell us when an evening group would suit you.",
        "slug": "kinship-evenings",
        "audience": "kinship-carers",
        "languages": ["pl"],
        "opens_on": None,
        "closes_on": london_today() + timedelta(days=30),
    }
    fields.update(changes)
    return SurveyDetails(**fields)  # type: ignore[arg-type]


# --- building a survey -----------------------------------------------------------------------


def test_starting_a_survey_stores_a_draft_and_one_event(officer, new_events):
    survey = start_survey(officer, details())

    stored = db.session.scalar(select(Survey).where(Survey.slug == "kinship-evenings"))
    assert stored.public_id == survey.public_id
    assert stored.created_by_id == officer.id and stored.opened is False
    assert stored.languages == ["en", "pl"]
    assert stored.current_version.title == {"en": "Kinship carers' evenings"}
    assert new_events() == [Event(officer.id, "survey.created", "survey", survey.public_id)]


def test_saving_details_changes_the_words_and_writes_one_event(app, officer, new_events):
    survey = load_survey(app)

    save_survey_details(officer, survey, details(slug="youth-club", title="Your club"))

    db.session.expire_all()
    assert survey.current_version.title["en"] == "Your club"
    assert survey.audience == "kinship-carers"
    assert new_events() == [Event(officer.id, "survey.updated", "survey", survey.public_id)]


def test_adding_and_removing_a_question(app, officer, new_events):
    survey = load_survey(app)
    question = Question("snack", QuestionKind.SHORT_TEXT, {"en": "Favourite snack?"})

    add_survey_question(officer, survey, question)
    removed = remove_survey_question(officer, survey, "feel")

    db.session.expire_all()
    assert removed is True
    assert [(q.position, q.key) for q in survey.current_version.questions] == [
        (1, "day"),
        (2, "change"),
        (3, "snack"),
    ]
    assert new_events() == [
        Event(officer.id, "survey.question_added", "survey", survey.public_id),
        Event(officer.id, "survey.question_removed", "survey", survey.public_id),
    ]


def test_removing_a_question_that_is_not_there_saves_nothing(app, officer, new_events):
    survey = load_survey(app)
    add_answers(app, survey, [{"feel": ["happy"]}])

    assert remove_survey_question(officer, survey, "no-such-question") is False

    db.session.expire_all()
    # Not even the new version a survey with answers would have needed.
    assert [v.number for v in survey.versions] == [1]
    assert new_events() == []


def test_saving_a_translation_stores_the_words_and_the_language(app, officer, session):
    survey = load_survey(app, languages=["pl"])

    save_survey_translation(officer, survey, "pl", {"title": "Twój klub", "q-feel": "Jak?"})

    db.session.expire_all()
    assert survey.current_version.title["pl"] == "Twój klub"
    assert survey.current_version.questions[0].text["pl"] == "Jak?"
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.actor_id, event.action, event.subject_id) == (
        officer.id,
        "survey.translated",
        survey.public_id,
    )
    assert event.detail == {"lang": "pl"}


def test_an_incomplete_survey_does_not_open(officer, new_events):
    survey = start_survey(officer, details(languages=[]))
    before = new_events()

    assert open_survey(officer, survey) is False  # it has no questions yet

    db.session.expire_all()
    assert survey.opened is False
    assert new_events() == before


def test_opening_twice_opens_once_with_one_event(app, officer, new_events):
    survey = load_survey(app, opened=False)

    assert open_survey(officer, survey) is True
    assert open_survey(officer, survey) is True

    db.session.expire_all()
    assert survey.opened is True
    assert new_events() == [Event(officer.id, "survey.opened", "survey", survey.public_id)]


def test_closing_moves_the_close_date_to_yesterday(app, officer, new_events):
    survey = load_survey(app)

    close_survey(officer, survey)

    db.session.expire_all()
    assert survey.closes_on == london_today() - timedelta(days=1)
    assert state_of(survey) is SurveyState.CLOSED
    assert new_events() == [Event(officer.id, "survey.closed", "survey", survey.public_id)]


def test_saving_safety_words_replaces_the_list(officer, session):
    kept = save_safety_words(officer, ["Lonely*", "# a comment", "", "lonely*", "hits me"])

    assert kept == ["lonely*", "hits me"]
    assert sorted(session.scalars(select(SafetyWord.phrase))) == ["hits me", "lonely*"]
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.actor_id, event.action, event.subject_type, event.detail) == (
        officer.id,
        "safety_words.updated",
        "safety_words",
        {"count": 2},
    )


# --- responses ---------------------------------------------------------------------------------


def test_a_paper_response_is_stored_as_sent_and_paper(app, officer, new_events):
    survey = load_survey(app)

    response = key_in_paper_response(officer, survey, {"feel": ["sad"], "change": ["A quiet room"]})

    stored = db.session.get(SurveyResponse, response.id)
    assert (stored.paper, stored.submitted, stored.submitted_on) == (True, True, london_today())
    assert {a.question.key: a.values for a in stored.answers} == {
        "feel": ["sad"],
        "change": ["A quiet room"],
    }
    assert new_events() == [
        Event(officer.id, "survey.paper_response_added", "survey", survey.public_id)
    ]


def test_an_export_is_audited_with_its_format(app, officer, session):
    survey = load_survey(app)
    add_answers(app, survey, [{"day": ["fri"]}, {"day": ["mon"]}])

    exported = responses_for_export(officer, survey, "xlsx")

    assert [dict(r.answers) for r in exported] == [{"day": ["fri"]}, {"day": ["mon"]}]
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.actor_id, event.action, event.subject_id, event.detail) == (
        officer.id,
        "survey.exported",
        survey.public_id,
        {"format": "xlsx"},
    )


# --- themes and tags ---------------------------------------------------------------------------


def one_written_answer(app: Flask, survey: Survey, words: str) -> tuple[SurveyResponse, Answer]:
    add_answers(app, survey, [{"change": [words]}])
    response = db.session.scalars(select(SurveyResponse).order_by(SurveyResponse.id.desc())).first()
    (answer,) = written_answers_of(response)
    assert answer.values == [words]
    return response, answer


def tags_of(answer: Answer) -> list[str]:
    db.session.expire(answer, ["themes"])
    return sorted(theme.name for theme in answer.themes)


def test_tagging_stores_exactly_the_chosen_themes_and_one_event(app, officer, new_events):
    survey = load_survey(app)
    response, answer = one_written_answer(app, survey, "Later buses and a quiet room")
    buses, _ = add_theme(officer, survey, "Buses")
    add_theme(officer, survey, "Money")
    assert buses is not None
    tagged_before = new_events()

    problems = tag_response(
        officer,
        survey,
        response,
        {answer.public_id: AnswerTagging([buses.public_id], new_theme="  Quiet   space ")},
    )

    assert problems == {}
    assert tags_of(answer) == ["Buses", "Quiet space"]
    assert sorted(db.session.scalars(select(Theme.name))) == ["Buses", "Money", "Quiet space"]
    assert new_events()[len(tagged_before) :] == [
        Event(officer.id, "survey.response_tagged", "survey_response", response.public_id)
    ]


def test_tagging_again_replaces_the_tags(app, officer):
    survey = load_survey(app)
    response, answer = one_written_answer(app, survey, "Bus fares")
    tag_response(officer, survey, response, {answer.public_id: AnswerTagging(new_theme="Buses")})

    # Typing an existing name in another case reuses that theme.
    tag_response(officer, survey, response, {answer.public_id: AnswerTagging(new_theme="MONEY")})
    tag_response(officer, survey, response, {answer.public_id: AnswerTagging(new_theme="money")})

    assert tags_of(answer) == ["MONEY"]
    assert sorted(db.session.scalars(select(Theme.name))) == ["Buses", "MONEY"]


def test_a_bad_new_theme_saves_nothing_at_all(app, officer, new_events):
    survey = load_survey(app)
    snack = Question("snack", QuestionKind.SHORT_TEXT, {"en": "Favourite snack?"})
    add_survey_question(officer, survey, snack)
    add_answers(app, survey, [{"change": ["Later buses"], "snack": ["Crisps"]}])
    response = db.session.scalars(select(SurveyResponse)).one()
    written = {a.question.key: a for a in written_answers_of(response)}
    assert set(written) == {"change", "snack"}
    events_before = new_events()

    problems = tag_response(
        officer,
        survey,
        response,
        {
            written["change"].public_id: AnswerTagging(new_theme="Buses"),
            written["snack"].public_id: AnswerTagging(new_theme="x" * 81),
        },
    )

    assert problems == {written["snack"].public_id: "theme-name-too-long"}
    # The good half is not saved either: not the new theme, not the tag.
    assert db.session.scalars(select(Theme)).all() == []
    assert tags_of(written["change"]) == []
    assert new_events() == events_before


def test_renaming_and_merging_themes(app, officer, new_events):
    survey = load_survey(app)
    response, answer = one_written_answer(app, survey, "Bus fares are too high")
    buses, _ = add_theme(officer, survey, "Buses")
    money, _ = add_theme(officer, survey, "Money")
    assert buses is not None and money is not None
    tag_response(
        officer,
        survey,
        response,
        {answer.public_id: AnswerTagging([buses.public_id, money.public_id])},
    )

    assert rename_theme(officer, survey, buses, "money") == "theme-name-taken"
    assert rename_theme(officer, survey, buses, "Transport") is None
    assert merge_themes(officer, survey, money, money) is False
    assert merge_themes(officer, survey, money, buses) is True

    assert sorted(db.session.scalars(select(Theme.name))) == ["Transport"]
    assert tags_of(answer) == ["Transport"]
    assert [e.action for e in new_events()] == [
        "survey.theme_created",
        "survey.theme_created",
        "survey.response_tagged",
        "survey.theme_renamed",
        "survey.themes_merged",
    ]
    assert {
        (e.actor_id, e.subject_id) for e in new_events() if e.action != "survey.response_tagged"
    } == {(officer.id, survey.public_id)}


# --- you said, we did ----------------------------------------------------------------------------


def publish(officer: Account, survey: Survey, status: EntryStatus) -> YouSaidWeDid:
    draft = EntryDraft(
        theme_name=None,
        you_said=" The club is too noisy. ",
        we_did="We made a quiet room.",
        status=status,
        happens_on=date(2027, 5, 1),
    )
    return publish_you_said_we_did(officer, survey, draft)


def test_publishing_an_entry(app, officer, new_events, session):
    survey = load_survey(app)

    entry = publish(officer, survey, EntryStatus.PLANNED)

    stored = session.scalars(select(YouSaidWeDid)).one()
    assert (stored.you_said, stored.status, stored.published_by_id) == (
        "The club is too noisy.",
        EntryStatus.PLANNED,
        officer.id,
    )
    # The enum is stored as the same plain string as before it existed.
    assert session.scalar(text("SELECT status FROM coproduction_you_said_we_did")) == "planned"
    assert new_events() == [
        Event(officer.id, "you_said_we_did.published", "you_said_we_did", entry.public_id)
    ]


def test_a_new_status_replaces_the_entry(app, officer, new_events, session):
    survey = load_survey(app)
    entry = publish(officer, survey, EntryStatus.PLANNED)

    assert change_entry_status(officer, survey, entry, EntryStatus.PLANNED) is None
    updated = change_entry_status(officer, survey, entry, EntryStatus.DONE)

    assert updated is not None
    rows = {e.public_id: e for e in session.scalars(select(YouSaidWeDid))}
    assert rows[entry.public_id].superseded is True
    assert rows[updated.public_id].status is EntryStatus.DONE
    assert rows[updated.public_id].supersedes_id == rows[entry.public_id].id
    assert new_events()[1:] == [
        Event(officer.id, "you_said_we_did.updated", "you_said_we_did", updated.public_id)
    ]


def test_an_entry_someone_else_replaced_is_not_replaced_again(app, officer, new_events, session):
    survey = load_survey(app)
    entry = publish(officer, survey, EntryStatus.PLANNED)
    # Another officer's click got there first; this page still holds the old entry.
    session.execute(
        update(YouSaidWeDid).where(YouSaidWeDid.id == entry.id).values(superseded=True),
        execution_options={"synchronize_session": False},
    )
    session.commit()

    assert change_entry_status(officer, survey, entry, EntryStatus.DONE) is None

    assert session.scalars(select(YouSaidWeDid)).all() == [entry]
    assert [e.action for e in new_events()] == ["you_said_we_did.published"]


# --- respondents -------------------------------------------------------------------------------


def test_respondents_answers_are_kept_but_never_audited(app, new_events, session):
    survey = load_survey(app)

    response = begin_response(survey, "pl")
    save_answer(response, survey.current_version.questions[2], ["Nobody listens to me"])
    flagged = send_response(response)
    record_page_feedback("/kinship", useful=False, missing="Opening times", locale="pl")

    session.expire_all()
    stored = session.get(SurveyResponse, response.id)
    assert (stored.submitted, stored.locale, flagged) == (True, "pl", False)
    assert session.scalars(select(PageFeedback.missing)).all() == ["Opening times"]
    assert new_events() == []
