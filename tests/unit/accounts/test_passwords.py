"""The one password hasher: argon2 hashes that match only their password."""

import pytest
from flask import Flask

from portal.accounts.passwords import hash_password, needs_rehash, password_matches
from tests.conftest import config_for_tests


@pytest.fixture
def app_context(tmp_path):
    app = Flask(__name__)
    app.config.update(config_for_tests("sqlite://", tmp_path))
    with app.app_context():
        yield


def test_a_hash_matches_its_password_only(app_context) -> None:
    stored = hash_password("correct-horse-battery-staple")
    assert stored.startswith("$argon2id$") and "correct-horse" not in stored
    assert password_matches(stored, "correct-horse-battery-staple")
    assert not password_matches(stored, "correct-horse-battery-stapler")
    assert not needs_rehash(stored)


@pytest.mark.parametrize("stored", [None, "", "not-a-hash", "$argon2id$v=19$broken"])
def test_no_hash_or_a_broken_one_matches_nothing(app_context, stored) -> None:
    assert not password_matches(stored, "anything at all")
