"""Every message is written in its recipient's language, whatever the sender's page says."""

import re

from sqlalchemy import select, update

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.plans.models import Family
from portal.referrals.models import Referral
from tests.conftest import csrf_token_from, post_form
from tests.integration.plans.plan_factories import family_with_plan
from tests.integration.referrals.test_front_door import submitted_referral


def _message_to(app, recipient: str) -> OutboxMessage:
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == recipient)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
        db.session.expunge(message)
        return message


def test_a_polish_family_is_invited_in_polish(app, client, sign_in, make_account, page_check):
    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family = family_with_plan(lead, versions=1)
        db.session.execute(
            update(Family).where(Family.id == family.id).values(preferred_language="pl")
        )
        db.session.commit()
        family_id = family.public_id
    sign_in(client, lead)
    url = f"/practitioners/families/{family_id}/invite"
    response = post_form(
        client, f"{url}?lang=en", {"display_name": "Kasia", "contact": "kasia@example.com"}
    )
    assert response.status_code == 302
    message = _message_to(app, "kasia@example.com")
    link = re.search(r"https?://\S+", message.body).group(0)
    assert message.subject == "Zobacz plan swojej rodziny"
    assert message.body == (
        f"Dzień dobry, Kasia. {lead.display_name} zaprasza Cię do obejrzenia planu Twojej "
        f"rodziny w internecie. Otwórz ten link, aby zacząć: {link}"
    )

    # The family opens the link on a phone set to English: the page is in Polish...
    family_phone = app.test_client()
    path = link.split("localhost", 1)[1]
    opened = family_phone.get(path, headers={"Accept-Language": "en"}, follow_redirects=True)
    soup = page_check(opened, expect_lang="pl")
    assert soup.h1.get_text(strip=True) == "Zobacz plan swojej rodziny"
    # ...unless they choose English.
    english = page_check(family_phone.get(f"{path}?lang=en"), expect_lang="en")
    assert english.h1.get_text(strip=True) == "See your family's plan"


def test_the_referrer_hears_from_the_front_door_in_their_language(
    app, client, sign_in, make_account
):
    partner = make_account([Role.PARTNER], kind="partner")
    client.get("/?lang=pl")  # the referrer uses the portal in Polish
    sign_in(client, partner)
    with app.app_context():
        assert db.session.get(Account, partner.id).locale == "pl"
    public_id = submitted_referral(client)
    with app.app_context():
        reference = db.session.scalar(
            select(Referral.reference).where(Referral.public_id == public_id)
        )

    desk = app.test_client()
    desk.get("/?lang=en")
    sign_in(desk, make_account([Role.FRONT_DOOR]))
    read_url = f"/practitioners/front-door/{public_id}"
    page = desk.get(read_url)
    assert '<html lang="en"' in page.get_data(as_text=True)
    asked = desk.post(
        f"{read_url}/ask",
        data={"csrf_token": csrf_token_from(page), "ask-body": "Does mum know?"},
    )
    assert asked.status_code == 302
    message = _message_to(app, partner.email)
    assert message.subject == f"Punkt przyjęć ma pytanie dotyczące {reference}"
    assert message.body == (
        f"Zaloguj się, aby przeczytać i odpowiedzieć: http://localhost/refer/{public_id}/outcome"
    )
