"""The plans blueprint with every route attached."""

from portal.plans.views import editor, family, practitioner
from portal.plans.views.blueprint import bp

__all__ = ["bp", "editor", "family", "practitioner"]
