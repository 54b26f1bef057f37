"""The plans blueprint, and the template helpers its pages share."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.core.access import Role
from portal.core.i18n import LANGUAGES
from portal.plans import present
from portal.plans.body import PlanBody

bp = Blueprint("plans", __name__)

STAFF_PLAN_ROLES = (Role.LEAD_PRACTITIONER, Role.LCPP, Role.TEAM_MANAGER)

FAMILY_TEXT_SECTIONS = (
    ("going_well", _l("What is going well")),
    ("worries", _l("What we are worried about")),
    ("needs_to_happen", _l("What needs to happen")),
    ("child_words", _l("In the child's own words")),
    ("family_views", _l("What the family think")),
    ("network_plan", _l("Family network plan")),
)


@bp.app_template_global()
def plan_text_sections(body: PlanBody) -> list[tuple[str, str, str]]:
    """The text parts of a plan in reading order: key, heading, text."""
    return [(key, str(title), getattr(body, key)) for key, title in FAMILY_TEXT_SECTIONS]


@bp.app_template_global()
def plan_text_of(body: PlanBody, key: str) -> str:
    """One text part of a plan body by its key."""
    return getattr(body, key) if key in dict(FAMILY_TEXT_SECTIONS) else ""


@bp.app_template_global()
def plan_language(code: str) -> str:
    """A language's own name, from its code."""
    language = LANGUAGES.get(code)
    return language.native_name if language else code


bp.add_app_template_global(present.level_text, "plan_level")
bp.add_app_template_global(present.status_text, "plan_status")
bp.add_app_template_global(present.change_text, "plan_change")
bp.add_app_template_global(present.roles_text, "plan_roles")
