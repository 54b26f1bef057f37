"""How a family member gets in: accept an invitation, confirm a code, set a password, sign in."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext, ngettext
from werkzeug.wrappers import Response

from portal.accounts import current, family_signin, invitations
from portal.accounts.codes import CodeCheck
from portal.accounts.forms import ContinueForm, FamilyPasswordForm, FamilySignInForm, SentCodeForm
from portal.accounts.models import Invitation
from portal.accounts.passwords import password_problem
from portal.accounts.sessions import end_session
from portal.accounts.throttle import TooManyAttempts
from portal.accounts.views.blueprint import (
    FAMILY_HOME,
    bp,
    client_address,
    sign_in_limit,
    too_many_attempts,
)
from portal.core.access import Role, allow, public
from portal.core.form_errors import show_error
from portal.core.i18n import LANGUAGES
from portal.extensions import limiter

INVITATION = "plans_invitation"
CONFIRMED = "plans_invitation_confirmed"
PENDING = "plans_pending_account"


def code_error(result: CodeCheck, tries: int) -> str:
    """What to tell someone whose code did not work, and what to do next."""
    message: str
    if result is CodeCheck.EXPIRED:
        message = gettext("That code has run out. Ask for a new code.")
    elif result is CodeCheck.TOO_MANY_TRIES or tries == 0:
        message = gettext("You have tried too many times. Ask for a new code.")
    elif result is CodeCheck.ALREADY_USED:
        message = gettext("That code has been used. Ask for a new code.")
    elif result is CodeCheck.MALFORMED:
        message = gettext("Enter the 6 numbers from the message we sent you")
    else:
        message = ngettext(
            "That code is not right. You can try %(num)s more time.",
            "That code is not right. You can try %(num)s more times.",
            tries,
        )
    return message


def _weak_password(form: FamilyPasswordForm, invitation: Invitation) -> bool:
    """Show why the chosen password is too easy to guess, if it is; True when it is."""
    problem = password_problem(
        form.password.data or "", (invitation.display_name, invitation.destination)
    )
    if problem:
        show_error(form.password, problem)
    return problem is not None


def _invitation_in_session() -> Invitation | None:
    return invitations.invitation_in_progress(session.get(INVITATION))


@bp.route("/my-plan/invitation/<token>", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    """The link in the invitation: say who invited them, then send a code to confirm."""
    invitation = invitations.invitation_for_token(token)
    if invitation is None:
        return render_template("accounts/family/invitation_invalid.html"), 404
    preferred = invitation.family.preferred_language
    if (
        request.method == "GET"
        and "lang" not in request.args
        and preferred in LANGUAGES
        and str(get_locale()) != preferred
    ):
        # Open in the family's language; the language links (?lang=) still let them choose.
        return redirect(url_for("accounts.accept_invitation", token=token, lang=preferred))
    form = ContinueForm()
    if form.validate_on_submit():
        family_signin.send_invitation_code(invitation)
        session[INVITATION] = invitation.public_id
        session.pop(CONFIRMED, None)
        return redirect(url_for("accounts.confirm_code"))
    return render_template("accounts/family/invitation.html", invitation=invitation, form=form)


@bp.route("/my-plan/confirm", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def confirm_code() -> str | Response:
    """Type the six-digit code sent to the invited email address or mobile."""
    invitation = _invitation_in_session()
    if invitation is None:
        return redirect(url_for("accounts.family_sign_in"))
    form = SentCodeForm()
    if form.validate_on_submit():
        try:
            result, tries = family_signin.confirm_invitation(
                invitation, (form.code.data or ""), client_address()
            )
        except TooManyAttempts:
            show_error(form.code, too_many_attempts())
        else:
            if result is CodeCheck.ACCEPTED:
                session[CONFIRMED] = invitation.public_id
                return redirect(url_for("accounts.family_set_password"))
            show_error(form.code, code_error(result, tries))
    return render_template(
        "accounts/family/confirm_code.html",
        form=form,
        resend_form=ContinueForm(prefix="resend"),
        channel=invitation.channel,
        resend_url=url_for("accounts.resend_confirm_code"),
    )


@bp.route("/my-plan/confirm/new-code", methods=["POST"])
@public
@limiter.limit(sign_in_limit)
def resend_confirm_code() -> Response:
    """Send a fresh code for the invitation."""
    invitation = _invitation_in_session()
    if invitation is None or not ContinueForm(prefix="resend").validate_on_submit():
        return redirect(url_for("accounts.family_sign_in"))
    family_signin.send_invitation_code(invitation)
    return redirect(url_for("accounts.confirm_code"))


@bp.route("/my-plan/set-password", methods=["GET", "POST"])
@public
def family_set_password() -> str | Response:
    """Choose a password; the account is made and the invitation is spent."""
    invitation = _invitation_in_session()
    if invitation is None or session.get(CONFIRMED) != invitation.public_id:
        return redirect(url_for("accounts.family_sign_in"))
    form = FamilyPasswordForm()
    if form.validate_on_submit() and not _weak_password(form, invitation):
        account = invitations.accept_invitation(invitation, (form.password.data or ""))
        if account is None:  # spent a moment ago by another send with another password
            return redirect(url_for("accounts.family_sign_in"))
        family_signin.sign_in(account)
        return redirect(url_for(FAMILY_HOME))
    return render_template("accounts/family/set_password.html", form=form)


@bp.route("/my-plan/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def family_sign_in() -> str | Response:
    """Step 1: email or mobile and password; then we send a code."""
    person = current.signed_in_account()
    if person is not None and person.has_role(Role.FAMILY):
        return redirect(url_for(FAMILY_HOME))
    form = FamilySignInForm()
    if form.validate_on_submit():
        try:
            account = family_signin.check_password_and_send_code(
                (form.identifier.data or ""), (form.password.data or ""), client_address()
            )
        except TooManyAttempts:
            show_error(form.identifier, too_many_attempts())
            return render_template("accounts/family/sign_in.html", form=form)
        if account is not None:
            session[PENDING] = account.public_id
            return redirect(url_for("accounts.family_sign_in_code"))
        show_error(
            form.identifier,
            gettext("Enter the email address or mobile number and password you signed up with"),
        )
    return render_template("accounts/family/sign_in.html", form=form)


@bp.route("/my-plan/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def family_sign_in_code() -> str | Response:
    """Step 2: the code we sent by text or email."""
    account = family_signin.account_waiting_for_code(session.get(PENDING))
    if account is None:
        return redirect(url_for("accounts.family_sign_in"))
    form = SentCodeForm()
    if form.validate_on_submit():
        try:
            result, tries = family_signin.confirm_sign_in_code(
                account, (form.code.data or ""), client_address()
            )
        except TooManyAttempts:
            show_error(form.code, too_many_attempts())
        else:
            if result is CodeCheck.ACCEPTED:
                family_signin.sign_in(account)
                return redirect(url_for(FAMILY_HOME))
            show_error(form.code, code_error(result, tries))
    return render_template(
        "accounts/family/sign_in_code.html",
        form=form,
        channel=family_signin.sign_in_channel(account),
    )


@bp.route("/my-plan/sign-out", methods=["GET", "POST"])
@allow(Role.FAMILY)
def family_sign_out() -> str | Response:
    """A page with a sign-out button; the POST signs out."""
    form = ContinueForm()
    if form.validate_on_submit():
        end_session()
        return redirect(url_for("accounts.signed_out"))
    return render_template("accounts/family/sign_out.html", form=form)
