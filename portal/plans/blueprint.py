"""The plans blueprint; view modules attach their routes to it."""

from flask import Blueprint

from portal.core.access import Role

bp = Blueprint("plans", __name__)

STAFF_PLAN_ROLES = (Role.LEAD_PRACTITIONER, Role.LCPP, Role.TEAM_MANAGER)
