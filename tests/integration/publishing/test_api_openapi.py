"""The API's advertised OpenAPI document is served and describes the routes we have."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient

from portal.publishing.directory import default_directory
from tests.oruk_validation import errors_against

PREFIX = "/api/oruk"


def openapi_document(client: FlaskClient) -> dict:
    advertised = client.get(f"{PREFIX}/").json["openapi_url"]
    response = client.get(urlsplit(advertised).path)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.json


def test_the_advertised_openapi_document_is_the_oruk_profile(client: FlaskClient) -> None:
    document = openapi_document(client)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Open Referral UK Profile"
    assert "Creative Commons Attribution Share-Alike 4.0" in document["info"]["license"]["name"]
    assert document["servers"] == [{"url": "http://localhost/api/oruk"}]
    assert "Page" in document["components"]["schemas"]


def test_every_documented_path_is_a_route_and_every_route_is_documented(app: Flask, client) -> None:
    document = openapi_document(client)
    adapter = app.url_map.bind("localhost")
    documented = set()
    for path, operations in document["paths"].items():
        assert set(operations) <= {"get", "parameters"}, path
        concrete = PREFIX + re.sub(r"\{[^}]+\}", "some-id", path)
        endpoint, _ = adapter.match(concrete, method="GET")
        assert endpoint.startswith("oruk.") and endpoint != "oruk.not_found", path
        documented.add(endpoint)
    ours = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("oruk.")
        and rule.endpoint not in {"oruk.not_found", "oruk.openapi"}
    }
    assert documented == ours


def test_documented_query_parameters_are_the_ones_we_read(client: FlaskClient) -> None:
    document = openapi_document(client)
    parameters = {}
    for path, operations in document["paths"].items():
        names = set()
        for parameter in operations["get"].get("parameters", []):
            if "$ref" in parameter:
                parameter = document["components"]["parameters"][parameter["$ref"].split("/")[-1]]
            names.add(parameter["name"])
        parameters[path] = names
    assert parameters["/services"] == {
        "search",
        "page",
        "per_page",
        "taxonomy_term_id",
        "minimum_age",
        "maximum_age",
    }
    assert parameters["/taxonomies"] == {"page", "per_page"}
    assert parameters["/taxonomy_terms"] == {"page", "per_page"}


def test_one_taxonomy_and_one_term_by_id(client: FlaskClient) -> None:
    directory = default_directory()
    taxonomy = directory.taxonomies[0]
    term = directory.taxonomy_terms[0]
    found = client.get(f"{PREFIX}/taxonomies/{taxonomy['id']}")
    assert found.status_code == 200
    assert found.json["id"] == taxonomy["id"]
    assert errors_against("taxonomy.json", found.json) == []
    found = client.get(f"{PREFIX}/taxonomy_terms/{term['id']}")
    assert found.status_code == 200
    assert found.json["code"] == term["code"]
    assert errors_against("taxonomy_term.json", found.json) == []
    missing = client.get(f"{PREFIX}/taxonomy_terms/not-a-term")
    assert missing.status_code == 404 and missing.json["error"] == "No taxonomy term has this id"
