"""The plan body: reading, validating and writing back."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.plans.body import (
    MAX_GOALS,
    ActionStatus,
    Level,
    PlanBodyInvalid,
    errors_by_field,
    load_body,
)


def full_body() -> dict:
    return {
        "going_well": "Sam goes to school most days.",
        "worries": "Rent arrears.",
        "needs_to_happen": "Help with money.",
        "child_words": "I like football.",
        "family_views": "We want help with the rent.",
        "goals": [
            {
                "id": "goal-1",
                "text": "Sam goes to school every day",
                "actions": [
                    {
                        "id": "act-1",
                        "who": "Mum",
                        "what": "Walk Sam to school",
                        "by_when": "2027-01-15",
                        "status": "in-progress",
                    }
                ],
            }
        ],
        "lead_practitioner": {"id": "lead-1", "name": "Asha", "role": "Lead practitioner"},
        "team": [{"id": "team-1", "name": "Mr Cole", "role": "Teacher", "contact": "01632 960123"}],
        "network_plan": "",
        "level": "family-help",
        "lcpp": "",
        "next_meeting": "2027-02-01",
        "next_meeting_what": "Review meeting",
    }


def test_full_body_round_trips():
    body = load_body(full_body())
    assert body.goals[0].actions[0].by_when == date(2027, 1, 15)
    assert body.goals[0].actions[0].status is ActionStatus.IN_PROGRESS
    assert body.level is Level.FAMILY_HELP
    assert load_body(body.to_dict()) == body
    assert body.to_dict()["goals"][0]["actions"][0]["by_when"] == "2027-01-15"


def test_empty_body_is_a_valid_starting_draft():
    body = load_body({})
    assert body.goals == ()
    assert body.next_meeting is None
    assert load_body(None) == body


def test_text_is_trimmed():
    data = full_body() | {"worries": "  Rent arrears.  \n"}
    assert load_body(data).worries == "Rent arrears."


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda d: d["goals"][0].update(text=" "), "goals-0-text", "required"),
        (lambda d: d["goals"][0]["actions"][0].update(who=""), "goals-0-actions-0-who", "required"),
        (
            lambda d: d["goals"][0]["actions"][0].update(by_when="2027-02-30"),
            "goals-0-actions-0-by_when",
            "bad_date",
        ),
        (
            lambda d: d["goals"][0]["actions"][0].update(status="finished"),
            "goals-0-actions-0-status",
            "bad_choice",
        ),
        (lambda d: d.update(next_meeting="soon"), "next_meeting", "bad_date"),
        (lambda d: d.update(worries="x" * 4001), "worries", "too_long"),
        (lambda d: d["team"][0].update(name=""), "team-0-name", "required"),
        (lambda d: d.update(level="crisis"), "level", "bad_choice"),
        (lambda d: d.update(level="child-protection"), "lcpp", "lcpp_required"),
        (lambda d: d.update(goals=[{"text": "g"}] * (MAX_GOALS + 1)), "goals", "too_many"),
    ],
)
def test_bad_input_names_the_form_field(change, field, code):
    data = full_body()
    change(data)
    with pytest.raises(PlanBodyInvalid) as caught:
        load_body(data)
    grouped = errors_by_field(caught.value.errors)
    assert field in grouped
    assert grouped[field][0].code == code
    assert grouped[field][0].message  # an English message id to translate


def test_error_params_fill_the_message():
    data = full_body() | {"worries": "x" * 4001}
    with pytest.raises(PlanBodyInvalid) as caught:
        load_body(data)
    error = caught.value.errors[0]
    assert (
        error.message % error.params == "what we are worried about must be 4000 characters or fewer"
    )


def test_every_problem_is_reported_at_once():
    data = full_body() | {"next_meeting": "nope", "level": "child-protection"}
    data["goals"][0]["text"] = ""
    with pytest.raises(PlanBodyInvalid) as caught:
        load_body(data)
    assert {e.field for e in caught.value.errors} == {"next_meeting", "lcpp", "goals-0-text"}


def test_child_protection_keeps_the_lcpp_and_family_help_drops_it():
    cp = load_body(full_body() | {"level": "child-protection", "lcpp": "Jo Patel"})
    assert cp.level is Level.CHILD_PROTECTION and cp.lcpp == "Jo Patel"
    fh = load_body(full_body() | {"lcpp": "Jo Patel"})
    assert fh.lcpp == ""


def test_missing_or_unsafe_ids_are_replaced_and_good_ids_kept():
    data = full_body()
    data["goals"].append({"id": "<script>", "text": "Second goal"})
    body = load_body(data)
    assert body.goals[0].id == "goal-1"
    assert body.goals[1].id != "<script>" and len(body.goals[1].id) >= 4


def test_non_text_values_are_refused_not_crashed():
    data = full_body() | {"worries": ["a", "list"]}
    with pytest.raises(PlanBodyInvalid) as caught:
        load_body(data)
    assert caught.value.errors[0].field == "worries"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
body_like = st.fixed_dictionaries(
    {},
    optional={
        key: json_values
        for key in (
            "worries",
            "goals",
            "team",
            "level",
            "lcpp",
            "next_meeting",
            "lead_practitioner",
        )
    },
)


@settings(max_examples=300, deadline=None)
@given(body_like)
def test_any_json_is_either_a_valid_body_or_field_errors(data):
    try:
        body = load_body(data)
    except PlanBodyInvalid as error:
        assert error.errors and all(e.message for e in error.errors)
    else:
        assert load_body(body.to_dict()) == body
