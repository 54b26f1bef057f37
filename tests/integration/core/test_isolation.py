"""Each test's rows are rolled back; inside a test, commit() and rollback() behave as usual."""

import threading

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from portal.accounts.models import Account
from portal.extensions import db
from tests.conftest import account_factory, rolled_back


def count_accounts(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Account.id)))


@pytest.mark.both_databases
def test_what_a_test_commits_is_gone_afterwards(app: Flask) -> None:
    before = count_accounts(app)
    with rolled_back(app):
        account_factory(app)()
        assert count_accounts(app) == before + 1, "a commit is seen by later app contexts"
    assert count_accounts(app) == before


@pytest.mark.both_databases
def test_rollback_undoes_only_what_was_not_committed(app: Flask) -> None:
    make = account_factory(app)
    kept = make()
    with app.app_context():
        db.session.add(Account(kind="staff", email="undone@example.com", display_name="Undone"))
        db.session.flush()
        db.session.rollback()
        emails = db.session.scalars(select(Account.email)).all()
    assert emails == [kept.email]


@pytest.mark.both_databases
@pytest.mark.real_commits
def test_real_commits_are_seen_by_another_connection(app: Flask) -> None:
    account = account_factory(app)()
    with app.app_context(), db.engine.connect() as other:
        seen = other.execute(
            text("SELECT email FROM accounts WHERE email = :email"), {"email": account.email}
        ).scalar()
    assert seen == account.email


def test_a_thread_in_a_rolled_back_test_is_told_to_mark_it(app: Flask) -> None:
    failures: list[Exception] = []

    def count_in_thread() -> None:
        try:
            count_accounts(app)
        except RuntimeError as error:
            failures.append(error)

    thread = threading.Thread(target=count_in_thread)
    thread.start()
    thread.join()
    assert "mark the test @pytest.mark.real_commits" in str(failures[0])
