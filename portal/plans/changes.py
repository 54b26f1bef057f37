"""What changed between two versions of a plan, in plain words. Plain Python, no Flask.

``changes_between(old, new)`` returns a list of ``Change``; each has a stable ``kind`` (what
tests assert on) and ``params``. ``CHANGE_MESSAGES`` holds the English message for each kind,
marked for extraction; the view translates it with ``gettext(message, **params)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.plans.body import (
    LEVEL_LABELS,
    N_,
    STATUS_LABELS,
    ActionStatus,
    Contact,
    Goal,
    Level,
    PlanBody,
)

CHANGE_MESSAGES = {
    "first_version": N_("This is the first version of your plan."),
    "level_up": N_("Your plan is now a child protection plan."),
    "level_down": N_("Your plan is now a Family Help plan."),
    "lcpp_changed": N_("%(name)s is now the lead child protection practitioner."),
    "lead_changed": N_("%(name)s is now your lead practitioner."),
    "meeting_set": N_("The next meeting is on %(new)s."),
    "meeting_moved": N_("The next meeting has moved from %(old)s to %(new)s."),
    "meeting_removed": N_("There is no next meeting date at the moment."),
    "section_changed": N_("The part called \u201c%(section)s\u201d has changed."),
    "section_added": N_("The part called \u201c%(section)s\u201d has been filled in."),
    "goal_added": N_("New goal: %(goal)s"),
    "goal_removed": N_("This goal has been taken out: %(goal)s"),
    "goal_reworded": N_("A goal has new words: %(goal)s"),
    "action_added": N_("New thing to do for \u201c%(goal)s\u201d: %(what)s (%(who)s)"),
    "action_removed": N_("This has been taken out: %(what)s"),
    "action_done": N_("Done: %(what)s"),
    "action_status": N_("%(what)s is now: %(status)s"),
    "action_date_moved": N_("%(what)s: the date has moved from %(old)s to %(new)s"),
    "action_date_set": N_("%(what)s: to be done by %(new)s"),
    "action_who": N_("%(what)s: now done by %(who)s"),
    "action_reworded": N_("Something to do has new words: %(what)s"),
    "person_joined": N_("%(name)s (%(role)s) has joined the people helping your family."),
    "person_left": N_("%(name)s (%(role)s) is no longer helping your family."),
    "network_plan_added": N_("Your family network plan has been added."),
    "network_plan_changed": N_("Your family network plan has changed."),
    "network_plan_removed": N_("Your family network plan has been taken out."),
}

SECTION_LABELS = {
    "going_well": N_("What is going well"),
    "worries": N_("What we are worried about"),
    "needs_to_happen": N_("What needs to happen"),
    "child_words": N_("In the child's own words"),
    "family_views": N_("What the family think"),
}


@dataclass(frozen=True)
class Change:
    """One change a family should know about. Values in ``params`` that are dates, levels or
    statuses are formatted and translated by the view."""

    kind: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English message id for this change."""
        return CHANGE_MESSAGES[self.kind]


def changes_between(old: PlanBody | None, new: PlanBody) -> list[Change]:
    """List what changed from ``old`` to ``new``, most important first."""
    if old is None:
        return [Change("first_version")]
    out: list[Change] = []
    out += _level_changes(old, new)
    out += _meeting_changes(old.next_meeting, new.next_meeting)
    out += _goal_changes(old.goals, new.goals)
    out += _people_changes(old, new)
    out += _network_changes(old.network_plan, new.network_plan)
    for key in SECTION_LABELS:
        before, after = getattr(old, key), getattr(new, key)
        if before != after and after:
            kind = "section_changed" if before else "section_added"
            out.append(Change(kind, {"section": SECTION_LABELS[key]}))
    return out


