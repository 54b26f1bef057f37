"""Recovery codes: a staff or partner account makes a new set, and signs in with one instead of
the authenticator app's code (the second step of ``staff_signin``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from portal.accounts import current
from portal.accounts.forms import NewRecoveryCodesForm, RecoveryCodeForm
from portal.accounts.recovery_codes import codes_left, confirm_recovery_code, create_set
from portal.accounts.sessions import begin_session
from portal.accounts.staff_signin import account_by_public_id
from portal.accounts.throttle import TooManyAttempts
from portal.accounts.views.blueprint import bp, client_address, sign_in_limit, too_many_attempts
from portal.accounts.views.staff_signin import AFTER_SIGN_IN, PENDING
from portal.core.access import STAFF_ROLES, Role, allow, public
from portal.core.form_errors import show_error
from portal.core.security import no_store
from portal.extensions import limiter


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in_recovery_code() -> str | Response:
    """Step 2 without the app: one of the account's recovery codes, which then cannot be reused."""
    account = account_by_public_id(session.get(PENDING))
    if account is None:
        return redirect(url_for("accounts.sign_in"))
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        try:
            left = confirm_recovery_code(account, (form.code.data or ""), client_address())
        except TooManyAttempts:
            show_error(form.code, too_many_attempts())
            return render_template("accounts/sign_in_recovery_code.html", form=form)
        if left is not None:
            next_path = session.get(AFTER_SIGN_IN)
            begin_session(account)
            flash(
                ngettext(
                    "You have %(num)d recovery code left.",
                    "You have %(num)d recovery codes left.",
                    left,
                )
            )
            return redirect(next_path or url_for("accounts.staff_home"))
        show_error(form.code, _("That recovery code is not right or has been used."))
    return render_template("accounts/sign_in_recovery_code.html", form=form)


@bp.route("/account/recovery-codes", methods=["GET", "POST"])
@allow(*STAFF_ROLES, Role.PARTNER)
@no_store
def recovery_codes() -> str:
    """Make a new set of recovery codes (the old set stops working) and show it, once."""
    account = current.account()
    form = NewRecoveryCodesForm()
    codes = create_set(account) if form.validate_on_submit() else []
    return render_template(
        "accounts/recovery_codes.html", form=form, codes=codes, left=codes_left(account)
    )
