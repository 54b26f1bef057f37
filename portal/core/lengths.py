"""One maximum-length check for every form field, with a message that names the field.

Each form's limit matches its column (or the JSON it is stored in), so text that is too long
gets "Family name must be 200 characters or fewer" instead of a database error.
"""

from __future__ import annotations

from flask_babel import gettext
from wtforms import Field
from wtforms.form import BaseForm
from wtforms.validators import Length, ValidationError


class MaxLength(Length):
    """Length(max=...) whose message says which field and how many characters."""

    def __init__(self, max: int) -> None:
        super().__init__(max=max)

    def __call__(self, form: BaseForm, field: Field) -> None:
        if field.data is not None and len(field.data) > self.max:
            raise ValidationError(
                gettext(
                    "%(label)s must be %(max)s characters or fewer",
                    label=str(field.label.text),
                    max=self.max,
                )
            )


class MaxLineLength:
    """Each line of a text area (one name per line) fits the column it is stored in."""

    def __init__(self, max: int) -> None:
        self.max = max

    def __call__(self, form: BaseForm, field: Field) -> None:
        lines = (field.data or "").splitlines()
        if any(len(line.strip()) > self.max for line in lines):
            raise ValidationError(
                gettext("Each name must be %(max)s characters or fewer", max=self.max)
            )
