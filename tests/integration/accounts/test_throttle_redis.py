"""The throttle's counts in Redis, and sign-in when Redis has gone away."""

import uuid
from pathlib import Path

import redis
from sqlalchemy import select

from portal import create_app
from portal.accounts.throttle import SignInThrottle
from portal.core.access import Role
from portal.extensions import db, limiter
from tests.conftest import TEST_PASSWORD, account_factory, config_for_tests, post_form
from tests.databases import migrate_to_head
from tests.pages import CheckedClient

LOCKED = "There have been too many attempts to sign in"
SHARED_REDIS = "redis://127.0.0.1:6379/0"
NOTHING_LISTENS = "redis://127.0.0.1:6391/0"  # no Redis on this port: a Redis that is down


def sign_in_page(client, email: str, password: str):
    return post_form(client, "/sign-in", {"email": email, "password": password})


def test_counts_live_in_redis_when_it_is_configured(app, make_account):
    prefix = f"test-guesses-{uuid.uuid4().hex}:"
    app.config["SIGN_IN_THROTTLE_STORAGE_URI"] = SHARED_REDIS
    app.config["SIGN_IN_THROTTLE_KEY_PREFIX"] = prefix
    store = redis.Redis.from_url(SHARED_REDIS)
    account = make_account([Role.FRONT_DOOR])
    client = app.test_client()
    try:
        for _ in range(5):
            assert LOCKED not in sign_in_page(client, account.email, "wrong").get_data(as_text=True)
        assert LOCKED in sign_in_page(client, account.email, TEST_PASSWORD).get_data(as_text=True)
        assert store.exists(f"{prefix}account:{account.public_id}:locked")
        with app.app_context():
            assert db.session.scalar(select(SignInThrottle)) is None, "nothing in the database"
        result = app.test_cli_runner().invoke(args=["accounts", "unlock", account.email])
        assert result.exit_code == 0
        assert not store.exists(f"{prefix}account:{account.public_id}:locked")
        assert sign_in_page(client, account.email, TEST_PASSWORD).status_code == 302
    finally:
        keys = list(store.scan_iter(f"{prefix}*"))
        if keys:
            store.delete(*keys)


def test_sign_in_works_and_still_locks_when_redis_is_down(tmp_path: Path) -> None:
    config = config_for_tests(f"sqlite:///{tmp_path / 'down.sqlite3'}", tmp_path)
    config["RATELIMIT_STORAGE_URI"] = NOTHING_LISTENS  # the rate limit and the throttle
    application = create_app(config)
    application.test_client_class = CheckedClient
    migrate_to_head(application)
    try:
        account = account_factory(application)([Role.FRONT_DOOR])
        client = application.test_client()
        for _ in range(5):
            response = sign_in_page(client, account.email, "wrong")
            assert response.status_code == 200, "not a 500"
            assert LOCKED not in response.get_data(as_text=True)
        response = sign_in_page(client, account.email, TEST_PASSWORD)
        assert response.status_code == 200 and LOCKED in response.get_data(as_text=True)
        with application.app_context():
            assert db.session.scalar(
                select(SignInThrottle.locked_until).where(
                    SignInThrottle.key == f"account:{account.public_id}"
                )
            ), "counted in the database instead"
    finally:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        # The limiter is one object for every app: point it back at memory for later tests.
        create_app(config_for_tests(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path))
        assert limiter.enabled and type(limiter.storage).__name__ == "MemoryStorage"
