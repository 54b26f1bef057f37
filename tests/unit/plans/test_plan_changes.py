"""What changed since you last looked: a plain-language diff of two plan bodies."""

from datetime import date

import pytest

from portal.plans.body import load_body
from portal.plans.changes import CHANGE_MESSAGES, changes_between


def base() -> dict:
    return {
        "worries": "Rent arrears.",
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
                    },
                    {"id": "act-2", "who": "School", "what": "Breakfast club place"},
                ],
            }
        ],
        "team": [{"name": "Mr Cole", "role": "Teacher"}],
        "level": "family-help",
        "next_meeting": "2027-02-01",
    }


def kinds(old: dict, new: dict) -> list[str]:
    return [c.kind for c in changes_between(load_body(old), load_body(new))]


def test_no_change_means_no_changes():
    assert kinds(base(), base()) == []


def test_first_version():
    [change] = changes_between(None, load_body(base()))
    assert change.kind == "first_version"


def test_action_done():
    new = base()
    new["goals"][0]["actions"][0]["status"] = "done"
    changes = changes_between(load_body(base()), load_body(new))
    assert [c.kind for c in changes] == ["action_done"]
    assert changes[0].message % changes[0].params == "Done: Walk Sam to school"


def test_action_status_other_than_done():
    new = base()
    new["goals"][0]["actions"][1]["status"] = "stopped"
    [change] = changes_between(load_body(base()), load_body(new))
    assert change.kind == "action_status" and change.params["status"] == "Stopped"


def test_date_moved_keeps_both_dates():
    new = base()
    new["goals"][0]["actions"][0]["by_when"] = "2027-03-01"
    [change] = changes_between(load_body(base()), load_body(new))
    assert change.kind == "action_date_moved"
    assert change.params["old"] == date(2027, 1, 15) and change.params["new"] == date(2027, 3, 1)


def test_date_set_on_an_undated_action():
    new = base()
    new["goals"][0]["actions"][1]["by_when"] = "2027-03-01"
    assert kinds(base(), new) == ["action_date_set"]


def test_goal_added_lists_its_actions():
    new = base()
    new["goals"].append(
        {
            "id": "goal-2",
            "text": "Pay the rent",
            "actions": [{"who": "Dad", "what": "Call housing"}],
        }
    )
    assert kinds(base(), new) == ["goal_added", "action_added"]


def test_goal_removed_and_reworded():
    old = base()
    old["goals"].append({"id": "goal-2", "text": "Old goal"})
    new = base()
    new["goals"][0]["text"] = "Sam gets to school on time"
    assert kinds(old, new) == ["goal_reworded", "goal_removed"]


def test_action_added_removed_reassigned_and_reworded():
    new = base()
    actions = new["goals"][0]["actions"]
    actions[0]["who"] = "Dad"
    actions[0]["what"] = "Walk Sam to the school gate"
    del actions[1]
    actions.append({"id": "act-3", "who": "Nan", "what": "Pick Sam up on Fridays"})
    assert sorted(kinds(base(), new)) == sorted(
        ["action_reworded", "action_who", "action_added", "action_removed"]
    )


@pytest.mark.parametrize(
    ("old_level", "new_level", "expected"),
    [
        ("family-help", "child-protection", ["level_up", "lcpp_changed"]),
        ("child-protection", "family-help", ["level_down"]),
    ],
)
def test_level_changed(old_level, new_level, expected):
    old = base() | {"level": old_level, "lcpp": "Jo Patel"}
    new = base() | {"level": new_level, "lcpp": "Jo Patel"}
    assert kinds(old, new) == expected


def test_new_lcpp_on_a_child_protection_plan():
    old = base() | {"level": "child-protection", "lcpp": "Jo Patel"}
    new = base() | {"level": "child-protection", "lcpp": "Ola Nowak"}
    [change] = changes_between(load_body(old), load_body(new))
    assert change.kind == "lcpp_changed" and change.params["name"] == "Ola Nowak"


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("2027-02-01", "2027-02-08", "meeting_moved"),
        (None, "2027-02-08", "meeting_set"),
        ("2027-02-01", None, "meeting_removed"),
    ],
)
def test_meeting_dates(old, new, kind):
    assert kinds(base() | {"next_meeting": old}, base() | {"next_meeting": new}) == [kind]


def test_people_join_and_leave():
    new = base() | {"team": [{"name": "Dr Shah", "role": "GP"}]}
    assert kinds(base(), new) == ["person_joined", "person_left"]


def test_lead_practitioner_changed():
    old = base() | {"lead_practitioner": {"name": "Asha", "role": "Lead practitioner"}}
    new = base() | {"lead_practitioner": {"name": "Ben", "role": "Lead practitioner"}}
    assert kinds(old, new) == ["lead_changed"]


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("", "Nan has Sam at weekends", "network_plan_added"),
        ("Nan has Sam", "Nan and Aunt Bea help", "network_plan_changed"),
        ("Nan has Sam", "", "network_plan_removed"),
    ],
)
def test_network_plan(old, new, kind):
    assert kinds(base() | {"network_plan": old}, base() | {"network_plan": new}) == [kind]


def test_text_sections_filled_in_and_changed():
    new = base() | {"worries": "Rent arrears and school.", "child_words": "I miss my dad."}
    changes = changes_between(load_body(base()), load_body(new))
    assert [c.kind for c in changes] == ["section_changed", "section_added"]
    assert changes[1].params["section"] == "In the child's own words"


def test_every_change_kind_has_a_message_that_formats():
    samples = {
        "what": "w",
        "who": "x",
        "goal": "g",
        "name": "n",
        "role": "r",
        "section": "s",
        "status": "st",
        "old": "o",
        "new": "n",
        "level": "l",
    }
    for kind, message in CHANGE_MESSAGES.items():
        assert message % samples, kind
