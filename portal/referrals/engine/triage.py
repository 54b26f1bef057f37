"""Triage: a suggested route for the front door, with the answers that led to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import Conversation, Route
from .rules import RuleContext, evaluate, explain
from .runner import relevant_answers


@dataclass(frozen=True)
class Reason:
    """One triage rule that held: its explanation and the steps whose answers made it hold."""

    text: str
    answer_ids: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    """Advice for the front door, never a decision."""

    route: Route
    reasons: tuple[Reason, ...]

    def as_record(self) -> dict[str, Any]:
        """A JSON-ready copy to store with the referral."""
        return {
            "route": self.route.id,
            "reasons": [{"text": r.text, "answers": list(r.answer_ids)} for r in self.reasons],
        }


def suggest_route(
    conversation: Conversation, answers: Mapping[str, Any], today: date | None = None
) -> Suggestion:
    """The most serious route whose rules hold (routes are listed most serious first)."""
    today = today or date.today()
    kept = relevant_answers(conversation, answers, today)
    ctx = RuleContext(kept, {s.id: s for s in conversation.steps}, today)
    held = [rule for rule in conversation.triage if evaluate(rule.when, ctx)]
    for route in conversation.routes:
        reasons = tuple(
            Reason(rule.reason, tuple(explain(rule.when, ctx)))
            for rule in held
            if rule.route == route.id
        )
        if reasons:
            return Suggestion(route, reasons)
    default = conversation.route(conversation.default_route)
    return Suggestion(default, (Reason(conversation.default_reason, ()),))
