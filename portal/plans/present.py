"""Turning plan logic results into words in the reader's language, for templates."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.core.access import Role
from portal.core.dates import govuk_date
from portal.plans.body import LEVEL_LABELS, STATUS_LABELS, ActionStatus, Level
from portal.plans.changes import Change

ROLE_NAMES = {
    Role.LEAD_PRACTITIONER: _l("Lead practitioner"),
    Role.LCPP: _l("Lead child protection practitioner"),
    Role.TEAM_MANAGER: _l("Team manager"),
    Role.FRONT_DOOR: _l("Front door practitioner"),
    Role.ADMIN: _l("Administrator"),
    Role.PARTICIPATION: _l("Participation officer"),
    Role.PARTNER: _l("Partner professional"),
    Role.FAMILY: _l("Family member"),
}


def _param(value: object) -> object:
    if isinstance(value, date | datetime):
        return govuk_date(value)
    return value


def change_text(change: Change) -> str:
    """One change as a sentence in the reader's language."""
    params = {key: _param(value) for key, value in change.params.items()}
    for key in ("section", "status"):
        if key in params:
            # These are our own words (section names, statuses), so they are translated too.
            params[key] = gettext(str(params[key]))
    if "level" in params:
        params["level"] = level_text(str(params["level"]))
    text: str = gettext(change.message, **params)
    return text


def level_text(level: Level | str) -> str:
    """The level's name in the reader's language."""
    text: str = gettext(LEVEL_LABELS[Level(level)])
    return text


def status_text(status: str) -> str:
    """An action status in the reader's language."""
    text: str = gettext(STATUS_LABELS[ActionStatus(status)])
    return text


def roles_text(roles: tuple[str, ...] | list[str]) -> str:
    """A staff member's roles in the reader's language."""
    known = {str(role) for role in Role}
    names = [str(ROLE_NAMES[Role(r)]) for r in roles if r in known]
    return ", ".join(names) or gettext("Member of staff")
