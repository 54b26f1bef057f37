"""Merging one theme into another happens once, however often the form is sent at once.

Two participation officers' clients send the same merge through a barrier (see
tests/integration/referrals/test_races.py for why SQLite skips this).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.coproduction.models import Answer, AnswerTheme, Theme
from portal.coproduction.views import officer_themes
from portal.core.access import Role
from portal.core.audit import AuditAction, AuditEvent
from portal.extensions import db
from tests.conftest import csrf_token_from, post_form
from tests.integration.coproduction.factories import add_responses, make_open_survey
from tests.integration.referrals.test_races import (
    at_once,
    count,
    meet_before,
    needs_concurrent_writers,
)

pytestmark = [pytest.mark.both_databases, pytest.mark.real_commits]

HOME = "/practitioners/have-your-say"


def test_the_same_merge_sent_twice_at_once_merges_once(
    app, make_account, sign_in, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    officers = [app.test_client(), app.test_client()]
    for client in officers:
        sign_in(client, make_account([Role.PARTICIPATION]))
    public_id = make_open_survey(app)
    add_responses(app, public_id, [{"change": ["later buses"]}, {"change": ["bus fares"]}])
    with app.app_context():
        answers = {a.values[0]: a for a in db.session.scalars(select(Answer))}
        pages = {k: (a.public_id, a.response.public_id) for k, a in answers.items()}
    for (answer_id, response_id), name in zip(pages.values(), ["Buses", "Money"], strict=True):
        page = f"{HOME}/{public_id}/responses/{response_id}"
        assert post_form(officers[0], page, {f"new_{answer_id}": name}).status_code == 302
    with app.app_context():
        themes = {t.name: t.public_id for t in db.session.scalars(select(Theme))}
    themes_page = f"{HOME}/{public_id}/themes"
    tokens = [csrf_token_from(client.get(themes_page)) for client in officers]
    meet_before(monkeypatch, officer_themes, "merge_themes")

    def merge(index: int):
        data = {"csrf_token": tokens[index], "source": themes["Money"], "target": themes["Buses"]}
        return lambda: officers[index].post(f"{themes_page}/merge", data=data)

    responses = at_once(merge(0), merge(1))

    assert [r.status_code for r in responses] == [302, 302]
    with app.app_context():
        assert [t.name for t in db.session.scalars(select(Theme))] == ["Buses"]
        tagged = db.session.scalars(select(AnswerTheme)).all()
        assert len(tagged) == 2 and {t.theme_id for t in tagged} == {
            db.session.scalar(select(Theme.id))
        }
    merged = select(func.count(AuditEvent.id)).where(
        AuditEvent.action == AuditAction.SURVEY_THEMES_MERGED
    )
    assert count(app, merged) == 1
    for client in officers:
        page = client.get(themes_page).get_data(as_text=True)
        assert "Choose two different themes to merge" not in page
