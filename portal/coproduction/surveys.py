"""Building surveys: details, questions, versions, opening and closing.

Two kinds of function live here. Building blocks (create_survey, add_question, ...) change the
session and leave committing to their caller; demo data and test factories use them. The
functions that take the officer first are the things an officer does: each makes its change,
records the audit event and commits both in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, func, select, update

from portal.coproduction.definition import (
    Audience,
    Option,
    Question,
    QuestionKind,
    SurveyDefinition,
    SurveyState,
    survey_state,
    validate_survey,
)
from portal.coproduction.models import Survey, SurveyQuestion, SurveyResponse, SurveyVersion
from portal.core.audit import AuditAction, record_audit
from portal.core.clock import london_today
from portal.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import Account

_NOT_KEY = re.compile(r"[^a-z0-9]+")


def question_definition(question: SurveyQuestion) -> Question:
    """The pure definition of a stored question."""
    return Question(
        key=question.key,
        kind=QuestionKind(question.kind),
        text=dict(question.text),
        hint=dict(question.hint or {}),
        options=tuple(Option(o["key"], dict(o["labels"])) for o in question.options or []),
        required=question.required,
        equality=question.equality,
    )


def survey_definition(survey: Survey, version: SurveyVersion | None = None) -> SurveyDefinition:
    """The pure definition of a survey's current (or given) version."""
    version = version or survey.current_version
    return SurveyDefinition(
        slug=survey.slug,
        audience=Audience(survey.audience),
        languages=tuple(survey.languages),
        title=dict(version.title),
        purpose=dict(version.purpose),
        questions=tuple(question_definition(q) for q in version.questions),
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
    )


def state_of(survey: Survey, today: date | None = None) -> SurveyState:
    """Draft, scheduled, open or closed."""
    return survey_state(survey_definition(survey), today or london_today(), opened=survey.opened)


def find_survey(public_id: str) -> Survey | None:
    """A survey by its public id."""
    return db.session.scalar(select(Survey).where(Survey.public_id == public_id))


def find_survey_by_slug(slug: str) -> Survey | None:
    """A survey by the web address respondents use."""
    return db.session.scalar(select(Survey).where(Survey.slug == slug))


def all_surveys() -> list[Survey]:
    """Every survey, newest first."""
    return list(db.session.scalars(select(Survey).order_by(Survey.created_at.desc())))


def slug_taken(slug: str, *, except_survey: Survey | None = None) -> bool:
    """Whether another survey already uses this web address."""
    found = find_survey_by_slug(slug)
    return found is not None and found is not except_survey


def response_count(survey: Survey, version: SurveyVersion | None = None) -> int:
    """Sent responses to a survey (or to one version of it)."""
    query = select(func.count(SurveyResponse.id)).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.submitted.is_(True)
    )
    if version is not None:
        query = query.where(SurveyResponse.version_id == version.id)
    return db.session.scalar(query) or 0


@dataclass(frozen=True)
class SurveyDetails:
    """What the officer types on the survey details page (English words)."""

    title: str
    purpose: str
    slug: str
    audience: str
    languages: list[str]
    opens_on: date | None
    closes_on: date | None


def create_survey(details: SurveyDetails, created_by_id: int | None) -> Survey:
    """A new draft survey with an empty first version."""
    survey = Survey(created_by_id=created_by_id)
    db.session.add(survey)
    _apply_schedule(survey, details)
    version = SurveyVersion(
        survey=survey, number=1, title={"en": details.title}, purpose={"en": details.purpose}
    )
    db.session.add(version)
    return survey


def start_survey(officer: Account, details: SurveyDetails) -> Survey:
    """An officer starts a draft survey."""
    survey = create_survey(details, officer.id)
    db.session.flush()
    record_audit(officer, AuditAction.SURVEY_CREATED, "survey", survey.public_id)
    db.session.commit()
    return survey


def save_survey_details(officer: Account, survey: Survey, details: SurveyDetails) -> None:
    """An officer changes a survey's details."""
    update_survey(survey, details)
    record_audit(officer, AuditAction.SURVEY_UPDATED, "survey", survey.public_id)
    db.session.commit()


def update_survey(survey: Survey, details: SurveyDetails) -> SurveyVersion:
    """Save new details; the words respondents read change in an editable version."""
    _apply_schedule(survey, details)
    current = survey.current_version
    if current.title.get("en") == details.title and current.purpose.get("en") == details.purpose:
        return current
    version = editable_version(survey)
    version.title = {**version.title, "en": details.title}
    version.purpose = {**version.purpose, "en": details.purpose}
    return version


def _apply_schedule(survey: Survey, details: SurveyDetails) -> None:
    survey.slug = details.slug
    survey.audience = details.audience
    survey.languages = ["en", *[lang for lang in details.languages if lang != "en"]]
    survey.opens_on = details.opens_on
    survey.closes_on = details.closes_on


