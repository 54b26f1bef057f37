"""Signing out, staying signed in, and the idle check; init_accounts wires them into the app."""

from __future__ import annotations

from flask import Flask, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from portal.accounts import current
from portal.accounts.forms import SignOutForm
from portal.accounts.models import Account
from portal.accounts.sessions import account_for_session, end_session, still_active
from portal.accounts.views.blueprint import ALL_SIGNED_IN, bp
from portal.core.access import allow, public
from portal.extensions import login_manager


@bp.route("/sign-out", methods=["GET", "POST"])
@allow(*ALL_SIGNED_IN)
def sign_out_page() -> str | Response:
    """A page with a sign-out button; the POST signs out."""
    form = SignOutForm()
    if form.validate_on_submit():
        end_session()
        return redirect(url_for("accounts.signed_out"))
    return render_template("accounts/sign_out.html", form=form, area="practitioners")


@bp.route("/signed-out")
@public
def signed_out() -> str:
    """Confirmation that the person is signed out, and why."""
    return render_template("accounts/signed_out.html", idle=request.args.get("reason") == "idle")


@bp.route("/session/keep-alive", methods=["POST"])
@allow(*ALL_SIGNED_IN)
def keep_alive() -> Response:
    """The idle warning's "stay signed in" button: counts as activity."""
    return Response(status=204)


def sign_out_when_idle() -> Response | None:
    """before_request: end a signed-in session that has been idle too long."""
    if request.endpoint == "static" or current.signed_in_account() is None:
        return None
    if still_active():
        return None
    return redirect(url_for("accounts.signed_out", reason="idle"))


def load_account(public_id: str) -> Account | None:
    """Flask-Login: the account behind the cookie, while its session is live on the server."""
    return account_for_session(public_id)


def init_accounts(app: Flask) -> None:
    """Wire Flask-Login and the idle check."""
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_account)
    app.before_request(sign_out_when_idle)
    app.register_blueprint(bp)
