"""Answering a survey: anonymous responses, paper responses and the safety word list.

Building blocks (start_response, save_answer, submit_response) leave committing to their caller.
The functions named for what a person does (begin_response, send_response, and those that take
the officer first) commit their change; an officer's change is committed with its audit event.
Respondents are anonymous, so what they do is never audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from portal.coproduction.definition import TEXT_KINDS, QuestionKind
from portal.coproduction.exports import ExportResponse
from portal.coproduction.models import (
    Answer,
    SafetyWord,
    Survey,
    SurveyQuestion,
    SurveyResponse,
)
from portal.coproduction.safety import DEFAULT_SAFETY_WORDS, SafetyWordList, parse_entry
from portal.core.audit import AuditAction, record_audit
from portal.core.clock import london_today
from portal.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import Account

# Unsent answers are kept a day so someone can finish later, then removed.
DRAFT_LIFETIME = timedelta(days=1)


def start_response(survey: Survey, locale: str) -> SurveyResponse:
    """A new unsent response to the survey's current version."""
    forget_abandoned_drafts()
    response = SurveyResponse(
        survey_id=survey.id, version_id=survey.current_version.id, locale=locale
    )
    db.session.add(response)
    return response


def begin_response(survey: Survey, locale: str) -> SurveyResponse:
    """A respondent starts a new, empty set of answers."""
    response = start_response(survey, locale)
    db.session.commit()
    return response


def forget_abandoned_drafts(today: date | None = None) -> None:
    """Delete unsent answers older than a day."""
    cutoff = (today or london_today()) - DRAFT_LIFETIME
    stale = select(SurveyResponse.id).where(
        SurveyResponse.submitted.is_(False), SurveyResponse.started_on < cutoff
    )
    db.session.execute(delete(Answer).where(Answer.response_id.in_(stale)))
    db.session.execute(
        delete(SurveyResponse).where(
            SurveyResponse.submitted.is_(False), SurveyResponse.started_on < cutoff
        )
    )


def find_draft(survey: Survey, public_id: str | None) -> SurveyResponse | None:
    """An unsent response to this survey's current version, by the id in the device cookie."""
    if not public_id:
        return None
    response = db.session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.public_id == public_id,
            SurveyResponse.survey_id == survey.id,
            SurveyResponse.submitted.is_(False),
        )
    )
    if response is None or response.version_id != survey.current_version.id:
        return None
    return response


def answer_for(response: SurveyResponse, question: SurveyQuestion) -> Answer | None:
    """The response's answer to a question, if any."""
    return next((a for a in response.answers if a.question_id == question.id), None)


def save_answer(response: SurveyResponse, question: SurveyQuestion, values: list[str]) -> None:
    """Keep an answer (replacing an earlier one); an empty answer removes it."""
    existing = answer_for(response, question)
    if not values:
        if existing is not None:
            response.answers.remove(existing)
        return
    if existing is None:
        response.answers.append(Answer(question_id=question.id, values=list(values)))
    else:
        existing.values = list(values)


def commit_answer(response: SurveyResponse, question: SurveyQuestion, values: list[str]) -> None:
    """Save an answer and commit; the same answer sent twice at once is kept once, not a 500."""
    save_answer(response, question, values)
    try:
        db.session.commit()
    except IntegrityError:
        # A double tap: the other request stored this question's answer first. Ours replaces it.
        db.session.rollback()
        save_answer(response, question, values)
        db.session.commit()


def written_answers(response: SurveyResponse) -> list[str]:
    """The words a respondent wrote (not their choices)."""
    text_kinds = {kind.value for kind in TEXT_KINDS}
    return [
        value
        for answer in response.answers
        if answer.question.kind in text_kinds
        for value in answer.values
    ]


def submit_response(response: SurveyResponse, *, paper: bool = False) -> bool:
    """Send a response: date it, check it against the safety list; True when it is flagged."""
    db.session.flush()
    found = safety_word_list().flags(written_answers(response))
    response.submitted = True
    response.submitted_on = london_today()
    response.paper = paper
    response.flagged = bool(found)
    response.flag_words = found
    return response.flagged


