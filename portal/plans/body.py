"""The body of a plan version: a validated structure stored as JSON.

Plain Python, no Flask. Validation errors name the form field they belong to (WTForms style
``goals-0-actions-1-by_when``) and carry an English message id marked with ``N_`` so Babel
extracts it; views translate it with ``gettext`` before showing it.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


MAX_TEXT = 4000
MAX_SHORT = 200
MAX_GOALS = 30
MAX_ACTIONS = 30
MAX_PEOPLE = 40
_ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{4,32}$")
_E = TypeVar("_E", bound=StrEnum)


class Level(StrEnum):
    """How much help the family has: Family Help, or child protection led by an LCPP."""

    FAMILY_HELP = "family-help"
    CHILD_PROTECTION = "child-protection"


class ActionStatus(StrEnum):
    """Where an action has got to."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    STOPPED = "stopped"


LEVEL_LABELS = {
    Level.FAMILY_HELP: N_("Family Help"),
    Level.CHILD_PROTECTION: N_("Child protection"),
}
STATUS_LABELS = {
    ActionStatus.NOT_STARTED: N_("Not started"),
    ActionStatus.IN_PROGRESS: N_("Started"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.STOPPED: N_("Stopped"),
}

# Every message a validation error can carry. Keys are stable codes tests can assert on.
MESSAGES = {
    "required": N_("Enter %(label)s"),
    "too_long": N_("%(label)s must be %(max)s characters or fewer"),
    "bad_date": N_("%(label)s must be a real date, like 27 3 2027"),
    "bad_choice": N_("Choose %(label)s from the list"),
    "too_many": N_("You can add up to %(max)s %(label)s"),
    "lcpp_required": N_("Enter the name of the lead child protection practitioner"),
}

LABELS = {
    "going_well": N_("what is going well"),
    "worries": N_("what we are worried about"),
    "needs_to_happen": N_("what needs to happen"),
    "child_words": N_("the child's own words"),
    "family_views": N_("the family's views"),
    "goals": N_("goals"),
    "goal": N_("the goal"),
    "actions": N_("actions"),
    "who": N_("who will do it"),
    "what": N_("what they will do"),
    "by_when": N_("the date it will be done by"),
    "status": N_("where it has got to"),
    "lead_practitioner": N_("the lead practitioner's name"),
    "team": N_("people in the team around the family"),
    "name": N_("the person's name"),
    "role": N_("their job or role"),
    "contact": N_("how to contact them"),
    "network_plan": N_("the family network plan"),
    "level": N_("the level of help"),
    "lcpp": N_("the lead child protection practitioner"),
    "next_meeting": N_("the date of the next meeting"),
    "next_meeting_what": N_("what the next meeting is"),
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: the form field name, a stable code and message parameters."""

    field: str
    code: str
    # `dataclasses.field` by its full name: the `field` attribute above shadows it in this class.
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English message id; views pass it through gettext with ``params``."""
        return MESSAGES[self.code]


class PlanBodyInvalid(ValueError):
    """Raised when a plan body does not validate; ``errors`` lists every problem found."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


def new_item_id() -> str:
    """A short random id that keeps a goal or action recognisable across versions."""
    return secrets.token_urlsafe(6)


@dataclass(frozen=True)
class Action:
    """Who will do what, by when, and where it has got to."""

    id: str
    who: str
    what: str
    by_when: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED


@dataclass(frozen=True)
class Goal:
    """Something the family and practitioners want to be true, with the actions to get there."""

    id: str
    text: str
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Contact:
    """Someone in the team around the family and how to reach them."""

    id: str
    name: str
    role: str
    contact: str = ""


@dataclass(frozen=True)
class PlanBody:
    """Everything a plan version says."""

    going_well: str = ""
    worries: str = ""
    needs_to_happen: str = ""
    child_words: str = ""
    family_views: str = ""
    goals: tuple[Goal, ...] = ()
    lead_practitioner: Contact | None = None
    team: tuple[Contact, ...] = ()
    network_plan: str = ""
    level: Level = Level.FAMILY_HELP
    lcpp: str = ""
    next_meeting: date | None = None
    next_meeting_what: str = ""

    def says_nothing(self) -> bool:
        """True when nobody has written anything a family could read: no words, goals, people
        helping (beyond the lead practitioner) or meeting date."""
        words = (
            self.going_well,
            self.worries,
            self.needs_to_happen,
            self.child_words,
            self.family_views,
            self.network_plan,
            self.next_meeting_what,
        )
        return not (
            any(text.strip() for text in words) or self.goals or self.team or self.next_meeting
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form stored in the database."""
        return {
            "going_well": self.going_well,
            "worries": self.worries,
            "needs_to_happen": self.needs_to_happen,
            "child_words": self.child_words,
            "family_views": self.family_views,
            "goals": [
                {
                    "id": g.id,
                    "text": g.text,
                    "actions": [
                        {
                            "id": a.id,
                            "who": a.who,
                            "what": a.what,
                            "by_when": a.by_when.isoformat() if a.by_when else None,
                            "status": str(a.status),
                        }
                        for a in g.actions
                    ],
                }
                for g in self.goals
            ],
            "lead_practitioner": _contact_dict(self.lead_practitioner),
            "team": [_contact_dict(c) for c in self.team],
            "network_plan": self.network_plan,
            "level": str(self.level),
            "lcpp": self.lcpp,
            "next_meeting": self.next_meeting.isoformat() if self.next_meeting else None,
            "next_meeting_what": self.next_meeting_what,
        }


def _contact_dict(c: Contact | None) -> dict[str, str] | None:
    if c is None:
        return None
    return {"id": c.id, "name": c.name, "role": c.role, "contact": c.contact}


class _Reader:
    """Collects errors while reading an untrusted dict into the dataclasses."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, name: str, code: str, label: str, **params: Any) -> None:
        self.errors.append(FieldError(name, code, {"label": LABELS[label], **params}))

    def text(
        self,
        data: dict[str, Any],
        key: str,
        name: str,
        *,
        label: str | None = None,
        required: bool = False,
        max_len: int = MAX_TEXT,
    ) -> str:
        label = label or key
        raw = data.get(key)
        value = raw.strip() if isinstance(raw, str) else ""
        if raw is not None and not isinstance(raw, str):
            self.fail(name, "required", label)
            return ""
        if required and not value:
            self.fail(name, "required", label)
        elif len(value) > max_len:
            self.fail(name, "too_long", label, max=max_len)
        return value

    def date(self, data: dict[str, Any], key: str, name: str, *, label: str) -> date | None:
        raw = data.get(key)
        if raw in (None, ""):
            return None
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw))
        except ValueError:
            self.fail(name, "bad_date", label)
            return None

    def choice(self, data: dict[str, Any], key: str, name: str, enum: type[_E], default: _E) -> _E:
        raw = data.get(key)
        if raw in (None, ""):
            return default
        try:
            return enum(raw)
        except ValueError:
            self.fail(name, "bad_choice", key)
            return default

    def items(
        self, data: dict[str, Any], key: str, name: str, max_items: int
    ) -> list[dict[str, Any]]:
        raw = data.get(key) or []
        if not isinstance(raw, list):
            self.fail(name, "required", key)
            return []
        if len(raw) > max_items:
            self.fail(name, "too_many", key, max=max_items)
            raw = raw[:max_items]
        return [item if isinstance(item, dict) else {} for item in raw]

    def item_id(self, data: dict[str, Any]) -> str:
        raw = data.get("id")
        return raw if isinstance(raw, str) and _ITEM_ID.match(raw) else new_item_id()

    def contact(self, data: dict[str, Any], prefix: str) -> Contact:
        return Contact(
            id=self.item_id(data),
            name=self.text(data, "name", f"{prefix}name", required=True, max_len=MAX_SHORT),
            role=self.text(data, "role", f"{prefix}role", required=True, max_len=MAX_SHORT),
            contact=self.text(data, "contact", f"{prefix}contact", max_len=MAX_SHORT),
        )


def load_body(data: dict[str, Any] | None) -> PlanBody:
    """Read and validate a plan body from its stored or submitted dict; raise PlanBodyInvalid."""
    data = data if isinstance(data, dict) else {}
    r = _Reader()
    goals = []
    for gi, g in enumerate(r.items(data, "goals", "goals", MAX_GOALS)):
        actions = []
        for ai, a in enumerate(r.items(g, "actions", f"goals-{gi}-actions", MAX_ACTIONS)):
            p = f"goals-{gi}-actions-{ai}-"
            actions.append(
                Action(
                    id=r.item_id(a),
                    who=r.text(a, "who", p + "who", required=True, max_len=MAX_SHORT),
                    what=r.text(a, "what", p + "what", required=True, max_len=MAX_TEXT),
                    by_when=r.date(a, "by_when", p + "by_when", label="by_when"),
                    status=r.choice(
                        a, "status", p + "status", ActionStatus, ActionStatus.NOT_STARTED
                    ),
                )
            )
        goals.append(
            Goal(
                id=r.item_id(g),
                text=r.text(g, "text", f"goals-{gi}-text", label="goal", required=True),
                actions=tuple(actions),
            )
        )
    lead_raw = data.get("lead_practitioner")
    lead = r.contact(lead_raw, "lead_practitioner-") if isinstance(lead_raw, dict) else None
    team = tuple(
        r.contact(c, f"team-{i}-") for i, c in enumerate(r.items(data, "team", "team", MAX_PEOPLE))
    )
    level = r.choice(data, "level", "level", Level, Level.FAMILY_HELP)
    lcpp = r.text(data, "lcpp", "lcpp", max_len=MAX_SHORT)
    if level is Level.CHILD_PROTECTION and not lcpp:
        r.errors.append(FieldError("lcpp", "lcpp_required"))
    body = PlanBody(
        going_well=r.text(data, "going_well", "going_well"),
        worries=r.text(data, "worries", "worries"),
        needs_to_happen=r.text(data, "needs_to_happen", "needs_to_happen"),
        child_words=r.text(data, "child_words", "child_words"),
        family_views=r.text(data, "family_views", "family_views"),
        goals=tuple(goals),
        lead_practitioner=lead,
        team=team,
        network_plan=r.text(data, "network_plan", "network_plan"),
        level=level,
        lcpp=lcpp if level is Level.CHILD_PROTECTION else "",
        next_meeting=r.date(data, "next_meeting", "next_meeting", label="next_meeting"),
        next_meeting_what=r.text(data, "next_meeting_what", "next_meeting_what", max_len=MAX_SHORT),
    )
    if r.errors:
        raise PlanBodyInvalid(r.errors)
    return body


def errors_by_field(errors: list[FieldError]) -> dict[str, list[FieldError]]:
    """Group errors under the form field they belong to, in the order they were found."""
    grouped: dict[str, list[FieldError]] = {}
    for error in errors:
        grouped.setdefault(error.field, []).append(error)
    return grouped
