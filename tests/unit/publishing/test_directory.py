"""The directory data, its search and its Open Referral UK output."""

import copy
import json
import uuid

import pytest

from portal.publishing import directory as d
from tests.oruk_validation import errors_against, page_errors


@pytest.fixture(scope="module")
def data() -> d.Directory:
    return d.load_directory()


def test_directory_has_forty_services_covering_every_need(data: d.Directory) -> None:
    assert len(data.services) >= 40
    covered = {code for s in data.services for code in data.need_codes(s)}
    assert covered == set(d.NEED_CODES)


def test_every_id_is_a_unique_uuid(data: d.Directory) -> None:
    ids = [
        x["id"]
        for group in (data.services, data.organizations, data.locations, data.taxonomy_terms)
        for x in group
    ]
    assert len(ids) == len(set(ids))
    for value in ids:
        assert str(uuid.UUID(value)) == value


def test_locations_sit_in_named_localities(data: d.Directory) -> None:
    regions = {a["region"] for loc in data.locations for a in loc["addresses"]}
    assert 4 <= len(regions) <= 6
    assert regions == set(data.localities)


def test_inconsistent_data_is_refused(tmp_path, data: d.Directory) -> None:
    raw = json.loads(d.DEFAULT_PATH.read_text())
    broken = copy.deepcopy(raw)
    broken["services"][0]["organization_id"] = str(uuid.uuid4())
    broken["taxonomy_terms"] = [t for t in broken["taxonomy_terms"] if t["code"] != "kinship"]
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(broken))
    with pytest.raises(ValueError, match="unknown organization"):
        d.load_directory(path)


def test_services_for_needs_filters_by_need_and_age() -> None:
    found = d.services_for_needs(["domestic-abuse"], age=8, limit=10)
    assert found, "expected a domestic abuse service for an 8-year-old"
    for summary in found:
        assert "domestic-abuse" in summary.need_codes
        assert summary.url == d.service_url(summary.id)
    adults_only = {s.name for s in d.services_for_needs(["domestic-abuse"], age=30, limit=10)}
    assert "Children's Recovery Groups" not in adults_only
    assert "Children's Recovery Groups" in {s.name for s in found}


def test_services_for_needs_ranks_services_meeting_more_needs_first() -> None:
    found = d.services_for_needs(["kinship", "mental-health"], limit=3)
    assert len(found) == 3
    assert set(found[0].need_codes) >= {"kinship", "mental-health"}


def test_services_for_needs_respects_limit_and_empty_input() -> None:
    assert len(d.services_for_needs(["parenting"], limit=2)) == 2
    assert d.services_for_needs([]) == []


def test_service_url_is_the_public_page() -> None:
    assert d.service_url("abc") == "/services/abc"


@pytest.mark.parametrize(
    ("kwargs", "must_include", "must_exclude"),
    [
        ({"text": "refuge"}, "Eastholme Haven Refuge", "Youth Clubs"),
        ({"needs": ["youth"], "age": 15}, "Youth Clubs", "Leaving Care Team"),
        ({"locality": "Harbourside"}, "Youth Clubs", "Stay and Play Sessions"),
        ({"locality": "Harbourside"}, "Eastholme Haven Refuge", "Kinship Legal Advice Clinic"),
        ({"minimum_age": 16}, "Leaving Care Team", "Health Visiting"),
        ({"maximum_age": 5}, "Portage Home Visiting", "Youth Clubs"),
    ],
)
def test_find_services(data, kwargs, must_include, must_exclude) -> None:
    names = {s["name"] for s in d.find_services(data, **kwargs)}
    assert must_include in names
    assert must_exclude not in names


def test_find_services_by_taxonomy_term(data: d.Directory) -> None:
    term = data.terms_by_code["young-carer"]
    found = d.find_services(data, taxonomy_term_id=term["id"])
    assert found and all("young-carer" in data.need_codes(s) for s in found)


def test_every_service_validates_as_a_full_oruk_service(data: d.Directory) -> None:
    for service in data.services:
        document = d.oruk_service(data, service)
        assert errors_against("compiled/service.json", document) == [], service["name"]
        assert document["organization"]["id"] == service["organization_id"]


def test_full_service_nests_locations_and_terms(data: d.Directory) -> None:
    service = next(s for s in data.services if s["service_at_locations"])
    document = d.oruk_service(data, service)
    location = document["service_at_locations"][0]["location"]
    assert location["addresses"][0]["city"] == "Eastholme"
    assert document["attributes"][0]["taxonomy_term"]["code"] in d.NEED_CODES


def test_paged_services_envelope_validates(data: d.Directory) -> None:
    items = [d.oruk_service_list_item(data, s) for s in data.services]
    envelope = d.oruk_page(items, page=2, per_page=10)
    assert page_errors(envelope, "compiled/service_list.json") == []
    assert envelope["page_number"] == 2
    assert envelope["size"] == 10
    assert envelope["first_page"] is False
    assert envelope["total_items"] == len(data.services)


def test_page_past_the_end_is_empty_and_last() -> None:
    envelope = d.oruk_page([{"id": "x"}], page=5, per_page=10)
    assert envelope["empty"] is True
    assert envelope["last_page"] is True
    assert envelope["contents"] == []


def test_per_page_is_capped() -> None:
    envelope = d.oruk_page([{"id": str(i)} for i in range(300)], page=1, per_page=1000)
    assert envelope["size"] == d.MAX_PER_PAGE


def test_taxonomies_and_terms_validate(data: d.Directory) -> None:
    for taxonomy in d.oruk_taxonomies(data):
        assert errors_against("taxonomy.json", taxonomy) == []
    terms = d.oruk_taxonomy_terms(data)
    assert {t["code"] for t in terms} == set(d.NEED_CODES)
    envelope = d.oruk_page(terms, 1, 50)
    assert page_errors(envelope, "taxonomy_term.json") == []


def test_schema_validation_catches_a_bad_service(data: d.Directory) -> None:
    document = d.oruk_service(data, data.services[0])
    del document["status"]
    document["id"] = "not-a-uuid"
    errors = errors_against("compiled/service.json", document)
    assert any("status" in e for e in errors)
    assert any("uuid" in e for e in errors)
