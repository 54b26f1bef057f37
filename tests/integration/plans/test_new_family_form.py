"""The practitioner's new-family form asks each question in words."""

from portal.core.access import Role


def test_new_family_form_asks_about_an_interpreter_in_words(
    client, sign_in, make_account, page_check
):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    page = page_check(client.get("/practitioners/families/new"))
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert legends == ["Does the family need an interpreter?"]
