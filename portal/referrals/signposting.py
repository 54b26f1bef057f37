"""Services to suggest while a referral is made, from the needs chosen so far."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.publishing.directory import ServiceSummary, services_for_needs

SIGNPOSTING_LIMIT = 3


def signposting_services(answers: Mapping[str, Any]) -> list[ServiceSummary]:
    """Directory services matching the chosen needs ("other" matches nothing in particular)."""
    needs = [code for code in answers.get("needs") or [] if code != "other"]
    if not needs:
        return []
    return services_for_needs(needs, limit=SIGNPOSTING_LIMIT)
