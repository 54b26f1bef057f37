"""Passkey pages and the JSON the browser's WebAuthn calls exchange with them.

Without JavaScript the password-and-code route still works; these endpoints serve
static/passkeys.js.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, jsonify, render_template, request, session, url_for
from werkzeug.wrappers import Response

from portal.accounts import current, family_signin
from portal.accounts import passkeys as passkey_service
from portal.accounts.forms import ContinueForm
from portal.accounts.views.blueprint import FAMILY_HOME, bp, sign_in_limit
from portal.core.access import Role, allow, public
from portal.core.request_input import json_object_body
from portal.core.site import site_settings
from portal.extensions import limiter

REGISTER_CHALLENGE = "plans_passkey_register"
SIGN_IN_CHALLENGE = "plans_passkey_sign_in"


def relying_party() -> passkey_service.RelyingParty:
    """This site as WebAuthn sees it; PASSKEY_ORIGIN wins over the address of this request."""
    origin = current_app.config.get("PASSKEY_ORIGIN") or request.host_url.rstrip("/")
    host = urlsplit(origin).hostname or "localhost"
    return passkey_service.RelyingParty(id=host, name=site_settings().service_name, origin=origin)


def refused() -> tuple[Response, int]:
    """What the script gets when a passkey ceremony fails: it then offers the password."""
    return jsonify({"ok": False}), 400


@bp.route("/my-plan/passkeys")
@allow(Role.FAMILY)
def passkeys() -> str:
    """The passkeys on this account, and a button to add one."""
    rows = passkey_service.passkeys_of(current.family_account())
    return render_template("accounts/family/passkeys.html", passkeys=rows, form=ContinueForm())


@bp.route("/my-plan/passkeys/options", methods=["POST"])
@allow(Role.FAMILY)
def passkey_register_options() -> Response:
    """The options for navigator.credentials.create()."""
    ceremony = passkey_service.registration_options(current.family_account(), relying_party())
    session[REGISTER_CHALLENGE] = ceremony.challenge.hex()
    return Response(ceremony.options_json, mimetype="application/json")


@bp.route("/my-plan/passkeys/verify", methods=["POST"])
@allow(Role.FAMILY)
def passkey_register_verify() -> Response | tuple[Response, int]:
    """Check the new credential and keep its public key."""
    challenge = session.pop(REGISTER_CHALLENGE, None)
    credential = json_object_body()
    if challenge is None or credential is None:
        return refused()
    account = current.family_account()
    if not passkey_service.add_passkey(
        account, credential, bytes.fromhex(challenge), relying_party()
    ):
        return refused()
    return jsonify({"ok": True, "next": url_for("accounts.passkeys", added=1)})


@bp.route("/my-plan/sign-in/passkey/options", methods=["POST"])
@public
@limiter.limit(sign_in_limit)
def passkey_sign_in_options() -> Response:
    """The options for navigator.credentials.get(); any passkey for this site may answer."""
    ceremony = passkey_service.sign_in_options(relying_party())
    session[SIGN_IN_CHALLENGE] = ceremony.challenge.hex()
    return Response(ceremony.options_json, mimetype="application/json")


@bp.route("/my-plan/sign-in/passkey/verify", methods=["POST"])
@public
@limiter.limit(sign_in_limit)
def passkey_sign_in_verify() -> Response | tuple[Response, int]:
    """Check the signed challenge against the stored public key, then sign in."""
    challenge = session.pop(SIGN_IN_CHALLENGE, None)
    credential = json_object_body()
    if challenge is None or credential is None:
        return refused()
    account = passkey_service.account_for_passkey(
        credential, bytes.fromhex(challenge), relying_party()
    )
    if account is None:
        return refused()
    family_signin.sign_in(account)
    return jsonify({"ok": True, "next": url_for(FAMILY_HOME)})
