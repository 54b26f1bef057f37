"""Passkeys (WebAuthn) for family members: add one when signed in, then sign in with it.

A passkey with user verification is two factors in one (the phone, and its PIN or fingerprint),
so it opens the plan on its own. Without JavaScript the password-and-code route still works.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, jsonify, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)
from werkzeug.wrappers import Response

from portal.accounts.models import Account
from portal.core.access import Role, allow, public
from portal.core.audit import record_audit, utcnow
from portal.core.request_input import json_object_body
from portal.core.site import site_settings
from portal.extensions import db, limiter
from portal.plans.forms import ConfirmForm
from portal.plans.models import Passkey
from portal.plans.views.blueprint import bp
from portal.plans.views.signin import code_limit, sign_in_account

REGISTER_CHALLENGE = "plans_passkey_register"
SIGN_IN_CHALLENGE = "plans_passkey_sign_in"


def relying_party() -> tuple[str, str]:
    """The relying party id (the host name) and the origin the browser will report."""
    origin = current_app.config.get("PASSKEY_ORIGIN") or request.host_url.rstrip("/")
    return urlsplit(origin).hostname or "localhost", origin


def _credential_json() -> dict[str, Any] | None:
    return json_object_body()


@bp.route("/my-plan/passkeys")
@allow(Role.FAMILY)
def passkeys() -> str:
    """The passkeys on this account, and a button to add one."""
    rows = db.session.scalars(
        select(Passkey).where(Passkey.account_id == current_user.id).order_by(Passkey.id)
    ).all()
    return render_template("plans/family/passkeys.html", passkeys=rows, form=ConfirmForm())


@bp.route("/my-plan/passkeys/options", methods=["POST"])
@allow(Role.FAMILY)
def passkey_register_options() -> Response:
    """The options for navigator.credentials.create()."""
    rp_id, _ = relying_party()
    existing = db.session.scalars(
        select(Passkey.credential_id).where(Passkey.account_id == current_user.id)
    ).all()
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=site_settings().service_name,
        user_id=current_user.public_id.encode(),
        user_name=current_user.email or current_user.mobile or current_user.display_name,
        user_display_name=current_user.display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=c) for c in existing],
    )
    session[REGISTER_CHALLENGE] = options.challenge.hex()
    return Response(options_to_json(options), mimetype="application/json")


@bp.route("/my-plan/passkeys/verify", methods=["POST"])
@allow(Role.FAMILY)
def passkey_register_verify() -> Response:
    """Check the new credential and keep its public key."""
    challenge = session.pop(REGISTER_CHALLENGE, None)
    credential = _credential_json()
    if challenge is None or credential is None:
        return jsonify({"ok": False}), 400
    rp_id, origin = relying_party()
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=bytes.fromhex(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError):
        return jsonify({"ok": False}), 400
    db.session.add(
        Passkey(
            account_id=current_user.id,
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
        )
    )
    record_audit(current_user, "family.passkey_added", "account", current_user.public_id)
    db.session.commit()
    return jsonify({"ok": True, "next": url_for("plans.passkeys", added=1)})


@bp.route("/my-plan/sign-in/passkey/options", methods=["POST"])
@public
@limiter.limit(code_limit)
def passkey_sign_in_options() -> Response:
    """The options for navigator.credentials.get(); any passkey for this site may answer."""
    rp_id, _ = relying_party()
    options = generate_authentication_options(
        rp_id=rp_id, user_verification=UserVerificationRequirement.REQUIRED
    )
    session[SIGN_IN_CHALLENGE] = options.challenge.hex()
    return Response(options_to_json(options), mimetype="application/json")


@bp.route("/my-plan/sign-in/passkey/verify", methods=["POST"])
@public
@limiter.limit(code_limit)
def passkey_sign_in_verify() -> Response:
    """Check the signed challenge against the stored public key, then sign in."""
    challenge = session.pop(SIGN_IN_CHALLENGE, None)
    credential = _credential_json()
    if challenge is None or credential is None:
        return jsonify({"ok": False}), 400
    try:
        raw_id = base64url_to_bytes(str(credential.get("rawId", "")))
    except ValueError:
        return jsonify({"ok": False}), 400
    passkey = db.session.scalar(select(Passkey).where(Passkey.credential_id == raw_id))
    account = db.session.get(Account, passkey.account_id) if passkey else None
    if passkey is None or account is None or not account.active:
        return jsonify({"ok": False}), 400
    rp_id, origin = relying_party()
    try:
        verified = verify_authentication_response(
            credential=json.dumps(credential),
            expected_challenge=bytes.fromhex(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError):
        return jsonify({"ok": False}), 400
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    sign_in_account(account)
    return jsonify({"ok": True, "next": url_for("plans.my_plan")})
