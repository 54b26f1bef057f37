"""Services to suggest while a referral is made, from the needs chosen so far."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from portal.publishing.directory import (
    Directory,
    ServiceSummary,
    default_directory,
    find_services,
    summarise,
)

SIGNPOSTING_LIMIT = 3


def signposting_services(
    answers: Mapping[str, Any],
    not_signposted: Collection[str] = (),
    directory: Directory | None = None,
) -> list[ServiceSummary]:
    """Directory services for the chosen needs, one need at a time in the order they were chosen.

    A service is suggested for the need it is mainly for (the first need it is tagged with):
    a refuge is tagged with housing, but it is for domestic abuse, so a family needing money or
    housing help is not sent to one. Services the referral itself leads to (the front
    door, Family Help) are never suggested. "other" matches nothing in particular.
    """
    needs = [code for code in answers.get("needs") or [] if code != "other"]
    if not needs:
        return []
    directory = directory or default_directory()
    candidates = [s for s in find_services(directory, needs=needs) if s["id"] not in not_signposted]
    by_need: dict[str, list[dict[str, Any]]] = {}
    for code in needs:
        mainly = [s for s in candidates if directory.need_codes(s)[0] == code]
        # A need no service is mainly for (neglect: the front door's) takes any tagged with it.
        found = mainly or [s for s in candidates if code in directory.need_codes(s)]
        # Within one need, a service that also meets more of the other chosen needs comes first.
        found.sort(key=lambda s: -len(set(needs).intersection(directory.need_codes(s))))
        by_need[code] = found
    chosen: list[dict[str, Any]] = []
    while len(chosen) < SIGNPOSTING_LIMIT and any(by_need.values()):
        for services in by_need.values():
            while services and services[0] in chosen:
                services.pop(0)
            if services and len(chosen) < SIGNPOSTING_LIMIT:
                chosen.append(services.pop(0))
    return [summarise(directory, service) for service in chosen]
