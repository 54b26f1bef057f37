"""The referral conversation itself: immediate danger, consent, triage and the summary."""

from datetime import date
from pathlib import Path

import pytest

from portal.referrals.engine import (
    add_person,
    answer_step,
    finish_people,
    is_complete,
    load_conversation,
    next_step,
    path,
    relevant_answers,
    render_text,
    suggest_route,
    summary,
)

ROOT = Path(__file__).parents[3]
TODAY = date(2026, 6, 1)
SITE = {"site": {"front_door_phone": "01632 960000"}}

# What a referrer types, step by step, on a plain path (no stop pages).
PLAIN = {
    "immediate_danger": {"answer": "no"},
    "referrer_role": {"answer": "Designated safeguarding lead at Eastholme Primary"},
    "household": None,  # nobody added
    "worry": {"answer": "Amira has missed a lot of school this term."},
    "needs": {"answer": ["school-attendance", "housing"]},
    "going_well": {"answer": "Mum comes to every parents' evening."},
    "tried_before": {"answer": "no"},
    "family_wants": {"answer": "Help to get Amira to school on time."},
    "consent_about": {},
    "consent": {"answer": "yes"},
    "contact_preference": {"answer": "phone"},
    "language": {"answer": "Arabic"},
    "interpreter": {"answer": "yes"},
}


@pytest.fixture(scope="module")
def conversation():
    return load_conversation(ROOT / "content" / "conversations" / "referral.yaml")


def add_children(conversation, answers, *children) -> dict:
    instance = next_step(conversation, answers, TODAY)
    assert instance.key == "children"
    for number, (first, born) in enumerate(children):
        year, month, day = born.split("-")
        raw = {
            "first_name": first,
            "last_name": "Khan",
            "date_of_birth-day": day,
            "date_of_birth-month": month,
            "date_of_birth-year": year,
        }
        answers = add_person(instance, answers, raw, TODAY, person_id=f"c{number}").answers
    return finish_people(instance, answers).answers


def walk(conversation, overrides=None, children=(("Amira", "2017-09-01"),), stop_at=None):
    """Answer each step as it comes, like a person would, until done or at `stop_at`."""
    typed = {**PLAIN, **(overrides or {})}
    answers: dict = {}
    while (current := next_step(conversation, answers, TODAY)) is not None:
        if current.key == stop_at or current.step.type == "stop":
            return answers, current
        if current.key == "children":
            answers = add_children(conversation, answers, *children)
            continue
        if current.step.type == "person-list":
            answers = finish_people(current, answers).answers
            continue
        raw = typed.get(current.key, typed.get(current.step.id, {"answer": "yes"}))
        result = answer_step(current, answers, raw, TODAY)
        assert result.ok, (current.key, result.problems)
        answers = result.answers
    return answers, None


def test_the_first_question_is_about_immediate_danger(conversation):
    assert next_step(conversation, {}, TODAY).key == "immediate_danger"


def test_immediate_danger_stops_at_once_with_the_front_door_number(conversation):
    answers = answer_step(next_step(conversation, {}, TODAY), {}, {"answer": "yes"}, TODAY).answers
    stop = next_step(conversation, answers, TODAY)
    assert stop.key == "danger_stop"
    assert [i.key for i in path(conversation, answers, TODAY)] == [
        "immediate_danger",
        "danger_stop",
    ]
    body = render_text(stop.step.body, stop, answers, conversation, SITE)
    assert "call 999 now" in body
    assert "01632 960000" in body
    assert not is_complete(conversation, answers, TODAY)


def test_no_immediate_danger_goes_on_to_the_referrer(conversation):
    answers = answer_step(next_step(conversation, {}, TODAY), {}, {"answer": "no"}, TODAY).answers
    assert next_step(conversation, answers, TODAY).key == "referrer_role"


def test_a_plain_referral_completes_and_suggests_community_services(conversation):
    answers, stopped = walk(conversation)
    assert stopped is None
    assert is_complete(conversation, answers, TODAY)
    suggestion = suggest_route(conversation, answers, TODAY)
    assert suggestion.route.id == "universal"
    assert suggestion.reasons[0].answer_ids == ()


def test_a_child_is_asked_about_by_name(conversation):
    answers, current = walk(conversation, stop_at="child_school.c0")
    assert render_text(current.step.label, current, answers, conversation) == (
        "Does Amira go to school, college or nursery?"
    )


def test_family_consent_skips_the_override_questions(conversation):
    answers, _ = walk(conversation)
    keys = {i.key for i in path(conversation, answers, TODAY)}
    assert "consent_override" not in keys
    assert "consent_override_reason" not in keys


