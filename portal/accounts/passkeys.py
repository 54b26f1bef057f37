"""Passkeys (WebAuthn) for family members: add one when signed in, then sign in with it.

A passkey with user verification is two factors in one (the phone, and its PIN or fingerprint),
so it opens the plan on its own. Only the public key is kept; the challenge each ceremony signs
is kept by the caller (in the session) between the options and the answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

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

from portal.accounts.models import Account, Passkey
from portal.core.audit import AuditAction, record_audit, utcnow
from portal.extensions import db


@dataclass(frozen=True)
class RelyingParty:
    """This site as WebAuthn sees it: its host name, its name, and the origin browsers report."""

    id: str
    name: str
    origin: str


@dataclass(frozen=True)
class Ceremony:
    """Options for the browser (as JSON) and the challenge its answer must sign."""

    options_json: str
    challenge: bytes


def passkeys_of(account: Account) -> list[Passkey]:
    """The account's passkeys, oldest first."""
    return list(
        db.session.scalars(
            select(Passkey).where(Passkey.account_id == account.id).order_by(Passkey.id)
        )
    )


def registration_options(account: Account, party: RelyingParty) -> Ceremony:
    """The options for navigator.credentials.create(), leaving out passkeys already added."""
    existing = db.session.scalars(
        select(Passkey.credential_id).where(Passkey.account_id == account.id)
    ).all()
    options = generate_registration_options(
        rp_id=party.id,
        rp_name=party.name,
        user_id=account.public_id.encode(),
        user_name=account.email or account.mobile or account.display_name,
        user_display_name=account.display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=c) for c in existing],
    )
    return Ceremony(options_to_json(options), options.challenge)


def add_passkey(
    account: Account, credential: dict[str, Any], challenge: bytes, party: RelyingParty
) -> bool:
    """Check the new credential against the challenge and keep its public key; False if bad."""
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.id,
            expected_origin=party.origin,
            require_user_verification=True,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError):
        return False
    db.session.add(
        Passkey(
            account_id=account.id,
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
        )
    )
    record_audit(account, AuditAction.FAMILY_PASSKEY_ADDED, "account", account.public_id)
    db.session.commit()
    return True


def sign_in_options(party: RelyingParty) -> Ceremony:
    """The options for navigator.credentials.get(); any passkey for this site may answer."""
    options = generate_authentication_options(
        rp_id=party.id, user_verification=UserVerificationRequirement.REQUIRED
    )
    return Ceremony(options_to_json(options), options.challenge)


def account_for_passkey(
    credential: dict[str, Any], challenge: bytes, party: RelyingParty
) -> Account | None:
    """The active account whose passkey signed the challenge, else None; counts the use (the
    sign-in that follows commits it)."""
    try:
        raw_id = base64url_to_bytes(str(credential.get("rawId", "")))
    except ValueError:
        return None
    passkey = db.session.scalar(select(Passkey).where(Passkey.credential_id == raw_id))
    account = db.session.get(Account, passkey.account_id) if passkey else None
    if passkey is None or account is None or not account.active:
        return None
    try:
        verified = verify_authentication_response(
            credential=json.dumps(credential),
            expected_challenge=challenge,
            expected_rp_id=party.id,
            expected_origin=party.origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError):
        return None
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    return account
