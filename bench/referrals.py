"""Measure the referral conversation: bytes of one htmx step fragment and server time per step.

Run: .venv/bin/python bench/referrals.py [DATABASE_URL]
Uses a fresh SQLite file unless a database URL is given (e.g. a PostgreSQL database you made for
it). Drives the real app in-process with Flask's test client: signs a partner in, answers the
conversation with HX-Request set, and times each answer from request to response (the answer is
checked, saved and the next question rendered). Reports medians; nothing here is a test.
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyotp
from flask_migrate import upgrade

from portal import create_app
from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db

PASSWORD = "bench-password-123"  # noqa: S105 - a throwaway account in a throwaway database
ROUNDS = 30
HTMX = {"HX-Request": "true"}
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_from(response) -> str:
    """The CSRF token in a page's first form."""
    return CSRF.search(response.get_data(as_text=True)).group(1)


def make_app(url: str | None, root: Path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{root / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "SESSION_COOKIE_SECURE": False,
            "WTF_CSRF_SSL_STRICT": False,
            "RATELIMIT_ENABLED": False,
            "PDF_CACHE_DIR": str(root / "pdf-cache"),
        }
    )
    with app.app_context():
        upgrade()
        partner = Account(
            kind="partner",
            email=f"bench{time.time_ns()}@nhs.net",
            display_name="Bench Partner",
            roles=[str(Role.PARTNER)],
            totp_secret=pyotp.random_base32(),
        )
        partner.set_password(PASSWORD)
        db.session.add(partner)
        db.session.commit()
        return app, partner.email, partner.totp_secret


def sign_in(client, email: str, secret: str) -> None:
    page = client.get("/sign-in")
    client.post(
        "/sign-in",
        data={"csrf_token": csrf_token_from(page), "email": email, "password": PASSWORD},
    )
    page = client.get("/sign-in/code")
    code = pyotp.TOTP(secret).now()
    client.post("/sign-in/code", data={"csrf_token": csrf_token_from(page), "code": code})


def main() -> None:
    root = Path(tempfile.mkdtemp())
    app, email, secret = make_app(sys.argv[1] if len(sys.argv) > 1 else None, root)
    client = app.test_client()
    sign_in(client, email, secret)
    home = client.get("/refer")
    started = client.post("/refer/new", data={"csrf_token": csrf_token_from(home)})
    first = started.headers["Location"]
    token = csrf_token_from(client.get(first))
    public_id = first.split("/")[2]
    role_url = f"/refer/{public_id}/step/referrer_role"

    # Step 1 -> 2 with htmx: the fragment a phone receives for one step.
    fragment = client.post(first, data={"csrf_token": token, "answer": "no"}, headers=HTMX)
    body = fragment.get_data()
    full_page = client.get(role_url).get_data()

    # Server time per step: answering (check, save, render the next question) many times.
    answer_times = []
    for number in range(ROUNDS):
        data = {"csrf_token": token, "answer": f"School nurse, visit {number}"}
        began = time.perf_counter()
        response = client.post(role_url, data=data, headers=HTMX)
        answer_times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, response.status_code
    page_times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        client.get(role_url)
        page_times.append((time.perf_counter() - began) * 1000)

    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}")
    print(f"htmx fragment for one step: {len(body)} bytes, {len(gzip.compress(body))} gzipped")
    packed = len(gzip.compress(full_page))
    print(f"full one-question page: {len(full_page)} bytes, {packed} gzipped")
    print(
        f"answer a step with htmx (check, save, next question): median "
        f"{statistics.median(answer_times):.1f} ms, max {max(answer_times):.1f} ms over {ROUNDS}"
    )
    print(
        f"show a step as a full page: median {statistics.median(page_times):.1f} ms, "
        f"max {max(page_times):.1f} ms over {ROUNDS}"
    )


if __name__ == "__main__":
    main()
