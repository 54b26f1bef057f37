"""Who may use each route: every view declares it, and undeclared views are refused."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

View = TypeVar("View", bound=Callable[..., Any])


class Role(StrEnum):
    """The roles a signed-in account can hold."""

    FAMILY = "family"
    PARTNER = "partner"
    FRONT_DOOR = "front_door"
    LEAD_PRACTITIONER = "lead_practitioner"
    LCPP = "lcpp"
    TEAM_MANAGER = "team_manager"
    PARTICIPATION = "participation"
    ADMIN = "admin"


STAFF_ROLES = frozenset(
    {
        Role.FRONT_DOOR,
        Role.LEAD_PRACTITIONER,
        Role.LCPP,
        Role.TEAM_MANAGER,
        Role.PARTICIPATION,
        Role.ADMIN,
    }
)


@dataclass(frozen=True)
class AccessRule:
    """What a view declares: public, or the roles that may use it."""

    public: bool
    roles: frozenset[Role] = frozenset()

    def admits(self, roles: frozenset[Role] | set[Role]) -> bool:
        """True when an account holding these roles may use the view."""
        return self.public or bool(self.roles & set(roles))


def public(view: View) -> View:
    """Declare that anyone, signed in or not, may use this view."""
    view.access_rule = AccessRule(public=True)  # type: ignore[attr-defined]
    return view


def allow(*roles: Role) -> Callable[[View], View]:
    """Declare that only signed-in accounts with one of these roles may use this view."""
    if not roles:
        raise ValueError("allow() needs at least one role; use @public for open views")

    def decorate(view: View) -> View:
        view.access_rule = AccessRule(public=False, roles=frozenset(roles))  # type: ignore[attr-defined]
        return view

    return decorate


def access_rule_for(endpoint: str | None, app: Flask | None = None) -> AccessRule | None:
    """The rule the view behind this endpoint declared, or None."""
    app = app or current_app
    if endpoint is None:
        return None
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def sign_in_endpoint(rule: AccessRule) -> str:
    """Family-only pages send people to the family sign-in; everything else to staff sign-in."""
    if rule.roles == {Role.FAMILY}:
        endpoint: str = current_app.config.get("FAMILY_SIGN_IN_ENDPOINT", "accounts.sign_in")
        return endpoint
    return "accounts.sign_in"


def safe_next_path() -> str:
    """The current path and query, for returning here after sign-in."""
    return request.full_path.rstrip("?")


def is_safe_redirect(target: str | None) -> bool:
    """True for same-site absolute paths only, never another host or scheme."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    # Browsers drop tabs and newlines from addresses, so "/\t/evil.example" means "//evil.example".
    return not any(ord(character) < 32 or character == "\x7f" for character in target)


# Endpoints that belong to Flask itself rather than to a feature.
_BUILT_IN_PUBLIC = {"static"}


def enforce_access_rules() -> Response | None:
    """before_request: refuse views that declare nothing; send others to sign in or 404."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in _BUILT_IN_PUBLIC:
        return None
    rule = access_rule_for(endpoint)
    if rule is None:
        current_app.logger.error("Refused %s: the view declares no access rule", endpoint)
        abort(403)
    if rule.public:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for(sign_in_endpoint(rule), next=safe_next_path()))
    if not rule.admits(current_user.role_set):
        # Not 403: a signed-in user who may not use a page learns nothing about it.
        abort(404)
    return None
