"""Phone numbers as people see them: tel: links, kept left-to-right in right-to-left pages."""

from __future__ import annotations

import re

import phonenumbers
from markupsafe import Markup

# A UK number as content writes it: "01632 960 123", "0808 2000 247", "020 7946 0000".
UK_NUMBER = re.compile(r"(?<![\w+])0\d{2,4}(?: \d{3,6}){1,2}(?![\w])|(?<![\w+])0\d{9,10}(?!\w)")


def tel_href(number: str) -> str:
    """The tel: address of a number: E.164 for UK numbers, the digits for 999 or 116 123."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        parsed = None
    dialled_in_full = number.lstrip().startswith(("0", "+"))
    if parsed is not None and dialled_in_full and phonenumbers.is_possible_number(parsed):
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "tel:" + re.sub(r"[^\d+]", "", number)


def is_uk_number(text: str) -> bool:
    """True when text is a whole UK phone number that could be dialled."""
    if not UK_NUMBER.fullmatch(text):
        return False
    return phonenumbers.is_possible_number(phonenumbers.parse(text, "GB"))


def phone_link(number: object) -> Markup:
    """A number as a link that dials it, isolated left-to-right so its digit groups keep order."""
    text = str(number or "").strip()
    if not text:
        return Markup("")
    return Markup('<a class="govuk-link app-phone" href="{}"><bdi dir="ltr">{}</bdi></a>').format(
        tel_href(text), text
    )
