"""Every model module, imported here so SQLAlchemy's metadata is complete for Alembic."""

from portal.accounts.models import Account, Organisation, Team
from portal.core.audit import AuditEvent
from portal.core.notify import OutboxMessage
from portal.publishing.models import SearchEntry

__all__ = ["Account", "AuditEvent", "Organisation", "OutboxMessage", "SearchEntry", "Team"]
