"""Service navigation: each feature lists its entries here; only registered routes show."""

from dataclasses import dataclass
from typing import Any

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core.access import access_rule_for


@dataclass(frozen=True)
class NavItem:
    """One link in the service navigation of an area."""

    endpoint: str
    label: object  # a lazy string
    area: str


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("core.home", _l("Home"), "public"),
    NavItem("publishing.services", _l("Find a service"), "public"),
    NavItem("publishing.search", _l("Search"), "public"),
    NavItem("accounts.staff_home", _l("Your work"), "practitioners"),
    # Features add their entries here, e.g. NavItem("referrals.queue", _l("Front door"), ...).
    NavItem("plans.families", _l("Families"), "practitioners"),
    NavItem("plans.my_plan", _l("Your plan"), "public"),
    NavItem("referrals.home", _l("Referrals"), "practitioners"),
    NavItem("referrals.queue", _l("Front door"), "practitioners"),
    NavItem("accounts.sign_out_page", _l("Sign out"), "practitioners"),
)


def navigation_items(area: str) -> list[dict[str, Any]]:
    """Items for govukServiceNavigation that exist and that the current user may use."""
    roles = current_user.role_set if current_user.is_authenticated else frozenset()
    items = []
    for item in NAVIGATION:
        if item.area != area or item.endpoint not in current_app.view_functions:
            continue
        rule = access_rule_for(item.endpoint)
        if rule is None or not rule.admits(roles):
            continue
        href = url_for(item.endpoint)
        items.append({"href": href, "text": str(item.label), "current": request.path == href})
    return items
