"""The conversation engine: plain Python that routes, checks and triages a referral (no Flask)."""

from portal.core.needs import NEED_CODES

from .loader import load_conversation, parse_conversation
from .model import Conversation, ConversationError, Problem, Step
from .people import add_person, change_person, finish_people, people_of, remove_person
from .rules import OPERATORS, age_on
from .runner import (
    AnswerResult,
    StepInstance,
    SummaryRow,
    answer_step,
    answer_text,
    find_instance,
    is_complete,
    may_visit,
    next_step,
    path,
    problem_text,
    relevant_answers,
    render_text,
    summary,
)
from .steps import STEP_TYPES
from .triage import Reason, Suggestion, suggest_route

__all__ = [
    "NEED_CODES",
    "OPERATORS",
    "STEP_TYPES",
    "AnswerResult",
    "Conversation",
    "ConversationError",
    "Problem",
    "Reason",
    "Step",
    "StepInstance",
    "Suggestion",
    "SummaryRow",
    "add_person",
    "age_on",
    "answer_step",
    "answer_text",
    "change_person",
    "find_instance",
    "finish_people",
    "is_complete",
    "load_conversation",
    "may_visit",
    "next_step",
    "parse_conversation",
    "path",
    "people_of",
    "problem_text",
    "relevant_answers",
    "remove_person",
    "render_text",
    "suggest_route",
    "summary",
]