def _level_changes(old: PlanBody, new: PlanBody) -> list[Change]:
    out = []
    if old.level != new.level:
        kind = "level_up" if new.level is Level.CHILD_PROTECTION else "level_down"
        out.append(Change(kind, {"level": new.level}))
    if new.level is Level.CHILD_PROTECTION and new.lcpp and old.lcpp != new.lcpp:
        out.append(Change("lcpp_changed", {"name": new.lcpp}))
    return out


def _meeting_changes(old: date | None, new: date | None) -> list[Change]:
    if old == new:
        return []
    if new is None:
        return [Change("meeting_removed", {"old": old})]
    if old is None:
        return [Change("meeting_set", {"new": new})]
    return [Change("meeting_moved", {"old": old, "new": new})]


def _goal_changes(old_goals: tuple[Goal, ...], new_goals: tuple[Goal, ...]) -> list[Change]:
    out: list[Change] = []
    before = {g.id: g for g in old_goals}
    after_ids = {g.id for g in new_goals}
    for goal in new_goals:
        previous = before.get(goal.id)
        if previous is None:
            out.append(Change("goal_added", {"goal": goal.text}))
            for action in goal.actions:
                out.append(
                    Change(
                        "action_added",
                        {"goal": goal.text, "what": action.what, "who": action.who},
                    )
                )
            continue
        if previous.text != goal.text:
            out.append(Change("goal_reworded", {"goal": goal.text}))
        out += _action_changes(previous, goal)
    for goal in old_goals:
        if goal.id not in after_ids:
            out.append(Change("goal_removed", {"goal": goal.text}))
    return out


def _action_changes(old_goal: Goal, new_goal: Goal) -> list[Change]:
    out: list[Change] = []
    before = {a.id: a for a in old_goal.actions}
    after_ids = {a.id for a in new_goal.actions}
    for action in new_goal.actions:
        previous = before.get(action.id)
        what = action.what
        if previous is None:
            out.append(
                Change("action_added", {"goal": new_goal.text, "what": what, "who": action.who})
            )
            continue
        if previous.what != action.what:
            out.append(Change("action_reworded", {"what": what}))
        if previous.status != action.status:
            if action.status is ActionStatus.DONE:
                out.append(Change("action_done", {"what": what}))
            else:
                out.append(
                    Change("action_status", {"what": what, "status": STATUS_LABELS[action.status]})
                )
        if previous.by_when != action.by_when and action.by_when is not None:
            if previous.by_when is None:
                out.append(Change("action_date_set", {"what": what, "new": action.by_when}))
            else:
                out.append(
                    Change(
                        "action_date_moved",
                        {"what": what, "old": previous.by_when, "new": action.by_when},
                    )
                )
        if previous.who != action.who:
            out.append(Change("action_who", {"what": what, "who": action.who}))
    for action in old_goal.actions:
        if action.id not in after_ids:
            out.append(Change("action_removed", {"what": action.what}))
    return out


def _people_changes(old: PlanBody, new: PlanBody) -> list[Change]:
    out: list[Change] = []
    if new.lead_practitioner and (
        old.lead_practitioner is None or old.lead_practitioner.name != new.lead_practitioner.name
    ):
        out.append(Change("lead_changed", {"name": new.lead_practitioner.name}))

    def key(c: Contact) -> tuple[str, str]:
        return (c.name.casefold(), c.role.casefold())

    before = {key(c) for c in old.team}
    after = {key(c) for c in new.team}
    for person in new.team:
        if key(person) not in before:
            out.append(Change("person_joined", {"name": person.name, "role": person.role}))
    for person in old.team:
        if key(person) not in after:
            out.append(Change("person_left", {"name": person.name, "role": person.role}))
    return out


def _network_changes(old: str, new: str) -> list[Change]:
    if old == new:
        return []
    if not old:
        return [Change("network_plan_added")]
    if not new:
        return [Change("network_plan_removed")]
    return [Change("network_plan_changed")]


__all__ = ["CHANGE_MESSAGES", "LEVEL_LABELS", "SECTION_LABELS", "Change", "changes_between"]
