"""Small edits to a plan body keep it valid and keep ids stable for the diff."""

from datetime import date

import pytest

from portal.plans.body import ActionStatus, Level, PlanBodyInvalid, load_body
from portal.plans.body_edit import (
    ItemNotFound,
    add_person,
    remove_action,
    remove_goal,
    remove_person,
    save_action,
    save_goal,
    set_level,
    set_meeting,
    set_text,
)
from portal.plans.changes import changes_between


def test_goal_and_action_edits_show_up_in_the_diff():
    start = load_body({})
    body, goal_id = save_goal(start, None, "Sam goes to school every day")
    body = save_action(body, goal_id, None, {"who": "Mum", "what": "Walk Sam to school"})
    action_id = body.goals[0].actions[0].id
    later = save_action(
        body,
        goal_id,
        action_id,
        {"who": "Mum", "what": "Walk Sam to school", "by_when": date(2027, 3, 1), "status": "done"},
    )
    assert later.goals[0].actions[0].status is ActionStatus.DONE
    kinds = [c.kind for c in changes_between(body, later)]
    assert kinds == ["action_done", "action_date_set"]


def test_reword_and_remove_goal():
    body, goal_id = save_goal(load_body({}), None, "First")
    body, same_id = save_goal(body, goal_id, "First, reworded")
    assert same_id == goal_id and body.goals[0].text == "First, reworded"
    assert remove_goal(body, goal_id).goals == ()
    with pytest.raises(ItemNotFound):
        remove_goal(body, "missing")


def test_remove_action_and_unknown_action():
    body, goal_id = save_goal(load_body({}), None, "Goal")
    body = save_action(body, goal_id, None, {"who": "Dad", "what": "Call housing"})
    action_id = body.goals[0].actions[0].id
    assert remove_action(body, goal_id, action_id).goals[0].actions == ()
    with pytest.raises(ItemNotFound):
        remove_action(body, goal_id, "nope")
    with pytest.raises(ItemNotFound):
        save_action(body, goal_id, "nope", {"who": "x", "what": "y"})


def test_level_needs_lcpp_for_child_protection():
    with pytest.raises(PlanBodyInvalid) as caught:
        set_level(load_body({}), "child-protection", "")
    assert caught.value.errors[0].field == "lcpp"
    assert set_level(load_body({}), "child-protection", "Jo").level is Level.CHILD_PROTECTION


def test_text_meeting_and_people():
    body = set_text(load_body({}), "worries", "Rent")
    assert body.worries == "Rent"
    with pytest.raises(ItemNotFound):
        set_text(body, "level", "x")
    body = set_meeting(body, date(2027, 2, 1), "Review")
    assert body.next_meeting == date(2027, 2, 1)
    body = add_person(body, "Dr Shah", "GP", "01632 960000")
    person_id = body.team[0].id
    assert remove_person(body, person_id).team == ()
    with pytest.raises(ItemNotFound):
        remove_person(body, "nope")
