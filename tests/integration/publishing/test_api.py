"""The Open Referral UK API over real HTTP, validated against the ORUK schemas."""

import pytest
from flask.testing import FlaskClient

from portal.publishing.directory import default_directory
from tests.oruk_validation import errors_against, page_errors


def test_root_says_which_version_and_profile(client: FlaskClient) -> None:
    response = client.get("/api/oruk/")
    assert response.status_code == 200
    assert response.json["version"] == "3.0"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_services_envelope_validates(client: FlaskClient) -> None:
    response = client.get("/api/oruk/services")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.json
    assert page_errors(body, "compiled/service_list.json") == []
    assert body["total_items"] == len(default_directory().services)


def test_services_paging(client: FlaskClient) -> None:
    body = client.get("/api/oruk/services?page=2&per_page=5").json
    assert body["page_number"] == 2 and body["size"] == 5
    assert not body["first_page"] and not body["last_page"]
    assert page_errors(body, "compiled/service_list.json") == []


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("search=refuge", lambda s: "Refuge" in s["name"]),
        ("minimum_age=16", lambda s: s.get("minimum_age", 0) >= 16),
        ("maximum_age=5", lambda s: s.get("maximum_age", 99) <= 5),
    ],
)
def test_services_filters(client: FlaskClient, query: str, check) -> None:
    body = client.get(f"/api/oruk/services?{query}").json
    assert body["total_items"] > 0
    assert all(check(s) for s in body["contents"])
    assert body["total_items"] < len(default_directory().services)


def test_services_by_taxonomy_term(client: FlaskClient) -> None:
    terms = client.get("/api/oruk/taxonomy_terms").json["contents"]
    kinship = next(t for t in terms if t["code"] == "kinship")
    body = client.get(f"/api/oruk/services?taxonomy_term_id={kinship['id']}").json
    assert body["total_items"] >= 3
    for service in body["contents"]:
        assert kinship["id"] in {a["taxonomy_term"]["id"] for a in service["attributes"]}


def test_one_service_is_fully_nested_and_validates(client: FlaskClient) -> None:
    service = next(s for s in default_directory().services if s["service_at_locations"])
    response = client.get(f"/api/oruk/services/{service['id']}")
    assert response.status_code == 200
    body = response.json
    assert errors_against("compiled/service.json", body) == []
    assert body["service_at_locations"][0]["location"]["addresses"]
    assert body["organization"]["name"]


def test_taxonomies_and_terms_validate(client: FlaskClient) -> None:
    assert page_errors(client.get("/api/oruk/taxonomies").json, "taxonomy.json") == []
    terms = client.get("/api/oruk/taxonomy_terms").json
    assert page_errors(terms, "taxonomy_term.json") == []
    assert terms["total_items"] == 16


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/oruk/services?page=0", 400),
        ("/api/oruk/services?per_page=abc", 400),
        ("/api/oruk/services?minimum_age=old", 400),
        ("/api/oruk/services/not-a-service", 404),
        ("/api/oruk/nowhere", 404),
    ],
)
def test_errors_are_json(client: FlaskClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.json["error"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_responses_can_be_revalidated(client: FlaskClient) -> None:
    first = client.get("/api/oruk/taxonomy_terms")
    again = client.get("/api/oruk/taxonomy_terms", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
