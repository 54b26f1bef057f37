"""Messages wait in the outbox until sent; nothing is lost when Notify is down."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import gettext, lazy_gettext
from sqlalchemy import select

from portal.core.notify import OutboxMessage, queue_email, queue_sms, send_pending
from portal.extensions import db


def test_without_a_key_messages_are_logged_and_shown(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        queue_email(
            "carer@example.com",
            lambda: "Your code",
            lambda: "Your code is 123456",
            locale="en",
        )
        queue_sms("07700900123", lambda: "Your code is 654321", locale="en")
        db.session.commit()
        assert send_pending() == (2, 0)
        statuses = {m.status for m in db.session.scalars(select(OutboxMessage))}
    assert statuses == {"logged"}
    page = client.get("/dev/outbox").get_data(as_text=True)
    assert "Your code is 654321" in page and "carer@example.com" in page


def test_notify_down_keeps_the_message_for_a_retry(app: Flask) -> None:
    # A real client against a port where nothing listens: the send fails for real.
    app.config["NOTIFY_API_KEY"] = (
        "test-"
        + "11111111-1111-1111-1111-111111111111"
        + "-"
        + ("22222222-2222-2222-2222-222222222222")
    )
    app.config["NOTIFY_BASE_URL"] = "http://127.0.0.1:9"
    with app.app_context():
        queue_email("carer@example.com", lambda: "Subject", lambda: "Body", locale="en")
        db.session.commit()
        assert send_pending() == (0, 1)
        assert send_pending() == (0, 1)
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == "failed" and message.attempts == 2
        assert message.last_error


def test_the_outbox_page_is_hidden_unless_switched_on(app: Flask, client: FlaskClient) -> None:
    app.config["SHOW_DEV_OUTBOX"] = False
    assert client.get("/dev/outbox").status_code == 404


def test_messages_are_written_in_the_recipients_language(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        email = queue_email(
            "rodzina@example.com",
            lazy_gettext("See your family's plan"),
            lambda: gettext("Sign in to read and answer it: %(url)s", url="https://x.example/a"),
            locale="pl",
        )
        assert email.subject == "Zobacz plan swojej rodziny"
        assert email.body == "Zaloguj się, aby przeczytać i odpowiedzieć: https://x.example/a"


def test_words_already_written_are_refused(app: Flask) -> None:
    with app.test_request_context("/"), pytest.raises(TypeError):
        queue_sms("07700900123", gettext("Your code"), locale="pl")
