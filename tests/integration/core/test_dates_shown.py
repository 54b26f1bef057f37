"""People read dates and times as GOV.UK writes them, on London's clock."""

from datetime import UTC, datetime

from sqlalchemy import select, update

from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.models import PlanVersion
from portal.plans.service import publish_version, save_draft, start_draft
from portal.referrals.models import Referral
from tests.integration.plans.plan_factories import family_with_plan
from tests.integration.referrals.test_front_door import submitted_referral


def _plan_with_dates(app, lead) -> tuple[str, str]:
    with app.app_context():
        family = family_with_plan(lead, versions=1)
        account = db.session.get(Account, lead.id)
        draft = start_draft(account, family.plan)
        body = load_body(draft.body).to_dict()
        body["next_meeting"] = "2026-12-02"
        body["next_meeting_what"] = "Review at school"
        body["goals"][0]["actions"][0]["by_when"] = "2027-01-15"
        save_draft(account, draft, load_body(body))
        publish_version(account, draft, "Dates added")
        db.session.commit()
        # Published at 23:30 UTC on 31 March 2026: already 1 April in London (BST).
        db.session.execute(
            update(PlanVersion)
            .where(PlanVersion.id == draft.id)
            .values(published_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
        )
        db.session.commit()
        return family.public_id, draft.public_id


def test_plan_page_dates_in_govuk_style(app, client, sign_in, make_account, page_check):
    lead = make_account([Role.LEAD_PRACTITIONER])
    family_id, version_id = _plan_with_dates(app, lead)
    sign_in(client, lead)
    page = page_check(client.get(f"/practitioners/families/{family_id}/versions/{version_id}"))
    text = " ".join(page.get_text().split())
    assert "2 December 2026: Review at school" in text
    assert "By 15 January 2027" in text
    assert "Published on 1 April 2026" in text
    assert "December 2, 2026" not in text
    polish = page_check(
        client.get(f"/practitioners/families/{family_id}/versions/{version_id}?lang=pl")
    )
    assert "2 grudnia 2026" in " ".join(polish.get_text(" ").split())


def test_front_door_queue_shows_london_times(app, client, sign_in, make_account, page_check):
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    public_id = submitted_referral(client)
    with app.app_context():
        # 13:05 UTC on Tuesday 2 June 2026 is 2:05pm in London (BST).
        db.session.execute(
            update(Referral)
            .where(Referral.public_id == public_id)
            .values(submitted_at=datetime(2026, 6, 2, 13, 5, tzinfo=UTC))
        )
        db.session.commit()
        route = db.session.scalar(
            select(Referral.triage_route).where(Referral.public_id == public_id)
        )
    assert route == "family-help"  # amber: one working day
    desk = app.test_client()
    sign_in(desk, make_account([Role.FRONT_DOOR]))
    page = page_check(desk.get("/practitioners/front-door"))
    cells = [" ".join(td.get_text(" ").split()) for td in page.select("tbody tr td")]
    assert "2 June 2026 at 2:05pm" in cells
    assert "3 June 2026 at 2:05pm Overdue" in cells
    assert not any("13:05" in cell or "14:05" in cell for cell in cells)
