"""The outbox: email and SMS are queued in the database, then sent through GOV.UK Notify."""

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TypeAlias

import click
from flask import Blueprint, Flask, abort, current_app, render_template
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from notifications_python_client.notifications import NotificationsAPIClient
from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.access import public
from portal.core.audit import utcnow
from portal.core.enums import stored_as_text
from portal.core.i18n import LANGUAGES
from portal.core.ids import new_public_id
from portal.core.security import no_store
from portal.extensions import Model, db

MAX_ATTEMPTS = 8


class OutboxStatus(StrEnum):
    """Where a queued message is. The values are the strings stored in ``outbox_messages``."""

    PENDING = "pending"  # waiting for `flask outbox send`
    FAILED = "failed"  # Notify refused it or could not be reached; tried again later
    SENT = "sent"  # Notify accepted it
    LOGGED = "logged"  # no Notify key here (a laptop, the tests): written to the log instead


class OutboxMessage(Model):
    """One email or text message, kept until sent; failures are retried."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    channel: Mapped[str] = mapped_column(String(10))  # "email" or "sms"
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[OutboxStatus] = mapped_column(
        stored_as_text(OutboxStatus, 10), default=OutboxStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# The words of a message, written when called: `lambda: gettext(...)` or a lazy_gettext string.
# A ready-made str is refused, because it was written in whatever language the sender's page had.
MessageText: TypeAlias = Callable[[], str] | LazyString


def message_locale(recorded: str | None, fallback: str = "en") -> str:
    """The language to write to someone in: their recorded one if we speak it, else `fallback`."""
    for code in (recorded, fallback):
        if code and code.split("_")[0] in LANGUAGES:
            return code.split("_")[0]
    return "en"


def _write(text: MessageText, locale: str) -> str:
    if not (isinstance(text, LazyString) or callable(text)):
        raise TypeError(
            "Pass the message's words as a function (lambda: gettext(...)) or lazy_gettext, "
            "so they are written in the recipient's language"
        )
    with force_locale(locale):
        return str(text) if isinstance(text, LazyString) else text()


def queue_email(
    to: str,
    subject: MessageText,
    body: MessageText,
    *,
    locale: str,
    reference: str | None = None,
) -> OutboxMessage:
    """Queue an email written in the recipient's `locale`; the caller commits it."""
    message = OutboxMessage(
        channel="email",
        recipient=to,
        subject=_write(subject, locale),
        body=_write(body, locale),
        reference=reference,
    )
    db.session.add(message)
    return message


def queue_sms(
    to: str, body: MessageText, *, locale: str, reference: str | None = None
) -> OutboxMessage:
    """Queue a text message written in the recipient's `locale`; the caller commits it."""
    message = OutboxMessage(
        channel="sms", recipient=to, body=_write(body, locale), reference=reference
    )
    db.session.add(message)
    return message


def _deliver(client: NotificationsAPIClient | None, message: OutboxMessage) -> None:
    config = current_app.config
    if client is None:
        # No Notify key: the demo works offline and the message is visible in the log.
        current_app.logger.info(
            "Outbox (not sent, no NOTIFY_API_KEY) %s to %s: %s %s",
            message.channel,
            message.recipient,
            message.subject,
            message.body,
        )
        return
    personalisation = {"subject": message.subject, "body": message.body}
    if message.channel == "email":
        client.send_email_notification(
            email_address=message.recipient,
            template_id=config["NOTIFY_EMAIL_TEMPLATE_ID"],
            personalisation=personalisation,
            reference=message.public_id,
        )
    else:
        client.send_sms_notification(
            phone_number=message.recipient,
            template_id=config["NOTIFY_SMS_TEMPLATE_ID"],
            personalisation=personalisation,
            reference=message.public_id,
        )


def send_pending() -> tuple[int, int]:
    """Send every pending message once; return (sent, failed). Failures stay for a retry."""
    key = current_app.config["NOTIFY_API_KEY"]
    client = (
        NotificationsAPIClient(key, base_url=current_app.config["NOTIFY_BASE_URL"]) if key else None
    )
    pending = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.FAILED]))
        .where(OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)
    ).all()
    sent = failed = 0
    for message in pending:
        message.attempts += 1
        try:
            _deliver(client, message)
        except Exception as error:  # Notify or the network is down: keep it and retry later.
            message.status = OutboxStatus.FAILED
            message.last_error = str(error)[:2000]
            failed += 1
        else:
            message.status = OutboxStatus.SENT if client else OutboxStatus.LOGGED
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        db.session.commit()
    return sent, failed


bp = Blueprint("outbox", __name__)


@bp.route("/dev/outbox")
@public
@no_store
def dev_outbox() -> str:
    """Development only: the messages the portal would have sent, newest first."""
    if not current_app.config["SHOW_DEV_OUTBOX"]:
        abort(404)
    messages = db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(50)
    ).all()
    return render_template("core/dev_outbox.html", messages=messages)


# AppGroup gives each command an application context, under `flask` and in tests alike.
outbox_cli = AppGroup("outbox", help="Send queued email and text messages.")


@outbox_cli.command("send")
def send_command() -> None:
    """Send what is pending and retry failures."""
    sent, failed = send_pending()
    click.echo(f"sent {sent}, failed {failed}")


def init_outbox(app: Flask) -> None:
    """Register the outbox page and command."""
    app.register_blueprint(bp)
    app.cli.add_command(outbox_cli)
