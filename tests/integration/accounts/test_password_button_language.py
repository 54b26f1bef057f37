"""The password box's "Show" button speaks the page's language on every page that has one."""

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask_babel import force_locale, gettext

PASSWORD_PAGES = ["/sign-in", "/my-plan/sign-in"]


@pytest.mark.parametrize("path", PASSWORD_PAGES)
@pytest.mark.parametrize("lang", ["en", "ar", "pl"])
def test_the_show_button_is_in_the_page_language(app: Flask, client, path: str, lang: str) -> None:
    page = BeautifulSoup(client.get(f"{path}?lang={lang}").get_data(as_text=True), "html.parser")
    box = page.select_one("[data-module=govuk-password-input]")
    assert box is not None
    with app.test_request_context(), force_locale(lang):
        show, hide = gettext("Show"), gettext("Hide")
    if lang != "en":
        assert show != "Show"  # the catalogue has a word for it
    assert box["data-i18n.show-password"] == show
    assert box["data-i18n.hide-password"] == hide
    assert page.select_one(".govuk-password-input__toggle").get_text(strip=True) == show
