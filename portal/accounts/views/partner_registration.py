"""Partner registration pages: work email, emailed code, password, authenticator app."""

from __future__ import annotations

import segno
from flask import abort, current_app, redirect, render_template, session, url_for
from flask_babel import get_locale, gettext
from markupsafe import Markup
from werkzeug.wrappers import Response

from portal.accounts import partner_registration as registering
from portal.accounts.forms import PartnerCodeForm, PartnerDetailsForm, PartnerPasswordForm
from portal.accounts.models import PartnerRegistration
from portal.accounts.passwords import password_problem
from portal.accounts.throttle import TooManyAttempts
from portal.accounts.totp import provisioning_uri
from portal.accounts.views.blueprint import bp, client_address, too_many_attempts
from portal.core.access import public
from portal.core.notify import message_locale
from portal.core.security import no_store
from portal.core.site import site_settings
from portal.extensions import limiter

SESSION_KEY = "partner_registration"


def _registration_or_404(public_id: str) -> PartnerRegistration:
    """The registration this browser started (a link alone is not enough)."""
    if session.get(SESSION_KEY) != public_id:
        abort(404)
    registration = registering.registration_in_progress(public_id)
    if registration is None:
        abort(404)
    return registration


@bp.route("/partners/register", methods=["GET", "POST"])
@public
@limiter.limit("10 per hour", methods=["POST"])
def partner_register() -> str | Response:
    """Step 1: name, organisation and a work email on the council's list of domains."""
    form = PartnerDetailsForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip()
        if not (form.display_name.data or "").strip():
            form.display_name.errors = [gettext("Enter your full name")]
        if not (form.organisation.data or "").strip():
            form.organisation.errors = [gettext("Enter where you work")]
        if not registering.looks_like_email(email):
            form.email.errors = [
                gettext("Enter an email address in the right format, like name@school.sch.uk")
            ]
        elif not registering.email_domain_allowed(email, site_settings().partner_email_domains):
            form.email.errors = [
                gettext(
                    "Use your work email address. Ask the front door if your work is not listed."
                )
            ]
        if not form.errors:
            # The person registering is reading this page: write to them in its language.
            registration = registering.start_registration(
                email,
                (form.display_name.data or ""),
                (form.organisation.data or ""),
                locale=message_locale(str(get_locale() or "en")),
            )
            session[SESSION_KEY] = registration.public_id
            return redirect(
                url_for("accounts.partner_confirm_email", public_id=registration.public_id)
            )
    return render_template(
        "accounts/partner_registration/start.html",
        form=form,
        domains=site_settings().partner_email_domains,
    )


@bp.route("/partners/register/<public_id>/confirm", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def partner_confirm_email(public_id: str) -> str | Response:
    """Step 2: the code from the email proves the address is theirs."""
    registration = _registration_or_404(public_id)
    if registration.confirmed_at:
        return redirect(url_for("accounts.partner_set_password", public_id=public_id))
    form = PartnerCodeForm()
    if form.validate_on_submit():
        try:
            problem = registering.confirm_email(
                registration, form.code.data or "", client_address()
            )
        except TooManyAttempts:
            form.code.errors = [too_many_attempts()]
        else:
            if problem is None:
                return redirect(url_for("accounts.partner_set_password", public_id=public_id))
            form.code.errors = [
                {
                    "expired": gettext("The code has expired. Start again to get a new code."),
                    "locked": gettext("Too many wrong codes. Start again to get a new code."),
                    "wrong": gettext("The code is not right. Check the email and try again."),
                }[problem]
            ]
    return render_template(
        "accounts/partner_registration/confirm.html", form=form, email=registration.email
    )


@bp.route("/partners/register/<public_id>/password", methods=["GET", "POST"])
@public
def partner_set_password(public_id: str) -> str | Response:
    """Step 3: a password of at least 12 characters."""
    registration = _registration_or_404(public_id)
    if not registration.confirmed_at:
        return redirect(url_for("accounts.partner_confirm_email", public_id=public_id))
    form = PartnerPasswordForm()
    if form.validate_on_submit():
        password = form.password.data or ""
        if len(password) < registering.MIN_PASSWORD_LENGTH:
            form.password.errors = [gettext("Password must be 12 characters or more")]
        elif problem := password_problem(
            password,
            (registration.email, registration.display_name, registration.organisation_name),
        ):
            form.password.errors = [problem]
        elif password != form.confirm.data:
            form.confirm.errors = [gettext("The passwords do not match")]
        else:
            registering.choose_password(registration, password)
            return redirect(url_for("accounts.partner_set_up_authenticator", public_id=public_id))
    return render_template("accounts/partner_registration/password.html", form=form)


@bp.route("/partners/register/<public_id>/authenticator", methods=["GET", "POST"])
@public
@no_store
@limiter.limit("20 per hour", methods=["POST"])
def partner_set_up_authenticator(public_id: str) -> str | Response:
    """Step 4: add the account to an authenticator app and prove it with a code."""
    registration = _registration_or_404(public_id)
    if not (registration.password_hash and registration.totp_secret):
        return redirect(url_for("accounts.partner_set_password", public_id=public_id))
    form = PartnerCodeForm()
    form.code.label.text = gettext("Code from your authenticator app")
    form.code.description = gettext("The 6 numbers the app shows now")
    if form.validate_on_submit():
        finished = registering.finish_registration(registration, form.code.data or "")
        if finished is registering.Finish.ALREADY_MADE:  # a double click: the first made it
            session.pop(SESSION_KEY, None)
            return redirect(url_for("accounts.sign_in"))
        if finished is registering.Finish.MADE:
            session.pop(SESSION_KEY, None)
            return render_template("accounts/partner_registration/done.html")
        form.code.errors = [gettext("The code is not right. Enter the latest code from the app.")]
    secret = registration.totp_secret
    uri = provisioning_uri(secret, registration.email, current_app.config["TOTP_ISSUER"])
    # segno writes the SVG itself from the URI; nothing a person typed goes into it.
    qr_svg = Markup(segno.make(uri, error="m").svg_inline(scale=4))  # noqa: S704
    return render_template(
        "accounts/partner_registration/authenticator.html",
        form=form,
        qr_svg=qr_svg,
        secret=" ".join(secret[i : i + 4] for i in range(0, 32, 4)),
    )
