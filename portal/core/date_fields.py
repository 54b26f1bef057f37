"""A date typed in GOV.UK's three boxes: wrong part counts and impossible numbers ask again."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.form import BaseForm
from wtforms.validators import ValidationError

DATE_PARTS = 3
WRONG_PARTS = _l("Enter a real date, for example 27 3 2027")


class DayMonthYearField(DateField):
    """Day, month and year boxes sharing one name; wrong part counts are a wrong date, not a 500."""

    def __init__(self, label: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(label, **kwargs)
        self.wrong_parts = False

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            # A POST without the boxes at all (a script, an old page): three empty boxes, no date.
            self.raw_data = [""] * DATE_PARTS
            self.data = None
            self.wrong_parts = False
            return
        self.wrong_parts = len(valuelist) != DATE_PARTS
        if self.wrong_parts:
            # The widget shows raw_data as exactly three boxes: keep what fits, store no date.
            self.raw_data = [*valuelist, "", "", ""][:DATE_PARTS]
            self.data = None
            self.wrong_parts = bool("".join(valuelist).strip())
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            # Not a date at all (letters, day 32, a day of 99999999999999999999): ask the same way.
            raise ValueError(str(WRONG_PARTS)) from None

    def post_validate(self, form: BaseForm, validation_stopped: bool) -> None:
        # After the chain, so Optional (which looks only at the first box) cannot hide it.
        if self.wrong_parts:
            raise ValidationError(str(WRONG_PARTS))
