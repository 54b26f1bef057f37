"""A three-box date field copes with any number of parts posted: an error message, not a 500."""

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.validators import Optional

from portal.core.date_fields import DayMonthYearField


class MeetingDate(Form):
    when = DayMonthYearField("When", validators=[Optional()])


@given(st.lists(st.text(max_size=6), max_size=6))
def test_any_parts_give_three_boxes_and_a_date_or_a_message(parts: list[str]) -> None:
    form = MeetingDate(MultiDict([("when", part) for part in parts]))
    valid = form.validate()
    assert len(form.when.raw_data) == 3  # none posted at all too: the widget draws three boxes
    if len(parts) != 3 and "".join(parts).strip():
        assert not valid
        assert form.when.errors == ["Enter a real date, for example 27 3 2027"]


def test_three_parts_make_a_date() -> None:
    form = MeetingDate(MultiDict([("when", "2"), ("when", "6"), ("when", "2027")]))
    assert form.validate() and form.when.data.isoformat() == "2027-06-02"
