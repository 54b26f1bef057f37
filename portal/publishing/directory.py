"""The service directory: loading, searching and Open Referral UK output, with no Flask."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from portal.core.needs import NEED_CODES

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "content" / "directory" / "directory.json"
ORUK_VERSION = "3.0"
ORUK_PROFILE = "https://openreferral.org/uk-profile"
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class ServiceSummary:
    """What other features need to show or suggest a service."""

    id: str
    name: str
    description: str
    url: str
    phone: str | None
    email: str | None
    need_codes: tuple[str, ...]


@dataclass
class Directory:
    """The directory file, indexed for lookups."""

    taxonomies: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    locations: list[dict[str, Any]]
    services: list[dict[str, Any]]
    localities: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.terms_by_id = {t["id"]: t for t in self.taxonomy_terms}
        self.terms_by_code = {t["code"]: t for t in self.taxonomy_terms if t.get("code")}
        self.organizations_by_id = {o["id"]: o for o in self.organizations}
        self.locations_by_id = {loc["id"]: loc for loc in self.locations}
        self.services_by_id = {s["id"]: s for s in self.services}

    def service(self, service_id: str) -> dict[str, Any] | None:
        """The stored service with this id, or None."""
        return self.services_by_id.get(service_id)

    def need_codes(self, service: dict[str, Any]) -> tuple[str, ...]:
        """The need codes a service is tagged with, in file order."""
        codes = []
        for attribute in service.get("attributes", []):
            term = self.terms_by_id.get(attribute.get("taxonomy_term_id", ""))
            if term and term.get("code"):
                codes.append(term["code"])
        return tuple(codes)

    def service_localities(self, service: dict[str, Any]) -> set[str]:
        """Names of the localities where a service has a physical location."""
        names = set()
        for link in service.get("service_at_locations", []):
            location = self.locations_by_id.get(link.get("location_id", ""))
            for address in (location or {}).get("addresses", []):
                if address.get("region"):
                    names.add(address["region"])
        return names

    def service_locations(self, service: dict[str, Any]) -> list[dict[str, Any]]:
        """The locations a service is offered at."""
        found = []
        for link in service.get("service_at_locations", []):
            location = self.locations_by_id.get(link.get("location_id", ""))
            if location:
                found.append(location)
        return found


def load_directory(path: Path | str = DEFAULT_PATH) -> Directory:
    """Read a directory JSON file and check its references hold together."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    directory = Directory(
        taxonomies=data.get("taxonomies", []),
        taxonomy_terms=data.get("taxonomy_terms", []),
        organizations=data.get("organizations", []),
        locations=data.get("locations", []),
        services=data.get("services", []),
        localities=data.get("localities", []),
    )
    problems = directory_problems(directory)
    if problems:
        raise ValueError("Directory data is inconsistent: " + "; ".join(problems))
    return directory


def directory_problems(directory: Directory) -> list[str]:
    """Broken references and missing need codes in directory data."""
    problems = []
    for service in directory.services:
        if service.get("organization_id") not in directory.organizations_by_id:
            problems.append(f"service {service['id']} has an unknown organization")
        for attribute in service.get("attributes", []):
            if attribute.get("taxonomy_term_id") not in directory.terms_by_id:
                problems.append(f"service {service['id']} has an unknown taxonomy term")
        for link in service.get("service_at_locations", []):
            if link.get("location_id") not in directory.locations_by_id:
                problems.append(f"service {service['id']} has an unknown location")
    missing = set(NEED_CODES) - set(directory.terms_by_code)
    if missing:
        problems.append("no taxonomy term for need codes " + ", ".join(sorted(missing)))
    return problems


@lru_cache(maxsize=1)
def default_directory() -> Directory:
    """The portal's own directory, read once."""
    return load_directory(DEFAULT_PATH)


def service_url(service_id: str) -> str:
    """The public page for a service."""
    return f"/services/{service_id}"


def _main_phone(service: dict[str, Any]) -> str | None:
    phones: list[dict[str, Any]] = list(service.get("phones", []))
    for contact in service.get("contacts", []):
        phones.extend(contact.get("phones", []))
    return next((phone["number"] for phone in phones if phone.get("number")), None)


def summarise(directory: Directory, service: dict[str, Any]) -> ServiceSummary:
    """A ServiceSummary of a stored service."""
    return ServiceSummary(
        id=service["id"],
        name=service["name"],
        description=service.get("description", ""),
        url=service_url(service["id"]),
        phone=_main_phone(service),
        email=service.get("email"),
        need_codes=directory.need_codes(service),
    )


def serves_age(service: dict[str, Any], age: int | float) -> bool:
    """True when a person of this age is inside the service's age range."""
    low = service.get("minimum_age")
    high = service.get("maximum_age")
    return (low is None or age >= low) and (high is None or age <= high)


