"""The plan pages run the same number of queries with 10 or 10,000 families in the database."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, insert, select

from portal.core.access import Role
from portal.core.ids import new_public_id
from portal.extensions import db
from portal.plans.models import Family, Plan, PlanVersion, PlanVersionStatus
from tests.conftest import TEST_PASSWORD
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family


@contextmanager
def counting_queries(app) -> Iterator[list[str]]:
    """Collect every SQL statement the app runs while the block runs."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def add_families(app, how_many: int) -> None:
    """Add families, each with a plan and a published version, in bulk."""
    with app.app_context():
        start = db.session.scalar(select(db.func.count(Family.id)))
        families = [
            {"public_id": new_public_id(), "name": f"Family {start + n}"} for n in range(how_many)
        ]
        db.session.execute(insert(Family), families)
        ids = db.session.scalars(select(Family.id).order_by(Family.id.desc()).limit(how_many)).all()
        db.session.execute(
            insert(Plan), [{"public_id": new_public_id(), "family_id": i} for i in ids]
        )
        plan_ids = db.session.scalars(
            select(Plan.id).order_by(Plan.id.desc()).limit(how_many)
        ).all()
        db.session.execute(
            insert(PlanVersion),
            [
                {
                    "public_id": new_public_id(),
                    "plan_id": p,
                    "number": 1,
                    "status": PlanVersionStatus.PUBLISHED,
                    "body": {"worries": "x"},
                    "change_note": "n",
                }
                for p in plan_ids
            ],
        )
        db.session.commit()
        return db.session.scalar(select(db.func.count(Family.id)))


def measure(app, client, url: str) -> int:
    client.get(url)  # warm: the first request of a session does one-off work
    with counting_queries(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def test_query_count_is_flat(app, client, sign_in, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        family = family_with_plan(lead, versions=3)
        add_member(family, member)
        family_id = family.public_id
    family_client = app.test_client()
    sign_in_family(family_client, member, TEST_PASSWORD)
    sign_in(client, lead)
    staff_url = f"/practitioners/families/{family_id}"

    total = add_families(app, 9)
    small = {
        "my_plan": measure(app, family_client, "/my-plan"),
        "versions": measure(app, family_client, "/my-plan/versions"),
        "staff_family": measure(app, client, staff_url),
    }
    assert total == 10
    total = add_families(app, 9_990)
    large = {
        "my_plan": measure(app, family_client, "/my-plan"),
        "versions": measure(app, family_client, "/my-plan/versions"),
        "staff_family": measure(app, client, staff_url),
    }
    assert total == 10_000
    print(f"\nqueries with 10 families: {small}; with 10,000 families: {large}")
    assert small == large
