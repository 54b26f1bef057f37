"""Walking a conversation: which steps apply, what comes next, answering, piping and summary."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .model import Conversation, Problem, Step
from .rules import RuleContext, evaluate
from .steps import STEP_TYPES

Translate = Callable[[str], str]
KEY_SEPARATOR = "."


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class StepInstance:
    """A step as asked: once, or once for each person of a person list."""

    step: Step
    person: Mapping[str, Any] | None = None

    @property
    def key(self) -> str:
        if self.person is None:
            return self.step.id
        return f"{self.step.id}{KEY_SEPARATOR}{self.person['id']}"

    def value(self, answers: Mapping[str, Any]) -> Any:
        """The stored answer for this instance, or None."""
        raw = answers.get(self.step.id)
        if self.person is None:
            return raw
        return (raw or {}).get(self.person["id"])

    def is_answered(self, answers: Mapping[str, Any]) -> bool:
        return STEP_TYPES[self.step.type].is_answered(self.step, self.value(answers))


@dataclass(frozen=True)
class AnswerResult:
    """What happened to one answer: the new answers, or the problems to show."""

    answers: dict[str, Any]
    problems: dict[str, Problem] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SummaryRow:
    """One question and its answer, for check-your-answers, the PDF and the front door."""

    key: str
    step: Step
    question: str
    value: Any
    person: Mapping[str, Any] | None


def _people(answers: Mapping[str, Any], step_id: str) -> list[Mapping[str, Any]]:
    return list((answers.get(step_id) or {}).get("people", []))


def _steps_by_id(conversation: Conversation) -> dict[str, Step]:
    return {s.id: s for s in conversation.steps}


def path(
    conversation: Conversation, answers: Mapping[str, Any], today: date | None = None
) -> list[StepInstance]:
    """Every step instance that applies to these answers, in order, ending at a stop page."""
    today = today or date.today()
    steps = _steps_by_id(conversation)
    route: list[StepInstance] = []
    for step in conversation.steps:
        people = _people(answers, step.for_each) if step.for_each else [None]
        for person in people:
            ctx = RuleContext(answers, steps, today, person)
            if step.when is not None and not evaluate(step.when, ctx):
                continue
            route.append(StepInstance(step, person))
            if STEP_TYPES[step.type].final:
                return route
    return route


def next_step(
    conversation: Conversation, answers: Mapping[str, Any], today: date | None = None
) -> StepInstance | None:
    """The first step on the path still to be answered (a stop page is never answered)."""
    for instance in path(conversation, answers, today):
        if STEP_TYPES[instance.step.type].final or not instance.is_answered(answers):
            return instance
    return None


def is_complete(
    conversation: Conversation, answers: Mapping[str, Any], today: date | None = None
) -> bool:
    """Whether every step on the path is answered, so the answers can be checked and sent."""
    return next_step(conversation, answers, today) is None


def find_instance(
    conversation: Conversation, answers: Mapping[str, Any], key: str, today: date | None = None
) -> StepInstance | None:
    """The instance with this key, if it is on the path for these answers."""
    return next((i for i in path(conversation, answers, today) if i.key == key), None)


def may_visit(
    conversation: Conversation, answers: Mapping[str, Any], key: str, today: date | None = None
) -> bool:
    """A step may be shown when it is answered already or is the next one (no skipping ahead)."""
    current = next_step(conversation, answers, today)
    for instance in path(conversation, answers, today):
        if instance.key == key:
            return instance.is_answered(answers) or instance == current
        if instance == current:
            return False
    return False


def store(answers: Mapping[str, Any], instance: StepInstance, value: Any) -> dict[str, Any]:
    """A copy of the answers with this instance's answer set."""
    updated = dict(answers)
    if instance.person is None:
        updated[instance.step.id] = value
    else:
        per_person = dict(updated.get(instance.step.id) or {})
        per_person[instance.person["id"]] = value
        updated[instance.step.id] = per_person
    return updated


