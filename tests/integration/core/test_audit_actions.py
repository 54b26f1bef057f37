"""Audit actions are one enum, written one way, and the log refuses any other string."""

import importlib.util
import re
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from flask import Flask
from sqlalchemy import func, select

from portal.core.audit import AuditAction, AuditEvent, record_audit
from portal.extensions import db

MIGRATION = (
    Path(__file__).resolve().parents[3] / "migrations/versions/core_0002_audit_action_names.py"
)


def test_every_action_reads_subject_then_what_happened() -> None:
    odd = [action.value for action in AuditAction if not re.fullmatch(r"[a-z_]+\.[a-z_]+", action)]
    assert odd == []


def test_an_action_string_that_is_not_in_the_enum_is_refused(app: Flask) -> None:
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(ValueError, match=r"plan\.veiwed"):
            record_audit(None, "plan.veiwed", "plan", "p1")  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            record_audit(None, "referral_decided", "referral", "r1")  # type: ignore[arg-type]
        db.session.flush()
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_a_known_action_is_stored_as_its_value(app: Flask) -> None:
    with app.app_context():
        event = record_audit(None, AuditAction.PLAN_VIEWED, "plan", "p1")
        db.session.flush()
        stored = db.session.scalar(select(AuditEvent.action).where(AuditEvent.id == event.id))
        assert stored == "plan.viewed"


def _migration():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("core_0002", MIGRATION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.both_databases
def test_the_migration_rewrites_every_old_name_to_an_enum_value(app: Flask) -> None:
    """Rows written before the enum keep working: "who has looked at your plan" reads them."""
    migration = _migration()
    old_names = [before for before, _ in migration.RENAMED]
    with app.app_context():
        for name in old_names:
            db.session.add(AuditEvent(action=name, subject_type="plan", subject_id="old"))
        db.session.flush()
        with Operations.context(MigrationContext.configure(db.session.connection())):
            migration.upgrade()
        stored = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_id == "old")
        ).all()
    assert sorted(stored) == sorted(after for _, after in migration.RENAMED)
    assert {AuditAction(value) for value in stored}  # every one is a member
    assert not set(old_names) & {action.value for action in AuditAction}
