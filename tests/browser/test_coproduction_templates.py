"""Every co-production page template passes axe-core in English and Arabic at 320 and 1280 px."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.coproduction.models import Answer, EntryStatus, Survey
from portal.coproduction.page_feedback import record_page_feedback
from portal.coproduction.sensemaking import create_theme, publish_entry, set_answer_themes
from portal.core.access import Role
from portal.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE, browser_sign_in, each_width_and_language
from tests.integration.coproduction.factories import add_responses, make_open_survey

pytestmark = pytest.mark.browser

HOME = "/practitioners/have-your-say"


def seed(app: Flask) -> tuple[str, str]:
    """A survey with answers, a theme, an entry and page feedback; and a closed survey."""
    public_id = make_open_survey(app, slug="sweep", languages=["ar"])
    make_open_survey(app, slug="sweep-closed", closes_in_days=-1)
    add_responses(
        app,
        public_id,
        [{"feel": ["happy"], "day": ["fri"], "change": ["Later buses"]}] * 5
        + [{"change": ["He hits me"]}],
    )
    with app.app_context():
        survey = db.session.scalar(select(Survey).where(Survey.public_id == public_id))
        theme, _ = create_theme(survey, "Buses")
        first = db.session.scalars(select(Answer).where(Answer.values == ["Later buses"])).first()
        set_answer_themes(first, [theme])
        publish_entry(
            survey,
            theme_name="Buses",
            you_said="The bus home leaves too early.",
            we_did="The club now ends before the last bus.",
            status=EntryStatus.IN_PROGRESS,
            happens_on=None,
            published_by_id=None,
        )
        record_page_feedback("/", useful=False, missing="Opening times", locale="en")
        response_id = first.response.public_id
        db.session.commit()
    return public_id, response_id


def check(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


def test_every_coproduction_page(new_page, live_account, live_app: Flask) -> None:
    public_id, response_id = seed(live_app)
    officer = new_page(PHONE)
    browser_sign_in(officer, live_account([Role.PARTICIPATION]), live_app)
    for lang in each_width_and_language(officer):
        officer.goto(f"{HOME}?lang={lang}")
        survey = f"{HOME}/{public_id}"
        for path in [
            HOME,
            f"{HOME}/new",
            survey,
            f"{survey}/details",
            f"{survey}/questions/new",
            f"{survey}/translations/ar",
            f"{survey}/preview/1",
            f"{survey}/paper",
            f"{survey}/responses",
            f"{survey}/responses/{response_id}",
            f"{survey}/themes",
            f"{survey}/results",
            f"{survey}/you-said-we-did",
            f"{HOME}/safety-words",
            f"{HOME}/page-feedback",
        ]:
            check(officer, path)
        # A form sent with mistakes, so the error summary is checked too.
        officer.goto(f"{HOME}/new")
        officer.locator("main form button.govuk-button").last.click()
        expect(officer.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(officer)

        visitor = new_page(officer.viewport_size)
        visitor.goto(f"/you-said-we-did?lang={lang}")
        assert_accessible(visitor)
        for path in [
            "/page-feedback/missing?page=/you-said-we-did",
            "/you-said-we-did/sweep",
            "/have-your-say/sweep-closed",
            "/have-your-say/sweep",
        ]:
            check(visitor, path)
        visitor.locator("main form button.govuk-button--start").click()
        for _ in range(3):
            expect(visitor.locator("h1")).to_have_count(1)
            assert_accessible(visitor)
            visitor.locator("main form button.govuk-button").last.click()
        expect(visitor.locator("h1")).to_have_count(1)
        assert_accessible(visitor)
        visitor.locator("main form button.govuk-button").last.click()
        expect(visitor.locator(".govuk-panel")).to_be_visible()
        assert_accessible(visitor)
