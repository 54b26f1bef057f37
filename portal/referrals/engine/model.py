"""The shapes a conversation is made of, once loaded and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _(message: str) -> str:
    """Mark a message for extraction; the web layer translates it when shown."""
    return message


class ConversationError(ValueError):
    """A conversation file that cannot be used, with the line that is wrong and why."""

    def __init__(self, reason: str, line: int | None = None, source: str = "") -> None:
        self.reason = reason
        self.line = line
        self.source = source
        where = source or "conversation"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Problem:
    """Something wrong with an answer: a message id to translate and its placeholders."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One node of a `when` rule: an operator name and its checked arguments."""

    op: str
    args: Any
    line: int


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class PersonField:
    id: str
    type: str  # "text" or "date"
    label: str
    hint: str | None = None
    required: bool = True
    error: str | None = None
    max_length: int | None = None  # names: the stored name keys are String(100)


@dataclass(frozen=True)
class Step:
    id: str
    type: str
    label: str
    line: int
    hint: str | None = None
    body: str | None = None
    options: tuple[Option, ...] = ()
    fields: tuple[PersonField, ...] = ()
    when: Rule | None = None
    for_each: str | None = None
    pipe: dict[str, str] = field(default_factory=dict)
    required: bool = True
    max_length: int | None = None
    min_items: int = 0
    max_items: int | None = None
    past_only: bool = False
    need_codes: bool = False
    item_label: str | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def option(self, value: str) -> Option | None:
        """The option with this value, if the step has one."""
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Route:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class TriageRule:
    route: str
    when: Rule
    reason: str
    line: int


@dataclass(frozen=True)
class Conversation:
    id: str
    version: int
    title: str
    steps: tuple[Step, ...]
    routes: tuple[Route, ...]
    triage: tuple[TriageRule, ...]
    default_route: str
    default_reason: str
    source: str = ""
    # Directory services this conversation itself leads to: never suggested as an alternative.
    not_signposted: tuple[str, ...] = ()

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError when there is none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def route(self, route_id: str) -> Route:
        """The route with this id (KeyError when there is none)."""
        for route in self.routes:
            if route.id == route_id:
                return route
        raise KeyError(route_id)