def editable_version(survey: Survey) -> SurveyVersion:
    """The version to change: the current one, or a copy of it once anyone has answered it."""
    current = survey.current_version
    if response_count(survey, current) == 0:
        return current
    copy = SurveyVersion(
        survey=survey,
        number=current.number + 1,
        title=dict(current.title),
        purpose=dict(current.purpose),
    )
    db.session.add(copy)
    for question in current.questions:
        db.session.add(
            SurveyQuestion(
                version=copy,
                position=question.position,
                key=question.key,
                kind=question.kind,
                text=dict(question.text),
                hint=dict(question.hint or {}),
                options=[dict(o) for o in question.options or []],
                required=question.required,
                equality=question.equality,
            )
        )
    db.session.flush()
    db.session.refresh(survey)
    return copy


def option_key(label: str, taken: set[str]) -> str:
    """A short stored key for an answer option, unique within its question."""
    base = _NOT_KEY.sub("-", label.casefold()).strip("-")[:30] or "option"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


@dataclass(frozen=True)
class QuestionDraft:
    """A new question as the officer typed it (English)."""

    kind: str
    text: str
    hint: str
    options: list[str]
    required: bool
    equality: bool


def draft_question(draft: QuestionDraft, key: str) -> Question:
    """The pure question for a draft, to validate before saving."""
    taken: set[str] = set()
    kind = QuestionKind(draft.kind)
    wants_options = kind in {QuestionKind.CHOICE, QuestionKind.SEVERAL_CHOICES}
    return Question(
        key=key,
        kind=kind,
        text={"en": draft.text},
        hint={"en": draft.hint} if draft.hint else {},
        options=tuple(Option(option_key(label, taken), {"en": label}) for label in draft.options)
        if wants_options
        else (),
        required=draft.required and not draft.equality,
        equality=draft.equality,
    )


def next_question_key(version: SurveyVersion) -> str:
    """A key no question in this version has used."""
    used = {q.key for q in version.questions}
    number = len(used) + 1
    while f"q{number}" in used:
        number += 1
    return f"q{number}"


def add_question(survey: Survey, question: Question) -> SurveyQuestion:
    """Add a question at the end of an editable version."""
    version = editable_version(survey)
    stored = SurveyQuestion(
        version=version,
        position=len(version.questions) + 1,
        key=question.key,
        kind=question.kind.value,
        text=dict(question.text),
        hint=dict(question.hint),
        options=[{"key": o.key, "labels": dict(o.labels)} for o in question.options],
        required=question.required,
        equality=question.equality,
    )
    db.session.add(stored)
    return stored


def add_survey_question(officer: Account, survey: Survey, question: Question) -> SurveyQuestion:
    """An officer adds a question at the end of the survey."""
    stored = add_question(survey, question)
    record_audit(officer, AuditAction.SURVEY_QUESTION_ADDED, "survey", survey.public_id)
    db.session.commit()
    return stored


def remove_survey_question(officer: Account, survey: Survey, key: str) -> bool:
    """An officer removes a question; False (nothing saved) when the survey has no such question."""
    if not remove_question(survey, key):
        db.session.rollback()
        return False
    record_audit(officer, AuditAction.SURVEY_QUESTION_REMOVED, "survey", survey.public_id)
    db.session.commit()
    return True


def remove_question(survey: Survey, key: str) -> bool:
    """Remove a question (by key) from an editable version; False when there is none."""
    version = editable_version(survey)
    question = next((q for q in version.questions if q.key == key), None)
    if question is None:
        return False
    db.session.delete(question)
    db.session.flush()
    for position, remaining in enumerate(
        (q for q in version.questions if q is not question), start=1
    ):
        remaining.position = position
    return True


def open_survey(officer: Account, survey: Survey) -> bool:
    """An officer opens a complete survey for answers; False when it is not complete yet.

    Opening twice (two clicks, two officers) opens it once and records one audit event.
    """
    if validate_survey(survey_definition(survey), for_opening=True):
        return False
    # An UPDATE gives a CursorResult, which counts the rows it changed.
    opened = cast(
        CursorResult[Any],
        db.session.execute(
            update(Survey)
            .where(Survey.id == survey.id, Survey.opened.is_(False))
            .values(opened=True)
        ),
    )
    if opened.rowcount == 1:
        record_audit(officer, AuditAction.SURVEY_OPENED, "survey", survey.public_id)
    db.session.commit()
    return True


def close_survey(officer: Account, survey: Survey) -> None:
    """An officer stops the survey taking answers now: its close date becomes yesterday."""
    survey.closes_on = london_today() - timedelta(days=1)
    if survey.opens_on and survey.opens_on > survey.closes_on:
        survey.opens_on = survey.closes_on - timedelta(days=1)
    record_audit(officer, AuditAction.SURVEY_CLOSED, "survey", survey.public_id)
    db.session.commit()