def answer_step(
    instance: StepInstance,
    answers: Mapping[str, Any],
    raw: Mapping[str, Any],
    today: date | None = None,
) -> AnswerResult:
    """Check the raw form input for one step and, when it is good, store it."""
    step_type = STEP_TYPES[instance.step.type]
    if step_type.final:
        return AnswerResult(dict(answers), {"answer": Problem("This page ends the conversation")})
    value, problems = step_type.parse(instance.step, raw, today or date.today())
    if problems:
        return AnswerResult(dict(answers), problems)
    return AnswerResult(store(answers, instance, value))


def pipe_values(
    instance: StepInstance,
    answers: Mapping[str, Any],
    context: Mapping[str, Mapping[str, Any]],
    conversation: Conversation,
    translate: Translate = _same,
) -> dict[str, str]:
    """The values for a step's placeholders: earlier answers, the person, site or referrer."""
    values: dict[str, str] = {}
    for name, source in instance.step.pipe.items():
        kind, _, key = source.partition(".")
        if kind == "person":
            value = (instance.person or {}).get(key, "")
        elif kind == "answers":
            value = answer_text(conversation.step(key), answers.get(key), translate)
        else:
            value = (context.get(kind) or {}).get(key, "")
        values[name] = str(value)
    return values


def render_text(
    text: str | None,
    instance: StepInstance,
    answers: Mapping[str, Any],
    conversation: Conversation,
    context: Mapping[str, Mapping[str, Any]] | None = None,
    translate: Translate = _same,
) -> str:
    """Translate a label, hint or body and fill in its piped values."""
    if not text:
        return ""
    translated = translate(text)
    if not instance.step.pipe:
        return translated
    return translated % pipe_values(instance, answers, context or {}, conversation, translate)


def problem_text(
    problem: Problem,
    instance: StepInstance,
    answers: Mapping[str, Any],
    conversation: Conversation,
    context: Mapping[str, Mapping[str, Any]] | None = None,
    translate: Translate = _same,
) -> str:
    """Translate an error message and fill in its numbers and piped values."""
    values: dict[str, Any] = dict(problem.params)
    if instance.step.pipe:
        values.update(pipe_values(instance, answers, context or {}, conversation, translate))
    translated = translate(problem.message)
    return translated % values if values else translated


def answer_text(step: Step, value: Any, translate: Translate = _same) -> str:
    """An answer as plain text (option labels, names); dates stay ISO for the caller to format."""
    if value is None:
        return ""
    if step.type == "choice":
        option = step.option(value)
        return translate(option.label) if option else str(value)
    if step.type == "multi-choice":
        return ", ".join(translate(o.label) for o in step.options if o.value in value)
    if step.type == "person-list":
        return ", ".join(person_name(p) for p in value.get("people", []))
    return str(value)


def person_name(person: Mapping[str, Any]) -> str:
    """A person's name from whichever name fields the list has."""
    parts = [person.get("first_name", ""), person.get("last_name", "")]
    return " ".join(p for p in parts if p) or person.get("name", "")


def relevant_answers(
    conversation: Conversation, answers: Mapping[str, Any], today: date | None = None
) -> dict[str, Any]:
    """Only the answers on the current path (answers to steps a change skipped are left out)."""
    kept: dict[str, Any] = {}
    for instance in path(conversation, answers, today):
        if not STEP_TYPES[instance.step.type].asks or not instance.is_answered(answers):
            continue
        kept = store(kept, instance, instance.value(answers))
    return kept


def summary(
    conversation: Conversation,
    answers: Mapping[str, Any],
    context: Mapping[str, Mapping[str, Any]] | None = None,
    translate: Translate = _same,
    today: date | None = None,
) -> list[SummaryRow]:
    """Every answered question on the path with its answer, for checking and for the record."""
    rows = []
    for instance in path(conversation, answers, today):
        if not STEP_TYPES[instance.step.type].asks or not instance.is_answered(answers):
            continue
        question = render_text(
            instance.step.label, instance, answers, conversation, context, translate
        )
        rows.append(
            SummaryRow(
                instance.key, instance.step, question, instance.value(answers), instance.person
            )
        )
    return rows
