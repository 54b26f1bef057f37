"""Human references are allocated in order, once each, per year."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from portal.extensions import db
from portal.referrals.store import allocate_reference

# References come from the database's own locking and unique constraint.
pytestmark = pytest.mark.both_databases


def test_references_count_up_within_a_year_and_restart_in_a_new_year(app):
    with app.app_context():
        first = allocate_reference(2026)
        db.session.commit()
        second = allocate_reference(2026)
        db.session.commit()
        next_year = allocate_reference(2027)
        db.session.commit()
    assert (first, second, next_year) == ("FF-2026-000001", "FF-2026-000002", "FF-2027-000001")


@pytest.mark.real_commits  # four threads, each with its own connection
def test_references_given_at_the_same_time_never_repeat(app):
    with app.app_context():
        allocate_reference(2026)
        db.session.commit()

    def take(_: int) -> str:
        with app.app_context():
            for _attempt in range(20):
                try:
                    reference = allocate_reference(2026)
                    db.session.commit()
                    return reference
                except Exception:  # SQLite: "database is locked" while another writer commits
                    db.session.rollback()
            raise AssertionError("never got a reference")

    with ThreadPoolExecutor(max_workers=4) as pool:
        references = list(pool.map(take, range(12)))
    assert len(set(references)) == 12
    assert sorted(references)[-1] == "FF-2026-000013"
