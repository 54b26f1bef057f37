"""Helpers that answer the referral conversation through real HTTP, as a referrer would."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import csrf_token_from

# What a referrer types for each step (person lists are handled separately).
PLAIN_ANSWERS: dict[str, dict] = {
    "immediate_danger": {"answer": "no"},
    "referrer_role": {"answer": "Designated safeguarding lead at Eastholme Primary"},
    "worry": {"answer": "Amira has missed 20 days of school this term.\nMum seems very low."},
    "needs": {"answer": ["school-attendance", "mental-health"]},
    "going_well": {"answer": "Mum comes to every parents' evening."},
    "tried_before": {"answer": "no"},
    "family_wants": {"answer": "Help to get Amira to school on time."},
    "consent_about": {},
    "consent": {"answer": "yes"},
    "contact_preference": {"answer": "phone"},
    "language": {"answer": "Arabic"},
    "interpreter": {"answer": "yes"},
}
AMIRA = {
    "first_name": "Amira",
    "last_name": "Haddad",
    "date_of_birth": ["27", "3", "2017"],
}
STEP_PATH = re.compile(r"/refer/([^/]+)/step/([^/?#]+)")


def start(client: FlaskClient) -> TestResponse:
    """Start a new referral from the referrals page; follows to the first question."""
    home = client.get("/refer")
    assert home.status_code == 200
    return client.post(
        "/refer/new", data={"csrf_token": csrf_token_from(home)}, follow_redirects=False
    )


def step_key(location: str) -> tuple[str, str]:
    match = STEP_PATH.search(location)
    assert match, f"not a step URL: {location}"
    return match.group(1), match.group(2)


def answer(client: FlaskClient, url: str, data: dict, **kwargs: object) -> TestResponse:
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return client.post(url, data={"csrf_token": csrf_token_from(page), **data}, **kwargs)


def walk_to_check(
    client: FlaskClient, first_url: str, overrides: dict | None = None, children=(AMIRA,)
) -> str:
    """Answer every question without JavaScript until check-your-answers; return its URL."""
    typed = {**PLAIN_ANSWERS, **(overrides or {})}
    url = first_url
    for _ in range(60):
        if url.endswith("/check"):
            return url
        _public_id, key = step_key(url)
        step_id = key.split(".")[0]
        if step_id == "children":
            for child in children:
                added = answer(client, url, {"action": "add", **child})
                assert added.status_code == 302, added.get_data(as_text=True)[:2000]
            response = answer(client, url, {"action": "finish"})
        elif step_id == "household":
            response = answer(client, url, {"action": "finish"})
        elif step_id == "child_school":
            response = answer(client, url, {"answer": "sometimes"})
        else:
            response = answer(client, url, typed[step_id])
        assert response.status_code == 302, (key, response.get_data(as_text=True)[:3000])
        url = response.headers["Location"]
    raise AssertionError("the conversation did not end")
