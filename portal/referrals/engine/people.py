"""Person lists: add, change and remove children or household members, then say "that's all"."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

from .model import Problem, _
from .runner import AnswerResult, StepInstance, store
from .steps import parse_person


def new_person_id() -> str:
    """A short random id for a person in a list (stable across changes, not guessable)."""
    return secrets.token_hex(5)


def people_of(instance: StepInstance, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The people added so far to this person-list step."""
    return [dict(p) for p in (instance.value(answers) or {}).get("people", [])]


def _save(
    instance: StepInstance, answers: Mapping[str, Any], people: list[dict[str, Any]], done: bool
) -> dict[str, Any]:
    return store(answers, instance, {"people": people, "done": done})


def _is_done(instance: StepInstance, answers: Mapping[str, Any]) -> bool:
    return bool((instance.value(answers) or {}).get("done"))


def add_person(
    instance: StepInstance,
    answers: Mapping[str, Any],
    raw: Mapping[str, Any],
    today: date | None = None,
    person_id: str | None = None,
) -> AnswerResult:
    """Add one person from form input, or return the problems with it."""
    step = instance.step
    people = people_of(instance, answers)
    if step.max_items is not None and len(people) >= step.max_items:
        message = step.errors.get("max_items", _("You cannot add more than %(max)s"))
        return AnswerResult(dict(answers), {"list": Problem(message, {"max": step.max_items})})
    person, problems = parse_person(step, raw, today or date.today())
    if problems:
        return AnswerResult(dict(answers), problems)
    people.append({"id": person_id or new_person_id(), **person})
    return AnswerResult(_save(instance, answers, people, _is_done(instance, answers)))


def change_person(
    instance: StepInstance,
    answers: Mapping[str, Any],
    person_id: str,
    raw: Mapping[str, Any],
    today: date | None = None,
) -> AnswerResult:
    """Replace one person's details, keeping their id (so answers about them stay theirs)."""
    people = people_of(instance, answers)
    index = next((i for i, p in enumerate(people) if p["id"] == person_id), None)
    if index is None:
        raise KeyError(person_id)
    person, problems = parse_person(instance.step, raw, today or date.today())
    if problems:
        return AnswerResult(dict(answers), problems)
    people[index] = {"id": person_id, **person}
    return AnswerResult(_save(instance, answers, people, _is_done(instance, answers)))


def remove_person(
    instance: StepInstance, answers: Mapping[str, Any], person_id: str
) -> AnswerResult:
    """Take one person out of the list; answers about them stop applying."""
    people = [p for p in people_of(instance, answers) if p["id"] != person_id]
    done = _is_done(instance, answers) and len(people) >= instance.step.min_items
    return AnswerResult(_save(instance, answers, people, done))


def finish_people(instance: StepInstance, answers: Mapping[str, Any]) -> AnswerResult:
    """Mark the list complete, if it has enough people."""
    people = people_of(instance, answers)
    if len(people) < instance.step.min_items:
        message = instance.step.errors.get("min_items", _("Add at least %(min)s"))
        return AnswerResult(
            dict(answers), {"list": Problem(message, {"min": instance.step.min_items})}
        )
    return AnswerResult(_save(instance, answers, people, True))
