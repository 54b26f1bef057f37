"""`python -m bench.plan_pdf`: how long a plan PDF takes to render, cold and from the cache.

Builds a throwaway app on a temporary SQLite database, loads the demo data (a family whose plan
has three published versions), signs the demo family member in through the real pages, and times
GET of the latest version's PDF in English and Arabic: first (rendered by WeasyPrint) and then
again (served from the cache). Prints a small table; no thresholds, just the figures.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from portal import create_app
from portal.core.notify import OutboxMessage
from portal.demo import load_foundation_demo
from portal.extensions import db
from portal.plans.demo import DEMO_FAMILY_EMAIL, DEMO_PASSWORD, load_plans_demo
from portal.plans.models import PlanVersion

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
REPEATS = 5


def _post(client, url: str, data: dict):
    token = CSRF.search(client.get(url).get_data(as_text=True)).group(1)
    return client.post(url, data={"csrf_token": token, **data})


def main() -> None:
    """Print cold and cached PDF timings for English and Arabic."""
    root = Path(tempfile.mkdtemp(prefix="plan-pdf-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "SESSION_COOKIE_SECURE": False,
            "PDF_CACHE_DIR": str(root / "pdf-cache"),
            "RATELIMIT_ENABLED": False,
            "CHECK_MIGRATIONS": False,
        }
    )
    with app.app_context():
        db.create_all()
        load_foundation_demo()
        db.session.commit()
        load_plans_demo()
        version = db.session.scalar(select(PlanVersion).order_by(PlanVersion.number.desc()))
        url = f"/my-plan/versions/{version.public_id}/pdf"
    client = app.test_client()
    _post(client, "/my-plan/sign-in", {"identifier": DEMO_FAMILY_EMAIL, "password": DEMO_PASSWORD})
    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body).order_by(OutboxMessage.id.desc()))
    _post(client, "/my-plan/sign-in/code", {"code": re.search(r"\b(\d{6})\b", body).group(1)})

    print("| language | cold render (ms) | cached, median of 5 (ms) | PDF size (bytes) |")
    print("| --- | --- | --- | --- |")
    for lang in ("en", "ar"):
        start = time.perf_counter()
        first = client.get(f"{url}?lang={lang}")
        cold = (time.perf_counter() - start) * 1000
        assert first.status_code == 200, first.status_code
        cached = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            again = client.get(f"{url}?lang={lang}")
            cached.append((time.perf_counter() - start) * 1000)
            assert again.data == first.data
        print(f"| {lang} | {cold:.0f} | {statistics.median(cached):.1f} | {len(first.data)} |")


if __name__ == "__main__":
    main()
