"""How a family member gets in: accept an invitation, confirm a code, set a password, sign in."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext, ngettext
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.accounts.models import Account, spend_password_check_time
from portal.core.access import Role, allow, public
from portal.core.audit import record_audit, utcnow
from portal.core.i18n import LANGUAGES
from portal.extensions import db, limiter
from portal.plans import family_auth
from portal.plans.codes import CodeCheck
from portal.plans.family_auth import (
    find_family_account,
    invitation_for_token,
    send_code,
    verify_code,
)
from portal.plans.forms import CodeForm, ConfirmForm, PasswordForm, SignInForm
from portal.plans.models import Invitation
from portal.plans.views.blueprint import bp

INVITATION = "plans_invitation"
CONFIRMED = "plans_invitation_confirmed"
PENDING = "plans_pending_account"


def code_limit() -> str:
    """The rate limit on every step that checks a secret."""
    return current_app.config["SIGN_IN_RATE_LIMIT"]


def code_error(result: CodeCheck, tries: int) -> str:
    """What to tell someone whose code did not work, and what to do next."""
    if result is CodeCheck.EXPIRED:
        return gettext("That code has run out. Ask for a new code.")
    if result is CodeCheck.TOO_MANY_TRIES or tries == 0:
        return gettext("You have tried too many times. Ask for a new code.")
    if result is CodeCheck.ALREADY_USED:
        return gettext("That code has been used. Ask for a new code.")
    if result is CodeCheck.MALFORMED:
        return gettext("Enter the 6 numbers from the message we sent you")
    return ngettext(
        "That code is not right. You can try %(num)s more time.",
        "That code is not right. You can try %(num)s more times.",
        tries,
    )


def _invitation_in_session() -> Invitation | None:
    public_id = session.get(INVITATION)
    if not public_id:
        return None
    invitation = db.session.scalar(select(Invitation).where(Invitation.public_id == public_id))
    if invitation is None or invitation.accepted_at is not None:
        return None
    return invitation


def sign_in_account(account: Account) -> None:
    """Start a fresh signed-in session for a family member who has shown two factors."""
    session.clear()  # a new session for the signed-in person
    login_user(account)
    session.permanent = True
    session["last_active"] = utcnow().timestamp()
    account.last_signed_in_at = utcnow()
    # Messages to them go in the language they use here.
    account.locale = str(get_locale() or "en")
    record_audit(account, "signed_in", "account", account.public_id)
    db.session.commit()


@bp.route("/my-plan/invitation/<token>", methods=["GET", "POST"])
@public
@limiter.limit(code_limit, methods=["POST"])
def accept_invitation(token: str) -> str | Response:
    """The link in the invitation: say who invited them, then send a code to confirm."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render_template("plans/family/invitation_invalid.html"), 404
    preferred = invitation.family.preferred_language
    if (
        request.method == "GET"
        and "lang" not in request.args
        and preferred in LANGUAGES
        and str(get_locale()) != preferred
    ):
        # Open in the family's language; the language links (?lang=) still let them choose.
        return redirect(url_for("plans.accept_invitation", token=token, lang=preferred))
    form = ConfirmForm()
    if form.validate_on_submit():
        send_code("confirm", invitation.channel, invitation.destination, invitation=invitation)
        db.session.commit()
        session[INVITATION] = invitation.public_id
        session.pop(CONFIRMED, None)
        return redirect(url_for("plans.confirm_code"))
    return render_template("plans/family/invitation.html", invitation=invitation, form=form)


@bp.route("/my-plan/confirm", methods=["GET", "POST"])
@public
@limiter.limit(code_limit, methods=["POST"])
def confirm_code() -> str | Response:
    """Type the six-digit code sent to the invited email address or mobile."""
    invitation = _invitation_in_session()
    if invitation is None:
        return redirect(url_for("plans.family_sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        result, tries = verify_code("confirm", form.code.data, invitation=invitation)
        if result is CodeCheck.ACCEPTED:
            invitation.confirmed_at = utcnow()
            db.session.commit()
            session[CONFIRMED] = invitation.public_id
            return redirect(url_for("plans.set_password"))
        db.session.commit()
        form.code.errors.append(code_error(result, tries))
    return render_template(
        "plans/family/confirm_code.html",
        form=form,
        resend_form=ConfirmForm(prefix="resend"),
        channel=invitation.channel,
        resend_url=url_for("plans.resend_confirm_code"),
    )


@bp.route("/my-plan/confirm/new-code", methods=["POST"])
@public
@limiter.limit(code_limit)
def resend_confirm_code() -> Response:
    """Send a fresh code for the invitation."""
    invitation = _invitation_in_session()
    if invitation is None or not ConfirmForm(prefix="resend").validate_on_submit():
        return redirect(url_for("plans.family_sign_in"))
    send_code("confirm", invitation.channel, invitation.destination, invitation=invitation)
    db.session.commit()
    return redirect(url_for("plans.confirm_code"))


@bp.route("/my-plan/set-password", methods=["GET", "POST"])
@public
def set_password() -> str | Response:
    """Choose a password; the account is made and the invitation is spent."""
    invitation = _invitation_in_session()
    if invitation is None or session.get(CONFIRMED) != invitation.public_id:
        return redirect(url_for("plans.family_sign_in"))
    form = PasswordForm()
    if form.validate_on_submit():
        account = family_auth.accept_invitation(invitation, form.password.data)
        db.session.commit()
        sign_in_account(account)
        return redirect(url_for("plans.my_plan"))
    return render_template("plans/family/set_password.html", form=form)


@bp.route("/my-plan/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(code_limit, methods=["POST"])
def family_sign_in() -> str | Response:
    """Step 1: email or mobile and password; then we send a code."""
    if current_user.is_authenticated and current_user.has_role(Role.FAMILY):
        return redirect(url_for("plans.my_plan"))
    form = SignInForm()
    if form.validate_on_submit():
        account = find_family_account(form.identifier.data)
        if account is None:
            spend_password_check_time(form.password.data)
        if account is not None and account.check_password(form.password.data):
            channel = "sms" if account.mobile else "email"
            send_code("sign-in", channel, account.mobile or account.email, account=account)
            db.session.commit()
            session[PENDING] = account.public_id
            return redirect(url_for("plans.family_sign_in_code"))
        form.identifier.errors.append(
            gettext("Enter the email address or mobile number and password you signed up with")
        )
    return render_template("plans/family/sign_in.html", form=form)


@bp.route("/my-plan/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit(code_limit, methods=["POST"])
def family_sign_in_code() -> str | Response:
    """Step 2: the code we sent by text or email."""
    account = db.session.scalar(
        select(Account).where(Account.public_id == session.get(PENDING, ""), Account.active)
    )
    if account is None:
        return redirect(url_for("plans.family_sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        result, tries = verify_code("sign-in", form.code.data, account=account)
        db.session.commit()
        if result is CodeCheck.ACCEPTED:
            sign_in_account(account)
            return redirect(url_for("plans.my_plan"))
        form.code.errors.append(code_error(result, tries))
    return render_template(
        "plans/family/sign_in_code.html",
        form=form,
        channel="sms" if account.mobile else "email",
    )


@bp.route("/my-plan/sign-out", methods=["GET", "POST"])
@allow(Role.FAMILY)
def family_sign_out() -> str | Response:
    """A page with a sign-out button; the POST signs out."""
    form = ConfirmForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        return redirect(url_for("accounts.signed_out"))
    return render_template("plans/family/sign_out.html", form=form)
