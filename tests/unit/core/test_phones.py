"""Phone numbers become tel: links that keep their digit groups in order in Arabic and Urdu."""

import pytest

from portal.core.phones import is_uk_number, phone_link, tel_href


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("01632 960 123", "tel:+441632960123"),
        ("01632 960100", "tel:+441632960100"),
        ("0808 2000 247", "tel:+448082000247"),
        ("0800 1111", "tel:+448001111"),
        ("999", "tel:999"),
        ("116 123", "tel:116123"),
    ],
)
def test_tel_href_dials_the_number(number: str, href: str) -> None:
    assert tel_href(number) == href


def test_phone_link_is_isolated_left_to_right() -> None:
    assert str(phone_link("01632 960 123")) == (
        '<a class="govuk-link app-phone" href="tel:+441632960123">'
        '<bdi dir="ltr">01632 960 123</bdi></a>'
    )


def test_phone_link_escapes_what_it_is_given() -> None:
    assert "<b>" not in str(phone_link("<b>0</b>"))
    assert str(phone_link(None)) == ""


@pytest.mark.parametrize(
    ("text", "is_number"),
    [("01632 960 123", True), ("020 7946 0000", True), ("2026 1234", False), ("0 1", False)],
)
def test_is_uk_number(text: str, is_number: bool) -> None:
    assert is_uk_number(text) is is_number
