"""Signed-in sessions: begun once every factor is shown, ended on the server as well as the cookie.

Each sign-in makes a SignedInSession row; the cookie holds a random token whose hash names the
row. Flask-Login's user loader asks for the account *and* a live row in one indexed query, so a
cookie stops working as soon as its row is ended: by signing out, by a change of password or
authenticator, by deactivating the account, or by reaching the absolute lifetime
(SESSION_ABSOLUTE_LIFETIME, 12 hours by default). The idle timeout stays in the signed cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, g, session
from flask_babel import get_locale
from flask_login import login_user, logout_user
from sqlalchemy import event, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from portal.accounts.models import Account, SignedInSession
from portal.core.audit import utcnow
from portal.extensions import db

LAST_ACTIVE = "last_active"
SESSION_TOKEN = "session_token"  # noqa: S105 (the session key that holds it, not a token)
# last_seen_at is for people reading the table (which sessions are in use), not for the idle
# check, so it is written at most once a minute rather than on every request.
LAST_SEEN_EVERY = timedelta(minutes=1)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin_session(account: Account) -> None:
    """A fresh session for the person who has just signed in; committed, with whatever the
    sign-in wrote before it (its audit event), as one transaction."""
    _end_this_session()  # a sign-in over an older one in the same browser ends the older one
    session.clear()  # nothing from before sign-in carries over
    login_user(account)
    session.permanent = True
    session[LAST_ACTIVE] = utcnow().timestamp()
    session[SESSION_TOKEN] = new_session_record(account.id)
    # Messages to them (a referral's outcome, a plan's new version) go in the language they use.
    account.locale = str(get_locale() or "en")
    db.session.commit()


def new_session_record(account_id: int) -> str:
    """Record a new session for the account; returns the token its cookie keeps (caller commits)."""
    token = secrets.token_urlsafe(32)
    db.session.add(SignedInSession(token_hash=_token_hash(token), account_id=account_id))
    return token


def end_session() -> None:
    """Sign out: end this session on the server, then forget everything in the cookie."""
    _end_this_session()
    db.session.commit()
    logout_user()
    session.clear()


def _end_this_session() -> None:
    token = session.get(SESSION_TOKEN)
    if token:
        db.session.execute(
            update(SignedInSession)
            .where(SignedInSession.token_hash == _token_hash(token))
            .where(SignedInSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def end_every_session(account_id: int, connection: Connection | None = None) -> None:
    """End every session of this account at once (the caller commits)."""
    statement = (
        update(SignedInSession)
        .where(SignedInSession.account_id == account_id)
        .where(SignedInSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    if connection is None:
        db.session.execute(statement)
    else:
        connection.execute(statement)


def absolute_lifetime() -> timedelta:
    """How long a session may last however active it is (SESSION_ABSOLUTE_LIFETIME)."""
    lifetime: timedelta = current_app.config["SESSION_ABSOLUTE_LIFETIME"]
    return lifetime


def account_for_session(public_id: str) -> Account | None:
    """Flask-Login's user loader: the account, if this cookie's session is still live on the server.

    One query: the account joined to its unended, young-enough session row (by unique hash).
    """
    token = session.get(SESSION_TOKEN)
    if not public_id or not token:
        return None
    now = utcnow()
    found = db.session.execute(
        select(Account, SignedInSession)
        .join(SignedInSession, SignedInSession.account_id == Account.id)
        .where(
            SignedInSession.token_hash == _token_hash(token),
            SignedInSession.ended_at.is_(None),
            SignedInSession.created_at > now - absolute_lifetime(),
            Account.public_id == public_id,
        )
    ).first()
    if found is None:
        session.clear()  # the server has ended it: the cookie is just a signed-out one now
        return None
    account, signed_in = found
    g.signed_in_session = signed_in
    return account


def still_active() -> bool:
    """Count this request as activity, unless the session has been idle too long (then end it)."""
    now = utcnow()
    limit: timedelta = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if now.timestamp() - session.get(LAST_ACTIVE, now.timestamp()) > limit.total_seconds():
        end_session()
        return False
    session[LAST_ACTIVE] = now.timestamp()
    _note_seen(now)
    return True


def _note_seen(now: datetime) -> None:
    signed_in: SignedInSession | None = g.get("signed_in_session")
    if signed_in is None:
        return
    last_seen = signed_in.last_seen_at
    if last_seen.tzinfo is None:  # SQLite hands back naive UTC
        last_seen = last_seen.replace(tzinfo=now.tzinfo)
    if now - last_seen >= LAST_SEEN_EVERY:
        # Before the view runs, so this commit carries nothing but the one update.
        signed_in.last_seen_at = now
        db.session.commit()


# A credential change ends every session, whatever code makes it (an admin page, a command, a
# script): the check sits on the columns, not in each place that writes them.
_CREDENTIALS = ("password_hash", "totp_secret")


def _credentials_changed(account: Account) -> bool:
    state = inspect(account)
    for name in _CREDENTIALS:
        history = state.attrs[name].history
        if history.has_changes() and any(old is not None for old in history.deleted):
            return True
    active = state.attrs["active"].history
    return active.has_changes() and account.active is False


@event.listens_for(Session, "before_flush")
def _end_sessions_on_credential_change(flushing: Session, *_: object) -> None:
    """Before a password, an authenticator or an account's active flag changes, end its sessions."""
    for instance in flushing.dirty:
        if isinstance(instance, Account) and instance.id and _credentials_changed(instance):
            end_every_session(instance.id, flushing.connection())
