"""Step types: how each kind of question reads, checks and stores an answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import PersonField, Problem, Step, _

ANSWER = "answer"
TEXT_MAX = 500
LONG_TEXT_MAX = 5000

Parsed = tuple[Any, dict[str, Problem]]


def _message(step: Step, kind: str, default: str) -> str:
    return step.errors.get(kind, default)


def _clean_text(raw: Any) -> str:
    text = raw[0] if isinstance(raw, list) and raw else raw
    return (text or "").strip() if isinstance(text, str) else ""


def _parse_choice(step: Step, raw: Mapping[str, Any], today: date) -> Parsed:
    value = _clean_text(raw.get(ANSWER))
    if not value:
        return None, {ANSWER: Problem(_message(step, "required", _("Select an answer")))}
    if step.option(value) is None:
        return None, {ANSWER: Problem(_("Select one of the options"))}
    return value, {}


def _parse_multi(step: Step, raw: Mapping[str, Any], today: date) -> Parsed:
    given = raw.get(ANSWER) or []
    given = [given] if isinstance(given, str) else list(given)
    chosen = [o.value for o in step.options if o.value in given]
    if len(chosen) != len(set(given)):
        return None, {ANSWER: Problem(_("Select one of the options"))}
    if not chosen and step.required:
        message = _message(step, "required", _("Select at least one option"))
        return None, {ANSWER: Problem(message)}
    return chosen, {}


def _text_parser(default_max: int) -> Callable[[Step, Mapping[str, Any], date], Parsed]:
    def parse(step: Step, raw: Mapping[str, Any], today: date) -> Parsed:
        text = _clean_text(raw.get(ANSWER))
        limit = step.max_length or default_max
        if not text and step.required:
            return None, {ANSWER: Problem(_message(step, "required", _("Enter an answer")))}
        if len(text) > limit:
            message = _message(step, "too_long", _("Answer must be %(max)s characters or fewer"))
            return None, {ANSWER: Problem(message, {"max": limit})}
        return text, {}

    return parse


def parse_date_parts(
    raw: Mapping[str, Any], prefix: str, *, required: bool, past_only: bool, today: date
) -> tuple[str | None, Problem | None]:
    """Read day, month and year boxes (`<prefix>-day` ...) into ISO text, GOV.UK style."""
    parts = {p: _clean_text(raw.get(f"{prefix}-{p}")) for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None, Problem(_("Enter a date")) if required else None
    for part, message in (
        ("day", _("Date must include a day")),
        ("month", _("Date must include a month")),
        ("year", _("Date must include a year")),
    ):
        if not parts[part]:
            return None, Problem(message)
    try:
        day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
        if year < 1900 or len(parts["year"]) != 4:
            raise ValueError
        when = date(year, month, day)
    except (ValueError, OverflowError):  # a day of 99999999999999999999 overflows
        return None, Problem(_("Date must be a real date, like 27 3 2019"))
    if past_only and when > today:
        return None, Problem(_("Date must be today or in the past"))
    return when.isoformat(), None


def _parse_date(step: Step, raw: Mapping[str, Any], today: date) -> Parsed:
    value, problem = parse_date_parts(
        raw, ANSWER, required=step.required, past_only=step.past_only, today=today
    )
    if problem is not None:
        if problem.message == _("Enter a date"):
            problem = Problem(_message(step, "required", problem.message))
        return None, {ANSWER: problem}
    return value, {}


def parse_person(
    step: Step, raw: Mapping[str, Any], today: date
) -> tuple[dict[str, str], dict[str, Problem]]:
    """Check one person's details against the step's fields."""
    person: dict[str, str] = {}
    problems: dict[str, Problem] = {}
    for person_field in step.fields:
        value, problem = _parse_person_field(person_field, raw, today)
        if problem is not None:
            problems[person_field.id] = problem
        elif value:
            person[person_field.id] = value
    return person, problems


def _parse_person_field(
    person_field: PersonField, raw: Mapping[str, Any], today: date
) -> tuple[str | None, Problem | None]:
    if person_field.type == "date":
        value, problem = parse_date_parts(
            raw, person_field.id, required=person_field.required, past_only=True, today=today
        )
        if problem and problem.message == _("Enter a date") and person_field.error:
            problem = Problem(person_field.error)
        return value, problem
    text = _clean_text(raw.get(person_field.id))
    if not text and person_field.required:
        return None, Problem(person_field.error or _("Enter an answer"))
    limit = person_field.max_length or TEXT_MAX
    if len(text) > limit:
        return None, Problem(_("Answer must be %(max)s characters or fewer"), {"max": limit})
    return text, None


def _parse_none(step: Step, raw: Mapping[str, Any], today: date) -> Parsed:
    return True, {}


def _parse_person_list(step: Step, raw: Mapping[str, Any], today: date) -> Parsed:
    # People are added one by one (see people.py); this call is "I have added everyone".
    raise TypeError("person lists are answered with add_person / finish_people")


def _answered_value(step: Step, value: Any) -> bool:
    return value is not None


def _answered_people(step: Step, value: Any) -> bool:
    return bool(value) and bool(value.get("done"))


@dataclass(frozen=True)
class StepType:
    parse: Callable[..., Parsed]
    is_answered: Callable[[Step, Any], bool]
    settings: frozenset[str]  # keys a step of this type may have besides the common ones
    asks: bool = True  # False for pages that only tell (interrupt, stop)
    final: bool = False  # a stop page ends the conversation


_TEXT = frozenset({"max_length", "required", "errors"})

STEP_TYPES: dict[str, StepType] = {
    "choice": StepType(_parse_choice, _answered_value, frozenset({"options", "errors"})),
    "multi-choice": StepType(
        _parse_multi, _answered_value, frozenset({"options", "errors", "required", "need_codes"})
    ),
    "text": StepType(_text_parser(TEXT_MAX), _answered_value, _TEXT),
    "long-text": StepType(_text_parser(LONG_TEXT_MAX), _answered_value, _TEXT),
    "date": StepType(_parse_date, _answered_value, frozenset({"required", "past_only", "errors"})),
    "person-list": StepType(
        _parse_person_list,
        _answered_people,
        frozenset({"fields", "min_items", "max_items", "item_label", "errors"}),
    ),
    "interrupt": StepType(_parse_none, _answered_value, frozenset({"body"}), asks=False),
    "stop": StepType(_parse_none, _answered_value, frozenset({"body"}), asks=False, final=True),
}
