"""`flask demo load` makes the documented accounts and is safe to run twice."""

from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models import Account
from portal.extensions import db


def test_demo_load_twice(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Account))
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Account)) == count
        lead = db.session.scalar(select(Account).where(Account.email == "lead@eastholme.example"))
        assert lead.check_password("demo-password-123")
    code = runner.invoke(args=["demo", "code", "lead@eastholme.example"])
    assert code.output.strip().isdigit() and len(code.output.strip()) == 6
