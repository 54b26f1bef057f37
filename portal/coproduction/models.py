"""Co-production tables: surveys, versions, anonymous responses, themes, "you said, we did"."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.audit import utcnow
from portal.core.clock import london_today
from portal.core.ids import new_public_id
from portal.extensions import Model


class EntryStatus(StrEnum):
    """How far a "you said, we did" change has got; the values are what the table stores."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"


class Survey(Model):
    """A survey a participation officer runs; what respondents see lives in its versions."""

    __tablename__ = "coproduction_surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    audience: Mapped[str] = mapped_column(String(40))
    languages: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["en"])
    opens_on: Mapped[date | None] = mapped_column(Date)
    closes_on: Mapped[date | None] = mapped_column(Date)
    opened: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number"
    )

    @property
    def current_version(self) -> SurveyVersion:
        """The newest version: the one respondents answer."""
        return self.versions[-1]


class SurveyVersion(Model):
    """One fixed wording of a survey; a new one starts when a survey with answers changes."""

    __tablename__ = "coproduction_survey_versions"
    __table_args__ = (UniqueConstraint("survey_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("coproduction_surveys.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    purpose: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="version", order_by="SurveyQuestion.position"
    )


class SurveyQuestion(Model):
    """A question in one version of a survey."""

    __tablename__ = "coproduction_survey_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("coproduction_survey_versions.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    hint: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # [{"key": "mon", "labels": {"en": "Monday"}}, ...]
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    equality: Mapped[bool] = mapped_column(Boolean, default=False)

    version: Mapped[SurveyVersion] = relationship(back_populates="questions")


class SurveyResponse(Model):
    """One person's answers. Deliberately holds no account, IP address, device or time of day."""

    __tablename__ = "coproduction_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    survey_id: Mapped[int] = mapped_column(ForeignKey("coproduction_surveys.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("coproduction_survey_versions.id"))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    paper: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The date only: a time of day could pick one child out of a small group at an event.
    submitted_on: Mapped[date | None] = mapped_column(Date)
    started_on: Mapped[date] = mapped_column(Date, default=london_today)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_words: Mapped[list[str]] = mapped_column(JSON, default=list)

    version: Mapped[SurveyVersion] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(Model):
    """A respondent's answer to one question: choices as keys, or the words they wrote."""

    __tablename__ = "coproduction_answers"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    response_id: Mapped[int] = mapped_column(ForeignKey("coproduction_responses.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("coproduction_survey_questions.id"))
    values: Mapped[list[str]] = mapped_column(JSON, default=list)

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")
    question: Mapped[SurveyQuestion] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary="coproduction_answer_themes")


class Theme(Model):
    """A theme an officer finds in free-text answers, such as "Bus times"."""

    __tablename__ = "coproduction_themes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    survey_id: Mapped[int] = mapped_column(ForeignKey("coproduction_surveys.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))


class AnswerTheme(Model):
    """An answer tagged with a theme."""

    __tablename__ = "coproduction_answer_themes"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("coproduction_answers.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("coproduction_themes.id", ondelete="CASCADE"), primary_key=True
    )


class YouSaidWeDid(Model):
    """A published change made because of what people said. Never edited: updates supersede."""

    __tablename__ = "coproduction_you_said_we_did"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    survey_id: Mapped[int] = mapped_column(ForeignKey("coproduction_surveys.id"), index=True)
    theme_name: Mapped[str | None] = mapped_column(String(80))
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    # Stored as the enum's value in a VARCHAR(20) (no database enum type, no check constraint),
    # exactly as the plain strings were before.
    status: Mapped[EntryStatus] = mapped_column(
        Enum(
            EntryStatus,
            native_enum=False,
            create_constraint=False,
            length=20,
            values_callable=lambda statuses: [status.value for status in statuses],
        )
    )
    happens_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date] = mapped_column(Date, default=london_today)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("coproduction_you_said_we_did.id"))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class SafetyWord(Model):
    """One word or phrase on the safety list (a trailing * matches any ending)."""

    __tablename__ = "coproduction_safety_words"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phrase: Mapped[str] = mapped_column(String(100), unique=True)


class PageFeedback(Model):
    """An answer to "Is this page useful?": the page, yes or no, what was missing, nothing else."""

    __tablename__ = "coproduction_page_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_path: Mapped[str] = mapped_column(String(300), index=True)
    useful: Mapped[bool] = mapped_column(Boolean)
    missing: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(8))
    given_on: Mapped[date] = mapped_column(Date, default=london_today)
