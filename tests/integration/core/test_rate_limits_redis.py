"""In production, rate limits live in Redis so every worker shares one count."""

import os
from pathlib import Path

import pytest
import redis

from portal import create_app
from portal.config import settings_from_environment
from portal.extensions import limiter
from tests.conftest import config_for_tests, csrf_token_from
from tests.databases import migrate_to_head

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379 (CI starts it)")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return client


def test_sign_in_limit_is_counted_in_redis(tmp_path: Path) -> None:
    store = redis_or_skip()
    store.flushdb()
    config = config_for_tests(f"sqlite:///{tmp_path / 'r.sqlite3'}", tmp_path)
    config["RATELIMIT_STORAGE_URI"] = REDIS_URL
    app = create_app(config)
    migrate_to_head(app)
    try:
        client = app.test_client()
        token = csrf_token_from(client.get("/sign-in"))
        form = {"csrf_token": token, "email": "a@b.example", "password": "wrong"}
        statuses = [client.post("/sign-in", data=form).status_code for _ in range(11)]
        assert statuses[-1] == 429 and statuses[:10].count(429) == 0
        assert any(b"sign_in" in key for key in store.keys("*")), "the count lives in Redis"
    finally:
        with app.app_context():
            limiter.reset()
        store.flushdb()


def test_sign_in_still_works_and_is_limited_when_redis_is_away(tmp_path: Path) -> None:
    """Nothing listens on the Redis port: counts fall back to memory, no POST becomes a 500."""
    config = config_for_tests(f"sqlite:///{tmp_path / 'r.sqlite3'}", tmp_path)
    config.update(
        {
            key: value
            for key, value in settings_from_environment().items()
            if key.startswith("RATELIMIT_")
        }
    )
    config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6399"
    app = create_app(config)
    migrate_to_head(app)
    client = app.test_client()
    token = csrf_token_from(client.get("/sign-in"))
    form = {"csrf_token": token, "email": "a@b.example", "password": "wrong"}
    responses = [client.post("/sign-in", data=form) for _ in range(11)]
    assert [r.status_code for r in responses[:10]] == [200] * 10
    assert "Enter a correct email address and password" in responses[0].get_data(as_text=True)
    assert responses[-1].status_code == 429
