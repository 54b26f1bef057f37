"""Small edits to a plan body, each returning a new validated body. Plain Python, no Flask."""

from __future__ import annotations

from datetime import date
from typing import Any

from portal.plans.body import PlanBody, load_body, new_item_id

TEXT_SECTIONS = (
    "going_well",
    "worries",
    "needs_to_happen",
    "child_words",
    "family_views",
    "network_plan",
)


class ItemNotFound(LookupError):
    """The goal, action or person named is not in this body."""


def _goal(data: dict[str, Any], goal_id: str) -> dict[str, Any]:
    goals: list[dict[str, Any]] = data["goals"]
    for goal in goals:
        if goal["id"] == goal_id:
            return goal
    raise ItemNotFound(goal_id)


def set_text(body: PlanBody, section: str, text: str) -> PlanBody:
    """Replace one of the text parts."""
    if section not in TEXT_SECTIONS:
        raise ItemNotFound(section)
    return load_body(body.to_dict() | {section: text})


def set_level(body: PlanBody, level: str, lcpp: str) -> PlanBody:
    """Family Help, or child protection with the LCPP named."""
    return load_body(body.to_dict() | {"level": level, "lcpp": lcpp})


def set_meeting(body: PlanBody, when: date | None, what: str) -> PlanBody:
    """The next review or meeting."""
    return load_body(
        body.to_dict()
        | {"next_meeting": when.isoformat() if when else None, "next_meeting_what": what}
    )


def save_goal(body: PlanBody, goal_id: str | None, text: str) -> tuple[PlanBody, str]:
    """Add a goal (``goal_id`` None) or reword one; return the body and the goal's id."""
    data = body.to_dict()
    if goal_id is None:
        goal_id = new_item_id()
        data["goals"].append({"id": goal_id, "text": text, "actions": []})
    else:
        _goal(data, goal_id)["text"] = text
    return load_body(data), goal_id


def remove_goal(body: PlanBody, goal_id: str) -> PlanBody:
    """Take a goal and its actions out."""
    data = body.to_dict()
    _goal(data, goal_id)
    data["goals"] = [g for g in data["goals"] if g["id"] != goal_id]
    return load_body(data)


def save_action(
    body: PlanBody, goal_id: str, action_id: str | None, fields: dict[str, Any]
) -> PlanBody:
    """Add an action to a goal (``action_id`` None) or change one."""
    data = body.to_dict()
    goal = _goal(data, goal_id)
    when = fields.get("by_when")
    values = {
        "who": fields.get("who", ""),
        "what": fields.get("what", ""),
        "by_when": when.isoformat() if isinstance(when, date) else when,
        "status": fields.get("status") or "not-started",
    }
    if action_id is None:
        goal["actions"].append({"id": new_item_id(), **values})
    else:
        for action in goal["actions"]:
            if action["id"] == action_id:
                action.update(values)
                break
        else:
            raise ItemNotFound(action_id)
    return load_body(data)


def remove_action(body: PlanBody, goal_id: str, action_id: str) -> PlanBody:
    """Take one action out of a goal."""
    data = body.to_dict()
    goal = _goal(data, goal_id)
    kept = [a for a in goal["actions"] if a["id"] != action_id]
    if len(kept) == len(goal["actions"]):
        raise ItemNotFound(action_id)
    goal["actions"] = kept
    return load_body(data)


def add_person(body: PlanBody, name: str, role: str, contact: str) -> PlanBody:
    """Add someone to the team around the family."""
    data = body.to_dict()
    data["team"].append({"id": new_item_id(), "name": name, "role": role, "contact": contact})
    return load_body(data)


def remove_person(body: PlanBody, person_id: str) -> PlanBody:
    """Take someone out of the team around the family."""
    data = body.to_dict()
    kept = [p for p in data["team"] if p["id"] != person_id]
    if len(kept) == len(data["team"]):
        raise ItemNotFound(person_id)
    data["team"] = kept
    return load_body(data)