def send_response(response: SurveyResponse) -> bool:
    """A respondent sends their answers; True when an answer is on the safety list."""
    flagged = submit_response(response)
    db.session.commit()
    return flagged


def key_in_paper_response(
    officer: Account, survey: Survey, answers: Mapping[str, list[str]]
) -> SurveyResponse:
    """An officer types in an answer sheet filled in on paper (answers by question key)."""
    response = start_response(survey, "en")
    for question in survey.current_version.questions:
        save_answer(response, question, answers.get(question.key, []))
    submit_response(response, paper=True)
    record_audit(officer, AuditAction.SURVEY_PAPER_RESPONSE_ADDED, "survey", survey.public_id)
    db.session.commit()
    return response


def safety_phrases() -> list[str]:
    """The officer's list, or the starting list when it is empty (never no safety net)."""
    phrases = list(db.session.scalars(select(SafetyWord.phrase).order_by(SafetyWord.phrase)))
    return phrases or list(DEFAULT_SAFETY_WORDS)


def safety_word_list() -> SafetyWordList:
    """The safety list the service checks answers with."""
    return SafetyWordList(safety_phrases())


def save_safety_words(officer: Account, lines: Iterable[str]) -> list[str]:
    """An officer saves a new safety list; returns the phrases kept."""
    kept = replace_safety_words(lines)
    record_audit(
        officer, AuditAction.SAFETY_WORDS_UPDATED, "safety_words", "list", {"count": len(kept)}
    )
    db.session.commit()
    return kept


def replace_safety_words(lines: Iterable[str]) -> list[str]:
    """Save a new list; returns the phrases kept (blank lines, comments and repeats dropped)."""
    kept: dict[str, None] = {}
    for line in lines:
        entry = parse_entry(line)
        if entry is not None:
            kept[entry.source.casefold()[:100]] = None
    db.session.execute(delete(SafetyWord))
    db.session.add_all(SafetyWord(phrase=phrase) for phrase in kept)
    return list(kept)


def submitted_responses(
    survey: Survey, *, flagged: bool | None = None, paper: bool | None = None
) -> list[SurveyResponse]:
    """Sent responses, newest first, optionally only flagged or only paper ones."""
    query = select(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.submitted.is_(True)
    )
    if flagged is not None:
        query = query.where(SurveyResponse.flagged.is_(flagged))
    if paper is not None:
        query = query.where(SurveyResponse.paper.is_(paper))
    return list(db.session.scalars(query.order_by(SurveyResponse.id.desc())))


def responses_for_export(
    officer: Account, survey: Survey, file_format: str
) -> list[ExportResponse]:
    """Every sent response, oldest first, for an officer to download; the download is audited."""
    exported = [
        ExportResponse(
            reference=response.public_id,
            # A sent response always has its date; the start date stands in should one lack it.
            submitted_on=response.submitted_on or response.started_on,
            version=response.version.number,
            paper=response.paper,
            flagged=response.flagged,
            answers={a.question.key: list(a.values) for a in response.answers},
            themes={
                a.question.key: [t.name for t in a.themes] for a in response.answers if a.themes
            },
        )
        for response in reversed(submitted_responses(survey))
    ]
    record_audit(
        officer, AuditAction.SURVEY_EXPORTED, "survey", survey.public_id, {"format": file_format}
    )
    db.session.commit()
    return exported


def find_response(survey: Survey, public_id: str) -> SurveyResponse | None:
    """A sent response to this survey, by its public id."""
    return db.session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.public_id == public_id,
            SurveyResponse.survey_id == survey.id,
            SurveyResponse.submitted.is_(True),
        )
    )


def is_text_question(question: SurveyQuestion) -> bool:
    """Whether a question takes written words (and so can be tagged with themes)."""
    return QuestionKind(question.kind) in TEXT_KINDS
