"""The accounts blueprint with every route attached, and init_accounts that wires it in."""

from portal.accounts.views import (
    family_signin,
    partner_registration,
    passkeys,
    recovery_codes,
    sessions,
    staff_signin,
)
from portal.accounts.views.blueprint import bp
from portal.accounts.views.sessions import init_accounts

__all__ = [
    "bp",
    "family_signin",
    "init_accounts",
    "partner_registration",
    "passkeys",
    "recovery_codes",
    "sessions",
    "staff_signin",
]
