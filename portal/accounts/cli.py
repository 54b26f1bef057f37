"""flask accounts ...: what an administrator does to an account from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from portal.accounts.models import Account
from portal.accounts.throttle import unlock_account
from portal.extensions import db

accounts_cli = AppGroup("accounts", help="Look after accounts.")


@accounts_cli.command("unlock")
@click.argument("email")
def unlock_command(email: str) -> None:
    """Let an account locked by failed sign-ins try again now (audited as account.unlocked)."""
    account = db.session.scalar(
        select(Account).where(func.lower(Account.email) == email.strip().lower())
    )
    if account is None:
        raise click.ClickException(f"No account has the email address {email}")
    unlock_account(account.public_id)
    click.echo(f"Unlocked {account.email}: it can sign in again now.")
