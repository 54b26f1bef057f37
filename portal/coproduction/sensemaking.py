"""Making sense of answers: themes, tags, counts and "you said, we did" entries.

Building blocks (create_theme, set_answer_themes, publish_entry) leave committing to their
caller. The functions that take the officer first are the things an officer does: each makes
its change, records the audit event and commits both in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, delete, select, update

from portal.coproduction.definition import QuestionKind
from portal.coproduction.models import (
    Answer,
    AnswerTheme,
    EntryStatus,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    Theme,
    YouSaidWeDid,
)
from portal.coproduction.responses import is_text_question
from portal.coproduction.surveys import question_definition
from portal.coproduction.themes import (
    Tag,
    clean_theme_name,
    count_answers,
    count_by_theme,
    merge_tags,
    theme_name_problem,
)
from portal.core.audit import AuditAction, record_audit
from portal.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import Account


def themes_of(survey: Survey) -> list[Theme]:
    """A survey's themes in name order."""
    return list(
        db.session.scalars(select(Theme).where(Theme.survey_id == survey.id).order_by(Theme.name))
    )


def find_theme(survey: Survey, public_id: str) -> Theme | None:
    """One of this survey's themes."""
    return db.session.scalar(
        select(Theme).where(Theme.survey_id == survey.id, Theme.public_id == public_id)
    )


def create_theme(survey: Survey, name: str) -> tuple[Theme | None, str | None]:
    """A new theme, or the problem code explaining why not."""
    problem = theme_name_problem(name, {t.id: t.name for t in themes_of(survey)})
    if problem:
        return None, problem
    theme = Theme(survey_id=survey.id, name=clean_theme_name(name))
    db.session.add(theme)
    db.session.flush()
    return theme, None


def add_theme(officer: Account, survey: Survey, name: str) -> tuple[Theme | None, str | None]:
    """An officer adds a theme; the new theme, or the problem code explaining why not."""
    theme, problem = create_theme(survey, name)
    if theme is None:
        return None, problem
    record_audit(officer, AuditAction.SURVEY_THEME_CREATED, "survey", survey.public_id)
    db.session.commit()
    return theme, None


def rename_theme(officer: Account, survey: Survey, theme: Theme, name: str) -> str | None:
    """An officer gives a theme a new name; returns a problem code, or None when saved."""
    existing = {t.id: t.name for t in themes_of(survey)}
    problem = theme_name_problem(name, existing, renaming=theme.id)
    if problem is not None:
        return problem
    theme.name = clean_theme_name(name)
    record_audit(officer, AuditAction.SURVEY_THEME_RENAMED, "survey", survey.public_id)
    db.session.commit()
    return None


def _survey_tags(survey: Survey) -> list[Tag]:
    rows = db.session.execute(
        select(AnswerTheme.answer_id, AnswerTheme.theme_id)
        .join(Theme, Theme.id == AnswerTheme.theme_id)
        .where(Theme.survey_id == survey.id)
    )
    return [Tag(answer_id, theme_id) for answer_id, theme_id in rows]


def merge_themes(officer: Account, survey: Survey, source: Theme, target: Theme) -> bool:
    """An officer merges one theme into another: its tags move, then it goes.

    False (nothing saved) when the two are the same theme. The survey's row is locked first
    (FOR UPDATE), so merges of one survey's themes happen one after another; one that finds a
    theme gone (the same merge sent twice, a double click) has nothing left to do.
    """
    if source.id == target.id:
        return False
    db.session.execute(select(Survey.id).where(Survey.id == survey.id).with_for_update())
    present = set(db.session.scalars(select(Theme.id).where(Theme.id.in_([source.id, target.id]))))
    if present != {source.id, target.id}:
        db.session.rollback()
        db.session.expire_all()
        return True
    tags = merge_tags(_survey_tags(survey), [source.id], target.id)
    theme_ids = [t.id for t in themes_of(survey)]
    db.session.execute(delete(AnswerTheme).where(AnswerTheme.theme_id.in_(theme_ids)))
    db.session.add_all(AnswerTheme(answer_id=t.answer_id, theme_id=t.theme_id) for t in tags)
    db.session.execute(delete(Theme).where(Theme.id == source.id))
    record_audit(officer, AuditAction.SURVEY_THEMES_MERGED, "survey", survey.public_id)
    db.session.commit()
    db.session.expire_all()
    return True


def set_answer_themes(answer: Answer, themes: list[Theme]) -> None:
    """Tag an answer with exactly these themes."""
    db.session.execute(delete(AnswerTheme).where(AnswerTheme.answer_id == answer.id))
    db.session.add_all(AnswerTheme(answer_id=answer.id, theme_id=t.id) for t in themes)
    db.session.expire(answer, ["themes"])


def written_answers_of(response: SurveyResponse) -> list[Answer]:
    """A response's answers in words (the ones that can be tagged with themes)."""
    return [answer for answer in response.answers if is_text_question(answer.question)]


@dataclass(frozen=True)
class AnswerTagging:
    """What an officer chose for one written answer: existing themes, and perhaps a new one."""

    theme_ids: list[str] = field(default_factory=list)  # public ids of the survey's themes
    new_theme: str = ""


def tag_response(
    officer: Account, survey: Survey, response: SurveyResponse, tagging: Mapping[str, AnswerTagging]
) -> dict[str, str]:
    """An officer tags written answers (by public id) with exactly the themes chosen.

    A new theme name is used as typed, or matched to a theme of that name. Returns problem
    codes by answer public id; when there are any, nothing at all is saved.
    """
    themes = themes_of(survey)
    problems: dict[str, str] = {}
    for answer in written_answers_of(response):
        choice = tagging.get(answer.public_id)
        if choice is None:
            continue
        chosen, problem = _themes_chosen(survey, themes, choice)
        if problem is not None:
            problems[answer.public_id] = problem
            continue
        set_answer_themes(answer, chosen)
    if problems:
        db.session.rollback()
        return problems
    record_audit(officer, AuditAction.SURVEY_RESPONSE_TAGGED, "survey_response", response.public_id)
    db.session.commit()
    return {}


