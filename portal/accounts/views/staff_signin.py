"""Staff and partners sign in (password, then authenticator code), and where they land."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import current
from portal.accounts.forms import AuthenticatorCodeForm, SignInForm
from portal.accounts.sessions import begin_session
from portal.accounts.staff_signin import account_by_public_id, account_for_password, confirm_code
from portal.accounts.throttle import TooManyAttempts
from portal.accounts.views.blueprint import bp, client_address, sign_in_limit, too_many_attempts
from portal.core.access import STAFF_ROLES, Role, allow, is_safe_redirect, public
from portal.core.form_errors import show_error
from portal.core.navigation import navigation_items
from portal.extensions import db, limiter

PENDING = "pending_sign_in"
# Not "next": Flask-Login's strong session protection deletes that key before sign-in completes.
AFTER_SIGN_IN = "after_sign_in"


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in() -> str | Response:
    """Step 1: email address and password."""
    if current.signed_in_account() is not None:
        return redirect(url_for("accounts.staff_home"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            account = account_for_password(
                (form.email.data or ""), (form.password.data or ""), client_address()
            )
        except TooManyAttempts:
            show_error(form.email, too_many_attempts())
            return render_template("accounts/sign_in.html", form=form)
        if account is None:
            show_error(form.email, _("Enter a correct email address and password"))
        elif not account.totp_secret:
            show_error(
                form.email, _("Your account is not set up yet. Use the link in your welcome email.")
            )
        else:
            session[PENDING] = account.public_id
            next_path = request.args.get("next")
            session[AFTER_SIGN_IN] = next_path if is_safe_redirect(next_path) else None
            return redirect(url_for("accounts.sign_in_code"))
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in_code() -> str | Response:
    """Step 2: the code from an authenticator app."""
    account = account_by_public_id(session.get(PENDING))
    if account is None:
        return redirect(url_for("accounts.sign_in"))
    form = AuthenticatorCodeForm()
    if form.validate_on_submit():
        try:
            confirmed = confirm_code(account, (form.code.data or ""), client_address())
        except TooManyAttempts:
            show_error(form.code, too_many_attempts())
            return render_template("accounts/sign_in_code.html", form=form)
        if confirmed:
            next_path = session.get(AFTER_SIGN_IN)
            begin_session(account)
            db.session.commit()
            return redirect(next_path or url_for("accounts.staff_home"))
        show_error(form.code, _("That code is not right or has been used. Enter the latest code."))
    return render_template("accounts/sign_in_code.html", form=form)


@bp.route("/practitioners")
@allow(*STAFF_ROLES, Role.PARTNER)
def staff_home() -> str:
    """Where staff and partners land after signing in: the parts of the portal they can use."""
    work = [item for item in navigation_items("practitioners") if not item["current"]]
    return render_template("accounts/staff_home.html", area="practitioners", work=work)


@bp.route("/partners")
@public
def partners_home() -> Response:
    """The partners' section root: their work is on the practitioners' home after sign-in."""
    return redirect(url_for("accounts.staff_home"))
