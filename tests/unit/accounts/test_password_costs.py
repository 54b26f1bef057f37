"""Passwords are hashed with argon2's strong defaults; only tests turn the costs down."""

import pytest
from flask import Flask

from portal.accounts.models import Account
from portal.config import settings_from_environment
from tests.conftest import config_for_tests

STRONG = "$argon2id$v=19$m=65536,t=3,p=4$"
CHEAP = "$argon2id$v=19$m=8,t=1,p=1$"


def app_with(settings: dict) -> Flask:
    app = Flask(__name__)
    app.config.update(settings)
    return app


@pytest.fixture
def production_settings(monkeypatch: pytest.MonkeyPatch) -> dict:
    for name in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "not-used")
    return settings_from_environment()


def test_production_hashes_with_argon2s_strong_defaults(production_settings: dict) -> None:
    account = Account()
    with app_with(production_settings).app_context():
        account.set_password("correct-horse-battery-staple")
    assert account.password_hash.startswith(STRONG)


def test_tests_hash_cheaply(tmp_path) -> None:
    account = Account()
    with app_with(config_for_tests("sqlite://", tmp_path)).app_context():
        account.set_password("correct-horse-battery-staple")
    assert account.password_hash.startswith(CHEAP)


def test_a_cheap_hash_is_made_strong_at_the_next_sign_in(
    production_settings: dict, tmp_path
) -> None:
    account = Account()
    with app_with(config_for_tests("sqlite://", tmp_path)).app_context():
        account.set_password("correct-horse-battery-staple")
    with app_with(production_settings).app_context():
        assert account.check_password("correct-horse-battery-staple")
        assert not account.check_password("wrong-horse")
    assert account.password_hash.startswith(STRONG)
