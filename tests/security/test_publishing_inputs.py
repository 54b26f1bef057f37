"""Whatever people type into the public forms and API, the answer is never a server error."""

from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
text = st.text(max_size=120)


def expected_status(query: str) -> int:
    """200, or the 400 page when the input carries a NUL byte (PostgreSQL cannot store one)."""
    return 400 if "%00" in query else 200


@FUZZ
@given(q=text, need=text, age=text, area=text, page=text)
def test_service_search_never_fails(client: FlaskClient, q, need, age, area, page) -> None:
    query = urlencode({"q": q, "need": need, "age": age, "area": area, "page": page})
    assert client.get(f"/services?{query}").status_code == expected_status(query)


@FUZZ
@given(arrival=text, order=text, child_age=text)
def test_kinship_checker_never_fails(client: FlaskClient, arrival, order, child_age) -> None:
    query = urlencode({"arrival": arrival, "order": order, "child_age": child_age})
    assert client.get(f"/kinship/checker?{query}").status_code == expected_status(query)


@FUZZ
@given(age=text, time_in_care=text, still=text, status=text)
def test_care_leaver_checker_never_fails(client: FlaskClient, age, time_in_care, still, status):
    query = urlencode(
        {"age": age, "time_in_care": time_in_care, "still_in_care": still, "status": status}
    )
    assert client.get(f"/care-leavers/checker?{query}").status_code == expected_status(query)


@pytest.mark.both_databases  # the words reach each database's own search syntax
@FUZZ
@given(q=text)
def test_site_search_never_fails(client: FlaskClient, q) -> None:
    query = urlencode({"q": q})
    assert client.get(f"/search?{query}").status_code == expected_status(query)


@FUZZ
@given(
    search=text,
    term=text,
    low=text,
    high=text,
    page=text,
    per_page=text,
)
def test_oruk_api_answers_json_or_a_json_error(
    client: FlaskClient, search, term, low, high, page, per_page
) -> None:
    query = urlencode(
        {
            "search": search,
            "taxonomy_term_id": term,
            "minimum_age": low,
            "maximum_age": high,
            "page": page,
            "per_page": per_page,
        }
    )
    response = client.get(f"/api/oruk/services?{query}")
    assert response.status_code in (200, 400)
    assert response.mimetype == "application/json"


def test_odd_digits_are_handled(client: FlaskClient) -> None:
    # Superscripts pass str.isdigit() but int() refuses them; Arabic-Indic digits are numbers.
    assert client.get("/api/oruk/services?page=²").status_code == 400
    assert client.get("/services?age=²&page=²").status_code == 200
    response = client.get("/kinship/checker?arrival=family-arranged&order=none&child_age=٣")
    assert "app-checker-result" in response.get_data(as_text=True)