def _themes_chosen(
    survey: Survey, themes: list[Theme], choice: AnswerTagging
) -> tuple[list[Theme], str | None]:
    """The themes for one answer, making the new one if need be (it joins `themes`)."""
    by_id = {t.public_id: t for t in themes}
    chosen = [by_id[public_id] for public_id in choice.theme_ids if public_id in by_id]
    name = clean_theme_name(choice.new_theme)
    if name:
        named = next((t for t in themes if t.name.casefold() == name.casefold()), None)
        if named is None:
            named, problem = create_theme(survey, name)
            if named is None:
                return [], problem
            themes.append(named)
        chosen.append(named)
    return list({t.id: t for t in chosen}.values()), None


def theme_counts(survey: Survey) -> list[tuple[str, int]]:
    """How many answers carry each theme."""
    return count_by_theme(_survey_tags(survey), {t.id: t.name for t in themes_of(survey)})


@dataclass(frozen=True)
class QuestionCounts:
    """Counts for one closed question of the current version."""

    question: SurveyQuestion
    rows: list[tuple[str, int]]
    answered: int


def closed_question_counts(survey: Survey) -> list[QuestionCounts]:
    """Counts per answer for every closed question of the current version (all versions' answers
    to a question with the same key and kind are counted together)."""
    results = []
    for question in survey.current_version.questions:
        kind = QuestionKind(question.kind)
        if kind in {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}:
            continue
        values = db.session.scalars(
            select(Answer.values)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
            .where(
                SurveyResponse.survey_id == survey.id,
                SurveyResponse.submitted.is_(True),
                SurveyQuestion.key == question.key,
                SurveyQuestion.kind == question.kind,
            )
        ).all()
        rows = count_answers(question_definition(question), values)
        results.append(QuestionCounts(question, rows, len(values)))
    return results


def publish_entry(
    survey: Survey,
    *,
    theme_name: str | None,
    you_said: str,
    we_did: str,
    status: EntryStatus,
    happens_on: date | None,
    published_by_id: int | None,
    supersedes: YouSaidWeDid | None = None,
) -> YouSaidWeDid:
    """Publish an entry; an update is a new entry that supersedes the old one."""
    entry = YouSaidWeDid(
        survey_id=survey.id,
        theme_name=theme_name,
        you_said=you_said.strip(),
        we_did=we_did.strip(),
        status=status,
        happens_on=happens_on,
        published_by_id=published_by_id,
        supersedes_id=supersedes.id if supersedes else None,
    )
    if supersedes is not None:
        supersedes.superseded = True
    db.session.add(entry)
    return entry


def current_entries(survey: Survey | None = None) -> list[YouSaidWeDid]:
    """Entries not superseded, newest first (for one survey or all)."""
    query = select(YouSaidWeDid).where(YouSaidWeDid.superseded.is_(False))
    if survey is not None:
        query = query.where(YouSaidWeDid.survey_id == survey.id)
    return list(db.session.scalars(query.order_by(YouSaidWeDid.id.desc())))


def find_entry(survey: Survey, public_id: str) -> YouSaidWeDid | None:
    """A current entry of this survey."""
    return db.session.scalar(
        select(YouSaidWeDid).where(
            YouSaidWeDid.survey_id == survey.id,
            YouSaidWeDid.public_id == public_id,
            YouSaidWeDid.superseded.is_(False),
        )
    )


@dataclass(frozen=True)
class EntryDraft:
    """A "you said, we did" entry as the officer wrote it."""

    theme_name: str | None
    you_said: str
    we_did: str
    status: EntryStatus
    happens_on: date | None


def publish_you_said_we_did(officer: Account, survey: Survey, draft: EntryDraft) -> YouSaidWeDid:
    """An officer publishes what changed because of what people said."""
    entry = publish_entry(
        survey,
        theme_name=draft.theme_name,
        you_said=draft.you_said,
        we_did=draft.we_did,
        status=draft.status,
        happens_on=draft.happens_on,
        published_by_id=officer.id,
    )
    db.session.flush()
    record_audit(officer, AuditAction.YOU_SAID_WE_DID_PUBLISHED, "you_said_we_did", entry.public_id)
    db.session.commit()
    return entry


def change_entry_status(
    officer: Account, survey: Survey, entry: YouSaidWeDid, status: EntryStatus
) -> YouSaidWeDid | None:
    """An officer gives an entry a new status: a new entry replaces it (published is immutable).

    None when nothing changed: the status is the same, or someone replaced the entry first.
    """
    if status == entry.status:
        return None
    # Claim the old entry with a conditional update, so two clicks cannot both replace it.
    claimed = cast(
        CursorResult[Any],
        db.session.execute(
            update(YouSaidWeDid)
            .where(YouSaidWeDid.id == entry.id, YouSaidWeDid.superseded.is_(False))
            .values(superseded=True)
        ),
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        return None
    updated = publish_entry(
        survey,
        theme_name=entry.theme_name,
        you_said=entry.you_said,
        we_did=entry.we_did,
        status=status,
        happens_on=entry.happens_on,
        published_by_id=officer.id,
        supersedes=entry,
    )
    db.session.flush()
    record_audit(officer, AuditAction.YOU_SAID_WE_DID_UPDATED, "you_said_we_did", updated.public_id)
    db.session.commit()
    return updated