def test_no_consent_without_child_protection_concerns_stops_and_asks_to_talk_to_the_family(
    conversation,
):
    answers, stopped = walk(
        conversation, {"consent": {"answer": "no"}, "consent_override": {"answer": "no"}}
    )
    assert stopped.key == "consent_needed"
    assert "01632 960000" in render_text(stopped.step.body, stopped, answers, conversation, SITE)
    assert not is_complete(conversation, answers, TODAY)


def test_overriding_consent_needs_a_reason(conversation):
    overrides = {"consent": {"answer": "no"}, "consent_override": {"answer": "yes"}}
    answers, current = walk(conversation, overrides, stop_at="consent_override_reason")
    result = answer_step(current, answers, {"answer": "  "}, TODAY)
    assert result.problems["answer"].message == "Tell us why you have not asked the family"
    reason = {"answer": "Dad has threatened the school if social care is involved."}
    answers = answer_step(current, answers, reason, TODAY).answers
    assert next_step(conversation, answers, TODAY).key == "contact_preference"


def test_overriding_consent_suggests_a_strategy_discussion_with_the_reason(conversation):
    overrides = {
        "consent": {"answer": "no"},
        "consent_override": {"answer": "yes"},
        "consent_override_reason": {"answer": "Telling dad would put Amira at risk."},
    }
    answers, stopped = walk(conversation, overrides)
    assert stopped is None
    suggestion = suggest_route(conversation, answers, TODAY)
    assert suggestion.route.id == "strategy-discussion"
    assert suggestion.reasons[0].answer_ids == ("consent_override",)


def test_domestic_abuse_with_a_baby_gives_both_answers_as_reasons(conversation):
    answers, _ = walk(
        conversation,
        {"needs": {"answer": ["domestic-abuse"]}},
        children=(("Amira", "2017-09-01"), ("Zain", "2026-01-10")),
    )
    suggestion = suggest_route(conversation, answers, TODAY)
    assert suggestion.route.id == "strategy-discussion"
    assert suggestion.reasons[0].answer_ids == ("needs", "children")


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"needs": {"answer": ["mental-health"]}}, "Needs that usually call for Family Help."),
        ({"needs": {"answer": ["housing", "money", "parenting"]}}, "Three or more needs at once."),
        (
            {"tried_before": {"answer": "yes"}, "tried": {"answer": "School nurse visits."}},
            "Help has been tried and has not been enough.",
        ),
    ],
)
def test_family_help_is_suggested_with_its_reason(conversation, overrides, reason):
    answers, _ = walk(conversation, overrides)
    suggestion = suggest_route(conversation, answers, TODAY)
    assert suggestion.route.id == "family-help"
    assert [r.text for r in suggestion.reasons] == [reason]


def test_triage_ignores_answers_a_change_made_irrelevant(conversation):
    overrides = {
        "consent": {"answer": "no"},
        "consent_override": {"answer": "yes"},
        "consent_override_reason": {"answer": "Risk."},
    }
    answers, _ = walk(conversation, overrides)
    # The referrer goes back and says the family does agree: the override no longer counts.
    answers = {**answers, "consent": "yes"}
    assert "consent_override" not in relevant_answers(conversation, answers, TODAY)
    assert suggest_route(conversation, answers, TODAY).route.id == "universal"


def test_the_summary_lists_questions_in_order_with_piped_labels(conversation):
    answers, _ = walk(conversation)
    rows = summary(conversation, answers, SITE, today=TODAY)
    keys = [r.key for r in rows]
    assert keys[:4] == ["immediate_danger", "referrer_role", "children", "child_school.c0"]
    assert "consent_about" not in keys  # an interrupt is not a question
    school = rows[3]
    assert school.question == "Does Amira go to school, college or nursery?"
    assert school.value == "yes"


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("immediate_danger", {}, "Select yes if a child is in immediate danger right now"),
        ("immediate_danger", {"answer": "perhaps"}, "Select one of the options"),
        ("referrer_role", {"answer": "x" * 201}, "Answer must be %(max)s characters or fewer"),
        ("needs", {"answer": []}, "Select at least one need, or select something else"),
        ("needs", {"answer": ["housing", "weather"]}, "Select one of the options"),
        ("worry", {"answer": ""}, "Tell us what you are worried about"),
    ],
)
def test_bad_answers_get_a_clear_message_and_change_nothing(conversation, key, raw, message):
    answers, current = walk(conversation, stop_at=key)
    result = answer_step(current, answers, raw, TODAY)
    assert result.problems["answer"].message == message
    assert result.answers == answers


def test_needs_other_is_asked_only_when_something_else_is_chosen(conversation):
    answers, current = walk(conversation, {"needs": {"answer": ["other"]}}, stop_at="needs_other")
    assert current is not None and current.key == "needs_other"
    answers, _ = walk(conversation)
    assert "needs_other" not in {i.key for i in path(conversation, answers, TODAY)}