def _matches_text(directory: Directory, service: dict[str, Any], words: list[str]) -> bool:
    organization = directory.organizations_by_id.get(service.get("organization_id", ""), {})
    haystack = " ".join(
        [
            service.get("name", ""),
            service.get("description", ""),
            service.get("eligibility_description", ""),
            organization.get("name", ""),
            " ".join(directory.terms_by_code[c]["name"] for c in directory.need_codes(service)),
        ]
    ).lower()
    return all(word in haystack for word in words)


def find_services(
    directory: Directory,
    *,
    text: str | None = None,
    needs: Iterable[str] = (),
    age: int | float | None = None,
    locality: str | None = None,
    taxonomy_term_id: str | None = None,
    minimum_age: float | None = None,
    maximum_age: float | None = None,
) -> list[dict[str, Any]]:
    """Active services matching every filter given, ordered by name.

    `needs` matches a service tagged with any of the codes. A locality matches services with a
    location there, and services with no physical location (they come to you or work by phone).
    `minimum_age`/`maximum_age` follow the ORUK API: the service's own minimum age is at least
    the value, and its maximum age at most the value.
    """
    wanted = set(needs)
    words = (text or "").lower().split()
    found = []
    for service in directory.services:
        if service.get("status") != "active":
            continue
        codes = directory.need_codes(service)
        if wanted and not wanted.intersection(codes):
            continue
        if taxonomy_term_id and taxonomy_term_id not in {
            a.get("taxonomy_term_id") for a in service.get("attributes", [])
        }:
            continue
        if age is not None and not serves_age(service, age):
            continue
        if minimum_age is not None and (service.get("minimum_age") or 0) < minimum_age:
            continue
        if maximum_age is not None and (
            service.get("maximum_age") is None or service["maximum_age"] > maximum_age
        ):
            continue
        if locality:
            places = directory.service_localities(service)
            if places and locality not in places:
                continue
        if words and not _matches_text(directory, service, words):
            continue
        found.append(service)
    return sorted(found, key=lambda s: s["name"].lower())


def services_for_needs(
    codes: Iterable[str], age: int | None = None, limit: int = 5
) -> list[ServiceSummary]:
    """Up to `limit` services for any of these need codes, best matches first.

    A service that meets more of the needs comes first; ties keep alphabetical order.
    """
    wanted = [c for c in codes if c]
    if not wanted:
        return []
    directory = default_directory()
    matches = find_services(directory, needs=wanted, age=age)
    matches.sort(key=lambda s: -len(set(wanted).intersection(directory.need_codes(s))))
    return [summarise(directory, s) for s in matches[:limit]]


# --- Open Referral UK output -------------------------------------------------------------


def oruk_root(base_url: str) -> dict[str, str]:
    """The API's `/` document."""
    base = base_url.rstrip("/")
    return {
        "version": ORUK_VERSION,
        "profile": ORUK_PROFILE,
        "openapi_url": f"{base}/openapi.json",
    }


def _term(term: dict[str, Any]) -> dict[str, Any]:
    return {k: term[k] for k in term if term[k] is not None}


def _attributes(directory: Directory, service: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for attribute in service.get("attributes", []):
        item = dict(attribute)
        item["taxonomy_term"] = _term(directory.terms_by_id[attribute["taxonomy_term_id"]])
        out.append(item)
    return out


def _organization(directory: Directory, service: dict[str, Any]) -> dict[str, Any]:
    return dict(directory.organizations_by_id[service["organization_id"]])


_LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "alert",
    "last_modified",
)


def oruk_service_list_item(directory: Directory, service: dict[str, Any]) -> dict[str, Any]:
    """A service with its one-to-one fields, plus organization and taxonomy terms."""
    item = {k: service[k] for k in _LIST_FIELDS if k in service}
    item["organization"] = _organization(directory, service)
    item["attributes"] = _attributes(directory, service)
    return item


def oruk_service(directory: Directory, service: dict[str, Any]) -> dict[str, Any]:
    """A fully nested service as `/services/{id}` returns it."""
    item = {k: v for k, v in service.items() if k != "attributes"}
    item["organization"] = _organization(directory, service)
    item["attributes"] = _attributes(directory, service)
    item["service_at_locations"] = [
        dict(link, location=directory.locations_by_id[link["location_id"]])
        for link in service.get("service_at_locations", [])
    ]
    return item


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    """Clamp a requested page and page size to sensible values."""
    return max(1, page), max(1, min(per_page, MAX_PER_PAGE))


def oruk_page(items: list[dict[str, Any]], page: int, per_page: int) -> dict[str, Any]:
    """The ORUK paged envelope around one page of items."""
    page, per_page = page_bounds(page, per_page)
    total = len(items)
    total_pages = max(1, math.ceil(total / per_page))
    contents = items[(page - 1) * per_page : page * per_page]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": len(contents) == 0,
        "contents": contents,
    }


def oruk_taxonomies(directory: Directory) -> list[dict[str, Any]]:
    """Every taxonomy."""
    return [dict(t) for t in directory.taxonomies]


def oruk_taxonomy_terms(directory: Directory) -> list[dict[str, Any]]:
    """Every taxonomy term."""
    return [_term(t) for t in directory.taxonomy_terms]
