"""Making sense of answers: themes, tags, counts and "you said, we did" entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from portal.coproduction.definition import QuestionKind
from portal.coproduction.models import (
    Answer,
    AnswerTheme,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    Theme,
    YouSaidWeDid,
)
from portal.coproduction.surveys import question_definition
from portal.coproduction.themes import (
    Tag,
    clean_theme_name,
    count_answers,
    count_by_theme,
    merge_tags,
    theme_name_problem,
)
from portal.extensions import db

YSWD_STATUSES = ("planned", "in-progress", "done")


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


def rename_theme(survey: Survey, theme: Theme, name: str) -> str | None:
    """Rename a theme; returns a problem code or None."""
    existing = {t.id: t.name for t in themes_of(survey)}
    problem = theme_name_problem(name, existing, renaming=theme.id)
    if problem is None:
        theme.name = clean_theme_name(name)
    return problem


def _survey_tags(survey: Survey) -> list[Tag]:
    rows = db.session.execute(
        select(AnswerTheme.answer_id, AnswerTheme.theme_id)
        .join(Theme, Theme.id == AnswerTheme.theme_id)
        .where(Theme.survey_id == survey.id)
    )
    return [Tag(answer_id, theme_id) for answer_id, theme_id in rows]


def merge_themes(survey: Survey, sources: list[Theme], target: Theme) -> None:
    """Move every tag of the source themes to the target, then delete the sources."""
    source_ids = [t.id for t in sources if t.id != target.id]
    if not source_ids:
        return
    tags = merge_tags(_survey_tags(survey), source_ids, target.id)
    theme_ids = [t.id for t in themes_of(survey)]
    db.session.execute(delete(AnswerTheme).where(AnswerTheme.theme_id.in_(theme_ids)))
    db.session.add_all(AnswerTheme(answer_id=t.answer_id, theme_id=t.theme_id) for t in tags)
    db.session.execute(delete(Theme).where(Theme.id.in_(source_ids)))
    db.session.expire_all()


def set_answer_themes(answer: Answer, themes: list[Theme]) -> None:
    """Tag an answer with exactly these themes."""
    db.session.execute(delete(AnswerTheme).where(AnswerTheme.answer_id == answer.id))
    db.session.add_all(AnswerTheme(answer_id=answer.id, theme_id=t.id) for t in themes)
    db.session.expire(answer, ["themes"])


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
    status: str,
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
