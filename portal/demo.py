"""Demo data for a laptop: `flask demo load` (safe to run twice) and `flask demo code EMAIL`."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from portal.accounts.models import Account, Organisation, Team
from portal.accounts.totp import current_code
from portal.coproduction.demo import load_coproduction_demo
from portal.core.access import Role
from portal.extensions import db
from portal.plans.demo import load_plans_demo
from portal.referrals.demo import load_referrals_demo

DEMO_PASSWORD = "demo-password-123"  # noqa: S105 - documented demo credential, never production
# One authenticator secret for every demo account, so one app entry signs into all of them.
DEMO_TOTP_SECRET = "FAMILIESFIRSTDEMOPORTAL2"  # noqa: S105

COUNCIL = "Eastholme Borough Council"

DEMO_STAFF = (
    ("frontdoor@eastholme.example", "Femi Adeyemi", [Role.FRONT_DOOR], "Front Door"),
    ("lead@eastholme.example", "Lena Kowalska", [Role.LEAD_PRACTITIONER], "Family Help North"),
    ("lead2@eastholme.example", "Sam Okafor", [Role.LEAD_PRACTITIONER], "Family Help South"),
    ("lcpp@eastholme.example", "Priya Shah", [Role.LCPP], "Child Protection"),
    ("manager@eastholme.example", "Grace Evans", [Role.TEAM_MANAGER], "Family Help North"),
    ("participation@eastholme.example", "Tom Reid", [Role.PARTICIPATION], "Participation"),
    ("admin@eastholme.example", "Ada Morgan", [Role.ADMIN], "Digital"),
)
DEMO_PARTNER = ("partner@school.eastholme.sch.uk", "Chris Byrne", "Eastholme Primary School")


def get_or_create_organisation(name: str, kind: str) -> Organisation:
    """The organisation with this name, created if missing."""
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name, kind=kind)
        db.session.add(organisation)
        db.session.flush()
    return organisation


def get_or_create_team(name: str, organisation: Organisation) -> Team:
    """The team with this name in the organisation, created if missing."""
    team = db.session.scalar(
        select(Team).where(Team.name == name, Team.organisation_id == organisation.id)
    )
    if team is None:
        team = Team(name=name, organisation_id=organisation.id)
        db.session.add(team)
        db.session.flush()
    return team


def ensure_account(
    email: str,
    name: str,
    roles: list[Role],
    *,
    kind: str,
    organisation: Organisation,
    team: Team | None,
) -> Account:
    """The demo account with this email, created (or reset) with the demo credentials."""
    account = db.session.scalar(select(Account).where(Account.email == email))
    if account is None:
        account = Account(email=email, kind=kind)
        db.session.add(account)
    account.display_name = name
    account.roles = [str(role) for role in roles]
    account.organisation_id = organisation.id
    account.team_id = team.id if team else None
    account.totp_secret = DEMO_TOTP_SECRET
    if not account.check_password(DEMO_PASSWORD):
        account.set_password(DEMO_PASSWORD)
    db.session.flush()
    return account


def load_foundation_demo() -> None:
    """The council, its teams, one account per staff role, and a partner at a school."""
    council = get_or_create_organisation(COUNCIL, "council")
    for email, name, roles, team_name in DEMO_STAFF:
        team = get_or_create_team(team_name, council)
        ensure_account(email, name, roles, kind="staff", organisation=council, team=team)
    email, name, school_name = DEMO_PARTNER
    school = get_or_create_organisation(school_name, "school")
    ensure_account(email, name, [Role.PARTNER], kind="partner", organisation=school, team=None)


# AppGroup gives each command an application context, under `flask` and in tests alike.
demo_cli = AppGroup("demo", help="Demo data for trying the portal on a laptop.")


@demo_cli.command("load")
def load_command() -> None:
    """Create or refresh the demo data (safe to run twice)."""
    load_foundation_demo()
    load_coproduction_demo()
    db.session.commit()
    load_plans_demo()
    load_referrals_demo()
    db.session.commit()
    click.echo(f"Demo data loaded. Staff password: {DEMO_PASSWORD}")
    click.echo(f"Authenticator secret for every demo account: {DEMO_TOTP_SECRET}")
    click.echo("Current code: flask demo code <email>")


@demo_cli.command("code")
@click.argument("email")
def code_command(email: str) -> None:
    """Print the current sign-in code for a demo account."""
    account = db.session.scalar(select(Account).where(Account.email == email))
    if account is None or not account.totp_secret:
        raise click.ClickException(f"No account with an authenticator for {email}")
    click.echo(current_code(account.totp_secret))
