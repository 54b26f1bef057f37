"""The co-production demo data loads once and shows on the public pages."""

from sqlalchemy import func, select

from portal.coproduction.demo import DEMO_SLUG, load_coproduction_demo
from portal.coproduction.models import Survey, SurveyResponse
from portal.extensions import db


def test_demo_survey_loads_once_and_is_public(app, client, page_check):
    with app.app_context():
        load_coproduction_demo()
        db.session.commit()
        load_coproduction_demo()
        db.session.commit()
        assert db.session.scalar(select(func.count(Survey.id))) == 1
        assert db.session.scalar(select(func.count(SurveyResponse.id))) == 12
    soup = page_check(client.get(f"/you-said-we-did/{DEMO_SLUG}"))
    assert "12 people answered." in soup.get_text(" ")
    cells = {r.th.get_text(strip=True): r.td.get_text(strip=True) for r in soup.select("tbody tr")}
    # Quiet space (1) is too small, so Things to do (5) is hidden as well: 12 minus the
    # others would give it away.
    assert cells == {
        "Buses": "6",
        "Things to do": "fewer than 5",
        "Quiet space": "fewer than 5",
    }
