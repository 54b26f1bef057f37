"""Every model module, imported here so SQLAlchemy's metadata is complete for Alembic."""

from portal.accounts.models import Account, Organisation, Team
from portal.core.audit import AuditEvent
from portal.core.notify import OutboxMessage
from portal.publishing.models import SearchEntry
from portal.referrals.models import (
    PartnerRegistration,
    ReferenceCounter,
    Referral,
    ReferralChild,
    ReferralMessage,
)

__all__ = [
    "Account",
    "AuditEvent",
    "Organisation",
    "OutboxMessage",
    "PartnerRegistration",
    "ReferenceCounter",
    "Referral",
    "ReferralChild",
    "ReferralMessage",
    "SearchEntry",
    "Team",
]
