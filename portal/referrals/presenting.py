"""Showing a conversation in the page's language: labels, answers, transcript and summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext

from portal.core.dates import govuk_date, govuk_datetime
from portal.core.site import site_settings
from portal.referrals.engine import (
    Conversation,
    Problem,
    Step,
    StepInstance,
    load_conversation,
    next_step,
    problem_text,
    render_text,
    summary,
)
from portal.referrals.engine.runner import person_name

CONVERSATION_FILE = Path("conversations") / "referral.yaml"


@cache
def _load(path: str) -> Conversation:
    return load_conversation(path)


def referral_conversation() -> Conversation:
    """The referral conversation from the content folder (checked and cached on first use)."""
    return _load(str(Path(current_app.config["CONTENT_DIR"]) / CONVERSATION_FILE))


def translate(text: str) -> str:
    """gettext for strings that come from the conversation file."""
    return gettext(text) if text else ""


def pipe_context(referrer: Any | None = None) -> dict[str, dict[str, Any]]:
    """Values a conversation may pipe into its text: site settings and the referrer."""
    site = site_settings()
    context: dict[str, dict[str, Any]] = {
        "site": {"front_door_phone": site.front_door_phone, "council_name": site.council_name}
    }
    if referrer is not None:
        organisation = getattr(referrer, "organisation", None)
        context["referrer"] = {
            "name": referrer.display_name,
            "organisation": organisation.name if organisation else "",
        }
    return context


def text_for(
    text: str | None,
    instance: StepInstance,
    answers: Mapping[str, Any],
    conversation: Conversation,
    referrer: Any | None = None,
) -> str:
    """A label, hint or body in the page's language, with piped values filled in."""
    return render_text(text, instance, answers, conversation, pipe_context(referrer), translate)


def problem_for(
    problem: Problem, instance: StepInstance, answers: Mapping[str, Any], conversation: Conversation
) -> str:
    """An engine problem as a message in the page's language."""
    return problem_text(problem, instance, answers, conversation, pipe_context(), translate)


def show_date(iso: str | None) -> str:
    """An ISO date as the page's language writes it, e.g. 27 March 2019."""
    return govuk_date(iso)


def describe_person(step: Step, person: Mapping[str, Any]) -> list[str]:
    """A person's details as lines: name, then each other field."""
    lines = [person_name(person)]
    for field in step.fields:
        if field.id in {"first_name", "last_name"} or not person.get(field.id):
            continue
        value = person[field.id]
        value = show_date(value) if field.type == "date" else value
        lines.append(f"{translate(field.label)}: {value}")
    return lines


def answer_lines(step: Step, value: Any) -> list[str]:
    """An answer as lines of text for a summary list."""
    if value is None:
        return []
    if step.type == "choice":
        option = step.option(value)
        return [translate(option.label) if option else str(value)]
    if step.type == "multi-choice":
        return [translate(o.label) for o in step.options if o.value in value]
    if step.type == "date":
        return [show_date(value)]
    if step.type == "person-list":
        people = value.get("people", [])
        if not people:
            return [gettext("Nobody added")]
        return [", ".join(describe_person(step, p)) for p in people]
    return [str(value)]


@dataclass(frozen=True)
class Row:
    """One question and answer, ready for a summary list."""

    key: str
    question: str
    lines: list[str]


def answer_rows(
    conversation: Conversation,
    answers: Mapping[str, Any],
    referrer: Any | None = None,
    until: str | None = None,
) -> list[Row]:
    """Answered questions on the path, in the page's language (stopping before `until`)."""
    rows = []
    for row in summary(conversation, answers, pipe_context(referrer), translate):
        if row.key == until:
            break
        rows.append(Row(row.key, row.question, answer_lines(row.step, row.value)))
    return rows


@dataclass(frozen=True)
class Draft:
    """What tells one unfinished referral from another on the referrer's list."""

    public_id: str
    children: str
    started: str
    changed: str
    next_question: str | None  # None when every question is answered


def describe_draft(referral: Any, conversation: Conversation, referrer: Any | None = None) -> Draft:
    """A draft referral as its referrer will recognise it: who, when, and how far along."""
    answers = referral.answers or {}
    names = [person_name(p) for p in (answers.get("children") or {}).get("people", [])]
    upcoming = next_step(conversation, answers)
    question = None
    if upcoming is not None:
        question = render_text(
            upcoming.step.label, upcoming, answers, conversation, pipe_context(referrer), translate
        )
    return Draft(
        public_id=referral.public_id,
        children=", ".join(n for n in names if n),
        started=govuk_datetime(referral.created_at),
        changed=govuk_datetime(referral.updated_at),
        next_question=question,
    )
