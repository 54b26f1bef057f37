"""Partner registration pages: work email, emailed code, password, authenticator app."""

from __future__ import annotations

import segno
from flask import abort, current_app, redirect, render_template, session, url_for
from flask_babel import get_locale, gettext
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.accounts.models import password_hasher
from portal.accounts.totp import matching_counter, new_totp_secret, provisioning_uri
from portal.core.access import public
from portal.core.notify import message_locale, queue_email
from portal.core.site import site_settings
from portal.extensions import db, limiter
from portal.referrals import registration as logic
from portal.referrals.blueprint import bp
from portal.referrals.forms import CodeForm, PasswordForm, RegisterForm
from portal.referrals.models import PartnerRegistration

SESSION_KEY = "partner_registration"


def _registration_or_404(public_id: str) -> PartnerRegistration:
    """The registration this browser started (a link alone is not enough)."""
    if session.get(SESSION_KEY) != public_id:
        abort(404)
    registration = db.session.scalar(
        select(PartnerRegistration).where(PartnerRegistration.public_id == public_id)
    )
    if registration is None or registration.account_id is not None:
        abort(404)
    return registration


@bp.route("/partners/register", methods=["GET", "POST"])
@public
@limiter.limit("10 per hour", methods=["POST"])
def register() -> str | Response:
    """Step 1: name, organisation and a work email on the council's list of domains."""
    form = RegisterForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip()
        if not (form.display_name.data or "").strip():
            form.display_name.errors = [gettext("Enter your full name")]
        if not (form.organisation.data or "").strip():
            form.organisation.errors = [gettext("Enter where you work")]
        if not logic.looks_like_email(email):
            form.email.errors = [
                gettext("Enter an email address in the right format, like name@school.sch.uk")
            ]
        elif not logic.email_domain_allowed(email, site_settings().partner_email_domains):
            form.email.errors = [
                gettext(
                    "Use your work email address. Ask the front door if your work is not listed."
                )
            ]
        if not form.errors:
            registration, code = logic.start_registration(
                email, form.display_name.data, form.organisation.data
            )
            # The person registering is reading this page: write to them in its language.
            page_language = message_locale(str(get_locale() or "en"))
            if logic.email_taken(email):
                # Same page either way, so the form does not reveal who has an account.
                sign_in_url = url_for("accounts.sign_in", _external=True)
                queue_email(
                    email,
                    lambda: gettext("You already have an account"),
                    lambda: gettext(
                        "Someone tried to register with this email. You already have an account: "
                        "sign in at %(url)s",
                        url=sign_in_url,
                    ),
                    locale=page_language,
                )
            else:
                confirm_url = url_for(
                    "referrals.confirm_email", public_id=registration.public_id, _external=True
                )
                queue_email(
                    email,
                    lambda: gettext("Your code to register"),
                    lambda: gettext(
                        "Your code is %(code)s. It works for 30 minutes. Enter it at %(url)s",
                        code=code,
                        url=confirm_url,
                    ),
                    locale=page_language,
                )
            db.session.commit()
            session[SESSION_KEY] = registration.public_id
            return redirect(url_for("referrals.confirm_email", public_id=registration.public_id))
    return render_template(
        "referrals/register/start.html", form=form, domains=site_settings().partner_email_domains
    )


@bp.route("/partners/register/<public_id>/confirm", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def confirm_email(public_id: str) -> str | Response:
    """Step 2: the code from the email proves the address is theirs."""
    registration = _registration_or_404(public_id)
    if registration.confirmed_at:
        return redirect(url_for("referrals.set_password", public_id=public_id))
    form = CodeForm()
    if form.validate_on_submit():
        problem = logic.check_code(registration, form.code.data or "")
        db.session.commit()
        if problem is None:
            return redirect(url_for("referrals.set_password", public_id=public_id))
        form.code.errors = [
            {
                "expired": gettext("The code has expired. Start again to get a new code."),
                "locked": gettext("Too many wrong codes. Start again to get a new code."),
                "wrong": gettext("The code is not right. Check the email and try again."),
            }[problem]
        ]
    return render_template("referrals/register/confirm.html", form=form, email=registration.email)


@bp.route("/partners/register/<public_id>/password", methods=["GET", "POST"])
@public
def set_password(public_id: str) -> str | Response:
    """Step 3: a password of at least 12 characters."""
    registration = _registration_or_404(public_id)
    if not registration.confirmed_at:
        return redirect(url_for("referrals.confirm_email", public_id=public_id))
    form = PasswordForm()
    if form.validate_on_submit():
        password = form.password.data or ""
        if len(password) < logic.MIN_PASSWORD_LENGTH:
            form.password.errors = [gettext("Password must be 12 characters or more")]
        elif password != form.confirm.data:
            form.confirm.errors = [gettext("The passwords do not match")]
        else:
            registration.password_hash = password_hasher().hash(password)
            registration.totp_secret = registration.totp_secret or new_totp_secret()
            db.session.commit()
            return redirect(url_for("referrals.set_up_authenticator", public_id=public_id))
    return render_template("referrals/register/password.html", form=form)


@bp.route("/partners/register/<public_id>/authenticator", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def set_up_authenticator(public_id: str) -> str | Response:
    """Step 4: add the account to an authenticator app and prove it with a code."""
    registration = _registration_or_404(public_id)
    if not (registration.password_hash and registration.totp_secret):
        return redirect(url_for("referrals.set_password", public_id=public_id))
    form = CodeForm()
    form.code.label.text = gettext("Code from your authenticator app")
    form.code.description = gettext("The 6 numbers the app shows now")
    if form.validate_on_submit():
        if matching_counter(registration.totp_secret, form.code.data or "", None) is None:
            form.code.errors = [
                gettext("The code is not right. Enter the latest code from the app.")
            ]
        else:
            logic.finish_registration(registration)
            db.session.commit()
            session.pop(SESSION_KEY, None)
            return render_template("referrals/register/done.html")
    uri = provisioning_uri(
        registration.totp_secret, registration.email, current_app.config["TOTP_ISSUER"]
    )
    # segno writes the SVG itself from the URI; nothing a person typed goes into it.
    qr_svg = Markup(segno.make(uri, error="m").svg_inline(scale=4))  # noqa: S704
    return render_template(
        "referrals/register/authenticator.html",
        form=form,
        qr_svg=qr_svg,
        secret=" ".join(registration.totp_secret[i : i + 4] for i in range(0, 32, 4)),
    )
